"""The quality gate: a worded fact is kept only if it is a well-formed phrase in its language.

``why_malformed(phrase, lang)`` gives the reason a phrase is not fit to show (None when it
is); ``gate_mentions(mentions)`` drops the malformed mentions of worded fields and reports each
as a ``dropped-fact`` warning, and cleans the wording of the rest for display (a hard-wrapped
export's line breaks and indentation become one space; offsets are unchanged).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from summarizer.extract.mentions import Mention
from summarizer.ingest.normalize import MARKUP_CHARS
from summarizer.text.formulas import plain_math
from summarizer.text.lexicon import glued_words, whole_words
from summarizer.text.script import HAN, HAN_CHARS

WORDED = ("condition", "intervention", "comparator", "population", "arm", "outcome",
          "index_test", "reference_standard")
NAMED = ("arm", "outcome")  # fields whose value is a dict with the wording in "name"
MAX_WORDS = {"condition": 10, "intervention": 12, "comparator": 10, "population": 40,
             "arm": 6, "outcome": 30, "index_test": 8, "reference_standard": 8}
MAX_HAN = {"condition": 20, "intervention": 30, "comparator": 20, "population": 80, "arm": 10,
           "outcome": 60, "index_test": 20, "reference_standard": 20}
PAIRS = ("()", "（）", "[]", "【】", "{}")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
DANGLING_EN = re.compile(
    r"(?:^[-–/]|[-–/]$|^(?:and|or|of|with|to|the|a|an|in|for|by|than|"
    r"versus|vs|we|our|they|their|it|its|including|such as|which|that)\b|^group\b|"
    # (not a name's own last part: "DASH-Plus")
    r"(?<![-–])\b(?:and|or|of|with|to|the|a|an|in|for|by|than|versus|"
    r"vs|plus|on|at|from|as|into|after|were|was|is|are|who|which|that|had|have|including)$)",
    re.IGNORECASE,
)
# "a SLEDAI >6, having failed standard of care therapy" names who was eligible, not the disease
CRITERION = re.compile(r"[<>≤≥]|\b(?:having|who|failed|score[sd]?|despite|eligible)\b|"
                       r"\b(?:grade|stage|class|type)$"
                       r"|评分|大于|小于", re.IGNORECASE)
# A treatment's name is not a clause (分为…组与对照组) nor a word that names nothing alone.
CLAUSE_ZH = re.compile(r"分为|随机|纳入|选取|患者|入组|均|差异|比较|愈合|统计学")
GENERIC = re.compile(r"cells?|patients?|groups?|arms?|treatments?|therap(?:y|ies)|drugs?|"
                     r"interventions?|controls?|participants?|subjects?|"
                     # words that name nothing: "who only received" → "only"
                     r"only|also|alone|both|either|all|other|same", re.IGNORECASE)
DANGLING_ZH = re.compile(
    # the end of another word or a preposition first: "组于放疗前后予喜疗" of "喜疗妥组于…"
    r"^[的和与及或、，,于予]|^组(?!织|合|成|分)|"
    r"(?:的|和|与|及|或|、|给予|采用|应用|予以|联合|在|对)$"
    # the tail of a time phrase: "期间阳性放射性皮炎发生率" of "化疗期间阳性…"
    r"|^(?:期间|之后|以后|以来|包括|其余|其他|其它)|^\d+的"
    # a clause's joining word first: "还是均行 TKA" of "…及全膝关节置换术，还是均行 TKA"
    r"|^(?:还是|或者|以及|并且|而且|但是?|然而|从而|因此|其中)"
)


# A sentence's end inside a phrase: "93 different simulators described. Fifty-three studies
# were based" (a tagger span over two sentences), "…评分。结果…"; not "St. John" or "vs. placebo".
# A comma inside a Chinese name joins clauses (a list of names takes 、)
CLAUSE_BREAK = re.compile(r"[，；,;]")
SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bvs)(?<!\bSt)(?<!\bDr)(?<!\bno)(?<!\bet al)"
                            r"[.!?]\s+[A-Z][a-z]|[。！？]")


# One word that only describes (a tagger span cut before its noun): "cutaneous", "systemic"
ADJECTIVE = re.compile(r"[a-z]+(?:ous|ive|ic|ian)")


# A Chinese outcome names a measure, an effect or an event ("肺部感染", "格拉斯哥评分", "头痛"),
# not a place, a tissue, data, a design or a value said ("宫内", "血浆", "统计数据", "回顾性",
# "SRI 为 4")
NOT_MEASURED_ZH = re.compile(r"(?:数据|资料|分析|实验室|健康|血浆|血清|组织|细胞|标本|样本|皮质|"
                             r"回顾性|前瞻性|[内外样]|[A-Za-z]|为\s*[\d.]*)$")
BARE_MEASURE_ZH = re.compile(r"评分|指标|情况|变化|水平|程度|值|评价|评估|分级|分期|事件|表达")
# A one-word English outcome names what was measured or befell people ("survival", "shame",
# "pain"), not a tissue, a place or a quality ("plasma", "lesion", "psychosocial", "easier",
# "safe", "tolerated") or a bare statistic ("mean", "score")
NOT_MEASURED_EN = re.compile(
    r"plasma|serum|blood|urine|tissues?|lesions?|anatomy|cells?|specimens?|samples?|patients?|"
    r"(?!(?:survival|arrival|removal|withdrawal|approval|recall|fall)$)[a-z]+al|"
    r"[a-z]+(?:ier|ble|ple)|[a-z]{3,}[^e]ed|safe|"
    r"mean|median|average|means|ratio|rate|score|level|value|change")
# Where people came from, not what they got: a place after "from", "at", "in" ("from an
# urban primary care clinic"); a care model named alone ("stroke unit", "day hospital") stays
PLACE_EN = re.compile(r"\b(?:clinics?|hospitals?|cent(?:er|re)s?|departments?|wards?|schools?|"
                      r"supermarkets?|pharmac(?:y|ies)|practices?|settings?)$", re.IGNORECASE)
PLACE_BEFORE = re.compile(r"\b(?:from|at|in|across)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
# One word a tagger took for a treatment: a verb, a month, a "-based" adjective
NOT_A_NAME_EN = re.compile(r"[a-z]{3,}ed|[\w-]+-based|(?:January|February|March|April|May|June|"
                           r"July|August|September|October|November|December)", re.IGNORECASE)


def names_a_place(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is where people came from or were seen: a place after
    "from", "at", "in" ("We randomized … from an urban primary care clinic")."""
    return bool(PLACE_EN.search(text[start:end].strip(" .,;:"))
                and PLACE_BEFORE.search(text[max(0, start - 12):start]))
# A group named by a letter or numeral: "A组", "Ⅱ组", "3组"
LETTERED_GROUP = re.compile(r"[A-Za-z0-9\u2160-\u216b]{1,3}组")


def why_malformed(phrase: str, lang: str, field: str = "condition") -> str | None:
    """Why ``phrase`` is not a well-formed ``field`` phrase in ``lang`` (``en``, ``zh``): an
    unbalanced bracket, a dangling hyphen or joining word, no word at all, two sentences or
    clauses, the other script's fragment, words run together, an inclusion criterion or data
    for a condition, an adjective alone, an outcome that names no measure, a conversion's
    remnant, a clause, an aim's verb or a generic word for a name, a verb, month or adjective
    alone for a treatment, too long, or opening with punctuation. None when it is well formed."""
    text = clean_wording(phrase)
    if not re.search(rf"[A-Za-z{HAN_CHARS}]", text):
        return "no word"
    for opening, closing in PAIRS:
        if text.count(opening) != text.count(closing):
            return "unbalanced bracket"
    stripped = text.strip(" .,;:，。；：")
    if (DANGLING_EN if lang == "en" else DANGLING_ZH).search(stripped):
        return "dangling word or hyphen"
    if SENTENCE_BREAK.search(stripped):  # a tagger span that runs over a sentence's end
        return "two sentences, not a phrase"
    if lang == "zh" and field != "population" and CLAUSE_BREAK.search(stripped):
        return "two clauses, not a phrase"  # "血糖控制不佳切口愈合不良，经换药后愈合"
    if lang == "en" and HAN.search(text):
        return "Chinese in an English phrase"
    if lang == "en" and glued_words(text):
        return "words run together (spaces lost in a conversion)"
    if lang == "zh" and not HAN.search(text):
        return "no Chinese in a Chinese phrase"
    if lang == "zh" and len(HAN.findall(text)) < 2 and not LATIN_WORD.search(text) and not (
            field == "arm" and LETTERED_GROUP.fullmatch(stripped)):
        return "fragment"
    if field == "condition" and CRITERION.search(text):
        return "an inclusion criterion, not a condition"
    if field == "outcome" and lang == "zh" and (
            NOT_MEASURED_ZH.search(stripped) or BARE_MEASURE_ZH.fullmatch(stripped)):
        return "names no measure"  # "统计数据", "宫内", "健康", "评分": no rate, score or time
    if lang == "en" and re.search(r"[$\\，。；：（）]", text):
        return "a conversion's remnant (a formula or Chinese punctuation)"  # "， TGF- $"
    if field == "outcome" and lang == "en" and ADJECTIVE.fullmatch(stripped):
        return "an adjective alone, no measure"  # "cutaneous" of "cutaneous microbiota"
    if field == "outcome" and lang == "en" and NOT_MEASURED_EN.fullmatch(stripped):
        return "names no measure"  # "plasma", "lesion", "psychosocial", "easier"
    if field == "condition" and lang == "en" and NOT_A_CONDITION.search(text):
        return "data or an act, not a condition"  # "patients with immunohistochemical data"
    if field in ("intervention", "comparator") and (
            CLAUSE_ZH.search(text) or GENERIC.fullmatch(text.strip(" .,;:"))):
        return "a clause or a generic word, not a name"
    if field in ("intervention", "comparator") and lang == "en" and NOT_A_NAME_EN.fullmatch(
            stripped):
        return "a verb, a month or an adjective alone, not a treatment"  # "conducted"
    # "into two groups", "varicose veins were randomly divided", "measure plasma level of …"
    if lang == "en" and field in ("intervention", "comparator", "condition") and (
            CLAUSE_EN.search(stripped) or AIM_VERB.match(stripped)):
        return "a clause or a preposition's phrase, not a name"
    if len(text.split()) > MAX_WORDS.get(field, 12) or len(HAN.findall(text)) > MAX_HAN.get(
        field, 30
    ):
        return "too long"
    if re.match(r"\s*[.,;:，。；：]", text):
        return "opens with punctuation"  # a span run over a sentence's start: ". Eligible …"
    return None


# A tagger span that is no name: a preposition's phrase or a clause with its verb
CLAUSE_EN = re.compile(r"^(?:into|to|from|by|with|for)\s|\b(?:were|was)\s+(?:\w+ly\s+)?"
                       r"(?:divided|assigned|allocated|randomi[sz]ed|enrolled|included)\b",
                       re.IGNORECASE)
# an aim's verb first: "quantitatively measure plasma level of hTERT mRNA" is what was done
AIM_VERB = re.compile(r"(?:\w+ly\s+)?(?:measure|determine|assess|evaluate|analy[sz]e|detect|"
                      r"investigate|explore|examine|observe|compare)\b", re.IGNORECASE)
NOT_A_CONDITION = re.compile(r"\b(?:data|records|information)\b", re.IGNORECASE)
MARKUP = re.compile("<(" + "|".join(MARKUP_CHARS) + ")>")


def clean_wording(text: str) -> str:
    """Line breaks and runs of spaces as one space; none between Chinese characters; an
    export's entity names as their characters (``12<middle dot>4`` → ``12·4``), a PDF
    conversion's inline formulas as plain text (``$( P { < } 0 . 0 5 )$`` → ``(P<0.05)``)."""
    text = plain_math(MARKUP.sub(lambda m: MARKUP_CHARS[m.group(1)], text))
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(rf"(?<=[{HAN_CHARS}，。；：、]) (?=[{HAN_CHARS}，。；：、])", "", text)


# the measure word after a count's digits: "51例", "20名", "10只"
COUNT_WORD = re.compile(r"[例名位只人次]")


# a time after a stay or a treatment makes it a point in time: "住院2周后", "治疗3个月时"
# (not a drug's: "口服二甲双胍3个月后")
TIME_WORD = re.compile(r"住院|入院|出院|术后|治疗|干预|随访")
TIME_AFTER = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:个)?(?:周|天|日|月|年|小时|h|d)\s*(?:后|前|内|时)")
# an English word after the phrase: the tagger cut it before its noun ("ovarian| response")
CUT_BEFORE_NOUN = re.compile(r" [a-z]{3,}")


def gate_mentions(mentions: list[Mention]) -> tuple[list[Mention], list[dict[str, Any]]]:
    """The mentions to use, their worded values cleaned, and a warning for each dropped one:
    malformed (``why_malformed``), or naming nothing in its place: a Chinese span opening with
    a count's measure word, a stay or treatment that is a point in time, an English adjective
    cut before its noun."""
    kept, warnings = [], []
    for m in mentions:
        if m.field not in WORDED:
            kept.append(m)
            continue
        if m.lang == "zh" and m.origin == "tagger":
            m = whole_word_span(m)
        wording = m.value["name"] if m.field in NAMED else m.value
        evidence = m.record.text[m.start:m.end]
        reason = why_malformed(evidence if m.field not in NAMED else wording, m.lang, m.field)
        if reason is None and m.lang == "zh" and COUNT_WORD.match(
                m.record.text, m.start) and m.record.text[max(0, m.start - 1):m.start].isdigit():
            reason = "a count's measure word, not a name"  # "51例行早期气管切开" → 例行
        if reason is None and m.lang == "zh" and m.field in ("intervention", "comparator") and \
                TIME_WORD.fullmatch(evidence) and TIME_AFTER.match(m.record.text, m.end):
            reason = "a time phrase, not a name"  # "比较两组住院2周后的…" → 住院
        if reason is None and m.lang == "en" and m.field in ("intervention", "comparator") and \
                names_a_place(m.record.text, m.start, m.end):
            reason = "a place, not a treatment"
        if reason is None and m.lang == "en" and m.field in ("intervention", "comparator",
                                                             "condition") and (
                ADJECTIVE.fullmatch(evidence) and CUT_BEFORE_NOUN.match(m.record.text, m.end)):
            reason = "an adjective alone, no name"  # "ovarian" of "ovarian response"
        if reason is None:
            cleaned = clean_wording(wording)
            if m.field == "outcome":
                cleaned = cleaned.rstrip(".。 ")
            elif m.field in ("condition", "intervention", "comparator"):
                cleaned = re.sub(r"(?<=[a-z]{3})\.$", "", cleaned)  # a sentence's full stop
            value = {**m.value, "name": cleaned} if m.field in NAMED else cleaned
            kept.append(replace(m, value=value))
            continue
        warnings.append({"source": m.record.source, "record": m.record.id,
                         "kind": "dropped-fact", "start": m.record.offset + m.start,
                         "end": m.record.offset + m.end, "text": evidence,
                         "message": f"{m.field} {clean_wording(wording)!r} not used: {reason}"})
    return kept, warnings


def whole_word_span(m: Mention) -> Mention:
    """A Chinese tagger span widened to whole words of its section: the tagger labels word
    pieces, and ``始症状的评`` of ``开始症状的评分`` names nothing."""
    start, end = m.start - m.sentence_start, m.end - m.sentence_start
    wide_start, wide_end = whole_words(m.sentence, start, end)
    if (wide_start, wide_end) == (start, end):
        return m
    text = m.sentence[wide_start:wide_end]
    value = {**m.value, "name": text} if m.field in NAMED else text
    return replace(m, value=value, start=m.sentence_start + wide_start,
                   end=m.sentence_start + wide_end)
