"""The shared types that flow between pipeline stages.

Every type is a dataclass with ``to_dict()`` and ``from_dict()`` so each stage can be written to
and read back from JSON Lines. Offsets are character offsets (Python ``str`` indices) into
``Record.text``: ``record.text[span.start:span.end] == span.text`` whenever ``start`` is not None.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

LANGS = ("en", "zh")


def _to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {k: _to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_to_dict(v) for v in obj]
    return obj


class JsonMixin:
    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


@dataclass
class TextWarning(JsonMixin):
    """Something a reader must know about a piece of source text.

    kind: one of ``lost-exponent``, ``mojibake``, ``stray-character``, ``full-width``,
    ``traditional``, ``truncated``, ``encoding``, ``unplaced`` (a field that could not be
    located in the source text), ``parse`` (a field a reader could not read), ``markup``
    (an export's entity name left in the text: ``12<middle dot>4``).
    start/end: offsets into ``Record.text`` (None when the warning is about the whole record).
    """

    kind: str
    start: int | None
    end: int | None
    text: str
    message: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TextWarning:
        return cls(**d)


@dataclass
class Section(JsonMixin):
    """One section of an abstract in one language.

    label: canonical name: ``background``, ``objective``, ``methods``, ``results``,
    ``conclusions``, ``registration`` or ``other`` (no heading found).
    heading: the heading as written (``Methods``, ``【目的】``, ``Findings``), or None.
    start/end: offsets of ``text`` in ``Record.text``; None if it cannot be placed verbatim.
    """

    label: str
    lang: str
    text: str
    start: int | None = None
    end: int | None = None
    heading: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(**d)


@dataclass
class Record(JsonMixin):
    """One source document (or one record of a multi-record file), as found.

    text: the record's text as decoded from the file (raw, nothing changed); all offsets of the
    record point into it. ``offset`` is where ``text`` starts in the decoded file, so
    ``offset + start`` is a file offset. ``normalized`` has the same length as ``text``
    (normalization is character for character) so offsets hold in both.
    """

    id: str
    source: str
    format: str
    index: int
    text: str
    offset: int = 0
    line: int | None = None
    normalized: str = ""
    title: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})
    abstract: list[Section] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    registrations: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    # As the source gives them: ``Randomized Controlled Trial`` (PubMed), ``Article`` (WoS),
    # ``Journal Article`` (EndNote, RefWorks, NoteExpress), ``期刊`` (CNKI E-Study).
    publication_types: list[str] = field(default_factory=list)
    kind: str = "article"  # "article" (a study report) or "news" (a text about a study)
    warnings: list[TextWarning] = field(default_factory=list)
    # A paper's methods as its body gives them (paragraphs labelled ``methods``): read only for
    # who took part when the abstract leaves it out; never aligned or quoted.
    body: list[Section] = field(default_factory=list)

    def sections(self, lang: str) -> list[Section]:
        return [s for s in self.abstract if s.lang == lang]

    def abstract_text(self, lang: str) -> str:
        return "\n".join(s.text for s in self.sections(lang))

    @property
    def languages(self) -> list[str]:
        return [lang for lang in LANGS if self.sections(lang) or self.title.get(lang)]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        d = dict(d)
        d["abstract"] = [Section.from_dict(s) for s in d.get("abstract", [])]
        d["warnings"] = [TextWarning.from_dict(w) for w in d.get("warnings", [])]
        d["body"] = [Section.from_dict(s) for s in d.get("body", [])]
        return cls(**d)


@dataclass
class Link(JsonMixin):
    """A probable (not certain) link of a record to a study, e.g. a news article."""

    source: str
    record_id: str
    confidence: float
    reason: str


@dataclass
class Conflict(JsonMixin):
    """Two records of one study disagree on a field; both values are kept."""

    field: str
    values: list[dict[str, Any]]  # [{"value": ..., "sources": [...]}, ...]
    resolution: str | None = None


@dataclass
class Study(JsonMixin):
    """The records that report one trial. ``records`` are full Records; ``links`` are records
    that probably (not certainly) report on it and are not merged into its facts."""

    study_id: str
    records: list[Record]
    links: list[Link] = field(default_factory=list)
    identifiers: dict[str, list[str]] = field(
        default_factory=lambda: {"doi": [], "pmid": [], "registrations": []}
    )
    title: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})
    conflicts: list[Conflict] = field(default_factory=list)
    # Why records without a shared identifier or title are one study ("English/Chinese
    # versions: similarity 0.91, 6 shared numbers").
    reasons: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({r.source for r in self.records})


@dataclass
class Quarantined(JsonMixin):
    """An input (file or record) that could not be read, with the reason."""

    source: str
    reason: str
    index: int | None = None  # record number in the file, when the file held several
    line: int | None = None


@dataclass
class Skipped(Quarantined):
    """An input file that is not a bibliographic record (a README, notes, code), accounted
    for with the reason and not read; not an error."""


@dataclass
class Sentence(JsonMixin):
    """A sentence of one language; start/end into ``Record.text`` (None for presegmented input)."""

    text: str
    lang: str
    start: int | None = None
    end: int | None = None
    section: str | None = None


@dataclass
class Flag(JsonMixin):
    """A QA problem on a bead: kind is ``omission``, ``addition``, ``number-mismatch``,
    ``count-vs-percent`` (milder: a share given as a count on one side), ``unit-mismatch``,
    ``negation``, ``term-inconsistency``, ``untranslated`` or ``lost-exponent``; evidence
    says why; message says in one line what a translator must check."""

    kind: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Bead(JsonMixin):
    """A group of English and Chinese sentences that translate each other (0-based indices)."""

    en: list[int]
    zh: list[int]
    score: float
    flags: list[Flag] = field(default_factory=list)


@dataclass
class Alignment(JsonMixin):
    id: str
    en: list[Sentence]
    zh: list[Sentence]
    beads: list[Bead]
    signature: str = ""


# --- facts of a study (the ``facts`` object of a ``studies.jsonl`` line) --------------------

SCHEMA_VERSION = 2
"""Version of the ``studies.jsonl`` line. 2: study types, sentence roles, arms, comparisons,
outcome values, exposures; a version-1 line (no ``schema_version``) still reads, with those
fields empty."""


def _many(cls: Any, items: Any) -> list[Any]:
    return [cls.from_dict(item) for item in items or []]


class _Plain(JsonMixin):
    """A dataclass read back from its dict as is: an unknown key is an error."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Any:
        return cls(**d)


@dataclass
class Arm(_Plain):
    """An arm or group and its size, named in ``lang``: ``{"name": "观察组", "n": 40}``."""

    name: str
    n: int | float | None = None
    lang: str = "en"


@dataclass
class Design(_Plain):
    """study_type: one of ``summarizer.extract.study_type.STUDY_TYPES``; confidence 0–1;
    tags: design words stated by the study; inferred: tags concluded, not stated."""

    study_type: str = "other"
    study_type_confidence: float = 0.0
    phase: str | None = None
    tags: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)


@dataclass
class Participants(JsonMixin):
    """Counts of the study (``unit``: what n counts, ``people`` or ``eyes``, ``couples``, …;
    ``n_studies``: a review's included studies), arms, sex (``sex_counts``, or
    ``sex_share`` in percent when only a share is given), age ({median|mean, min, max, sd,
    unit}), condition and the population in each language's words."""

    n_screened: int | float | None = None
    n_enrolled: int | float | None = None
    n_randomized: int | float | None = None
    n_analysed: int | float | None = None
    n_studies: int | float | None = None
    unit: str | None = None
    arms: list[Arm] = field(default_factory=list)
    sex: str | None = None
    sex_counts: dict[str, int | float | None] = field(
        default_factory=lambda: {"female": None, "male": None})
    sex_share: dict[str, float | None] = field(  # percent, when no count is given
        default_factory=lambda: {"female": None, "male": None})
    age: dict[str, Any] | None = None
    condition: str | None = None
    text: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Participants:
        return cls(**{**d, "arms": _many(Arm, d.get("arms"))})


@dataclass
class Dose(_Plain):
    """value (and max of a range) in ``unit``; given: false for a dose no one received;
    lost_exponent: the source wrote ``1×10`` for 1×10ⁿ."""

    value: float | int | None
    unit: str | None
    text: str
    max: float | int | None = None
    given: bool | None = True
    lost_exponent: bool = False


@dataclass
class Intervention(JsonMixin):
    name: str | None = None
    route: str | None = None
    schedule: str | None = None
    dose: list[Dose] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Intervention:
        return cls(**{**d, "dose": _many(Dose, d.get("dose"))})


@dataclass
class Outcome(_Plain):
    name: str
    primary: bool | None = None


@dataclass
class Result(_Plain):
    """``numerator`` of ``denominator`` (``percent``) with CI and p, and what was counted."""

    text: str
    lang: str
    numerator: int | float | None = None
    denominator: int | float | None = None
    percent: float | None = None
    ci: list[float] | None = None
    p: str | None = None
    outcome: str | None = None
    texts: dict[str, str] = field(default_factory=dict)  # the sentence stating it, per language


@dataclass
class Comparison(_Plain):
    """Values compared between arms (``97.14% vs 77.14%``), in ``unit``, of ``outcome``."""

    text: str
    lang: str
    values: list[float]
    unit: str | None = None
    arms: list[str] | None = None
    outcome: str | None = None
    p: str | None = None
    primary: bool = False
    texts: dict[str, str] = field(default_factory=dict)  # the sentence stating it, per language


@dataclass
class OutcomeValue(_Plain):
    """One group's value of a measure (``VAS 1.7 ± 1.0``)."""

    text: str
    lang: str
    outcome: str
    value: float
    unit: str | None = None
    sd: float | None = None


@dataclass
class Effect(_Plain):
    """An effect estimate: measure ``HR``/``OR``/``RR``/``RD``/``MD``/…, value, 95% CI, p."""

    text: str
    lang: str
    measure: str
    value: float
    unit: str | None = None
    ci: list[float] | None = None
    p: str | None = None


@dataclass
class Facts(JsonMixin):
    """What a study reports, every field null or empty where its records are silent.
    adverse_events: {text, texts: {en, zh}, serious, counts, grades}; setting: {centres,
    countries, cities}; follow_up_detail: {value, min, max, unit}."""

    design: Design = field(default_factory=Design)
    participants: Participants = field(default_factory=Participants)
    interventions: list[Intervention] = field(default_factory=list)
    exposures: list[str] = field(default_factory=list)
    comparator: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    outcome_values: list[OutcomeValue] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    adverse_events: dict[str, Any] = field(
        default_factory=lambda: {"text": None, "texts": {"en": None, "zh": None},
                                 "serious": None, "counts": [], "grades": []})
    follow_up: str | None = None
    follow_up_detail: dict[str, Any] | None = None
    setting: dict[str, Any] = field(
        default_factory=lambda: {"centres": None, "countries": [], "cities": []})
    registrations: list[str] = field(default_factory=list)
    # A diagnostic-accuracy study's test under study and what it is checked against.
    diagnostic: dict[str, str | None] = field(
        default_factory=lambda: {"index_test": None, "reference_standard": None})
    # Worded facts in both languages: {"participants.condition": {"en": ..., "zh": ...}}.
    wording: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # The study's aim in each language: its aim sentence, or a review's sentence saying what
    # it covers.
    aim: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})
    # The authors' conclusion sentence in each language.
    conclusion: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})
    # The study's first finding in each language: a results sentence with a measured number
    # or a test's verdict, quoted whole (what a summary says when no value is read from it).
    finding: dict[str, str | None] = field(default_factory=lambda: {"en": None, "zh": None})

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Facts:
        d = dict(d)
        d["design"] = Design.from_dict(d.get("design") or {})
        d["participants"] = Participants.from_dict(d.get("participants") or {})
        for name, item in (("interventions", Intervention), ("outcomes", Outcome),
                           ("results", Result), ("comparisons", Comparison),
                           ("outcome_values", OutcomeValue), ("effects", Effect)):
            d[name] = _many(item, d.get(name))
        return cls(**d)
