"""Exact trial facts of a study, in English and Chinese, each traced to its source offsets.

``extract_facts(study, tagger=None) -> StudyFacts``. Facts are read from every article record of
the study (both languages) by patterns, and from the PICO tagger's spans when a tagger is given,
then merged: a fact stated by several records (or by both languages of one record) is one fact
with several provenances; values that disagree are all kept in ``conflicts``, resolved when one is
a lost-exponent corruption of the other (``1×10 MSCs/kg`` vs ``1×106 MSCs/kg``). A fact the
sources do not give is null or [], never guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from summarizer.align.segment import heading_label
from summarizer.extract.mentions import BASELINE, Mention, Tagger, study_mentions
from summarizer.extract.patterns import CONTRASTED, HEALTHY_ZH, count_unit, zh_count_unit
from summarizer.extract.quality import clean_wording, gate_mentions, why_malformed
from summarizer.extract.roles import AIM, SCOPE
from summarizer.extract.study_type import (
    COMPARATIVE,
    INTERVENTIONAL,
    OBSERVATIONAL,
    SERIES_CUES,
    TAG_CUES,
    argues,
    decide_study_type,
)
from summarizer.extract.tagger import COMPARISON
from summarizer.schema import LANGS, Alignment, Facts, Record, Study
from summarizer.text.lexicon import may_say, phrase_in_zh
from summarizer.text.numbers import FINDING

DAYS = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass
class StudyFacts:
    """facts: the ``studies.jsonl`` facts object, typed; provenance: dotted path → list of
    ``{"source", "record", "start", "end", "lang"}`` (offsets into the source file);
    conflicts: ``{"field", "values": [{"value", "text", "sources"}], "resolution", "kind",
    "reason"}``, kind one of ``majority``, ``no-majority``, ``languages-differ``,
    ``lost-exponent``;
    warnings: ``{"source", "record", "kind", "start", "end", "text", "message"}``."""

    facts: Facts
    provenance: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"facts": self.facts.to_dict(), "provenance": self.provenance,
                "conflicts": self.conflicts, "warnings": self.warnings}


class _Builder:
    """Collects provenance, conflicts and warnings while the facts are merged."""

    def __init__(self, mentions: list[Mention], records: list[Record]):
        self.records = records
        self.texts = [r.normalized or r.text for r in records]
        self.by_field: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            self.by_field[m.field].append(m)
        if not self.by_field["n_enrolled"]:  # the treated group, else whoever was studied
            treated, studied = self.by_field["n_treated"], self.by_field["n_studied"]
            if treated and studied and max(m.value for m in studied) > max(
                    m.value for m in treated):
                treated = []  # a treated part of a larger whole: "Ten gout patients … underwent
                # DECT scans again" of the 121 studied
            self.by_field["n_enrolled"] = treated or studied
        if not any(self.by_field[f] for f in ("n_enrolled", "n_randomized", "n_analysed",
                                              "n_studies")):
            self.by_field["n_enrolled"] = self.by_field["n_studied_late"][:1]
        self.out = StudyFacts(facts=Facts())
        self.cited: dict[str, list[Mention]] = {}  # path → the mentions cited for it
        self.alignments: dict[str, Alignment] = {}

    def get(self, name: str) -> list[Mention]:
        return self.by_field.get(name, [])

    def cite(self, path: str, mentions: list[Mention]) -> None:
        if not mentions:
            return
        self.cited.setdefault(path, []).extend(mentions)
        entries = self.out.provenance.setdefault(path, [])
        for m in mentions:
            if m.provenance() not in entries:
                entries.append(m.provenance())


def extract_facts(study: Study, tagger: Tagger | None = None,
                  alignments: dict[str, Alignment] | None = None) -> StudyFacts:
    """The facts of one study (see the module docstring); ``tagger(text, lang) -> spans`` adds
    PICO spans: P for the population text and condition, I for the intervention name, O for
    outcomes when no endpoint sentence is found. ``alignments`` (record id → its sentence
    alignment) let a worded fact's other-language wording come from the aligned sentence."""
    mentions, warnings = study_mentions(study, tagger)
    mentions, dropped = gate_mentions(mentions)
    b = _Builder(mentions, study.records)
    b.alignments = alignments or {}
    b.out.warnings += warnings + dropped
    comparator = _scalar(b, "comparator", "facts.comparator", _comparators(b), textual=True)
    design = _design(b, comparator)
    kind = design["study_type"]
    # a review's or a survey's "comparator" is not its design; a case-control study sets its
    # cases against controls, not against "TdP" (a sentence comparing two ECGs)
    if kind not in COMPARATIVE or kind == "case-control" and not re.search(
            r"control|healthy|normal|对照|健康|正常", comparator or "", re.IGNORECASE):
        comparator = None
        b.out.provenance.pop("facts.comparator", None)
        b.cited.pop("facts.comparator", None)
    participants = _participants(b, kind)
    facts = {
        "design": design,
        "participants": participants,
        "interventions": _interventions(b, participants["condition"])
        if kind in INTERVENTIONAL else [],
        "exposures": _exposures(b) if kind in OBSERVATIONAL else [],
        "comparator": comparator,
        "outcomes": _outcomes(b, participants["condition"]),
        "results": _results(b),
        "comparisons": _comparisons(b),
        "outcome_values": _outcome_values(b),
        "effects": _effects(b),
        "adverse_events": _adverse_events(b),
        "follow_up": None, "follow_up_detail": None,
        "setting": {"centres": _scalar(b, "centres", "facts.setting.centres"),
                    "countries": _union(b, "country", "facts.setting.countries"),
                    "cities": _union(b, "city", "facts.setting.cities")},
        "registrations": _union(b, "registration", "facts.registrations"),
        "diagnostic": {name: _scalar(b, name, f"facts.diagnostic.{name}", textual=True)
                       for name in ("index_test", "reference_standard")},
    }
    facts["follow_up"], facts["follow_up_detail"] = _follow_up(b)
    facts["wording"] = _wording(b)
    facts["aim"] = _aim(b)
    facts["conclusion"] = _conclusion(b)
    facts["finding"] = _finding(b)
    b.out.facts = Facts.from_dict(facts)
    return b.out


# --- merging ---------------------------------------------------------------------------------

# Worded facts and the mention fields that word them in each language.
WORDED_PATHS = {"participants.condition": ("condition",),
                "interventions[0].name": ("intervention",), "exposures[0]": ("intervention",),
                "comparator": ("comparator",)}


def _wording(b: _Builder) -> dict[str, dict[str, str | None]]:
    """Each worded fact in both languages: {path: {"en", "zh"}}. The other language's
    wording is the same kind of mention in the same record: from the sentences aligned to the
    shown one when the record has an alignment (none when they hold no such mention), else
    from the sentence at the same place in that language's abstract (the title for a title);
    cited as ``wording.PATH.LANG``; None where that language does not say it."""
    out = {}
    for path, fields in WORDED_PATHS.items():
        cited = b.cited.get(f"facts.{path}")
        if not cited:
            continue
        shown = cited[0]
        words = {shown.lang: shown.value if isinstance(shown.value, str) else None}
        other = "zh" if shown.lang == "en" else "en"
        pool = [m for f in fields for m in b.get(f)
                if m.lang == other and m.record is shown.record and isinstance(m.value, str)]
        alignment = b.alignments.get(shown.record.id)
        if alignment is not None and shown.origin != "title":  # only the aligned sentences
            spans = _aligned_spans(alignment, shown)
            pool = [m for m in pool if any(a <= m.start < z for a, z in spans)]
        # the aligned sentence's phrase that the dictionaries confirm comes first
        twin = _said_in_aligned(alignment, shown, fields[0]) if other == "zh" and (
            alignment is not None or shown.origin == "title") else None
        # a tagger's span must not contradict the dictionaries
        pool = [m for m in pool if m.origin != "tagger" or may_say(_evidence(shown),
                                                                   _evidence(m))]
        twin = twin or min(pool, key=lambda m: (shown.origin == "title" and m.origin != "title",
                                                abs(_place(m) - _place(shown)), m.rank),
                           default=None)
        # in the source's own words: 安慰剂, not the "placebo" its value was normalized to
        words[other] = clean_wording(twin.record.text[twin.start:twin.end]) if twin else None
        if twin:
            b.cite(f"wording.{path}.{other}", [twin])
        out[path] = {"en": words["en"], "zh": words["zh"]}
    return out | _arm_wording(b)


def _arm_wording(b: _Builder) -> dict[str, dict[str, str | None]]:
    """The arms' names in both languages, {"participants.arms[i]": {"en", "zh"}}, when the
    other language of the record that names them names as many arms of the same sizes in
    the same order (``laser`` 69, ``mechanical`` 131 / ``激光组`` 69, ``机械组`` 131)."""
    shown: list[Mention] = []
    while cited := b.cited.get(f"facts.participants.arms[{len(shown)}]"):
        shown.append(cited[0])
    if len(shown) < 2:
        return {}
    lang, record = shown[0].lang, shown[0].record
    other = "zh" if lang == "en" else "en"
    twins: dict[int, list[Mention]] = defaultdict(list)
    for m in b.get("arm"):
        if m.record is record and m.lang == other and all(
                _key(x.value["name"]) != _key(m.value["name"]) for x in twins[m.sentence_start]):
            twins[m.sentence_start].append(m)
    sizes = [m.value["n"] for m in shown]
    twin = next((ms for ms in twins.values() if [m.value["n"] for m in ms] == sizes), None)
    if twin is None:
        return {}
    out = {}
    for i, (m, t) in enumerate(zip(shown, twin, strict=True)):
        b.cite(f"wording.participants.arms[{i}].{other}", [t])
        out[f"participants.arms[{i}]"] = {lang: m.value["name"], other: t.value["name"]}
    return out


def _said_in_aligned(alignment: Alignment | None, shown: Mention, field: str) -> Mention | None:
    """The phrase of the Chinese sentences aligned to ``shown``'s sentence (of the Chinese
    title, for a title's) that says its English wording by the dictionaries
    (``summarizer.text.lexicon.phrase_in_zh``), as a mention of ``field``; None when they do
    not say it."""
    if not isinstance(shown.value, str):
        return None
    text = shown.record.text
    title = shown.record.title.get("zh") if shown.origin == "title" else None
    at = text.find(title) if title else -1
    spans = [(at, at + len(title))] if at >= 0 else [] if shown.origin == "title" else \
        _aligned_spans(alignment, shown)
    for start, end in spans:
        span = phrase_in_zh(text[shown.start:shown.end], text[start:end])
        if span:
            return Mention(field, text[start + span[0]:start + span[1]], shown.record, "zh",
                           start + span[0], start + span[1], text[start:end], start,
                           "aligned", rank=shown.rank)
    return None


def _aligned_spans(alignment: Alignment | None, m: Mention) -> list[tuple[int, int]]:
    """Record offsets of the other language's sentences aligned to the sentence holding ``m``
    ([] without an alignment or when the sentence is in no bead)."""
    if alignment is None:
        return []
    side, far = (alignment.en, alignment.zh) if m.lang == "en" else (alignment.zh, alignment.en)
    held = {i for i, s in enumerate(side) if s.start is not None and s.start <= m.start < s.end}
    spans = []
    for bead in alignment.beads:
        near_ids, far_ids = (bead.en, bead.zh) if m.lang == "en" else (bead.zh, bead.en)
        if held & set(near_ids):
            spans += [(far[i].start, far[i].end) for i in far_ids if far[i].start is not None]
    return spans


def _place(m: Mention) -> float:
    """Where a mention's sentence stands in its language's abstract, 0 (start) to 1 (end)."""
    spans = [(s.start, s.end) for s in m.record.sections(m.lang) if s.start is not None]
    if not spans:
        return 0.0
    start, end = min(a for a, _ in spans), max(z for _, z in spans)
    return min(1.0, max(0.0, (m.sentence_start - start) / max(1, end - start)))


def _key(value: Any) -> str:
    """A comparable key for a value (texts compare case-insensitively)."""
    return value.casefold() if isinstance(value, str) else repr(value)


def _scalar(b: _Builder, name: str, path: str, mentions: list[Mention] | None = None,
            textual: bool = False) -> Any:
    """One value from mentions of several records/languages. Each (record, language) states
    its first value; if they disagree, the conflict is kept and facts get the value most of them
    state (null on a tie). ``textual`` values (names) pick the most frequent, English first,
    without a conflict."""
    mentions = b.get(name) if mentions is None else mentions
    if not mentions:
        return None
    if textual:
        pool = [m for m in mentions if m.lang == "en"] or mentions
        counts = Counter(_key(m.value) for m in pool)
        best = max(pool, key=lambda m: (counts[_key(m.value)], -m.rank))
        b.cite(path, [m for m in mentions if _key(m.value) == _key(best.value)])
        return best.value
    first: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        first.setdefault(m.unit, m)
    votes = Counter(_key(m.value) for m in first.values())
    ranked = votes.most_common()
    winner = ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
    if len(ranked) > 1:
        _conflict(b, path, list(first.values()), winner)
    if winner is None:
        return None
    chosen = [m for m in mentions if _key(m.value) == winner]
    b.cite(path, chosen)
    return chosen[0].value


def _conflict(b: _Builder, path: str, stated: list[Mention], winner: str | None) -> None:
    """Record that (record, language) units state different values for ``path``."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in stated:
        groups[_key(m.value)].append(m)
    values = [{"value": ms[0].value, "text": _evidence(ms[0]),
               "sources": [m.provenance() for m in ms]} for ms in groups.values()]
    resolution = groups[winner][0].value if winner else None
    reason = (f"sources disagree; facts keep the value stated by {len(groups[winner])} of "
              f"{len(stated)} record/language units" if winner
              else "sources disagree and no value is stated by most of them; facts keep null")
    b.out.conflicts.append({"field": path, "values": values, "resolution": resolution,
                            "kind": "majority" if winner else "no-majority", "reason": reason})


def _union(b: _Builder, name: str, path: str) -> list[Any]:
    """Distinct values in reading order; each item cites every mention of it."""
    items: dict[str, list[Mention]] = {}
    for m in b.get(name):
        items.setdefault(_key(m.value), []).append(m)
    for i, ms in enumerate(items.values()):
        b.cite(f"{path}[{i}]", ms)
    return [ms[0].value for ms in items.values()]


def _evidence(m: Mention) -> str:
    return m.record.text[m.start:m.end]


# --- the fields --------------------------------------------------------------------------------

def _design(b: _Builder, comparator: Any) -> dict[str, Any]:
    """{"study_type", "study_type_confidence", "phase", "tags", "inferred"}: the study type
    weighed from its cues (``summarizer.extract.study_type``); a trial with no comparator,
    control group, randomization or blinding reported is ``single-arm`` (listed in
    ``inferred``)."""
    tags = _union(b, "tag", "facts.design.tags")
    study_type, confidence = _study_type(b)
    inferred = []
    armed = {"randomized", "placebo-controlled", "double-blind", "crossover", "single-arm"}
    if study_type == "single-arm trial" and comparator is None and not armed & set(tags):
        tags.append("single-arm")
        inferred.append("single-arm")
    return {"study_type": study_type, "study_type_confidence": confidence,
            "phase": _scalar(b, "phase", "facts.design.phase"), "tags": tags,
            "inferred": inferred}


# Characters of an abstract that make a paragraph: Chinese says in one character what
# English says in about three (WMT Medline abstracts: 0.3-0.4 Chinese per English character)
PARAGRAPH_CHARS = {"en": 400, "zh": 160}


def _study_type(b: _Builder) -> tuple[str, float]:
    """The study type from every record's cues, each cue counted once per language (title
    cues count double) and a language's sum counted once, cited with the cues of the type
    chosen; a dose, or a schedule with a route, or a trial phase counts for a (single-arm)
    trial: a treatment given; so do design tags that tell a trial (``TAG_CUES``)."""
    tagged = [(m, (*TAG_CUES[m.value], f"tag:{m.value}")) for m in b.get("tag")
              if m.value in TAG_CUES]
    cues = [(m, m.value) for m in b.get("study_type")] + tagged
    weights: dict[tuple, float] = {}
    for m, (kind, weight, cue) in cues:
        key = (m.lang, kind, cue)
        weights[key] = max(weights.get(key, 0), weight * (2 if m.origin == "title" else 1))
    by_lang: dict[tuple[str, str], float] = defaultdict(float)
    for (lang, kind, _), weight in weights.items():
        by_lang[lang, kind] += weight
    scores: dict[str, float] = {}
    for (_, kind), weight in by_lang.items():  # a translation does not count twice
        scores[kind] = max(scores.get(kind, 0), weight)
    if b.get("registration"):  # registered in a trial registry: most often a trial
        scores["single-arm trial"] = scores.get("single-arm trial", 0) + 1.5
    if b.get("dose") or b.get("phase") or (b.get("schedule") and b.get("route")):
        scores["single-arm trial"] = scores.get("single-arm trial", 0) + 2
    counted = any(b.get(f) for f in ("n_enrolled", "n_randomized", "n_analysed", "sex", "age",
                                     "person_age", "arm"))
    findings = [m for m in b.get("results") if FINDING.search(m.value)]
    empirical = counted or bool(findings) or any(
        b.get(f) for f in ("result", "effect", "dose", "phase", "comparison", "outcome_value",
                           "study_act"))
    # A review's abstract runs to a paragraph or more; a line or two says too little.
    described = any(len(r.abstract_text(lang)) >= PARAGRAPH_CHARS[lang] for r in b.records
                    for lang in LANGS)
    argued = any(argues(r.abstract_text(lang)) for r in b.records for lang in LANGS)
    people = counted or bool(b.get("people"))  # people studied, counted or not
    study_type, confidence = decide_study_type(list(scores.items()), empirical, described,
                                               people, argued)
    groups = _named_groups(b)
    if study_type == "case series" and groups >= 2:
        # patients' records read in groups given different care, "其中69例…(激光组)，131例
        # …(机械组)": a (retrospective) cohort, not one series
        study_type = "cohort"
    elif study_type == "cohort" and groups < 2 and all(
            value[2] in SERIES_CUES for _, value in cues if value[0] == "cohort"):
        # one group's records read back and followed up, nothing compared: "共有47例…患者
        # 接受Cabrol手术治疗…回顾性分析…随访": a case series
        study_type = "case series"
    b.cite("facts.design.study_type", [m for m, value in cues if value[0] == study_type])
    return study_type, confidence


def _named_groups(b: _Builder) -> int:
    """How many differently named groups with sizes (arms) one record and language gives
    outside its results (whose groups are often outcomes: "再通者34例(再通组)")."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in b.get("arm"):
        if m.role != "results":
            names[m.unit].add(_key(m.value["name"]))
    return max(map(len, names.values()), default=0)


def _participants(b: _Builder, kind: str) -> dict[str, Any]:
    counts = {name: _scalar(b, name, f"facts.participants.{name}")
              for name in ("n_screened", "n_enrolled", "n_randomized", "n_analysed",
                           "n_studies")}
    counts["n_enrolled"] = _arm_total(b, _list_total(b, counts["n_enrolled"]))
    if kind == "case-control":
        counts["n_enrolled"] = _with_controls(b, counts["n_enrolled"])
    sex_counts = _by_sex(b, "sex", "facts.participants.sex_counts")
    sex_share = _by_sex(b, "sex_share", "facts.participants.sex_share")
    given = [s for s, n in sex_counts.items() if n]
    sex = None if not given else given[0] if len(given) == 1 else "mixed"
    whole = counts["n_enrolled"] or counts["n_randomized"]
    if len(given) == 1 and whole and sex_counts[given[0]] < whole:
        sex = "mixed"  # "15 women" of 40: not all of them
    if sex:
        b.cite("facts.participants.sex", b.get("sex"))
    return {**counts, "unit": _unit(b), "arms": _arms(b, whole or counts["n_analysed"],
                                                 _cases_and_controls(b, kind, whole)),
            "sex": sex, "sex_counts": sex_counts,
            "sex_share": sex_share,
            "age": (_scalar(b, "age", "facts.participants.age", _fullest_ages(b.get("age")))
                    if b.get("age") else _persons_age(b)),
            "condition": _condition(b),
            "text": {lang: _population_text(b, lang) for lang in ("en", "zh")}}


# A count that is already everyone: "共纳入120例", "a total of 120"
TOTAL = re.compile(r"(?:共|总|合计|一共|总计|a total of|in total|altogether|overall)\s*\S{0,6}$",
                   re.IGNORECASE)


def _in_group_list(b: _Builder, m: Mention) -> list[Mention]:
    """The groups of the list (``patterns.groups``) whose item holds ``m``, else []."""
    item = next((g for g in b.get("group") if g.record is m.record and g.lang == m.lang
                 and g.start <= m.start < g.end), None)
    if item is None:
        return []
    return [g for g in b.get("group") if g.record is m.record and g.lang == m.lang
            and g.sentence_start == item.sentence_start and g.value["total"] == item.value["total"]]


def _list_total(b: _Builder, n: int | float | None) -> int | float | None:
    """The study's n when the count cited for it is one group of a list (``活动期UC患者40例,
    缓解期UC患者15例，健康对照组15例``): the list's total, the groups cited too."""
    cited = b.cited.get("facts.participants.n_enrolled", [])
    listed = _in_group_list(b, cited[0]) if n and cited else []
    if not listed and n:  # the count cited in one language, the list in the other
        listed = next((_in_group_list(b, g) for g in b.get("group") if g.value["n"] == n), [])
    if not listed or listed[0].value["total"] <= n:
        return n
    b.cite("facts.participants.n_enrolled", listed)
    return listed[0].value["total"]


def _arm_total(b: _Builder, n: int | float | None) -> int | float | None:
    """The study's n when the count cited for it is one arm's size, the others named in the
    same sentence (``以51例…患者为观察组，未行胃造瘘术的63例患者为对照组``): the arms' sum."""
    cited = b.cited.get("facts.participants.n_enrolled", [])
    if not n or not cited:
        return n
    count = cited[0]
    arm = next((a for a in b.get("arm") if a.record is count.record and a.lang == count.lang
                and a.start <= count.start < a.end), None)
    if arm is None:
        return n
    named = {_key(a.value["name"]): a for a in _without_split_groups(
        [a for a in b.get("arm") if a.unit == arm.unit and a.sentence_start == arm.sentence_start])}
    total = sum(a.value["n"] for a in named.values())
    if len(named) < 2 or total <= n:
        return n
    b.cite("facts.participants.n_enrolled", list(named.values()))
    return total


CASES_NAME = {"en": "patients", "zh": "患者"}
CONTROLS_NAME = {"en": "healthy controls", "zh": "健康对照"}


def _count_and_controls(b: _Builder) -> tuple[Mention | None, Mention | None]:
    """The mention first cited for the study's n and the first count of healthy controls,
    each None when there is none."""
    cited = b.cited.get("facts.participants.n_enrolled", [None])
    return cited[0], next(iter(b.get("n_controls")), None)


def _cases_and_controls(b: _Builder, kind: str, n: int | float | None) -> list[Mention]:
    """A case-control study's two groups as arm mentions, {"name", "n"}: the patients (``n``
    less the controls) and the healthy controls, named by the words beside their count
    (``以24例健康志愿者作为对照`` → ``健康志愿者``); [] for other studies."""
    count, control = _count_and_controls(b)
    if kind != "case-control" or not n or not count or not control or n <= control.value:
        return []
    text = control.record.normalized or control.record.text
    near = text[max(0, control.start - 12):control.end + 12]
    healthy = re.search(HEALTHY_ZH if control.lang == "zh" else r"\bhealthy [a-z]+", near)
    name = healthy.group(0) if healthy else CONTROLS_NAME[control.lang]
    return [replace(count, field="arm", value={"name": CASES_NAME[count.lang],
                                                "n": n - control.value}),
            replace(control, field="arm", value={"name": name, "n": control.value})]


def _with_controls(b: _Builder, n: int | float | None) -> int | float | None:
    """A case-control study's n: the patients counted (``n``) and the healthy controls they
    were compared with, said apart (``33例鼻咽癌患者 … 以24例健康志愿者作为对照``); ``n``
    alone when it is already a total or the controls are what it counted."""
    count, control = _count_and_controls(b)
    if not n or not count or not control:
        return n
    # whether the count is a total is read where the controls are said: "A total of 296
    # patients diagnosed with HCC" counts the patients of "…患者296例为肝细胞癌组，…39例…为对照组"
    count = next((m for m in b.get("n_enrolled") if m.lang == control.lang
                  and m.value == count.value), count)
    text = count.record.normalized or count.record.text
    # the controls already counted: by the count itself, or as an arm summed into it
    # ("选取201例AD患者为AD组，…健康体检者257例为对照组" = 458)
    counted = any(c.record is control.record and c.start <= control.start < c.end + 2
                  for c in b.cited["facts.participants.n_enrolled"])
    if counted or _in_group_list(b, control) or TOTAL.search(
            text[max(0, count.start - 12):count.start]):
        return n
    b.cite("facts.participants.n_enrolled", [control])
    return n + control.value


# Between a group and the groups it is split into: "164例…作为病例组(分为胃癌组、结直肠癌组各82例)"
SPLIT_INTO = re.compile(r"分为|其中|包括|including|of whom|among them", re.IGNORECASE)


def _without_split_groups(arms: list[Mention]) -> list[Mention]:
    """The arms of one sentence, in text order, less a group that the next two or more split,
    as ``SPLIT_INTO`` says: the case group of 164 split into gastric and colorectal cancer, 82
    each, is not a third arm."""
    arms = sorted(arms, key=lambda a: a.start)
    kept = []
    for i, arm in enumerate(arms):
        after = arms[i + 1:]
        text = arm.record.normalized or arm.record.text
        split = after and SPLIT_INTO.search(text[arm.end:after[0].start]) and any(
            sum(a.value["n"] for a in after[:k]) == arm.value["n"]
            for k in range(2, len(after) + 1))
        if not split:
            kept.append(arm)
    return kept


def _arms(b: _Builder, n: int | float | None,
          cases_and_controls: list[Mention] | None = None) -> list[dict[str, Any]]:
    """The arms with their sizes, {"name", "n", "lang"}: as the first methods sentence that
    names two or more arms gives them, else the first record and language that does (each
    language names arms in its own words); else the groups of a list whose sizes add up to
    the study's ``n``; else a case-control study's cases and controls; else arms a results
    sentence names."""
    by_sentence: dict[tuple, list[Mention]] = defaultdict(list)
    by_unit: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in b.get("arm"):
        for named in (by_sentence[(*m.unit, m.sentence_start)], by_unit[m.unit]):
            if all(_key(x.value["name"]) != _key(m.value["name"]) for x in named):
                named.append(m)
    # one sentence that names them all ("诱导化疗组242例，标准治疗组238例"), else one record;
    # groups named only in the results are often outcomes ("再通者34例(再通组),未通者16例")
    by_sentence = {key: _without_split_groups(ms) for key, ms in by_sentence.items()}
    named = [ms for ms in [*by_sentence.values(), *by_unit.values()] if len(ms) >= 2]
    chosen = next((ms for ms in named if all(m.role != "results" for m in ms)), [])
    if not chosen and n:
        lists: dict[tuple, list[Mention]] = defaultdict(list)
        for m in b.get("group"):
            lists[(m.unit, m.sentence_start, m.value["total"])].append(m)
        chosen = next((ms for (_, _, total), ms in lists.items() if total == n), [])
    chosen = chosen or cases_and_controls or (named[0] if named else [])
    for i, m in enumerate(chosen):
        b.cite(f"facts.participants.arms[{i}]", [m])
    return [{"name": m.value["name"], "n": m.value["n"], "lang": m.lang} for m in chosen]


def _unit(b: _Builder) -> str | None:
    """What the study's n counts (``people``, ``eyes``, ``couples``), read beside the count
    cited for it; None when no count is given."""
    for name in ("n_randomized", "n_enrolled", "n_analysed"):
        cited = b.out.provenance.get(f"facts.participants.{name}")
        mention = next((m for m in b.get(name) if cited and m.provenance() == cited[0]), None)
        if mention:
            text = mention.record.normalized or mention.record.text
            if mention.lang == "zh":
                return zh_count_unit(text[mention.end:mention.end + 40])
            return count_unit(text[max(0, mention.start - 40):mention.start],
                              text[mention.end:mention.end + 80])
    return None


def _by_sex(b: _Builder, name: str, path: str) -> dict[str, Any]:
    """{"female": value, "male": value} from mentions ``name`` valued {sex: value}."""
    return {sex: _scalar(b, name, f"{path}.{sex}", [replace(m, value=m.value[sex])
                                                   for m in b.get(name) if sex in m.value])
            for sex in ("female", "male")}


def _persons_age(b: _Builder) -> dict[str, Any] | None:
    """The age of a report's patients, each described apart (``The first patient was a
    29-year-old man``, ``the second a 26-year-old woman``): one patient's age as a mean of
    one, several patients' as the youngest and the oldest; None when none is described."""
    ms = b.get("person_age")
    if not ms:
        return None
    unit = ms[0].value["unit"]
    ages = sorted({m.value["age"] for m in ms if m.value["unit"] == unit})
    b.cite("facts.participants.age", [m for m in ms if m.value["unit"] == unit])
    if len(ages) == 1:
        return {"mean": ages[0], "min": None, "max": None, "sd": None, "unit": unit}
    return {"min": ages[0], "max": ages[-1], "sd": None, "unit": unit}


def _fullest_ages(ms: list[Mention]) -> list[Mention]:
    """Ages less a mention that another one says in full: "ranged from 32 to 57 years" is
    part of "32～57 岁，平均 42.1 岁", not a different age."""
    def within(part: dict, whole: dict) -> bool:
        return part != whole and all(whole.get(k) == v for k, v in part.items() if v is not None)
    return [m for m in ms if not any(within(m.value, o.value) for o in ms)]


def _condition(b: _Builder) -> str | None:
    """The condition, abbreviations spelled out where a record defines them (``SLE`` →
    ``systemic lupus erythematosus``); the tagger's P spans add candidates (``with X``) that
    pass the quality gate as a condition (not ``a SLEDAI >6, having failed ...``)."""
    mentions = list(b.get("condition"))
    for m in b.get("population"):
        # "patients with IBD and their parents.": the condition is IBD
        with_ = re.search(r"\bwith\s+(.+?)(?:\s+and\s+(?:their|his|her|the)\b.*)?[\s.,;:]*$",
                          m.value)
        if with_ and why_malformed(with_.group(1), m.lang, "condition") is None:
            start = m.start + with_.start(1)
            mentions.append(replace(m, field="condition", value=with_.group(1),
                                    start=start, end=start + len(with_.group(1))))
    for i, m in enumerate(mentions):
        who = PEOPLE_WITH.match(m.value)  # "youth with IBD": the condition is IBD
        if who and m.lang == "en":
            m = mentions[i] = replace(m, value=m.value[who.end():], start=m.start + who.end())
        m.value = _expand(m.value, b)
    if not mentions:  # kept as the field's mentions, so each language words it
        mentions = b.by_field["condition"] = _defined_condition(b)
    return _scalar(b, "condition", "facts.participants.condition", mentions, textual=True)


def _defined_condition(b: _Builder) -> list[Mention]:
    """The disease a background sentence defines (``Canine atopic dermatitis (cAD) is a common
    ... skin disease``) when the sentences after it or the title name it again, or its
    abbreviation (``the clinical signs associated with cAD``; the title ``Congenital Neck
    Masses``)."""
    found = []
    for m in b.get("condition_defined"):
        name, abbr = m.value["name"], m.value["abbr"]
        named = re.escape(name) + (rf"|(?<![A-Za-z]){re.escape(abbr)}(?![A-Za-z])"
                                   if abbr else "")  # "与cAD相关": no \b between 与 and c
        after = (m.record.normalized or m.record.text)[m.sentence_start + len(m.sentence):]
        titled = m.record.title.get(m.lang) or ""
        if re.search(named, after + "\n" + titled, re.IGNORECASE if m.lang == "en" else 0):
            found.append(replace(m, field="condition", value=_sentence_case(name, after)))
    return found


def _sentence_case(name: str, text: str) -> str:
    """A name that opened its sentence in the case it has inside one: ``canine atopic
    dermatitis``, but ``Parkinson disease`` when ``text`` writes Parkinson so mid-sentence."""
    first = name.split()[0]
    if not first[1:].islower() or re.search(rf"[\w,;] {re.escape(first)}\b", text):
        return name
    return name[0].lower() + name[1:]


PEOPLE_WITH = re.compile(
    r"(?:(?:young|older|adult|pediatric|paediatric)\s+)?(?:youths?|patients?|people|persons?|"
    r"children|adolescents|adults|women|men|participants|subjects|individuals|infants)\s+"
    r"(?:with|suffering from|diagnosed with)\s+", re.IGNORECASE)


def _expand(name: str, b: _Builder) -> str:
    """``SLE`` → ``systemic lupus erythematosus``, ``cAD`` → ``canine atopic dermatitis``,
    when some sentence defines ``... (SLE)``."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z]*[A-Z]", name):
        return name
    for text in b.texts:
        for m in re.finditer(rf"((?:[A-Za-z-]+\s){{1,8}})\({re.escape(name)}\)", text):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):
                initials = "".join(w[0] for w in words[-n:]).upper()
                if initials == name.upper():
                    return " ".join(words[-n:]).lower()
    return name


def _population_text(b: _Builder, lang: str) -> str | None:
    """The tagger's longest P span in ``lang`` that names a population (three words or more;
    six characters in Chinese), else the sentence that gives the enrolled number."""
    spans = [m for m in b.get("population") if m.lang == lang
             and (len(m.value.split()) >= 3 or (lang == "zh" and len(m.value) >= 6))]
    if spans:
        best = max(spans, key=lambda m: (len(m.value), -m.rank))
        b.cite(f"facts.participants.text.{lang}", [best])
        return best.value
    enrolled = [m for m in b.get("n_enrolled") if m.lang == lang]
    if not enrolled:
        return None
    m = enrolled[0]
    whole = replace(m, start=m.sentence_start, end=m.sentence_start + len(m.sentence))
    b.cite(f"facts.participants.text.{lang}", [whole])
    return clean_wording(m.sentence)


def _comparators(b: _Builder) -> list[Mention]:
    """Comparators the patterns read, and the tagger's C spans next to words of a comparison
    (``versus``, ``control``, ``对照``); a lone C span is not enough evidence. The shipped
    tagger already keeps C only in sentences that compare, but any tagger callable can be
    passed in."""
    kept = []
    for m in b.get("comparator"):
        near = m.record.text[max(0, m.start - 60):m.end + 60]
        if INTERVENTION_ARM.search(m.value):
            continue  # the arm compared, not the comparator
        if m.origin != "tagger" or COMPARISON.search(near):
            kept.append(m)
    return kept


INTERVENTION_ARM = re.compile(r"\b(?:intervention|treatment|experimental|study|therapy|active)\s+"
                              r"(?:group|arm)\b|观察组|治疗组|实验组|试验组|研究组|干预组",
                              re.IGNORECASE)


# Words that grade a condition: "controlled hypertension" is who took part, not what they got
CONDITION_GRADE = frozenset({"controlled", "uncontrolled", "severe", "mild", "moderate",
                             "chronic", "acute", "resistant", "refractory", "advanced", "early",
                             "stable", "active", "persistent", "recurrent", "primary",
                             "secondary", "newly", "diagnosed"})


def _is_the_condition(name: str, condition: str | None) -> bool:
    """Whether ``name`` is only the condition, graded: "controlled hypertension" for
    hypertension (a tagger's span of who was randomised)."""
    if not condition or not condition.split():
        return False
    extra = set(name.lower().split()) - set(condition.lower().split())
    return condition.lower().split()[-1] in name.lower().split() and extra <= CONDITION_GRADE


def _interventions(b: _Builder, condition: str | None) -> list[dict[str, Any]]:
    """One intervention (the trials read here have one experimental arm) or none: the title's,
    else the one a sentence sets against its comparator (``CONTRASTED``), else the tagger's;
    never the condition itself (``_is_the_condition``)."""
    names = [m for m in b.get("intervention") if not _is_the_condition(m.value, condition)]
    title = [m for m in names if m.origin == "title"]
    contrasted = [m for m in names if m.origin != "tagger" and CONTRASTED.search(m.sentence)]
    tagged = [m for m in names if m.origin == "tagger"]
    chosen = title or contrasted or tagged or names
    intervention = {
        "name": _scalar(b, "intervention", "facts.interventions[0].name", chosen, textual=True),
        "route": _scalar(b, "route", "facts.interventions[0].route"),
        "schedule": _scalar(b, "schedule", "facts.interventions[0].schedule", textual=True),
        "dose": _doses(b),
    }
    return [intervention] if any(intervention.values()) else []


def _exposures(b: _Builder) -> list[str]:
    """What an observational study compares people by (the names read as interventions in a
    trial): ``self-criticism``, ``robot-assisted screw placement``."""
    name = _scalar(b, "intervention", "facts.exposures[0]", textual=True)
    return [name] if name else []


def _doses(b: _Builder) -> list[dict[str, Any]]:
    """Distinct doses: {"value", "max" (of a range), "unit", "text", "given", "lost_exponent"}.
    A dose whose exponent is gone (``1×10 MSCs/kg``) is resolved by a record that states the
    same mantissa with its exponent (a conflict with the resolution and reason); without one its
    value stays null."""
    known: dict[Any, list[Mention]] = {}
    lost: list[Mention] = []
    for m in b.get("dose"):
        key = m.value["value"] if m.value["max"] is None else (m.value["value"], m.value["max"])
        (known.setdefault(key, []) if m.value["value"] is not None else lost).append(m)
    for m in lost:
        twin = _twin(known, m)
        if twin is None:
            known.setdefault(_lost_key(m), []).append(m)
        else:
            _lost_conflict(b, list(known).index(twin), known[twin], m)
    doses = []
    for i, ms in enumerate(known.values()):
        b.cite(f"facts.interventions[0].dose[{i}]", [m for m in ms if m.value["value"] is not None]
               or ms)
        doses.append(_dose_item(ms))
        if ms[0].value["lost"]:
            b.out.warnings.append(_dose_warning(ms[0], i))
    _language_dose_conflicts(b, known)
    return doses


def _language_dose_conflicts(b: _Builder, known: dict[Any, list[Mention]]) -> None:
    """A record whose English and Chinese abstracts state different sets of doses (``1×10⁶``
    vs ``1×10⁵``): a conflict, unresolved. A lost exponent resolved by a twin is not one."""
    by_unit: dict[tuple[str, str], set] = defaultdict(set)
    first: dict[tuple[str, str], Mention] = {}
    for key, ms in known.items():
        for m in ms:
            by_unit[m.unit].add(repr(key))
            first.setdefault(m.unit, m)
    for record_id in dict.fromkeys(rid for rid, _ in by_unit):
        en, zh = by_unit.get((record_id, "en")), by_unit.get((record_id, "zh"))
        if en and zh and en != zh:
            stated = [first[(record_id, "en")], first[(record_id, "zh")]]
            b.out.conflicts.append({
                "field": "facts.interventions[0].dose",
                "values": [{"value": sorted(by_unit[m.unit]), "text": _evidence(m),
                            "sources": [m.provenance()]} for m in stated],
                "resolution": None,
                "kind": "languages-differ",
                "reason": f"the English and Chinese abstracts of {record_id} state different "
                          "doses; check both against the full text"})


def _lost_key(m: Mention) -> tuple[str, float, str | None]:
    """One key for the mentions of one dose whose exponent is gone (``1×10 MSCs/kg``)."""
    return ("lost", m.value["mantissa"], m.value["unit"])


def _twin(known: dict[Any, list[Mention]], m: Mention) -> float | None:
    """The known dose with the same mantissa and a compatible unit, if exactly one."""
    twins = {value for value, ms in known.items() if isinstance(value, float)
             and any(k.value["mantissa"] == m.value["mantissa"] and k.value["exponent"]
                     and k.value["unit"] in (m.value["unit"], None) for k in ms)}
    return twins.pop() if len(twins) == 1 else None


def _lost_conflict(b: _Builder, index: int, twins: list[Mention], m: Mention) -> None:
    """``1×10`` here vs ``1×106`` elsewhere: keep both, resolve to the stated exponent."""
    path = f"facts.interventions[0].dose[{index}]"
    existing = next((c for c in b.out.conflicts if c["field"] == path), None)
    if existing:
        existing["values"][1]["sources"].append(m.provenance())
        return
    value = twins[0].value
    power = f"{_format(value['mantissa'])}×10{str(value['exponent']).translate(SUPERSCRIPT)}"
    b.out.conflicts.append({
        "field": path,
        "values": [{"value": _format(value["value"]), "text": _evidence(twins[0]),
                    "sources": [t.provenance() for t in twins]},
                   {"value": None, "text": _evidence(m), "sources": [m.provenance()]}],
        "resolution": _format(value["value"]),
        "kind": "lost-exponent",
        "reason": f"'{_evidence(m)}' is '{power}' with its exponent lost (a superscript dropped "
                  f"in copying); {twins[0].record.source} states {_evidence(twins[0])!r}",
    })


def _dose_item(ms: list[Mention]) -> dict[str, Any]:
    givens = [m.value["given"] for m in ms]
    given = False if False in givens else True if True in givens else None
    unit = next((m.value["unit"] for m in ms if m.value["unit"]), None)
    shown = next((m for m in ms if m.value["unit"]), ms[0])
    return {"value": _format(ms[0].value["value"]), "max": _format(ms[0].value["max"]),
            "unit": unit, "text": _dose_text(shown), "given": given,
            "lost_exponent": any(m.value["lost"] for m in ms)}


def _dose_text(m: Mention) -> str:
    """The dose as written, with its unit when the unit follows at once (``1×106 MSCs/kg``)."""
    tail = re.match(r"\s?(?:[\w-]*(?:cells?|MSCs?)\s?)?(?:/|per\s)\s?kg", m.record.text[m.end:])
    return m.record.text[m.start:m.end + (tail.end() if tail else 0)]


def _dose_warning(m: Mention, index: int) -> dict[str, Any]:
    value = m.value
    if value["value"] is None:
        message = (f"dose {_evidence(m)!r} has lost its exponent and no record states it; "
                   f"facts.interventions[0].dose[{index}] value is null")
    else:
        message = (f"dose {_evidence(m)!r} read as {_format(value['mantissa'])}×10"
                   f"{str(value['exponent']).translate(SUPERSCRIPT)} = {_format(value['value'])} "
                   f"(facts.interventions[0].dose[{index}])")
    prov = m.provenance()
    return {"source": prov["source"], "record": prov["record"], "kind": "lost-exponent",
            "start": prov["start"], "end": prov["end"], "text": _evidence(m), "message": message}


def _format(value: float | int | None) -> float | int | None:
    """1000000.0 → 1000000; 12.4 stays 12.4."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _outcomes(b: _Builder, condition: str | None) -> list[dict[str, Any]]:
    """Endpoints in English when any English record states them, else Chinese, else the
    tagger's O spans, less the condition studied (``cAD`` of ``canine atopic dermatitis``).
    An only endpoint that is not called primary or secondary is primary."""
    stated = [m for m in b.get("outcome") if m.origin != "tagger"]
    en = [m for m in stated if m.lang == "en"]
    tagged = [m for m in b.get("outcome") if m.origin == "tagger" and not (
        condition and _expand(m.value["name"], b).casefold() == condition.casefold())]
    chosen = en or stated or tagged
    items: dict[str, list[Mention]] = {}
    for m in chosen:
        items.setdefault(m.value["name"].casefold(), []).append(m)
    outcomes = []
    for i, ms in enumerate(items.values()):
        flags = {m.value["primary"] for m in ms}
        primary = True if True in flags else False if False in flags else None
        outcomes.append({"name": ms[0].value["name"], "primary": primary})
        b.cite(f"facts.outcomes[{i}]", ms)
    if len(outcomes) == 1 and outcomes[0]["primary"] is None and chosen[0].origin != "tagger":
        outcomes[0]["primary"] = True
    return outcomes


def _results(b: _Builder) -> list[dict[str, Any]]:
    """Distinct results (same numerator, denominator and percent; a count and its share said
    without the whole, "14 cases (73.68%)", joins the x of n with that count and share); a
    result whose percent or CI differs between records or languages for the same x of n is a
    conflict."""
    items: dict[tuple, list[Mention]] = {}
    for m in sorted(b.get("result"), key=lambda m: m.value["denominator"] is None):  # x of n first
        v = m.value
        key = (v["numerator"], v["denominator"], v["percent"])
        if v["denominator"] is None:
            key = next((k for k in items if k[0] == key[0] and k[2] == key[2]), key)
        items.setdefault(key, []).append(m)
    results = []
    for i, ((_, whole, _), ms) in enumerate(items.items()):
        shown = next((m for m in ms if m.lang == "en"), ms[0])
        value = {**shown.value, "denominator": whole}
        value["ci"] = next((m.value["ci"] for m in ms if m.value["ci"]), None)
        value["p"] = next((m.value["p"] for m in ms if m.value["p"]), None)
        cis = {repr(m.value["ci"]) for m in ms if m.value["ci"]}
        if len(cis) > 1:
            _conflict(b, f"facts.results[{i}].ci", _first_per_unit(ms), None)
        results.append({"text": _quote(shown), "lang": shown.lang, **value,
                        "texts": _texts(ms)})
        b.cite(f"facts.results[{i}]", ms)
    _percent_conflicts(b, list(items.values()))
    return results


def _comparisons(b: _Builder) -> list[dict[str, Any]]:
    """Distinct values compared between arms (same values and unit): {"text", "lang",
    "values", "unit", "arms", "outcome", "p", "primary"}; English wording first, the arms
    and outcome of whichever language names them."""
    items: dict[tuple, list[Mention]] = {}
    for m in b.get("comparison"):
        items.setdefault((tuple(m.value["values"]), m.value["unit"]), []).append(m)
    out = []
    for i, ms in enumerate(items.values()):
        shown = next((m for m in ms if m.lang == "en"), ms[0])
        value = dict(shown.value)
        value["p"] = next((m.value["p"] for m in ms if m.value["p"]), None)
        value["outcome"] = next((m.value["outcome"] for m in ms if m.value["outcome"]
                                 and not why_malformed(m.value["outcome"], m.lang, "outcome")),
                                None)
        # arms named apart and well formed ("30.9 (治疗组) vs 11.5 (治疗组)" names none)
        value["arms"] = next((m.value["arms"] for m in ms if m.value["arms"]
                              and len(set(m.value["arms"])) == len(m.value["arms"])
                              and not any(why_malformed(a, m.lang, "arm")
                                          for a in m.value["arms"])), None)
        out.append({"text": _quote(shown), "lang": shown.lang, **value,
                    "texts": _texts(ms)})
        b.cite(f"facts.comparisons[{i}]", ms)
    return out


def _quote(m: Mention) -> str:
    """The sentence of ``m`` to quote, wrapping removed; a Chinese one keeps its full-width
    punctuation as written (``，（）``: the normalized text has ASCII forms, for the patterns)."""
    text = m.sentence
    raw = m.record.text[m.sentence_start:m.sentence_start + len(text)]
    if m.lang == "zh" and len(raw) == len(text):
        text = "".join(r if FULL_WIDTH_PUNCTUATION.fullmatch(r) else t
                       for r, t in zip(raw, text, strict=True))
    return clean_wording(text)


FULL_WIDTH_PUNCTUATION = re.compile(r"[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]")


def _texts(ms: list[Mention]) -> dict[str, str]:
    """The first sentence stating a fact in each language, wrapping removed."""
    texts: dict[str, str] = {}
    for m in ms:
        texts.setdefault(m.lang, _quote(m))
    return texts


def _aim(b: _Builder) -> dict[str, str | None]:
    """The study's aim in each language: its first aim sentence (``To investigate ...``,
    under an Objective heading), or the sentence in which a review says what it covers
    (``This paper analyzes ...``, ``本文综述了 ...``); one that says so in words (``we aimed
    to``) before the background an Objective section may open with; whole, wrapping
    removed."""
    out: dict[str, str | None] = {"en": None, "zh": None}
    for lang in out:
        said = sorted((m for m in b.get("aim") if m.lang == lang
                       and heading_label(m.value) is None),
                      key=lambda m: not (AIM.search(m.value) or SCOPE.search(m.value)))
        if said:
            out[lang] = _quote(said[0])
            b.cite(f"facts.aim.{lang}", said[:1])
    return _in_both(b, "aim", out)


def _conclusion(b: _Builder) -> dict[str, str | None]:
    """The authors' conclusion in each language: the first conclusion sentence of the first
    record that has one, one under a Conclusions heading before one told by its words (``As
    these imaging findings suggested ...`` in a case's story); the whole sentence, as written,
    wrapping removed."""
    out: dict[str, str | None] = {"en": None, "zh": None}
    for lang in out:
        said = sorted((m for m in b.get("conclusion") if m.lang == lang),
                      key=lambda m: not _under_conclusions(m))
        if said:
            out[lang] = _quote(said[0])
            b.cite(f"facts.conclusion.{lang}", said[:1])
    return _in_both(b, "conclusion", out)


def _under_conclusions(m: Mention) -> bool:
    return any(s.label == "conclusions" and s.start <= m.sentence_start < s.end
               for s in m.record.abstract)


def _finding(b: _Builder) -> dict[str, str | None]:
    """The study's first finding in each language: the first results sentence that reports a
    measured number or a test's verdict (``FINDING``), else the first results sentence (``We
    found that effect sizes in the community clinic were smaller``: a finding in words),
    whole, wrapping removed."""
    out: dict[str, str | None] = {"en": None, "zh": None}
    followed = {(m.record.id, m.sentence_start) for m in b.get("follow_up")}
    for lang in out:
        # not how alike the groups were at the start; how long they were followed, or a
        # sentence cut off at an unclosed bracket (its P value lost), only when no other says it
        said = sorted((m for m in b.get("results") if m.lang == lang
                       and not BASELINE.search(m.value)),
                      key=lambda m: (not FINDING.search(m.value),
                                     (m.record.id, m.sentence_start) in followed,
                                     _cut_off(m.value)))
        if said:
            out[lang] = _quote(said[0])
            b.cite(f"facts.finding.{lang}", said[:1])
    return _in_both(b, "finding", out)


def _cut_off(sentence: str) -> bool:
    """Whether a sentence ends at a bracket it opens (``… between the two groups (``)."""
    return bool(re.search(r"[(（\[]\s*$", sentence))


def _in_both(b: _Builder, part: str, out: dict[str, str | None]) -> dict[str, str | None]:
    """``out`` ({"en", "zh"} sentences of ``part``) with a language the roles found nothing
    in filled from the sentences aligned to the other's: a bilingual record's Chinese
    conclusion is the translation of its English one, whatever words it opens with."""
    for lang, other in (("en", "zh"), ("zh", "en")):
        cited = b.cited.get(f"facts.{part}.{other}")
        if out[lang] or not cited:
            continue
        shown = cited[0]
        spans = _aligned_spans(b.alignments.get(shown.record.id), shown)
        if not spans:
            continue
        start, end = min(a for a, _ in spans), max(z for _, z in spans)
        text = (shown.record.normalized or shown.record.text)[start:end]
        aligned = Mention(part, text, shown.record, lang, start, end, text, start, "aligned",
                          shown.role)
        b.cite(f"facts.{part}.{lang}", [aligned])
        out[lang] = _quote(aligned)
    return out


def _outcome_values(b: _Builder) -> list[dict[str, Any]]:
    """Distinct values of a measure in one group (same outcome, value and unit), the
    English first: {"text", "lang", "outcome", "value", "unit", "sd"}."""
    items: dict[tuple, list[Mention]] = {}
    for m in b.get("outcome_value"):
        v = m.value
        items.setdefault((v["value"], v["unit"]), []).append(m)
    out = []
    for i, ms in enumerate(items.values()):
        shown = next((m for m in ms if m.lang == "en"), ms[0])
        value = dict(shown.value)
        if value["outcome"] and why_malformed(value["outcome"], shown.lang, "outcome"):
            value["outcome"] = None  # "including proteasome inhibitor ...)": no measure's name
        out.append({"text": _quote(shown), "lang": shown.lang, **value})
        b.cite(f"facts.outcome_values[{i}]", ms)
    return out


def _effects(b: _Builder) -> list[dict[str, Any]]:
    """Distinct effect sizes (same measure, value and CI): {"text", "lang", "measure", "value",
    "unit", "ci", "p"}; the text is the English sentence when one states it."""
    items: dict[str, list[Mention]] = {}
    for m in b.get("effect"):
        v = m.value
        items.setdefault(repr((v["measure"], v["value"], v["ci"])), []).append(m)
    effects = []
    for i, ms in enumerate(items.values()):
        shown = next((m for m in ms if m.lang == "en"), ms[0])
        p = next((m.value["p"] for m in ms if m.value["p"]), None)
        effects.append({"text": _quote(shown), "lang": shown.lang,
                        **shown.value, "p": p})
        b.cite(f"facts.effects[{i}]", ms)
    return effects


def _first_per_unit(ms: list[Mention]) -> list[Mention]:
    seen: dict[tuple[str, str], Mention] = {}
    for m in ms:
        seen.setdefault(m.unit, m)
    return list(seen.values())


def _percent_conflicts(b: _Builder, groups: list[list[Mention]]) -> None:
    """Same x of n with a different percent (``83.3%`` vs ``83%``): a conflict, unresolved.
    Counts without their whole are not compared: ``8例（40%）`` and ``8例（73%）`` are eight of
    different groups."""
    by_fraction: dict[tuple, list[Mention]] = defaultdict(list)
    for ms in groups:
        if ms[0].value["percent"] is not None and ms[0].value["denominator"] is not None:
            by_fraction[(ms[0].value["numerator"], ms[0].value["denominator"])].append(ms[0])
    for (n, d), firsts in by_fraction.items():
        if len(firsts) > 1:
            _conflict(b, f"facts.results (x of n = {n}/{d}).percent", firsts, None)


AE_SERIOUS_RELATED = (True, None)


def _adverse_events(b: _Builder) -> dict[str, Any]:
    """{"text", "texts", "serious", "counts", "grades"}: text is the adverse-event sentences of
    the first record (English first), texts those of each language ({"en", "zh"}); serious
    is True when a serious event that is not called unrelated is counted, False when the
    sources state none, else null."""
    texts = b.get("ae_text")
    text, in_lang = None, {}
    if texts:
        unit = texts[0].unit
        chosen = [m for m in texts if m.unit == unit]
        text = clean_wording(" ".join(m.value for m in chosen))
        b.cite("facts.adverse_events.text", chosen)
    for lang in LANGS:  # each language's own sentences, for a summary in that language
        said = [m for m in texts if m.lang == lang]
        said = [m for m in said if m.unit == said[0].unit]
        in_lang[lang] = clean_wording(" ".join(m.value for m in said)) if said else None
        if said:
            b.cite(f"facts.adverse_events.texts.{lang}", said)
    counts = _union(b, "ae_count", "facts.adverse_events.counts")
    grades = _union(b, "ae_grade", "facts.adverse_events.grades")
    serious_counts = [c for c in counts if c["serious"] and c["related"] in AE_SERIOUS_RELATED]
    serious = (True if any(c["n"] for c in serious_counts)
               else False if serious_counts else None)
    return {"text": text, "texts": in_lang, "serious": serious, "counts": counts,
            "grades": grades}


def _follow_up(b: _Builder) -> tuple[str | None, dict[str, Any] | None]:
    """The longest follow-up each record states (``12 months``, ``12·4 months (range
    12-13)``); without one, the time at which the endpoint was assessed (``by 20 weeks``)."""
    stated = b.get("follow_up") or b.get("endpoint_time")
    longest: dict[tuple[str, str], Mention] = {}
    for m in stated:
        days = m.value["value"] * DAYS[m.value["unit"]]
        best = longest.get(m.unit)
        if best is None or days > best.value["value"] * DAYS[best.value["unit"]]:
            longest[m.unit] = m
    chosen = [m for m in stated if any(m.value == k.value for k in longest.values())]
    detail = _scalar(b, "follow_up", "facts.follow_up", chosen)
    if detail is None:
        return None, None
    text = f"{_format(detail['value'])} {detail['unit']}"
    if detail["min"] is not None:
        text += f" (range {_format(detail['min'])}-{_format(detail['max'])})"
    return text, detail
