"""What each sentence of an abstract does: the study's own aim, methods, results or conclusion,
or background, a cited study, or future work. Facts are read only from the study's own sentences.

``sentence_roles(sentences) -> list[str]`` takes one record's sentences in reading order (any
mix of languages; each language is read on its own) and gives each a role of ``ROLES``.
A section heading decides where there is one; cue words decide inside unlabelled abstracts
and override a heading for cited and future work (``Previous studies showed ...`` in Results).
"""

from __future__ import annotations

import re

from summarizer.extract import study_type
from summarizer.extract.numbers import NUM
from summarizer.extract.patterns import POP
from summarizer.schema import Sentence

ROLES = ("title", "background", "aim", "methods", "results", "conclusion", "cited", "future")
OWN_ROLES = frozenset({"title", "aim", "methods", "results", "conclusion"})
SECTION_ROLES = {"title": "title", "background": "background", "objective": "aim",
                 "methods": "methods", "results": "results", "conclusions": "conclusion",
                 "registration": "methods"}

_I = re.IGNORECASE
CITED = re.compile(
    r"\b(?:previous(?:ly)? (?:reported|published|shown|described|studies|trials|reports|work)|"
    r"prior (?:studies|reports|trials|work)|earlier (?:studies|trials|reports)|"
    r"(?:studies|trials|reports) (?:have|has) (?:shown|reported|suggested|demonstrated|found)|"
    r"ha(?:ve|s) been (?:shown|reported|demonstrated|suggested)|reports? of|et al\.?|"
    r"(?:was|were) published\b|"
    r"according to (?:a |the )?(?:recent |previous )?(?:\w+ )?(?:studies|study|trials?|"
    r"meta-analys[ie]s|reviews?|reports?)|(?:recent|previous|growing|emerging|accumulating) "
    r"(?:research|studies|evidence|data) (?:indicates?|suggests?|shows?|has shown)|"
    r"(?:a|an|one|the|two) (?:previous|prior|earlier|recent|large) (?:\w+ )?(?:trials?|studies|"
    r"study|reports?|analys[ie]s))"
    r"|既往(?:研究|报道|文献)|以往(?:研究|报道)|此前(?:研究|报道)|文献报道|研究(?:显示|表明|发现)(?![,，]?本)"
    r"|报告显示|(?:已|已经)被?(?:证实|证明)|已被报道", _I)  # "疗效已被证实": shown before
FUTURE = re.compile(
    # (not studies counted: "an additional 24 studies reported on …")
    r"\b(?:(?:further|future|larger|additional|more) (?:(?!\d)\w+ ){0,2}(?:studies|trials|research|"
    r"investigations?|work|evaluation)|(?:is|are|remains?) (?:still )?(?:needed|required|"
    r"warranted)|warrants? further|needs? (?:to be )?further (?:studied|investigated|explored))\b"
    r"|有待|需要进一步|需进一步|仍需|尚需|今后(?:需|应)|未来(?:需|应|的研究)", _I)
# Words by which authors speak of their own study.
OWN = re.compile(
    r"\b(?:we|our|us|the authors|this (?:(?!previous|prior|earlier|other)[\w-]+ ){0,3}?"
    r"(?:study|trial|paper|article|review|report|analysis|work|survey|"
    r"investigation|research|meta-analysis|cohort|consensus|guidelines?|statement)|"
    r"the (?:present|current) (?:study|work|trial|"
    r"analysis|paper)|"
    r"the (?:study|trial) (?:was|is|included|enrolled|compared|examined)|"
    r"here(?:in)?|in this|the aims?|the objectives?|the purpose|"
    # the paper's own passive present: "studies of X are reported", "The results show"
    r"(?:is|are) (?:here )?(?:reported|presented|described|proposed)|"
    r"the results (?:show|indicate|suggest|demonstrate|reveal))\b"
    r"|本研究|本文|我们|本组|本试验|本次|我院|本院|本调查|本报告|本篇|此文|本综述|本指南|本共识"
    r"|^现(?:就|简要|将|对)", _I)
AIM = re.compile(
    r"^(?:to (?:\w+ )?(?:investigate|evaluate|assess|determine|examine|compare|explore|describe|"
    r"identify|analy[sz]e|study|estimate|test|report|characteri[sz]e|summari[sz]e|review|"
    r"discuss|introduce|outline|clarify|elucidate|understand|develop|establish|validate|"
    r"measure|quantify)\b|(?:review|summari[sz]e|evaluate|assess|determine|investigate|"
    r"examine|explore|compare|identify) (?:the |available |current |recent )?(?:literature|"
    r"evidence|whether|how|if)\b|(?:the )?(?:aims?|"
    r"objectives?|purposes?|goals?) (?:of|was|were|is)\b|objective\b)"
    r"|\b(?:we|this study) (?:aimed|sought|set out|hypothesi[sz]ed)\b|\baims? to\b"
    r"|^(?:目的|探讨|观察|评价|研究|分析|总结|综述|概述|阐述|回顾|评估|了解|探究)|旨在"
    # a comparison to be made, not one made: "比较两组患者的住院时间，差异无统计学意义"
    r"|^(?:比较|对比)(?![^。]*(?:差异(?:均|都|也)?(?:有|无|具有|没有)|[Pp]\s*[<>=＜＞]))"
    r"|(?<!最终)(?<!终极)目的(?:是|在于|为)"
    # what the authors built or proposed: "针对…问题，提出了一种…方法"
    r"|(?:^|本文|本研究|[，,])\s*(?:提出|构建|开发|设计|建立)了一[种个套]", _I)
# What a review or a report covers, said by its authors: its aim when it has no other ("This
# paper analyzes the main types of complex kinships", "In this review, the expression of EZH2
# ... were summarized", "本文综述了")
SCOPE = re.compile(
    r"\b(?:this|the present|our) (?:article|paper|review|report|chapter|consensus|guideline) "
    r"(?:\w+ )?(?:reviews|summari[sz]es|discusses|describes|outlines|highlights|analy[sz]es|"
    r"introduces|presents|provides an overview|focuses|attempts|aims)\b|\bin this (?:review|"
    r"article|paper)\b|\bwe (?:review|discuss|summari[sz]e)\b"
    r"|(?:本文|本综述|本共识|本指南)[^。；]{0,6}(?:综述|概述|阐述|介绍|总结|分析|讨论|回顾)", _I)
# A review's method: the literature read (a narrative review's cue), the studies identified
# or the search made. What follows it, unheaded, is what the literature shows ("To summarize
# ... The literature ... was reviewed ... AGEs led to ...").
LITERATURE_READ = re.compile(
    rf"{study_type.LITERATURE_READ}|\b(?:literature|studies|articles|publications|papers) "
    r"(?:[\w-]+ ){0,14}(?:was|were) (?:\w+ )?identified\b"
    r"|\b(?:Medline|PubMed|literature|database) search(?:es)? (?:was|were) (?:used|conducted|"
    r"performed|made)\b"
    # the studies a review took in, counted: "One hundred and thirty-one studies were included"
    rf"|(?:^|\b){NUM}\s+(?:[\w-]+\s+){{0,3}}?(?:studies|articles|trials|publications|papers|"
    r"RCTs)\s+(?:\w+\s+)?(?:were|was)\s+(?:\w+\s+)?(?:included|identified|eligible|selected)\b"
    r"|(?:共|最终)?(?:纳入|入选|筛选出|检索到)[^。；]{0,10}?\d+\s*(?:项|篇)", _I)
CONCLUSION = re.compile(
    r"^(?:in conclusion|in summary|to conclude|overall|taken together|collectively)\b"
    r"|\bwe conclude\b|\b(?:these|our|the) (?:\w+ )?(?:findings|results|data|observations) "
    r"(?:\w+ )?(?:suggest|indicate|show|demonstrate|support|highlight|provide|illustrate|"
    r"stress|emphasi[sz]e|underline|confirm|add to|have (?:relevance|implications))"
    r"|\blends? (?:further |some )?support\b"
    r"|\b(?:suggest|indicate)s? that\b|\b(?:may|can) (?:be|serve|provide|help|represent|"
    r"effectively|achieve|allow|improve|guide|inform|support|contribute)\b"
    r"|\b(?:underscores?|highlights?) (?:the|that|a|an)\b|\bimplications (?:for|of)\b"
    r"|^(?:结论|总之|综上)|提示|表明|可见|值得(?:推广|临床)", _I)
# "Our results showed 1124 Whooper Swans ...": results told in the past, with their numbers
REPORTED = re.compile(r"\b(?:our|the|these) (?:results|findings|data) (?:showed|revealed|"
                      r"demonstrated)\b|结果(?:显示|表明|发现)", _I)
CONCLUDING = re.compile(r"(?:in conclusion|in summary|to conclude|we conclude)\b", _I)
COPYRIGHT = re.compile(r"\(c\)\s*(?:19|20)\d\d|©|\ball rights reserved\b|\bcopyright\b|"
                       r"版权所有", _I)
SAMPLE = re.compile(r"\b(?:the (?:study )?(?:sample|cohort|participants) (?:included|comprised|"
                    r"consisted of|was)|(?:were|was) (?:enrolled|recruited|included|interviewed)"
                    r")\b|纳入|入选|选取", _I)
TESTED = re.compile(r"\b[Pp]\s*[<=>≤≥]|\b95\s*%|\bsignificant", _I)
# Run-in headings of a software paper's or journal's notices: "SUPPLEMENTARY INFORMATION:"
NOTICE = re.compile(r"(?:supplementary (?:information|data|material)|availability(?: and "
                    r"implementation)?|contact|funding|conflicts? of interest)\s*:", _I)
CASE_HEADING = re.compile(r"(?:case (?:presentation|report|description|summary)|"
                          r"病例(?:介绍|资料|报告)|临床资料)\s*[:：]", _I)
# A finding's numbers, or people counted and treated: an unheaded sentence with one is no
# longer background. A share alone is not one: background states how common a disease is
# ("Up to 80% of breast cancer patients suffer from ...").
STUDIED = re.compile(
    rf"\b[Pp]\s*[<=>≤≥]\s*0?\.\d|\b95\s*%\s*(?:CI|confidence)|[（(]\s*[nN]\s*=|\b{NUM}\s+(?:[\w-]+\s+){{0,4}}?"
    rf"{POP}\b|\b(?:were|was) (?:\w+ly )?(?:\w+ed|held|done|given|made|taken|undertaken|sent|"
    r"run|drawn|seen|randomly)\b|\b(?:received|underwent)\b"
    # the person a case report tells of: "The patient was a 62-year-old man"
    r"|\b(?:was|is) an? \d{1,3}[- ](?:year|month|week|day)s?[- ]old\b"
    # ... or opens with: "A 58-year-old male presented with empyema"
    r"|^an? \d{1,3}[- ](?:year|month|week|day)s?[- ]old\b"
    r"|\d+\s*(?:例|名)|纳入|选取|收集|随机|接受|给予|输注|入组|分为"
    # Chinese leaves out "we": "通过…分析了…", "对…进行了…" are the authors' own acts
    r"|^(?:通过|采用|使用|利用|应用|运用|用(?!于)|以(?!往|及|来|下|上|前|后))[^。；]{0,60}?"
    r"(?:了|进行|估算|评估|分析|探讨|调查|比较|检测)"
    r"|^对[^。；]{1,40}进行了?"
    # a sentence naming this study's design: "A prospective, randomized, double-blind study."
    r"|^(?:(?:in )?(?:a|an|this)\s+)?(?:[\w-]+,?\s+){0,4}?(?:randomi[sz]ed|(?:double|single)-?"
    r"blind(?:ed)?|placebo-controlled|cross-?over|controlled)\b[^.;]{0,60}?\b(?:study|trial|"
    r"design|comparison)\b", _I)
RESULT = re.compile(
    r"\b[Pp]\s*[<=>≤≥]\s*0?\.\d|\b95\s*%|\d\s*%|\d\s*±|\b(?:significant(?:ly)?|was associated|were "
    r"associated|did not differ|odds ratio|hazard ratio|relative risk|increased|decreased|"
    r"reduced|improved|higher|lower|occurred|healed|died|survived|recovered|relapsed|"
    r"resolved|were cured|we found|revealed|emerged|were identified)\b"
    r"|\b(?:findings|results|analys[ie]s) (?:[\w-]+ ){0,4}(?:show|showed|indicated?|"
    r"demonstrated?)\b"
    r"|\bno (?:[\w-]+ ){0,3}complications\b"
    r"|差异(?:有|无)?统计学意义|显著|明显(?:高|低|优|改善|降低|升高)|高于|低于|优于"
    r"|(?:我们|本研究)(?:发现|观察到)"
    r"|治愈|痊愈|愈合|无[^，。；]{0,8}并发症", _I)


def sentence_roles(sentences: list[Sentence]) -> list[str]:
    """A role of ``ROLES`` for each sentence (same order)."""
    roles = [""] * len(sentences)
    for lang in {s.lang for s in sentences}:
        own_seen, results_seen = False, False
        for i, s in enumerate(sentences):
            if s.lang != lang:
                continue
            roles[i] = _role(s, own_seen, results_seen)
            own_seen = own_seen or roles[i] in OWN_ROLES - {"title"}
            results_seen = results_seen or roles[i] == "results" or (
                roles[i] == "methods" and (s.section or "other") == "other"
                and LITERATURE_READ.search(s.text))
        _last_is_conclusion(sentences, roles, lang)
    return roles


def _last_is_conclusion(sentences: list[Sentence], roles: list[str], lang: str) -> None:
    """An unheaded abstract with no conclusion cue most often ends with its conclusion: its
    last sentence, when it follows the results and reports no number, is the conclusion."""
    mine = [i for i, s in enumerate(sentences) if s.lang == lang and roles[i] != "title"]
    if not mine or any(roles[i] == "conclusion" for i in mine):
        return
    # the last before the future work and notices that often close an abstract; a claim
    # followed by the work it calls for is a conclusion ("X affects Y, and its mechanism
    # needs further study")
    while len(mine) > 1 and roles[mine[-1]] in ("future", "background") \
            and not _claim_before_future(sentences[mine[-1]], roles[mine[-1]]):
        mine.pop()
    last = mine[-1]
    text = sentences[last].text
    if (sentences[last].section or "other") == "other" and not re.search(r"\d", text) \
            and (roles[last] == "results" or _claim_before_future(sentences[last], roles[last])):
        roles[last] = "conclusion"


def _claim_before_future(sentence: Sentence, role: str) -> bool:
    """Whether a sentence about work to come opens with a claim of its own: a clause of ten
    or more characters before the work to come (in English, one joined by ``; `` or ``, and``
    / ``, but``: a comma alone may only list words)."""
    m = FUTURE.search(sentence.text) if role == "future" else None
    if not m:
        return False
    joint = r"[,，;；]" if sentence.lang == "zh" else r";|,\s+(?:and|but|while|whereas)\s"
    before = re.split(rf"(?:{joint})(?!.*(?:{joint}))", sentence.text[:m.start()])
    return len(before) == 2 and len(before[0].strip()) >= 10


def other_work(text: str) -> str | None:
    """``cited`` or ``future`` for a sentence about another study or about work to come."""
    if CITED.search(text) and not OWN.search(text):
        return "cited"
    return "future" if FUTURE.search(text) else None


def _role(sentence: Sentence, own_seen: bool, results_seen: bool = False) -> str:
    text = sentence.text.strip()
    if sentence.section == "title":
        return "title"
    if COPYRIGHT.search(text) or NOTICE.match(text):  # notices, not sentences of the study
        return "background"
    if other := other_work(text):
        return other
    by_heading = SECTION_ROLES.get(sentence.section or "")
    # Case reports run their case on under a Background heading ("We present the first case
    # ... Case presentation: A 64-year-old ..."): the heading holds until the authors speak
    # of their own study.
    if by_heading == "background" and (own_seen or OWN.search(text) or CASE_HEADING.match(text)):
        return _unlabelled_role(text, True, results_seen)
    if by_heading == "results" and CONCLUDING.match(text):
        return "conclusion"  # "In conclusion, we found ..." run on in a Results section
    if by_heading:
        return by_heading
    return _unlabelled_role(text, own_seen, results_seen)


def _unlabelled_role(text: str, own_seen: bool, results_seen: bool) -> str:
    """An unheaded sentence: background until the authors first speak of their study, then
    aim, conclusion, results (numbers, comparisons) or methods by cue words; after the first
    results sentence an unmarked sentence is more results, not methods."""
    if AIM.search(text):
        return "aim"
    if not own_seen and not OWN.search(text) and not STUDIED.search(text) \
            and not CASE_HEADING.match(text):
        return "background"
    if CONCLUSION.search(text) and not (REPORTED.search(text) and re.search(r"\d", text)):
        return "conclusion"
    if SAMPLE.search(text) and not TESTED.search(text):
        return "methods"  # who took part, with their share of women: not a finding
    if RESULT.search(text) or results_seen:
        return "results"
    return "methods"
