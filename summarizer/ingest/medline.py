"""MEDLINE reader (PubMed's ``.nbib`` / "PubMed format" ``.txt``).

Biopython's ``Bio.Medline`` parses each record's fields; the abstract (``AB``, wrapped over
indented lines) is also located by offsets so its sections are verbatim slices of the record
text, line breaks and indentation included.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from summarizer.ingest.build import add_sections, finish, new_record, quarantine, set_title
from summarizer.ingest.fields import find_year, normalize_doi
from summarizer.schema import Quarantined, Record

FIELD = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,3}) *- ", re.MULTILINE)
RECORD_START = re.compile(r"^PMID- ", re.MULTILINE)


def read_medline(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a MEDLINE file; each starts at a ``PMID-`` line."""
    starts = [m.start() for m in RECORD_START.finditer(text)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        try:
            yield _record(text, start, end, source, index)
        except ValueError as ex:
            yield quarantine(source, f"unreadable MEDLINE record ({ex}); re-export it from PubMed",
                             index, text.count("\n", 0, start) + 1)


def _abstract_spans(record: Record) -> list[tuple[int, int]]:
    """``(start, end)`` of each ``AB`` value in the record text (continuation lines kept)."""
    found = list(FIELD.finditer(record.text))
    spans = []
    for i, m in enumerate(found):
        if m.group("tag") == "AB":
            end = found[i + 1].start() if i + 1 < len(found) else len(record.text)
            while end > m.end() and record.text[end - 1].isspace():
                end -= 1
            spans.append((m.end(), end))
    return spans


def _record(text: str, start: int, end: int, source: str, index: int) -> Record:
    """One MEDLINE record over ``text[start:end]``."""
    from Bio import Medline

    record = new_record(text, start, end, source, "medline", index)
    fields = Medline.read(io.StringIO(record.text))
    set_title(record, fields.get("TI"))
    set_title(record, fields.get("TT"))
    for span in _abstract_spans(record):
        add_sections(record, *span)
    record.authors = list(fields.get("FAU") or fields.get("AU") or [])
    record.affiliations = list(dict.fromkeys(fields.get("AD") or []))
    record.journal = fields.get("JT") or fields.get("TA")
    record.year = find_year(fields.get("DP", ""))
    record.pmid = fields.get("PMID")
    ids = list(fields.get("AID") or []) + [fields.get("LID", "")]
    record.doi = next((normalize_doi(v) for v in ids if "[doi]" in v), None)
    record.keywords = list(fields.get("OT") or fields.get("MH") or [])
    return finish(record)
