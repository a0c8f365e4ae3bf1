"""MEDLINE reader (PubMed's ``.nbib`` / "PubMed format" ``.txt``).

Biopython's ``Bio.Medline`` parses each record's fields; the abstracts are also located by
offsets so their sections are verbatim slices of the record text, line breaks and the six
spaces that indent continuation lines included (later stages read across them as spaces).
``AB`` is the English abstract; ``OAB`` is an abstract in another language, named by the
``OABL`` that follows it (``chi`` → Chinese). One in neither English nor Chinese is left out
with a warning.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from summarizer.ingest.build import add_sections, finish, line_at, new_record, quarantine, set_title
from summarizer.ingest.fields import find_year, lang_of, normalize_doi
from summarizer.schema import Quarantined, Record, TextWarning

FIELD = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,3}) *- ", re.MULTILINE)
RECORD_START = re.compile(r"^PMID- ", re.MULTILINE)
LANGS = {"chi": "zh", "zho": "zh", "eng": "en"}  # OABL codes (ISO 639-2) read as sections
# PubMed's stand-in for an other-language abstract it does not hold.
PLACEHOLDER = re.compile(r"^(?:Publisher:\s*)?Abstract available from the publisher\.?$",
                         re.IGNORECASE)


def read_medline(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a MEDLINE file; each starts at a ``PMID-`` line."""
    starts = [m.start() for m in RECORD_START.finditer(text)]
    first = FIELD.search(text, 0, starts[0] if starts else len(text))
    shift = 0
    if first is not None:  # a record whose PMID line was lost: counted, not dropped
        shift = 1
        yield quarantine(source, "MEDLINE fields before the first 'PMID- ' line: a record "
                         "without its PMID; re-export it from PubMed", 0,
                         line_at(text, first.start()))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        try:
            yield _record(text, start, end, source, n + shift)
        except ValueError as ex:
            yield quarantine(source, f"unreadable MEDLINE record ({ex}); re-export it from PubMed",
                             n + shift, line_at(text, start))


def _fields(record: Record) -> list[tuple[str, int, int]]:
    """``(tag, value_start, value_end)`` of every field of the record, in order; a value runs
    over its continuation lines, trailing whitespace left out."""
    found = list(FIELD.finditer(record.text))
    spans = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(record.text)
        while end > m.end() and record.text[end - 1].isspace():
            end -= 1
        spans.append((m.group("tag"), m.end(), end))
    return spans


def _abstract_spans(record: Record) -> list[tuple[int, int, str | None]]:
    """``(start, end, code)`` of each abstract: ``AB`` (code None) and ``OAB`` (code: the
    ``OABL`` after it and before the next ``OAB``, '' when there is none)."""
    spans: list[tuple[int, int, str | None]] = []
    for tag, start, end in _fields(record):
        if tag == "AB":
            spans.append((start, end, None))
        elif tag == "OAB":
            spans.append((start, end, ""))
        elif tag == "OABL" and spans and spans[-1][2] == "":
            spans[-1] = (*spans[-1][:2], record.text[start:end].strip().lower())
    return spans


def _add_abstracts(record: Record) -> None:
    """Sections of ``AB`` (language by script) and of each ``OAB`` in Chinese or English;
    PubMed's "Abstract available from the publisher." stand-in is skipped."""
    for start, end, code in _abstract_spans(record):
        value = record.text[start:end]
        if PLACEHOLDER.match(value.strip()):
            continue
        if code is None:
            add_sections(record, start, end)
            continue
        lang = LANGS.get(code) or ("zh" if not code and lang_of(value) == "zh" else None)
        if lang is None:
            record.warnings.append(TextWarning(
                "parse", start, min(end, start + 80), value[:80],
                f"OAB abstract in language {code or '(no OABL)'!r} not read: only English "
                "and Chinese abstracts are"))
            continue
        add_sections(record, start, end, lang)


def _record(text: str, start: int, end: int, source: str, index: int) -> Record:
    """One MEDLINE record over ``text[start:end]``."""
    from Bio import Medline

    record = new_record(text, start, end, source, "medline", index)
    fields = Medline.read(io.StringIO(record.text))
    set_title(record, fields.get("TI"))
    set_title(record, fields.get("TT"))
    _add_abstracts(record)
    record.authors = list(fields.get("FAU") or fields.get("AU") or [])
    record.affiliations = list(dict.fromkeys(fields.get("AD") or []))
    record.journal = fields.get("JT") or fields.get("TA")
    record.year = find_year(fields.get("DP", ""))
    record.pmid = fields.get("PMID")
    ids = list(fields.get("AID") or []) + [fields.get("LID", "")]
    record.doi = next((normalize_doi(v) for v in ids if "[doi]" in v), None)
    record.keywords = list(fields.get("OT") or fields.get("MH") or [])
    record.publication_types = list(fields.get("PT") or [])
    return finish(record)
