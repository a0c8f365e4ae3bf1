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
from summarizer.schema import Quarantined, Record

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
            return Record.from_dict(obj)
        except TypeError as ex:
            return quarantine(source, f"not a summarizer Record ({ex}); "
                                      "re-create it with summarizer ingest", index, line)
    return _bibliographic(obj, text, start, end, source, index)


def _per_lang(obj: dict[str, Any], key: str) -> list[tuple[str | None, str]]:
    """``[(lang or None, value)]`` of a field given as ``key``, ``key_en``/``key_zh`` or
    ``{"en": ..., "zh": ...}``."""
    values: list[tuple[str | None, str]] = []
    value = obj.get(key)
    if isinstance(value, dict):
        values += [(lang, v) for lang, v in value.items() if isinstance(v, str)]
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
    for _, title in _per_lang(obj, "title"):
        set_title(record, title)
    after = 0
    for lang, abstract in _per_lang(obj, "abstract"):
        after = add_value_sections(record, abstract, lang, after=after)
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
