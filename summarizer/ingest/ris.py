"""RIS reader (EndNote/Zotero exports), including the one-line RIS of pasted exports where
every tag sits on one line (``TY - JOUR T1 - ... ER -``), which rispy does not parse.

Tags are located with their offsets (rispy's tag table names them), so every value is a
verbatim slice of the record text. A record without its ``ER  -`` end tag is quarantined;
the file's other records are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rispy import TAG_KEY_MAPPING

from summarizer.ingest.build import add_sections, finish, line_at, new_record, quarantine, set_title
from summarizer.ingest.fields import find_year, normalize_doi
from summarizer.schema import Quarantined, Record

_TAGS = "|".join(sorted(TAG_KEY_MAPPING))
LINE_TAG = re.compile(rf"^\ufeff?(?P<tag>{_TAGS}) {{1,2}}-(?: |$)", re.MULTILINE)
INLINE_TAG = re.compile(rf"(?:(?<=^)|(?<=\s))(?P<tag>{_TAGS}) {{1,2}}-(?: |$)", re.MULTILINE)
TITLE_TAGS = ("TI", "T1", "TT", "ST")
JOURNAL_TAGS = ("JF", "T2", "JO", "JA", "J2")
PMID = re.compile(r"^[1-9]\d{0,8}$")
TRUNCATED = "truncated RIS record: no 'ER  -' end tag; re-export the file or close the record"
NO_START = ("RIS tags outside any record: no 'TY  - ' start tag before them; re-export the "
            "file or add the start tag")


def tag_pattern(text: str) -> re.Pattern[str]:
    """Tags at line starts for ordinary RIS; anywhere after a space for one-line RIS."""
    return LINE_TAG if len(LINE_TAG.findall(text)) >= 3 else INLINE_TAG


def read_ris(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a RIS file; a record missing ``ER`` (cut off) becomes a Quarantined, and so do
    tags outside any record (a record whose ``TY`` line was lost)."""
    tags = [(m.group("tag"), m.start("tag"), m.end()) for m in tag_pattern(text).finditer(text)]
    index = 0
    start: int | None = None
    loose: int | None = None  # the first tag after the last record's end, outside any record
    for k, (tag, tag_start, _) in enumerate(tags):
        if tag == "TY":
            if start is not None:
                yield quarantine(source, TRUNCATED, index, line_at(text, start))
                index += 1
            start, loose = tag_start, None
        elif tag == "ER" and start is None:
            if loose is not None:  # tags of a record whose TY line is lost: counted, not dropped
                yield quarantine(source, NO_START, index, line_at(text, loose))
                index += 1
            loose = None
        elif start is None:
            loose = tag_start if loose is None else loose
        elif tag == "ER":
            # The record ends at its line's end, or where the next record starts on the same
            # line (several one-line records pasted together).
            end = text.find("\n", tag_start)
            end = min(len(text) if end < 0 else end,
                      tags[k + 1][1] if k + 1 < len(tags) else len(text))
            yield _record(text, start, end, source, index)
            index += 1
            start = None
    if start is not None:
        yield quarantine(source, TRUNCATED, index, line_at(text, start))
    elif loose is not None:
        yield quarantine(source, NO_START, index, line_at(text, loose))


def _fields(record: Record) -> list[tuple[str, int, int]]:
    """``(tag, value_start, value_end)`` of each tag in the record text, whitespace trimmed."""
    text = record.text
    found = list(tag_pattern(text).finditer(text))
    fields = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        fields.append((m.group("tag"), start, end))
    return fields


def _record(text: str, start: int, end: int, source: str, index: int) -> Record:
    """One RIS record over ``text[start:end]``."""
    record = new_record(text, start, end, source, "ris", index)
    fields = _fields(record)
    values: dict[str, list[str]] = {}
    for tag, vs, ve in fields:
        values.setdefault(tag, []).append(record.text[vs:ve])
        if tag in ("AB", "N2"):
            add_sections(record, vs, ve)
    for tag in TITLE_TAGS:
        for value in values.get(tag, []):
            set_title(record, value)
    record.journal = next((values[t][0] for t in JOURNAL_TAGS if values.get(t)), None)
    record.authors = values.get("AU", []) + values.get("A1", [])
    record.affiliations = values.get("AD", [])
    record.keywords = [k.strip() for v in values.get("KW", []) for k in re.split(r"[;；\n]", v)
                       if k.strip()]
    # Embase and Scopus give the document type in M3 (``Article``, ``Review``); other
    # databases put classification codes there, which tell no publication type.
    record.publication_types = values.get("M3", [])
    record.year = next((find_year(v) for t in ("PY", "Y1", "DA") for v in values.get(t, [])
                        if find_year(v)), None)
    record.doi = next((normalize_doi(v) for v in values.get("DO", []) if normalize_doi(v)), None)
    # PubMed via EndNote puts the PMID in AN, Scopus in C2; other databases put their own
    # accession numbers there (Embase: L-prefixed or 10+ digits), which are not PMIDs.
    record.pmid = next((v for t in ("AN", "C2") for v in values.get(t, []) if PMID.match(v)),
                       None)
    return finish(record)
