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
    ``term-inconsistency``, ``untranslated`` or ``lost-exponent``; evidence says why."""

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
