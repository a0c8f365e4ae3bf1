"""The template context: a study's facts read defensively and put in the shapes templates need.

Every reader here tolerates a missing key, ``None``, ``[]`` and extra keys, and returns ``None``
(rendered "not reported") rather than guess. Numbers are kept as numbers; the words are in the
templates. Nothing here invents a value: each derived figure (a percentage, a dose in millions)
is computed from facts, and ``summarizer.summarize.numbers`` recognises it as such.
"""

from __future__ import annotations

import copy
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from summarizer.schema import LANGS
from summarizer.summarize.glossary import ZH_TIME, to_en, to_zh
from summarizer.text.lexicon import run_together_share
from summarizer.text.numbers import FINDING
from summarizer.text.script import count_han, has_han

ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
ARABIC = {v: k for k, v in ROMAN.items()}
SMALL_STUDY = 100  # fewer people than this: "few people" is stated as a limit
SHORT_FOLLOW_UP_MONTHS = 12  # follow-up shorter than this is stated as a limit
NO_COMPARATOR_TAGS = {"single-arm", "dose-escalation", "uncontrolled", "non-comparative"}
TAG_SPELLINGS = {
    "multicenter": "multicentre", "multi-centre": "multicentre", "multi-center": "multicentre",
    "single-center": "single-centre", "randomised": "randomized", "open": "open-label",
    "singlearm": "single-arm", "non-randomised": "non-randomized",
}
ONCE = re.compile(r"(?i)\bsingle\b|\bone (?:infusion|injection|dose)\b|^\s*once\s*$|单次|一次性")
UNIT_MONTHS = {"day": 1 / 30.44, "week": 7 / 30.44, "month": 1.0, "year": 12.0}


def get(obj: Any, path: str) -> Any:
    """``get(study, "facts.participants.n_enrolled")``: None where any step is missing."""
    for key in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def as_list(value: Any) -> list:
    """A list field that may be None, a single item, or a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_int(value: Any) -> int | None:
    """An integer count, or None for anything that is not a whole non-negative number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if value >= 0 and float(value).is_integer() else None


def as_text(value: Any) -> str | None:
    """A text field that may be None, '', a number or something else: stripped text or None."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_num(value)
    return None


def fmt_num(value: float | int, decimals: int | None = None) -> str:
    """83.30 → '83.3', 6.0 → '6', 1.5e-07 → '0.00000015' (never exponent notation, which
    would read as other numbers); rounded half up to ``decimals`` when given (92.5, 0 → '93')."""
    number = Decimal(repr(float(value)))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


# Kinds of study a summary is written for, by study type (summarizer.extract.study_type).
STUDY_KINDS = {
    "rct": "trial", "non-randomised trial": "trial", "single-arm trial": "trial",
    "cohort": "observational", "case-control": "observational",
    "cross-sectional": "observational", "case series": "case", "case report": "case",
    "systematic review": "review", "meta-analysis": "review", "narrative review": "review",
    "guideline": "review", "diagnostic accuracy": "methods", "methods": "methods",
    "qualitative": "qualitative", "economic evaluation": "other", "basic science": "lab",
    "other": "other",
}


def study_type(study: dict) -> str | None:
    """The study type, or None when the facts do not tell it (a version-1 line, or no cue)."""
    raw = as_text(get(study, "facts.design.study_type"))
    confidence = get(study, "facts.design.study_type_confidence")
    if raw not in STUDY_KINDS or (raw == "other" and not confidence):
        return None
    return raw


# What each study type is called in a technical summary, in English and Chinese.
DESIGN_NAMES = {
    "rct": ("randomised controlled trial", "随机对照试验"),
    "non-randomised trial": ("non-randomised trial", "非随机对照试验"),
    "single-arm trial": ("single-arm trial", "单臂试验"), "cohort": ("cohort study", "队列研究"),
    "case-control": ("case-control study", "病例对照研究"),
    "cross-sectional": ("cross-sectional study", "横断面研究"),
    "case series": ("case series", "病例系列"), "case report": ("case report", "病例报告"),
    "systematic review": ("systematic review", "系统评价"),
    "meta-analysis": ("meta-analysis", "荟萃分析"),
    "narrative review": ("narrative review", "综述"), "guideline": ("guideline", "指南"),
    "diagnostic accuracy": ("diagnostic accuracy study", "诊断准确性研究"),
    "qualitative": ("qualitative study", "质性研究"),
    "economic evaluation": ("economic evaluation", "经济学评价"),
    "basic science": ("basic science (lab) study", "基础研究"),
    "methods": ("methods study", "方法学研究"), "other": ("other", "其他"),
}
# A trial with a control (placebo, blinding, a control group) whose report does not say
# whether it was randomised: named for what is known, not called non-randomised.
CONTROLLED_TRIAL = ("controlled trial (randomisation not reported)", "对照试验（未报告是否随机）")


def design_name(study: dict) -> dict[str, str] | None:
    """The study type as a technical summary names it: {"en", "zh"}, or None when untold."""
    kind = study_type(study)
    if kind is None:
        return None
    names = DESIGN_NAMES[kind]
    if kind == "non-randomised trial" and "non-randomized" not in tags(study):
        names = CONTROLLED_TRIAL
    return dict(zip(("en", "zh"), names, strict=True))


def study_kind(study: dict) -> str:
    """The kind of study the summary is written for: 'trial', 'observational', 'case',
    'review', 'lab', 'methods', 'qualitative' or 'other'. Without a study type, a study
    that gives a treatment (an intervention or a phase) is a trial."""
    known = study_type(study)
    if known:
        return STUDY_KINDS[known]
    return "trial" if interventions(study) or phase(study) else "other"


def phase(study: dict) -> str | None:
    """The trial phase as Arabic digits ('1', '1/2', '2b'), from '1', 'I', 'phase I/II', 2;
    None when it names no phase."""
    raw = as_text(get(study, "facts.design.phase"))
    if raw is None:
        return None
    found = re.findall(r"(?i)(?<![a-z0-9])(IV|I{1,3}|[0-4])([ab])?(?![a-z0-9])",
                       raw.replace("phase", " ").replace("Phase", " "))
    return "/".join(ARABIC.get(p.upper(), p) + s.lower() for p, s in found) or None


def roman_phase(arabic: str | None) -> str | None:
    """'1/2' → 'I/II', '2b' → 'IIb' (Chinese writes phases in Roman numerals: I 期)."""
    if arabic is None:
        return None
    return "/".join(ROMAN.get(p[:1], p[:1]) + p[1:] for p in arabic.split("/"))


def tags(study: dict) -> list[str]:
    """Design tags normalised: lower case, hyphenated, British 'centre', US 'randomized'."""
    out = []
    for tag in as_list(get(study, "facts.design.tags")):
        t = re.sub(r"[\s_]+", "-", (as_text(tag) or "").lower())
        t = TAG_SPELLINGS.get(t, t)
        if t and t not in out:
            out.append(t)
    return out


def arms(study: dict) -> list[dict[str, Any]]:
    """The study's arms with their sizes, ``[{"name", "n", "own"}]`` (``own``: the name in
    each language in the record's own words, ``facts.wording``, or None); none unless two or
    more are given, each with its size."""
    wording = get(study, "facts.wording")
    wording = wording if isinstance(wording, dict) else {}

    def own(i: int) -> dict[str, str | None]:
        words = wording.get(f"participants.arms[{i}]")
        return {lang: as_text(words.get(lang)) if isinstance(words, dict) else None
                for lang in ("en", "zh")}

    given = [{"name": as_text(a.get("name")), "n": as_int(a.get("n")), "own": own(i)}
             for i, a in enumerate(as_list(get(study, "facts.participants.arms")))
             if isinstance(a, dict)]
    return given if len(given) >= 2 and all(a["n"] is not None for a in given) else []


def sex_counts(study: dict) -> dict[str, Any]:
    """{'all': 'female'|'male'|'mixed'|None, 'female': n|None, 'male': n|None, 'text': str|None,
    'share': {'female': percent|None, 'male': percent|None}}.

    Reads ``sex`` as a string ('female' means every participant was a woman: "six women") or
    a dict of counts, ``sex_counts`` ({'female': 7, 'male': 1}) and ``sex_share`` ({'female':
    66.0}: "66% females", no count given) when present.
    """
    raw = get(study, "facts.participants.sex")
    counts = get(study, "facts.participants.sex_counts")
    share = get(study, "facts.participants.sex_share")
    out: dict[str, Any] = {"all": None, "female": None, "male": None, "text": None,
                           "share": {k: share.get(k) if isinstance(share, dict)
                                     and isinstance(share.get(k), (int, float)) else None
                                     for k in ("female", "male")}}
    for source in (raw, counts):
        if isinstance(source, dict):
            for key, alias in (("female", "women"), ("male", "men")):
                value = as_int(source.get(key, source.get(alias)))
                out[key] = value if value is not None else out[key]
    if isinstance(raw, str) and raw.strip():
        key = raw.strip().lower()
        if key in ("female", "women", "woman"):
            out["all"] = "female"
        elif key in ("male", "men", "man"):
            out["all"] = "male"
        elif key in ("mixed", "both"):
            out["all"] = "mixed" if out["female"] is None and out["male"] is None else None
        else:
            out["text"] = raw.strip()
    return out


def age(study: dict) -> dict[str, Any] | None:
    """{'median'|'mean'|'min'|'max': number|None, 'unit': str, 'text': str|None} or None."""
    raw = get(study, "facts.participants.age")
    if raw is None or raw == "" or raw == {}:
        return None
    if isinstance(raw, dict):
        keys = ("median", "mean", "min", "max")
        out = {k: raw.get(k) if isinstance(raw.get(k), (int, float)) else None for k in keys}
        out["unit"] = raw.get("unit") or "years"
        out["text"] = as_text(raw.get("text"))
        return out if any(out[k] is not None for k in keys) or out["text"] else None
    text = as_text(raw)
    return {"median": None, "mean": None, "min": None, "max": None, "unit": "years",
            "text": text} if text else None


def dose_view(dose: Any) -> dict[str, Any] | None:
    """One dose: {'value', 'unit', 'text', 'sci' ('1×10⁶'), 'millions' (1), 'wan' (100, in
    units of 万 = 10⁴), 'per_kg', 'cells', 'lost_exponent' (bools; the last: the source wrote
    '1×10' with its exponent lost and no record gives it, so the dose is unknown)}."""
    if not isinstance(dose, dict):
        return {"value": None, "unit": None, "text": str(dose), "lost_exponent": False,
                "sci": None, "millions": None, "wan": None, "per_kg": False,
                "cells": False} if dose else None
    value = dose.get("value") if isinstance(dose.get("value"), (int, float)) else None
    unit = dose.get("unit") if isinstance(dose.get("unit"), str) else None
    return {
        "value": value, "unit": unit, "text": as_text(dose.get("text")),
        "lost_exponent": value is None and bool(dose.get("lost_exponent")),
        "sci": scientific(value) if value is not None and value >= 10_000 else None,
        "millions": value / 1e6 if value is not None and value >= 100_000 else None,
        "wan": value / 1e4 if value is not None and value >= 100_000 else None,
        "per_kg": bool(unit) and "/kg" in unit.replace(" ", "").lower(),
        "cells": bool(unit) and "cell" in unit.lower(),
    }


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def scientific(value: float) -> str:
    """1000000 → '1×10⁶', 2500000 → '2.5×10⁶'."""
    exponent = len(str(int(abs(value)))) - 1
    mantissa = value / 10**exponent
    return f"{fmt_num(mantissa, 3)}×10{str(exponent).translate(SUPERSCRIPT)}"


def chinese_wording(study: dict) -> dict[str, str | None]:
    """{'condition', 'intervention', 'comparator'}: each fact in the record's own Chinese
    words (``facts.wording``, read from the aligned Chinese sentence), or None."""
    wording = get(study, "facts.wording")
    wording = wording if isinstance(wording, dict) else {}

    def zh(path: str) -> str | None:
        words = wording.get(path)
        return as_text(words.get("zh")) if isinstance(words, dict) else None

    return {"condition": zh("participants.condition"),
            "intervention": zh("interventions[0].name"), "comparator": zh("comparator")}


def interventions(study: dict) -> list[dict[str, Any]]:
    """[{'name', 'route', 'schedule', 'once', 'doses': [dose_view], 'path'}], skipping empty
    entries and doses marked ``given: false`` (planned but given to no one); ``once`` is True
    for a single administration ('single infusion', 'one dose', 'once')."""
    out = []
    for i, item in enumerate(as_list(get(study, "facts.interventions"))):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            continue
        given = [x for x in as_list(item.get("dose"))
                 if not (isinstance(x, dict) and x.get("given") is False)]
        doses = [d for d in (dose_view(x) for x in given) if d]
        schedule = as_text(item.get("schedule"))
        out.append({"name": as_text(item.get("name")), "route": as_text(item.get("route")),
                    "schedule": schedule, "once": bool(schedule and ONCE.search(schedule)),
                    "doses": doses, "path": f"facts.interventions[{i}]"})
    return out


def comparator(study: dict) -> dict[str, Any]:
    """{'text': str|None, 'none': bool}: none is True only where the design shows no control."""
    raw = get(study, "facts.comparator")
    if isinstance(raw, dict):
        raw = raw.get("name") or raw.get("text")
    if isinstance(raw, list):
        names = [as_text(x.get("name") if isinstance(x, dict) else x) for x in raw]
        raw = ", ".join(n for n in names if n)
    text = as_text(raw)
    if text and text.lower() in ("none", "no comparator", "no control"):
        return {"text": None, "none": True}
    return {"text": text, "none": text is None and bool(NO_COMPARATOR_TAGS & set(tags(study)))}


def outcomes(study: dict, lang: str | None = None) -> list[dict[str, Any]]:
    """[{'name', 'primary': bool|None}], primary ones first (stable order otherwise); with
    ``lang``, only the names written in that language when there are any, else all of them
    (``said_in`` says them in ``lang`` whole or leaves them out)."""
    out = []
    for item in as_list(get(study, "facts.outcomes")):
        if isinstance(item, str):
            item = {"name": item}
        if isinstance(item, dict) and as_text(item.get("name")):
            out.append({"name": as_text(item["name"]), "primary": item.get("primary")})
    if lang:
        out = [o for o in out if has_han(o["name"]) == (lang == "zh")] or out
    # a list of measures each of which is named on its own as well is said once, by its parts
    names = {o["name"] for o in out}
    out = [o for o in out if not _listed_apart(o["name"], names)]
    return sorted(out, key=lambda o: o["primary"] is not True)


LIST_MARK = re.compile(r"[、，,;；]|\band\b|和|及")


def _listed_apart(name: str, names: set[str]) -> bool:
    """Whether ``name`` is a list (``A、B和C``, ``A, B and C``) whose every part is in
    ``names``."""
    parts = [p.strip() for p in LIST_MARK.split(name) if p.strip()]
    return len(parts) > 1 and all(p in names for p in parts)


def results(study: dict) -> list[dict[str, Any]]:
    """Each result with 'n', 'd', 'percent' (as given, else computed), 'percent_round' (whole)."""
    out = []
    for i, item in enumerate(as_list(get(study, "facts.results"))):
        if not isinstance(item, dict):
            item = {"text": str(item)}
        n, d = as_int(item.get("numerator")), as_int(item.get("denominator"))
        percent = item.get("percent") if isinstance(item.get("percent"), (int, float)) else None
        if percent is None and n is not None and d:
            percent = round(100 * n / d, 1)
        ci = item.get("ci") if isinstance(item.get("ci"), list) and len(item["ci"]) == 2 else None
        text = as_text(item.get("text"))
        out.append({
            "text": text, "outcome": as_text(item.get("outcome")), "n": n, "d": d if d else None,
            "percent": fmt_num(percent) if percent is not None else None,
            "percent_round": fmt_num(percent, 0) if percent is not None else None,
            "ci": [fmt_num(c) for c in ci] if ci and all(
                isinstance(c, (int, float)) for c in ci) else None,
            "ci_level": "95" if text and re.search(r"95\s*%", text) else None,
            "p": as_text(item.get("p")), "path": f"facts.results[{i}]", "compared": None,
            "lang": as_text(item.get("lang")), "texts": stating(item),
        })
    return out + compared_values(study)


def compared_values(study: dict) -> list[dict[str, Any]]:
    """Values compared between arms (``97.14% vs 77.14%``) and one group's value of a
    measure (``94.4%``), as result items whose 'compared' says them as the source gives them
    (not 'values': a template's ``r.values`` would be the dict method)."""
    out = []
    for path in ("facts.comparisons", "facts.outcome_values"):
        for i, item in enumerate(as_list(get(study, path))):
            if not isinstance(item, dict):
                continue
            unit = as_text(item.get("unit")) or ""
            numbers = item.get("values") if path == "facts.comparisons" else [item.get("value")]
            if not all(isinstance(v, (int, float)) for v in as_list(numbers)):
                continue
            joined = unit == "%" or has_han(unit)  # "97.14%", "30.9个月"; "83.7 pg/ml"
            said = [f"{fmt_num(v)}{unit if joined else ' ' + unit if unit else ''}"
                    for v in numbers]
            arms = item.get("arms") if isinstance(item.get("arms"), list) else None
            arms = arms if arms and len(arms) == len(said) and all(map(as_text, arms)) else None
            out.append({"text": as_text(item.get("text")), "outcome": as_text(item.get("outcome")),
                        "n": None, "d": None, "percent": None, "percent_round": None,
                        "ci": None, "ci_level": None, "p": as_text(item.get("p")),
                        "path": f"{path}[{i}]", "compared": compared(said, arms),
                        "said": said, "arms": arms, "lang": as_text(item.get("lang")),
                        "texts": stating(item)})
    return out


def stating(item: dict) -> dict[str, str]:
    """The sentence stating a fact in each language: {"en", "zh"} (either may be missing)."""
    texts = item.get("texts") if isinstance(item.get("texts"), dict) else {}
    out = {lang: text for lang in LANGS if (text := as_text(texts.get(lang)))}
    text, lang = as_text(item.get("text")), "zh" if item.get("lang") == "zh" else "en"
    if text:
        out.setdefault(lang, text)
    return out


EFFECT_NAMES = {"HR": ("hazard ratio", "风险比"), "OR": ("odds ratio", "比值比"),
                "RR": ("relative risk", "相对危险度"), "RD": ("risk difference", "率差"),
                "MD": ("mean difference", "均数差"), "IRR": ("incidence rate ratio", "发病率比"),
                "difference": ("difference", "差值"),
                "b": ("regression coefficient", "回归系数"),
                "β": ("standardized regression coefficient", "标准化回归系数"),
                "r": ("correlation coefficient", "相关系数"),
                "ρ": ("rank correlation", "秩相关系数"),
                "α": ("Cronbach's alpha", "克朗巴赫 α 系数"),
                "ICC": ("intraclass correlation", "组内相关系数"), "κ": ("kappa", "kappa 值"),
                "AUC": ("area under the curve", "曲线下面积")}


def effects(study: dict) -> list[dict[str, Any]]:
    """Effect estimates with their 95% CI: [{'measure', 'name': {'en', 'zh'}, 'value',
    'unit', 'ci': [lo, hi] | None, 'p', 'text', 'lang', 'path'}], numbers as the source gives
    them."""
    out = []
    for i, item in enumerate(as_list(get(study, "facts.effects"))):
        if not isinstance(item, dict) or not isinstance(item.get("value"), (int, float)):
            continue
        measure = as_text(item.get("measure")) or "effect"
        ci = item.get("ci") if isinstance(item.get("ci"), list) and len(item["ci"]) == 2 and all(
            isinstance(c, (int, float)) for c in item["ci"]) else None
        en, zh = EFFECT_NAMES.get(measure, (measure, measure))
        out.append({"measure": measure, "name": {"en": en, "zh": zh},
                    "value": fmt_num(item["value"]), "unit": as_text(item.get("unit")) or "",
                    "ci": [fmt_num(c) for c in ci] if ci else None,
                    "p": p_value(item.get("p")), "text": as_text(item.get("text")),
                    "lang": as_text(item.get("lang")), "path": f"facts.effects[{i}]"})
    return out


def p_value(raw: Any) -> str | None:
    """A p value as a reader writes it after "p": ``<0.001`` → ``< 0.001``, ``0.04`` → ``=
    0.04``."""
    text = as_text(raw)
    if not text:
        return None
    op, value = (text[0], text[1:].strip()) if text[0] in "<>=≤≥" else ("=", text)
    return f"{op} {value}"


def compared(values: list[str], arms: list[str] | None) -> str:
    """``97.14% (观察组) vs 77.14% (对照组)``; the values alone without arm names."""
    if arms:
        values = [f"{v} ({arm})" for v, arm in zip(values, arms, strict=True)]
    return " vs ".join(values)


def follow_up(study: dict) -> dict[str, Any] | None:
    """{'text': '20 weeks', 'months': 4.6 or None} from a string or {'value','unit'}."""
    raw = get(study, "facts.follow_up")
    if isinstance(raw, dict):
        raw = f"{fmt_num(raw['value'])} {as_text(raw.get('unit')) or ''}".strip() if isinstance(
            raw.get("value"), (int, float)) else raw.get("text")
    text = as_text(raw)
    if text is None:
        return None
    m = re.search(r"(\d+(?:[.·]\d+)?)\s*(day|week|month|year)", text.lower())
    months = float(m.group(1).replace("·", ".")) * UNIT_MONTHS[m.group(2)] if m else None
    return {"text": text, "months": months}


def setting(study: dict) -> dict[str, Any]:
    """{'centres': int|None, 'countries': [str]}."""
    return {"centres": as_int(get(study, "facts.setting.centres")),
            "countries": [as_text(c) for c in as_list(get(study, "facts.setting.countries"))
                          if as_text(c)]}


def adverse_events(study: dict) -> dict[str, Any]:
    """{'text', 'en', 'zh' (each language's own sentences), 'quote_en', 'quote_zh' (the first
    of them: a lay summary quotes one sentence), 'serious': int|None,
    'grades': [(grade, n)], 'counts': [{'n', 'text'}]}.

    ``serious`` is a count; a yes/no flag is not turned into a count (a summary must not
    say "no one" from a flag). ``grades`` may come as {grade: n} or [{'grade', 'n'}].
    """
    raw = get(study, "facts.adverse_events")
    if isinstance(raw, str):
        raw = {"text": raw}
    raw = raw if isinstance(raw, dict) else {}
    grades = raw.get("grades")
    if isinstance(grades, dict):
        pairs = [(as_text(k), as_int(v)) for k, v in sorted(grades.items(), key=str)]
    else:
        pairs = [(as_text(g.get("grade")), as_int(g.get("n"))) for g in as_list(grades)
                 if isinstance(g, dict)]
    counts = [{"n": as_int(c.get("n")), "text": c.get("text")} for c in as_list(raw.get("counts"))
              if isinstance(c, dict) and as_int(c.get("n")) is not None and c.get("text")]
    texts = raw.get("texts") if isinstance(raw.get("texts"), dict) else {}
    quote_en = first_sentence(as_text(texts.get("en")), "en")
    return {"text": as_text(raw.get("text")),
            "en": as_text(texts.get("en")), "zh": as_text(texts.get("zh")),
            "quote_en": None if unreadable(quote_en) else quote_en,
            "quote_zh": first_sentence(as_text(texts.get("zh")), "zh"),
            "serious": as_int(raw.get("serious")),
            "grades": [(g, n) for g, n in pairs if g and n is not None], "counts": counts}


def first_sentence(text: str | None, lang: str) -> str | None:
    """The first sentence of a text that is wholly in ``lang`` (a quote is one sentence, not a
    pasted paragraph; a Chinese sentence glossed in English, ``粒细胞减少(febrile neutropenia)``,
    is not quoted in a Chinese summary), or None."""
    from summarizer.align.segment import split_sentences

    sentences = split_sentences(text, lang) if text else []
    return next((s.text for s in sentences if not other_language(s.text, lang)), None)


def limits(study: dict) -> list[str]:
    """The limits the design shows, as keys the templates word: 'early-phase', 'small',
    'no-comparator', 'not-randomized', 'open-label', 'short-follow-up', 'single-centre'."""
    out, t = [], set(tags(study))
    if phase(study) and phase(study).split("/")[0] == "1":
        out.append("early-phase")
    n = as_int(get(study, "facts.participants.n_enrolled"))
    if n is not None and n < SMALL_STUDY:
        out.append("small")
    if comparator(study)["none"]:
        out.append("no-comparator")
    elif comparator(study)["text"] and "randomized" not in t and "non-randomized" in t:
        out.append("not-randomized")
    if "open-label" in t:
        out.append("open-label")
    fu = follow_up(study)
    if fu and fu["months"] is not None and fu["months"] < SHORT_FOLLOW_UP_MONTHS:
        out.append("short-follow-up")
    if "single-centre" in t or setting(study)["centres"] == 1:
        out.append("single-centre")
    return out


def sources(study: dict) -> list[str]:
    """The study's source files: ``sources``, else the sources of its ``records``."""
    names = [str(s) for s in as_list(study.get("sources")) if s]
    if not names:
        names = [str(r.get("source")) for r in as_list(study.get("records"))
                 if isinstance(r, dict) and r.get("source")]
    return sorted(set(names))


FIELD_LABELS = {
    "dose": ("dose", "剂量"), "n_enrolled": ("number of people", "人数"),
    "n_screened": ("number of people checked", "筛选人数"), "phase": ("phase", "分期"),
    "sex": ("sex", "性别"), "age": ("age", "年龄"), "condition": ("illness", "疾病"),
    "route": ("route", "给药途径"), "schedule": ("schedule", "给药安排"),
    "results": ("result", "结果"), "follow_up": ("follow-up time", "随访时间"),
    "adverse_events": ("side effects", "不良事件"), "title": ("title", "标题"),
    "journal": ("journal", "期刊"), "year": ("year", "年份"), "doi": ("DOI", "DOI"),
}


def field_label(field: str) -> tuple[str, str]:
    """('dose', '剂量') for 'facts.interventions[0].dose[0].text': the last known key wins."""
    keys = re.findall(r"[A-Za-z_]+", field)
    for key in reversed(keys):
        if key in FIELD_LABELS:
            return FIELD_LABELS[key]
    return (field, field)


def conflict_value(value: dict) -> dict[str, Any]:
    """{'value': as written (its 'text' when given), 'sources': [file names]}."""
    shown = as_text(value.get("text")) or as_text(value.get("value")) or str(value.get("value"))
    names = [str(x.get("source")) if isinstance(x, dict) else str(x)
             for x in as_list(value.get("sources"))]
    return {"value": shown, "sources": sorted(set(names))}


def conflicts(study: dict) -> list[dict[str, Any]]:
    """[{'field', 'label_en', 'label_zh', 'options': [{'value', 'sources'}], 'resolution'}];
    'resolution' is the reason given (or the resolved value when no reason is given)."""
    out = []
    for c in as_list(study.get("conflicts")):
        if not isinstance(c, dict):
            continue
        field = str(c.get("field") or "?")
        en, zh = field_label(field)
        reason = as_text(c.get("reason")) or as_text(c.get("resolution"))
        options = [conflict_value(v) for v in as_list(c.get("values")) if isinstance(v, dict)]
        out.append({"field": field, "label_en": en, "label_zh": zh, "options": options,
                    "resolution": reason,
                    "resolution_zh": resolution_zh(c.get("kind"), options) or reason})
    return out


def resolution_zh(kind: Any, options: list[dict[str, Any]]) -> str | None:
    """How a conflict was settled, in Chinese, from its kind (None for an unknown kind, whose
    reason is then shown as given)."""
    if kind == "lost-exponent" and len(options) == 2:
        kept, lost = options
        return (f"“{lost['value']}”的上标指数在复制时丢失；"
                f"{'、'.join(kept['sources'])} 写作“{kept['value']}”，本文采用后者")
    return {
        "majority": "来源不一致；本文采用多数来源给出的值",
        "no-majority": "来源不一致，且没有多数来源支持的值；本文不采用任何一个值",
        "languages-differ": "同一记录的英文和中文摘要给出的剂量不同；请对照全文核对",
    }.get(kind)


def with_outcome_names(found: list[dict[str, Any]], named: list[dict[str, Any]]) -> list[dict]:
    """Results without an outcome name get the outcome's name when there is exactly one
    result and exactly one primary outcome, or one outcome in all (a single-endpoint study)."""
    primary = [o["name"] for o in named if o["primary"] is True]
    only = primary if len(primary) == 1 else [o["name"] for o in named]
    if len(found) == 1 and len(only) == 1 and not found[0]["outcome"]:
        found[0]["outcome"] = only[0]
    return found


# The sections of a technical summary each kind of study has to report, said or not: a
# narrative review enrols no one and treats no one, so "Intervention: not reported" would be
# noise. A section the facts give something for is shown whatever the kind.
SECTIONS = frozenset({"participants", "intervention", "comparator", "outcomes", "results",
                      "follow_up", "adverse_events"})
SECTIONS_BY_KIND = {
    "trial": SECTIONS,
    "observational": SECTIONS - {"intervention", "adverse_events"},
    "case": SECTIONS - {"comparator"},
    "review": frozenset({"outcomes", "results"}),
    "qualitative": frozenset({"participants", "results"}),
    "methods": frozenset({"participants", "outcomes", "results"}),
    "lab": frozenset({"results"}),
    "other": frozenset({"results"}),
}
# ... but a review that says nothing of what it found has no results to miss either
UNREPORTED_RESULTS = frozenset({"narrative review", "guideline"})


def sections_that_apply(ctx: dict[str, Any]) -> set[str]:
    """The technical summary's sections (``SECTIONS``) to show for ``context``'s study: those
    its kind reports, and any the facts give something for."""
    given = {
        # (a condition alone is what a review or guideline is about, not people it studied)
        "participants": any(ctx[k] is not None for k in ("n_enrolled", "n_screened",
                                                          "n_randomized", "age"))
        or bool(ctx["arms"]) or any(v is not None for k, v in ctx["sex"].items() if k != "share")
        or any(v is not None for v in ctx["sex"]["share"].values()),
        "intervention": any(item.get("name") for item in ctx["interventions"]),
        "comparator": bool(ctx["comparator"].get("text") or ctx["comparator"].get("none")),
        "outcomes": bool(ctx["outcomes"] or ctx["outcomes_zh"]),
        "results": bool(ctx["results"] or ctx["effects"] or any(ctx["finding"].values())),
        "follow_up": bool(ctx["follow_up"]),
        "adverse_events": any(ctx["adverse_events"][k] for k in ("text", "en", "zh", "grades",
                                                                  "counts"))
        or ctx["adverse_events"]["serious"] is not None,
    }
    shown = set(SECTIONS_BY_KIND[ctx["kind"]])
    if ctx["study_type"] == "economic evaluation":  # costs of treatments compared
        shown |= {"intervention", "comparator", "outcomes"}
    if ctx["study_type"] in UNREPORTED_RESULTS:
        shown -= {"outcomes", "results"}
    shown |= {name for name, said in given.items() if said}
    # the follow-up is a line of the results
    return shown if "results" in shown else shown - {"follow_up"}


def context(study: dict) -> dict[str, Any]:
    """Everything a summary template may use; each value None/[] where the facts are silent;
    'applies' names the technical summary's sections to show (``sections_that_apply``)."""
    ctx = _facts_context(study)
    ctx["applies"] = sections_that_apply(ctx)
    return ctx


def _facts_context(study: dict) -> dict[str, Any]:
    ids = study.get("identifiers") if isinstance(study.get("identifiers"), dict) else {}
    ph = phase(study)
    return {
        "study_id": str(study.get("study_id") or "unknown"),
        "title": {lang: as_text(get(study, f"title.{lang}")) for lang in ("en", "zh")},
        "phase": ph, "phase_roman": roman_phase(ph), "tags": tags(study),
        "n_enrolled": as_int(get(study, "facts.participants.n_enrolled")),
        "n_screened": as_int(get(study, "facts.participants.n_screened")),
        "n_randomized": as_int(get(study, "facts.participants.n_randomized")),
        "condition": as_text(get(study, "facts.participants.condition")),
        "in_zh": chinese_wording(study),
        "sex": sex_counts(study), "age": age(study),
        "interventions": interventions(study), "comparator": comparator(study),
        "study_type": study_type(study), "kind": study_kind(study),
        "design_name": design_name(study),
        "exposures": [x for x in map(as_text, as_list(get(study, "facts.exposures"))) if x],
        "n_studies": as_int(get(study, "facts.participants.n_studies")),
        "arms": arms(study),
        "unit": as_text(get(study, "facts.participants.unit")) or "people",
        "animals": animals(study, "en"), "animals_zh": animals(study, "zh"),
        "aim": {lang: as_text(get(study, f"facts.aim.{lang}")) for lang in ("en", "zh")},
        "conclusion": {lang: as_text(get(study, f"facts.conclusion.{lang}"))
                       for lang in ("en", "zh")},
        "finding": {lang: as_text(get(study, f"facts.finding.{lang}")) for lang in ("en", "zh")},
        "run_together": [],  # which of the three ``said_in`` finds run together in English
        "diagnostic": {name: as_text(get(study, f"facts.diagnostic.{name}"))
                       for name in ("index_test", "reference_standard")},
        "outcomes": outcomes(study, "en"), "outcomes_zh": outcomes(study, "zh"),
        "results": with_outcome_names(results(study), outcomes(study)),
        "effects": effects(study),
        "adverse_events": adverse_events(study), "follow_up": follow_up(study),
        "setting": setting(study), "limits": limits(study),
        "doi": [str(x) for x in as_list(ids.get("doi"))],
        "pmid": [str(x) for x in as_list(ids.get("pmid"))],
        "registrations": [str(x) for x in as_list(ids.get("registrations"))],
        "sources": sources(study),
        "links": [{"source": as_text(x.get("source")) or "?", "reason": as_text(x.get("reason")),
                   "confidence": x.get("confidence") if isinstance(
                       x.get("confidence"), (int, float)) else None}
                  for x in as_list(study.get("links")) if isinstance(x, dict)],
        "conflicts": conflicts(study), "left_out": [], "untold": [], "lay_results": [],
        "warnings": [{k: w.get(k) if isinstance(w.get(k), str) else "?"
                      for k in ("kind", "source", "text")}
                     for w in as_list(study.get("warnings")) if isinstance(w, dict)],
    }


# Animals a study's n counts, in English and Chinese: a lay summary says "10 dogs took part"
ANIMALS = {"dogs": "犬", "cats": "猫", "horses": "马", "animals": "动物", "mice": "小鼠",
           "rats": "大鼠"}


def animals(study: dict, lang: str) -> str | None:
    """The animals a study's participants are (``dogs``/``犬``), or None for people and other
    units."""
    unit = as_text(get(study, "facts.participants.unit"))
    if unit not in ANIMALS:
        return None
    return unit if lang == "en" else ANIMALS[unit]


def said_in(context: dict[str, Any], lang: str) -> dict[str, Any]:
    """``context`` for a summary in ``lang`` (``en``/``zh``): each fact phrase in that
    language (the record's own wording first, then the glossary, whole phrases only). A
    phrase that cannot be said wholly in ``lang`` is left out, never half-translated:
    'left_out' lists them ([{'fact', 'text'}], for the provenance file) and 'untold' names
    their facts, so that a template does not call them not reported."""
    out = copy.deepcopy(context)
    left: list[dict[str, str]] = []

    def say(fact: str, text: str | None, own: str | None = None) -> str | None:
        if not text:
            return text
        said = own or (to_zh(text, strict=True) if lang == "zh" else to_en(text, strict=True))
        if said is None or (lang == "en" and has_han(said)):
            left.append({"fact": fact, "text": text})
            return None
        return said

    own = context["in_zh"] if lang == "zh" else {}
    out["condition"] = say("condition", context["condition"], own.get("condition"))
    # outcomes named only in the other language: said whole, or left out
    named = "outcomes" if lang == "en" else "outcomes_zh"
    out[named] = [o for o in ({**o, "name": say("outcome", o["name"])}
                              for o in context[named]) if o["name"]]
    out["exposures"] = [x for x in (say("exposure", e) for e in context["exposures"]) if x]
    for i, item in enumerate(out["interventions"]):
        item["name"] = say("intervention", item["name"],
                           own.get("intervention") if i == 0 else None)
        item["route"] = say("route", item["route"])
        item["schedule"] = say("schedule", item["schedule"])
    out["comparator"]["text"] = say("comparator", context["comparator"]["text"],
                                    own.get("comparator"))
    # all the arms named, or none
    names = [say("arm", arm["name"], arm["own"][lang]) for arm in out["arms"]]
    out["arms"] = [{**arm, "name": name if all(names) else None}
                   for arm, name in zip(out["arms"], names, strict=True)]
    quoted: set[str] = set()
    for r in out["results"]:
        # the sentence a result comes from, quoted once and only when wholly in this language
        text = r["texts"].get(lang)
        r["texts"] = {**r["texts"], lang: text if text and not other_language(text, lang)
                      and not (lang == "en" and unreadable(text)) else None}
        r["text_above"] = text in quoted
        quoted.add(text)
        r["outcome"] = say("outcome", r["outcome"])
        if r.get("arms"):
            arms = [say("arm", arm) for arm in r["arms"]]
            r["compared"] = compared(r["said"], arms if all(arms) else None)
        if lang == "zh":  # units of time in Chinese: 21.5 个月
            r["compared"] = ZH_TIME_UNIT.sub(lambda m: f"{m.group(1)} {ZH_TIME[m.group(2)]}",
                                             r["compared"] or "") or None
        else:  # and in English: 30.9个月 → 30.9 months; a unit it cannot say leaves it out
            said = EN_UNIT.sub(lambda m: f"{m.group(1)} {EN_UNITS[m.group(2)]}",
                               r["compared"] or "")
            r["compared"] = said if said and not has_han(said) else None
    out["lay_results"] = lay_results(out["results"], lang)
    for part in ("aim", "conclusion", "finding"):  # a quote wholly in this language only
        out[part] = {k: v if v and not other_language(v, k) and (
                         k == "en" or count_han(v) >= 0.3 * len(v.replace(" ", "")))
                     else None for k, v in context[part].items()}
    out["run_together"] = _drop_run_together(out)
    # A lay summary quotes the aim only where it is short and wholly in its language (what the
    # study set out to do, not its list of measures), and a finding told in words, without a
    # number, likewise; a finding with its numbers is quoted whole.
    aim, finding = out["aim"][lang], out["finding"][lang]
    out["lay_aim"] = aim if short_quote(aim, lang) else None
    out["lay_finding"] = finding if finding and (FINDING.search(finding)
                                                 or short_quote(finding, lang)) else None
    conclusion = out["conclusion"][lang]
    out["lay_conclusion"] = claim_after_splice(conclusion) if lang == "en" else conclusion
    for name, text in context["diagnostic"].items():
        out["diagnostic"][name] = say(name, text)
    for part in ("sex", "age", "follow_up"):
        if out[part] and out[part].get("text"):
            out[part]["text"] = say(part, out[part]["text"])
    if out["follow_up"] and not out["follow_up"]["text"]:
        out["follow_up"] = None
    out["setting"]["countries"] = [c for c in (say("country", c) for c in
                                               context["setting"]["countries"]) if c]
    # Warnings quote the source; a quote in the other language is named, not given, and
    # facts the quality gate dropped are for studies.jsonl, not for readers.
    out["warnings"] = [{**w, "text": w["text"] if not other_language(w["text"], lang) else None}
                       for w in context["warnings"] if w["kind"] != "dropped-fact"]
    # likewise a value two sources disagree on, and a count of side effects told in words
    out["conflicts"] = [{**c, "options": [{**v, "value": v["value"] if not other_language(
        v["value"], lang) else None} for v in c["options"]]} for c in context["conflicts"]]
    out["adverse_events"]["counts"] = [c for c in context["adverse_events"]["counts"]
                                       if not other_language(c["text"] or "", lang)]
    out["left_out"] = left
    out["untold"] = sorted({x["fact"] for x in left})
    return out


ZH_TIME_UNIT = re.compile(r"(\d) (day|week|month|year)s?\b")
EN_UNITS = {"个月": "months", "周": "weeks", "天": "days", "年": "years", "岁": "years old",
            "小时": "hours", "分钟": "minutes", "分": "points"}
EN_UNIT = re.compile(rf"(\d)\s*({'|'.join(sorted(EN_UNITS, key=len, reverse=True))})")
LAY_RESULTS = 3  # a lay reader gets the main results, not every number of the abstract
QUOTE_WORDS, QUOTE_CHARS = 20, 40  # the longest aim or worded finding a lay summary quotes


def lay_results(results: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The results a lay summary gives: those a reader can follow (a named outcome, or a
    quote in the summary's language: "11 of the 20 people" alone says nothing), each set of
    numbers once (the English and the Chinese sentence may state the same result under two
    names), primary-outcome results first, at most ``LAY_RESULTS``. Each gets 'quote': the
    words of the source it quotes (``result_quote``), or None when it has none in this
    language or an earlier result already quoted them ('quoted_above')."""
    out, quoted, told = [], set(), set()
    for r in results:
        numbers = result_numbers(r)
        if not (r["outcome"] or r["texts"].get(lang)) or numbers and numbers in told:
            continue
        quote = result_quote(r, r["texts"][lang]) if r["texts"].get(lang) else None
        out.append({**r, "quote": None if quote in quoted else quote,
                    "quoted_above": quote is not None and quote in quoted})
        quoted.add(quote)
        told.add(numbers)
        if len(out) == LAY_RESULTS:
            break
    return out


# A comma splice, common in English written as a second language: two clauses, each with its
# verb, the second capitalized: "The possible mechanisms include …, Adrenergic β-antagonists
# maybe promote the healing of wounds and diabetic chronic cutaneous ulcers." A fronted phrase
# ("Compared with placebo, Tamoxifen reduced …") has no verb of its own and is no splice.
SPLICE = re.compile(r",\s+(?=[A-Z][a-z][\w-]*(?:\s+\S+){5,}$)")
CLAIM_VERB = re.compile(r"\b(?:may|maybe|might|can|could|should|will|is|are|was|were|has|have|"
                        r"had|do|does|did|includes?|included|shows?|showed|suggests?|suggested|"
                        r"indicates?|indicated)\b")


def claim_after_splice(text: str | None) -> str | None:
    """A lay summary's quote of a conclusion: the claim after a comma splice, itself a whole
    sentence of the source, else the whole conclusion."""
    splice = list(SPLICE.finditer(text or ""))[-1:]
    if not splice:
        return text
    before, claim = text[:splice[0].start()], text[splice[0].end():]
    return claim if CLAIM_VERB.search(before) and CLAIM_VERB.search(claim) else text


def short_quote(text: str | None, lang: str) -> bool:
    """Whether a lay summary may quote ``text``: at most ``QUOTE_WORDS`` words (``QUOTE_CHARS``
    Chinese characters) outside brackets (an abbreviation spelt out, ``(adipose-derived stem
    cells, ADSCs)``, is no harder to read), wholly in ``lang``."""
    if not text or other_language(text, lang):
        return False
    unbracketed = re.sub(r"\s*[(（][^()（）]*[)）]", "", text)
    if lang == "en":
        return len(unbracketed.split()) <= QUOTE_WORDS
    return count_han(unbracketed) <= QUOTE_CHARS


def result_numbers(result: dict[str, Any]) -> tuple[float, ...]:
    """The numbers a result states, whatever their units are called (``1.7 points``, ``1.7``):
    its compared values, else its count, whole and share."""
    said = re.findall(r"\d+(?:\.\d+)?", " ".join(result.get("said") or []))
    if said:
        return tuple(float(x) for x in said)
    return tuple(float(x) for x in (result["n"], result["d"], result["percent"])
                 if x is not None)


# Above this share of letters in words run together (``text.lexicon.run_together_share``) an
# English sentence is not quoted: on the WMT dev abstracts no sentence reaches 0.25; on ChinaXiv
# papers' English abstracts 37 of 318 do (``Intraoperative controlof infusionand
# multimodalanalgesiaarethebasicconditions``).
RUN_TOGETHER = 0.25


def unreadable(text: str | None) -> bool:
    """Whether English ``text`` has too many words run together to quote."""
    return bool(text) and run_together_share(text) >= RUN_TOGETHER


def _drop_run_together(out: dict[str, Any]) -> list[str]:
    """Set to None the English aim, conclusion and finding of ``out`` whose spaces a PDF
    conversion lost, and name them (the summaries say so rather than "in Chinese only")."""
    dropped = [part for part in ("aim", "conclusion", "finding")
               if unreadable(out[part].get("en"))]
    for part in dropped:
        out[part]["en"] = None
    return dropped


def result_quote(result: dict[str, Any], text: str) -> str:
    """The part of ``text``, a sentence stating ``result``, to quote: the clause between
    semicolons that holds its number when the sentence lists several results
    (``…21.5个月…(P=0.017);…24.9个月…``), else the whole sentence; a semicolon inside brackets
    (``t(14;16)``) ends no clause. The words are the source's, not changed."""
    clauses = [c.strip() for c in _clauses(text) if c.strip()]
    numbers = [str(n) for n in (result.get("said") or []) + [result["n"], result["percent"]]
               if n is not None]
    for clause in clauses if len(clauses) > 1 else []:
        if any(re.search(rf"(?<![\d.]){re.escape(n.split()[0].rstrip('%'))}(?![\d])", clause)
               for n in numbers):
            return clause.rstrip(";；").rstrip()
    return text


def _clauses(text: str) -> list[str]:
    """``text`` cut after each semicolon that is outside brackets."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "(（[【") - (ch in ")）]】")
        if ch in ";；" and depth <= 0:
            out.append(text[start:i + 1])
            start = i + 1
    return [*out, text[start:]]


# Two English words in a row: each of three letters or more, capitalised at most on its first
ENGLISH_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{2,}[\s-]+[A-Za-z][a-z]{2,}(?![A-Za-z])")


def other_language(text: str, lang: str) -> bool:
    """Whether ``text`` holds words of the language other than ``lang``: Chinese characters
    in English, an English phrase (two words or more, ``typical carcinoid``) in Chinese; not
    acronyms and names joined to a word (``pre-COPD``, ``PCR-RFLP``, ``lncRNA-GAS5``)."""
    if lang == "en":
        return has_han(text)
    return bool(ENGLISH_PHRASE.search(text))
