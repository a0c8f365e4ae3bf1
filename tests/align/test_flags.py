"""QA flags with their evidence, on beads built by hand (no encoder needed)."""

import numpy as np
import pytest

from summarizer.align.aligner import TokenSupport
from summarizer.align.flags import add_flags, term_renderings
from summarizer.schema import Bead


def flags_of(en, zh, beads):
    add_flags(beads, en, zh)
    return [[(f.kind, f.evidence) for f in b.flags] for b in beads]


@pytest.mark.parametrize(("en", "zh", "expected"), [
    ("Of six patients, five (83.3%) responded.", "6 名患者中有 5 名（83%）应答。",
     [("number-mismatch", {"en_only": ["83.3%"], "zh_only": ["83%"]})]),
    ("Forty patients were enrolled; 40 patients completed.", "共入组40例，40例完成。", []),
    ("They received 1×10⁶ MSCs/kg.", "接受 1×10 MSCs/kg 输注。",
     [("number-mismatch", {"en_only": ["1×10⁶"], "zh_only": ["1×10"]}),
      ("lost-exponent", {"lang": "zh", "numbers": ["1×10"]})]),
    ("The response rate was 35.9%.", "应答率为35.9例。",
     [("unit-mismatch", {"units": [["35.9%", "35.9例"]]})]),
    ("The drug was safe.", "该药物 was well tolerated by patients 安全。",
     [("untranslated", {"words": ["was", "well", "tolerated", "patients"]})]),
    # dates, ordinals and names with numbers agree across the languages (real WMT beads)
    ("1124 swans were counted on 15 February 2013.", "2013 年2月15日共有 1124 只大天鹅。", []),
    ("At WHO's 4th global meeting it was amended.", "世卫组织第四届全球会议修正了定义。", []),
    ("The COVID-19 pandemic may co-circulate with influenza.", "新冠肺炎疫情可能与流感叠加流行。",
     []),
    ("Vaccinate by the end of October.", "最好在10月底前完成接种。", []),
    ("Both patients were in a moderate coma.", "2例患者均呈中度昏迷。", []),
])
def test_bead_flags(en, zh, expected):
    assert flags_of([en], [zh], [Bead([0], [0], 0.95)]) == [expected]


def test_sentences_without_counterpart():
    en, zh = ["Adverse events were minimal.", "NCT03171194."], ["不良事件很少。", "另见附录。"]
    beads = [Bead([0], [0], 0.9), Bead([1], [], 0.7), Bead([], [1], 0.7)]
    kinds = [[k for k, _ in f] for f in flags_of(en, zh, beads)]
    assert kinds == [[], ["omission"], ["addition"]]


@pytest.mark.parametrize(("zh", "kind"), [
    ("不良事件很少。", "omission"),
    ("不良事件很少，没有患者因任何原因提前退出研究，但有两名患者出现严重感染并住院治疗，随后全部康复出院。",
     "addition"),
])
def test_low_confidence_bead_is_a_gap_by_length(zh, kind):
    en = ["Adverse events were minimal, and no patient left the study early for any reason."]
    flags = flags_of(en * 5, [zh] + ["不良事件很少，没有患者因任何原因提前退出研究。"] * 4,
                     [Bead([0], [0], 0.2)] + [Bead([i], [i], 0.9) for i in range(1, 5)])
    assert flags[0][0][0] == kind


def test_term_inconsistency_names_the_term_and_renderings():
    en = ["Each patient received one infusion.", "The infusion was safe.",
          "No infusion reaction occurred."]
    zh = ["每名患者接受一次输注。", "输注是安全的。", "未发生输液反应。"]
    flags = flags_of(en, zh, [Bead([i], [i], 0.95) for i in range(3)])
    assert flags[2] == [("term-inconsistency", {
        "term": "infusion", "here": "输液", "elsewhere": "输注", "counts": {"输注": 2, "输液": 1}})]
    assert flags[0] == flags[1] == []


def test_glossary_is_extended_by_cedict():
    renderings = term_renderings()
    assert {"患者", "病人"} <= renderings["patient"]
    assert "化学疗法" in renderings["chemotherapy"]


def test_a_sentence_absorbed_into_its_neighbours_bead_is_an_omission():
    # the Chinese of English 2 was deleted: the aligner joins English 1 and 2 to Chinese 1
    en = ["Forty patients with lupus were enrolled at four centres in China.",
          "Cells were infused intravenously on days 0 and 7.",
          "Mechanistic studies of immune cells were done in a subset of the patients."]
    zh = ["中国四家中心共纳入40例狼疮患者。", "细胞在第0天和第7天静脉输注。"]
    beads = [Bead([0], [0], 0.95), Bead([1, 2], [1], 0.9)]
    assert flags_of(en, zh, beads)[1][0][0] == "omission"


NUMBER_CASES = [
    # (English, Chinese, flag kinds): real-looking beads of translated abstracts
    ("In all, 1,555 women were enrolled between January 2013 and June 2015.",
     "2013年1月至2015年6月共纳入1555名女性。", []),
    ("Twenty-six patients received the vaccine.", "26例患者接种了疫苗。", []),
    # "May" before a year is a month; "两种方法" (two methods) is the extra 2, not 2周 (ChinaXiv
    # 201712.00467V1 and 201712.00568V1)
    ("Randomly selected from June 2014 to May 2016,49 cases with pulmonary heart disease.",
     "随机选取我院2014年6月~2016年5月49例确诊肺心病患者。", []),
    ("54 patients were imaged after 2 weeks,1 month,2 months and 3months of surgery.",
     "54例骨折术后患者，分别于术后2周、1个月、2个月和3个月成像，对比两种检查方法获得的图像。", []),
    ("Compared with the control group, PLT increased on the 4th-8th day (P<0.05).",
     "与对照组比较，干预后d 4-8 PLT明显升高（P<0.05）。", []),
    ("Legal cigarette consumption fell from 99.4 to 88.5 billion sticks.",
     "同期合法卷烟消费量从 994 下降至 885 亿支。", []),
    ("Only about 1 in 20 cigarettes consumed in India was illicit.",
     "在印度消费的卷烟中，只有大约二十分之一是非法的。", []),
    ("Enhancer of zeste homolog 2 (EZH2) is a histone methyltransferase.",
     "EZH2是一种组蛋白甲基转移酶。", []),
    ("Other high risk groups include children aged 6-59 months.",
     "其他高风险人群包括6月龄~5岁儿童。", []),
    ("COVID-19 may co-circulate with influenza in the coming winter-spring season.",
     "2020年新冠肺炎疫情可能在今冬明春与流感叠加流行。", []),
    # a p value Chinese gives after each comparison that English gives once (realworld-dev
    # ChinaXiv 201712.00609, its formulas spaced out by the PDF conversion), but not a changed one
    ("The treatment group had lower severity and incidence $( P { < } 0 . 0 5 )$ .",
     "反应程度显著低于对照组 $( P { < } 0 . 0 5 )$ ;发生率明显降低( $P { < } 0 . 0 5 )$ 。", []),
    ("Severity and incidence were lower (P<0.05).", "程度更低（P<0.05），发生率更低（P<0.01）。",
     ["number-mismatch"]),
    # a changed number, on either side, and a year changed on both
    ("Forty patients (40%) improved after 12 weeks.", "40例患者（41%）在12周后改善。",
     ["number-mismatch"]),
    ("The trial ran from 2015 to 2019.", "试验于2015年至2018年进行。", ["number-mismatch"]),
    ("The protease NS3/4A was crystallized.", "NS3/5A 蛋白酶被结晶。", ["number-mismatch"]),
    # a percentage added from the bead's counts, or counts the other side gives as a share
    ("Among 11 cases, 6 cases showed a 17p13 deletion.", "11例患者中6例（54%）携带17p13缺失。",
     ["count-vs-percent"]),
    ("Of 6 patients, 5 achieved the endpoint (83.3%).", "83.3%的患者达到终点。",
     ["count-vs-percent"]),
    # units: swapped within one dimension, or the same unit written in either language
    ("Patients were followed for 3 months.", "患者随访3周。", ["unit-mismatch"]),
    ("Each patient received 5 mg of the drug.", "每例患者接受该药5克。", ["unit-mismatch"]),
    ("The defect was 4-8 cm long.", "缺损长度为4～8 mm。", ["unit-mismatch"]),
    ("Saline (5 mL) was injected.", "注射生理盐水5毫升。", []),
    ("The median age was 35 years.", "中位年龄35岁。", []),
]


@pytest.mark.parametrize(("en", "zh", "kinds"), NUMBER_CASES)
def test_number_and_unit_flags(en, zh, kinds):
    (flags,) = flags_of([en], [zh], [Bead([0], [0], 0.95)])
    assert [kind for kind, _ in flags] == kinds


def test_a_count_the_other_document_states_elsewhere_is_no_mismatch():
    en = ["Nineteen children with JMML were studied.", "Of them, 14 cases were under 2 years."]
    zh = ["研究了19例JMML患儿。", "19例中14例＜2岁。"]
    assert flags_of(en, zh, [Bead([0], [0], 0.95), Bead([1], [1], 0.95)]) == [[], []]
    # the same bead alone, without the document that states 19, is flagged
    assert flags_of(en[1:], zh[1:], [Bead([0], [0], 0.95)])[0][0][0] == "number-mismatch"


@pytest.mark.parametrize(("en", "zh", "kinds"), [
    ("There was no significant difference between the groups (P>0.05).",
     "两组间差异有统计学意义（P>0.05）。", ["negation"]),
    ("There was no significant difference between the groups (P>0.05).",
     "两组间差异无统计学意义（P>0.05）。", []),
    ("The sponsor could not see the data and did not take part in writing.",
     "申办方不能查看数据，并且参与了文稿撰写。", ["negation"]),
    ("The sponsor could not see the data and did not take part in writing.",
     "申办方不能查看数据，并且未参与文稿撰写。", []),
    ("Adverse events were mild.", "不良事件轻微。", []),
    ("Patients were treated at The Affiliated Huai'an No.1 People's Hospital.",
     "患者在淮安第一医院接受治疗。", []),
    ("Robot-assisted placement improves accuracy without increasing bleeding.",
     "机器人辅助植钉在未增加出血的情况下提高了精确性。", []),
])
def test_negation_flags(en, zh, kinds):
    (flags,) = flags_of([en], [zh], [Bead([0], [0], 0.95)])
    assert [kind for kind, _ in flags] == kinds


def test_every_flag_message_is_one_line_that_says_what_to_check():
    en = ["Patients were followed for 3 months; none relapsed.", "Of 11 cases, 6 had it."]
    zh = ["患者随访3周；复发。", "11例中6例（54%）有。"]
    beads = [Bead([0], [0], 0.95), Bead([1], [1], 0.95)]
    add_flags(beads, en, zh)
    flags = [f for b in beads for f in b.flags]
    assert {f.kind for f in flags} == {"unit-mismatch", "negation", "count-vs-percent"}
    assert all("\n" not in f.message and "check" in f.message for f in flags)


@pytest.mark.parametrize(("zh", "flagged"), [
    # the convention of Chinese abstracts: an acronym spelled out in English in brackets
    ("探讨单髁关节置换术（unicompartmental knee arthroplasty，UKA）及全膝关节置换术。", False),
    ("特发性颅内高压 (Idiopathic intracranial hypertension IIH) 以颅内压升高为特征。", False),
    ("该药物 was well tolerated by patients 安全。", True),
    # the LaTeX of a PDF converted to Markdown (ChinaXiv 201712.00474V1) is no English left over
    ("平均手术时间 $1 4 0 { \\pm } 2 3 . 7 \\mathrm { m i n }$ ,平均住院时间 $7 . 4 { \\pm } 1 . 1 "
     "\\mathrm { d } _ { \\circ }$ 。", False),
    ("COVID-19 is a Public Health Emergency of International Concern (PHEIC).", True),
])
def test_untranslated_flags(zh, flagged):
    en = ["To explore the choice of unicompartmental knee arthroplasty (UKA)."]
    (flags,) = flags_of(en, [zh], [Bead([0], [0], 0.95)])
    assert ("untranslated" in [kind for kind, _ in flags]) is flagged


# Token support (tokens x Chinese sentences) is given by hand: how well each English
# sentence's tokens are matched by each Chinese sentence.
NUMBERED_OMISSIONS = [
    # WMT doc18 with the Chinese of English 2 deleted: the aligner pairs English 2 with the
    # next sentence's Chinese, which matches its tokens weakly (hardly better than a typical
    # Chinese sentence of the document) and lacks 14, 21, 75 and 35
    (["Eighteen patients with primary plasma cell leukemia were studied.",
      "There were 14 males and 4 females, aged 21 months to 75 years (median, 35 years)."],
     ["研究纳入18例原发性浆细胞白血病患者。", "病程 2 周～60 个月，中位病程 4 个月。"],
     TokenSupport(en=[np.array([[0.9, 0.3]] * 4), np.array([[0.30, 0.40]] * 6)],
                  zh=[np.array([[0.9, 0.3]] * 4), np.array([[0.3, 0.33]] * 6)]),
     [Bead([0], [0], 0.99), Bead([1], [1], 0.97)], 1,
     "English sentence 2 gives 14, 21, 35, 75"),
    # WMT doc31 with the Chinese of English 1 deleted: both English sentences are about
    # visual acuity (both match the Chinese well), but only English 2's numbers are in it
    (["The mean baseline VA for the pooled data was 54.0 (51.5, 56.5) letters.",
      "The random-effects estimate for mean change in VA was 14.6 (12.5, 16.7) letters."],
     ["随机效应估计VA平均变化的字母数为14.6 (12.5, 16.7) 个字母。", "研究纳入了多项研究。"],
     TokenSupport(en=[np.array([[0.8, 0.2]] * 4), np.array([[0.9, 0.2]] * 4)],
                  zh=[np.array([[0.9, 0.8]] * 4), np.array([[0.2, 0.2]] * 4)]),
     [Bead([0, 1], [0], 0.98), Bead([], [1], 0.5)], 0,
     "English sentence 1 gives 51.5, 54.0, 56.5"),
    # ParaMed NEJM doc1 with the Chinese of English 2 deleted: English 2 shares 3 (years),
    # 95% and 0.77 with English 1 and its Chinese, and matches the Chinese as well as English 1
    # does; none of its own numbers (94.6%, 90.3%, 0.43, 0.24) is there
    (["At a median follow-up of 42.7 months, the 3-year recurrence-free survival was 85.3% "
      "and 76.5% (hazard ratio, 0.51; 95% CI, 0.34 to 0.77).",
      "Overall survival at 3 years was 94.6% and 90.3%, respectively (hazard ratio for death, "
      "0.43; 95% CI, 0.24 to 0.77)."],
     ["在中位随访42.7个月时，两组的3年无复发生存率分别为85.3%和76.5%（风险比，0.51；95%置信区间，"
      "0.34～0.77）。", "研究纳入了多项研究。"],
     TokenSupport(en=[np.array([[0.9, 0.2]] * 4), np.array([[0.88, 0.2]] * 4)],
                  zh=[np.array([[0.9, 0.88]] * 4), np.array([[0.2, 0.2]] * 4)]),
     [Bead([0, 1], [0], 0.98), Bead([], [1], 0.5)], 0,
     "English sentence 2 gives 0.24, 0.43, 90.3%, 94.6%"),
]


def test_two_sentences_each_with_its_own_numbers_in_the_chinese_are_no_omission():
    en = ["Rates declined from 0.37 to 0.23 per 1000 live births.",
          "Late-onset rates remained stable at 0.31 per 1000 live births."]
    zh = ["发病率从每1000例活产0.37例下降至0.23例，晚发性发病率稳定在每1000例活产0.31例。",
          "研究纳入了多项研究。"]
    support = TokenSupport(en=[np.array([[0.9, 0.2]] * 4), np.array([[0.8, 0.2]] * 4)],
                           zh=[np.array([[0.9, 0.8]] * 4), np.array([[0.2, 0.2]] * 4)])
    beads = [Bead([0, 1], [0], 0.98), Bead([], [1], 0.5)]
    add_flags(beads, en, zh, support)
    assert not [f for f in beads[0].flags if f.kind == "omission"]


@pytest.mark.parametrize("en, zh, support, beads, flagged, message", NUMBERED_OMISSIONS)
def test_an_english_sentence_whose_numbers_the_chinese_lacks_is_an_omission(
        en, zh, support, beads, flagged, message):
    beads = [Bead(list(b.en), list(b.zh), b.score) for b in beads]  # fresh flags each run
    add_flags(beads, en, zh, support)
    omissions = [[f for f in b.flags if f.kind == "omission"] for b in beads]
    assert omissions[flagged][0].message.startswith(message)
    assert all(not found for i, found in enumerate(omissions) if i != flagged and beads[i].en
               and beads[i].zh)
