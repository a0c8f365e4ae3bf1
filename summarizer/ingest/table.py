"""Exports written as a table, one record a row under a header row of column names.

- ``scopus-csv``: Scopus CSV (``Authors,Author full names,...,Title,Year,Source title,...``),
  comma-separated, fields quoted where needed (line breaks inside quotes).
- ``wos-tab``: Web of Science tab-delimited (``savedrecs.txt``: ``PT AU BA ... TI SO ... AB``),
  tab-separated, no quoting.

Cells are located with their offsets, so a Record's text is its row as written and every value
a slice of it (a quoted cell keeps its doubled quotes ``""``). A row whose cell count differs
from the header's is quarantined with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from summarizer.ingest.build import (
    add_sections,
    finish,
    line_at,
    new_record,
    quarantine,
    set_title,
)
from summarizer.ingest.fields import find_year, lang_of, normalize_doi
from summarizer.ingest.tagged import list_items
from summarizer.schema import Quarantined, Record

QUOTED_CELL = re.compile(r'"(?:[^"]|"")*"|[^,\r\n"]*')
NO_ABSTRACT = re.compile(r"^\s*\[?No abstract available\]?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TableScheme:
    """A tabular export: ``columns`` maps a header name to a Record field (as in
    ``tagged.TagScheme``; ``short-authors`` fills authors only where full names are missing);
    ``signature`` are header names that all appear in such a file's header row."""

    name: str
    delimiter: str
    columns: dict[str, str]
    signature: tuple[str, ...]

    def matches(self, header: list[str]) -> bool:
        return all(name in header for name in self.signature)


SCOPUS_CSV = TableScheme(
    "scopus-csv", ",",
    {"Title": "title", "Abstract": "abstract", "Author full names": "authors",
     "Authors": "short-authors", "Affiliations": "affiliations", "Source title": "journal",
     "Year": "year", "DOI": "doi", "PubMed ID": "pmid", "Author Keywords": "keywords",
     "Document Type": "types"},
    ("Title", "Source title"))
WOS_TAB = TableScheme(
    "wos-tab", "\t",
    {"TI": "title", "AB": "abstract", "AF": "authors", "AU": "short-authors",
     "C1": "affiliations", "SO": "journal", "PY": "year", "DI": "doi", "PM": "pmid",
     "DE": "keywords", "DT": "types"},
    ("PT", "TI", "SO"))
TABLE_SCHEMES = {s.name: s for s in (SCOPUS_CSV, WOS_TAB)}


def rows(text: str, delimiter: str) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """``(row start, row end, [(cell start, cell end), ...])`` of each non-empty row; a quoted
    cell's span is inside its quotes."""
    at = 1 if text.startswith("\ufeff") else 0
    while at < len(text):
        start, cells = at, []
        while True:
            at, cell = _cell(text, at, delimiter)
            cells.append(cell)
            if at >= len(text) or text[at] != delimiter:
                break
            at += 1
        line_end = text.find("\n", at)  # anything after a closing quote stays in the row
        end = len(text) if line_end < 0 else line_end
        at = end + 1
        end -= text[start:end].endswith("\r")
        if text[start:end].strip():
            yield start, end, cells


def _cell(text: str, at: int, delimiter: str) -> tuple[int, tuple[int, int]]:
    """Where the cell starting at ``at`` ends, and its value's span."""
    if delimiter == "," and text.startswith('"', at):
        m = QUOTED_CELL.match(text, at)
        return m.end(), (at + 1, max(at + 1, m.end() - 1))
    stops = [i for i in (text.find(delimiter, at), text.find("\n", at)) if i >= 0]
    stop = min(stops, default=len(text))
    return stop, (at, stop - (text[at:stop].endswith("\r")))


def header_names(text: str, delimiter: str) -> list[str]:
    """The column names of the first row."""
    first = next(rows(text, delimiter), None)
    return [text[s:e].strip() for s, e in first[2]] if first else []


def read_table(text: str, source: str, scheme: TableScheme) -> Iterator[Record | Quarantined]:
    """Records of a tabular export, one a data row."""
    all_rows = list(rows(text, scheme.delimiter))
    if not all_rows:
        return
    header = [text[s:e].strip() for s, e in all_rows[0][2]]
    for index, (start, end, cells) in enumerate(all_rows[1:]):
        while len(cells) > len(header) and cells[-1][0] == cells[-1][1]:
            cells = cells[:-1]  # WoS ends every data row with one more (empty) cell
        if len(cells) != len(header):
            yield quarantine(source, f"{len(cells)} cells where the header has {len(header)}; "
                             "the row is cut or the file was edited", index,
                             line_at(text, start))
            continue
        yield _record(text, start, end, source, index, scheme,
                      {name: cells[i] for i, name in enumerate(header)})


def _record(text: str, start: int, end: int, source: str, index: int, scheme: TableScheme,
            cells: dict[str, tuple[int, int]]) -> Record:
    record = new_record(text, start, end, source, scheme.name, index)
    has_full_names = any(text[slice(*cells[c])].strip() for c, f in scheme.columns.items()
                         if f == "authors" and c in cells)
    for column, name in scheme.columns.items():
        if column not in cells:
            continue
        cs, ce = cells[column][0] - start, cells[column][1] - start
        value = record.text[cs:ce].strip()
        if not value or name == "short-authors" and has_full_names:
            continue
        if name == "abstract" and not NO_ABSTRACT.match(value):
            add_sections(record, cs, ce, lang_of(value))
        elif name == "title":
            set_title(record, value)
        elif name in ("authors", "short-authors"):
            record.authors += [re.sub(r"\s*\(\d+\)$", "", a) for a in list_items(value, r";")]
        elif name in ("affiliations", "keywords"):
            getattr(record, name).extend(list_items(value, r";"))
        elif name == "types":
            record.publication_types.append(value)
        elif name == "journal":
            record.journal = value
        elif name == "year":
            record.year = find_year(value)
        elif name == "doi":
            record.doi = normalize_doi(value)
        elif name == "pmid" and value.isdigit():
            record.pmid = value
    return finish(record)


read_scopus_csv = partial(read_table, scheme=SCOPUS_CSV)
read_wos_tab = partial(read_table, scheme=WOS_TAB)
