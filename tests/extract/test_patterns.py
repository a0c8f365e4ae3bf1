"""Facts read from one sentence, English and Chinese (sentences from real abstracts)."""

import pytest

from summarizer.extract.mentions import sentence_facts

CASES = [
    # (sentence, lang, field, values of that field, evidence of the first hit)
    ("29 patients were screened for eligibility, eight of whom were enrolled in the study.", "en",
     "n_screened", [29], "29"),
    ("29 patients were screened for eligibility, eight of whom were enrolled in the study.", "en",
     "n_enrolled", [8], "eight"),
    ("Forty patients with active SLE were enrolled from 4 clinical centers in China.", "en",
     "n_enrolled", [40], "Forty"),
    ("Six women with a SLEDAI >6 received one intravenous infusion of 1×106 MSCs/kg.", "en",
     "sex", [{"female": 6}], "Six women"),
    ("Six women with a SLEDAI >6 received one intravenous infusion of 1×106 MSCs/kg.", "en",
     "n_treated", [6], "Six"),
    ("Thirty women in the group that underwent surgery received radiotherapy.", "en",
     "n_treated", [], None),
    ("with 98 patients randomized into the tamoxifen arm and 96 into the MPA arm.", "en",
     "n_randomized", [], None),
    ("We randomised 333 patients to receive either LHRH agonist or chemotherapy.", "en",
     "n_randomized", [333], "333"),
    ("150 patients with breast cancer of T0N1, T1, N1, T2N0, and T2N1 were randomized.", "en",
     "n_randomized", [150], "150"),
    ("Women participating in two randomized controlled trials.", "en", "n_randomized", [], None),
    ("12 例经环磷酰胺治疗无效的系统性硬化症患者接受骨髓间充质干细胞静脉输注(1×106/kg)。", "zh",
     "n_treated", [12], "12"),
    ("骨髓间充质干细胞移植治疗重度系统性硬化症的临床观察", "zh", "condition", ["系统性硬化症"],
     "系统性硬化症"),
    ("观察骨髓间充质干细胞移植治疗重度系统性硬化症的安全性和疗效。", "zh", "intervention",
     ["骨髓间充质干细胞移植"], "骨髓间充质干细胞移植"),
    ("Bone marrow mesenchymal stromal cells for refractory lupus nephritis: a randomised trial",
     "en", "intervention", ["bone marrow mesenchymal stromal cells"],
     "Bone marrow mesenchymal stromal cells"),
    ("To compare a single intra-articular injection of autologous\n      adipose-derived stromal "
     "vascular fraction (SVF) with hyaluronic acid in knee\n      osteoarthritis.", "en",
     "comparator", ["hyaluronic acid"], "hyaluronic acid"),
    ("Eighteen adults received 3 x 107, 6 x 107 or\n      9 x 107 umbilical cord MSCs "
     "intravenously.", "en", "dose",
     [{"value": v, "unit": "cells", "mantissa": m, "exponent": 7, "lost": True, "given": True}
      for v, m in ((3e7, 3.0), (6e7, 6.0), (9e7, 9.0))], "3 x 107"),
    ("The oxygenation index improved in 13 of 18 patients by day 14.", "en", "result",
     [{"numerator": 13, "denominator": 18, "percent": None, "ci": None, "p": None}],
     "13 of 18 patients"),
    ("Of the 4742 patients enrolled, 2362 were randomly assigned to switch to exemestane, and 2380 "
     "to continue tamoxifen.", "en", "n_enrolled", [4742], "4742"),
    ("Of the 4742 patients enrolled, 2362 were randomly assigned to switch to exemestane, and 2380 "
     "to continue tamoxifen.", "en", "n_randomized", [], None),
    ("The trial stopped after 74 of the planned 92 patients were enrolled.", "en", "n_enrolled",
     [74], "74"),
    ("Seventy breast cancer patients were randomly assigned to use topical ATV 1% or placebo.",
     "en", "n_randomized", [70], "Seventy"),
    ("Patients (n = 48) were prepared for axillary lymph-node dissection.", "en", "n_enrolled",
     [48], "48"),
    ("In total, 105 women participated (mean ± SD age, 53.8 ± 8.2 years).", "en", "n_enrolled",
     [105], "105"),
    ("In the PCO trial, patients with breast cancer (n = 88) were randomly assigned to an "
     "intervention.", "en", "n_enrolled", [88], "88"),
    ("We randomly assigned 86 patients to standard care plus MSCs (n=43) or standard care alone "
     "(n=43).", "en", "n_enrolled", [], None),
    ("Forty patients were randomly divided into two groups.", "en", "n_randomized", [40], "Forty"),
    ("Among 226 randomized patients (mean [SD] age, 60.7 [8.6] years), 88% were white.", "en",
     "n_randomized", [226], "226"),
    ("A total of 120 patients were randomly assigned to the two groups.", "en",
     "n_randomized", [120], "120"),
    ("6 名女性 SLEDAI >6,标准治疗失败,接受 1×10 MSCs/kg 的静脉输注。", "zh", "n_treated", [6],
     "6"),
    ("共纳入 8 例患者。", "zh", "n_enrolled", [8], "8"),
    ("筛选了二十九名患者。", "zh", "n_screened", [29], "二十九"),
    ("Seven (88%) of eight participants were cisgender women and one (13%) was a cisgender man.",
     "en", "sex", [{"female": 7}, {"male": 1}], "Seven (88%) of eight participants were "
     "cisgender women"),
    ("The median age was 35 years (range 26-57) and the median SLE disease duration was 12 years.",
     "en", "age", [{"median": 35, "min": 26, "max": 57, "sd": None, "unit": "years"}],
     "median age was 35 years (range 26-57)"),
    ("中位年龄为 35 岁(范围 26-57)。", "zh", "age",
     [{"median": 35, "min": 26, "max": 57, "sd": None, "unit": "years"}],
     "中位年龄为 35 岁(范围 26-57)"),
    ("Eligible patients were aged 18-70 years.", "en", "age", [], None),
    ("Average age was 61 ± 9 years.", "en", "age",
     [{"mean": 61, "min": None, "max": None, "sd": 9, "unit": "years"}], "Average age was 61 ± 9"),
    ("Allogenic UCMSCs were infused intravenously on days 0 and 7.", "en", "schedule",
     ["days 0 and 7"], "on days 0 and 7"),
    ("患者于第 0 天和第 7 天接受静脉输注。", "zh", "schedule", ["days 0 and 7"],
     "第 0 天和第 7 天"),
    ("Patients received one intravenous infusion.", "en", "route", ["intravenous"], "intravenous"),
    ("接受单次静脉输注。", "zh", "schedule", ["single infusion"], "单次静脉输注"),
    ("静脉输注 UC-MSC 1×10 个/kg,每周 1 次,共 3 次,随访 24 周。", "zh", "schedule",
     ["once weekly, 3 doses"], "每周 1 次,共 3 次"),
    ("Patients received 2 x 106 MSCs/kg weekly for four weeks.", "en", "schedule",
     ["weekly for 4 weeks"], "weekly for four weeks"),
    ("This prospective, single-centre, open-label, dose-escalation, Bayesian phase 1 study was done"
     " at the SaintLouis University Hospital (Paris, France).", "en", "tag",
     ["prospective", "single-centre", "open-label", "dose-escalation", "Bayesian"], "prospective"),
    ("This prospective, single-centre, open-label phase 1 study was done at the SaintLouis "
     "University Hospital (Paris, France).", "en", "country", ["France"], "France"),
    ("这项 I 期试验表明,脐带 MSC 输注非常安全。", "zh", "phase", ["1"], "I 期试验"),
    ("A randomised, double-blind, placebo-controlled phase 2/3 trial.", "en", "phase", ["2/3"],
     "phase 2/3"),
    ("Placebo-controlled trials are needed to confirm clinical efficacy.", "en", "tag", [], None),
    ("Patients were randomly assigned to rituximab or placebo.", "en", "comparator", ["placebo"],
     "placebo"),
    ("Of six patients, five (83.3%; 95% CI 35.9% to 99.6%) achieved the clinical endpoint.", "en",
     "result", [{"numerator": 5, "denominator": 6, "percent": 83.3, "ci": [35.9, 99.6],
                 "p": None}], "Of six patients, five (83.3%; 95% CI 35.9% to 99.6%)"),
    ("在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)达到 SRI 为 4 的临床终点。", "zh", "result",
     [{"numerator": 5, "denominator": 6, "percent": 83.3, "ci": [35.9, 99.6], "p": None}],
     "在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)"),
    ("Thirteen and eleven patients achieved MCR (13/40, 32.5%) and PCR (11/40, 27.5%).", "en",
     "result", [{"numerator": 13, "denominator": 40, "percent": 32.5, "ci": None, "p": None},
                {"numerator": 11, "denominator": 40, "percent": 27.5, "ci": None, "p": None}],
     "13/40, 32.5%"),
    ("The overall survival rate was 92.5% (37/40).", "en", "result",
     [{"numerator": 37, "denominator": 40, "percent": 92.5, "ci": None, "p": None}],
     "92.5% (37/40)"),
    ("No severe adverse events and three infusion-related adverse events (two grade 1 and one "
     "grade 2) occurred.", "en", "ae_count",
     [{"n": 0, "serious": True, "related": None, "text": "No severe adverse events"},
      {"n": 3, "serious": None, "related": True, "text": "three infusion-related adverse events"}],
     "No severe adverse events"),
    ("No severe adverse events and three infusion-related adverse events (two grade 1 and one "
     "grade 2) occurred.", "en", "ae_grade", [{"grade": 1, "n": 2}, {"grade": 2, "n": 1}],
     "two grade 1"),
    ("未观察到移植相关的严重不良事件。", "zh", "ae_count",
     [{"n": 0, "serious": True, "related": True, "text": "未观察到移植相关的严重不良事件"}],
     "未观察到移植相关的严重不良事件"),
    ("After 12<middle dot>4 months (range 12-13) of follow-up, no events occurred.", "en",
     "follow_up", [{"value": 12.4, "unit": "months", "min": 12, "max": 13}],
     "12<middle dot>4 months (range 12-13) of follow-up"),
    ("After 12·4 months (range 12–13) of follow-up, no events occurred.", "en", "follow_up",
     [{"value": 12.4, "unit": "months", "min": 12, "max": 13}],
     "12·4 months (range 12–13) of follow-up"),
    ("8例患者接受脐带间充质干细胞输注。", "zh", "n_treated", [8], "8"),
    ("患者随访 12 个月。", "zh", "follow_up",
     [{"value": 12, "unit": "months", "min": None, "max": None}], "随访 12 个月"),
    ("Forty patients were enrolled from 4 clinical centers in China.", "en", "centres", [4],
     "4 clinical centers in China"),
    ("来自中国 4 家临床中心的 40 例患者。", "zh", "country", ["China"], "中国"),
    ("This study is registered with ClinicalTrials.gov, NCT03562065, and the EU Clinical Trials "
     "Register, EudraCT2017-001400-29.", "en", "registration",
     ["NCT03562065", "EudraCT 2017-001400-29"], "NCT03562065"),
    ("注册号 ChiCTR2000029990。", "zh", "registration", ["ChiCTR2000029990"], "ChiCTR2000029990"),
    ("Reports of clinical improvement in lupus patients at a single centre in China led us to "
     "perform this trial.", "en", "country", [], None),
    ("Second endpoints included major clinical response (MCR), partial clinical response (PCR)and "
     "relapse.", "en", "outcome",
     [{"name": "major clinical response (MCR)", "primary": False},
      {"name": "partial clinical response (PCR)", "primary": False},
      {"name": "relapse", "primary": False}], "major clinical response (MCR)"),
]


@pytest.mark.parametrize("sentence, lang, field, values, evidence", CASES)
def test_sentence_facts(sentence, lang, field, values, evidence):
    hits = [h for h in sentence_facts(sentence, lang) if h.field == field]
    assert [h.value for h in hits] == values
    if evidence is not None:
        assert sentence[hits[0].start:hits[0].end] == evidence
