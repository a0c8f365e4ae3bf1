"""Facts read from one sentence, English and Chinese (sentences from real abstracts)."""

import pytest

from summarizer.extract.mentions import sentence_facts

CASES = [
    # (sentence, lang, field, values of that field, evidence of the first hit)
    # PsycINFO (realworld-dev ovid_psycinfo.ris#1): people counted only by sex
    ("A sample of inflammatory bowel disease patients (60 males and 140 females) was collected.",
     "en", "n_studied", [200], "60 males and 140"),
    ("Patients (12 women, 9 men) were interviewed.", "en", "n_studied", [21], "12 women, 9"),
    # PsycINFO (realworld-dev ovid_psycinfo.ris#4): people of several kinds listed, with "and"
    ("We conducted semi-structured interviews with 28 children and adolescents with IBD, 26 "
     "parents and one grandparent.", "en", "n_studied", [55], "28 children and adolescents "
     "with IBD, 26 parents and one"),
    ("We interviewed 20 nurses and 12 physicians.", "en", "n_studied", [32], None),
    ("The sample consisted of 60 men, 40 of whom smoked.", "en", "n_studied", [60], "60"),
    # WMT doc30 (veterinary): when it was given, how, and not when it was measured
    ("The spray was applied to the ventrum every 24 h for 28 days.", "en", "schedule",
     ["every 24 h for 28 days"], "every 24 h for 28 days"),
    ("The spray was applied to the ventrum every 24 h for 28 days.", "en", "route",
     ["topical"], "applied to the ventrum"),
    ("在第0天(D)、D14、D28和D42进行临床和皮肤屏障功能评分和主人评分。", "zh", "schedule", [],
     None),
    ("喜疗妥组于放疗前后予喜疗妥乳膏涂抹于照射野皮肤。", "zh", "route", ["topical"], None),
    # the other arm named by its treatment (realworld-dev ChinaXiv 201712.00609)
    ("Compared with the hirudoid group,patientsof thetreatment group hadalower severity.", "en",
     "comparator", ["hirudoid"], "hirudoid"),
    ("Compared with the control group, the treatment group improved.", "en", "comparator", [],
     None),
    ("Compared with the treatment group, controls improved less.", "en", "comparator", [], None),
    # a case report's disease (realworld-dev Embase #2), not a series' subgroup (WMT doc28)
    ("A case of completely isolated advanced enteric duplication cyst cancer performed partial "
     "pancreatectomy", "en", "condition",
     ["completely isolated advanced enteric duplication cyst cancer"], None),
    ("We report two cases of Takotsubo cardiomyopathy in young women.", "en", "condition",
     ["Takotsubo cardiomyopathy"], None),
    ("There were 9 cases of postoperative infection of Achilles tendon rupture.", "en",
     "condition", [], None),
    # a finding or an absence is no condition (ParaMed NEJM doc5, doc4)
    ("Intrapartum antibiotic prophylaxis is recommended for all women with positive screening "
     "cultures.", "en", "condition", [], None),
    # Chinese patients counted with their disease (WMT doc9, doc20, Chinese sides)
    ("以 2015 年 4 月—2017 年 2 月收治且符合选择标准的双膝退行性骨关节炎患者 24 例，"
     "采用随机数字表法分为观察组和对照组。", "zh", "condition", ["双膝退行性骨关节炎"],
     "双膝退行性骨关节炎"),
    ("回顾分析48例不稳定型骨盆前环骨折患者的临床资料。", "zh", "condition",
     ["不稳定型骨盆前环骨折"], None),
    ("选取80例患者。", "zh", "condition", [], None),
    # groups compared are no treatments (the aim's two treatments are: test_facts)
    ("对比观察组与对照组治疗后的疗效。", "zh", "comparator", [], None),
    # a Chinese comma in an English sentence ends the condition (ChinaXiv 201806.00218)
    ("The aim was to evaluate patients with bronchopulmonary carcinoids，including typical "
     "carcinoid (TC).", "en", "condition", ["bronchopulmonary carcinoids"], None),
    # WMT doc3 (a guideline) and doc31: no condition from "in this version include …:" or 研究
    ("The main updates in this version include the following: First, new evidence.", "en",
     "condition", [], None),
    ("我们对来自48项BRVO继发黄斑水肿治疗研究的2530只眼进行了荟萃分析。", "zh", "condition", [],
     None),
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
    ("120 women with previously treated metastatic breast cancer were randomized.", "en",
     "n_randomized", [120], "120"),
    ("Previous studies have enrolled 300 patients with lupus.", "en", "n_enrolled", [], None),
    ("12 例经环磷酰胺治疗无效的系统性硬化症患者接受骨髓间充质干细胞静脉输注(1×106/kg)。", "zh",
     "n_treated", [12], "12"),
    ("骨髓间充质干细胞移植治疗重度系统性硬化症的临床观察", "zh", "condition", ["系统性硬化症"],
     "系统性硬化症"),
    ("观察骨髓间充质干细胞移植治疗重度系统性硬化症的安全性和疗效。", "zh", "intervention",
     ["骨髓间充质干细胞移植"], "骨髓间充质干细胞移植"),
    # ParaMed NEJM doc1: "treatment" as a noun (治疗期间, during treatment) is no "X treats Y"
    ("各化疗药的相对剂量强度计算方法为治疗期间实际接受的总剂量除以试验方案规定的剂量。", "zh",
     "intervention", [], None),
    ("各化疗药的相对剂量强度计算方法为治疗期间实际接受的总剂量除以试验方案规定的剂量。", "zh",
     "condition", [], None),
    ("Bone marrow mesenchymal stromal cells for refractory lupus nephritis: a randomised trial",
     "en", "intervention", ["bone marrow mesenchymal stromal cells"],
     "Bone marrow mesenchymal stromal cells"),
    ("To compare a single intra-articular injection of autologous\n      adipose-derived stromal "
     "vascular fraction (SVF) with hyaluronic acid in knee\n      osteoarthritis.", "en",
     "comparator", ["hyaluronic acid"], "hyaluronic acid"),
    ("Eighteen adults received 3 x 107, 6 x 107 or\n      9 x 107 umbilical cord MSCs "
     "intravenously.", "en", "dose",
     [{"value": v, "max": None, "unit": "cells", "mantissa": m, "exponent": 7, "lost": True,
       "given": True}
      for v, m in ((3e7, 3.0), (6e7, 6.0), (9e7, 9.0))], "3 x 107"),
    ("The oxygenation index improved in 13 of 18 patients by day 14.", "en", "result",
     [{"numerator": 13, "denominator": 18, "percent": None, "ci": None, "p": None,
       "outcome": None}],
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
    ("Of 511 patients randomised to anastrozole, 137 (26.8%) received second-line tamoxifen.", "en",
     "n_randomized", [], None),
    ("Of 866 patients randomized, 857 patients (99%) were assessable.", "en", "n_randomized", [866],
     "866"),
    ("A total of 67 patients were enrolled: 33 in study group, and 34 in control group.", "en",
     "n_enrolled", [67], "67"),
    ("From 1981 to 1999, 68 (62%) of 109 patients with distant metastases were recruited.", "en",
     "n_enrolled", [68], "68"),
    ("16 000 women were randomized and 15 844 included in the analysis.", "en", "n_randomized",
     [16000], "16 000"),
    ("Women with a pain score of >3 were randomly assigned to physical therapy.", "en",
     "n_randomized", [], None),
    ("Among 226 randomized patients (mean [SD] age, 60.7 [8.6] years), 88% were white.", "en",
     "n_randomized", [226], "226"),
    ("A total of 120 patients were randomly assigned to the two groups.", "en",
     "n_randomized", [120], "120"),
    ("6 名女性 SLEDAI >6,标准治疗失败,接受 1×10 MSCs/kg 的静脉输注。", "zh", "n_treated", [6],
     "6"),
    ("共纳入 8 例患者。", "zh", "n_enrolled", [8], "8"),
    ("回顾分析 2010 年 7 月—2019 年 1 月收治的 18 例颅脊交界区结核患者临床资料。", "zh",
     "n_enrolled", [18], "18"),
    ("以 2015 年 4 月—2017 年 2 月收治且符合标准的双膝骨关节炎患者 24 例,采用随机数字表法分组。",
     "zh", "n_enrolled", [24], "24"),
    ("于6、12、24个月时分别计算随机效应模型的加权平均值。", "zh", "n_randomized", [], None),
    ("The clinical data of 18 patients with tuberculosis was analyzed retrospectively.", "en",
     "n_enrolled", [18], "18"),
    ("筛选了二十九名患者。", "zh", "n_screened", [29], "二十九"),
    ("Seven (88%) of eight participants were cisgender women and one (13%) was a cisgender man.",
     "en", "sex", [{"female": 7}, {"male": 1}], "Seven (88%) of eight participants were "
     "cisgender women"),
    ("The median age was 35 years (range 26-57) and the median SLE disease duration was 12 years.",
     "en", "age", [{"median": 35, "min": 26, "max": 57, "sd": None, "unit": "years"}],
     "median age was 35 years (range 26-57)"),
    ("男 8 例,女 19 例;年龄 56～81 岁,平均 69.5 岁。", "zh", "age",
     [{"mean": 69.5, "min": 56, "max": 81, "sd": None, "unit": "years"}],
     "年龄 56～81 岁,平均 69.5 岁"),
    ("Among the 19 children with JMML, 14 cases were male and 5 cases were female.", "en", "sex",
     [{"male": 14}, {"female": 5}], "14 cases were male"),
    ("视网膜分支静脉阻塞继发黄斑水肿的治疗。", "zh", "route", [], None),
    ("中位年龄为 35 岁(范围 26-57)。", "zh", "age",
     [{"median": 35, "min": 26, "max": 57, "sd": None, "unit": "years"}],
     "中位年龄为 35 岁(范围 26-57)"),
    ("Eligible patients were aged 18-70 years.", "en", "age", [], None),
    # the SD alone in brackets under a "Mean (SD)" header (medline-c 26321012)
    ("Mean (SD) age was 58.6 (9.5) years; 71% were female.", "en", "age",
     [{"mean": 58.6, "min": None, "max": None, "sd": 9.5, "unit": "years"}],
     "Mean (SD) age was 58.6 (9.5) years"),
    ("Median age was 64 (58) years.", "en", "age",  # a bare bracket is a mean's SD only
     [{"median": 64, "min": None, "max": None, "sd": None, "unit": "years"}],
     "Median age was 64 (58) years"),
    # the Chinese journals' "(mean ± SD) 岁"
    ("年龄25~65岁，平均(45.2±3.1)岁。", "zh", "age",
     [{"mean": 45.2, "min": 25, "max": 65, "sd": 3.1, "unit": "years"}],
     "年龄25~65岁，平均(45.2±3.1)岁"),
    ("平均年龄为（56.3±8.4）岁。", "zh", "age",
     [{"mean": 56.3, "min": None, "max": None, "sd": 8.4, "unit": "years"}],
     "平均年龄为（56.3±8.4）岁"),
    ("Treatment-naive patients (median age 49, range 24-67) were enrolled.", "en", "age",
     [{"median": 49, "min": 24, "max": 67, "sd": None, "unit": "years"}],
     "median age 49, range 24-67"),
    ("The mean age of the entire group was 44.2 (SD=10.27) years.", "en", "age",
     [{"mean": 44.2, "min": None, "max": None, "sd": 10.27, "unit": "years"}],
     "mean age of the entire group was 44.2 (SD=10.27) years"),
    ("The median age of the 30 patients was 56.5 (28-80) years old.", "en", "age",
     [{"median": 56.5, "min": 28, "max": 80, "sd": None, "unit": "years"}],
     "median age of the 30 patients was 56.5 (28-80) years"),
    ("There were 14 males and 4 females, aged 21 months to 75 years (median, 35 years).", "en",
     "age", [{"median": 35, "min": None, "max": None, "sd": None, "unit": "years"}],
     "aged 21 months to 75 years (median, 35 years)"),
    ("诊断中位年龄13(3-48)个月。", "zh", "age",
     [{"median": 13, "min": 3, "max": 48, "sd": None, "unit": "months"}], "中位年龄13(3-48)个月"),
    ("Average age was 61 ± 9 years.", "en", "age",
     [{"mean": 61, "min": None, "max": None, "sd": 9, "unit": "years"}],
     "Average age was 61 ± 9 years"),
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
    ("Results are compared with randomized clinical trials.", "en", "tag", [], None),
    ("于6、12、24个月时分别计算随机效应模型的加权平均值。", "zh", "tag", [], None),
    # trials compared with are not this study's design (WMT Medline doc31)
    ("抗VEGF疗效在真实世界中视力和解剖方面的预后不如随机对照试验。", "zh", "tag", [], None),
    ("本研究为随机对照试验。", "zh", "tag", ["randomized"], "随机"),
    ("24 patients were included and randomly divided into 2 groups.", "en", "tag", ["randomized"],
     "randomly divided"),
    ("Patients were randomly assigned to rituximab or placebo.", "en", "comparator", ["placebo"],
     "placebo"),
    ("The study tested whether CBT in addition to standard medical care versus standard medical "
     "care only was effective.", "en", "comparator", ["standard medical care"],
     "standard medical care"),
    ("As this study was aimed at prevention, we included 70 youth (10-25 years) with IBD.", "en",
     "age", [{"min": 10, "max": 25, "sd": None, "unit": "years"}], "70 youth (10-25 years)"),
    ("The sample included 53 ambulatory IBD patients (66% females) with ages from 18 to 65.",
     "en", "age", [{"min": 18, "max": 65, "sd": None, "unit": "years"}], "with ages from 18 to 65"),
    ("Patients aged 18 to 65 years were eligible.", "en", "age", [], None),
    ("Analyses were adjusted for sex and federal income-to-poverty ratio.", "en", "intervention",
     [], None),
    ("Each sign can be present or absent in any eye: (i) trichiasis; (ii) opacity.", "en",
     "condition", [], None),
    ("The sample included 53 ambulatory IBD patients (66% females).", "en", "sex_share",
     [{"female": 66.0}], "66% females"),
    ("共纳入120例患者，女性占45.8%。", "zh", "sex_share", [{"female": 45.8}], "女性占45.8%"),
    ("In the CBT group, 60% were women.", "en", "sex_share", [], None),
    # after the arms are named, "两组患者共80例" is both arms: the whole study (ChinaXiv)
    ("分为实验组和喜疗妥组，两组患者共80例，男46例，女34例。", "zh", "sex",
     [{"male": 46}, {"female": 34}], "男46例"),
    ("观察组男22例，女18例。", "zh", "sex", [], None),
    ("Psychological outcomes of a cognitive behavioral therapy for youth with IBD", "en",
     "intervention", ["cognitive behavioral therapy"], "cognitive behavioral therapy"),
    ("Of six patients, five (83.3%; 95% CI 35.9% to 99.6%) achieved the clinical endpoint.", "en",
     "result", [{"numerator": 5, "denominator": 6, "percent": 83.3, "ci": [35.9, 99.6],
                 "p": None, "outcome": "the clinical endpoint"}],
     "Of six patients, five (83.3%; 95% CI 35.9% to 99.6%)"),
    ("在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)达到 SRI 为 4 的临床终点。", "zh", "result",
     [{"numerator": 5, "denominator": 6, "percent": 83.3, "ci": [35.9, 99.6], "p": None,
       "outcome": None}],
     "在 6 名患者中,有 5 名(83.3%;95%CI 35.9%至 99.6%)"),
    ("Thirteen and eleven patients achieved MCR (13/40, 32.5%) and PCR (11/40, 27.5%).", "en",
     "result", [{"numerator": 13, "denominator": 40, "percent": 32.5, "ci": None, "p": None,
                 "outcome": "MCR"},
                {"numerator": 11, "denominator": 40, "percent": 27.5, "ci": None, "p": None,
                 "outcome": "PCR"}],
     "13/40, 32.5%"),
    ("The overall survival rate was 92.5% (37/40).", "en", "result",
     [{"numerator": 37, "denominator": 40, "percent": 92.5, "ci": None, "p": None,
       "outcome": "overall survival rate"}],
     "92.5% (37/40)"),
    ("Renal response: 9 of 24 (37.5%) vs 5 of 24 (20.8%) (risk difference 16.7%, 95% CI -8.4 to "
     "41.7; p=0.20).", "en", "effect",
     [{"measure": "RD", "value": 16.7, "unit": "%", "ci": [-8.4, 41.7], "p": "=0.20"}],
     "risk difference 16.7%, 95% CI -8.4 to 41.7; p=0.20"),
    ("The hazard ratio for death was 0.85 (95% CI, 0.73 to 0.99).", "en", "effect",
     [{"measure": "HR", "value": 0.85, "unit": None, "ci": [0.73, 0.99], "p": None}],
     "hazard ratio for death was 0.85 (95% CI, 0.73 to 0.99"),
    ("两组比较,HR=0.72,95%CI 0.60~0.86,P<0.001。", "zh", "effect",
     [{"measure": "HR", "value": 0.72, "unit": None, "ci": [0.6, 0.86], "p": "<0.001"}],
     "HR=0.72,95%CI 0.60~0.86,P<0.001"),
    ("Responders or non-responders were compared.", "en", "effect", [], None),
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
    ("All the patients were followed up 3 to 42 months (median, 12 months).", "en", "follow_up",
     [{"value": 12, "unit": "months", "min": 3, "max": 42}],
     "followed up 3 to 42 months (median, 12 months)"),
    ("18 例患者均获随访,随访时间 3～42 个月,中位时间 12 个月。", "zh", "follow_up",
     [{"value": 12, "unit": "months", "min": 3, "max": 42}],
     "随访时间 3～42 个月,中位时间 12 个月"),
    ("Patients were followed for a median of 24 months.", "en", "follow_up",
     [{"value": 24, "unit": "months", "min": None, "max": None}],
     "followed for a median of 24 months"),
    # WMT doc9: the two options an aim weighs, the first tested, the second its comparator
    ("To explore whether unicompartmental knee arthroplasty (UKA) and total knee arthroplasty "
     "(TKA) or bilateral TKAs should be performed in patients with knee osteoarthritis.", "en",
     "intervention",
     ["unicompartmental knee arthroplasty (UKA) and total knee arthroplasty (TKA)"],
     "unicompartmental knee arthroplasty (UKA) and total knee arthroplasty (TKA)"),
    ("To explore whether unicompartmental knee arthroplasty (UKA) and total knee arthroplasty "
     "(TKA) or bilateral TKAs should be performed in patients with knee osteoarthritis.", "en",
     "comparator", ["bilateral TKAs"], "bilateral TKAs"),
    # WMT doc28 and doc20: an average, not a median
    ("Eighteen cases were followed up 8-24 months, with an average of 16.7 months.", "en",
     "follow_up", [{"value": 16.7, "unit": "months", "min": 8, "max": 24}],
     "followed up 8-24 months, with an average of 16.7 months"),
    ("18 例均获随访，随访时间 8～24 个月，平均 16.7 个月。", "zh", "follow_up",
     [{"value": 16.7, "unit": "months", "min": 8, "max": 24}],
     "随访时间 8～24 个月，平均 16.7 个月"),
    ("The patients were followed up for an average of 12.5 months (range, 6-16 months).", "en",
     "follow_up", [{"value": 12.5, "unit": "months", "min": 6, "max": 16}],
     "followed up for an average of 12.5 months (range, 6-16 months)"),
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
    ("次要终点包括总体缓解率、无进展生存期和总生存期。", "zh", "outcome",
     [{"name": "总体缓解率", "primary": False}, {"name": "无进展生存期", "primary": False},
      {"name": "总生存期", "primary": False}], "总体缓解率"),
    ("主要终点为治疗相关严重不良事件发生率。", "zh", "outcome",
     [{"name": "治疗相关严重不良事件发生率", "primary": True}], "治疗相关严重不良事件发生率"),
    ("Second endpoints included major clinical response (MCR), partial clinical response (PCR)and "
     "relapse.", "en", "outcome",
     [{"name": "major clinical response (MCR)", "primary": False},
      {"name": "partial clinical response (PCR)", "primary": False},
      {"name": "relapse", "primary": False}], "major clinical response (MCR)"),
]


# A count with its share and no whole ("14 cases (73.68%)") is a result only in the results.
RESULT_SHARES = [
    # WMT Medline doc41, both languages, and a PICO-Corpus sentence
    ("The median age at diagnosis was 13(3-48) months, and 14 cases (73.68%) were less than 2 "
     "years old.", "en", [(14, None, 73.68)], "14 cases (73.68%)"),
    ("诊断中位年龄13（3-48）个月，19例中14例（73.68%）＜2岁。", "zh", [(14, 19, 73.68)],
     "19例中14例（73.68%"),
    ("Breast conservation was possible in 288 cases (75.8%).", "en", [(288, None, 75.8)],
     "288 cases (75.8%)"),
    ("治疗后治愈14例（35.0%），有效20例（50.0%）。", "zh", [(14, None, 35.0), (20, None, 50.0)],
     "14例（35.0%）"),
    # counts by sex are not results
    ("男14例（73.7%），女5例（26.3%）。", "zh", [], None),
    ("Of these, 14 women (35%) and 26 men (65%) took part.", "en", [], None),
    # a share alone, in words or digits (Embase case series; a share of one sex is not a result)
    ("Seventy percent of the cysts were characterized by computed tomography (CT) scans as "
     "solid masses.", "en", [(None, None, 70.0)], "Seventy percent of the cysts"),
    ("Pain was reported by 45% of patients.", "en", [(None, None, 45.0)], "45% of patients"),
    ("66% of them were women.", "en", [], None),
    # a count alone (WMT Medline doc33), but not the people an adverse event happened to
    ("The incisions healed by first intention in 26 cases, and 1 incision healed after dressing "
     "change due to poor blood glucose control.", "en", [(26, None, None)], "in 26 cases"),
    ("No severe adverse events and three infusion-related adverse events occurred in two "
     "patients.", "en", [], None),
]

# Coefficients, correlations and agreement stated without a CI are effects, in the results only
# (Ovid PsycINFO records; "alpha = 0.05" in the methods is a threshold).
STATISTICS = [
    ("Self-criticism exacerbated the associations of depression with IBD symptoms (b = 0.01; "
     "standard error [SE] = 0.00; Z = 3.73; P < .001) and illness shame (b = 0.02; SE = 0.01; "
     "Z = 2.40; P = .016).", [("b", 0.01, None, "<.001"), ("b", 0.02, None, "=.016")]),
    ("Correlational analyses supported the validity with very good inter-rater reliability "
     "(median r = 0.87) and internal consistency (alpha = 0.91).",
     [("r", 0.87, None, None), ("α", 0.91, None, None)]),
    ("The AUC = 0.82 (95% CI 0.75-0.89), p < 0.001.", [("AUC", 0.82, [0.75, 0.89], None)]),
    ("两组评分呈正相关（r=0.62，P<0.01）。", [("r", 0.62, None, "<0.01")]),
    ("We compared groups with a chi-square test (b) at 5% and OR values.", []),
]


@pytest.mark.parametrize("sentence, values", STATISTICS)
def test_statistics_are_effects_in_the_results(sentence, values):
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in sentence) else "en"
    hits = [h.value for h in sentence_facts(sentence, lang, "results") if h.field == "effect"]
    assert [(v["measure"], v["value"], v["ci"], v["p"]) for v in hits] == values
    assert not [h for h in sentence_facts(sentence, lang, "methods")
                if h.field == "effect" and h.value["ci"] is None]


# Groups listed with their sizes (WMT Medline doc21): each with its size and the list's sum.
GROUPS = [
    ("Regarding the diagnostic type, there were 7 cases of idiopathic cytopenia of undetermined "
     "significance (ICUS), 8 cases of clonal cytopenias of undetermined significance (CCUS) and "
     "24 cases of myeloid malignancies which included 18 cases of MDS, 4 cases of MDS/MPN and 2 "
     "cases of acute myeloid leukemia.",
     [("idiopathic cytopenia of undetermined significance", 7, 39),
      ("clonal cytopenias of undetermined significance", 8, 39),
      ("myeloid malignancies", 24, 39), ("MDS", 18, 24), ("MDS/MPN", 4, 24),
      ("acute myeloid leukemia", 2, 24)]),
    ("Of 40 patients with lupus, 12 were men.", []),
    ("Improvement was seen in 12 patients with lupus nephritis.", []),
]
# The same in Chinese (ChinaXiv 201712.00231 and 201712.00578): the name before the size or
# after it; the sexes are no groups.
GROUPS_ZH = [
    ("选取2008年1月\\~2015年1月于南方医院消化科就诊的活动期UC患者40例,缓解期UC患者15例，健康"
     "对照组15例，运用免疫组织化学法检测上述70例入选者肠黏膜活检组织",
     [("活动期UC患者", 40, 70), ("缓解期UC患者", 15, 70), ("健康对照组", 15, 70)]),
    ("应用免疫组化Envision二步法检测50例子宫内膜样腺癌、20例子宫内非典型增生、20例不伴非典型性"
     "子宫内膜增生和20例增生期子宫内膜组织中Fascin的表达",
     [("子宫内膜样腺癌", 50, 110), ("子宫内非典型增生", 20, 110),
      ("不伴非典型性子宫内膜增生", 20, 110), ("增生期子宫内膜组织", 20, 110)]),
    ("其中男性22例、女性18例。", []),
]


@pytest.mark.parametrize("sentence, lang, values", [(s, "en", v) for s, v in GROUPS]
                         + [(s, "zh", v) for s, v in GROUPS_ZH])
def test_groups_listed_with_their_sizes(sentence, lang, values):
    hits = [h.value for h in sentence_facts(sentence, lang, "methods") if h.field == "group"]
    assert [(v["name"], v["n"], v["total"]) for v in hits] == values


@pytest.mark.parametrize("sentence, lang, controls", [
    ("另外按年龄和性别匹配的原则选择同期进行体检的健康受试者100例作为正常对照组。", "zh", [100]),
    ("与30例正常健康成人粪便标本统计数据进行比较。", "zh", [30]),
    ("并分析其与临床病理因素的关联,以24例健康志愿者作为对照。", "zh", [24]),
    ("Serum levels were measured in 40 patients and 35 age- and sex-matched healthy controls.",
     "en", [35]),
    ("对照组给予常规治疗。", "zh", []),
])
def test_healthy_controls_counted(sentence, lang, controls):
    hits = sentence_facts(sentence, lang, "methods")
    assert [h.value for h in hits if h.field == "n_controls"] == controls


@pytest.mark.parametrize("sentence, lang, values, evidence", RESULT_SHARES)
def test_a_count_and_its_share_is_a_result_in_the_results(sentence, lang, values, evidence):
    hits = [h for h in sentence_facts(sentence, lang, "results") if h.field == "result"]
    assert [(h.value["numerator"], h.value["denominator"], h.value["percent"])
            for h in hits] == values
    if evidence is not None:
        assert sentence[hits[0].start:hits[0].end] == evidence
    methods = [h for h in sentence_facts(sentence, lang, "methods") if h.field == "result"]
    assert all(h.value["denominator"] is not None for h in methods)


@pytest.mark.parametrize("sentence, lang, field, values, evidence", CASES)
def test_sentence_facts(sentence, lang, field, values, evidence):
    hits = [h for h in sentence_facts(sentence, lang) if h.field == field]
    assert [h.value for h in hits] == values
    if evidence is not None:
        assert sentence[hits[0].start:hits[0].end] == evidence


# Chinese abstracts read alone, as CNKI users have them (WMT Medline Chinese sides)
ZH_FACTS = [
    # a conclusion that calls for trials to come: those trials are not this study's design
    ("β受体阻滞剂能够促进糖尿病慢性皮肤溃疡修复，但仍需大样本的多中心随机对照试验进一步验证其疗效。",
     "conclusion", "tag", []),
    ("回顾分析 48 例患者临床资料，其中 INFIX 内固定 21 例（INFIX 组），"
     "钢板内固定 27 例（钢板组）。",
     "methods", "arm", [{"name": "INFIX 组", "n": 21}, {"name": "钢板组", "n": 27}]),
    ("根据植钉方式不同分为机器人组（A 组，19 例，使用机器人辅助植钉）和徒手组（B 组，20 例）。",
     "methods", "arm", [{"name": "机器人组", "n": 19}, {"name": "徒手组", "n": 20}]),
    ("我们对来自48项研究的2530只眼进行了荟萃分析。", "methods", "n_studied", [2530]),
    # what each arm of a Chinese trial was given, to the clause's end (sentences of Chinese
    # journal abstracts as CNKI lists them); the treated arm's "在对照组的基础上" is no control
    ("对照组采用常规西药治疗，观察组在此基础上加用消渴丸。", "methods", "intervention", ["消渴丸"]),
    ("对照组采用常规西药治疗，观察组在此基础上加用消渴丸。", "methods", "comparator",
     ["常规西药治疗"]),
    ("其中一组作为对照组以孟鲁司特钠和阿奇霉素治疗（共53例），另一组作为观察组在对照组的基础上"
     "辅以热毒宁注射液治疗（共53例）。", "methods", "comparator", ["孟鲁司特钠和阿奇霉素治疗"]),
    ("对照组单纯应用银杏达莫进行治疗,观察组在对照组治疗基础上应用奥扎格雷静滴定进行治疗,两个疗程"
     "后观察两组患者的临床疗效", "methods", "intervention", ["奥扎格雷静滴定治疗"]),
    ("治疗后观察组HAMD评分显著低于对照组(P<0.05)。", "results", "intervention", []),
    ("数据来自两个医疗中心的208个家庭(n=507)。", "methods", "n_studied", [507]),
    # both groups together are the whole; one sex, or one arm, is not
    ("分为实验组和喜疗妥组，两组患者共80例，男46例，女34例。", "methods", "n_studied", [80]),
    ("观察组患者40例，男22例。", "methods", "n_studied", []),
    ("本研究涉及的家庭样本有298个，从中随机分配到控制条件组。", "methods", "n_studied", [298]),
    ("动物: 10只轻度发病、非季节性特应性私家犬。", "methods", "n_studied", [10]),
    ("此外，我们介绍了一个独特的HLIM病例。", "methods", "n_studied", [1]),
    ("我们的研究强调祖辈在一个家庭系统里的作用。", "methods", "n_studied", []),
    ("在3个月内通过基金会招募有先心病患儿的家庭。", "methods", "n_studied", []),
    ("治疗后 3 个月 VAS 评分为（1.7±1.0）分。", "results", "outcome_value",
     [{"outcome": "评分", "value": 1.7, "unit": "分", "sd": 1.0}]),
    ("获优 15 例、良 2 例、可 1 例，优良率 94.4%。", "results", "outcome_value",
     [{"outcome": "优良率", "value": 94.4, "unit": "%", "sd": None}]),
    ("术后 26 例切口Ⅰ期愈合。", "results", "result",
     [{"numerator": 26, "denominator": None, "percent": None, "ci": None, "p": None,
       "outcome": None}]),
    ("术后 26 例切口Ⅰ期愈合。", "methods", "result", []),
]


# A background sentence that defines a disease (the study's condition when its own sentences
# name it: tests/extract/test_facts.py)
DEFINED = [
    ("Canine atopic dermatitis (cAD) is a common inflammatory and pruritic skin disease.", "en",
     [{"name": "Canine atopic dermatitis", "abbr": "cAD"}]),
    ("Breast cancer is one of the most common malignancies in women worldwide.", "en",
     [{"name": "Breast cancer", "abbr": None}]),
    ("The use of topical products has proven increasingly popular.", "en", []),
    ("This is a common disease.", "en", []),
    ("Obesity is a major risk factor for diabetes.", "en", []),
    ("鼻咽癌是流行于东南亚的一种鳞状细胞癌。", "zh", [{"name": "鼻咽癌", "abbr": None}]),
    ("这是一种常见病。", "zh", []),
]


@pytest.mark.parametrize("sentence, lang, values", DEFINED)
def test_a_disease_defined_in_the_background(sentence, lang, values):
    hits = sentence_facts(sentence, lang, "background")
    assert [h.value for h in hits if h.field == "condition_defined"] == values
    assert not [h for h in sentence_facts(sentence, lang, "methods")
                if h.field == "condition_defined"]


@pytest.mark.parametrize("sentence, role, field, values", ZH_FACTS)
def test_chinese_facts(sentence, role, field, values):
    assert [h.value for h in sentence_facts(sentence, "zh", role) if h.field == field] == values


def test_values_of_two_periods_said_with_fen_bie_zhan_are_compared():
    text = "2009-2010 年为 54 亿支，2016-2017 年为 56 亿支，分别占同期市场份额的 5.1% 和 6.0%。"
    hits = [h.value for h in sentence_facts(text, "zh", "results") if h.field == "comparison"]
    assert [(v["values"], v["unit"]) for v in hits] == [([5.1, 6.0], "%")]
