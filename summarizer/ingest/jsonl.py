"""JSON Lines: one object per line, either a bibliographic object (``title``, ``abstract``,
``doi``, ``pmid``, ``authors`` ..., a field may be a string or a ``{"en": ..., "zh": ...}``
object) or a Record dumped by ``summarizer ingest`` (read back as it was written).

A bibliographic object's record text is its raw line; abstract values are placed in it where
they appear verbatim (a value with JSON escapes such as ``\\n`` is kept unplaced, warned).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from summarizer.ingest.build import add_value_sections, finish, new_record, quarantine, set_title
from summarizer.ingest.fields import find_registrations, find_year, normalize_doi
from summarizer.ingest.normalize import normalize
from summarizer.schema import LANGS, Quarantined, Record, TextWarning

RECORD_KEYS = {"id", "source", "format", "index", "text"}


def read_jsonl(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a JSON Lines file; a line that is not a JSON object is quarantined."""
    index, start = 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _line(text, start, start + len(line), source, index, number)
            index += 1
        start += len(line) + 1


def _line(text: str, start: int, end: int, source: str, index: int,
          line: int) -> Record | Quarantined:
    """The Record (or Quarantined) of one line."""
    try:
        obj = json.loads(text[start:end])
    except json.JSONDecodeError as ex:
        return quarantine(source, f"invalid JSON ({ex.msg} at column {ex.colno}); "
                                  "fix or remove the line", index, line)
    if not isinstance(obj, dict):
        return quarantine(source, f"a JSON {type(obj).__name__} where an object was expected; "
                                  "write one object per line", index, line)
    if RECORD_KEYS <= obj.keys():
        try:
            record = Record.from_dict(obj)
            problem = record_problem(record)
        except TypeError as ex:
            problem = str(ex)
        if problem:
            return quarantine(source, f"not a summarizer Record ({problem}); "
                                      "re-create it with summarizer ingest", index, line)
        return record
    return _bibliographic(obj, text, start, end, source, index)


def record_problem(record: Record) -> str | None:
    """What makes a Record read back from JSON unusable (fields of the wrong type, offsets
    that do not slice its text), else None; an empty ``normalized`` is filled in."""
    for name in ("id", "source", "format", "text", "normalized"):
        if not isinstance(getattr(record, name), str):
            return f"{name} is not a string"
    if not all(_is_int(v) for v in (record.index, record.offset)):
        return "index or offset is not an integer"
    if not isinstance(record.title, dict) or not isinstance(record.abstract, list):
        return "title or abstract has the wrong shape"
    if not record.normalized and record.text:
        record.normalized = normalize(record.text)[0]
    if len(record.normalized) != len(record.text):
        return "normalized text is not as long as the text"
    for n, section in enumerate(record.abstract, start=1):
        if section.lang not in LANGS:
            return f"abstract section {n} is in {section.lang!r}, not 'en' or 'zh'"
        if not isinstance(section.text, str) or not _slices(record, section.start,
                                                            section.end, section.text):
            return f"abstract section {n} is not the record text at its offsets"
    for n, warning in enumerate(record.warnings, start=1):
        if not _slices(record, warning.start, warning.end, None):
            return f"warning {n} has offsets outside the record text"
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _slices(record: Record, start: Any, end: Any, text: str | None) -> bool:
    """True for offsets both None, or in range (and, with ``text``, slicing to it; a PubMed
    XML section decoded from markup decodes from its slice)."""
    if start is None and end is None:
        return True
    if not (_is_int(start) and _is_int(end) and 0 <= start <= end <= len(record.text)):
        return False
    raw = record.text[start:end]
    if text is None or raw == text:
        return True
    if record.format == "pubmed-xml":
        from summarizer.ingest.pubmed_xml import markup_text

        return markup_text(raw).strip() == text
    return False


def _per_lang(obj: dict[str, Any], key: str, record: Record) -> list[tuple[str | None, str]]:
    """``[(lang or None, value)]`` of a field given as ``key``, ``key_en``/``key_zh`` or
    ``{"en": ..., "zh": ...}``; a value under another key of that object (``"fr"``) is not
    read, with a warning on ``record``."""
    values: list[tuple[str | None, str]] = []
    value = obj.get(key)
    if isinstance(value, dict):
        values += [(lang, v) for lang, v in value.items() if isinstance(v, str) and lang in LANGS]
        for lang in sorted(k for k, v in value.items() if k not in LANGS and v):
            record.warnings.append(TextWarning(
                "parse", None, None, "", f"{key} under {lang[:40]!r} not read: only 'en' and "
                "'zh' are"))
    elif isinstance(value, str):
        values.append((None, value))
    values += [(lang, obj[f"{key}_{lang}"]) for lang in ("en", "zh")
               if isinstance(obj.get(f"{key}_{lang}"), str)]
    return values


def _strings(value: Any) -> list[str]:
    """A list field given as a list or a ``;``-separated string."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;；]", value) if v.strip()]
    return []


def _bibliographic(obj: dict[str, Any], text: str, start: int, end: int, source: str,
                   index: int) -> Record:
    """A Record from a bibliographic JSON object on ``text[start:end]``."""
    record = new_record(text, start, end, source, "jsonl", index)
    for _, title in _per_lang(obj, "title", record):
        set_title(record, title)
    after = 0
    for lang, abstract in _per_lang(obj, "abstract", record):
        # a JSON string writes a line break as "\\n": such a value is placed line by line
        escaped = abstract not in record.text and "\n" in abstract
        for line in abstract.split("\n") if escaped else [abstract]:
            after = add_value_sections(record, line, lang, after=after)
    record.authors = _strings(obj.get("authors"))
    record.affiliations = _strings(obj.get("affiliations"))
    record.keywords = _strings(obj.get("keywords"))
    record.journal = obj.get("journal") if isinstance(obj.get("journal"), str) else None
    record.year = find_year(str(obj.get("year", "")))
    record.doi = normalize_doi(str(obj.get("doi", "")))
    record.pmid = str(obj["pmid"]) if obj.get("pmid") else None
    for key in ("registrations", "registration", "nct", "trial_registration"):
        for value in _strings(obj.get(key)):
            record.registrations += [r for r in find_registrations(value)
                                     if r not in record.registrations]
    return finish(record)
