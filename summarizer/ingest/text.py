"""Plain and pasted text: one record per file.

Header lines before the first paragraph are read as a title, affiliations or a citation line
(``Lupus Sci Med. 2022 Jul;9(1). doi: 10.1136/...``); a source note (``From: Bioon``) is left
out; the paragraphs are split by script into English and Chinese runs, and each run into
sections by its headings (one ``other`` section per paragraph where there are none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.ingest.build import REFERENCES, add_sections, finish, new_record, set_title
from summarizer.ingest.fields import find_doi, find_year, lang_of
from summarizer.ingest.sections import label_of
from summarizer.schema import Quarantined, Record
from summarizer.text.script import count_han

AFFILIATION = re.compile(
    r"\b(?:Department|Dept|Division|University|Univ|Hospital|Institute|Center|Centre|College|"
    r"School|Laboratory|Faculty|Clinic)\b|医院|大学|研究所|学院|中心")
CITATION = re.compile(r"\bdoi:\s*10\.|https?://(?:dx\.)?doi\.org/10\.", re.IGNORECASE)
SOURCE_NOTE = re.compile(r"^(?:From|Source|来源|来自)\s*[:：]\s*\S.{0,80}$")
TERMINAL = (".", "。", "!", "?", "！", "？", ")", "）", '"', "”")


def read_text(text: str, source: str) -> Iterator[Record | Quarantined]:
    """One Record over the whole file."""
    record = new_record(text, 0, len(text), source, "text", 0)
    lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", text)
             if m.group(0).strip()]
    body_from = next((i for i, (_, _, line) in enumerate(lines) if _is_paragraph(line, i)),
                     len(lines))
    for i, (_, _, line) in enumerate(lines[:body_from]):
        _header(record, line, first=i == 0)
    runs: list[tuple[str, int, int]] = []
    for start, end, line in lines[body_from:]:
        if REFERENCES.match(line):
            break  # the reference list is other papers' text
        if SOURCE_NOTE.match(line):
            continue
        lang = lang_of(line)
        if runs and runs[-1][0] == lang:
            runs[-1] = (lang, runs[-1][1], end)
        else:
            runs.append((lang, start, end))
    for lang, start, end in runs:
        add_sections(record, start, end, lang, paragraphs=True)
    yield finish(record)


def _is_paragraph(line: str, position: int) -> bool:
    """A body paragraph: prose of some length (12+ words ending a sentence, or after the first
    line, or 30+ words; a Chinese character counts half a word) or a heading; not an
    affiliation or a citation line."""
    if _is_affiliation(line) or CITATION.search(line) and len(line) < 300:
        return False
    words = len(line.split()) + count_han(line) // 2
    long_enough = words >= 12 and (line.endswith(TERMINAL) or position > 0) or words >= 30
    return long_enough or label_of(line) != "other"


def _is_affiliation(line: str) -> bool:
    """``Department of Medicine, ..., Charleston, South Carolina, USA.`` and the like; not
    Chinese prose that names a centre (``收集…福建省多中心19例JMML患儿…。``)."""
    return bool(AFFILIATION.search(line[:80])) and line.count(",") + line.count("，") >= 2 \
        and len(line) < 400 and "。" not in line


def _header(record: Record, line: str, first: bool) -> None:
    """Read one header line into the record: affiliation, citation or (first line) title."""
    if _is_affiliation(line):
        record.affiliations.append(line)
    elif CITATION.search(line):
        record.doi = find_doi(line)
        record.year = find_year(line)
        journal = re.split(r"\.\s", line, maxsplit=1)[0].strip()
        record.journal = journal if len(journal) < 120 else None
    elif first and not line.endswith(TERMINAL[:2]) and not SOURCE_NOTE.match(line):
        set_title(record, line)
