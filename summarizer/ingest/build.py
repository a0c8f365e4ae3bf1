"""Building Records: a record's raw text slice, sections placed by offset, and the finishing
pass every reader ends with (normalization, identifiers found in the text, truncation, news)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache

from summarizer.ingest.fields import find_doi, find_pmid, find_registrations, lang_of
from summarizer.ingest.normalize import normalize, truncation_warning
from summarizer.ingest.sections import split_sections
from summarizer.schema import Quarantined, Record, Section, TextWarning

# Phrases of reporting about a study rather than reporting the study itself.
NEWS_CUES = re.compile(
    r"\b(?:researchers?|scientists|said|says|were presented|was presented|"
    r"announced|press release|the poster|news|reported (?:today|this)|trial reports|"
    r"is now (?:opening|recruiting))\b",
    re.IGNORECASE)
NEWS_MIN_CUES = 3  # cue phrases in all ...
NEWS_MIN_DISTINCT = 2  # ... of at least this many different kinds
# CNKI marks an abstract it made from the first paragraph ``<正>``; NoteExpress and EndNote
# exports write line breaks as ``(#br)``.
LEADING_MARKER = re.compile(r"\s*(?:<正>|(?i:abstract)\s*\(#br\)|\(#br\))\s*")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A reference list's heading: identifiers after it belong to other papers.
REFERENCES = re.compile(
    r"^[ \t#*]*(?:References|REFERENCES|Bibliography|参考文献)[ \t*]*[:：]?[ \t]*$", re.MULTILINE)


def line_at(file_text: str, offset: int) -> int:
    """1-based line number of character ``offset`` in ``file_text`` (a search over the file's
    line starts, so a file of many records is numbered in linear time)."""
    if offset < 50_000:
        return file_text.count("\n", 0, offset) + 1
    return bisect_left(_line_breaks(file_text), offset) + 1


@lru_cache(maxsize=1)
def _line_breaks(file_text: str) -> array:
    """Offsets of the line breaks of the file being read (the last one asked for)."""
    return array("q", (m.start() for m in re.finditer("\n", file_text)))


def new_record(file_text: str, start: int, end: int, source: str, fmt: str,
               index: int) -> Record:
    """An empty Record over ``file_text[start:end]`` (id ``source#index``)."""
    return Record(id=f"{source}#{index}", source=source, format=fmt, index=index,
                  text=file_text[start:end], offset=start, line=line_at(file_text, start))


def quarantine(source: str, reason: str, index: int | None = None,
               line: int | None = None) -> Quarantined:
    """A Quarantined whose reason is one line naming the file, record (1-based) and line."""
    where = []
    if index is not None:
        where.append(f"record {index + 1}")
    if line is not None:
        where.append(f"line {line}")
    place = ", ".join([one_line(source), *where])
    return Quarantined(source=source, reason=f"{place}: {reason}", index=index, line=line)


def one_line(name: str) -> str:
    """``name`` with line breaks and other control characters escaped (``a\\nb.ris``), so that
    a message naming a file stays one line."""
    return CONTROL.sub(lambda m: repr(m.group(0))[1:-1], name)


def add_sections(record: Record, start: int, end: int, lang: str | None = None,
                 paragraphs: bool = False) -> None:
    """Split ``record.text[start:end]`` (an abstract, raw) into sections and add them; an
    export's marker before the text (CNKI's ``<正>``, ``Abstract(#br)``) is left out."""
    marker = LEADING_MARKER.match(record.text, start, end)
    start = marker.end() if marker else start
    block = record.text[start:end]
    record.abstract += split_sections(block, lang or lang_of(block), start, paragraphs)


def add_value_sections(record: Record, value: str, lang: str | None = None,
                       label: str = "other", heading: str | None = None,
                       after: int = 0) -> int:
    """Place an abstract ``value`` (as parsed) in ``record.text`` at or after ``after`` and
    split it into sections; a value not found verbatim becomes one unplaced section with an
    ``unplaced`` warning. Returns where the search may continue."""
    value = value.strip()
    if not value:
        return after
    lang = lang or lang_of(value)
    at = record.text.find(value, after)
    if at < 0:
        record.abstract.append(Section(label, lang, value, None, None, heading))
        record.warnings.append(TextWarning(
            "unplaced", None, None, value[:80],
            f"{label} section ({lang}) is not verbatim in the record text; kept without offsets"))
        return after
    sections = split_sections(value, lang, at)
    if heading is not None and len(sections) == 1 and sections[0].heading is None:
        sections[0].label, sections[0].heading = label, heading
    record.abstract += sections
    return at + len(value)


def set_title(record: Record, value: str | None) -> None:
    """Set the title of the language ``value`` is written in (first one wins)."""
    value = re.sub(r"\s+", " ", value or "").strip()
    if value and record.title.get(lang_of(value)) is None:
        record.title[lang_of(value)] = value


def finish(record: Record, encoding_note: str | None = None, id_end: int | None = None) -> Record:
    """Normalize the text, add warnings, fill ids the fields did not give from the text (before
    ``id_end`` and before a reference list), flag truncated abstracts and decide ``kind``.
    Returns the record."""
    record.normalized, warnings = normalize(record.text)
    record.warnings += warnings
    if encoding_note:
        record.warnings.append(TextWarning("encoding", None, None, "", encoding_note))
    own = record.normalized[:id_end]
    references = REFERENCES.search(own)
    own = own[:references.start()] if references else own
    record.doi = record.doi or find_doi(own)
    record.pmid = record.pmid or find_pmid(own)
    for reg in find_registrations(own):
        if reg not in record.registrations:
            record.registrations.append(reg)
    for lang in ("en", "zh"):
        body = [s for s in record.sections(lang) if s.label != "registration"]
        warning = truncation_warning(body[-1]) if body else None
        if warning:
            record.warnings.append(warning)
    record.kind = "news" if reads_as_news(record) else record.kind
    record.warnings.sort(key=lambda w: (w.start is None, w.start or 0, w.kind))
    return record


def reads_as_news(record: Record) -> bool:
    """True for text about a study (no identifiers, no abstract headings, journalistic
    phrasing: researchers, presented, announced ...) rather than the study's own report."""
    if record.doi or record.pmid or record.registrations:
        return False
    if any(s.heading for s in record.abstract):
        return False
    cues = [c.lower().rstrip("s") for c in NEWS_CUES.findall(record.normalized)]
    return len(cues) >= NEWS_MIN_CUES and len(set(cues)) >= NEWS_MIN_DISTINCT
