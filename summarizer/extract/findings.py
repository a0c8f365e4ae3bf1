"""What a trial found, read from one sentence by patterns, in English and Chinese: endpoints,
results as numbers, effect sizes, adverse events and follow-up.

Fields: ``outcome`` ({"name", "primary"}), ``result`` ({"numerator", "denominator", "percent",
"ci", "p"}), ``effect`` ({"measure", "value", "unit", "ci", "p"}), ``ae_text``, ``ae_count``,
``ae_grade``, ``follow_up`` and ``endpoint_time`` ({"value", "unit", "min", "max"}).
"""

from __future__ import annotations

import re
from typing import Any

from summarizer.extract.numbers import EN_WORD_NUM, NUM, parse_number
from summarizer.extract.patterns import (
    IGNORE,
    MOD,
    PCT,
    POP,
    ZH_ARM,
    ZH_CL,
    Hit,
    find_hits,
    group_number,
)
from summarizer.text.script import HAN_CHARS

# --- outcomes and results -------------------------------------------------------------------

EN_OUTCOME = (r"\b(primary|secondary|second|main|clinical|co-primary)\s+(?:efficacy\s+)?"
              r"(end\s?points?|outcomes?(?:\s+measures?)?)\s+(was|were|is|are|included|include)\s+"
              r"(.+?)\s*\.?\s*$")
ZH_OUTCOME = r"(主要|次要|临床)终点(?:指标)?(是|为|包括)\s*(.+?)(?=[,，。;；]|$)"
TIMEFRAME = (rf"\b(?:by|at|after|within|in the first|over)\s+(?:week\s+{NUM}|{NUM}\s*"
             r"(?:days?|weeks?|months?|years?)(?:\s+after\s+\w+)?)")
PRIMARY = {"primary": True, "main": True, "co-primary": True, "secondary": False, "second": False,
           "主要": True, "次要": False}


def outcomes(text: str, lang: str) -> list[Hit]:
    """Endpoints: {"name", "primary"} (primary None for an endpoint not called either)."""
    if lang == "zh":
        return [Hit("outcome", {"name": name, "primary": PRIMARY.get(m.group(1))}, start,
                    start + len(name))
                for m in re.finditer(ZH_OUTCOME, text)
                for name, start in (_split_zh_list(m.group(3), m.start(3)) if m.group(2) == "包括"
                                    else [(m.group(3), m.start(3))])]
    m = re.search(EN_OUTCOME, text, IGNORE)
    if not m:
        return []
    primary = PRIMARY.get(m.group(1).lower())
    names = [(m.group(4), m.start(4))]
    if m.group(3).lower().startswith("includ") or (m.group(2).endswith("s") and "," in m.group(4)):
        names = _split_list(m.group(4), m.start(4))
    return [Hit("outcome", {"name": _outcome_name(name, text), "primary": primary}, start,
                start + len(name)) for name, start in names]


def _split_zh_list(text: str, offset: int) -> list[tuple[str, int]]:
    """``A、B 和 C`` → [(A, o), (B, ...), (C, ...)] with their offsets."""
    return [(m.group(0), offset + m.start()) for m in re.finditer(r"[^、和及与\s]+", text)]


def _split_list(text: str, offset: int) -> list[tuple[str, int]]:
    """``a (A), b (B)and c`` → [(a (A), o), (b (B), o+7), (c, ...)] with their offsets."""
    parts, start = [], 0
    for m in re.finditer(r",\s*(?:and\s+)?|(?<=\))\s*and\s+|\s+and\s+", text):
        parts.append((text[start:m.start()], offset + start))
        start = m.end()
    parts.append((text[start:], offset + start))
    return [(p, o) for p, o in parts if p.strip()]


def _outcome_name(name: str, sentence: str) -> str:
    """Drop the article; a long definition is cut at ``with``/``,`` and keeps its timeframe."""
    name = re.sub(r"^(?:the|an?)\s+", "", name.strip(), flags=IGNORE)
    if len(name) > 80:
        short = re.split(r"\s+with\s+|,\s*", name, maxsplit=1)[0]
        frame = re.search(TIMEFRAME, name, IGNORE)
        name = f"{short} {frame.group(0)}" if frame and frame.group(0) not in short else short
    return name


# What a share alone counts besides people: "70% of the cysts" (not "15% of calories")
COUNTED_UNITS = (r"(?:respondents|controls|users|mothers|infants|eyes|teeth|cysts|lesions|"
                 r"tumou?rs|nodules|samples|specimens|animals|dogs|cats|mice|rats|families|"
                 r"households|hospitals|studies|trials)")
EN_RESULTS = [
    (rf"\b[Oo]f\s+(?P<d>{NUM})\s*(?:{POP})?,\s*(?P<n>{NUM})\s*\((?P<p>{PCT})\s*%", False),
    (rf"(?P<n>\d+)\s*/\s*(?P<d>\d+)\s*[,;]?\s*\(?(?P<p>{PCT})\s*%", False),
    (rf"(?P<p>{PCT})\s*%\s*\((?P<n>\d+)\s*/\s*(?P<d>\d+)\)", False),
    (rf"(?P<n>{NUM})\s*\((?P<p>{PCT})\s*%\)\s*of\s+(?P<d>{NUM})\b", True),
    (rf"(?P<n>{NUM})\s+of\s+(?P<d>{NUM})\s+(?:{MOD}{POP}\s+)?\((?P<p>{PCT})\s*%", True),
    (rf"\b(?P<n>{NUM})\s+of\s+(?:the\s+)?(?P<d>{NUM})\s+{MOD}{POP}\b(?!\s*\()(?P<p>)", True),
    # a count and its share, the whole left unsaid: "14 cases (73.68%) were less than 2"
    (rf"(?<![\w.])(?P<n>{NUM})\s+{MOD}{POP}\s*\((?P<p>{PCT})\s*%\)", True),
    # a share alone: "Seventy percent of the cysts were", "seen in 45% of patients"
    (rf"(?<![\w.])(?P<p>{PCT}|(?i:{EN_WORD_NUM}))\s*(?:%|(?i:per\s?cent)\b)\s+of\s+"
     rf"(?:(?:the|all|these|those)\s+)?{MOD}(?:{POP}|{COUNTED_UNITS})\b", True),
]
# a count alone, of the people or cases the study has: "healed by first intention in 26 cases"
# (not in a sentence of adverse events: those are counted as adverse events)
EN_COUNT_ALONE = rf"\bin\s+(?P<n>{NUM})\s+{MOD}{POP}\b(?!\s*[(/])"
# "术后 26 例切口Ⅰ期愈合": a count of what happened to the patients
ZH_COUNT_ALONE = (rf"(?<![\d.])(?P<n>{NUM}){ZH_CL}(?!\s*[(（])[^，。；,;\d]{{0,10}}?"
                  r"(?:愈合|治愈|痊愈|死亡|复发|好转|缓解|成活|存活)")
ZH_RESULTS = [
    # "在40例患者中，有12例（30.0%）", "19例中14例（73.68%）＜2岁"
    (rf"(?:在\s*)?(?<![\d.])(?P<d>{NUM}){ZH_CL}[^,，。\d]{{0,10}}中\s*[,，]?\s*有?\s*(?P<n>{NUM}){ZH_CL}?"
     rf"[(（](?P<p>{PCT})\s*%", False),
    (rf"(?P<n>\d+)\s*/\s*(?P<d>\d+)\s*[,，;；]?\s*[(（]?(?P<p>{PCT})\s*%", False),
    (rf"(?P<p>{PCT})\s*%\s*[(（](?P<n>\d+)\s*/\s*(?P<d>\d+)[)）]", False),
    # "治愈14例（35.0%）": a count and its share
    (rf"(?<![\d.])(?P<n>{NUM}){ZH_CL}[(（](?P<p>{PCT})\s*%\s*[)）]", True),
]
SIGNED = r"[-−]?\d+(?:\.\d+)?"
CI = (rf"95\s*%\s*(?:CI|confidence interval|置信区间|可信区间)(?:\s*[\[(]\s*CI\s*[\])])?\s*"
      rf"[:,=]?\s*(?:为|是)?\s*"
      rf"(?P<lo>{SIGNED})\s*%?\s*(?:to|-|–|—|至|~|,)\s*"
      rf"(?P<hi>{SIGNED})\s*%?")
P_VALUE = r"\b[Pp]\s*(?P<op>[<=>≤≥])\s*(?P<v>0?\.\d+)"
MEASURES = {"hazard ratio": "HR", "hr": "HR", "odds ratio": "OR", "or": "OR",
            "relative risk": "RR", "risk ratio": "RR", "rr": "RR", "risk difference": "RD",
            "rd": "RD", "mean difference": "MD", "md": "MD", "difference": "difference",
            "incidence rate ratio": "IRR", "irr": "IRR", "风险比": "HR", "优势比": "OR",
            "比值比": "OR", "相对危险度": "RR", "差值": "difference", "危险比": "HR",
            "相对风险": "RR", "均数差": "MD", "mean": "difference"}
# No \b: in Chinese a letter follows a Han character, both word characters (吸烟患者的OR为2.31)
EFFECT = (r"(?<![A-Za-z])(?P<m>(?i:hazard ratio|odds ratio|relative risk|risk ratio|"
          r"risk difference|mean difference|incidence rate ratio|difference|mean(?=\s*=))|HR|OR|"
          r"RR|RD|MD|IRR)"
          r"(?![A-Za-z])|(?P<zm>风险比|危险比|优势比|比值比|相对危险度|相对风险|均数差|差值)")
# A mean with its CI in a sentence comparing groups is their difference: "Compared with the
# control group, the DASH-Plus group increased … (mean=1.4, 95% CI=0.7, 2.1 servings/day)"
COMPARED = re.compile(r"\b(?:compared (?:with|to)|than)\b(?!\s+(?:the\s+)?(?:baseline|pre))",
                      re.IGNORECASE)


def _mean_is_difference(text: str, start: int, end: int) -> bool:
    """Whether the ``mean = …`` with its CI at ``text[start:end]`` is a difference between
    groups: the sentence compares groups, and the mean is not one group's own (a "vs" beside
    it, a group named just before it) nor a geometric mean."""
    return bool(COMPARED.search(text)) and not (
        re.search(r"\b(?:vs\.?|versus)\s", text[max(0, start - 15):end + 40], re.IGNORECASE)
        or re.search(r"\b(?:group|arm|control|intervention|geometric)\b\W*(?:\w+\W+){0,2}$",
                     text[:start], re.IGNORECASE))
# "HR 0.72 (95% CI ...", NEJM's "hazard ratio for recurrence or death, 0.51; 95% confidence
# interval [CI], 0.34 to 0.77"
EFFECT_VALUE = (rf"^[^\d.;。]{{0,40}}?(?P<val>{SIGNED})\s*(?P<pct>%)?(?:[^;。]|;\s*(?=95))"
                rf"{{0,30}}?{CI}"
                rf"(?:[^;。]{{0,4}}[;,，；]\s*{P_VALUE})?")


def effects(text: str, lang: str) -> list[Hit]:
    """Effect sizes with their 95% CI: ``HR 0.72 (95% CI 0.60-0.86; p<0.001)``, ``risk
    difference 16.7%, 95% CI -8.4 to 41.7; p=0.20`` → {"measure": "RD", "value": 16.7,
    "unit": "%", "ci": [-8.4, 41.7], "p": "=0.20"}."""
    hits = []
    for m in re.finditer(EFFECT, text):
        value = re.match(EFFECT_VALUE, text[m.end():])
        if value and (m.group("m") or "").lower() == "mean" and not _mean_is_difference(
                text, m.start(), m.end() + value.end()):
            continue  # "mean=1.4, 95% CI=0.7, 2.1" is a difference only where groups are compared
        if value:
            measure = MEASURES[(m.group("m") or m.group("zm")).lower()]
            hits.append(Hit("effect", _effect_value(measure, value), m.start(),
                            m.end() + value.end()))
    return hits + statistics(text)


# Statistics a result may state without a CI: "b = 0.01; standard error [SE] = 0.00; Z = 3.73;
# P < .001", "median r = 0.87", "internal consistency (alpha = 0.91)", "AUC = 0.82".
STATISTICS = {"b": "b", "β": "β", "beta": "β", "r": "r", "rho": "ρ", "ρ": "ρ", "α": "α",
              "alpha": "α", "icc": "ICC", "κ": "κ", "kappa": "κ", "auc": "AUC", "auroc": "AUC"}
STATISTIC = (r"(?<![\w.'’/-])(?P<m>b|β|r|ρ|α|κ|(?i:beta|rho|alpha|kappa|ICC|AUC|AUROC))"
             rf"\s*[=:]\s*(?P<val>{SIGNED})(?![\d.])")


def statistics(text: str) -> list[Hit]:
    """Coefficients, correlations and agreement as the results state them: ``b = 0.01;
    standard error [SE] = 0.00; Z = 3.73; P < .001`` → {"measure": "b", "value": 0.01,
    "unit": None, "ci": None, "p": "<.001"}; a 95% CI is kept when one follows."""
    hits = []
    for m in re.finditer(STATISTIC, text):
        tail = text[m.end():]
        stop = re.search(r"[)）]|" + STATISTIC, tail)
        clause = tail[:stop.start() if stop else 80]
        ci, p = re.search(CI, clause), re.search(P_VALUE, clause)
        end = m.end() + max(x.end() for x in (ci, p) if x) if ci or p else m.end()
        hits.append(Hit("effect", {
            "measure": STATISTICS[m.group("m").lower()], "value": _signed(m.group("val")),
            "unit": None, "ci": [_signed(ci.group("lo")), _signed(ci.group("hi"))] if ci else None,
            "p": f"{p.group('op')}{p.group('v')}" if p else None}, m.start(), end))
    return hits


def _effect_value(measure: str, m: re.Match) -> dict[str, Any]:
    return {"measure": measure, "value": _signed(m.group("val")),
            "unit": "%" if m.group("pct") else None,
            "ci": [_signed(m.group("lo")), _signed(m.group("hi"))],
            "p": f"{m.group('op')}{m.group('v')}" if m.group("op") else None}


def _signed(text: str) -> float:
    return float(text.replace("−", "-"))


def results(text: str, lang: str) -> list[Hit]:
    """Results as numbers: {"numerator", "denominator", "percent", "ci": [lo, hi] | None,
    "p": "<0.05" | None, "outcome": what was counted | None}; a count of participants by sex
    is not a result."""
    about_sex = re.search(r"\b(?:women|men|female|male|cisgender)\b|[男女]性?\s*\d", text,
                          IGNORE)
    hits, taken = [], []
    alone = [] if AE_SENTENCE.search(text) else [
        (EN_COUNT_ALONE if lang == "en" else ZH_COUNT_ALONE, True)]
    for pattern, words in (EN_RESULTS if lang == "en" else ZH_RESULTS) + alone:
        for m in re.finditer(pattern, text):
            if (words and about_sex) or any(s <= m.start() < e for s, e in taken):
                continue
            end = _result_end(text, m.end())
            taken.append((m.start(), end))
            value = _result_value(m, text[m.start():end])
            value["outcome"] = _result_outcome(text, m.start(), end) if lang == "en" else None
            hits.append(Hit("result", value, m.start(), end))
    return sorted(hits, key=lambda h: h.start)


VERB = r"(?:achieved|reached|met|had|showed|attained|experienced|developed|obtained)"
PHRASE = rf"(?P<o>(?!{VERB}\b)[A-Za-z][\w-]*(?:\s+(?!{VERB}\b)[\w-]+){{0,4}}?)"
OUTCOME_BEFORE = [rf"(?:\b{VERB}\s+|\b(?:and|or)\s+|,\s*|^){PHRASE}\s*\($",
                  rf"(?:\b(?:[Tt]he|[Aa]n?)\s+|,\s*|^){PHRASE}\s+(?:was|were)\s+$"]
NOT_AN_OUTCOME = re.compile(r"\b(?:in|by|with|of|to|the|and|or|than|compared|given|at|for)$")
OUTCOME_AFTER = rf"^\)?\s*{VERB}\s+(?P<o>[^,.;()]{{3,80}})"


def _result_outcome(text: str, start: int, end: int) -> str | None:
    """What a result counts: the words after it (``five (83.3%) achieved the clinical endpoint
    of an SRI of 4``) or just before it (``achieved MCR (13/40, 32.5%)``, ``The overall
    survival rate was 92.5% (37/40)``)."""
    after = re.match(OUTCOME_AFTER, text[end:])
    if after:
        return after.group("o").strip()
    for pattern in OUTCOME_BEFORE:
        before = re.search(pattern, text[max(0, start - 60):start])
        if before and not NOT_AN_OUTCOME.search(before.group("o")):
            return before.group("o")
    return None


def _result_end(text: str, end: int) -> int:
    """Extend a result to the close of its parenthesis when a CI or p-value sits inside."""
    close = re.match(r"[^()（）]{0,60}[)）]", text[end:])
    return end + close.end() if close and re.search(CI + "|" + P_VALUE, close.group(0)) else end


def _result_value(m: re.Match, evidence: str) -> dict[str, Any]:
    ci = re.search(CI, evidence)
    p = re.search(P_VALUE, evidence)
    g = m.groupdict()
    return {"numerator": parse_number(g["n"]) if g.get("n") else None,
            "denominator": parse_number(g["d"]) if g.get("d") else None,
            "percent": float(parse_number(g["p"])) if g.get("p") else None,
            "ci": [_signed(ci.group("lo")), _signed(ci.group("hi"))] if ci else None,
            "p": f"{p.group('op')}{p.group('v')}" if p else None}


# --- values compared between arms -----------------------------------------------------------

SPREAD = r"(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?"
VALUE_UNIT = (r"(?:%|[a-zA-Zμµ]{1,5}/[a-zA-Zμµ0-9]{1,5}(?![\w/])|(?:mm ?[Hh][Gg]|mm|cm|kg|g|"
              r"mg|[μµ]g|ng|pg|ml|mL|L|dl|dL|mmol|[μµ]mol|IU|U|h|hours?|min|minutes?|s|days?|weeks?|"
              r"months?|years?|points?|letters|bpm|cells)(?![\w/]))")
# Chinese units after a value: "30.9个月", "2.5分" (points; not "2分组", a 2-point group)
ZH_UNIT = r"(?:个月|周|天|年|岁|小时|分钟|分(?!组|别|期|为|析|级|数))"
VERSUS = r"\s*(?:vs\.?|versus|v\.|compared (?:with|to))\s*"
ASIDE = r"(?:\s*\([^()]{0,40}\))?"  # "(to 123.8 mm Hg)" between a value and its group
EN_COMPARISONS = [
    # "97.14% vs 77.14%", "83.7 vs 18.6 pg/ml", "1.7 ± 1.0 vs 2.3 ± 0.8"
    rf"(?<![\w.])(?P<a>{SIGNED})\s*(?P<ua>{VALUE_UNIT})?{SPREAD}{VERSUS}(?P<b>{SIGNED})\s*"
    rf"(?P<ub>{VALUE_UNIT})?{SPREAD}",
    # "61% of the cells was absent or damaged compared with 24% in the fresh sample"
    rf"(?<![\w.])(?P<a>{SIGNED})\s*(?P<ua>%)\s+of\s+[^.;%]{{0,60}}?\bcompared (?:with|to)\s+"
    rf"(?P<b>{SIGNED})\s*(?P<ub>%)",
    # "similar in the enzalutamide and placebo groups (5.7 and 5.6 months, respectively)"
    rf"\bin\s+the\s+(?P<arm_a>[\w-]+(?:\s+[\w-]+){{0,2}}?)\s+and\s+(?:the\s+)?"
    rf"(?P<arm_b>[\w-]+(?:\s+[\w-]+){{0,2}}?)\s+(?:groups|arms)\s*\(\s*(?P<a>{SIGNED})\s*"
    rf"(?P<ua>{VALUE_UNIT})?{SPREAD}\s*(?:and|vs\.?|versus)\s*(?P<b>{SIGNED})\s*"
    rf"(?P<ub>{VALUE_UNIT})?{SPREAD}\s*,\s*respectively\s*\)",
    # "34.4% in the intervention group and 31.1% in the control group", "falling by 28.6 mm Hg
    # (to 123.8 mm Hg) in the intervention group and by 7.2 mm Hg in the control group"
    rf"(?<![\w.])(?P<a>{SIGNED})\s*(?P<ua>%|{VALUE_UNIT})?{SPREAD}{ASIDE}\s+(?:in|for|with)\s+"
    rf"(?:the\s+)?(?P<arm_a>[\w-]+(?:\s+[\w-]+){{0,3}}?)\s+(?:group|arm)\s*,?\s*(?:and|vs\.?|"
    rf"versus|compared (?:with|to))\s+(?:by\s+)?(?P<b>{SIGNED})\s*(?P<ub>%|{VALUE_UNIT})?"
    rf"{SPREAD}{ASIDE}\s+(?:in|for|with)\s+(?:the\s+)?(?P<arm_b>[\w-]+(?:\s+[\w-]+){{0,3}}?)"
    rf"\s+(?:group|arm)\b",
    # "Rates declined between 2006 and 2015 from 0.37 to 0.23 per 1000 live births"
    rf"\b(?:declined|decreased|fell|dropped|increased|rose|improved|reduced|changed)\b"
    rf"[^.;]{{0,40}}?\bfrom\s+(?P<a>{SIGNED})\s*(?P<ua>%|{VALUE_UNIT})?{SPREAD}\s+to\s+"
    rf"(?P<b>{SIGNED})\s*(?P<ub>%|{VALUE_UNIT})?{SPREAD}",
    # "accounted for 5.1% and 6.0% of the market in these periods, respectively"
    rf"(?<![\w.])(?P<a>{SIGNED})\s*(?P<ua>%|{VALUE_UNIT}){SPREAD}\s+and\s+(?P<b>{SIGNED})\s*"
    rf"(?P<ub>%|{VALUE_UNIT}){SPREAD}(?=[^.;]{{0,80}}?,?\s+respectively\b)",
]
ZH_CHANGE = r"(?:下降|降低|升高|增加|减少|提高|缩短|延长)了?"
ZH_COMPARISONS = [
    # "观察组总有效率为97.14%，高于对照组的77.14%"
    rf"(?P<arm_a>{ZH_ARM})(?P<o>[^，。；,;\d]{{0,20}}?)(?P<a>{SIGNED})\s*"
    rf"(?P<ua>%|{ZH_UNIT}|{VALUE_UNIT})?"
    rf"{SPREAD}[^。；\d]{{0,12}}?(?:高于|低于|优于|多于|少于|短于|长于|大于|小于|与|和|vs\.?)"
    rf"[^。；\d]{{0,6}}?(?P<arm_b>{ZH_ARM})[^，。；\d]{{0,12}}?(?P<b>{SIGNED})\s*"
    rf"(?P<ub>%|{ZH_UNIT})?{SPREAD}",
    rf"(?<![\w.])(?P<a>{SIGNED})\s*(?P<ua>{VALUE_UNIT})?{SPREAD}{VERSUS}(?P<b>{SIGNED})\s*"
    rf"(?P<ub>{VALUE_UNIT})?{SPREAD}",
    # each arm's change in turn: "干预组的平均sbp下降了28.6 mmhg（下降至123.8 mmhg），对照组
    # 下降了7.2 mmhg"
    rf"(?P<arm_a>{ZH_ARM})的?(?P<o>[^，。；,;\d]{{0,20}}?){ZH_CHANGE}\s*(?P<a>{SIGNED})\s*"
    rf"(?P<ua>%|{ZH_UNIT}|{VALUE_UNIT})?(?:\s*[(（][^)）]{{0,30}}[)）])?\s*[，,;；]\s*"
    rf"(?P<arm_b>{ZH_ARM})[^，。；\d]{{0,12}}?{ZH_CHANGE}\s*(?P<b>{SIGNED})\s*"
    rf"(?P<ub>%|{ZH_UNIT}|{VALUE_UNIT})?",
    # "3年无复发生存率分别为85.3%和76.5%"; each value after its group: "出血改善率分别为
    # 小剂量30%, 中剂量50%" (a comma parts two values only when a group's name follows it)
    rf"(?P<o>(?:\d+\s*)?[{HAN_CHARS}]{{2,12}}?)?分别(?:为|是|达|占[^，。；\d]{{0,12}}?)\s*"
    rf"(?:[{HAN_CHARS}]{{1,6}}?\s*)?(?P<a>{SIGNED})\s*"
    rf"(?P<ua>%|{ZH_UNIT}|{VALUE_UNIT})?{SPREAD}"
    rf"(?:\s*[(（][^)）]{{0,30}}[)）])?\s*(?:和|、|与|及|[,，]\s*(?=[{HAN_CHARS}]{{1,6}}?\s*\d)"
    rf"[{HAN_CHARS}]{{1,6}}?)\s*(?P<b>{SIGNED})\s*"
    rf"(?P<ub>%|{ZH_UNIT}|{VALUE_UNIT})?",
]


def comparisons(text: str, lang: str) -> list[Hit]:
    """Values compared between arms or groups: {"values": [a, b], "unit": "%" | "pg/ml" |
    None, "arms": [name a, name b] | None, "outcome": what was measured | None, "p",
    "primary"}: ``97.14% vs 77.14%``, ``34.4% in the intervention group and 31.1% in the
    control group``, ``观察组总有效率为97.14%，高于对照组的77.14%``."""
    hits, taken = [], []
    for pattern in EN_COMPARISONS if lang == "en" else ZH_COMPARISONS:
        for m in re.finditer(pattern, text):
            if any(s < m.end() and m.start() < e for s, e in taken) or _is_range(m):
                continue
            end = _result_end(text, m.end())
            taken.append((m.start(), end))
            hits.append(Hit("comparison", _comparison_value(text, m, end, lang), m.start(), end))
    return sorted(hits, key=lambda h: h.start)


def _is_range(m: re.Match) -> bool:
    """``2010 vs 2015`` (years) and ``1 vs 2`` (labels) are not results."""
    values = [m.group("a"), m.group("b")]
    years = all(re.fullmatch(r"(?:19|20)\d\d", v) for v in values)
    return years or not (m.group("ua") or m.group("ub") or any("." in v for v in values)
                         or m.groupdict().get("arm_a"))


def _comparison_value(text: str, m: re.Match, end: int, lang: str) -> dict[str, Any]:
    g = m.groupdict()
    unit = g.get("ua") or g.get("ub")
    arms = [g["arm_a"].strip(), g["arm_b"].strip()] if g.get("arm_a") else None
    p = re.search(P_VALUE, text[m.start():end + 40])
    outcome = _zh_outcome(g.get("o")) if lang == "zh" else _outcome_before(text[:m.start()])
    return {"values": [_signed(g["a"]), _signed(g["b"])], "unit": unit, "arms": arms,
            "outcome": outcome, "p": f"{p.group('op')}{p.group('v')}" if p else None,
            "primary": bool(re.search(r"\bprimary\b|主要", text, IGNORE))}


def _outcome_before(before: str) -> str | None:
    """The measure named just before compared values: ``The total effective rate was`` →
    ``total effective rate``."""
    clause = re.split(r"[;:,(]\s*|\bwhereas\b|\bwhile\b", before)[-1]
    # the subject before its verb: "Median progression-free survival was similar in the"
    clause = re.sub(r"\s+(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:similar|comparable|higher|"
                    r"lower|longer|shorter|better|worse|greater|smaller|reduced|increased)"
                    r"\b.*$", "", clause.strip(), flags=IGNORE)
    clause = re.sub(r"\s*(?:was|were|of|in|at|for|is|are|reached|between|\()\s*$", "",
                    clause.strip(), flags=IGNORE)
    clause = re.sub(r"^(?:(?:with|and|the|a|an)\s+)+", "", clause, flags=IGNORE)
    words = clause.split()
    return " ".join(words[-8:]) if words and re.search(r"[A-Za-z]{2}", clause) else None


def _zh_outcome(between: str | None) -> str | None:
    """``总有效率为`` → ``总有效率``: the measure between an arm and its value."""
    # "患者中" (among the patients) goes, "中位" (median) stays; so does a group named before
    # the measure ("单药治疗组患者中位生存时间" is 中位生存时间)
    name = re.sub(r"^[^，。；,;]*组(?!织|成|合|间|内|别)", "", (between or "").strip())
    name = re.sub(r"^(?:的|患者|中(?!位))+|(?:为|是|分别为|达|达到)+$", "", name)
    return name if len(name) >= 2 else None


# --- one group's value of a measure --------------------------------------------------------

# What "X of 94.4%" must name to be a finding: a rate, a score, a share ...
MEASURE_NOUN = re.compile(r"\b(?:rates?|ratios?|proportions?|percentages?|scores?|incidence|"
                          r"prevalence|risk|mortality|survival|sensitivity|specificity|"
                          r"accuracy|efficacy|response|remission|recurrence|success)$", IGNORE)
NOT_A_MEASURE = re.compile(r"\b(?:age|aged|follow-?up|duration|years? old|time)\b|年龄|随访|病程|"
                           r"区间", IGNORE)  # 95%可信区间为1.01~1.09: an effect's CI
EN_VALUE = (rf"(?P<o>\b[A-Za-z][\w/()-]*(?:\s+[\w/()-]+){{0,7}}?)\s+(?:was|were|of|reached|"
            rf"(?:improved|decreased|increased|fell|rose|declined) (?:to|by))\s+"
            rf"(?P<v>{SIGNED})\s*(?P<u>{VALUE_UNIT})?(?:\s*(?:±|\+/-)\s*(?P<sd>\d+(?:\.\d+)?))?"
            rf"(?!\s*(?:vs\.?|versus|[×x]\s*10|/\s*\d))")
# "VAS 评分为（1.7±1.0）分", "优良率94.4%" (a rate needs no verb)
ZH_VALUE = (rf"(?P<o>[{HAN_CHARS}A-Za-z]{{2,12}}?)(?:(?:为|是|达|达到|分别为)\s*[(（]?|(?<=率))\s*"
            rf"(?P<v>{SIGNED})\s*(?:±\s*(?P<sd>\d+(?:\.\d+)?)\s*[)）]?\s*)?"
            rf"(?P<u>%|{ZH_UNIT}|{VALUE_UNIT})?(?:\s*±\s*(?P<sd2>\d+(?:\.\d+)?))?"
            rf"(?![\d.]|\s*(?:例|名))")


def outcome_values(text: str, lang: str) -> list[Hit]:
    """One group's value of a measure, in a results sentence: {"outcome", "value", "unit",
    "sd"}: ``the excellent and good rate was 94.4%``, ``VAS score was 1.7±1.0``, ``总有效率为
    94.4%``; ages and follow-up times are not outcomes."""
    hits = []
    for m in re.finditer(EN_VALUE if lang == "en" else ZH_VALUE, text, IGNORE):
        outcome = (_outcome_before(m.group("o") + " ") if lang == "en"
                   else _zh_outcome(m.group("o")))
        if not outcome or NOT_A_MEASURE.search(outcome):
            continue
        if not (m.group("u") or m.group("sd") or m.groupdict().get("sd2")
                or "." in m.group("v")):
            continue  # a bare whole number is a count, not a measure's value
        if lang == "en" and m.group(0)[m.end("o") - m.start():].lstrip().startswith("of") \
                and not MEASURE_NOUN.search(outcome):
            continue  # "a final concentration of 15%": a method's detail, not a finding
        sd = m.group("sd") or m.groupdict().get("sd2")
        value = {"outcome": outcome, "value": _signed(m.group("v")), "unit": m.group("u"),
                 "sd": _signed(sd) if sd else None}
        hits.append(Hit("outcome_value", value,
                        m.start("o") + m.group("o").rfind(outcome.split()[0]), m.end()))
    return hits


# --- adverse events -------------------------------------------------------------------------

AE = r"(?:adverse (?:events?|effects?|reactions?)|side[- ]effects?|toxicit(?:y|ies))"
EN_AE_COUNT = (rf"\b(no|{NUM})\s+((?:[\w-]+\s){{0,3}}?)(?:(serious|severe)\s+)?{AE}")
ZH_AE_COUNT = (rf"(无|未(?:观察到|发现|发生)|没有)\s*((?:[{HAN_CHARS}]{{0,6}}?相关)?)的?\s*(严重)?"
               r"(?:不良事件|不良反应)")
EN_GRADE = rf"\b({NUM})\s+grade\s+([1-5])\b"
AE_SENTENCE = re.compile(AE + r"|不良事件|不良反应", IGNORE)


def adverse_events(text: str, lang: str) -> list[Hit]:
    """Adverse-event statements: ``ae_text`` (the sentence), ``ae_count`` ({"n", "serious",
    "related", "text"}: ``no severe adverse events`` → n 0, serious True) and ``ae_grade``
    ({"grade", "n"}: ``two grade 1`` → grade 1, n 2)."""
    if not AE_SENTENCE.search(text) or re.search(r"end\s?points?|outcomes?|终点", text, IGNORE):
        return []
    hits = [Hit("ae_text", text.strip(), 0, len(text.rstrip()))]
    if lang == "en":
        hits += find_hits("ae_count", EN_AE_COUNT, text, _ae_count)
        hits += find_hits("ae_grade", EN_GRADE, text, lambda m: {"grade": int(m.group(2)),
                                                             "n": group_number(m, 1)})
    else:
        hits += find_hits("ae_count", ZH_AE_COUNT, text, _ae_count)
    return hits


def _ae_count(m: re.Match) -> dict[str, Any]:
    n_text, qualifier, serious = m.group(1), m.group(2) or "", m.group(3)
    n = 0 if n_text.lower() == "no" or n_text[0] in "无未没" else parse_number(n_text)
    related = None
    if re.search(rf"\bnon-[\w-]*related|非[{HAN_CHARS}]*相关", qualifier):
        related = False
    elif re.search(r"related|相关", qualifier):
        related = True
    return {"n": n, "serious": True if serious else None, "related": related,
            "text": m.group(0)}


# --- follow-up, setting, registration -------------------------------------------------------

UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
SPREAD = (rf"(?:\s*\((?:range|IQR)?[:,]?\s*(?P<lo>{NUM})\s*(?:-|–|to)\s*(?P<hi>{NUM})"
          r"\s*(?:days|weeks|months|years)?\))?")
CENTRE = r"(?:an?\s+)?(?:median|average|mean)\s*,?\s*(?:of\s+)?"
EN_FOLLOW = [
    rf"(?P<value>{NUM})\s*{UNIT}{SPREAD}\s*(?:of\s+)?follow[- ]?up",
    rf"follow[- ]?up\s+(?:of|was|period of|duration of|lasted)?\s*(?:a\s+)?(?:median\s+(?:of\s+)?)?"
    rf"(?P<value>{NUM})\s*{UNIT}{SPREAD}",
    rf"followed(?:\s+up)?\s+(?:for\s+)?(?:{CENTRE})?(?P<value>{NUM})\s*{UNIT}{SPREAD}",
    # "followed up 8-24 months, with an average of 16.7 months", "… (median, 14 months)"
    rf"followed(?:\s+up)?\s+(?:for\s+)?(?P<lo>{NUM})\s*(?:-|–|to)\s*(?P<hi>{NUM})\s*"
    rf"(?:days|weeks|months|years)\s*(?:(?P<bracket>\()|,\s*(?:with\s+)?){CENTRE}"
    rf"(?P<value>{NUM})\s*{UNIT}(?(bracket)\))",
]
ZH_FOLLOW = [rf"随访\s*(?:期|时间)?\s*(?:为|达)?\s*(?P<value>{NUM})\s*(?:个)?(?P<unit>天|周|月|年)",
             rf"(?P<value>{NUM})\s*(?:个)?(?P<unit>周|月|年)(?:的)?随访",
             rf"随访\s*(?:时间)?\s*(?:为)?\s*(?P<lo>{NUM})\s*[~～\-–至]\s*(?P<hi>{NUM})\s*(?:个)?"
             rf"(?:天|周|月|年)\s*[,，;；]\s*(?:中位|平均)(?:时间|随访时间)?\s*(?:为)?\s*(?P<value>{NUM})\s*"
             r"(?:个)?(?P<unit>天|周|月|年)"]
ZH_UNITS = {"天": "days", "周": "weeks", "月": "months", "年": "years"}
ENDPOINT_TIME = {"en": rf"\b(?:by|at|after|over)\s+(?P<value>{NUM})\s*{UNIT}",
                 "zh": rf"在?\s*(?P<value>{NUM})\s*(?:个)?(?P<unit>周|月|年)(?:内|时)"}


def follow_up(text: str, lang: str) -> list[Hit]:
    """Follow-up: {"value": 12.4, "unit": "months", "min": 12, "max": 13}. In a sentence that
    states an endpoint, its assessment time (``by 20 weeks``) is an ``endpoint_time``."""
    hits = []
    for pattern in EN_FOLLOW if lang == "en" else ZH_FOLLOW:
        hits += find_hits("follow_up", pattern, text, _duration)
    if re.search(r"end\s?points?|outcomes?|终点", text, IGNORE):
        hits += find_hits("endpoint_time", ENDPOINT_TIME[lang], text, _duration)
    return hits


def _duration(m: re.Match) -> dict[str, Any]:
    g = m.groupdict()
    unit = ZH_UNITS.get(g["unit"], g["unit"].lower())
    unit = unit if unit.endswith("s") else unit + "s"
    low, high = (group_number(m, "lo"), group_number(m, "hi")) if g.get("lo") else (None, None)
    return {"value": group_number(m, "value"), "unit": unit, "min": low, "max": high}
