"""Trial facts read from one sentence by patterns, in English and Chinese: who took part, the
design, the intervention, the setting and registrations (``findings`` reads what was found).

Each extractor ``x(text, lang) -> list[Hit]`` gives a field name, a normalized value and the
``(start, end)`` of the evidence in ``text``. Fields: ``n_screened``, ``n_enrolled``,
``n_randomized``, ``n_analysed``, ``n_treated``, ``sex`` ({"female": 6}), ``age``,
``condition``, ``intervention``, ``route``, ``schedule``, ``dose``, ``comparator``, ``phase``,
``tag``, ``centres``, ``country``, ``registration``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from summarizer.extract.numbers import NUM, find_doses, parse_number
from summarizer.text.script import HAN_CHARS


@dataclass(frozen=True)
class Hit:
    """One fact read from a sentence; start/end: offsets of the evidence in the sentence."""

    field: str
    value: Any
    start: int
    end: int


IGNORE = re.IGNORECASE
POP = (r"(?:patients|outpatients|inpatients|participants|subjects|women|men|adults|children|"
       r"individuals|people|cases|survivors|volunteers|pts)")
ZH_CL = r"\s*(?:名|例|位|个(?!月|小时|周))\s*"
PCT = r"\d+(?:\.\d+)?"
FEMALE = {"women", "woman", "female", "females", "girls", "girl", "女性", "女"}
MALE = {"men", "man", "male", "males", "boys", "boy", "男性", "男"}


def group_number(m: re.Match, group: int | str) -> int | float:
    """The number in a group of a match (digits, English words or Chinese numerals)."""
    return parse_number(m.group(group))


def find_hits(field: str, pattern: str, text: str, value: Callable[[re.Match], Any],
              flags: int = IGNORE, group: int | str = 0) -> list[Hit]:
    """A Hit for each match of ``pattern``; evidence is ``group`` of the match."""
    return [Hit(field, value(m), m.start(group), m.end(group))
            for m in re.finditer(pattern, text, flags)]


# --- numbers of participants --------------------------------------------------------------

# Not an arm's size: "98 patients randomized into the tamoxifen arm and 96 into ...";
# but a whole broken down into its arms after a comma is: "201 patients were randomised,
# 100 to EoP and 101 to paclitaxel"; nor the cases of a case-control study: "300 incident BC
# cases and 300 controls".
ARM = (rf"(?:(?=\s*,\s*{NUM}\s+(?:to|in|into|were|received)\b)|"
       r"(?![^.;]{0,40}?\b(?<!\bor\s)(?:the|each|either)\s+[\w-]+\s+(?:arm|group)\b"
       r"(?!\s*\(\s*n\s*=)(?!\s+or\b))"
       rf"(?!(?:(?!\band\b)[^.;:(]){{0,60}}?,?\s+and\s+{NUM}\s+(?:were\s+)?(?:to|in|into|"
       r"assigned|allocated|randomi[sz]ed)\b)"
       rf"(?!\s+and\s+{NUM}\s+(?:[\w-]+\s+){{0,2}}?controls\b)"
       r"(?!\s+(?:\w+\s+){0,3}to\s+(?:arm|group)\s+\w\b))")
# Words between a number and its population: "Seventy breast cancer patients".
MOD = (r"(?:(?!(?:months?|weeks?|years?|days?|among|of|in|at|to|for|and|or|with|the|groups?)\b)"
       r"[A-Za-z][\w-]*\s+){0,4}?")
WITH = (r"(?:\s+(?:with|aged|from|who|between|in|diagnosed|undergoing|receiving|treated|"
        r"admitted|hospitali[sz]ed|referred|attending|eligible|scheduled|requiring|newly|"
        r"presenting|prescribed|having|at)\s+[^.;]{1,160}?)?")
# A bracket that may hold one more: "(aged 65-75 and diagnosed ≥ 3 years ago (2010-2012))"
BRACKETED = r"\((?:[^()]|\([^()]*\))*\)"
# Not a count of each arm: "120 patients in each arm"
NOT_PER_ARM = r"(?!\s+(?:in|per)\s+(?:each|every)\b)"
# "were randomized", "were prospectively and randomly assigned", "underwent randomization"
RANDOMIZED = (r"(?:(?:evenly\s+(?:and\s+)?)?randomi[sz]ed|(?:\w+ly\s+and\s+)?randomly\s+"
              r"(?:assigned|allocated|divided)|(?:assigned|allocated|divided)\s+(?:at\s+)?"
              r"random(?:ly)?\b|underwent\s+randomi[sz]ation)")
EN_COUNTS = [
    ("n_screened", rf"({NUM})\s+(?:{POP}\s+)?(?:were\s+)?(?:screened|assessed for eligibility)"),
    ("n_enrolled", rf"({NUM})\s+of\s+whom\s+were\s+(?:enrolled|included|recruited)"),
    ("n_enrolled", rf"({NUM})\s+{MOD}{POP}(?:\s*{BRACKETED})?{WITH}\s+(?:were|was)\s+"
                   rf"(?:enrolled|included|recruited|entered|eligible){ARM}"),
    # "Enrolled in the study were forty patients"
    ("n_enrolled", rf"\b(?:enrolled|included|recruited)\s+(?:in|into)\s+(?:the|this|our)\s+"
                   rf"(?:study|trial)\s+(?:were|was)\s+({NUM})\s+{MOD}{POP}\b{ARM}"),
    # "A prospective, randomized trial involved 142 patients", "trial including 120 BC patients"
    ("n_enrolled", rf"\b(?:study|trial)\s+(?:(?:that|which)\s+)?(?:involved|involving|including)\s+"
                   rf"(?:a\s+total\s+of\s+)?({NUM})\s+{MOD}{POP}\b{NOT_PER_ARM}{ARM}"),
    # "In this ... trial, we evaluated the efficacy of ... in 668 postmenopausal women"
    ("n_enrolled", rf"\b(?:we|study|trial)\s+(?:evaluated|compared|assessed|tested|investigated|"
                   rf"examined)\b[^.;]{{0,160}}?\s(?:in|among)\s+({NUM})\s+{MOD}{POP}\b"
                   rf"{NOT_PER_ARM}{ARM}"),
    ("n_enrolled", rf"\bwith\s+({NUM})\s+{MOD}{POP}\s+(?:enrolled|included|recruited)\b"),
    ("n_enrolled", rf"\b(?:inclusion|enrol(?:l)?ment|recruitment)\s+of\s+({NUM})\s+{POP}"),
    ("n_enrolled", rf"\b[Oo]f\s+(?:the\s+)?({NUM})\s+{POP}\s+(?:enrolled|included|recruited|"
                   r"entered|accrued|registered)\b"),
    ("n_enrolled", rf"({NUM})\s*(?:\(\s*{PCT}\s*%\s*\)\s*)?of\s+(?:the\s+)?(?:planned\s+)?{NUM}\s+"
                   rf"{MOD}{POP}{WITH}\s+(?:(?:were|was)\s+(?:enrolled|included|recruited)|"
                   r"participated|took part)"),
    ("n_enrolled", rf"\b(?:enrolled|included|recruited|accrued|registered)\s+(?:a\s+total\s+of\s+)?"
                   rf"({NUM})\s+{MOD}{POP}"),
    # "a trial ... was conducted in 320 postmenopausal, sedentary women"
    ("n_enrolled", rf"\b(?:was|were)\s+(?:conducted|carried\s+out|performed|done)\s+(?:on|in|with|"
                   rf"among)\s+({NUM})\s+(?:[A-Za-z][\w-]*,?\s+){{0,4}}?{POP}\b"),
    # "Among 98 enrolled women, 86 completed", "Of 382 eligible patients, 191 + 191 were"
    ("n_enrolled", rf"\b(?:[Aa]mong|[Oo]f)\s+(?:the\s+)?({NUM})\s+(?:enrolled|eligible)\s+{POP}\b"),
    # "Of 151 participants, 95% were retained", "Among 262 patients registered, 249 were …"
    ("n_enrolled", rf"^(?:Of|Among)\s+(?:the\s+)?({NUM})\s+{MOD}{POP}(?:\s+(?:registered|"
                   rf"enrolled|included|recruited|randomi[sz]ed))?,"),
    # "In a double-blind, placebo-controlled study, 35 female outpatients with ..."
    ("n_enrolled", rf"^In\s+(?:an?\s+[^.;]{{0,80}}?\b(?:study|trial)|(?:this|our)\s+[^.;]{{0,80}}?"
                   rf"\b(?:study|trial)\b[^.;,]{{0,60}}),\s+({NUM})\s+"
                   rf"{MOD}{POP}\b{ARM}"),
    ("n_enrolled", rf"\b[Aa]\s+total\s+of\s+({NUM})\s+{MOD}{POP}\b(?!\s+(?:in|of)\s+(?:the|each))"
                   rf"(?!\s+(?:died|had|developed|experienced|reported|relapsed|required|"
                   rf"showed|achieved|discontinued|withdrew)\b){ARM}"),
    ("n_enrolled", rf"\b(?:[Ii]n total,\s+)?({NUM})\s+{MOD}{POP}\s+(?:participated|took part)"),
    ("n_enrolled", rf"(?<!% of )(?<!% of study )\b(?i:{POP})(?:\s+(?:with|aged?|ages)\s+"
                   rf"[^.;()]{{1,60}}?)?\s*\(\s*[nN]\s*=\s*(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*"
                   rf"(?:,\s*(?:mean|median|aged?)\b[^)]*)?\)(?!\s*(?:,|or\b|and\b|versus\b|vs\b))"
                   rf"{ARM}"),
    ("n_enrolled", rf"\b(?:trial|study)\s+(?:in|of|among|with)\s+({NUM})\s+{MOD}{POP}\b"
                   rf"{NOT_PER_ARM}"),
    # "a 1-yr randomized trial comparing pamidronate ... with placebo in 40 premenopausal women"
    ("n_enrolled", rf"\b(?:trial|study)\s+(?:comparing|evaluating|testing|assessing|of)\b"
                   rf"[^.;]{{0,160}}?\s(?:in|among)\s+({NUM})\s+{MOD}{POP}\b"),
    # "tumor samples from 97 breast cancer patients", "samples were available from 2318 patients"
    ("n_enrolled", rf"\b(?:data|records|samples|specimens|plans|blocks|images|mammograms|scans)"
                   rf"\s+(?:[\w-]+\s+){{0,2}}?(?:of|from|on)\s+({NUM})\s+{MOD}{POP}\b"),
    # "In the first 2,000 patients enrolled in the AMAROS trial"
    ("n_enrolled", rf"(?<!\bof )(?<![\d,.])\b({NUM})\s+{MOD}{POP}\s+(?:enrolled|included|"
                   rf"randomi[sz]ed|participating)\s+(?:in|into|onto)\s+(?:the|a|an|this|our)\b{ARM}"),
    # "2144 (1063 ovarian ablation, 1081 no ovarian ablation) patients were randomly assigned"
    ("n_randomized", rf"({NUM})\s+(?:\((?![^)]*%)[^)]*\)\s+)?(?:{MOD}{POP}(?:\s*\([^)]*\))?"
                     rf"{WITH}\s+(?:were\s+)?|were\s+)(?:then\s+|subsequently\s+|later\s+)?"
                     rf"{RANDOMIZED}{ARM}"),
    ("n_randomized", rf"\b(?:randomly\s+(?:assigned|allocated)|randomi[sz]ed?)\s+({NUM})\s+"
                     rf"{MOD}{POP}"),
    # the authors' own: "We randomized 123 African Americans with controlled hypertension"
    ("n_randomized", rf"\bwe\s+(?:randomly\s+(?:assigned|allocated)|randomi[sz]ed)\s+({NUM})\s+"
                     r"(?!(?:[\w-]+\s+){0,3}?(?:weeks?|months?|days?|years?|hours?|times|groups?|"
                     r"arms?|clusters?|"
                     r"practices|hospitals|schools|villages|wards|communities|sites|cent(?:er|re)s|"
                     r"clinics|eyes|teeth|samples|specimens|households|families|couples)\b)"
                     r"[A-Za-z]"),
    # "Breast cancer patients initiating chemotherapy (N=301) were randomly assigned";
    # "randomly assigned patients who were scheduled to undergo ... (N = 230) to"
    ("n_randomized", rf"\b{POP}\b[^.;()]{{0,80}}?\(\s*[nN]\s*=\s*({NUM})\s*\)\s+(?:were|was)\s+"
                     rf"{RANDOMIZED}{ARM}"),
    ("n_randomized", rf"\b(?:randomly\s+(?:assigned|allocated)|randomi[sz]ed)\s+{MOD}{POP}\b"
                     rf"[^.;()]{{0,80}}?\(\s*[nN]\s*=\s*({NUM})\s*\)"),
    ("n_randomized", rf"({NUM})\s*(?:\(\s*{PCT}\s*%\s*\)\s*)?of\s+(?:the\s+)?{NUM}\s+{MOD}{POP}"
                     rf"{WITH}\s+(?:were\s+)?{RANDOMIZED}"),
    ("n_randomized", rf"(?:\b[Aa]mong|(?<!%\s)\b[Oo]f)\s+(?:the\s+)?({NUM})\s+(?:randomi[sz]ed|"
                     rf"randomly\s+(?:assigned|allocated))\s+{POP}"),
    ("n_randomized", rf"\b[Rr]andomi[sz]ation\s+of\s+({NUM})\s+{MOD}{POP}\b"),
    ("n_analysed", rf"({NUM})\s+(?:{POP}\s+)?(?:were\s+)?(?:included\s+in\s+the\s+(?:final\s+)?"
                   r"analys[ie]s|analy[sz]ed)"),
]
# Every English count pattern holds one of these words: a sentence without one is skipped.
COUNT_WORDS = re.compile(r"screen|assess|whom|enrol|includ|recruit|entered|accrued|registered|"
                         r"inclusion|total|eligible|conducted|carried out|performed|"
                         r"particip|took part|[nN]\s*=|trial|study|data|records|random|analy|"
                         r"sampl|specimen|plans|blocks|images|mammogram|scans",
                         IGNORE)
ZH_COUNTS = [
    ("n_screened", rf"(?:筛选|筛查)了?\s*({NUM}){ZH_CL}"),
    ("n_screened", rf"({NUM}){ZH_CL}[^,，。]{{0,8}}(?:接受|经过)?(?:筛选|筛查)"),
    ("n_enrolled", rf"(?:纳入|入组|招募)了?\s*({NUM}){ZH_CL}"),
    ("n_enrolled", rf"(?:收治|收集|分析|选取|选择|入选|对)[^,，。；]{{0,40}}?的?\s*({NUM})\s*例"
                   r"[^,，。；]{0,20}?(?:患者|患儿|病例)"),
    ("n_enrolled", rf"(?:收治|收集|分析|选取|选择|入选)[^。；]{{0,40}}?(?:患者|患儿)\s*"
                   rf"({NUM})\s*例"),
    # (not "10例入组时DECT显示…": at the time of enrolment)
    ("n_enrolled", rf"({NUM}){ZH_CL}[^,，。]{{0,12}}(?:被)?(?:纳入|入组)(?!时)"),
    ("n_randomized", rf"({NUM}){ZH_CL}[^,，。]{{0,12}}随机"),
    # "251例患者接受治疗至PSA进展，随后被随机分组": treated first, then randomised
    ("n_randomized", rf"({NUM}){ZH_CL}[^。；;]{{0,40}}?[,，]\s*(?:随后|然后|之后|继而)被?随机"),
]
# "Six women with a SLEDAI >6 ... received one intravenous infusion": the treated group, read
# as the number enrolled only when no record states that number (``n_treated``).
EN_TREATED = (rf"^\s*({NUM})\s+{MOD}({POP})\b(?![^.]*\b(?:group|arm)\b)"
              rf"(?![^.]*\band\s+{NUM}\s+{MOD}{POP}\b)"  # "Thirty … and 50 patients …"
              r"(?=[^.]*\b(?:received|were treated|underwent|were given))")
ZH_TREATED = (rf"^\s*({NUM}){ZH_CL}[^,，。]{{0,30}}?(患者|女性|男性|受试者|参与者)(?![^。]*组)"
              r"(?=[^。]*接受)")


def counts(text: str, lang: str) -> list[Hit]:
    """n_screened / n_enrolled / n_randomized / n_analysed / n_treated, and sex when the treated
    group is named by sex (``Six women ... received``, ``6 名女性 ... 接受``)."""
    hits = []
    keyed = lang == "zh" or COUNT_WORDS.search(text)
    for field, pattern in (EN_COUNTS if lang == "en" else ZH_COUNTS) if keyed else []:
        hits += [h for h in whole_counts(field, re.compile(pattern, IGNORE), text)
                 if lang == "en" or not LITERATURE_COUNT_ZH.search(text[:h.start])]
    m = re.search(EN_TREATED if lang == "en" else ZH_TREATED, text, IGNORE)
    if m:
        hits.append(Hit("n_treated", group_number(m, 1), m.start(1), m.end(1)))
        sex = _sex_word(m.group(2))
        if sex:
            hits.append(Hit("sex", {sex: group_number(m, 1)}, m.start(), m.end(2)))
    return hits


# What a study counts: people (any word for them), or another unit it names.
PEOPLE = (r"patients|participants|subjects|women|men|adults|children|individuals|people|"
          r"persons|cases|survivors|volunteers|students|parents|mothers|fathers|infants|"
          r"neonates|newborns|adolescents|youths?|users|workers|employees|nurses|physicians|"
          r"doctors|providers|clinicians|respondents|residents|veterans|athletes|donors|"
          r"smokers|drinkers|girls|boys|caregivers|carers|members|inpatients|outpatients|"
          r"recipients|controls|pregnant women|elderly|pts|grandparents|siblings|partners|"
          r"spouses|relatives|teachers")
# One person of a kind, for "and one grandparent"
PEOPLE_ONE = (r"patient|participant|subject|woman|man|adult|child|parent|mother|father|"
              r"grandparent|grandmother|grandfather|sibling|partner|spouse|caregiver|carer|"
              r"nurse|physician|doctor|clinician|relative|teacher|infant|adolescent|control")
STUDIES = r"studies|trials|articles|publications|reports|RCTs"
OTHER_UNITS = (rf"eyes|couples|families|households|dogs|cats|horses|animals|mice|rats|samples|"
               rf"specimens|{STUDIES}|hospitals|schools|practices|records|teeth|"
               r"knees|hips|pregnancies|embryos|lesions|tumou?rs|nodules|limbs|feet|hands|"
               r"questionnaires")
UNIT = rf"(?P<unit>{PEOPLE}|{OTHER_UNITS})"
# Up to six words (commas allowed) between a number and what it counts, none of them a word
# of time or a preposition: "Ten privately owned, mildly affected, nonseasonally atopic dogs".
DESCRIBED = (r"(?:(?!(?:months?|weeks?|years?|days?|hours?|times|of|in|at|to|for|and|or|with|"
             r"the|were|was|from|per|each)\b)[A-Za-z][\w-]*,?\s+){0,6}?")
# "Between July, 1996 and April, 1999, " before a count
ACCRUAL_DATES = r"(?:(?:Between|From|During|In|Over|Since)\s[^;]{0,60}?\b(?:19|20)\d\d,\s+)?"
# A sentence that is only who was studied: "160 consecutive patients with breast cancer and
# unilateral axillary lymph node dissection."
FRAGMENT = (r"(?:\s*\([^)]*\))?(?:\s*[≥>]\s*\d+\s*(?:years?|yrs?)(?:\s+(?:of\s+age|old))?)?"
            r"(?:\s+(?:with|who|aged|undergoing|scheduled|requiring|receiving|and their|"
            r"admitted|referred|attending|having|from)\b[^.;]*)?\s*[.;]?\s*$")
EN_STUDIED = [  # the first that matches is the count: "208 families (n = 507)" is 507
    rf"\b{UNIT}\s*\(\s*[nN]\s*=\s*(?P<n>{NUM})\s*\)",
    rf"\(\s*[Nn]\s*=\s*(?P<n>{NUM})\s+{UNIT}\b",
    # "Sixteen CWS providers (...) were interviewed."; "Ten ... atopic dogs." and "Twenty
    # consecutive women (age range 43-61 yrs)." (fragments); after the dates of accrual
    rf"^\s*{ACCRUAL_DATES}(?:[A-Z]\w+ly,\s+)?(?:only\s+|a total of\s+)?(?P<n>{NUM})\s+{DESCRIBED}"
    rf"{UNIT}\b"
    rf"(?:{FRAGMENT}|(?:\([^)]*\)|[^.;()])*?"
    r"(?:\b(?:were|was)\s+(?:\w+ly\s+)?(?:interviewed|surveyed|studied|included|enrolled|recruited|"
    r"examined|investigated|analy[sz]ed|sampled|identified|selected|observed|evaluated|aged|"
    r"assessed(?!\s+for\s+eligibility)|"
    r"divided|allocated|assigned|distributed)\b|\b(?:participated|"
    r"took part|responded|completed (?:the |an? )?(?:\w+ )?(?:survey|questionnaires?|interviews?)"
    # a review's studies: "Eighteen studies satisfied the inclusion criteria"
    r"|(?:met|satisfied|fulfilled)\s+(?:the\s+|all\s+)?(?:inclusion|eligibility|selection)\s+"
    r"criteria)))",
    rf"\b(?:(?:sample|cohort|total|survey|series|meta-analysis|analysis|review) of|"
    rf"(?:conducted|held|interviews?) with|consist(?:ed|ing) of|compris(?:ed|ing)|involving|"
    rf"(?:we|study|survey|trial) (?:recruited|enrolled|included|surveyed|interviewed|studied|"
    rf"examined|analy[sz]ed|identified))\s+(?:a total of\s+|the\s+)?(?:[Nn]\s*=\s*)?(?P<n>{NUM})\s+"
    rf"{DESCRIBED}{UNIT}\b(?!\s+(?:each|per|in each))",
    # "a cross-sectional study of children (aged 8-17 y) with IBD (n = 148)"
    rf"\b(?:study|sample|survey|analysis|cohort) of\s+{DESCRIBED}{UNIT}\b"
    rf"(?:\([^)]*\)|[^.;()]){{0,60}}?\(\s*[nN]\s*=\s*(?P<n>{NUM})\s*\)",
    # who remained of those screened: "Among the 469 patients who were diagnosed with DILI at
    # discharge, 361 met the criteria for DILI on re-evaluation"
    # ... or took part: "Of 113 (51%) eligible physicians, 58 completed the survey"
    rf"\b(?:Among|Of)\s+(?:the\s+)?{NUM}\s+(?:\([^()]{{1,20}}\)\s+)?{DESCRIBED}{UNIT}\b[^,;.]{{0,80}},"
    rf"\s+(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,2}}?(?:(?:met|fulfilled|satisfied)\s+(?:the\s+|all\s+)?"
    r"(?:[\w-]+\s+)?criteria|completed\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?(?:survey|questionnaires?|"
    r"interviews?)|responded(?! to)|participated|took part|agreed to (?:participate|take part))",
    # samples taken from who was studied: "aspirates obtained from 48 dogs previously diagnosed"
    rf"\b(?:obtained|collected|taken|drawn) from\s+(?:a total of\s+|the\s+)?(?P<n>{NUM})\s+"
    rf"{DESCRIBED}(?P<unit>{PEOPLE}|dogs|cats|horses|animals|mice|rats)\b",
    # "The authors analyzed data from 142 persons aged 60 years or older"
    rf"\bdata (?:from|on|of)\s+(?:a total of\s+|the\s+)?(?P<n>{NUM})\s+{DESCRIBED}"
    rf"(?P<unit>{PEOPLE})\b",
    # who, described, then counted at the end: "All women aged 20-44 years, with a history of
    # …, who subsequently underwent reversal … (n = 1,898)."
    # (not those left out: "Women who smoked were excluded (n = 112).")
    r"^(?![^;]*\b(?:excluded|withdr[ae]w\w*|lost|declined|refused|dropped|died)\b)"
    rf"\s*(?:All\s+)?{DESCRIBED}{UNIT}\b[^;]{{0,250}}?\(\s*[nN]\s*=\s*(?P<n>{NUM})\s*\)"
    r"\s*\.?\s*$",
    # "Participants were 36 post-surgery Japanese breast cancer patients"
    rf"\b(?:participants|subjects|patients|respondents)\s+(?:were|comprised)\s+(?P<n>{NUM})\s+"
    rf"{DESCRIBED}{UNIT}\b",
    # a case report of more than one: "We describe two cases", "A report of two cases"
    rf"\b(?:we (?:report|present|describe|highlight)|(?:a )?reports? of)\s+(?P<n>{NUM})\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?P<unit>cases|patients)\b",
]
ZH_STUDIED = [  # the first that matches is the count: "208个家庭(n=507)" is 507
    rf"(?:家庭|样本|对象|患者|人)\s*[(（]\s*[nN]\s*=\s*(?P<n>{NUM})\s*[)）]",
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名|位|对)(?!\s*(?:次|个月|周|天))"
    r"(?P<unit>[^，。；,;、]{0,12}?(?:患者|患儿|病人|受试者|产妇|孕妇|女性|男性|儿童|"
    r"学生|护士|居民|对象|志愿者|家庭|夫妇|眼|样本))?",
    # eyes and animals are counted with 只, families with 个 or 户: "2530只眼", "10只…犬"
    r"(?<![\d.])(?P<n>\d+)\s*(?:只|个(?!月|小时|周)|户)(?P<unit>[^，。；,;]{0,16}?(?:眼|犬|猫|"
    r"小鼠|大鼠|兔|动物|家庭))",
    # "家庭样本有298个"
    rf"(?:家庭|样本|对象)[^，。；]{{0,4}}(?:有|为|共)\s*(?P<n>{NUM})\s*(?:个|例|名|户)",
]


# One person's care told by the authors: "This article describes the treatment of a teenager"
CARE_OF_ONE = r"the (?:\w+ ){0,2}?(?:treatment|management|case|diagnosis) of an? "
CASE_TOLD = (rf"\b(?:describes?|reports?|presents?) {CARE_OF_ONE}(?:[\w-]+ ){{0,3}}?(?:teenager|"
             r"adolescent|man|woman|boy|girl|child|infant|patient)\b")
REVIEWED = re.compile(r"\b(?:review|guideline|overview)s?\b", IGNORE)
# One patient described: a case report's n.
CASE_OF_ONE = (r"\b[Aa]n?\s+\d{1,3}[- ](?:year|month|week|day)s?[- ]old\s+(?:[\w-]+\s+){0,2}?"
               r"(?:man|woman|boy|girl|infant|patient|male|female|child|neonate)\b"
               r"|\bwe (?:report|present|describe) (?:a|an|one) (?:[\w-]+ ){0,2}case\b")


ZH_CASE_OF_ONE = (r"(?:介绍|报告|报道|描述)了?\s*(?:一|1)\s*(?:个|例)[^，。；]{0,10}?"
                  r"(?:病例|患者|病人)")


# A count just after words of a group is one arm's: "The control group consisting of 47"; not
# after a design's name: "This randomized controlled trial recruited 83 …".
ONE_ARM = re.compile(r"\b(?:group|arm|program|programme|assigned|allocated|randomi[sz]ed"
                     r"(?!,?\s+(?:controlled|clinical|trial|study|double|single|placebo|pilot)))"
                     r"\b[^.;]{0,30}$|(?<![两各全每])组[^，。；]{0,6}$", IGNORE)


# Before a Chinese count that is not the whole: 各40例 (each arm), 其中 (of whom), 每1000例 (a
# rate), 男22例 (one sex)
NOT_THE_WHOLE_ZH = re.compile(r"(?:[各其组每/,，\d]|[男女]性?)\s*$")
# ... nor one the literature reports: "并分析14篇个案报道、共18例病例" (a case report's review)
LITERATURE_COUNT_ZH = re.compile(r"(?:\d\s*篇[^，。；,;]{0,15}|(?:文献|个案报道)[^，。；,;]{0,6})$")


def studied_counts(text: str, lang: str) -> list[Hit]:
    """``n_studied``: how many people (or other units) a sentence says were studied, for
    designs the enrolment patterns miss: ``Sixteen CWS providers ... were interviewed``,
    ``a meta-analysis of 2530 eyes``, ``(N = 3,347 couples)``, ``回顾性分析72例``,
    ``a 43-year-old woman`` (1); ``n_studies`` when what is counted is studies (a review).
    Read only from the study's methods (``summarizer.extract.mentions``)."""
    hits = []
    for pattern in EN_STUDIED if lang == "en" else ZH_STUDIED:
        for m in re.finditer(pattern, text, IGNORE):
            if ONE_ARM.search(text, max(0, m.start() - 60), m.start("n")):
                continue
            if lang == "zh" and (NOT_THE_WHOLE_ZH.search(text[:m.start("n")])
                                 or LITERATURE_COUNT_ZH.search(text[:m.start("n")])):
                continue
            n = group_number(m, "n")
            if n != int(n):
                continue  # 0.37 例 per 1,000: a rate, not people counted
            if lang == "en" and not re.match(ARM, text[m.end():], IGNORE):
                continue  # "239 patients were assigned to surgery and 235 to tamoxifen"
            if _whole_group(text[:m.start("n")], text[m.end("n"):], "n_enrolled"):
                studies = re.fullmatch(STUDIES, m.groupdict().get("unit") or "", IGNORE)
                listed = [] if studies else _more_listed(text, m, lang, n)
                hits.append(Hit("n_studies" if studies else "n_studied",
                                n + sum(group_number(c, "n") for c in listed), m.start("n"),
                                listed[-1].end("n") if listed else m.end("n")))
    hits += find_hits("n_studied", CASE_OF_ONE if lang == "en" else ZH_CASE_OF_ONE, text,
                      lambda m: 1)
    if lang == "en" and not REVIEWED.search(text):  # not "This review describes the management
        hits += find_hits("n_studied", CASE_TOLD, text, lambda m: 1)  # of a child with fever"
    if lang == "en":
        hits += whole_of_parts(text) + whole_of_sexes(text)
    first = {}
    for h in hits:
        first.setdefault(h.field, h)
    return list(first.values())


# More people listed after a count: "interviews with 28 children and adolescents with IBD, 26
# parents and one grandparent" (55 in all). Each is a number and who it counts (one such word,
# maybe singular, or none before "with"); the list ends with "and".
LISTED = re.compile(rf"(?:\s+(?:and|with|who)\s+[^,;.()\d]{{1,40}}?)?(?:,\s*(?:and\s+)?|\s+and\s+)"
                    rf"(?P<n>{NUM})(?:\s+(?:(?:age|sex)[- ]and[- ](?:age|sex)[- ])?{DESCRIBED}"
                    # or who is left unsaid: "Sixty-one patients with gout, 30 with AS and …"
                    rf"(?P<who>{PEOPLE}|{PEOPLE_ONE})\b|(?=\s+with\b))", IGNORE)


def _more_listed(text: str, m: re.Match, lang: str, n: int | float) -> list[re.Match]:
    """The counts listed after the count ``m`` (``n``): from its end, else from who it counts
    when the pattern's verb comes after the list ("Sixty-one patients with gout, 30 with AS
    and 30 with RA were included"); none when they only break ``n`` down ("500 children, 260
    boys and 240 girls")."""
    lister = listed_counts if lang == "en" else listed_counts_zh
    listed = lister(text, m.end())
    if not listed and m.groupdict().get("unit"):
        listed = [c for c in lister(text, m.end("unit")) if c.end() <= m.end()]
    return [] if sum(group_number(c, "n") for c in listed) == n else listed


# More groups listed after a Chinese count: "61例痛风性关节炎患者、30例强直性脊柱炎(AS)及30例类风湿
# 关节炎(RA)患者" (121 in all); each a count of 例 or 名 and who it counts, the last joined by 及/和
ZH_LISTED = re.compile(rf"\s*(?:、|及|和|以及|与)\s*(?P<n>{NUM})\s*(?:例|名)"
                       r"(?!\s*(?:次|个月|周|天))[^、，。；,;及和与]{0,20}")


def _run_of(pattern: re.Pattern, text: str, end: int) -> list[re.Match]:
    """The matches of ``pattern`` that follow one another from ``end``."""
    run = []
    while m := pattern.match(text, end):
        run.append(m)
        end = m.end()
    return run


def listed_counts_zh(text: str, end: int) -> list[re.Match]:
    """The Chinese counts listed one after another from ``end`` (just after a count and who it
    counts), when the last is joined by 及, 和, 以及 or 与; else none."""
    listed = _run_of(ZH_LISTED, text, end)
    while listed and not re.match(r"\s*(?:及|和|以及|与)", text[listed[-1].start():]):
        listed.pop()
    return listed


def listed_counts(text: str, end: int) -> list[re.Match]:
    """The counts of people listed one after another from ``end`` (just after a count and who
    it counts), when the list ends with "and"; else none."""
    listed = _run_of(LISTED, text, end)
    while listed and not re.search(r"\band\s+\S*$", text[:listed[-1].start("n")]):
        listed.pop()
    return listed


# A count of people followed by its parts: "Of the 885 patients, 442 were assigned to the
# high-dose group and 443 to ...", "1739 women aged 30-70 (872 in the fenretinide arm and 867
# in the control arm)". A part is a whole number in digits that is no age, dose, time or share.
WHOLE = rf"(?P<n>{NUM})\s+{DESCRIBED}(?P<unit>{PEOPLE})\b"
PART = re.compile(r"(?<![\w.,\-–])(?<!aged )(?<!age )(?<!to )(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
                  r"(?![\w.,]*\d)"
                  r"(?!\s*(?:%|(?:percent|years?|yrs?|months?|weeks?|days?|hours?|mg|g|kg|ml|"
                  r"cm|mm|times)\b|[-–]\s*\d|to\s+\d))", IGNORE)


def whole_of_parts(text: str) -> list[Hit]:
    """``n_studied``: a count of people that two to four counts later in the sentence, one
    after the other, add up to exactly (the arms or groups it was split into)."""
    for m in re.finditer(WHOLE, text, IGNORE):
        whole = group_number(m, "n")
        if whole != int(whole) or whole < 4 or NOT_A_COUNT.search(text[:m.start()]):
            continue
        parts = [group_number(p, "n") for p in PART.finditer(text, m.end())]
        if any(sum(parts[i:j]) == whole for i in range(len(parts))
               for j in range(i + 2, min(i + 4, len(parts)) + 1)):
            return [Hit("n_studied", whole, m.start("n"), m.end("n"))]
    return []


# People counted only by sex, in brackets after them: "A sample of inflammatory bowel disease
# patients (60 males and 140 females) was collected."; "Out of 502 … sleep studies, there were
# 465 males and 37 females."
SEXES_OF = re.compile(rf"(?:\b(?:{PEOPLE}|sample)\s*\(\s*|\bthere were\s+)(?P<a>{NUM})\s+"
                      rf"(?:males?|men|boys|females?|women|girls)\s*(?:,|and)\s*(?P<b>{NUM})\s+"
                      rf"(?:males?|men|boys|females?|women|girls)\b(?:\s*\))?", IGNORE)


def whole_of_sexes(text: str) -> list[Hit]:
    """``n_studied``: the men and the women of a bracket after the people, added up (not those
    of one arm: "In the placebo group there were 30 men and 20 women")."""
    return [Hit("n_studied", group_number(m, "a") + group_number(m, "b"), m.start("a"),
                m.end("b")) for m in SEXES_OF.finditer(text)
            if not re.search(r"\b(?:group|arm)\b[^.;]{0,40}$", text[:m.start()], IGNORE)][:1]


def count_unit(before: str, after: str) -> str:
    """What a count counts, from the words after (else before) it: ``people``, or the unit
    named (``eyes``, ``couples``); the ``(n = 507)`` of ``208 families (n = 507)`` counts
    their members."""
    for m in (re.match(rf"\s*\)?\s*{DESCRIBED}(?:{UNIT})\b", after, IGNORE),
              re.search(rf"(?P<counted>{NUM}\s+)?{UNIT}\s*\(?\s*(?P<n>[nN]\s*=\s*)?$", before,
                        IGNORE)):
        if m and m.groupdict().get("counted") and m.groupdict().get("n"):
            return "people"  # the members of the units counted before the bracket
        if m and m.group("unit"):
            unit = m.group("unit").lower()
            return unit if re.fullmatch(OTHER_UNITS, unit) else "people"
    return "people"


# What a Chinese count counts: the last of these nouns after it, as a Chinese noun phrase
# ends with its head ("10只…私家犬" dogs, "2530只眼" eyes, "30例牙周炎患者" people), before a
# bracket ("50例(62只眼)" counts patients)
ZH_UNITS = {"眼": "eyes", "犬": "dogs", "狗": "dogs", "猫": "cats", "小鼠": "mice",
            "大鼠": "rats", "兔": "animals", "动物": "animals", "家庭": "families",
            "户": "households", "夫妇": "couples", "样本": "samples", "标本": "specimens",
            "牙": "teeth", "医院": "hospitals", "学校": "schools"}
ZH_PEOPLE = r"患者|患儿|病人|受试者|产妇|孕妇|女性|男性|儿童|学生|护士|居民|志愿者|对象|人"
ZH_UNIT = re.compile(rf"\s*[^，。；,;(（]{{0,16}}({ZH_PEOPLE}|"
                     rf"{'|'.join(sorted(ZH_UNITS, key=len, reverse=True))})")


def zh_count_unit(after: str) -> str:
    """What a Chinese count counts, from the words after it: ``people`` or a unit of
    ``ZH_UNITS`` (in English, as ``count_unit`` gives it)."""
    m = ZH_UNIT.match(after)
    return ZH_UNITS.get(m.group(1), "people") if m else "people"


NOT_A_COUNT = re.compile(
    rf"(?:[A-Za-z0-9\-/<>≥≤.]|(?:planned|targeted for|target of|aims? to (?:recruit|enrol)|"
    rf"will (?:include|enrol|recruit))\s+|{NUM}\s*(?:\([^)]*\)\s*)?of\s+(?:the\s+)?)$", IGNORE)


def whole_counts(field: str, pattern: re.Pattern, text: str) -> list[Hit]:
    """A Hit for each count that ``pattern`` (group 1: the number) matches and that is the
    whole's. A match that is not looks again after its number, as it may have spanned a
    count that is: "Targeted for 124 patients ..., the trial was stopped after 49 patients were
    enrolled"."""
    hits, at = [], 0
    while m := pattern.search(text, at):
        if _whole_group(text[:m.start(1)], text[m.end(1):], field):
            hits.append(Hit(field, group_number(m, 1), m.start(1), m.end(1)))
            at = m.end()
        else:
            at = m.end(1)
    return hits


def _whole_group(before: str, after: str, field: str) -> bool:
    """False for a number that is not a count of this trial's participants: part of a name
    (``P-1``, ``CNBSS-1``), a threshold (``score of >3``), a plan (``planned 92``), the total of a
    part (``68 of 109 patients were recruited``) or one arm (``Of 511 patients randomised to``)."""
    if NOT_A_COUNT.search(before) or re.search(r"\+\s*$", before):  # "191 + 191 patients"
        return False
    if re.match(rf"\s+{MOD}{POP}\s+(?:in|per)\s+(?:each|either)\b", after, IGNORE):
        return False  # "21 patients in each group"
    if re.search(r"\b(?:after|once|until|when)\s+$", before, IGNORE) \
            and re.match(rf"\s+{MOD}{POP}\s+had\b", after, IGNORE):
        return False  # a time in the trial: "after 3655 patients had undergone randomization"
    if re.search(r"在\s*$", before) and re.match(r"[^，。；,;]{0,30}?(?:之后|以后|后)", after):
        return False  # 在3655例患者完成随机分组之后
    one_arm = (re.search(r"\b(?:of|the)\s+$", before, IGNORE) and not before.endswith("total of ")
               and re.match(rf"[^,.;]*?\b{RANDOMIZED}\s+to\b", after, IGNORE))
    return not (field == "n_randomized" and one_arm)


def _sex_word(word: str) -> str | None:
    word = word.lower()
    return "female" if word in FEMALE else "male" if word in MALE else None


EN_SEX = (rf"({NUM})\s*\(\s*{PCT}\s*%\s*\)\s*(?:of\s+{NUM}\s+{POP}\s+)?(?:were|was)\s+(?:an?\s+)?"
          r"(?:cisgender\s+|transgender\s+)?(women|woman|females?|men|man|males?)\b")
SEX_WORD = r"(women|woman|females?|men|man|males?|boys?|girls?)"
CASES = r"(?:(?:cases|patients|participants|subjects|children)\s+)?(?:were\s+)?"
EN_SEX_PAIR = rf"({NUM})\s+{CASES}{SEX_WORD}\s+and\s+({NUM})\s+{CASES}{SEX_WORD}\b"
ZH_SEX = [rf"(女性|男性|女|男)\s*({NUM}){ZH_CL}", rf"({NUM}){ZH_CL}(?:为)?(女性|男性)"]
# The share of one sex, no count: "53 patients (66% females)", "女性占66%"
EN_SEX_SHARE = rf"(?<![\d.])({PCT})\s*%\s*(?:were\s+)?(women|females?|men|males?|girls|boys)\b"
ZH_SEX_SHARE = rf"(女性|男性)(?:患者)?(?:占|比例为?|所占比例为?)\s*({PCT})\s*%"


def _sex_count(m: re.Match, word: int, number: int) -> dict[str, int | float]:
    return {_sex_word(m.group(word)): group_number(m, number)}


def sex(text: str, lang: str) -> list[Hit]:
    """Counts by sex: ``Seven (88%) of eight participants were cisgender women`` → female 7.
    Counts of one arm (``the treatment group had 15 women and 25 men``, ``观察组男22例``) are
    not the study's and are left out."""
    if lang == "zh":
        hits = find_hits("sex", ZH_SEX[0], text, lambda m: _sex_count(m, 1, 2))
        hits += find_hits("sex", ZH_SEX[1], text, lambda m: _sex_count(m, 2, 1))
    else:
        hits = find_hits("sex", EN_SEX, text, lambda m: _sex_count(m, 2, 1))
        for m in re.finditer(EN_SEX_PAIR, text, IGNORE):
            for n, word in ((1, 2), (3, 4)):
                hits.append(Hit("sex", {_sex_word(m.group(word)): group_number(m, n)},
                                m.start(n), m.end(word)))
        hits += [Hit("sex", {_sex_word(m.group("who")): 1}, m.start(), m.end())
                 for m in re.finditer(ONE_PERSON, text)]
    return [h for h in hits if not ARM_CLAUSE.search(text[:h.start])]


def sex_share(text: str, lang: str) -> list[Hit]:
    """The percentage of one sex when no count is given: ``(66% females)`` → {"female": 66}.
    An arm's share is left out, as for counts."""
    if lang == "zh":
        hits = find_hits("sex_share", ZH_SEX_SHARE, text,
                         lambda m: {_sex_word(m.group(1)): float(m.group(2))})
    else:
        hits = find_hits("sex_share", EN_SEX_SHARE, text,
                         lambda m: {_sex_word(m.group(2)): float(m.group(1))})
    return [h for h in hits if not ARM_CLAUSE.search(text[:h.start])]


# One patient described: "a 64-year-old female", "The patient was a 43 year-old woman" (the
# case of a case report: age and sex of one).
ONE_PERSON = re.compile(r"\b[Aa]n?\s+(?P<age>\d{1,3})[- ](?P<unit>year|month)s?[- ]old\s+"
                        r"(?:[\w-]+\s+){0,2}?(?P<who>man|woman|boy|girl|male|female)\b")


# An arm named earlier in the clause: "In the treatment group, 15 women ...", "观察组男22例，女
# 18例" (not 两组, 各组: both arms together).
# An arm named before a count: "观察组男22例"; not past "两组" (both groups: the whole study).
ARM_CLAUSE = re.compile(r"\b(?:group|arm|cohort)\b[^.;:]*$"
                        r"|(?<![两各每全])组(?:(?![两各每全]组)[^。；;]){0,20}$", IGNORE)


RANGE = r"\s*(?:-|–|~|～|to|至)\s*"
AGE_SPREAD = (rf"(?:\s*[(\[（]\s*(?:range|IQR|interquartile range|范围)?[:,：]?\s*"
              rf"(?P<lo>{NUM}){RANGE}(?P<hi>{NUM})[^)\]）]*[)\]）]"
              rf"|,\s*range\s*(?P<lo2>{NUM}){RANGE}(?P<hi2>{NUM})"
              rf"|\s*(?:±|\+/-)\s*(?P<sd>{NUM})|\s*\(\s*SD\s*[=:,]?\s*(?P<sd2>{NUM})\s*\)"
              # "Mean (SD) age was 58.6 (9.5) years": the SD alone in brackets
              rf"|\s*\(\s*(?P<sd3>{NUM})\s*\))?")
EN_AGE = [
    rf"\b(?P<kind>median|mean|average)(?:\s*\(\s*(?P<header>SD|IQR|range)\s*\))?\s+age"
    rf"(?:\s+at\s+\w+|\s+of\s+(?:the\s+)?(?:{NUM}\s+)?"
    rf"[A-Za-z ]{{0,30}}?)?\s+(?:was\s+|of\s+|:\s*|,\s*)?(?P<value>{NUM})\s*"
    rf"(?P<unit>years|yrs|y|months)?{AGE_SPREAD}(?:\s*(?P<unit2>years|yrs|months))?",
    rf"\baged\b[^.;()]{{0,40}}\((?P<kind>median|mean),?\s*(?P<value>{NUM})\s*"
    r"(?P<unit>years|months)\)",
    # the range only: "70 youth (10-25 years)", "53 patients ... with ages from 18 to 65"
    rf"(?<![\d.]){NUM}\s+(?:[\w-]+\s+){{0,3}}?(?:{POP}|youths?|adolescents)\s*\(\s*(?P<lo>{NUM})"
    rf"{RANGE}(?P<hi>{NUM})\s*(?P<unit>years|months)\s*(?:old)?\s*\)",
    rf"\b(?:with ages?|ages?(?: ranged| ranging)?)\s+(?:from|between)\s+(?P<lo>{NUM})"
    rf"\s*(?:to|and|-|–)\s*(?P<hi>{NUM})(?:\s*(?P<unit>years|months))?",
]
ZH_AGE = [rf"(?P<kind>中位|平均)年龄\s*(?:为|是)?\s*(?P<value>{NUM})\s*(?P<unit>岁|个月)?"
          rf"{AGE_SPREAD}(?:\s*(?P<unit2>岁|个月))?",
          # "年龄25~65岁，平均(45.2±3.1)岁"
          rf"年龄\s*(?P<lo>{NUM}){RANGE}(?P<hi>{NUM})\s*岁\s*[,，;；]\s*(?P<kind>平均|中位)(?:年龄)?"
          rf"\s*(?:为)?\s*[(（]?\s*(?P<value>{NUM})\s*(?:(?:±|\+/-)\s*(?P<sd>{NUM}))?\s*[)）]?\s*"
          rf"(?P<unit>岁)",
          # "平均年龄(45.2±3.1)岁"
          rf"(?P<kind>中位|平均)年龄\s*(?:为|是)?\s*[(（]\s*(?P<value>{NUM})\s*(?:±|\+/-)\s*"
          rf"(?P<sd>{NUM})\s*[)）]\s*(?P<unit>岁|个月)"]


def age(text: str, lang: str) -> list[Hit]:
    """Age of the participants (not eligibility ages): {"median"|"mean": 35, "min": 26,
    "max": 57, "sd": None, "unit": "years"}; one patient's age (``a 29-year-old man``) is a
    ``person_age`` {"age": 29, "unit": "years"} (the facts make the ages of a report's
    patients their age)."""
    hits = [h for pattern in (EN_AGE if lang == "en" else ZH_AGE)
            for h in find_hits("age", pattern, text, _age_value)]
    if lang == "en" and not hits:
        hits = [Hit("person_age", {"age": int(m.group("age")), "unit": m.group("unit") + "s"},
                    m.start("age"), m.end("unit"))
                for m in re.finditer(ONE_PERSON, text)][:1]
    return hits


def _age_value(m: re.Match) -> dict[str, Any]:
    g = m.groupdict()
    unit = "months" if (g["unit"] or g.get("unit2")) in ("months", "个月") else "years"
    low, high = g.get("lo") or g.get("lo2"), g.get("hi") or g.get("hi2")
    sd = g.get("sd") or g.get("sd2")
    if g.get("sd3") and (g.get("kind") or "").lower() in ("mean", "average") and (
            g.get("header") or "SD").upper() == "SD":
        sd = g["sd3"]  # "Mean (SD) age was 58.6 (9.5) years"; not a median's "64 (58)"
    value: dict[str, Any] = {}
    if g.get("kind"):  # a range alone gives no centre
        kind = g["kind"].lower()
        value[{"中位": "median", "平均": "mean", "average": "mean"}.get(kind, kind)] = \
            group_number(m, "value")
    return {**value, "min": _maybe_number(low), "max": _maybe_number(high),
            "sd": _maybe_number(sd), "unit": unit}


def _maybe_number(text: str | None) -> int | float | None:
    return parse_number(text) if text else None


# --- arms and their sizes -------------------------------------------------------------------

NAME_WORD = (r"(?!(?:to|or|and|the|a|an|in|into|of|with|were|was|assigned|allocated|"
             r"randomi[sz]ed|randomly|versus|vs|each|either|both)\b)[A-Za-z][\w+/-]*")
ARM_NAME = rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
EN_ARMS = [
    rf"\b{ARM_NAME}\s+(?:group|arm)\s*[(\[]\s*[nN]\s*=\s*(?P<n>{NUM})\s*[)\]]",
    rf"(?<![\d.])(?P<n>{NUM})\s+(?:{POP}\s+)?(?:were\s+)?(?:(?:randomi[sz]ed|randomly assigned|"
    rf"assigned|allocated)\s+)?(?:to|in|into)\s+(?:the\s+)?{ARM_NAME}\s+(?:group|arm)\b",
    rf"\b(?:an?|the)\s+{ARM_NAME}\s+(?:group|arm)\s+(?:of|consisting of|compris(?:ed|ing))\s+"
    rf"(?P<n>{NUM})\b",
    # "21 cases were treated with INFIX (INFIX group)"
    rf"(?<![\d.])(?P<n>{NUM})\s+{POP}\s+(?:were\s+)?(?:treated with|received|underwent|given)\s+"
    rf"[^,;()]{{1,60}}?\(\s*{ARM_NAME}\s+(?:group|arm)\s*\)",
    # "randomly assigned to receive pertuzumab (2400 patients) or placebo (2405 patients)"
    rf"(?:\b(?:assigned|allocated|randomi[sz]ed) to (?:receive )?|\b(?:or|and|versus|vs\.?)\s+)"
    rf"{ARM_NAME}\s*\(\s*(?:[nN]\s*=\s*)?(?P<n>{NUM})(?:\s+{POP})?\s*\)",
]
# Arm sizes are said where people are allocated; "189 in the pertuzumab group" in a sentence
# of events counts the events.
ALLOCATION = re.compile(r"\b(?:randomi[sz]ed|randomly|assigned|allocated|included|enrolled|"
                        r"recruited|divided|consist(?:ed|ing)|compris(?:ed|ing)|received|"
                        r"underwent|treated)\b", IGNORE)
# Arms as Chinese papers name them: 观察组, 对照组, A组, 甲组, 联合组 ...
ZH_ARM = (r"(?:观察|对照|治疗|实验|试验|研究|干预|常规|联合|安慰剂|手术|护理|药物|A|B|C|甲|乙|丙|"
          r"[一二三四1-4])组")
ZH_ARMS = rf"(?P<name>{ZH_ARM})\s*[(（]?\s*(?:[nN]\s*=\s*)?(?P<n>{NUM})\s*(?:例|名|[)）])"
# Two arms of one size, the second often named by its drug: "实验组和喜疗妥组各40例".
# (after 其中, "among them": "其中硫酸镁组57例")
ZH_NAMED_ARM = (r"(?:(?<=分为)|(?<=其中)|(?<=[和与及、；;，,。:：\s（(])|^)"
                r"(?![两各本每该此全]|其中)[\u4e00-\u9fffA-Za-z0-9\u2160-\u216b]{1,6}?组")
ZH_EQUAL_ARMS = (rf"(?:分为)?(?P<a>{ZH_NAMED_ARM})(?:和|与|及|、)(?P<b>{ZH_NAMED_ARM})[，,]?\s*"
                 rf"(?:患者)?(?:每组\s*各?|各)\s*(?P<n>{NUM})\s*(?:例|名)")
# Two arms of one size named after it: "随机分为两组，各128例，对照组患者进行…，观察组患者进行…"
ZH_EQUAL_ARMS_AFTER = (rf"分为(?:两|2)组[，,]?\s*(?:每组\s*各?|各)\s*(?P<n>{NUM})\s*(?:例|名)"
                       rf"[，,；;]\s*"
                       rf"(?P<a>{ZH_ARM})(?:患者)?[^。；;]{{0,60}}?[，,；;]\s*(?P<b>{ZH_ARM})")
# Arms named with their size in brackets: "INFIX 内固定 21 例（INFIX 组）", "机器人组（A 组，19 例，
# 使用…）和徒手组（B 组，20 例，…）"
ZH_BRACKETED_ARMS = [
    # "（诱导化疗组242例患者，标准治疗组238例患者）", "标准治疗组包括238例患者"
    rf"(?P<name>{ZH_NAMED_ARM})\s*(?:包括|为|有|共)?\s*(?P<n>{NUM})\s*(?:例|名)",
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名)\s*[（(]\s*(?P<name>[^（）()，,、]{{1,10}}?组)\s*[）)]",
    rf"(?P<name>{ZH_NAMED_ARM})\s*[（(][^（）()]{{0,12}}?(?<![\d.])(?P<n>{NUM})\s*(?:例|名)",
    # "I组(RHR<70次/min, n=372)、Ⅱ组(RHR:70~79次/min, n=533)"
    rf"(?P<name>{ZH_NAMED_ARM})\s*[（(][^（）()]{{0,80}}?\b[nN]\s*=\s*(?P<n>{NUM})\s*[)）]",
    # the size, what the group was given, then its name: "69例患者采用双频双脉冲激光碎石术(激光组)"
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名)[^，,；;。()（）]{{1,40}}?[（(]\s*"
    rf"(?P<name>[^（）()，,、]{{1,10}}?组)\s*[）)]",
    # the size, who they were, then the group they make: "以51例行早期气管切开…患者为观察组"
    # (not "60例…患者随机分为对照组30例": the whole, divided)
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名)[^，,；;。]{{0,40}}?(?:作为|(?<![分划])为|设为|列为)\s*"
    rf"(?P<name>[\u4e00-\u9fffA-Za-z0-9]{{1,6}}?组)(?!\s*\d)",
]
# Two groups named by what each received, of a whole just counted: "其中62例接受替诺福韦抗病毒
# 治疗,58例接受恩替卡韦治疗"
ZH_RECEIVED_PAIR = (rf"其中\s*(?P<na>{NUM})\s*(?:例|名)(?:患者)?(?:接受|采用|给予|使用)"
                    r"(?P<a>[^，,；;。、]{2,14}?)(?:治疗|手术)?[，,；;]\s*"
                    rf"(?P<nb>{NUM})\s*(?:例|名)(?:患者)?(?:接受|采用|给予|使用)"
                    r"(?P<b>[^，,；;。、]{2,14}?)(?:治疗|手术)?(?=[，,；;。]|$)")
# Arms named by what they were given, in a sentence that allocates: "随机分配接受化疗和曲妥珠
# 单抗联合帕妥珠单抗(2,400例患者)或安慰剂(2,405例患者)"
ZH_GIVEN_ARM = (r"(?:(?<=联合)|(?<=接受)|(?<=或)|(?<=与)|(?<=及)|(?<=、))"
                rf"(?P<name>[\u4e00-\u9fff\w-]{{2,10}}?)"
                rf"\s*[(（]\s*(?P<n>{NUM})\s*(?:例|名)(?:患者)?\s*[)）]")
ZH_ALLOCATION = re.compile(r"随机|分配|分为|分组")
NOT_AN_ARM = re.compile(r"^(?:one|this|that|age|same|two|three|all|other|every)$", IGNORE)


def arms(text: str, lang: str) -> list[Hit]:
    """Arms or groups with their sizes: {"name", "n"}: ``the intervention group (n = 60)``,
    ``19 cases in robot group``, ``a control group of 61 cases``, ``观察组40例``,
    ``分为观察组和对照组，各40例``."""
    hits = []
    if lang == "zh":
        for m in re.finditer(ZH_EQUAL_ARMS, text):
            n = group_number(m, "n")
            hits += [Hit("arm", {"name": m.group(k), "n": n}, m.start(k), m.end()) for k in "ab"]
        for m in re.finditer(ZH_EQUAL_ARMS_AFTER, text):  # the size first, then the names
            n = group_number(m, "n")
            hits += [Hit("arm", {"name": m.group(k), "n": n}, m.start(), m.end(k)) for k in "ab"]
        for m in re.finditer(ZH_RECEIVED_PAIR, text):
            hits += [Hit("arm", {"name": m.group(k), "n": group_number(m, f"n{k}")},
                         m.start(f"n{k}"), m.end(k)) for k in "ab"]
        patterns = [ZH_ARMS, *ZH_BRACKETED_ARMS] + (
            [ZH_GIVEN_ARM] if ZH_ALLOCATION.search(text) else [])
    else:
        # all but "the X group (n = 60)" need a sentence that allocates people
        patterns = EN_ARMS if ALLOCATION.search(text) else EN_ARMS[:1]
    for pattern in patterns:
        for m in re.finditer(pattern, text, IGNORE if lang == "en" else 0):
            name = re.sub(r"^(?:the|a|an)\s+", "", m.group("name").strip(), flags=IGNORE)
            if NOT_AN_ARM.match(name) or any(h.start <= m.start("n") < h.end for h in hits):
                continue
            hits.append(Hit("arm", {"name": name, "n": group_number(m, "n")}, m.start(),
                            m.end()))
    return sorted(hits, key=lambda h: h.start)


# Groups the people fall into, listed with their sizes: "there were 7 cases of idiopathic
# cytopenia (ICUS), 8 cases of CCUS and 24 cases of myeloid malignancies which included ...".
GROUP_ITEM = (rf"(?<![\d.])(?P<n>{NUM})\s+(?:cases|patients|participants|subjects|people|"
              r"children|adults|eyes)\s+(?:of|with)\s+(?P<name>(?:(?!\b(?:which|that|who|"
              r"including|included|and)\b)[^,;()])+?)(?:\s*\([^()]{1,20}\))?(?=\s*[,;.)]|\s+and\b"
              r"|\s+(?:which|that|who|including|included)\b|$)")
GROUP_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


# The same in Chinese, the name before its size ("活动期UC患者40例,缓解期UC患者15例，
# 健康对照组15例") or after it ("50例子宫内膜样腺癌、20例子宫内非典型增生…和20例增生期子宫
# 内膜"); a name starts after a separator or "的" and holds none of them.
_ZH_GROUP_NAME = r"(?:(?![的于在中和及与])[\u4e00-\u9fffA-Za-z0-9-]){2,14}?"
GROUP_ITEM_ZH = [
    rf"(?:(?<=[，,、；;：:。的于在和及与])|^)(?P<name>{_ZH_GROUP_NAME})\s*"
    rf"(?P<n>{NUM})\s*(?:例|名|人)(?![\u4e00-\u9fffA-Za-z])",
    rf"(?:(?<=[，,、；;：:。和及与对])|(?<=检测)|^)(?P<n>{NUM})\s*(?:例|名|人)"
    rf"(?P<name>(?:(?![的于在中和及与，,、；;。])[\u4e00-\u9fffA-Za-z0-9-]){{2,14}})",
]
GROUP_GAP_ZH = re.compile(r"\s*(?:[，,、；;]|和|及|与|以及)\s*")


def groups(text: str, lang: str) -> list[Hit]:
    """Groups listed with their sizes, two or more in a row: {"name", "n", "total"} (total:
    the sum of the list, which a study's n must equal for the list to be its groups)."""
    if lang == "zh":  # not the sexes: "男性22例、女性18例"
        return max((_group_runs([m for m in re.finditer(p, text)
                                 if not re.fullmatch(r"(?:其中)?[男女]性?", m.group("name"))],
                                text, GROUP_GAP_ZH) for p in GROUP_ITEM_ZH), key=len)
    return _group_runs(list(re.finditer(GROUP_ITEM, text, IGNORE)), text, GROUP_GAP)


def _group_runs(items: list[re.Match], text: str, gap: re.Pattern) -> list[Hit]:
    """The groups of each run of two or more ``items`` with only ``gap`` between them."""
    runs: list[list[re.Match]] = []
    for m in items:
        if runs and gap.fullmatch(text[runs[-1][-1].end():m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    hits = []
    for run in (r for r in runs if len(r) >= 2):
        total = sum(group_number(m, "n") for m in run)
        hits += [Hit("group", {"name": m.group("name").strip(), "n": group_number(m, "n"),
                               "total": total}, m.start(), m.end()) for m in run]
    return hits


# Healthy people a study compares its patients with: "健康受试者100例作为正常对照组", "另选择健康
# 体检50例", "与30例正常健康成人…比较", "以24例健康志愿者作为对照", "30 healthy controls".
HEALTHY_ZH = r"(?:正常)?健康(?:受试者|志愿者|体检者?|对照者?|成人|成年人|人群?|儿童|孕妇|者)"
# People without the disease as the control group: "39例非肿瘤或肝脏良性肿瘤患者为对照组" (a
# disease named: not "40例非手术治疗患者作为对照组", "以无菌生理盐水作为对照")
WITHOUT_DISEASE_ZH = (r"(?:非|无)(?![创菌痛水])[^，。；]{0,10}?(?:肿瘤|病|癌|感染)"
                      r"[^，。；治干]{0,10}?(?:为|作为)对照组?")
HEALTHY_CONTROLS = [
    rf"{HEALTHY_ZH}(?:组)?\s*(?P<n>{NUM})\s*(?:例|名|人)",
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名|人)\s*(?:同期)?{HEALTHY_ZH}",
    rf"(?<![\d.])(?P<n>{NUM})\s+(?:age-?\s*(?:and|,)\s*sex-?\s*matched\s+|matched\s+)?healthy\s+"
    r"(?:controls|control subjects|volunteers|subjects|individuals|adults|children)\b",
    # ... or people without the disease
    rf"(?<![\d.])(?P<n>{NUM})\s*(?:例|名|人)\s*{WITHOUT_DISEASE_ZH}",
]


def healthy_controls(text: str, lang: str) -> list[Hit]:
    """``n_controls``: how many healthy people (or people without the disease) a study
    compared its patients with."""
    hits: list[Hit] = []
    for pattern in HEALTHY_CONTROLS:
        hits += [h for h in find_hits("n_controls", pattern, text,
                                      lambda m: group_number(m, "n"), group="n")
                 if all(h.start != x.start for x in hits)]
    return hits


# --- condition, intervention, comparator ----------------------------------------------------

DISEASE_WORD = (r"(?:diseases?|disorders?|conditions?|syndromes?|cancers?|malignanc(?:y|ies)|"
                r"infections?|tumou?rs?|neoplasms?|complications?|illness(?:es)?)")
MODIFIERS = re.compile(r"^(?:(?:treatment|therapy)[- ]refractory|active|refractory|severe|"
                       r"moderate(?:-to-severe)?|mild|and|or|newly diagnosed)\s+", IGNORE)
EN_CONDITION = (r"\b(?i:patients|participants|adults|children|women|men|people) with\s+"
                # not a finding or an absence: "women with positive screening cultures",
                # "patients with no prostate-specific antigen …"
                r"((?!(?i:no|positive|negative|any|a|an|the|their)\b)"
                r"(?:[A-Za-z-]+\s){0,6}?[A-Za-z][\w-]*)"
                r"(?=\s*(?:[,.;:(，；：（]|$|\s(?:who|were|was|having|and|according|in|at|received|"
                r"treated|with|combined|complicated|accompanied|undergoing)\b))")
# "patients with large Achilles tendon and skin defects": the condition's head comes after "and"
SHARED_HEAD = re.compile(r"\s+and\s+(?:[A-Za-z-]+\s+){0,3}?(?:defects?|fractures?|injur(?:y|ies)|"
                         rf"lesions?|wounds?|ulcers?|{DISEASE_WORD})\b")
# "Rituximab in refractory lupus: a trial" (a title's subtitle follows; not "in any eye: (i)")
TITLE_CONDITION = (r"\b(?:treatment for|therapy for|in)\s+"
                   r"((?!(?:this|these|that|the|our|a|an)\b)(?:[a-z-]+\s){0,5}[a-z-]+)\s*:"
                   r"(?=\s*(?:[A-Za-z]|$))")


# A case report's disease: "A case of completely isolated advanced enteric duplication cyst
# cancer performed partial pancreatectomy", "an extremely rare case of …", "two cases of …"
# (not a series' subgroup: "9 cases of postoperative infection")
CASE_OF = (r"\b(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree)\s+(?:[a-z]+\s+){0,2}?cases? of\s+"
           r"((?!(?:a|an|the|this|these|patients?|people|them)\b)"
           r"(?:[A-Za-z][\w'-]*\s){0,7}?[A-Za-z][\w'-]*)"
           r"(?=\s+(?:performed|treated|managed|with|in|presenting|mimicking|after|following|"
           r"during|who|that|which|successfully|diagnosed|caused|associated)\b|\s*[,.;:(]|\s*$)")


def condition(text: str, lang: str) -> list[Hit]:
    """The condition studied (``patients with severe SLE`` → ``SLE``; ``治疗重度系统性硬化症的``
    → ``系统性硬化症``), modifiers removed."""
    if lang != "en":
        hits = []
        for pattern in (ZH_TITLE, *ZH_PATIENTS_WITH):
            for m in re.finditer(pattern, text):
                modifier = ZH_MODIFIERS.match(m.group("c"))
                start = m.start("c") + (modifier.end() if modifier else 0)
                hits.append(Hit("condition", text[start:m.end("c")], start, m.end("c")))
        return hits
    hits = []
    for pattern in (EN_CONDITION, TITLE_CONDITION, CASE_OF):
        for m in re.finditer(pattern, text):
            head = SHARED_HEAD.match(text, m.end(1))
            name = _strip_modifiers(m.group(1) + (head.group(0) if head else ""))
            start = m.start(1) + m.group(1).rfind(name)
            hits.append(Hit("condition", name, start, start + len(name)))
    return hits


# A background sentence that says what a disease is: "Canine atopic dermatitis (cAD) is a
# common inflammatory and pruritic skin disease", "慢性阻塞性肺疾病(COPD)是一种常见的…疾病".
# The study's condition when the sentences after it name it again (``summarizer.extract.facts``).
EN_DEFINED = re.compile(
    r"^\s*(?P<c>[A-Z][A-Za-z'-]*(?:\s+[a-z][A-Za-z'-]*){0,5}?)(?:\s*\((?P<abbr>[A-Za-z-]{2,10})\))?"
    r"\s+(?:is|are|can be|remains|represents)\s+(?:a|an|the|one of the(?: most)?)\s+"
    rf"(?:[\w,-]+\s+){{0,7}}?(?:{DISEASE_WORD}|anomal(?:y|ies)|malformations?)\b")
ZH_DEFINED = re.compile(
    rf"^\s*(?P<c>[{HAN_CHARS}]{{2,20}}?)(?:\s*[(（](?P<abbr>[A-Za-z-]{{2,10}})[)）])?\s*"
    r"(?:是|为)[^，。；,;]{0,12}?(?:一种|一类|临床上?|最|常见)[^，。；,;]{0,20}?(?:疾病|病|综合征|肿瘤|癌|感染|并发症)")
NOT_A_DISEASE = re.compile(r"^(?:It|This|That|These|The|There|Each|Such|One|Our|A|An)\b"
                           r"|^(?:这|该|其|它)")


def defined_condition(text: str, lang: str) -> list[Hit]:
    """A disease a sentence defines: {"name", "abbr"} (abbr None when none is given)."""
    m = (EN_DEFINED if lang == "en" else ZH_DEFINED).match(text)
    if not m or NOT_A_DISEASE.match(m.group("c")):
        return []
    return [Hit("condition_defined", {"name": m.group("c"), "abbr": m.group("abbr")},
                m.start("c"), m.end("c"))]


def _strip_modifiers(phrase: str) -> str:
    while (m := MODIFIERS.match(phrase)) and m.end() < len(phrase):
        phrase = phrase[m.end():]
    return phrase


# The two options an aim weighs: "whether unicompartmental knee arthroplasty (UKA) and total
# knee arthroplasty (TKA) or bilateral TKAs should be performed" (WMT doc9): the first is what
# the study tests, the second its comparator.
WHETHER_OR = (r"\bwhether\s+(?P<i>(?:[\w()-]+\s){0,12}?[\w()-]+)\s+or\s+"
              r"(?P<c>(?:[\w()-]+\s){0,6}?[\w()-]+)\s+(?:should|would|could)\s+be\s+"
              r"(?:performed|used|given|preferred|chosen|offered)\b")
# The two treatments an aim compares: "To compare the efficacy of dual-frequency dual-pulse
# laser lithotripsy under ERCP and traditional endoscopic mechanical lithotripsy in the
# treatment of patients with …" (ChinaXiv 202209.00094): the first is tested, the second
# its comparator.
COMPARE_TWO = (r"^To compare (?:the (?!(?:incidence|prevalence|risk|rates?|levels?|frequency|"
               r"sensitivity|specificity|accuracy)\b)(?:[\w-]+\s){0,3}?(?:of|between)\s+)?"
               r"(?P<i>(?!(?:patients|people|children|adults|women|men|the)\b)"
               r"(?:[\w()-]+\s){0,10}?[\w()-]+)\s+(?:and|versus|vs\.?)\s+"
               r"(?P<c>(?:[\w()-]+\s){0,8}?[\w()-]+)\s+(?:in|for|on|among)\s+"
               r"(?:the\s+(?:treatment|management)|patients|adults|children|people|women|men)\b")
ZH_COMPARE_TWO = (r"^(?:目的[：:\s]*)?(?:比较|对比)(?P<i>[^，。；,与和]{2,30}?)(?<!组)(?:与|和)"
                  r"(?P<c>[^，。；,]{2,30}?)(?<!组)(?:治疗|在|对|用于)")
ALLOCATED_AGAINST_CONTROL = (
    r"\b(?:assigned|allocated|randomi[sz]ed)\s+(?:either\s+)?to\s+(?:a|an|the)\s+(?:control|"
    r"usual[- ]care|wait[- ]?list|no[- ]treatment)\s+(?:condition|group|arm)\s+or\s+(?:to\s+)?"
    r"(?:a|an|the)\s+((?:[\w-]+\s){0,5}?(?:program(?:me)?|intervention|therapy|training))\b")
INTERVENTION = [
    r"\b(?:trial|study) of\s+((?:[\w-]+\s){1,8}?[\w-]+)\s+(?:in|for)\s+(?:patients|adults|people)",
    r"^((?:[\w+-]+\s){1,8}?[\w+-]+)\s+(?:as (?:a )?treatment for|for|"
    r"in (?:active|refractory|severe|moderate|patients|adults|children|people|women|men))\b",
    r"\b(?:infusion|injection|transplantation|administration) of\s+(?:[\d.]+\s?[×xX]\s?10\S*\s+)?"
    r"((?:[\w-]+\s){0,7}?[\w-]+?)(?=\s*(?:/kg|per kg|\bin\b|\bto\b|[,.;(])|\s+of\b)",
    # the arm a randomisation sentence sets against a control: "randomly assigned either to a
    # control condition or to a family-based prevention program" (WMT doc34)
    ALLOCATED_AGAINST_CONTROL,
]
# Sentences that set the intervention against its comparator: their names come first.
CONTRASTED = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for p in (
    ALLOCATED_AGAINST_CONTROL, WHETHER_OR, COMPARE_TWO, ZH_COMPARE_TWO)), IGNORE)
NOT_INTERVENTION = re.compile(r"^(?:safety|efficacy|effects?|the|a|an|clinical|outcomes?)\b",
                              IGNORE)
CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|been|be)\b", IGNORE)  # "analyses were adjusted"
# "Psychological outcomes of a cognitive behavioral therapy for ...": what was measured of it
MEASURED_OF = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:outcomes?|effects?|efficacy|effectiveness|"
                         r"safety|impact|results?|benefits?)\s+of\s+(?:(?:a|an|the)\s+)?", IGNORE)


# "X治疗Y的...研究": not "...为治疗期间..." (X ends in a copula; 治疗 followed by a time, a group
# or a dose is "treatment" as a noun, not "X treats Y").
ZH_TITLE = (r"^(?:观察|评价|探讨|研究|分析)?(?P<i>[^,，。:：]{2,30}?)(?<![为是])(?:治疗|干预)"
            r"(?!期间|过程|前|后|中|时|组|方案|剂量|费用|研究|试验|效果|疗效)"
            r"(?P<c>[^,，。]{2,25}?)(?:患者)?的[^,，。]{0,12}?(?:研究|试验|观察|分析|安全性|疗效|效果)")
ZH_MODIFIERS = re.compile(r"^(?:难治性|重度|中重度|活动性|复发性|晚期)")
# Patients counted with their disease: "符合选择标准的双膝退行性骨关节炎患者 24 例", "48例不稳定型
# 骨盆前环骨折患者"; the disease ends in a word of disease
ZH_DISEASE = (r"[^\s，。；、,;:：()（）的\d]{1,14}?(?:症|病|炎|癌|瘤|骨折|损伤|缺损|畸形|梗死|衰竭|"
              r"中毒|感染|综合征|障碍|白血病|结石|出血|狭窄|溃疡)")
ZH_PATIENTS_WITH = (
    rf"(?:^|(?<=[的对于，,。]))(?P<c>{ZH_DISEASE})(?:患者|患儿|病人)\s*(?:共\s*)?{NUM}\s*例",
    rf"{NUM}\s*例(?P<c>{ZH_DISEASE})(?:患者|患儿|病人)",
)


# What a Chinese trial's arms were given: "观察组在此基础上加用丹参注射液", "对照组给予常规治疗";
# the name runs to the clause's end
ZH_GIVEN = r"(?:给予|采用|应用|予以?|加用|接受|使用|实施|联合|辅以|进行|行|以)"
ZH_GIVEN_NAME = r"(?P<i>[^，。；,;（(]{2,25})(?=[，。；,;（(]|$)"
ZH_TREATED_ARM = (rf"(?:观察组|治疗组|实验组|研究组|试验组)(?:患者)?[^，。；,;]{{0,10}}?{ZH_GIVEN}"
                  + ZH_GIVEN_NAME)
# not the treated arm's "在对照组(治疗)的基础上加用…"
ZH_CONTROL_ARM = (rf"(?:对照组|常规组)(?!(?:的|治疗)*基础)(?:患者)?[^，。；,;]{{0,10}}?{ZH_GIVEN}"
                  + ZH_GIVEN_NAME)


def _given_name(m: re.Match) -> str:
    """What an arm was given, without the light verb: ``银杏达莫进行治疗`` → ``银杏达莫治疗``."""
    return re.sub(r"进行(?=(?:治疗|干预)$)", "", m.group("i"))


def intervention(text: str, lang: str) -> list[Hit]:
    """Name of the intervention (``umbilical cord mesenchymal stromal cells``; Chinese from
    ``X治疗Y的...研究`` titles and aims, and what the treated arm was given)."""
    if lang != "en":
        return [h for pattern in (ZH_TITLE, ZH_COMPARE_TWO)
                for h in find_hits("intervention", pattern, text, lambda m: m.group("i"),
                                   group="i")] \
            + find_hits("intervention", ZH_TREATED_ARM, text, _given_name, group="i")
    hits = [h for pattern in (WHETHER_OR, COMPARE_TWO)
            for h in find_hits("intervention", pattern, text, lambda m: m.group("i"), group="i")]
    for pattern in INTERVENTION:
        for m in re.finditer(pattern, text, IGNORE):
            lead = MEASURED_OF.match(m.group(1))
            start = m.start(1) + (lead.end() if lead and lead.end() < len(m.group(1)) else 0)
            name = text[start:m.end(1)]
            if not NOT_INTERVENTION.match(name) and not re.fullmatch(r"[\d\s×xX.]+", name) \
                    and not CLAUSE_VERB.search(name):
                name = name[0].lower() + name[1:] if name[1:2].islower() else name
                hits.append(Hit("intervention", name, start, m.end(1)))
    return hits


ROUTES = [
    ("intravenous", r"\bintravenous(?:ly)?\b|\bi\.v\.|静脉(?=输注|注射|滴注|给药|推注|输入)"
                    r"|经静脉"),
    ("subcutaneous", r"\bsubcutaneous(?:ly)?\b|皮下(?=注射|给药|输注)"),
    ("intramuscular", r"\bintramuscular(?:ly)?\b|肌内注射|肌肉注射"),
    ("oral", r"\borally\b|\boral (?:administration|dose|doses|tablets?)\b|口服"),
    ("intrathecal", r"\bintrathecal(?:ly)?\b|鞘内"),
    ("intra-articular", r"\bintra-?articular(?:ly)?\b|关节腔内"),
    ("intramyocardial", r"\bintramyocardial(?:ly)?\b|心肌内"),
    ("intraperitoneal", r"\bintraperitoneal(?:ly)?\b|腹腔内"),
    ("inhaled", r"\binhaled\b|\binhalation\b|吸入"),
    ("topical", r"\btopical(?:ly)?\b|\b(?:applied|sprayed)\s+(?:on)?to\s+the\s+(?:skin|ventrum|"
                r"lesions?|wounds?|affected (?:area|skin))\b|外用|涂抹于?[^，。；]{0,8}皮肤"),
]


def _one_of(named: list[tuple[str, str]]) -> str:
    """One pattern for several: the name of what matched is ``named[int(m.lastgroup[1:])]``."""
    return "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(named))


ANY_ROUTE = _one_of(ROUTES)


def route(text: str, lang: str) -> list[Hit]:
    """Route of administration: intravenous, subcutaneous, intramuscular, oral, ..."""
    return find_hits("route", ANY_ROUTE, text, lambda m: ROUTES[int(m.lastgroup[1:])][0])


EN_SCHEDULE = [
    (r"\b(?:a\s+single|one)\s+(?:intravenous\s+)?(infusion|injection|dose)\b",
     lambda m: f"single {m.group(1).lower()}"),
    (rf"\bon\s+(days?\s+{NUM}(?:\s*(?:,|and|or)\s*{NUM})*)", lambda m: m.group(1)),
    (r"\b(once|twice|three times)\s+(daily|a day|weekly|a week|monthly|a month)\b",
     lambda m: m.group(0).lower()),
    (rf"(?<!once )(?<!twice )(?<!times )\b(daily|weekly|monthly)\s+for\s+({NUM})\s+"
     r"(days|weeks|months)\b",
     lambda m: f"{m.group(1).lower()} for {parse_number(m.group(2))} {m.group(3).lower()}"),
    (rf"\bevery\s+{NUM}\s*(?:h|hours|days|weeks|months)\b(?:\s+for\s+{NUM}\s+"
     r"(?:days|weeks|months))?", lambda m: m.group(0).lower()),
    (rf"\b({NUM})\s+(?:intravenous\s+)?(infusions|injections|doses)\b",
     lambda m: f"{parse_number(m.group(1))} {m.group(2).lower()}"),
]
ZH_EVERY = {"天": "daily", "日": "daily", "周": "weekly", "月": "monthly"}
ZH_SCHEDULE = [
    (r"(?:单次|一次|1\s*次)\s*(?:静脉)?(输注|注射|给药)",
     lambda m: {"输注": "single infusion", "注射": "single injection"}.get(m.group(1),
                                                                       "single dose")),
    (rf"每(天|日|周|月)\s*({NUM})\s*次(?:\s*[,，]\s*共\s*({NUM})\s*次)?",
     lambda m: f"{_times(parse_number(m.group(2)))} {ZH_EVERY[m.group(1)]}"
               + (f", {parse_number(m.group(3))} doses" if m.group(3) else "")),
    (rf"第\s*({NUM})\s*[天日](?:\s*(?:和|及|、)\s*第\s*{NUM}\s*[天日])*",
     lambda m: "days " + " and ".join(str(parse_number(n)) for n in re.findall(NUM, m.group(0)))),
]


def _times(n: int | float) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


# A sentence of when things were measured, not when the treatment was given: "Clinical scores
# ... were evaluated on day (D)0, D14, D28 and D42", "在第0天(D)、D14、D28和D42进行…评分"
ASSESSED = re.compile(r"\b(?:evaluated|assessed|measured|analy[sz]ed|collected|recorded|"
                      r"examined|tested|scored)\b|评估|评分|检测|测定|测量|采集|随访|复查")
GIVEN = re.compile(r"\b(?:given|administered|received|applied|injected|infused|took|taken|"
                   r"treated)\b|给予|给药|注射|输注|服用|口服|涂抹|治疗")


def schedule(text: str, lang: str) -> list[Hit]:
    """How often and when: ``single infusion``, ``days 0 and 7``, ``twice daily``, ``every
    24 h for 28 days``; none from a sentence of when things were measured."""
    if ASSESSED.search(text) and not GIVEN.search(text):
        return []
    hits = []
    for pattern, value in EN_SCHEDULE if lang == "en" else ZH_SCHEDULE:
        hits += find_hits("schedule", pattern, text, value)
    return hits


def doses(text: str, lang: str) -> list[Hit]:
    """Doses with value and unit (``1×10⁶ MSCs/kg`` → 1000000 cells/kg); value None when the
    exponent is lost (``1×10 MSCs/kg``); ``given``: False for ``no patients received the 1 x
    106 dose``, True in a sentence saying patients received it, None for a planned dose."""
    given = _given(text)
    return [Hit("dose", {"value": d.value, "max": d.high, "unit": d.unit,
                         "mantissa": d.mantissa, "exponent": d.exponent, "lost": d.lost,
                         "given": given},
                d.start, d.end) for d in find_doses(text)]


def _given(text: str) -> bool | None:
    if re.search(r"\bno (?:patients?|participants?|one) (?:received|was given)|未接受|没有患者接受",
                 text, IGNORE):
        return False
    if re.search(r"\b(?:were|was) to receive|\bwill receive|\bplanned\b|拟接受", text, IGNORE):
        return None
    return True if re.search(r"\breceived\b|\bwere given\b|接受", text, IGNORE) else None


COMPARATOR = [
    r"\b(placebo|sham(?: procedure| treatment)?)\b",
    r"\b(?:versus|vs\.?|compared (?:with|to)|or)\s+(usual care|standard (?:of |medical )?care|"
    r"routine care|best supportive care|no treatment)\b",
    r"\b(usual care|standard (?:of )?care|best supportive care)\s+(?:group|arm)\b",
    r"^To compare\b[^.]*?(?<!patients )(?<!people )(?<!children )(?<!adults )(?<!men )"
    r"\bwith\s+([\w-]+(?:\s+[\w-]+){0,3}?)(?=\s+in\b|\s*[,.;]|$)",
    r"\bcontrol (?:group|arm) (?:received|was given|was treated with)\s+((?:[\w-]+\s?){1,5})",
    # a results sentence that names the other arm by its treatment: "Compared with the
    # hirudoid group, patients of the treatment group had …"
    r"^Compared (?:with|to) (?:the )?((?!(?:treatment|intervention|experimental|study|"
    r"observation|test|trial|index|case|patient|other|two|both|same|first|second|the|"
    r"control)\b)"
    r"[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:group|arm)\b",
    r"(安慰剂)",
]


def _without_article(h: Hit, text: str) -> Hit:
    """The comparator ``h`` from its words without a leading article, "placebo" for 安慰剂,
    in lower case unless they hold an acronym: "a printed DASH diet brochure" → "printed DASH
    diet brochure"."""
    article = re.match(r"(?:an?|the)\s+", text[h.start:h.end], IGNORE)
    start = h.start + (article.end() if article else 0)
    name = text[start:h.end].strip()
    value = "placebo" if name == "安慰剂" else name if re.search(r"[A-Z]{2}", name) \
        else name.lower()
    return replace(h, value=value, start=start)


def comparator(text: str, lang: str) -> list[Hit]:
    """The comparator (placebo, sham, usual care, what the control group received)."""
    hits = []
    for pattern in COMPARATOR:
        hits += [_without_article(h, text)
                 for h in find_hits("comparator", pattern, text, lambda m: None, group=1)]
    if lang == "zh":  # what the control arm was given: "对照组给予常规治疗"
        hits += find_hits("comparator", ZH_CONTROL_ARM, text, _given_name, group="i")
        hits += find_hits("comparator", ZH_COMPARE_TWO, text, lambda m: m.group("c"), group="c")
    else:
        hits += [h for pattern in (WHETHER_OR, COMPARE_TWO)
                 for h in find_hits("comparator", pattern, text, lambda m: m.group("c"), group="c")]
    controlled = re.compile(r"placebo[- ]controlled", IGNORE)
    return [h for h in hits if not controlled.search(text, h.start, h.end + 12)]


# --- diagnostic accuracy: the index test and the reference standard --------------------------

_PHRASE_END = (r"(?=\s+(?:for|in|to|was|were|is|are|compared|against|versus|vs|among|with)\b"
               r"|[,;.(]|$)")
EN_INDEX_TEST = (r"\b(?:diagnostic (?:accuracy|performance|value|efficacy|yield) of|sensitivity "
                 r"and specificity of|(?:the )?accuracy of)\s+(?:the\s+)?"
                 rf"(?P<x>[A-Za-z][\w/+-]*(?:\s+[\w/+-]+){{0,6}}?){_PHRASE_END}")
EN_REFERENCE = (r"\b(?:with|against|to|using)\s+(?:the\s+)?(?P<x>[A-Za-z][\w/+-]*(?:\s+[\w/+-]+)"
                r"{0,6}?)\s+as\s+(?:the\s+)?(?:reference|gold)[- ]standard|\b(?:reference|gold)"
                r"[- ]standard(?:\s+(?:was|of))?\s*[:,]?\s+(?:the\s+)?(?P<y>[A-Za-z][\w/+-]*"
                rf"(?:\s+[\w/+-]+){{0,6}}?){_PHRASE_END}")
ZH_INDEX_TEST = (r"(?:探讨|评价|评估|分析|研究|观察|比较)?(?P<x>[\u4e00-\u9fffA-Za-z0-9-]{2,20}?)"
                 r"(?:对|在)[^，。；]{0,20}?的?诊断(?:价值|效能|准确性|准确度)")
ZH_REFERENCE = r"以(?P<x>[^，。；,]{2,20}?)(?:结果)?(?:为|作为)(?:金标准|参考标准)"


def diagnostic(text: str, lang: str) -> list[Hit]:
    """A diagnostic-accuracy study's ``index_test`` (``the diagnostic accuracy of contrast-
    enhanced ultrasound for``, ``超声造影对…的诊断价值``) and ``reference_standard``
    (``with histopathology as the reference standard``, ``以病理结果为金标准``)."""
    hits = []
    for field, pattern in (("index_test", EN_INDEX_TEST if lang == "en" else ZH_INDEX_TEST),
                           ("reference_standard", EN_REFERENCE if lang == "en" else ZH_REFERENCE)):
        for m in re.finditer(pattern, text, IGNORE if lang == "en" else 0):
            group = "x" if m.group("x") else "y"
            hits.append(Hit(field, m.group(group).strip(), m.start(group), m.end(group)))
    return hits


# --- design ---------------------------------------------------------------------------------

ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4",
         "一": "1", "二": "2", "三": "3", "四": "4"}
EN_PHASE = r"\bphase\s*(IV|I{1,3}|[1-4])(?:\s*/\s*(IV|I{1,3}|[1-4]))?(?![\w/])"
ZH_PHASE = (r"(?<![\w.])(IV|I{1,3}|Ⅰ|Ⅱ|Ⅲ|Ⅳ|[1-4一二三四])(?:\s*/\s*(I{1,3}|[1-4]))?\s*期"
            r"(?:临床)?(?:试验|研究)")
TAGS = [
    ("single-arm", r"\bsingle[- ]arm\b|单臂"),
    ("open-label", r"\bopen[- ]label\b|开放标签|开放性"),
    ("non-randomized", r"\bnon-?randomi[sz]ed\b|非随机"),
    # not a survey's "randomized sample" of a population
    ("randomized", r"(?<!non-)(?<!non)\brandomi[sz]ed\b(?! (?:controlled |clinical )?trials\b)"
                   r"(?! (?:sample|subsample|selection|population)\b)"
                   r"|\brandomly (?:assigned|allocated|divided|allotted|distributed|treated|"
                   r"submitted|stratified|receiving|received)\b"
                   r"|\brandomly (?:selected|chosen) to (?:receive|be given|be treated|undergo)\b"
                   r"|\b(?:assigned|allocated|divided|"
                   r"allotted|distributed) (?:\w+ )?randomly\b|\brandom (?:assignment|allocation)\b"
                   # treatments given to each person in turn, in an order set by chance
                   r"|\bin (?:a )?random(?:ized)? (?:order|sequence)\b"
                   # not trials compared with: "不如随机对照试验" (not as good as in RCTs)
                   r"|(?<!非)(?<!不如)(?<!优于)(?<!多项)(?<!其他)(?<!既往)"
                   r"随机(?=对照|分组|分为|分配|化|双盲|数字|试验)"),
    ("placebo-controlled", r"\bplacebo[- ]controlled\b|安慰剂对照"),
    ("double-blind", r"\bdouble[- ]blind(?:ed)?\b|双盲"),
    ("single-blind", r"\bsingle[- ]blind(?:ed)?\b|单盲"),
    ("assessor-blinded", r"\b(?:assessor|observer|evaluator)[- ]blind(?:ed)?\b"),
    ("dose-escalation", r"\bdose[- ]escalation\b|剂量递增|剂量爬坡"),
    ("dose-finding", r"\bdose[- ]finding\b|剂量探索"),
    ("multicentre", r"\bmulti-?cent(?:er|re)\b|多中心"),
    ("single-centre", r"\bsingle-cent(?:er|re)\b|\bsingle cent(?:er|re) (?:study|trial)\b|单中心"),
    ("Bayesian", r"\bBayesian\b|贝叶斯"),
    ("prospective", r"\bprospective\b|前瞻性"),
    ("retrospective", r"\bretrospective(?:ly)?\b|回顾性|回顾分析"),
    ("crossover", r"\bcross-?over\b|交叉设计"),
]


ANY_TAG = _one_of(TAGS)


def design(text: str, lang: str) -> list[Hit]:
    """Phase (``phase I`` → "1", ``phase 1/2`` → "1/2") and design tags."""
    hits = find_hits("phase", EN_PHASE if lang == "en" else ZH_PHASE, text, _phase)
    hits += find_hits("tag", ANY_TAG, text, lambda m: TAGS[int(m.lastgroup[1:])][0])
    return sorted(hits, key=lambda h: h.start)


def _phase(m: re.Match) -> str:
    first = ROMAN.get(m.group(1).upper(), m.group(1))
    return f"{first}/{ROMAN.get(m.group(2).upper(), m.group(2))}" if m.group(2) else first


# --- setting and registration -------------------------------------------------------------

COUNTRIES = ["Argentina", "Australia", "Austria", "Belgium", "Brazil", "Canada", "Chile", "China",
             "Denmark", "Egypt", "Finland", "France", "Germany", "Greece", "Hong Kong", "India",
             "Iran", "Ireland", "Israel", "Italy", "Japan", "Korea", "Malaysia", "Mexico",
             "Netherlands", "New Zealand", "Norway", "Pakistan", "Poland", "Portugal", "Russia",
             "Saudi Arabia", "Singapore", "South Africa", "South Korea", "Spain", "Sweden",
             "Switzerland", "Taiwan", "Thailand", "Turkey", "UK", "United Kingdom",
             "United States", "USA", "Vietnam"]
ZH_COUNTRIES = {"中国": "China", "美国": "United States", "法国": "France",
                "英国": "United Kingdom", "德国": "Germany", "日本": "Japan", "韩国": "South Korea",
                "意大利": "Italy",
                "西班牙": "Spain", "加拿大": "Canada", "澳大利亚": "Australia"}
COUNTRY_NAMES = {"USA": "United States", "UK": "United Kingdom"}
_COUNTRY = "|".join(COUNTRIES)
EN_CENTRES = (rf"\b({NUM})\s+(?:[\w-]+\s)?(?:cent(?:er|re)s|sites|hospitals)\b"
              rf"(?:\s+(?:in|across)\s+({_COUNTRY})\b)?")
EN_CITY_COUNTRY = rf"\(((?:[A-Z][\w-]+\s?){{1,3}}),\s*({_COUNTRY})\)"
ZH_CENTRES = (rf"(?:来自|在)?({'|'.join(ZH_COUNTRIES)})?\s*的?\s*({NUM})\s*(?:家|个)\s*"
              r"(?:临床|医疗|研究)?(?:中心|医院)")


def setting(text: str, lang: str) -> list[Hit]:
    """Centres (``4 clinical centers in China`` → 4, and China; ``single-centre`` → 1),
    countries and cities (``(Paris, France)`` → France, Paris)."""
    hits = find_hits("centres", r"\bsingle-cent(?:er|re)\b|单中心", text, lambda m: 1)
    if lang == "en":
        for m in re.finditer(EN_CENTRES, text, IGNORE):
            hits.append(Hit("centres", group_number(m, 1), m.start(), m.end()))
            if m.group(2):
                hits.append(Hit("country", COUNTRY_NAMES.get(m.group(2), m.group(2)),
                                m.start(2), m.end(2)))
        hits += find_hits("country", EN_CITY_COUNTRY, text,
                          lambda m: COUNTRY_NAMES.get(m.group(2), m.group(2)), flags=0, group=2)
        hits += find_hits("city", EN_CITY_COUNTRY, text, lambda m: m.group(1).strip(), flags=0,
                          group=1)
        return hits
    for m in re.finditer(ZH_CENTRES, text):
        hits.append(Hit("centres", group_number(m, 2), m.start(2), m.end()))
        if m.group(1):
            hits.append(Hit("country", ZH_COUNTRIES[m.group(1)], m.start(1), m.end(1)))
    return hits


REGISTRATIONS = [
    (r"\bNCT\s?(\d{8})\b", lambda m: f"NCT{m.group(1)}"),
    (r"\b(ChiCTR[-A-Z]*\d{6,})\b", lambda m: m.group(1)),
    (r"\bEudraCT\s*(?:number|no\.?)?[:\s]*(\d{4}-\d{6}-\d{2})\b",
     lambda m: f"EudraCT {m.group(1)}"),
    (r"\bISRCTN\s?(\d{8})\b", lambda m: f"ISRCTN{m.group(1)}"),
]


def registrations(text: str, lang: str) -> list[Hit]:
    """Registry ids: ``NCT03171194``, ``ChiCTR2000029990``, ``EudraCT 2017-001400-29``,
    ``ISRCTN12345678``."""
    hits = []
    for pattern, value in REGISTRATIONS:
        hits += find_hits("registration", pattern, text, value, flags=0)
    return hits
