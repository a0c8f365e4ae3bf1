"""The kind of study a record reports, from its title, its own sentences and its publication
types, in English and Chinese.

``study_type_cues(text, lang)`` reads one sentence and gives a ``Hit`` per cue with value
``(study_type, weight)``; ``publication_type_cues(types)`` does the same for an export's
publication-type field. ``decide_study_type(cues)`` weighs them into one of ``STUDY_TYPES``
with a confidence. Cue weights say how sure a cue is: ``we searched MEDLINE`` or
``randomly assigned`` decide alone (3), ``retrospective`` or ``questionnaire`` lean (1-2).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from summarizer.extract.patterns import (
    CARE_OF_ONE,
    CASE_TOLD,
    HEALTHY_ZH,
    PEOPLE,
    WITHOUT_DISEASE_ZH,
    ZH_PEOPLE,
    Hit,
)
from summarizer.text.numbers import EN_WORD_NUM

STUDY_TYPES = ("rct", "non-randomised trial", "single-arm trial", "cohort", "case-control",
               "cross-sectional", "case series", "case report", "systematic review",
               "meta-analysis", "narrative review", "guideline", "diagnostic accuracy",
               "qualitative", "economic evaluation", "basic science", "methods", "other")
TRIALS = frozenset({"rct", "non-randomised trial", "single-arm trial"})
# Types whose participants receive a treatment the report describes (arms, doses): facts
# ``interventions``; observational types compare by exposures (facts ``exposures``); types
# that compare arms or exposures have a comparator. Reviews, guidelines, lab and methods
# papers have none of these.
INTERVENTIONAL = TRIALS | {"case report", "case series", "economic evaluation"}
OBSERVATIONAL = frozenset({"cohort", "case-control", "cross-sectional"})
COMPARATIVE = TRIALS | {"cohort", "case-control", "economic evaluation"}

_I = re.IGNORECASE
COUNT = rf"(?:\d[\d,]*|{EN_WORD_NUM})"  # a number of studies, in digits or words
# studies as what a review counts, not "one dose of study treatment" or "trial visits"
STUDIES = (r"(?:stud(?:y|ies)|trials?|RCTs?|articles?|reports?|papers?|publications?)"
           r"(?! (?:treatment|drugs?|medication|visits?|periods?|groups?|arms?|population|sites?|"
           r"days?|entry|participants|patients|subjects)\b)")
# (study type, weight, pattern). Title cues count double (see ``decide_study_type``).
# The literature a review read: "The literature on … in recent years was reviewed", "查阅…文献"
LITERATURE_READ = (r"\b(?:literature|studies|articles|publications|papers) (?:[\w-]+ ){0,14}"
                   r"(?:was|were) (?:\w+ )?(?:reviewed|summari[sz]ed)\b"
                   r"|(?:查阅|参考|复习|回顾|总结)[^。]{0,30}文献")
# Records read back and patients followed up: a cohort's, and as much a case series' (one
# group, all treated alike) unless groups are compared (``SERIES_CUES``)
RETROSPECTIVE = (r"\bretrospective(?:ly)?\b|\bmedical records\b|\bchart review\b|\bregistry\b|"
                 r"\bdatabase\b|回顾性|回顾(?:分析|调查)")
FOLLOWED_UP = r"\bfollow-up\b|\bfollowed (?:up\b|for\b)|随访"
# People taken with their data from another study: "data from 142 persons … who participated
# in a 12-week randomized controlled trial" (a secondary analysis of a trial's own arms, "a
# post hoc analysis of the X trial", stays a trial's)
SECONDARY = (r"\bdata (?:from|of|on) (?:\d[\d,]*|[a-z]+-?[a-z]*) [^.;]{0,120}?\bwho (?:had )?"
             r"(?:participated|were enrolled|took part) in (?:a|an) [^.;]{0,60}?\btrial\b")
CUES: list[tuple[str, float, str]] = [
    ("meta-analysis", 4, r"\bmeta-?analy[sz]\w*|\bpooled (?:analysis|estimates?|odds|risk|"
                         r"hazard|relative|mean|prevalence)|荟萃分析|[Mm]eta分析"),
    ("systematic review", 3, r"\bsystematic(?:ally)? (?:review|search|literature)\w*|"
                             r"\bscoping review|\bPRISMA\b|系统评价|系统综述"),
    ("systematic review", 2, r"\b(?:we )?searched (?:the )?(?:\w+ ){0,3}(?:PubMed|MEDLINE|"
                             r"Embase|Cochrane|Web of Science|Scopus|CINAHL|PsycINFO|databases?)"
                             r"|检索[^。]{0,40}(?:数据库|PubMed|Embase|Cochrane|知网|万方)"
                             r"|(?:数据库|PubMed|Embase|Cochrane|知网|万方)[^。]{0,40}(?:文献)?检索"),
    # studies counted as included: a review's own count ("We included eight randomised
    # controlled trials", "Fifty-four trials enrolling 6545 patients were included",
    # "Nine studies met all inclusion criteria"), strong enough to outweigh the trials it reviews
    ("systematic review", 4,
     rf"\b(?:we |review (?:update )?)?(?:included|includes|identified|reviewed|located|found) "
     rf"(?:a total of |only )?{COUNT} (?:new |additional |eligible |relevant |unique )?"
     rf"(?:[\w-]+,? ){{0,3}}?{STUDIES}\b"
     rf"|\b{COUNT} (?:(?!of\b)[\w-]+ ){{0,3}}?{STUDIES}\b[^.;]{{0,80}}?\b(?:were|was) included\b"
     rf"|\b{STUDIES}\b[^.;]{{0,60}}?\b(?:met|meeting|fulfilled|satisfied) (?:the |our |all |"
     r"all the )?(?:(?:inclusion|eligibility|selection) )?criteria"
     # not people "meeting criteria for borderline personality disorder" in one trial
     r"(?! for (?!(?:this |the |our )?(?:review|inclusion|meta-analysis)))"
     r"|\b(?:included|eligible) (?:in|for) (?:the |this )?review\b"
     r"|\b(?:suitable|eligible) for inclusion\b|纳入[^。]{0,6}\d+\s*(?:项|篇)(?:研究|文献|RCT)"),
    # studies counted with what they did: "Forty six RCTs evaluated", "Eighteen studies
    # (14,303 patients) compared"
    ("systematic review", 3,
     rf"\b{COUNT} (?:[\w-]+ ){{0,3}}?(?:RCTs|trials|studies) (?:\([^()]{{1,40}}\) )?"
     r"(?:evaluated|compared|tested|assessed|examined|investigated|reported|involving|including|"
     r"enrolling|with a total of)\b"),
    # how a systematic review judges its studies
    ("systematic review", 2, r"\b(?:included|eligible) (?:studies|trials|RCTs)\b|\brisk of bias\b|"
                             r"\b(?:very low|low|moderate|high)[- ](?:quality|certainty) "
                             r"evidence\b|\b(?:certainty|quality) of (?:the )?evidence\b|"
                             r"\b(?-i:GRADE)\b|偏倚风险|证据质量"),
    ("narrative review", 5, r"\b(?:this|the present|our) (?:article|paper|review|chapter) "
                            # (not one person's care: "describes the treatment of a teenager")
                            rf"(?:\w+ )?(?:reviews|summari[sz]es|discusses|describes(?! "
                            rf"{CARE_OF_ONE})|outlines|"
                            r"highlights|provides an overview|provides a (?:\w+ )?review|focuses)|"
                            r"^to (?:review|summari[sz]e)"
                            r"\b|\bresearch progress|"
                            r"综述|(?<!根据)(?<!依据)(?<!结合)(?<!根据国内外)(?<!结合国内外)研究进展|本文(?:综述|概述|阐述)|"
                            + LITERATURE_READ),
    ("narrative review", 2, r"\bwe review\b|\b(?:in )?this review\b|"
                            r"\breview(?:s|ed)? (?:the|current|recent) "
                            r"(?:literature|evidence|advances|knowledge|developments)|"
                            r"\bliterature review\b|\boverview of\b|\bwe (?:discuss|summari[sz]e|"
                            r"describe recent)\b|\brecent (?:advances|progress|developments)\b|"
                            r"(?:本文|本报告|本篇|(?:^|[，。；])现)[^。]{0,6}(?:回顾|概述|讨论|介绍|阐述|总结)"),
    # (not guidelines followed: ``FOLLOWED``)
    ("guideline", 3, r"\b(?:guidelines?|consensus statement|expert consensus|position "
                     r"(?:statement|paper)|recommendations? (?:for|on))\b|指南|专家共识|共识"),
    ("case report", 3, r"\b(?:we (?:report|present|describe) (?:a|an|the|two|three) "
                       r"(?:\w+ ){0,4}(?:case|patient|man|woman|boy|girl|infant)s?|"
                       r"case reports?|a case of|an? \d{1,3}-year-old|an? (?:\w+ )?"
                       r"(?:man|woman|boy|girl) (?:aged|presented|was admitted))\b|"
                       r"(?<!\d)[12]例(?:报告|报道)|病例报告|个案报告|^1例|"
                       # the authors' one case ("本文总结1例…患者"), a title's ("治疗1例带状疱疹
                       # 患者的护理体会"); not a series' one patient ("其中1例患者的治疗失败")
                       r"(?:本文|现将?|我们)(?:总结|报道|报告|介绍)了?\s*[1一]例|"
                       r"^[^，。；]{0,20}?(?<![\d.每第中])[1一]例[^，。；]{0,20}?(?:患者|患儿)的"
                       r"(?:护理|诊治|治疗)(?:体会|经验)"),
    ("case report", 2, r"\b(?:of|in|with) (?:two|2) (?:patients|cases)\b|^(?:2|两)例"),
    # one person's care told: "This article describes the treatment of a teenager with …"
    ("case report", 3, CASE_TOLD),
    ("case series", 2, r"\bcase series\b|\bconsecutive (?:patients|cases)\b|\bseries of "
                       r"\d+|\bwe (?:report|describe|present|highlight) (?:\d+|three|four|five|six|"
                       r"seven|eight|nine|ten) (?:cases|patients)\b"),
    ("case series", 2.5, r"\b(?:clinical )?data of (?:[3-9]|\d{2,}) (?:\w+ )?(?:patients|cases)\b|"
                         r"(?:临床资料|病例资料)"),
    # a Chinese title's "治疗消化道狭窄33例临床分析", "…56例报告": three or more cases told
    ("case series", 2.5, r"(?:(?<!\d)[3-9]|\d{2,})例(?:临床)?(?:分析|报告|报道)|"
                         r"\b(?:analysis|report|review) of (?:[3-9]|\d{2,}|three|four|five|six|"
                         r"seven|eight|nine|ten) (?:cases|patients)\b"),
    ("cohort", 3, r"\bcohort (?:study|analysis)\b|\b(?:prospective|retrospective|population-"
                  r"based|longitudinal|registry-based) (?:\w+ )?cohort\b|队列研究|"
                  r"\b(?:prospective|longitudinal) observational (?:study|design)\b"),
    ("cohort", 1, RETROSPECTIVE),
    # groups set up by whether they had a treatment, not given it by the study: "将围术期使用大剂量
    # 乌司他丁的36例患者设置为乌司他丁组，未使用乌司他丁的30例患者设置为对照组" (not a subgroup
    # of the results: "未接受过化疗的18例患者缓解率为33%")
    ("cohort", 2.5, r"未(?:使用|接受|行|用|服用)(?!过)[^，。；]{0,20}?的\s*\d+\s*(?:例|名)"
                    r"[^，。；]{0,12}?(?:设置?为|作为|为)[^，。；]{0,10}?组"),
    # groups from different years, the earlier care as the control: "2013年1～12月…患者200例作为
    # 对照组，2014年1～12月患者200例作为观察组", "historical controls"
    ("cohort", 2.5, r"(?:19|20)\d\d\s*年[^，。；]{0,40}?\d+\s*(?:例|名)[^，。；]{0,6}?(?:作为|为)"
                    r"(?:对照|观察|研究|试验)组[，,；;]\s*(?:19|20)\d\d\s*年|\bhistorical "
                    r"controls?\b|历史对照"),
    # people measured again and again: "subjects with repeated scanning", "trajectories of"
    ("cohort", 2, r"\brepeated scan(?:s|ning)\b|\btrajector(?:y|ies) of\b"),
    # the data of another study read again: its design is not this study's
    ("cohort", 4, SECONDARY),
    ("cohort", 1, FOLLOWED_UP),
    # who survives, and what predicts it: a cohort followed to an outcome
    ("cohort", 2, r"\b(?:prognostic factors?|survival analysis|Kaplan-?Meier|Cox (?:proportional|"
                  r"regression))\b|预后因素|预后分析|生存分析|Kaplan-?Meier|Cox回归"),
    # A comparison of groups (not before/after) turns a series of patients into a cohort.
    ("cohort", 1.5, r"\b(?:compared (?:with|to|between)"
                    r"(?! (?:those |that |the |values )?(?:at )?(?:pre|before|baseline))"
                    # the patient's other side: "compared with those of the healthy side"
                    r"(?! (?:those |that |values )?(?:of |on )?the (?:healthy|contralateral|"
                    r"unaffected|normal|opposite) (?:side|limb|eye|leg|arm))|"
                    r"versus|vs\.?|group [AB]|risk factors?|(?:was|were) associated with|"
                    r"predictors? of)\b|危险因素|相关因素|[两2二]组(?!内)|各组间|组间比较|"
                    r"与(?!(?:治疗|术|干预|手术|用药)?前|基线|健侧|对侧)[^。]{1,20}?(?:相比|比较)"),
    ("case-control", 3, r"\bcase-?control\b|病例对照|\b(?:age[- ]and[- ]sex|sex[- ]and[- ]age|age|"
                        r"sex)[- ]matched (?:healthy )?controls\b"),
    # patients compared with healthy people: "健康对照组", "以24例健康志愿者作为对照"
    ("case-control", 3.5, HEALTHY_ZH),
    # cases and controls counted: "13 cases who developed drug-induced TdP and 26 age and sex
    # matched controls"
    ("case-control", 2, r"\b\d+ cases\b[^.;]{0,80}?\band \d+ (?:[\w-]+ ){0,4}?controls\b"),
    # people without the disease as the controls: "39例非肿瘤或肝脏良性肿瘤患者为对照组", "39
    # patients with non-tumor or benign liver tumor as controls"
    ("case-control", 3, rf"{WITHOUT_DISEASE_ZH}|\b(?:patients|subjects|"
                        r"individuals|people) (?:with|without) [^.;]{1,40}? as (?:the )?"
                        r"controls\b"),
    # a "normal control group" of animals is a lab study's
    ("case-control", 2, r"正常对照|病例组"),
    # diseased tissue against normal tissue: "174例CRC组织…80例正常结直肠黏膜组织", "癌旁组织"
    # (below a lab's animals and cells, whose normal tissue is a lab study's)
    # (counted or set against: not radiotherapy's "正常组织受量", "normal tissue complication")
    ("case-control", 2.5, r"\b(?:(?:adjacent )?normal (?:[\w-]+ ){0,2}?(?:tissues?|mucosa|"
                          r"specimens)(?! complication)|para-?(?:cancerous|carcinoma|tumou?r) "
                          r"tissues?)\b|(?:\d\s*(?:例|份)|[与和及])正常[^，。；、]{0,8}?(?:组织|黏膜|"
                          r"粘膜|标本)|癌旁(?:正常)?组织"),
    ("case-control", 2, r"\bhealthy (?:controls|control (?:subjects|group)|volunteers as "
                        r"controls)\b"),
    ("cross-sectional", 3, r"\bcross-?sectional\b|横断面"),
    # a population's rates over the years, from surveillance data: "2004-2018年中国艾滋病发病率与
    # 死亡率…变化趋势", "incidence and mortality trends", Joinpoint regression
    ("cross-sectional", 2, r"(?:发病率|患病率|死亡率)[^。，；]{0,20}?(?:趋势|变化)|\b(?:incidence|"
                           r"prevalence|mortality)(?: rates?)?(?: and (?:incidence|prevalence|"
                           r"mortality))?(?: rates?)? trends?\b|\bjoinpoint\b"),
    ("cross-sectional", 2, r"\b(?:questionnaires?|surveys?|surveyed|self-reported|"
                           r"online survey)\b|问卷|调查"),
    # how two measures taken at one time go together: "静息心率与血糖水平的相关性", "the
    # correlation between resting heart rate and blood glucose"; not a tutorial on correlation
    ("cross-sectional", 2, r"\b(?:to (?:explore|investigate|analy[sz]e|assess|evaluate|examine|"
                           r"determine|study) the |^)correlations? between [^.,;]{1,60}? and\b|"
                           # (not with prognosis or survival, which a cohort follows)
                           r"(?:探讨|分析|研究|评估|探究|观察|调查)[^。]{0,40}?与"
                           r"(?![^。，；]{0,12}(?:预后|生存|复发|转归))[^。，；]{1,30}的?相关性|"
                           r"与(?![^。，；]{0,12}(?:预后|生存|复发|转归))[^。，；]{1,30}的?相关性"
                           r"(?:研究|分析)?$"),
    ("diagnostic accuracy", 2, r"\b(?:screening|diagnostic) (?:tool|instrument)s?\b|"
                               r"\b(?:ability|accuracy) of [^.;]{1,60}? to (?:detect|diagnose|"
                               r"identify)\b|\bbiomarkers? for (?:the )?(?:\w+ )?(?:diagnosis|"
                               r"detection)\b"),
    # what a diagnostic study sets out to judge, and (a second cue) the figures it judges by
    ("diagnostic accuracy", 3, r"\b(?:diagnostic (?:accuracy|performance|value|utility|yield)|"
                               r"reference standard|limits of agreement|Bland-Altman|"
                               r"(?:be )?used interchangeably)\b|诊断(?:价值|效能|准确|优势|"
                               r"符合率|一致性)"),
    ("diagnostic accuracy", 3, r"\b(?:sensitivity and specificity|receiver operating "
                               r"characteristic|ROC curves?|area under the (?:ROC )?curve|"
                               r"(?:positive|negative) (?:and (?:positive|negative) )?predictive "
                               r"values?|likelihood ratios?)\b|敏感度|灵敏度|特异度|ROC曲线"),
    ("qualitative", 3, r"\b(?:qualitative|semi-?structured interviews?|focus groups?|"
                       r"thematic analysis|grounded theory|interpretative phenomenological|"
                       r"content analysis|text condensation|themes? (?:emerged|were identified))"
                       r"\b|质性研究|定性研究|质的研究|半结构|访谈|采访|主题分析"),
    ("qualitative", 2, r"\b(?:interview(?:s|ed)|open-ended)\b|开放式问题|受访"),
    # what qualitative studies ask about: counted apart from how they ask
    ("qualitative", 2, r"(?<!surgical )(?<!clinical )(?<!treatment )\b(?:lived )?experiences? of\b|"
                       r"的(?:经历|体验)"),
    ("economic evaluation", 3, r"\b(?:cost-?effectiveness|cost-?utility|cost-?benefit|"
                               r"QALYs?|incremental cost|budget impact|economic evaluation)\b|"
                               r"成本-?效果|成本效益|经济学评价"),
    # (not in vitro fertilisation, 体外受精, nor a machine outside the body: 体外循环)
    ("basic science", 3, r"\b(?:in vitro(?! ?fertili[sz])|in vivo|mice|mouse|murine|rats?|"
                         r"zebrafish|drosophila|cell lines?|knock-?out|knockdown|transgenic|"
                         r"xenografts?|cultured cells|crystal structure|"
                         # not a recombinant drug given to patients: "recombinant of IL-2"
                         r"recombinant(?! (?:of )?(?:human )?(?:IL|interleukin|interferon|insulin|"
                         r"erythropoietin|growth hormone|GM-CSF|G-CSF|tissue plasminogen|factor|"
                         r"porphobilinogen))|"
                         r"spectroscop\w+|polypeptides?|enzyme(?!-linked)|mutants?|plasmids?|"
                         r"fibroblasts|organoids?|(?:pluripotent|embryonic) stem cells|iPSCs?|"
                         r"rabbits?(?! (?:monoclonal|polyclonal|anti))|guinea pigs?|"
                         r"piglets|hamsters|(?:animal|rabbit|porcine|canine|ovine) models?|"
                         # a medicine's form made and tested at the bench
                         r"excipients?|gastroretentive|directly compressed tablets)\b|"
                         r"体外(?!受精|循环|冲击波|膜肺|膜氧合)|小鼠|大鼠|细胞系|细胞株|基因敲除|"
                         r"动物模型"),
    ("basic science", 1, r"\b(?:gene expression|mRNA|western blot|kinetics|immunoreactivity)\b"),
    # animals' embryos, and the parasites and species a zoologist describes
    ("basic science", 3, r"\b(?:canine|murine|chick|chicken|porcine|bovine|ovine|avian|zebrafish|"
                         r"mouse|rat|animal) embryos?\b|\b(?:taxonom\w+|"
                         r"(?:new|host) species|redescription)\b"),
    # insects in the field: "to local mosquito populations" (not "insect sting allergy")
    ("basic science", 2, r"\b(?:mosquito(?:es)?|larvae|Anopheles|Aedes|Culex)\b"),
    # the instruments and objects of a laboratory
    ("basic science", 2, r"\b(?:electron (?:paramagnetic|spin) resonance|EPR|NMR|"
                         r"magnetic susceptibility|electron microscop\w+|ultrastructur\w+|"
                         r"spermatozoa|cryopreserv\w+|flash photolysis|"
                         r"molecular dynamics|(?:amino acid|peptide|protein) sequences?|"
                         r"subunits?|heme|binding sites?|ellipsometr\w*|refractive index|"
                         r"thin films?)\b|电镜|超微结构|分子动力学|晶体结构|"
                         r"蛋白酶|化合物|生物信息学"),
    ("methods", 3, r"\bwe report an? (?:[\w-]+ ){0,6}?(?:method|technique|tool|assay|"
                   r"algorithm|protocol)\b|"
                   r"\b(?:we (?:(?:present|describe|introduce|propose) (?:an? |the |our )?"
                   r"(?:[\w-]+ ){0,4}?(?:method|technique|tool|approach|algorithm|software|system|"
                   r"framework|model|pipeline|protocol|device|platform|package|assay|procedure|"
                   r"strategy|instrument|scale|index|score)s?|developed|have developed|"
                   r"have implemented|implemented)|(?:a|this) (?:new|novel) (?:\w+ )?"
                   r"(?:method|technique|tool|approach|algorithm|software|package|library|"
                   r"instrument|scale)|open[- ]source|python|software|toolkit|package|"
                   r"(?:method|technique|approach|algorithm|sequence|model) (?:is|was) "
                   r"(?:here )?(?:proposed|presented|introduced|developed))\b|"
                   r"新方法|新技术|提出了?一种[^。]{0,80}?(?:方法|技术|模型|算法|工具|量表)|"
                   # a system the authors built: "开发了覆盖完整头痛诊断流程的…辅助决策系统"
                   # (not "建立数据库，回顾性分析", a care system given: "构建基于微信平台的护理")
                   r"(?:构建|开发|研发|研制)了(?:一[个种套])?[^。，]{0,30}?(?:系统|平台|算法|软件|"
                   r"知识库)"),
    # the tools of medical informatics: "分词算法…潜在语义分析", "临床知识建模和知识库构建"
    ("methods", 2, r"\b(?:algorithms?|machine learning|deep learning|natural language "
                   r"processing|text mining|decision support system)\b|算法|语义分析|知识库|"
                   r"决策支持|机器学习|深度学习|自然语言处理|文本挖掘|知识建模"),
    # an instrument's validation names its psychometric properties
    ("methods", 3, r"\b(?:psychometric|Cronbach|test-retest|factor structure|"
                   r"confirmatory factor analysis)\b|信度|效度|内部一致性"),
    ("methods", 2, r"\b(?:validation|validity|reliability|detection "
                   r"method|determination of|(?:was|were) established)\b|检测方法"),
    ("other", 3, r"\b(?:we argue|this (?:essay|commentary|editorial|perspective|viewpoint)|in this "
                 r"(?:essay|commentary|editorial|perspective))\b|述评|评论"),
    # a meeting reported: "美国胸外科学会第98届年会于2018年4月28日…召开", "Highlights of the 2018
    # Annual Meeting"
    ("other", 4, r"(?:年会|学术会议|学术大会)[^。，]{0,12}(?:于|在)[^。]{0,30}(?:召开|举行|举办)|"
                 r"^highlights of the\b|\b(?:annual meeting|congress|symposium) "
                 r"(?:was|were) held\b"),
    # firms and markets, not people's health: "a Republican-leaning CEO", "abnormal stock
    # returns"
    ("other", 2, r"\b(?:shareholders?|stock returns|abnormal returns|stock prices|CEOs?)\b"),
    # an industry's or a market's state, from a product database, not a study of people:
    # "免疫细胞疗法产业发展态势", "寡核苷酸类药物开发现状与趋势", "the Cortellis database"
    ("other", 4, r"产业(?:发展|分析|现状|格局|体系)|"
                 r"(?:研发|开发|发展)(?:现状|态势)(?:与|和)?(?:趋势)?|专利(?:分析|布局|资产)|"
                 r"商业(?:交易|化许可)|\b(?:Cortellis|launched into "
                 r"markets?|business deals?|industry development|industrial system|patent "
                 r"(?:assets|analysis|landscape)|development status and trends?)\b"),
    ("rct", 3, r"\b(?:randomly (?:assigned|allocated|divided|received|controlled)|(?<!non-)"
               r"(?<!non)randomi[sz]ed,? (?:[\w-]+,? ){0,3}(?:trial|study)|were randomi[sz]ed|"
               r"randomi[sz]ed to|randomi[sz]ation|(?:patients|participants|subjects|women|men) "
               r"randomi[sz]ed)\b|随机(?:分为|分成|分配|数字表|对照试验|对照研究|"
               r"双盲|化分组)"
               # English a PDF conversion ran together: "The150patients wererandomizedinto3"
               r"|(?<=were)randomi[sz]ed(?=[a-z])"),
    ("non-randomised trial", 3, r"\bnon-?randomi[sz]ed (?:\w+ ){0,2}(?:trial|study|"
                                r"controlled)\b|\bquasi-?experiment\w*|非随机|类实验|准实验"),
    # people put into arms by the study (randomised only if said): "Thirty patients scheduled
    # for craniotomy were assigned to hypothermia or normothermia"
    ("non-randomised trial", 2.5, r"\b(?:were|was) (?:\w+ )?(?:assigned|allocated) to (?:receive|"
                                  r"either|one of|two|three|the|an?)\b"),
    ("non-randomised trial", 1.5, r"\b(?:control group|controls received)\b|对照组"),
    ("non-randomised trial", 2.5, r"\bcontrolled (?:[\w-]+,? ){0,2}(?:trial|study)\b|"
                                  r"\btrial comparing\b|对照试验"),
    # groups each given a treatment by the study: "Nineteen patients received iopamidol and
    # 18 patients received sodium iothalamate", "20 ml of either 3% chloroprocaine or ..."
    ("non-randomised trial", 2.5, r"\breceived\b[^.;]{1,80}?\b(?:and|while|whereas) "
                                  r"(?:the (?:other|remaining) )?(?:\d+|[a-z]+(?:-[a-z]+)?) "
                                  r"(?:[\w-]+ ){0,2}?(?:patients|subjects|participants|"
                                  r"volunteers|women|men|children|infants) "
                                  r"(?:received|were given)\b|"
                                  r"\b(?:received?|given|treated with|of) either\b"),
    # a treatment per group: "patients in one group were treated with X, and those in the other
    # group received Y"
    ("non-randomised trial", 2.5, r"\b(?:in )?(?:one|the first) group (?:were|was) (?:treated|"
                                  r"given)|\b(?:one|the first) group received\b"),
    # a placebo or a sham given by the study: a controlled trial (randomised only if said)
    ("non-randomised trial", 2.5, r"\b(?:placebo|sham)\b|安慰剂|假手术|假刺激"),
    ("single-arm trial", 3, r"\bsingle[- ]arm\b|\bphase (?:I{1,3}|[1-3])[ab]?\b|\bopen-label "
                            r"(?:\w+ ){0,2}(?:trial|study)\b|\bdose-escalation\b|\bpilot "
                            r"trial\b|单臂|(?:I{1,3}|Ⅰ|Ⅱ|[1-3一二])\s*期临床"),
    # the study named a trial: "In this trial", "an investigator-blind trial", "a therapeutic trial"
    ("single-arm trial", 2, r"\b(?:this|the present|our|an?) (?:[\w-]+,? ){0,4}?trial\b"),
    # a programme or therapy whose effects the study tests: "Effects of an Internet-based
    # intervention on plasma glucose", "the efficacy of psychotherapy with biofeedback"
    ("single-arm trial", 1.5, r"\b(?:effects?|efficacy|effectiveness|impact) of (?:an? |the )?"
                              r"(?:[\w-]+ ){0,4}?(?:intervention|program(?:me)?|training|"
                              r"education|supplementation|counsell?ing|psychotherapy|therapy|"
                              r"stimulation|exercise|acupuncture|massage)\b"),
    # A drug's daily dose given: "1 to 10 mg daily", "dosages of 1 to 80 mg/day"
    ("single-arm trial", 2, r"\b\d+(?:\.\d+)?\s*(?:mg|g|µg|μg|mcg|micrograms?|IU|units|mL|ml)"
                            r"\s*(?:/\s*(?:day|d|week|wk)\b|(?:once |twice |three times )?"
                            r"(?:daily|a day|per day|weekly)\b)|\b(?:dosages?|doses) of \d|"
                            r"每[日天]\s*\d+(?:\.\d+)?\s*(?:mg|g|μg|ml|mL)"),
    # Participants given a treatment by the study: a trial, single-arm unless more is said.
    # (临床研究, "clinical study", names any study of patients in a Chinese journal: no cue)
    ("single-arm trial", 2, r"\bclinical (?:stud(?:y|ies)|trials?)\b(?!\.gov| regist)|"
                            r"\b(?:were|was) (?:infused|injected|administered|transplanted|"
                            r"applied)\b|\breceived (?:a |an |one |two )?(?:single )?"
                            r"(?:[\w-]+ ){0,3}?(?:infusions?|injections?|doses?|"
                            r"transplantation)\b|临床试验|接受[^，。]{0,10}(?:输注|注射)|"
                            # "每24h将喷剂应用于腹部": a dose schedule, as "was applied"
                            r"每\s*\d+\s*(?:h|小时|天|日|周)[^，。]{0,12}?(?:应用|使用|给药|喷|涂|注射|"
                            r"输注|口服|服用)|(?:将|把)[^，。]{1,10}(?:应用于|涂抹于|喷于|注入)"),
]
_PATTERNS = [(t, w, re.compile(p, _I)) for t, w, p in CUES]
# the cues that a series of patients all treated alike shares with a cohort
SERIES_CUES = frozenset(i for i, (_, _, p) in enumerate(CUES) if p in (RETROSPECTIVE, FOLLOWED_UP))
# Design tags (``summarizer.extract.patterns.TAGS``, read from the study's own sentences) that
# tell a trial: (study type, weight). Blinding, a placebo control and a crossover are a
# controlled trial's; it is randomised only when said.
TAG_CUES: dict[str, tuple[str, float]] = {
    "randomized": ("rct", 3), "non-randomized": ("non-randomised trial", 3),
    "placebo-controlled": ("non-randomised trial", 2.5),
    "double-blind": ("non-randomised trial", 2.5), "single-blind": ("non-randomised trial", 2),
    "crossover": ("non-randomised trial", 2.5), "dose-escalation": ("single-arm trial", 3),
    "dose-finding": ("single-arm trial", 3),
}
# Publication types of PubMed, WoS, Embase/Ovid and CNKI exports, with weights.
PUBLICATION_TYPES: list[tuple[str, float, str]] = [
    ("meta-analysis", 4, r"meta-analysis"),
    ("systematic review", 4, r"systematic review"),
    ("rct", 4, r"randomi[sz]ed controlled trial"),
    ("single-arm trial", 1, r"clinical trial, phase i\b"),
    ("guideline", 4, r"\bguideline|consensus development"),
    ("case report", 4, r"case reports?"),
    ("narrative review", 2, r"^review$|^reviews?\b|综述"),
    ("other", 4, r"^(?:editorial|comment|letter|news|biography|historical article|erratum)$"),
    ("cohort", 1, r"observational study"),
    # a Chinese journal's column (``summarizer.ingest.paper``)
    ("case report", 4, r"^(?:病例报告|个案报告)$"),
    ("basic science", 3, r"^(?:基础研究|实验研究)$"),
    ("methods", 3, r"^技术方法$"),
    ("cross-sectional", 2, r"^(?:流行病学调查|调查研究)$"),
]


# A commentary argues: what should be done, policy, law, history; a review reports what
# studies found. Counted over a whole abstract (``argues``), not one sentence.
ARGUMENT = re.compile(
    r"\b(?:should|must|needs? to|ought to|it is (?:necessary|important|urgent|essential|"
    r"imperative|believed|argued|suggested)|calls? (?:for|on)|countermeasures?|suggestions?|"
    r"we (?:argue|discuss|propose|suggest|believe)|polic(?:y|ies)|reforms?|governments?|"
    r"legal|laws?|rights|justice|histor(?:y|ical)|ancient)\b|应当|应该|必须|亟需|对策|政策|"
    r"制度|法律|历史|古代|加强|促进(?!(?:心理)?健康)|正视|存在[^。]{0,10}问题|建议", re.IGNORECASE)
LITERATURE = re.compile(
    r"\b(?:studies|research|literature|review(?:s|ed)?|advances|progress|evidence|"
    r"mechanisms?|reported|trials?|recent(?:ly)?|findings|investigat\w+|role of)\b|研究|文献|"
    r"进展|机制|综述", re.IGNORECASE)


def argues(text: str) -> bool:
    """Whether an abstract reads as a commentary: three or more phrases of argument, policy
    or history, and more of them than of research and literature."""
    argued = len(ARGUMENT.findall(text))
    return argued >= 3 and argued > len(LITERATURE.findall(text))


# People a study's own sentences speak of (the words a count of people may count, in
# English; the Chinese ones but 人 and 对象, too common to tell): with no design cue, a study
# of people measured is not lab work (``decide_study_type``'s ``people``), even uncounted.
_ZH_NAMED_PEOPLE = "|".join(w for w in ZH_PEOPLE.split("|") if w not in ("人", "对象"))
STUDIED_PEOPLE = re.compile(rf"\b(?:{PEOPLE})\b|{_ZH_NAMED_PEOPLE}", re.IGNORECASE)


# The study doing its own empirical work: "In this study we examined", "were followed up",
# "This study evaluates the effects". A review or commentary speaks of studies, not like this.
STUDY_ACTS = re.compile(
    r"\b(?:we|this (?:study|investigation|experiment|research|trial)|the (?:present|current) "
    r"(?:study|investigation|experiment)) (?:\w+ )?(?:examined?|investigated?|studied|measured|"
    r"compared|assessed|evaluated|evaluates|tested|recruited|enrolled|observed|followed|"
    r"explored|analy[sz]ed|interviewed|establish(?:ed)?|identified|document(?:ed)?)\b"
    r"|\b(?:were|was) (?:\w+ )?(?:followed up|examined|tested|"
    r"measured|assessed|recruited|enrolled|studied|interviewed|observed|treated|evaluated)\b"
    r"|本研究(?:对|将|选取|纳入|收集)|(?:收集|选取|纳入)[^。]{0,20}(?:患者|病例|资料)",
    re.IGNORECASE)


def studied_people(text: str, lang: str) -> list[Hit]:
    """``Hit("people", noun)`` for each word naming people in one sentence."""
    return [Hit("people", m.group(0).lower(), m.start(), m.end())
            for m in STUDIED_PEOPLE.finditer(text)]


def study_acts(text: str, lang: str) -> list[Hit]:
    """``Hit("study_act", words)`` for each of the study's own empirical acts (``STUDY_ACTS``)
    in one sentence."""
    return [Hit("study_act", m.group(0), m.start(), m.end()) for m in STUDY_ACTS.finditer(text)]


# Guidelines followed, not written: "diagnosed per consensus guidelines", "with regard to the
# current guidelines", "Diagnosis followed the 2018 ESC guidelines", "按照《…指南》诊断"
FOLLOWED = re.compile(r"(?:\b(?:per|according to|in accordance with|in line with|followed|"
                      r"following the|with regard to|based on|by)\b|按照|根据|依据|参照|遵循)"
                      r"[^.;。；]{0,30}$", re.IGNORECASE)


def study_type_cues(text: str, lang: str) -> list[Hit]:
    """Cues of the study type in one sentence; value ``(study_type, weight, cue)``, ``cue``
    the index of the cue in ``CUES`` (a cue counts once however often it is found)."""
    return [Hit("study_type", (kind, weight, cue), m.start(), m.end())
            for cue, (kind, weight, pattern) in enumerate(_PATTERNS)
            for m in pattern.finditer(text)
            if kind != "guideline" or not FOLLOWED.search(text, max(0, m.start() - 40),
                                                          m.start())]


def publication_type_cues(types: Iterable[str]) -> list[tuple[str, float, str, str]]:
    """``(study_type, weight, cue, publication type)`` for each publication type that tells
    one; ``cue`` names the publication-type rule (``pt3``)."""
    return [(kind, weight, f"pt{cue}", given) for given in types
            for cue, (kind, weight, pattern) in enumerate(PUBLICATION_TYPES)
            if re.search(pattern, given.strip(), _I)]


def decide_study_type(cues: list[tuple[str, float]], empirical: bool = True,
                      described: bool = False, people: bool = True,
                      argued: bool = False) -> tuple[str, float]:
    """The study type and a confidence in [0, 1] from ``(study_type, weight)`` cues (title
    cues already doubled by the caller, one cue per phrase). A pooled analysis is a
    meta-analysis whatever else it says; a review's randomised trials are the studies it
    reviews, not its design. Without a clear cue, a text that reports no participants and no
    result (``empirical`` false) but has an abstract (``described``) is a narrative review
    at low confidence, or a commentary (``other``) when it argues (``argued``, see
    ``argues``), and one that reports results but studies no people (``people``
    false: no count, sex, age or arm) is lab work (``basic science``), one that studies
    people is ``cross-sectional``; with nothing at all the type is ``other`` at confidence 0.
    """
    scores: dict[str, float] = defaultdict(float)
    for kind, weight in cues:
        scores[kind] += weight
    if not empirical and described and max(scores.values(), default=0) < 2:
        # a paragraph with nothing of a study's own
        return ("other" if argued and scores.get("narrative review", 0) < 2
                else "narrative review"), 0.2
    if empirical and described and not scores:
        # findings about things, not people: lab work; about people measured once, with
        # no follow-up, treatment or comparison said: a cross-sectional study
        return ("basic science" if not people else "cross-sectional"), 0.2
    if not scores:
        return "other", 0.0
    if scores.get("meta-analysis", 0) >= 8:
        # a meta-analysis in the title, or said twice over, is a systematic review that pools
        scores["meta-analysis"] += scores.pop("systematic review", 0)
    for review in ("meta-analysis", "systematic review"):
        if scores.get(review, 0) >= 4:
            scores = {k: v for k, v in scores.items() if k not in TRIALS | {"cohort"}}
    if scores.get("rct", 0) >= 3:  # a randomised trial has a control group and a phase too
        scores.pop("non-randomised trial", None)
        scores.pop("single-arm trial", None)
        # ... and a follow-up, compared groups and healthy people to compare with: only a
        # cohort or a case-control study said outright outweighs it
        for observed in ("cohort", "case-control"):
            if scores.get(observed, 0) < scores["rct"] + 3:
                scores.pop(observed, None)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], STUDY_TYPES.index(kv[0])))
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return best, round(min(1.0, score / 6) * (score - runner_up + 1) / (score + 1), 2)
