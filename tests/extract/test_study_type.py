"""Study type and sentence roles, from sentences as real abstracts write them."""

import re

import pytest

from summarizer.extract import findings, patterns
from summarizer.extract.facts import _is_the_condition, extract_facts
from summarizer.extract.mentions import Mention
from summarizer.extract.quality import gate_mentions, names_a_place, why_malformed
from summarizer.extract.roles import AIM, sentence_roles
from summarizer.extract.study_type import (
    argues,
    decide_study_type,
    publication_type_cues,
    study_type_cues,
)
from summarizer.extract.tagger import tag_text
from summarizer.schema import Facts, Record, Section, Sentence, Study
from summarizer.summarize.view import design_name
from summarizer.text.script import has_han


def record_of(text: str, lang: str | None = None, title: str | None = None) -> Record:
    lang = lang or ("zh" if has_han(text) else "en")
    full = f"{title}\n\n{text}" if title else text
    start = len(full) - len(text)
    titled = {"zh" if has_han(title) else "en": title} if title else {}
    return Record(id="r", source="r.txt", format="text", index=0, text=full,
                  title={"en": None, "zh": None} | titled,
                  abstract=[Section("other", lang, text, start, len(full))])


@pytest.mark.parametrize("title, text, expected", [
    ("Efficacy of drug X: a randomized, double-blind, placebo-controlled trial",
     "A total of 120 patients were randomly assigned to drug X or placebo.", "rct"),
    (None, "We searched PubMed, Embase and the Cochrane Library up to 2020. Pooled odds ratios "
           "were estimated with random-effects models across 12 studies.", "meta-analysis"),
    (None, "We report a case of a 43-year-old woman who presented with abdominal pain.",
     "case report"),
    (None, "A retrospective cohort study of 1,555 women was conducted. Mortality was compared "
           "with that of women without diabetes.", "cohort"),
    (None, "An online questionnaire was completed by 200 students in a cross-sectional design.",
     "cross-sectional"),
    (None, "Semi-structured interviews were held with 16 providers and analysed with thematic "
           "analysis.", "qualitative"),
    (None, "Mice deficient in the receptor were studied in vitro and in vivo.", "basic science"),
    # ChinaXiv 201801.00657's English title
    ("Rituximab combined with EPOCH regimen for treatment of diffuse large B cell lymphoma of "
     "the gastrointestinal tract: analysis of 4 cases",
     "Four patients were treated with R-DA-EPOCH and followed up.", "case series"),
    (None, "Six women received one intravenous infusion of 1×10⁶ MSCs/kg in this phase 1 trial.",
     "single-arm trial"),
    ("髋关节置换术后患者的随机对照研究", "将80例患者随机分为观察组和对照组，各40例。", "rct"),
    ("中国软组织肉瘤诊治专家共识(2015年版)", "本共识由专家组讨论制定。", "guideline"),
])
def test_study_type_from_title_and_abstract(title, text, expected):
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
    record = record_of(text, lang)
    if title:
        record.title = {"en": None, "zh": title} if lang == "zh" else {"en": title, "zh": None}
        record.text = f"{title}\n\n{text}"
        record.abstract[0].start, record.abstract[0].end = len(title) + 2, len(record.text)
    design = extract_facts(Study("s", [record])).facts.design
    assert design.study_type == expected


def test_study_type_evidence_points_at_the_cue():
    record = record_of("We searched MEDLINE and Embase for trials of exercise in adults.")
    out = extract_facts(Study("s", [record]))
    assert out.facts.design.study_type == "systematic review"
    (cited,) = out.provenance["facts.design.study_type"]
    assert record.text[cited["start"]:cited["end"]] == "We searched MEDLINE and Embase"


def test_a_review_that_mentions_trials_is_not_a_trial():
    text = ("This article reviews the evidence on exercise for low back pain. Randomized trials "
            "have shown small benefits, and further trials are needed. " * 3)
    design = extract_facts(Study("s", [record_of(text)])).facts.design
    assert design.study_type == "narrative review"
    assert "randomized" not in design.tags


@pytest.mark.parametrize("types, expected", [
    (["Journal Article", "Randomized Controlled Trial"], ["rct"]),
    (["Review"], ["narrative review"]),
    (["Meta-Analysis", "Systematic Review"], ["meta-analysis", "systematic review"]),
    (["Journal Article", "Article", "期刊"], []),
])
def test_publication_types_tell_the_study_type(types, expected):
    assert [kind for kind, *_ in publication_type_cues(types)] == expected


@pytest.mark.parametrize("cues, empirical, described, people, expected", [
    ([], True, True, True, "cross-sectional"),  # people measured, nothing more said
    ([], True, True, False, "basic science"),  # findings about things, not people
    ([], True, False, True, "other"),  # a title alone
    ([("cohort", 1.5)], True, True, True, "cohort"),  # a weak cue still decides
    ([], False, True, True, "narrative review"),
    ([("systematic review", 4), ("rct", 3)], True, True, True, "systematic review"),
    ([("rct", 3), ("non-randomised trial", 1.5), ("single-arm trial", 3)], True, True, True,
     "rct"),
    # a randomised trial follows its patients up and compares groups: still a trial
    ([("rct", 3), ("cohort", 1), ("cohort", 1.5), ("cohort", 1)], True, True, True, "rct"),
    # a meta-analysis in its title (doubled) is the systematic review it also is, which pools
    ([("meta-analysis", 8), ("systematic review", 9)], True, True, True, "meta-analysis"),
    # ... but an aim named once does not outweigh a review that pooled nothing
    ([("meta-analysis", 4), ("systematic review", 9)], True, True, True, "systematic review"),
])
def test_decide_study_type(cues, empirical, described, people, expected):
    assert decide_study_type(cues, empirical, described, people)[0] == expected


@pytest.mark.parametrize("text, expected", [
    # real WMT Medline abstracts: a commentary argues, a review reports what was studied
    ("Emergent medical rescue for major disaster accidents and severe war trauma are the state "
     "demand. The fast and effective emergent medical rescue depends on the establishment of an "
     "integrated emergent medical rescue system. We discuss the importance and necessity of "
     "establishment of the system, and the government should build it with law and policy.",
     True),
    ("To summarize the research progress of the effects of high glucose microenvironment on "
     "adipose-derived stem cells. The literature in recent years was reviewed, and the "
     "mechanisms were summarized. Future studies should explore them.", False),
])
def test_a_commentary_argues(text, expected):
    assert argues(text) is expected
    assert decide_study_type([], False, True, True, argues(text))[0] == (
        "other" if expected else "narrative review")


@pytest.mark.parametrize("text, expected", [
    # real abstracts of realworld-dev (Embase, PubMed): a case run on under a Background
    # heading, a lab study with no design words, a database's copyright line
    ("BACKGROUND: Enteric duplication cysts are rare. We present the first case of "
     "retroperitoneal duplication cyst. Case presentation: A 64-year-old female presented "
     "with abdominal pain. CONCLUSIONS: Robot-assisted resection is an option.",
     "case report"),
    ("Electron paramagnetic resonance and magnetic susceptibility studies of Chromatium "
     "flavocytochrome C552 and its diheme flavin-free subunit at temperatures below 45 "
     "degrees K are reported. The results show that in the intact protein the two low-spin "
     "(S = 1/2) heme irons are distinguishable. One of the heme irons exists in two different "
     "low spin environments in the pH range 5.5 to 10.5, while the other remains constant.",
     "basic science"),
    ("Considering that self-criticism is an important process in the development of "
     "depression, the present study aimed to analyse whether self-criticism exacerbates the "
     "relationships of depression symptoms with IBD symptomatology and illness-related shame. "
     "The sample included 53 ambulatory IBD patients (66% females) with ages from 18 to 65. "
     "Moderation analyses were conducted using structural equation modelling. Self-criticism "
     "exacerbated the associations of depression with IBD symptoms (b = 0.01; Z = 3.73; "
     "P < .001). (PsycINFO Database Record (c) 2019 APA, all rights reserved)",
     "cross-sectional"),
    # Chinese sides of WMT Medline abstracts read alone
    ("总结高糖微环境对脂肪来源干细胞生物学活性影响的研究进展。"
     "查阅近年国内外有关高糖微环境与 ADSCs 的文献，对其一般特性、分化潜能进行总结。",
     "narrative review"),
    ("本文旨在评估所有眼科仿真训练设备的优点。使用PubMed和Embase从开始研究至2019年7月1日进行文献检索。"
     "本文共纳入131项研究, 涉及 93种不同的模拟训练设备。研究质量采用问卷调查评估。",
     "systematic review"),
    ("本研究探索的是比利时家庭服务中CWS供应者实施家庭治疗的经验。16位CWS供应者接受了采访。",
     "qualitative"),
    ("本指南适用于各级疾病预防控制机构工作人员。根据国内外研究进展,本指南今后亦将定期更新、完善。",
     "guideline"),
    # a method proposed without "new" (WMT doc4); a review that 总结…文献 though it names
    # in vitro models (doc6); open questions about experiences, though asked in a survey
    # (doc10); groups compared in a retrospective analysis (doc20), but not a patient before
    # and after treatment (doc18); a short Chinese commentary that argues (doc49)
    ("甚高分辨率卫星传感器可获得种群规模信息。我们提出了一种使用卫星估算动物种群的方法。"
     "结果表明共有 1124 只大天鹅, 平均百分误差为 3.16%。", "methods"),
    ("特发性颅内高压以颅内压升高为特征。本文总结了现有的关于IIH病理生理学的文献, 并进一步探讨了"
     "临床前期模型。用于研究脑脊液分泌的体外和体内模型已经展现了研究前景。", "narrative review"),
    ("目的: 探讨先天性心脏病患儿家长同侪支持的经历。方法: 分发一份包含开放式问题的在线调查问卷,"
     "对相关答复进行分析。结果: 同侪支持应以家长的相互理解为基础。", "qualitative"),
    ("比较 INFIX 和钢板内固定治疗骨盆前环骨折的疗效。回顾分析 48 例患者临床资料，其中 INFIX "
     "内固定 21 例，钢板内固定 27 例。两组患者均获随访。", "cohort"),
    ("探讨颅脊交界区结核的疗效。回顾分析 18 例颅脊交界区结核患者临床资料。18 例患者均获随访。"
     "治疗后 3 个月 VAS 评分为（1.7±1.0）分，与治疗前比较差异有统计学意义。", "case series"),
    # a dose schedule is a treatment given (doc30, a spray for atopic dogs)
    ("目的: 评价喷雾溶液对特应性患犬的影响。动物: 10只特应性私家犬。方法和材料: 每24h将喷剂应用于"
     "腹部, 持续28天。结果: 在每个时间点均观察到临床总评分降低(D14,P = 0.03)。",
     "single-arm trial"),
    ("数字化修复工艺技术的应用提高了修复体质量，改变了修复体的制作方式。目前我国数字化修复工艺技术"
     "还存在技术不精、人才短缺等问题。管理者需正视目前存在的问题，培养技术人才，加强交流，"
     "促进我国数字化修复工艺技术的发展。", "other"),
])
def test_study_type_of_real_abstracts(text, expected):
    assert extract_facts(Study("s", [record_of(text)])).facts.design.study_type == expected


# Chinese papers (ChinaXiv): patients against healthy people is a case-control study, and its
# n counts both; a count that is one group of a list is not the study's n, the list's sum is.
@pytest.mark.parametrize("text, study_type, n", [
    ("目的 探讨D-二聚体在溶栓中的变化。方法 选择在我院经CDT治疗的急性下肢DVT患者50例作为病例组，"
     "在溶栓前、溶栓结束分别检测血浆D-二聚体浓度。另选择健康体检50例作为健康对照组。",
     "case-control", 100),
    ("目的 探讨细胞因子的表达。方法 选取活动期UC患者40例,缓解期UC患者15例，健康对照组15例，"
     "运用免疫组织化学法检测上述入选者肠黏膜活检组织中IL-17的表达。", "case-control", 70),
    ("方法 将30例肠易激综合征患者随机分为三组，每组10例，另设健康对照组10例。", "rct", 30),
    # the controls are an arm already summed into the n, not added again (ChinaXiv 201712.00784)
    ("方法 采用病例对照研究方法，选取201例AD患者为AD组，选取年龄及性别相匹配的非AD健康体检者257例"
     "为对照组。", "case-control", 458),
    # people without the disease as the controls (ChinaXiv 201801.00683), counted where they
    # are said even when the English names a total of the patients alone
    ("Methods: A total of 296 patients diagnosed with HCC were enrolled. 方法 随机选取肝胆外科"
     "收治的肝细胞癌患者296例为肝细胞癌组，并同时收集39例非肿瘤或肝脏良性肿瘤患者为对照组。",
     "case-control", 335),
    # a case group split into two is no third arm (ChinaXiv 201712.00254)
    ("方法 选取我院164例消化系统肿瘤患者作为病例组(分为胃癌组、结直肠癌组各82例)，选取同期健康"
     "体检的82例健康人群作为对照组。", "case-control", 246),
])
def test_chinese_patients_against_healthy_people(text, study_type, n):
    facts = extract_facts(Study("s", [record_of(text)])).facts
    assert (facts.design.study_type, facts.participants.n_enrolled
            or facts.participants.n_randomized) == (study_type, n)


# Chinese papers of ChinaXiv (set a, CC BY 4.0): in vitro fertilisation is no lab work; one
# patient's repeated cycles or two groups given different care, read retrospectively, are a
# cohort; "N例临床分析" a case series; two measures correlated at one time a cross-sectional
# study; an industry analysis that makes recommendations a commentary; a concept reviewed
# "to promote mental health" is no argument
@pytest.mark.parametrize("title, text, expected", [
    (None, "探讨高反应患者在体外受精-胚胎移植(IVF-ET)中行重复周期垂体降调节长方案对卵巢反应性及妊娠"
     "结局的影响。选择2008年1月~2011年12月30例高反应患者60个长方案行IVF-ET治疗不孕症的周期进行"
     "回顾性分析,比较高反应患者前后周期治疗的临床特点。与第一治疗周期相比，患者行重复周期治疗时年龄"
     "明显增加(P<0.001)。", "cohort"),
    (None, "比较ERCP下双频双脉冲激光碎石与内镜下传统机械碎石治疗胆总管结石患者的疗效差异。分析"
     "2018年5月至2022年5月期间行ERCP治疗并碎石的200例胆总管结石患者的临床资料，其中69例患者采用双频双脉冲"
     "激光碎石术(激光组),131例患者采用机械碎石(机械组),比较2组患者的取石成功率、手术时间。",
     "cohort"),
    ("内镜直视下消化道支架植入治疗消化道狭窄33例临床分析",
     "探讨内镜直视下消化道支架植人治疗消化道狭窄的安全性及临床疗效。选择2013~2015年在我院门诊及"
     "住院收治的33例消化道狭窄患者。33例中,除2例术后出现穿孔，1例放置失败外，其余28例均成功植人"
     "支架，成功率为84.8%。", "case series"),
    ("60岁以上冠心病合并糖尿病患者的静息心率与血糖水平的相关性",
     "分析老年冠心病合并糖尿病患者的静息心率(RHR)控制水平与血糖水平的相关性。人选在2011年4~7月"
     "全国165家医院门诊就诊的老年冠心病合并糖尿病患者1336例,收集入选患者的一般临床资料及实验室"
     "检查指标。Pearson相关分析显示，RHR与空腹血糖呈正相关(r=0.058,P<0.05)。", "cross-sectional"),
    ("免疫细胞疗法产业发展态势和发展建议",
     "免疫疗法已被成功应用于多种肿瘤的治疗，显著提高患者的生存质量。免疫细胞疗法已有多个产品获批"
     "上市，产业体系初步成型，主要包括疗法/药物研发和相关服务/器材供应。通过梳理国内外免疫细胞疗法"
     "产业发展态势，分析免疫细胞疗法发展的技术瓶颈，找出我国发展该产业存在的主要问题，并提出发展"
     "建议，为我国发展免疫细胞疗法产业提供参考。", "other"),
    ("心理健康素养：概念、评估、干预与作用",
     "心理健康素养是促进心理健康的重要途径。狭义概念指帮助人们认识、处理和预防心理疾病的相关知识和"
     "信念；广义概念指综合运用心理健康知识、技能和态度，保持和促进心理健康的能力。心理健康素养常采用"
     "情景案例问卷、单维或多维评估量表等进行评估，其中心理健康知识、心理疾病识别、情绪调节等成分都有"
     "促进心理健康的作用。未来研究可以在建构评估指标体系、探索作用机制、加强实证干预研究等方面深入"
     "开展。", "narrative review"),
    # one group's records read back and followed up, nothing compared: a case series
    # (ChinaXiv 201712.00038, 201801.00657)
    ("应用Cabrol手术治疗急性A型主动脉夹层根部病变",
     "本研究对我中心近7年来应用Cabrol术式治疗急性A型主动脉根部病变的病例进行总结。2009年1月~2016年"
     "12月，共有47例急性A型主动脉夹层的患者在我中心接受Cabrol手术治疗。对所有病例的相关数据进行"
     "回顾性分析。总的30d死亡率为10.6%(5/47)。随访时间6~36月。", "case series"),
    ("利妥昔单抗联合调整剂量EPOCH方案治疗胃肠道弥漫大B细胞淋巴瘤",
     "通过对4例累及胃肠道的弥漫大B细胞淋巴瘤患者的发病经过、临床与病理特点进行综合分析,对患者化疗后"
     "的治疗反应和转归情况进行了评价随访。除1例患者因出现严重感染死亡外，其他3例患者均获得完全缓解。",
     "case series"),
    # diseased tissue against normal tissue (ChinaXiv 201712.00695)
    (None, "探讨ZEB2和C-myc在上皮性卵巢癌组织(EOC)中的表达情况。用免疫组化SP法检测191例EOC和13例"
     "正常卵巢组织中ZEB2和C-myc蛋白的表达。EOC和正常卵巢组织中ZEB2蛋白的阳性表达率分别为49.2%(94/191)和"
     "30.8%(4/13)，差异有统计学意义(P=0.007)。", "case-control"),
    # a system the authors built (ChinaXiv 201805.00243)
    ("基于国际头痛诊断标准的原发性头痛辅助决策系统",
     "以此为基础开发了覆盖完整头痛诊断流程的原发性头痛辅助决策系统。临床评估显示，该系统可正确"
     "识别出91.3%的偏头痛、87.2%的紧张型头痛和90.0%的丛集性头痛病人。", "methods"),
    # one patient's care told (ChinaXiv 202209.00100), though "本文总结" reads like a review
    ("中西医结合治疗1例带状疱疹患者的护理体会",
     "本文总结1例带状疱疹水疱并引起疼痛的患者实施中医护理技术相关经验。首先根据患者情况辨证分型,"
     "做好护理评估,然后根据证型实施中药溻渍、耳穴压豆、拔火罐等中医干预措施。", "case report"),
    # an industry's state from a product database (ChinaXiv 201801.00262, 201803.00496)
    ("全球寡核苷酸类药物开发现状与趋势",
     "检索科睿唯安（Clarivate Analytics）的Cortellis 数据库的数据，利用定量分析法和对比"
     "分析法对检索结果进行分析。目前已有7种寡核苷酸类药物上市，4种处于预注册及16种处于"
     "临床I期。", "other"),
    ("免疫细胞疗法产业发展态势和发展建议",
     "通过梳理国内外免疫细胞疗法产业发展态势，分析免疫细胞疗法发展的技术瓶颈，并提出发展"
     "建议。", "other"),
    # chinaxiv-e: a meeting reported (201806.00215); a population's rates over the years
    # (202209.00051); groups by whether they had a drug (201801.00690); a meta-analysis in its
    # title (202207.00169)
    ("美国胸外科学会年会：2018热点聚焦",
     "美国胸外科学会（American Association for Thoracic Surgery，AATS）第98届年会于2018年4月28日"
     "至5月1日在美国加州圣迭戈市召开。本届年会围绕胸外科临床、基础研究热点，公布了多项研究成果。",
     "other"),
    ("2004-2018年中国艾滋病发病与死亡趋势及其年龄-时期-队列模型分析",
     "收集中国公共卫生科学数据中心中2004-2018年中国艾滋病发病率与死亡率的相关数据。运用Joinpoint"
     "回归模型分析发病率与死亡率变化趋势。结果显示，2004-2018年中国艾滋病发病率与死亡率均呈上升"
     "趋势，分别年均上升了22.7%和18.8%（P<0.05）。", "cross-sectional"),
    ("大剂量乌司他丁对A型主动脉夹层全弓置换患者的脏器保护作用",
     "分析2014年9月~2016年3月于我中心收治拟行全弓置换术治疗的66例A型主动脉夹层患者，将围术期"
     "使用大剂量乌司他丁的36例患者设置为乌司他丁(UTI)组，未使用乌司他丁的30例患者设置为对照(CTL)"
     "组。UTI组入院至术后3d使用乌司他丁300000U静脉滴入，每8h/次。", "cohort"),
    # a new test against the usual one (201712.00551); English that a PDF conversion ran
    # together (201712.01095)
    ("超声引导下麦默通旋切系统在触诊阴性乳腺病灶诊断中的应用",
     "探讨超声引导下麦默通旋切系统对触诊阴性乳腺病灶的诊断优势及意义。回顾分析了相应患者的临床"
     "资料，分析了麦默通旋切系统较BARD活检穿刺针的诊治优势。341例麦默通旋切患者穿刺成功率为100%，"
     "164例BARD活检穿刺针患者穿刺成功率为82.19%。", "diagnostic accuracy"),
    ("Perioperative immunomodulatory therapy does not decrease postoperative recurrence rate of "
     "rectal cancer",
     "This prospective study was conducted among 238rectal/anal cancer patients. The150patients "
     "wererandomizedinadouble-blinded fashioninto3equal groupstoreceiveimmunomodulatory "
     "therapy with celecoxib (group A), Solu-Medrol (group B), or placebo (group C).", "rct"),
    # chinaxiv-d: groups from different years (201712.00592); a text-mining method
    # (201711.01234)
    ("护理风险管理在糖尿病患者CT增强后发生对比剂肾病中的作用",
     "收集2013年1~12月在本院CT室行CT增强的糖尿病患者200例作为对照组，2014年1~12月患者200例作为"
     "观察组，观察组实施护理风险管理，对照组常规护理。两组检查前均常规进行血肌酐检测。经护理风险"
     "管理，观察组患者血肌酐低于对照组，两组比较差异有统计学意义(P<0.05)。", "cohort"),
    ("面向临床决策的电子病历文本潜在语义分析",
     "通过对电子病历中重要文本进行语义分析，提取辅助临床治疗方案选择的决策知识。使用词典和统计"
     "相结合的分词算法，对训练样本中出院记录文本进行分词处理，并对其进行潜在语义分析。1000份测试"
     "样本中有605份可以从临床症状的描述准确地推算出其所对应的治疗方案，正确率为60.5%。", "methods"),
    ("五种抗结核药物治疗MDR-TB疗效和安全性的贝叶斯网状Meta分析",
     "系统评价五种抗结核药物化疗方案治疗MDR-TB的疗效和安全性。检索PubMed、Medline、Web of "
     "Science、维普网和万方数据数据库的随机对照试验(RCTs)。共纳入39项RCT，共计3860例患者。",
     "meta-analysis"),
])
def test_study_type_of_chinese_papers(title, text, expected):
    record = record_of(text, "zh", title)
    assert extract_facts(Study("s", [record])).facts.design.study_type == expected


def test_one_arms_size_is_no_whole():
    # the arms named in its sentence add up (ChinaXiv 201712.00422)
    text = ("方法 以51例行早期气管切开联合胃造瘘术的重型颅脑损伤术后患者为观察组，未行胃造瘘术的"
            "63例患者为对照组，比较两组住院2周后的肺部感染构成比。")
    assert extract_facts(Study("s", [record_of(text)])).facts.participants.n_enrolled == 114


# A new study-type cue stays in its place: a series' one patient is no case report, a
# radiotherapy plan's normal tissue no control, a prognosis no correlation at one time, a
# database built for a retrospective analysis no methods paper
@pytest.mark.parametrize("text, kind", [
    ("其中1例患者的治疗失败，改行手术。", "case report"),
    ("放疗计划中正常组织受量较低。", "case-control"),
    ("The normal tissue complication probability was estimated.", "case-control"),
    ("探讨ZEB2表达与胃癌患者预后的相关性。", "cross-sectional"),
    ("建立数据库，回顾性分析2010年至2015年的病例。", "methods"),
    # what the CT showed (表现) reviewed is no review by the authors (ChinaXiv 201712.00432)
    ("对102例股骨颈骨折患者的临床特点及多层螺旋CT表现进行回顾性总结分析。", "narrative review"),
    # 临床研究 ("clinical study") names any study of patients in a Chinese journal
    ("保留脾脏的全腹腔镜选择性贲门周围血管离断术临床研究", "single-arm trial"),
    # guidelines followed are no guideline
    ("Cases of EoE were diagnosed per consensus guidelines.", "guideline"),
    ("Diagnosis followed the 2018 ESC guidelines.", "guideline"),
    ("按照《中国高血压防治指南》诊断。", "guideline"),
    # a prevalence survey's detection rate is no diagnostic accuracy
    ("2019年某市中小学生近视检出率及影响因素分析", "diagnostic accuracy"),
    # controls given another treatment are no people without the disease
    ("另选同期40例无创通气治疗患者作为对照组。", "case-control"),
    ("40例非手术治疗患者作为对照组。", "case-control"),
    # a subgroup of the results is no group set up by treatment
    ("未接受过化疗的18例患者缓解率为33%。", "cohort"),
    # a consensus conference writes a guideline; an allergy to insect stings is a patient's;
    # a survey of small firms is no market study
    ("A multidisciplinary consensus conference was held in Rome.", "other"),
    ("Safety of venom immunotherapy in patients with insect sting allergy", "basic science"),
    ("Workplace health promotion in small and medium-sized firms", "other"),
])
def test_a_cue_that_does_not_apply(text, kind):
    cues = study_type_cues(text, "zh" if has_han(text) else "en")
    assert kind not in [h.value[0] for h in cues]


# A case-control study's groups are its cases and its controls, named as the text names them,
# before groups a results sentence names by outcome (ChinaXiv 201712.00869, 201712.00984)
@pytest.mark.parametrize("text, arms", [
    ("方法 采用实时荧光定量PCR技术检测33例鼻咽癌患者治疗前后血浆中hTERT mRNA的表达,以24例健康志愿者"
     "作为对照。", [("患者", 33), ("健康志愿者", 24)]),
    ("方法 选择在我院经CDT治疗的急性下肢DVT患者50例作为病例组，在溶栓前、溶栓结束分别检测血浆"
     "D-二聚体浓度。另选择健康体检50例作为健康对照组。",
     [("患者", 50), ("健康体检", 50)]),
])
def test_a_case_control_studys_groups(text, arms):
    results = "疗效判定为再通者34例(再通组),未通者16例(未通组)。"
    record = record_of(text)
    record.text += results
    record.abstract.append(Section("results", "zh", results, len(text), len(record.text)))
    facts = extract_facts(Study("s", [record])).facts
    assert facts.design.study_type == "case-control"
    assert [(a.name, a.n) for a in facts.participants.arms] == arms


@pytest.mark.parametrize("title, text, expected, name", [
    # EBM-NLP trials: randomisation said as a comparison, an order or an assignment; a
    # placebo, blinding or a crossover with no randomisation said (a controlled trial)
    ("A prospective randomised comparison of the dynamic hip screw and the gamma locking nail.",
     "We made a randomised prospective comparison of the Dynamic Hip Screw and the Gamma "
     "locking nail for the internal fixation of 200 peritrochanteric fractures. There was less "
     "intraoperative blood loss in the patients treated by the Gamma nail.", "rct",
     "randomised controlled trial"),
    ("Carbenicillin-trimethoprim/sulfamethoxazole versus carbenicillin-gentamicin as empiric "
     "therapy of infection in granulocytopenic patients.",
     "A prospective, randomized, double-blind study. The results of therapy with carbenicillin "
     "plus trimethoprim-sulfamethoxazole were compared to those obtained with carbenicillin "
     "plus gentamicin.", "rct", "randomised controlled trial"),
    ("Neuroendocrine effects of sumatriptan.",
     "The neuroendocrine effects of the 5-HT receptor agonist, sumatriptan (6 mg "
     "subcutaneously), were studied in 11 healthy male subjects using a placebo-controlled, "
     "cross-over design. Compared to placebo, sumatriptan significantly lowered levels of "
     "plasma prolactin.", "non-randomised trial",
     "controlled trial (randomisation not reported)"),
    ("Bismuth subsalicylate in the treatment of gastritis due to Campylobacter pylori.",
     "Fifty patients completed an investigator-blind trial comparing bismuth subsalicylate, "
     "erythromycin ethylsuccinate, and placebo. Heartburn improved in 50% of patients who "
     "received bismuth compared with 17% of those given placebo.", "non-randomised trial",
     "controlled trial (randomisation not reported)"),
    ("The safety and efficacy of terazosin in the treatment of essential hypertension.",
     "In a series of studies, the safety and efficacy of terazosin were evaluated in 1180 "
     "patients with mild to moderate hypertension. In elderly patients, terazosin, 1 to 10 mg "
     "daily, was as effective in lowering blood pressure as propranolol.", "single-arm trial",
     "single-arm trial"),
    # the effects of a programme tested on people, who are not counted: not a review
    ("Effects of an Internet-based intervention on plasma glucose levels in patients with type "
     "2 diabetes.", "This study applied a 12-week educational intervention that used both the "
     "cellular phone and the Internet to send short message service. Patients were sent the "
     "optimal recommendations by both the cellular phone and the Internet. After 12 weeks, the "
     "patients had a mean decrease of 28.6 mg/dL in fasting plasma glucose.",
     "single-arm trial", "single-arm trial"),
    # Cochrane reviews' results: the studies a review counts outweigh the trials it reviews
    (None, "Fifty-four trials enrolling 6545 patients were included. Compared with no "
           "treatment, interferon increased the probability of a virologic response (Peto odds "
           "ratio 4.60; 95% CI 1.53 to 13.85).", "systematic review", "systematic review"),
    (None, "We identified one randomised controlled trial that included 542 participants, "
           "which compared pembrolizumab versus chemotherapy. Participants were randomly "
           "assigned to either treatment.", "systematic review", "systematic review"),
    # EBM-NLP: groups each given a treatment by the study, randomisation not said
    ("Ventilatory function during urography: a comparison of iopamidol and sodium "
     "iothalamate.", "FEV1 and FVC were recorded in 37 non-atopic patients. Nineteen patients "
     "received iopamidol and 18 patients received sodium iothalamate. Both groups showed a "
     "significant fall in FEV1 (P less than 0.05).", "non-randomised trial",
     "controlled trial (randomisation not reported)"),
    # EBM-NLP: "randomly selected to receive" is randomisation; a quasi-experiment and people
    # assigned to arms are a controlled trial; people "meeting criteria for BPD" are a trial's,
    # not a review's studies meeting its criteria; an ELISA and a recombinant drug given to
    # patients are no lab work
    ("A comparison of propranolol and nadolol pharmacokinetics in thyrotoxicosis.",
     "20 newly diagnosed patients with thyrotoxicosis were randomly selected to receive as sole "
     "therapy, either propranolol, 40 mg every 6 hours for 14 days, or nadolol.", "rct",
     "randomised controlled trial"),
    ("Comparative efficacy of LEAP, TEACCH and non-model-specific special education programs.",
     "The purpose of this quasi-experimental study was to compare high fidelity LEAP (n = 22) "
     "and TEACCH (n = 25) classrooms.", "non-randomised trial",
     "controlled trial (randomisation not reported)"),
    ("Deliberate mild intraoperative hypothermia for craniotomy.",
     "This study examined the feasibility and safety of deliberate mild hypothermia. Thirty "
     "patients scheduled for craniotomy were assigned to one of three groups.",
     "non-randomised trial", "controlled trial (randomisation not reported)"),
    ("Hunter DBT project: randomized controlled trial of dialectical behaviour therapy in women "
     "with borderline personality disorder.",
     "A randomized controlled trial of 73 female subjects meeting criteria for BPD was carried "
     "out with intention-to-treat analyses.", "rct", "randomised controlled trial"),
    ("Clinical trials of intrasplenic arterial infusion of interleukin-2.",
     "Eighteen patients of colorectal cancer received a 24 hour continuous infusion with low "
     "dose recombinant of IL-2 for 25-40 days. IgG antibodies were measured by enzyme-linked "
     "immunosorbent assay.", "single-arm trial", "single-arm trial"),
    # a survey's random sample is not a randomised trial
    ("Sunbathing and sunbed use related to self-image in a randomized sample of Swedish "
     "adolescents.", "In 1996 a randomized sample of 4,020 Swedish adolescents were sent a "
     "questionnaire consisting of 50 items concerning habitual sun-related behaviour.",
     "cross-sectional", "cross-sectional study"),
])
def test_study_type_of_trials_and_reviews(title, text, expected, name):
    study = extract_facts(Study("s", [record_of(text, "en", title)]))
    assert study.facts.design.study_type == expected
    assert design_name(study.to_dict())["en"] == name


def test_in_conclusion_run_on_in_a_results_section_is_the_conclusion():
    sentences = [Sentence("Invasive disease occurred in 7.1% and 8.7% of patients.", "en",
                          section="results"),
                 Sentence("In conclusion, we found that pertuzumab significantly improved the "
                          "rates of invasive-disease-free survival.", "en", section="results")]
    assert sentence_roles(sentences) == ["results", "conclusion"]


@pytest.mark.parametrize("sentences, roles", [
    (["Lupus is a chronic autoimmune disease.", "We enrolled 40 patients with lupus.",
      "Previous studies have reported remission in 30% of patients.",
      "The remission rate was 45% (P < 0.05).", "In conclusion, the drug may help.",
      "Larger trials are needed."],
     ["background", "methods", "cited", "results", "conclusion", "future"]),
    (["To evaluate drug X in lupus.", "Forty patients received drug X."],
     ["aim", "methods"]),
    # a sentence naming this study's design is its own, not background (EBM-NLP)
    (["Randomized controlled trials are the gold standard.",
      "A prospective, randomized, double-blind study.",
      "A double-blind placebo-controlled study examined the effect of a single dose of "
      "synthetic human secretin."],
     ["background", "methods", "methods"]),
    # the authors' study, named with adjectives between "this" and "study"
    (["Youth with IBD often feel anxious.", "This randomized controlled study tested whether CBT "
      "versus standard medical care only was effective."],
     ["background", "methods"]),
    (["系统性红斑狼疮是一种自身免疫病。", "本研究纳入40例患者。", "既往研究报道缓解率为30%。",
      "有待进一步研究。"],
     ["background", "methods", "cited", "future"]),
    # Chinese leaves out "we": what was done is the authors' own (WMT Medline doc16)
    (["Faldaprevir 类似物能有效抑制HCV NS3/4A 蛋白酶的催化活性。",
      "通过生物信息学统计分析了已报道的蛋白酶晶体结构。",
      "对复合物进行了20.4 ns 的分子动力学模拟。"],
     ["background", "methods", "methods"]),
    (["通过抑制蛋白酶可以阻断病毒复制。"], ["background"]),
    (["用于治疗丙型肝炎的药物已经得到了广泛应用。"], ["background"]),
    # results told in the past with their numbers; outcomes that happened (WMT Medline doc4,
    # doc33)
    (["We developed a method to count swans.", "Our results showed 1124 Whooper Swans occupied "
      "the reserve, and the average percent error was 3.16% (SE = 1.37).",
      "These results demonstrate that our method produced robust data."],
     ["methods", "results", "conclusion"]),
    (["To evaluate cannulated pedicle screws for osteoporotic fractures.",
      "No complications related to pedicle screw and bone cement occurred.",
      "The incisions healed by first intention in 26 cases."],
     ["aim", "results", "results"]),
    # work published before is not the authors' own (WMT Medline doc2)
    (["A simplified grading system for trachoma was published by the World Health "
      "Organization in 1987.", "Each of its signs can be present or absent in any eye.",
      "This paper presents the amended system."],
     ["cited", "background", "methods"]),
    # findings told in words, then the authors' reading of them (WMT Medline qualitative
    # studies); a closing call for more research leaves the sentence before it the conclusion
    (["This study examined interviews with fourteen immigrant parents.",
      "Data analysis revealed a gradual decline in children's behavior.",
      "The findings have relevance for nurses and midwives."],
     ["methods", "results", "conclusion"]),
    # a narrative review's unheaded Objective / Methods / Results / Conclusion (WMT doc35)
    (["To summarize the research progress of the effects of high glucose on adipose-derived "
      "stem cells (ADSCs).",
      "The literature on high glucose and ADSCs at home and abroad in recent years was reviewed.",
      "The ability of ADSCs to promote angiogenesis in high glucose is still controversial.",
      "High glucose can affect the biological activity of ADSCs, and the mechanism needs to be "
      "further studied."],
     ["aim", "methods", "results", "conclusion"]),
    (["总结高糖微环境对脂肪来源干细胞生物学活性影响的研究进展。",
      "查阅近年国内外有关高糖微环境与ADSCs的文献，对其影响进行总结。",
      "目前对高糖微环境中的ADSCs促血管及神经再生能力尚存在争议。",
      "高糖微环境会影响ADSCs生物学活性，该微环境中ADSCs的作用及机制有待进一步研究。"],
     ["aim", "methods", "results", "conclusion"]),
    # PsycINFO (realworld-dev): findings said in words, then the conclusion, then a notice
    (["The aim of this study was to examine the role of body image problems in inflammatory "
      "bowel disease.",
      "A sample of inflammatory bowel disease patients (60 males and 140 females) was collected.",
      "Findings from a multi-group analysis show that symptoms may impact on body image.",
      "Body image difficulties should not be a neglected dimension in research.",
      "(PsycINFO Database Record (c) 2019 APA, all rights reserved)"],
     ["aim", "methods", "results", "conclusion", "background"]),
    # Chinese leaves out "we": the method opens the abstract (WMT doc13)
    (["使用税收缺口法估算印度的非法卷烟消费量。", "合法消费量来源于印度政府的数据。",
      "据估计，2009-2010年非法卷烟消费量为54亿支，占市场份额的5.1%。"],
     ["methods", "methods", "results"]),
    (["Choline activates nicotinic receptors during fetal brain development.",
      "Review available literature on choline supplementation during pregnancy.",
      "A Medline search was used to identify studies assessing effects of choline.",
      "Dietary requirements for choline are high during pregnancy.",
      "The short (6 months) intervention is low in risk."],
     ["background", "aim", "methods", "results", "results"]),
    (["Ten atopic dogs were treated with the spray for 28 days.",
      "A reduction in the total clinical score was seen (P = 0.03).",
      "There was a significant and rapid decrease in the clinical signs after use of the spray.",
      "Future larger, randomized, controlled studies are needed to confirm these results."],
     ["methods", "results", "conclusion", "future"]),
    # what earlier trials showed is cited, as "has been shown" is (WMT doc44's Chinese side);
    # a review counting the studies it took in begins its results (WMT doc24)
    (["在随机的临床试验中,伴侣疗法的疗效已被证实;然而,实际场景的伴侣疗法之有效性尚未明确。",
      "本研究采用一种标杆分析方法来对比伴侣疗法之有效性。"],
     ["cited", "methods"]),
    (["To evaluate all simulation models for ophthalmology skills training.",
      "A systematic search was performed using PubMed and Embase.",
      "One hundred and thirty-one studies were included in this review.",
      "Fifty-three studies were based on virtual reality tools.",
      "The main weakness is in the poor quality of study design."],
     ["aim", "methods", "methods", "results", "conclusion"]),
    (["We studied water intake in 8400 children.", "Water intake was associated with lower "
      "calories (P < 0.01).", "This study lends further support to the call to reduce sweetened "
      "drinks."],
     ["methods", "results", "conclusion"]),
    # what the authors built, after the problem it answers (ChinaXiv 201805.00243)
    (["针对原发性头痛诊断准确率较低的问题，提出了一种临床知识建模和知识库构建方法。",
      "临床评估显示，该系统可正确识别出91.3%的偏头痛。"], ["aim", "results"]),
])
def test_sentence_roles(sentences, roles):
    lang = "zh" if "\u4e00" <= sentences[0][0] <= "\u9fff" else "en"
    assert sentence_roles([Sentence(s, lang, section="other") for s in sentences]) == roles


# A comparison to make opens an aim; one made, with its difference or P value, is a result
@pytest.mark.parametrize("sentence, aim", [
    ("比较ERCP下双频双脉冲激光碎石与内镜下传统机械碎石治疗胆总管结石患者的疗效差异。", True),
    ("比较两组患者的住院时间，差异无统计学意义(P>0.05)。", False),
    ("针对原发性头痛诊断准确率较低的问题，提出了一种临床知识建模方法。", True),
    ("我们建立了一个包含5000例患者的数据库。", False),
])
def test_a_comparison_to_make_is_an_aim(sentence, aim):
    assert bool(AIM.search(sentence)) is aim


def test_facts_come_only_from_the_studys_own_sentences():
    text = ("A previous trial randomised 253 patients. We enrolled 136 patients with asthma "
            "in an open-label study.")
    facts = extract_facts(Study("s", [record_of(text)])).facts
    assert facts.participants.n_enrolled == 136
    assert "randomized" not in facts.design.tags


@pytest.mark.parametrize("sentence, n, unit", [
    ("Sixteen CWS providers (twelve counselors and four supervisors) were interviewed.", 16,
     "people"),
    ("A meta-analysis of 2530 eyes from 48 real-world studies was conducted.", 2530, "eyes"),
    ("The current study is the largest sample to date (N = 3,347 couples).", 3347, "couples"),
    ("We report a case of a 43-year-old woman with a duplication cyst.", 1, "people"),
    ("In total, 42 patients (21 patients in each group) were included in the study.", 42,
     "people"),
    # real Embase and PsycINFO sentences
    ("Case presentation: The patient was a 43 year-old woman with slightly abdominal pain.", 1,
     "people"),
    ("We describe two cases of these cysts, with emphasis on their immunophenotype.", 2,
     "people"),
    ("We performed a cross-sectional study of children (aged 8-17 y) with IBD (n = 148) and "
     "their parents, seen in a hospital-based clinic.", 148, "people"),
    # a WMT Medline sentence: "the current paper" is the study's own words, "N =" its count
    ("The current paper examines the role of family integration in buffering the impact of "
     "social disadvantage in a sample of N = 298 families randomly assigned either to a control "
     "condition or to a family-based prevention program.", 298, "families"),
    # WMT doc12: the members of the families counted
    ("Data were collected from two clinical centers for 208 families (n = 507).", 507,
     "people"),
    # the Chinese side of WMT Medline doc30 and doc18: a count of dogs, a count of patients
    ("目的: 评价喷雾溶液对特应性患犬的影响。动物: 10只轻度发病、非季节性特应性私家犬。", 10,
     "dogs"),
    ("回顾分析 2010 年 7 月—2019 年 1 月收治的 18 例颅脊交界区结核患者临床资料。", 18, "people"),
    ("方法：共纳入 1265 只眼进行检查。", 1265, "eyes"),
    ("方法：共纳入 30 例牙周炎患者。", 30, "people"),  # a noun phrase ends with its head
])
def test_participants_of_every_design(sentence, n, unit):
    participants = extract_facts(Study("s", [record_of(sentence)])).facts.participants
    assert participants.n_enrolled == n
    assert participants.unit == unit


@pytest.mark.parametrize("sentence, n", [
    # PICO-Corpus trial sentences: a date before the count, a whole broken down into arms,
    # words between the people and the verb, the verbs of accrual
    ("From December 1997 to August 2003, 201 patients were randomised, 100 to EoP and 101 to "
     "paclitaxel arms.", 201),
    ("Forty-five patients eligible for neoadjuvant chemotherapy were randomly assigned.", 45),
    ("Between 1996 and 1999, 705 patients (353 EP patients and 352 EC patients) underwent "
     "randomization.", 705),
    ("Five hundred and twenty-four breast cancer patients were prospectively and randomly "
     "assigned to two groups.", 524),
    ("Before breast RT, 84 patients were randomly assigned to the deodorant group (n = 42) or "
     "the no-deodorant group (n = 42).", 84),
    ("Between May 1999 and December 2001, we accrued 136 breast cancer survivors aged 35-52.",
     136),
    ("A two-center, two-arm randomized controlled trial of exercise was conducted in 320 "
     "postmenopausal, sedentary women age 50 to 74 years.", 320),
    ("Among 98 enrolled women, 86 completed the treatment.", 98),
    ("In a double-blind, placebo-controlled study, 35 female outpatients with breast cancer and "
     "major depression were treated.", 35),
    # ParaMed NEJM doc4: 509 enrolled, 251 of them treated first and then randomised
    ("A total of 251 patients with no PSA progression at weeks 13 and 21 were treated until PSA "
     "progression and were then randomized to receive enzalutamide or placebo.", 251),
    ("13周和21周时无PSA进展的总共251例患者接受治疗至PSA进展,随后被随机分组。", 251),
    ("In this randomized, single blind study, participants were 181 African American female "
     "health center patients of ages 41 to 75.", 181),
    ("Of 123 randomized patients, 122 were treated.", 123),
    ("One hundred and twenty-six consented women underwent a random fine-needle aspiration.",
     126),
    ("Postmenopausal, sedentary women ages 50 to 74 years (n = 320) were evenly randomized.",
     320),
    # who was studied, said as a fragment, a split into groups, or a whole its arms add up to
    ("Tertiary university-affiliated medical center. Twenty consecutive women (age range 43-61 "
     "yrs).", 20),
    ("160 consecutive patients with breast cancer and unilateral axillary lymph node "
     "dissection.", 160),
    ("Ninety patients undergoing mastectomy for breast carcinoma were divided into three "
     "groups.", 90),
    ("Between July, 1996 and April, 1999, 199 consecutive patients hospitalized in our "
     "department for treatment of breast cancer were enrolled in this study.", 199),
    ("Between 1993 and 2000, 2144 (1063 ovarian ablation or suppression, 1081 no ovarian "
     "ablation or suppression) patients were randomly assigned.", 2144),
    ("Of the 885 patients, 442 were assigned to the high-dose group and 443 to the "
     "conventional-dose group.", 885),
    ("Postmenopausal women (n=2,565, mean age=67) with osteoporosis were given calcium.", 2565),
    ("Patients (n = 449) were randomly assigned to receive either docetaxel or paclitaxel.", 449),
    ("Enrollment had been completed, with 939 patients enrolled (epoetin alfa, n = 469; "
     "placebo, n = 470).", 939),
    ("Randomisation of 160 participants allocated 79 to the intervention group and 81 to the "
     "control group.", 160),
    ("Out of 121 consecutive cases qualified for mastectomy, 112 women were allocated randomly "
     "to 1 of 2 groups.", 112),
    ("The study was a 1-yr randomized, placebo-controlled trial comparing pamidronate 60 mg iv "
     "every 3 months with placebo in 40 premenopausal women.", 40),
    ("Enrolled in the study were forty patients, aged 20 to 65, diagnosed with breast cancer.",
     40),
    ("This phase 3 study involved 521 patients with advanced hormone-receptor-positive breast "
     "cancer.", 521),
    ("This study was a randomized, placebo-controlled trial including 120 BC patients that "
     "underwent an identical RT regimen.", 120),
    ("Breast cancer patients initiating chemotherapy (N=301) were randomly assigned to three "
     "times a week, supervised exercise or usual care.", 301),
    ("We randomly assigned patients who were scheduled to undergo adjuvant chemotherapy "
     "(N = 230) to Onco-Move, OnTrack, or UC.", 230),
    ("At a preplanned efficacy interim analysis, among 5,637 randomly assigned patients, 323 "
     "IDFS events were observed.", 5637),
    ("Sixty participants were evenly and randomly allocated to either the intervention group "
     "or the control group.", 60),
    ("One hundred patients were enrolled in this study and 91 were analyzed, 48 in group A and "
     "43 in group P.", 100),
    ("Fifty-four women (aged 65-75 and diagnosed with breast cancer ≥ 3 years ago (2010-2012)) "
     "were recruited from February to May 2016.", 54),
    ("Three hundred women ≥18 years of age with newly diagnosed stage I -III breast cancer.",
     300),
    ("One hundred breast cancer survivors within 6 months of completing adjuvant treatment were "
     "assessed at baseline and after the intervention.", 100),
    ("In this randomized, placebo-controlled, phase 3 trial, we evaluated the efficacy and "
     "safety of ribociclib combined with letrozole in 668 postmenopausal women.", 668),
    ("In this randomized trial for the treatment of insomnia, 90 breast cancer survivors with "
     "insomnia were assigned to TCC or CBT-I.", 90),
    ("3864 women were recruited between Feb 2, 2003, and Jan 31, 2012. 1920 women were randomly "
     "assigned to 5 years anastrozole and 1944 to placebo.", 3864),
    ("Two-hundred seventy-eight pts were enrolled.", 278),
    ("Of 151 participants, 95% were retained at 6 months.", 151),
    ("This was a randomized trial with 52 women with breast cancer who were being treated with "
     "tamoxifen.", 52),
    ("Our study was a randomized, single-blind, placebo-controlled trial that involved 89 women "
     "with newly diagnosed breast cancer.", 89),
    ("This randomized controlled trial recruited 83 inactive, postmenopausal women diagnosed "
     "with stage I-III breast cancer.", 83),
    ("We randomly allocated 867 women attending their final invited breast screening "
     "appointment.", 867),
    ("Among 262 patients registered, 249 were evaluable, with 122 women in the exercise arm.",
     262),
    ("Targeted for 124 patients with a planned 5-year follow-up, the trial was stopped for "
     "futility after 49 patients were enrolled (median age, 39 years; range, 21 to 43 years).", 49),
    ("351 women (176 given exemestane, 175 given placebo; median age 61·3 years) met our "
     "inclusion criteria and completed baseline assessment.", 351),
    ("Overall, 112 postmenopausal women at increased risk for breast cancer were randomized to "
     "receive letrozole.", 112),
    ("We measured mRNA levels in tumor samples from 97 breast cancer patients enrolled in a "
     "phase III trial.", 97),
    ("Baseline samples were available from 2318 patients, serial samples were available from "
     "105 patients.", 2318),
    ("This is a retrospective analysis of 2,887 node-positive BC patients enrolled in the BIG "
     "02-98 adjuvant study, a randomised phase III trial.", 2887),
    ("Two hundred-forty inactive women with metabolic syndrome were randomized.", 240),
    ("The study was closed with 81 evaluable patients, including 41 patients who received "
     "vinorelbine and 40 patients who received taxane.", 81),
    # a standard from the literature is no literature's count
    ("参照文献标准选取2015年我院收治的120例患者。", 120),
])
def test_trial_participant_counts(sentence, n):
    participants = extract_facts(Study("s", [record_of(sentence)])).facts.participants
    assert (participants.n_randomized or participants.n_enrolled) == n


@pytest.mark.parametrize("sentence", [
    # one arm's count is not the whole: its sibling follows
    "Between 1987 and 1992, 239 patients were assigned to surgery plus tamoxifen and 235 to "
    "tamoxifen alone.",
    "DD patients (n = 104; 25 aged 60 years or more) received epirubicin 90 mg/m2.",
    "Thirty BC patients using tamoxifen and 50 patients using exemestane underwent interviews.",
    # a share of the whole: the 1146 are not this study's count
    "In total, this retrospective analysis included women (40% of the 1146 randomized "
    "patients).",
    # parts that add up by chance: 22 + one (of "one more year") is not the 23's parts
    "Twenty from originally 23 patients who wore sleeves (15 mmHg) and 21 from 22 patients "
    "could be seen after one more year.",
    "1920 women were randomly assigned to 5 years anastrozole and 1944 to placebo.",
    # the cases (not the whole) of a case-control study, one arm each
    "In this case-control study, 300 incident BC cases and 300 controls, matched by age and "
    "area of residence were recruited.",
    "The trial included 120 patients in each arm.",
    "FFPE tumor blocks were available on 989 of 1234 patients enrolled in the trial.",
    # a time in the trial, and events counted (ParaMed NEJM doc3)
    "Under a protocol amendment that was added after 3655 patients had undergone randomization, "
    "patients with node-negative disease were no longer eligible.",
    "在3,655例患者完成随机分组之后，我们新增了一项研究方案修正案。",
    "A total of 169 patients died, 80 in the pertuzumab group and 91 in the placebo group.",
    # the literature's cases a case report reviews (ChinaXiv 201806.00176)
    "并分析14篇个案报道、共18例病例。",
])
def test_counts_that_are_not_the_whole(sentence):
    participants = extract_facts(Study("s", [record_of(sentence)])).facts.participants
    assert participants.n_randomized is None and participants.n_enrolled is None


def headed_record(sections: list[tuple[str, str]]) -> Record:
    text, parts = "", []
    for kind, body in sections:
        text += f"{kind.upper()}. "
        parts.append(Section(kind, "en", body, len(text), len(text) + len(body)))
        text += body + " "
    return Record(id="r", source="r.txt", format="text", index=0, text=text, abstract=parts)


# An Embase case series: who was studied is said only as the results begin.
EUS_METHODS = ("Consecutive patients with suspected mediastinal masses or mediastinal cysts on "
               "imaging studies were evaluated prospectively by EUS and EUS-FNA.")


@pytest.mark.parametrize("results, n", [
    ("Ten consecutive patients were evaluated with EUS and EUS-FNA. Seventy percent of the cysts "
     "were characterized by CT scans as solid masses.", 10),
    # later in a results sentence the count is a subgroup
    ("In hormonal therapy-only patients (n = 314), feasible surgery improved after 3 months.",
     None),
])
def test_who_was_studied_said_first_in_the_results(results, n):
    record = headed_record([("methods", EUS_METHODS), ("results", results)])
    assert extract_facts(Study("s", [record])).facts.participants.n_enrolled == n


# medline-d, with their PubMed headings
@pytest.mark.parametrize("sections, expected", [
    ([("objective", "We aimed to assess the diagnostic utility of the esophageal biopsy \"pull\" "
                    "sign."),
      ("methods", "This was a prospective cohort study of adults undergoing outpatient upper "
                  "endoscopy. Cases of EoE were diagnosed per consensus guidelines."),
      ("results", "Sixty-three EoE patients (76%) were \"pull\" sign positive compared with just "
                  "2 control subjects (2%; P < .001), corresponding to a sensitivity and "
                  "specificity of 76% and 98%, positive and negative predictive values of 97% "
                  "and 86%.")], "diagnostic accuracy"),  # 26142556
    ([("methods", "Prospective observational study. Psychological evaluations by "
                  "questionnaires were conducted at inclusion and at 3, 6, and 12 months after "
                  "UTx.")], "cohort"),  # 26231464
    ([("methods", "Prospective case series."),
      ("results", "Three (6%) of 50 measurements were not within the 95% limits of agreement in "
                  "the Bland-Altman analysis."),
      ("conclusions", "Pseudophakic ACD measurements with the PCI and OLCR devices can be used "
                      "interchangeably.")], "diagnostic accuracy"),  # 26432125
])
def test_study_type_of_headed_pubmed_abstracts(sections, expected):
    record = headed_record(sections)
    assert extract_facts(Study("s", [record])).facts.design.study_type == expected


@pytest.mark.parametrize("results, n", [
    # who was studied, opening the results with a list or a frame (medline-d)
    ("A total of 83 EoE patients and 121 control subjects were included.", 204),  # 26142556
    ("The study comprised 65 eyes of 65 patients with a mean age of 71.7 years ± 9.0 (SD).",
     65),  # 26432125
    ("Of 113 (51%) eligible physicians, 58 completed the survey: 27 from the intervention site, "
     "and 31 from the control sites.", 58),  # 38801034
    ("Nine female uterine recipients and their partners.", 9),  # 26231464, PARTICIPANTS
    # an arm of a whole the results open with is no one's n; nor who responded to treatment
    ("Of the 885 patients, 442 were assigned to the high-dose group.", None),
    ("Of the 45 evaluable patients, 18 responded to treatment.", None),
])
def test_who_was_studied_opening_the_results(results, n):
    record = headed_record([("methods", "Physicians completed an online survey."),
                            ("results", results)])
    assert extract_facts(Study("s", [record])).facts.participants.n_enrolled == n


def test_a_count_in_the_methods_outranks_one_in_the_results():
    record = headed_record([("methods", "We enrolled 12 patients with foregut cysts."),
                            ("results", "Ten consecutive patients were evaluated with EUS.")])
    assert extract_facts(Study("s", [record])).facts.participants.n_enrolled == 12


def test_a_reviews_count_of_studies_is_not_its_participants():
    text = "We searched MEDLINE and identified a total of 131 studies that met the criteria."
    participants = extract_facts(Study("s", [record_of(text)])).facts.participants
    assert participants.n_enrolled is None
    assert participants.n_studies == 131


@pytest.mark.parametrize("sentence, lang, values, unit, arms, outcome", [
    ("The total effective rate was 97.14% vs 77.14% (P<0.05).", "en", [97.14, 77.14], "%",
     None, "total effective rate"),
    ("Remission occurred in 34.4% in the intervention group and 31.1% in the control group.",
     "en", [34.4, 31.1], "%", ["intervention", "control"], None),
    ("IL-6 was 83.7 vs 18.6 pg/ml.", "en", [83.7, 18.6], "pg/ml", None, "IL-6"),
    ("观察组总有效率为97.14%，高于对照组的77.14%(P<0.05)。", "zh", [97.14, 77.14], "%",
     ["观察组", "对照组"], "总有效率"),
    # real PubMed and NEJM sentences
    ("With cryosolution A, the plasmalemma of 61% of the cells was absent or damaged compared "
     "with 24% in the fresh sample (P < 0.001).", "en", [61, 24], "%", None, "plasmalemma"),
    ("2种新药联合治疗组患者中位生存时间为30.9个月,显著长于新药单药治疗组的11.5个月(P=0.021)。",
     "zh", [30.9, 11.5], "个月", ["治疗组", "治疗组"], "中位生存时间"),

    ("Median progression-free survival was similar in the enzalutamide and placebo groups "
     "(5.7 and 5.6 months, respectively).", "en", [5.7, 5.6], "months",
     ["enzalutamide", "placebo"], "Median progression-free survival"),
    # NEJM (ParaMed), WMT Medline: a change per group, values "respectively", a trend
    ("At 12 months, mean SBP fell by 28.6 mm Hg (to 123.8 mm Hg) in the intervention group and "
     "by 7.2 mm Hg (to 147.4 mm Hg) in the control group.", "en", [28.6, 7.2], "mm Hg",
     ["intervention", "control"], None),
    ("Illicit consumption accounted for 5.1% and 6.0% of the market in these periods, "
     "respectively.", "en", [5.1, 6.0], "%", None, None),
    ("Rates of early-onset GBS disease declined between 2006 and 2015 from 0.37 to 0.23 per "
     "1000 live births.", "en", [0.37, 0.23], None, None, None),
    ("诱导化疗组和标准治疗组的3年无复发生存率分别为85.3%和76.5%。", "zh", [85.3, 76.5], "%",
     None, "3年无复发生存率"),
    ("12个月时，干预组的平均sbp下降了28.6 mmhg（下降至123.8 mmhg），对照组下降了7.2 mmhg"
     "（下降至147.4 mmhg）。", "zh", [28.6, 7.2], "mmhg", ["干预组", "对照组"], "平均sbp"),
    ("观察组治疗后评分降低了12.5分，对照组降低了6.1分。", "zh", [12.5, 6.1], "分",
     ["观察组", "对照组"], "治疗后评分"),
    # each value after its group's name (WMT Medline doc1); the first two are compared
    ("靛玉红标准品出血改善率分别为小剂量30%, 中剂量50%, 大剂量60%；两组出血均有改善。", "zh",
     [30.0, 50.0], "%", None, "靛玉红标准品出血改善率"),
])
def test_values_compared_between_arms(sentence, lang, values, unit, arms, outcome):
    (hit,) = findings.comparisons(sentence, lang)
    assert hit.value["values"] == values and hit.value["unit"] == unit
    assert hit.value["arms"] == arms
    if outcome:
        assert hit.value["outcome"] == outcome


@pytest.mark.parametrize("sentence", ["Patients were enrolled between 2010 vs 2015.",
                                      "Group 1 vs 2 was chosen by lot."])
def test_years_and_labels_are_not_compared_values(sentence):
    assert findings.comparisons(sentence, "en") == []


@pytest.mark.parametrize("sentence, lang, arms", [
    ("39 cases were included: 19 cases in robot group and 20 cases in freehand group.", "en",
     [("robot", 19), ("freehand", 20)]),
    ("Patients were randomly assigned to the intervention group (n = 60) or the control group "
     "(n=58).", "en", [("intervention", 60), ("control", 58)]),
    ("将80例患者随机分为观察组和对照组，各40例。", "zh", [("观察组", 40), ("对照组", 40)]),
    ("其中观察组42例，对照组40例。", "zh", [("观察组", 42), ("对照组", 40)]),
    # the size before the names (ChinaXiv 201712.00585)
    ("选取我院共256例下肢静脉曲张患者,随机分为两组，各128例，对照组患者进行传统的大隐静脉高位结扎，"
     "观察组患者进行聚桂醇泡沫多点注射。", "zh", [("对照组", 128), ("观察组", 128)]),
    # ChinaXiv: the size, what the group was given, then its name (202209.00094); the size
    # and who they were, then the group they make (201712.00422); groups numbered, their size
    # in brackets with their criterion (201712.00980); the whole divided is no arm
    ("分析200例胆总管结石患者的临床资料，其中69例患者采用双频双脉冲激光碎石术(激光组),131例患者采用"
     "机械碎石(机械组),比较2组患者的取石成功率。", "zh", [("激光组", 69), ("机械组", 131)]),
    ("以51例行早期气管切开联合胃造瘘术的重型颅脑损伤术后患者为观察组，未行胃造瘘术的63例患者为对照组，"
     "比较两组住院2周后的肺部感染构成比。", "zh", [("观察组", 51), ("对照组", 63)]),
    ("按照患者RHR控制水平将患者分为3组:I组(RHR <70次/min, n=372)、Ⅱ组(RHR:70~79次/min, n=533)、"
     "Ⅲ组(RHR≥80次/min, n=431)。", "zh", [("I组", 372), ("Ⅱ组", 533), ("Ⅲ组", 431)]),
    ("将60例肉芽肿性小叶性乳腺炎患者随机分为对照组30例和治疗组30例。", "zh",
     [("对照组", 30), ("治疗组", 30)]),
    # chinaxiv-e: two arms of one size said per group (201712.00488); groups named by what each
    # received (201712.00497)
    ("将100例住院脑卒中患者随机分为观察组和对照组，每组50例。", "zh",
     [("观察组", 50), ("对照组", 50)]),
    ("回顾性分析120例乙肝肝硬化患者，其中62例接受替诺福韦抗病毒治疗,58例接受恩替卡韦治疗。", "zh",
     [("替诺福韦抗病毒", 62), ("恩替卡韦", 58)]),
    # an arm named by its drug after 其中 (chinaxiv-d 201712.00244, where 纳入 is read 纳人)
    ("共纳人108例患者，其中硫酸镁组57例,对照组51例。", "zh", [("硫酸镁组", 57), ("对照组", 51)]),
    # treatments after surgery are no arms; a control arm the size of the two others together
    # is an arm, not a group they split
    ("术后，6例接受抗生素治疗，4例行二次手术。", "zh", []),
    ("随机分为对照组60例（常规治疗）、低剂量组30例和高剂量组30例。", "zh",
     [("对照组", 60), ("低剂量组", 30), ("高剂量组", 30)]),
])
def test_arms_with_their_sizes(sentence, lang, arms):
    record = record_of(sentence, lang)
    got = extract_facts(Study("s", [record])).facts.participants.arms
    assert [(a.name, a.n) for a in got] == arms


@pytest.mark.parametrize("phrase, lang, reason", [
    ("plan-", "en", "dangling word or hyphen"),
    ("-lapse", "en", "dangling word or hyphen"),
    ("观察组（给予", "zh", "unbalanced bracket"),
    ("实施常规", "zh", None),
    ("多", "zh", "fragment"),
    ("therapy and", "en", "dangling word or hyphen"),
    ("suspected mediastinal masses or mediastinal cysts on", "en", "dangling word or hyphen"),
    ("系统性红斑狼疮 lupus", "en", "Chinese in an English phrase"),
    ("—", "en", "no word"),
    ("systemic lupus erythematosus", "en", None),
    ("系统性红斑狼疮", "zh", None),
    # a tagger span over two sentences of a WMT review (doc24); abbreviations are no ends
    ("93 different simulators described. Fifty-three studies were based", "en",
     "two sentences, not a phrase"),
    ("临床总评分。结果显示", "zh", "two sentences, not a phrase"),
    ("U.S. Army veterans with St. John disease", "en", None),
    # a PDF conversion that lost its spaces (realworld-dev ChinaXiv 201712.00609)
    ("combinationof Biafine and Sanyrene and hirudoid cream", "en",
     "words run together (spaces lost in a conversion)"),
    ("patientsof thetreatment group", "en", "words run together (spaces lost in a conversion)"),
    ("hirudoid cream", "en", None),
    ("two groups were appliedhirudoidcream,andthecombinationofbiafinecreamandsanyrenebefore",
     "en", "words run together (spaces lost in a conversion)"),
    ("esophagogastroduodenoscopy", "en", None),
    ("组于放疗前后予喜疗", "zh", "dangling word or hyphen"),
    ("组织工程皮肤", "zh", None),
    ("期间阳性放射性皮炎发生率", "zh", "dangling word or hyphen"),
    # tagger spans of WMT doc9's Chinese side: a clause's tail, not a treatment
    ("，还是均行 TKA", "zh", "dangling word or hyphen"),
    ("血糖控制不佳切口愈合不良，经换药后愈合", "zh", "two clauses, not a phrase"),
    # ChinaXiv set a, English sides a PDF conversion damaged: a list's opening word, an
    # adjective alone, data, an aim's verb, two words run together
    ("bronchopulmonary carcinoids including", "en", "dangling word or hyphen"),
    ("immunohistochemical data of SDCBP expression", "en", "data or an act, not a condition"),
    ("quantitatively measure plasma level of hTERT mRNA", "en",
     "a clause or a preposition's phrase, not a name"),
    ("theirclinical features", "en", "words run together (spaces lost in a conversion)"),
])
def test_quality_gate(phrase, lang, reason):
    assert why_malformed(phrase, lang) == reason


# Tagger spans of ChinaXiv papers that name nothing in their place: "例行" (routine) cut from
# "51例行早期气管切开" is a count's measure word, "住院" of "比较两组住院2周后" a time, "ovarian"
# of "ovarian response" an adjective cut before its noun; a drug taken for a time, or an
# adjective that is a drug's name at the end of its phrase, are names
@pytest.mark.parametrize("text, span, reason", [
    ("以51例行早期气管切开联合胃造瘘术的患者为观察组。", "例行", "measure word"),
    ("比较两组住院2周后的肺部感染构成比。", "住院", "time phrase"),
    ("To evaluate the ovarian response in hyper-responders.", "ovarian", "adjective alone"),
    ("对照组口服二甲双胍3个月后复查。", "二甲双胍", None),
    ("The control group received a probiotic.", "probiotic", None),
])
def test_a_span_that_names_nothing_in_its_place(text, span, reason):
    start = text.index(span)
    mention = Mention("comparator", span, record_of(text), "zh" if has_han(text) else "en",
                      start, start + len(span), text, 0, "tagger")
    kept, dropped = gate_mentions([mention])
    if reason is None:
        assert [m.value for m in kept] == [span]
    else:
        assert not kept and reason in dropped[0]["message"]


@pytest.mark.parametrize("phrase, field", [
    # WMT doc9's Chinese side: a result the tagger took for the comparator
    ("两期手术切口均Ⅰ期愈合", "comparator"),
    ("分为观察组和对照组", "intervention"),
    ("cells", "intervention"),
    # ChinaXiv 201712.00422's English: "The other 61cases who only received …"
    ("only", "intervention"),
])
def test_a_clause_or_a_generic_word_is_no_treatment(phrase, field):
    assert why_malformed(phrase, "zh" if re.search("[一-鿿]", phrase) else "en",
                         field) == "a clause or a generic word, not a name"


@pytest.mark.parametrize("phrase, field, reason", [
    # ChinaXiv 201712.00585's English side: tagger spans of "… patients with varicose veins were
    # randomly divided into two groups"
    ("into two groups", "intervention", "a clause or a preposition's phrase, not a name"),
    ("varicose veins were randomly divided", "condition",
     "a clause or a preposition's phrase, not a name"),
    ("lauromacrogol foam", "intervention", None),
    ("treatment with rituximab", "intervention", None),
])
def test_a_preposition_or_a_clause_is_no_name(phrase, field, reason):
    assert why_malformed(phrase, "en", field) == reason


@pytest.mark.parametrize("phrase, reason", [
    ("cutaneous", "an adjective alone, no measure"),  # WMT doc30: "cutaneous microbiota" cut
    ("systemic", "an adjective alone, no measure"),
    ("survival", None), ("cutaneous microbiota", None), ("response", None),
])
def test_an_adjective_alone_is_no_outcome(phrase, reason):
    assert why_malformed(phrase, "en", "outcome") == reason


# The Chinese tagger's outcome spans (ChinaXiv set a, the seed NCT03171194): an outcome names
# a measure, an effect or an event, not a place, a tissue, data or a bare "score"
@pytest.mark.parametrize("phrase, reason", [
    ("肺部感染", None), ("格拉斯哥评分(GCS)", None), ("肠道菌群变化", None), ("妊娠结局", None),
    ("轻度昏迷", None), ("糖尿病微血管病变", None), ("生存", None),
    ("统计数据", "names no measure"), ("宫内", "names no measure"), ("血浆", "names no measure"),
    ("回顾性", "names no measure"), ("评分", "names no measure"), ("T 细胞", "names no measure"),
    ("包括疗效指数和复发率", "dangling word or hyphen"),
    ("头痛", None), ("骨密度", None), ("营养状况", None), ("再入院", None),
])
def test_a_chinese_outcome_names_a_measure(phrase, reason):
    assert why_malformed(phrase, "zh", "outcome") == reason


# One-word English outcomes of the tagger (ChinaXiv set a's English sides, realworld-dev): a
# tissue, an adjective or a misspelling names no measure; a feeling or an event does
@pytest.mark.parametrize("phrase, reason", [
    ("shame", None), ("survival", None), ("pain", None), ("recurrence", None), ("RHR", None),
    ("plasma", "names no measure"), ("lesion", "names no measure"),
    ("psychosocial", "names no measure"), ("easier", "names no measure"),
    ("tolerated", "names no measure"), ("safe", "names no measure"),
    ("mean", "names no measure"), ("score", "names no measure"),  # a statistic, no measure
    ("hospitalization", None), ("speed", None), ("dyspnea", None),
    ("， TGF- $", "a conversion's remnant (a formula or Chinese punctuation)"),
])
def test_an_english_outcome_names_a_measure(phrase, reason):
    assert why_malformed(phrase, "en", "outcome") == reason


# Tagger spans of a real RCT's abstract (medline-c 26321012) taken for its treatment
@pytest.mark.parametrize("phrase, reason", [
    ("conducted", "a verb, a month or an adjective alone, not a treatment"),
    ("October", "a verb, a month or an adjective alone, not a treatment"),
    ("community-based", "a verb, a month or an adjective alone, not a treatment"),
    ("DASH-Plus", None), ("printed DASH diet brochure", None), ("placebo", None),
    ("Mindfulness-Based", "a verb, a month or an adjective alone, not a treatment"),
    ("stroke unit", None), ("day hospital", None), ("Mediterranean diet", None),
])
def test_an_english_treatment_is_a_name(phrase, reason):
    assert why_malformed(phrase, "en", "intervention") == reason


@pytest.mark.parametrize("text, span, place", [
    ("We randomized 123 adults from an urban primary care clinic in Baltimore.",
     "urban primary care clinic", True),
    ("Patients were treated in a stroke unit or a general ward.", "stroke unit", False),
    ("The day hospital programme was compared with inpatient care.", "day hospital", False),
])
def test_where_people_came_from_is_no_treatment(text, span, place):
    start = text.index(span)
    assert names_a_place(text, start, start + len(span)) is place


def test_the_comparator_keeps_its_acronym_and_drops_its_article():
    [hit] = patterns.comparator("Participants in the control group received a printed DASH diet "
                                "brochure.", "en")
    assert hit.value == "printed DASH diet brochure"
    assert hit.value == "Participants in the control group received a printed DASH diet " \
        "brochure."[hit.start:hit.end]


@pytest.mark.parametrize("name, condition, expected", [
    ("controlled hypertension", "hypertension", True),  # medline-c 26321012's tagger span
    ("severe chronic asthma", "asthma", True),
    ("hypertension education", "hypertension", False),
    ("insulin for type 2 diabetes", "type 2 diabetes", False),
    ("controlled hypertension", None, False),
])
def test_the_graded_condition_is_no_intervention(name, condition, expected):
    assert _is_the_condition(name, condition) is expected


def test_an_inclusion_criterion_is_not_a_condition():
    reason = why_malformed("SLEDAI >6, having failed standard of care therapy", "en",
                           "condition")
    assert reason == "an inclusion criterion, not a condition"
    assert why_malformed("type 2 diabetes", "en", "condition") is None


@pytest.mark.parametrize("piece, word", [
    ("始症状的评", "开始症状的评分"),  # pieces the Chinese tagger labelled (WMT dev, Chinese alone)
    ("能评", "功能评分"),
    ("度昏迷", "轻度昏迷"),
    ("功能评分", "功能评分"),
])
def test_a_chinese_tagger_span_is_widened_to_whole_words(piece, word):
    section = "治疗后开始症状的评分和功能评分明显改善，轻度昏迷患者恢复。"
    record = record_of(section, "zh")
    start = section.index(piece)
    mention = Mention("outcome", {"name": piece, "primary": None}, record, "zh", start,
                      start + len(piece), section, 0, "tagger")
    (kept,), _ = gate_mentions([mention])
    assert kept.value["name"] == word == record.text[kept.start:kept.end]


def test_dropped_facts_are_counted_in_warnings():
    record = record_of("Sixty adults with knee osteoarthritis- received SVF versus hyaluronic "
                       "acid.")
    out = extract_facts(Study("s", [record]))
    assert out.facts.participants.condition is None
    assert [w["kind"] for w in out.warnings] == ["dropped-fact"]


def test_facts_are_typed_and_read_back_from_their_dict():
    record = record_of("Patients were randomly assigned to the intervention group (n = 60) or "
                       "the control group (n=58). Remission was 34.4% vs 31.1% (p=0.6).")
    facts = extract_facts(Study("s", [record])).facts
    assert isinstance(facts, Facts)
    assert facts.design.study_type == "rct"
    assert facts.comparisons[0].values == [34.4, 31.1]
    assert Facts.from_dict(facts.to_dict()) == facts


@pytest.mark.parametrize("sentence, lang, counts", [
    ("In the treatment group, 15 women and 25 men were included.", "en", []),
    ("There were 14 males and 4 females.", "en", [{"male": 14}, {"female": 4}]),
    ("观察组男22例，女18例；对照组男20例，女20例。", "zh", []),
    ("两组患者共80例，男46例，女34例。", "zh", [{"male": 46}, {"female": 34}]),
])
def test_one_arms_sex_counts_are_not_the_studys(sentence, lang, counts):
    assert [h.value for h in patterns.sex(sentence, lang)] == counts


@pytest.mark.parametrize("sentence, measure, value, ci, p", [
    ("The risk was lower (HR 0.72, 95% CI 0.60-0.86; p<0.001).", "HR", 0.72, [0.6, 0.86],
     "<0.001"),
    # NEJM: the measure named with its outcome, then the CI spelled out
    ("The 3-year recurrence-free survival was 85.3% and 76.5% (stratified hazard ratio for "
     "recurrence or death, 0.51; 95% confidence interval [CI], 0.34 to 0.77; P=0.001).", "HR",
     0.51, [0.34, 0.77], "=0.001"),
    # Chinese abstracts, as the reader normalizes them (full-width forms to ASCII): a letter
    # measure right after a Chinese word, 置信区间 / 可信区间, the CI after 为
    ("多因素分析显示,吸烟患者的OR为2.31(95%CI:1.20~4.45,P<0.05)。", "OR", 2.31, [1.2, 4.45],
     "<0.05"),
    ("复发或死亡的分层风险比,0.51;95%置信区间[CI],0.34~0.77;P=0.001。", "HR", 0.51,
     [0.34, 0.77], "=0.001"),
    ("年龄是独立危险因素(危险比1.05, 95%可信区间为1.01~1.09)。", "HR", 1.05, [1.01, 1.09], None),
    # a mean with an "=" CI where groups are compared is their difference (medline-c 26321012)
    ("Compared with the control group, the DASH-Plus group increased self-reported consumption "
     "of fruits and vegetables (mean=1.4, 95% CI=0.7, 2.1 servings/day).", "difference", 1.4,
     [0.7, 2.1], None),
])
def test_effect_estimates_with_their_ci(sentence, measure, value, ci, p):
    (hit,) = findings.effects(sentence, "zh" if has_han(sentence) else "en")
    assert hit.value == {"measure": measure, "value": value, "unit": None, "ci": ci, "p": p}


@pytest.mark.parametrize("sentence", [
    "Mean age was 54 years (mean=54, 95% CI=50, 58).",
    # each group's own mean, and a change from baseline (review of stop 33)
    "HbA1c was lower in the intervention group than in the control group (mean = 7.1, 95% CI "
    "6.8-7.4 vs mean = 7.9, 95% CI 7.5-8.3).",
    "Compared with baseline, the mean = 5.2 (95% CI 4.1-6.3).",
])
def test_a_mean_alone_is_no_effect(sentence):
    assert findings.effects(sentence, "en") == []


@pytest.mark.parametrize("sentence, lang, arms", [
    ("Among them, 21 cases were treated with INFIX (INFIX group), and 27 cases were treated "
     "with plate (plate group).", "en", [("INFIX", 21), ("plate", 27)]),
    ("A total of 4805 patients were randomly assigned to receive pertuzumab (2400 patients) or "
     "placebo (2405 patients).", "en", [("pertuzumab", 2400), ("placebo", 2405)]),
    # events counted per arm are not the arms' sizes
    ("The number of patients with an event increased to 189 in the pertuzumab group and 230 in "
     "the placebo group.", "en", []),
    ("性别、年龄差异无统计学意义；实验组和喜疗妥组各40例。", "zh",
     [("实验组", 40), ("喜疗妥组", 40)]),
    # ParaMed NEJM doc1 and doc3, Chinese: arms named by their treatment, with or without 组
    ("诱导化疗组包括242例患者，标准治疗组包括238例患者（图1）。", "zh",
     [("诱导化疗组", 242), ("标准治疗组", 238)]),
    ("共计有4,805例患者被随机分配接受化疗和曲妥珠单抗联合帕妥珠单抗(2,400例患者)或安慰剂(2,405例患者)"
     "治疗。", "zh", [("帕妥珠单抗", 2400), ("安慰剂", 2405)]),
    ("其中接受手术(20例)的患者预后较好。", "zh", []),  # nobody allocated
])
def test_arm_sizes(sentence, lang, arms):
    assert [(h.value["name"], h.value["n"]) for h in patterns.arms(sentence, lang)] == arms


def test_the_arms_are_those_one_sentence_names_together():
    text = ("共有480例患者被纳入试验（诱导化疗组242例患者，标准治疗组238例患者）。"
            "在随机分配至标准治疗组的238例患者中，237例接受了同步放化疗；安慰剂组171例出现事件。")
    arms = extract_facts(Study("s", [record_of(text, "zh")])).facts.participants.arms
    assert [(a.name, a.n) for a in arms] == [("诱导化疗组", 242), ("治疗组", 238)]


def test_a_sample_size_calculation_is_not_the_studys_n():
    text = ("We estimated that approximately 452 patients would need to undergo randomization "
            "in order for 77 events to be observed. A total of 480 patients were included.")
    participants = extract_facts(Study("s", [record_of(text)])).facts.participants
    assert (participants.n_enrolled, participants.n_randomized) == (480, None)


@pytest.mark.parametrize("notice", [
    "SUPPLEMENTARY INFORMATION: A user manual, example code and images are available at "
    "http://bioinf.scri.ac.uk/lp/programs.html.",
    "(PsycINFO Database Record (c) 2019 APA, all rights reserved)",
])
def test_notices_are_no_sentences_of_the_study(notice):
    sentences = [Sentence("We developed a Python package for genome diagrams.", "en",
                          section="other"), Sentence(notice, "en", section="other")]
    assert sentence_roles(sentences)[1] == "background"


@pytest.mark.parametrize("phrase, why", [
    ("we used the common terminology criteria", "dangling word or hyphen"),
    ("including proteasome inhibitor and/or immunomodulator)", "unbalanced bracket"),
    ("group", "dangling word or hyphen"),
    ("total effective rate", None),
])
def test_outcome_and_treatment_names_pass_the_quality_gate(phrase, why):
    assert why_malformed(phrase, "en", "outcome") == why


# WMT Medline doc19: each value's measure, not the group named before it, in its unit
SURVIVAL_ZH = ("全部患者总体中位生存时间为10.5个月,诊断时ECOG评分≤2分组患者中位生存时间为"
               "21.5个月,显著长于ECOG评分>2分组的1.2个月(P=0.017);接受新药治疗组患者中位生存"
               "时间为24.9个月。")


@pytest.mark.parametrize("value, outcome, evidence", [
    (10.5, "全部患者总体中位生存时间", "全部患者总体中位生存时间为10.5个月"),
    (21.5, "中位生存时间", "中位生存时间为21.5个月"),
    (24.9, "中位生存时间", "中位生存时间为24.9个月"),
])
def test_a_chinese_value_is_named_by_its_measure(value, outcome, evidence):
    hits = {h.value["value"]: h for h in findings.outcome_values(SURVIVAL_ZH, "zh")}
    assert hits[value].value["outcome"] == outcome and hits[value].value["unit"] == "个月"
    assert SURVIVAL_ZH[hits[value].start:hits[value].end] == evidence


def test_arms_named_alike_are_no_arms():
    text = "2种新药联合治疗组患者中位生存时间为30.9个月,显著长于新药单药治疗组的11.5个月(P=0.021)。"
    (comparison,) = extract_facts(Study("s", [record_of(text, "zh")])).facts.comparisons
    assert comparison.arms is None and comparison.outcome == "中位生存时间"


@pytest.mark.parametrize("text, lang, index_test, reference", [
    ("To evaluate the diagnostic accuracy of contrast-enhanced ultrasound for focal liver "
     "lesions, with histopathology as the reference standard.", "en",
     "contrast-enhanced ultrasound", "histopathology"),
    ("目的 探讨超声造影对肝脏局灶性病变的诊断价值。方法 以病理结果为金标准。", "zh",
     "超声造影", "病理"),
])
def test_a_diagnostic_study_names_its_index_test_and_reference_standard(text, lang, index_test,
                                                                        reference):
    facts = extract_facts(Study("s", [record_of(text, lang)])).facts
    assert facts.diagnostic == {"index_test": index_test, "reference_standard": reference}


# Real PubMed abstracts of the medline-a set (PMIDs given), the sentences that decide them
@pytest.mark.parametrize("title, text, expected", [
    ("Treatment of a mandibular functional shift in an adolescent boy with temporomandibular "
     "disorder and crossbites.",  # 26432322
     "This article describes the treatment of a teenager with a mandibular functional shift, "
     "TMD symptoms, and facial asymmetry. The TMD symptoms disappeared and never relapsed after "
     "treatment.", "case report"),
    ("STOP-BANG questionnaire as a screening tool for diagnosis of obstructive sleep apnea by "
     "unattended portable monitoring sleep study.",  # 26702384
     "We conducted a retrospective chart review of patients older than 18 years. Sensitivity, "
     "specificity, and positive predictive value (PPV) of various STOP-BANG score thresholds "
     "were calculated.", "diagnostic accuracy"),
    ("Relationship Between Cerebrovascular Risk, Cognition, and Treatment Outcome in Late-Life "
     "Psychotic Depression.",  # 26560512: a secondary analysis of a trial's data
     "The authors analyzed data from 142 persons aged 60 years or older with major depression "
     "with psychotic features who participated in a 12-week randomized controlled trial (RCT) "
     "comparing olanzapine plus sertraline with olanzapine plus placebo.", "cohort"),
    ("Trajectories of cortical surface area and cortical volume maturation in normal brain "
     "development.",  # 26702424
     "The quality-controlled sample included 384 individual typically-developing subjects with "
     "repeated scanning (1-3 per subject, total scans n=753) from 4.9 to 22.3 years of age.",
     "cohort"),
    # medline-c
    ("Electrocardiographic Predictors of Torsadogenic Risk During Dofetilide or Sotalol "
     "Initiation",  # 26411977
     "Among all patients admitted for initiation of dofetilide or sotalol, we identified 13 "
     "cases who developed drug-induced TdP and 26 age and sex matched controls that did not "
     "develop TdP.", "case-control"),
    ("Comparison of transverse changes during maxillary expansion with 4-point bone-borne and "
     "tooth-borne maxillary expanders.",  # 26432315
     "The study was conducted with 20 growing girls with posterior crossbite. They were divided "
     "into 2 equal groups; patients in one group were treated with a tooth-borne maxillary "
     "hyrax expander, and those in the other group received a bone-borne expander.",
     "non-randomised trial"),
    ("Profile of Inflammation-associated genes during Hepatic Differentiation of Human "
     "Pluripotent Stem Cells.",  # 26702414
     "Messenger RNA transcript profiles of differentiated endoderm and hepatocyte-like cells "
     "were obtained by RNA sequencing analysis.", "basic science"),
    ("Evaluation of stability and capsular bag opacification with a foldable intraocular lens "
     "in the rabbit model.",  # 26432133
     "Twelve New Zealand rabbits had bilateral implantation of a protective membrane and an IOL "
     "or an IOL alone.", "basic science"),
    ("Ability of magnetocardiography to detect regional dominant frequencies of atrial "
     "fibrillation.",  # 26702313
     "Study subjects comprised 18 consecutive patients referred for catheter ablation of "
     "persistent AF.", "diagnostic accuracy"),
    ("Parental Refusals of Blood Transfusions for Children Needing Cardiac Surgery.",
     "We highlight three cases where parents have refused blood transfusions on behalf of their "
     "children in the setting of congenital cardiac surgery.", "case series"),  # 38661995
    ("Visualization and quantification of Plasmodium falciparum intraerythrocytic merozoites.",
     "Here, we report an alternative 3-D microscopy based automated method for counting of "
     "intraerythrocytic merozoites in entire volume of schizont.", "methods"),  # 26702305
    ("Dispersion relation data for methylammonium lead triiodide perovskite deposited on a "
     "(100) silicon wafer.",  # 26702423
     "Ellipsometry was used to measure the amplitude ratio and phase difference of light as it "
     "interacts with a thin film of perovskite. The refractive index and extinction coefficient "
     "was extracted from a multi-oscillator model fit to the ellipsometry data.",
     "basic science"),
    ("Tumor-educated platelet SNORD55 as a potential biomarker for the early diagnosis of "
     "non-small cell lung cancer.",  # 33474827
     "SNORD55 was significantly decreased in TEPs from NSCLC patients compared with healthy "
     "controls. It exerted diagnostic performance for NSCLC diagnosis, possessing an AUC of "
     "0.803.", "diagnostic accuracy"),
    # medline-d
    ("Combined Clagett procedure, negative pressure therapy, and thoracomyoplasty for treatment "
     "of late-onset postpneumonectomy empyema necessitatis.",  # 26702286
     "Late-onset post-pneumonectomy empyema necessitatis can occur many years after the surgery "
     "and is a life-threatening condition. A 58-year-old male presented with empyema "
     "necessitatis 18 years after undergoing pneumonectomy. He was successfully treated with a "
     "modified two-stage Clagett procedure. The 72-month follow-up was uneventful.",
     "case report"),
    ("Preferential epithelial expression of type-1 cannabinoid receptor (CB1R) in the "
     "developing canine embryo.",  # 26702393
     "The use of cannabinoid receptor agonists is gaining a strong interest both in human and "
     "veterinary medicine. We used 30-days old canine embryos to describe the distribution of "
     "CB1R by means of immunohistochemistry with a commercially available antibody. CB1R "
     "immunoreactivity was mainly epithelial and included most structures of central and "
     "peripheral nervous system, inner ear, olfactory epithelium and related structures, eye "
     "and thyroid.", "basic science"),
    # "we describe" a parasite's presence is no methods paper
    ("Redescription of Spirura guianensis (Nematoda: Spiruridae) from a rare South American "
     "Gracile Opossum.",  # 26187357
     "In this work, we describe the presence of Spirura guianensis Ortlepp, 1924 in the "
     "marsupial Gracilinanus agilis found in the Pantanal of Mato Grosso do Sul state of Brazil. "
     "Structural characteristics of this nematode were identified using light microscopy and "
     "scanning electron microscopy approaches. In addition, the presence of this species in a "
     "new host and new geographical area of Brazil provide grounds for a revision on the "
     "distribution of S. guianensis in South America.", "basic science"),
    ("CEO Political Leanings and Store-Level Economic Activity during the COVID-19 Crisis: "
     "Effects on Shareholder Value and Public Health.",  # 36247735
     "Maintaining economic output during the COVID-19 pandemic results in benefits for firm "
     "shareholders but comes at a potential cost to public health. Using store-level data, we "
     "examine how a CEO's political leaning impacts this trade-off. We document that firms with "
     "a Republican-leaning CEO experience a relative increase in store visits compared to firms "
     "with a Democratic-leaning CEO. The increase in store visits is associated with higher "
     "sales and positive abnormal stock returns.", "other"),
    ("The application of walking training in the rehabilitation of patients after coronary "
     "artery bypass grafting.",  # 26702291
     "This paper provides a review of literature concerning various forms of walking training, "
     "discussing their impact on the parameters of exercise capacity and verifying the training "
     "methods with regard to the current guidelines.", "narrative review"),
    ("Hematopoietic aging promotes cancer by fueling IL-1⍺-driven emergency myelopoiesis.",
     "Age is a major risk factor for cancer, but how aging impacts tumor control remains "
     "unclear. In this study, we establish that aging of the immune system, regardless of the "
     "age of the stroma and tumor, drives lung cancer progression. Hematopoietic aging "
     "enhances emergency myelopoiesis, resulting in the local accumulation of myeloid "
     "progenitor-like cells in lung tumors. These cells are a major source of interleukin "
     "(IL)-1⍺, which drives the enhanced myeloid response. The age-associated decline of DNA "
     "methyltransferase 3A enhances IL-1⍺ production, and disrupting IL-1 receptor 1 signaling "
     "early during tumor development normalized myelopoiesis and slowed the growth of lung, "
     "colonic, and pancreatic tumors.",
     "basic science"),  # 39236155: findings about cells, no people
])
def test_study_type_of_pubmed_abstracts(title, text, expected):
    facts = extract_facts(Study("s", [record_of(text, "en", title)])).facts
    assert facts.design.study_type == expected
    if expected == "cohort" and "randomized" in text:
        assert "randomized" not in facts.design.tags  # the trial read again is not this study


@pytest.mark.parametrize("text, field, n", [
    ("All women aged 20-44 years, with a history of hospital admission for tubal sterilization, "
     "who subsequently underwent reversal of sterilization during the period 1985 to 2009 in "
     "Western Australia (n = 1,898).", "n_enrolled", 1898),  # 26207960, under PATIENT(S)
    ("We used a survey. Consequently, only 26 questionnaires were included in the sample.",
     "n_enrolled", 26),  # 26702361
    ("The authors analyzed data from 142 persons aged 60 years or older with major depression.",
     "n_enrolled", 142),  # 26560512
    ("We conducted a chart review. Out of 502 unattended portable monitoring sleep studies, "
     "there were 465 males and 37 females.", "n_enrolled", 502),  # 26702384
    ("We searched MEDLINE. Eighteen studies satisfied the inclusion criteria, representing 2891 "
     "patients and 464 parents.", "n_studies", 18),  # 26432321
    ("This article describes the treatment of a teenager with a mandibular functional shift.",
     "n_enrolled", 1),  # 26432322
    ("The patient was a 62-year-old man with atrial fibrillation and severe scoliosis.",
     "n_enrolled", 1),  # 26702320
    ("Twenty patients participated in the study.", "n_enrolled", 20),
    ("Among all patients admitted for initiation of dofetilide or sotalol, we identified 13 "
     "cases who developed drug-induced TdP and 26 age and sex matched controls that did not "
     "develop TdP.", "n_enrolled", 39),  # 26411977
    ("A systematic search was conducted. A total of 30 primary studies were identified that "
     "investigated aggression; 6 reported on tools assessing aggression while an additional 24 "
     "studies reported on structured instruments.", "n_studies", 30),  # 25991764
    ("We highlight three cases where parents have refused blood transfusions.", "n_enrolled",
     3),  # 38661995
    # groups listed with who is left unsaid, in both languages (ChinaXiv 201712.01131); a
    # treated part of them ("Ten gout patients … underwent DECT scans again") is no whole
    ("Sixty-one patients with gout,30 with ankylosing spondylitis and 30 with rheumatoid "
     "arthritis were included in the study. Ten gout patients with urate crystal deposition "
     "underwent DECT scans again after a 6-month urate-lowering therapy.", "n_enrolled", 121),
    ("61例痛风性关节炎患者、30例强直性脊柱炎(AS)及30例类风湿关节炎(RA)患者行第2代DECT扫描。"
     "10例入组时DECT显示有尿酸盐结晶沉积的慢性痛风患者服用降尿酸药物6月后复查。", "n_enrolled",
     121),
    ("The nested PCR was performed on DNA templates purified from spleen aspirates obtained "
     "from 48 dogs previously diagnosed by the observation of amastigotes.", "n_enrolled",
     48),  # medline-c 26277067
    ("We retrospectively collected the data of all hospitalized patients. Among the 469 "
     "patients who were diagnosed with DILI at discharge, 361 met the criteria for DILI on "
     "re-evaluation.", "n_enrolled", 361),  # medline-c 26702391
    # a breakdown of the whole is not added to it; those left out, one arm's people, units
    # randomised and a review's case are no n
    ("We enrolled 500 children, 260 boys and 240 girls.", "n_enrolled", 500),
    ("We included 85 patients, 40 with stage I and 45 with stage II cancer.", "n_enrolled", 85),
    ("Women who smoked during pregnancy were excluded (n = 112).", "n_enrolled", None),
    ("In the placebo group there were 30 men and 20 women.", "n_enrolled", None),
    ("We randomized 24 general practices to two arms.", "n_randomized", None),
    ("This review describes the management of a child with fever.", "n_enrolled", None),
    ("We conducted an 8-week RCT with two parallel arms. We randomized 123 African Americans "
     "with controlled hypertension from an urban primary care clinic.", "n_randomized",
     123),  # 26321012
    ("A 79-year-old woman had uneventful femtosecond laser-assisted cataract surgery.",
     "n_enrolled", 1),  # medline-d 26432137: the one person of a case report
])
def test_who_was_counted_in_pubmed_abstracts(text, field, n):
    participants = extract_facts(Study("s", [record_of(text)])).facts.participants
    assert getattr(participants, field) == n


def test_a_case_control_studys_comparator_is_its_controls():
    text = ("Among all patients admitted for initiation of dofetilide or sotalol, we identified 13 "
            "cases who developed drug-induced TdP and 26 age and sex matched controls that did "
            "not develop TdP. The immediate pre-TdP ECG of those with TdP was compared to the "
            "last ECG performed prior to hospital discharge in controls using a novel T wave "
            "program that quantified subtle changes in T wave morphology.")  # medline-c 26411977
    # the tagger reads "TdP" and "ECG" as what was compared
    facts = extract_facts(Study("s", [record_of(text, "en")]), tagger=tag_text).facts
    assert facts.design.study_type == "case-control"
    assert facts.comparator is None
