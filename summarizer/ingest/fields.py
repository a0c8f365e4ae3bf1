"""Identifiers and small field readers shared by all readers: DOI, PMID, trial registrations,
years; the language of a piece of text by script (``lang_of``) comes from the text layer
(``summarizer.text.script``) and is re-exported here."""

from __future__ import annotations

import re

from summarizer.text.script import CJK_MARKS, HAN, LATIN, lang_of

__all__ = ["CJK_MARKS", "HAN", "LATIN", "REGISTRATIONS", "find_doi", "find_pmid",
           "find_registrations", "find_year", "lang_of", "normalize_doi"]

# A DOI's suffix may be any printable character, but none registered holds Chinese; a PDF
# conversion runs the authors on after it (``10.12114/j.issn.1007-9572.2022.0543张森1``).
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>{}\u3000-\u9fff\uff00-\uffef]+")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
REGISTRATIONS = [
    (re.compile(r"\bNCT\s?(\d{8})\b"), "NCT{}"),
    (re.compile(r"\bChiCTR[-‐]?((?:[A-Z]{2,5}-)?\d{6,12})\b"), "ChiCTR{}"),
    (re.compile(r"\bEudraCT(?:\s*(?:No\.?|number|Number))?\s*[:#]?\s*(\d{4}-\d{6}-\d{2})\b"),
     "EudraCT {}"),
    (re.compile(r"\bISRCTN\s?(\d{8})\b"), "ISRCTN{}"),
]


def normalize_doi(value: str) -> str | None:
    """``'doi: 10.1136/Lupus-2022-000704.'`` → ``'10.1136/lupus-2022-000704'``; None if no DOI."""
    m = _DOI.search(value.replace("\u3000", " "))
    if not m:
        return None
    doi = m.group(0).rstrip(".,;:。，；")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".,;")
    return doi.lower()


def find_doi(text: str) -> str | None:
    """The first DOI written in ``text`` (normalized), else None."""
    return normalize_doi(text)


def find_pmid(text: str) -> str | None:
    """A PMID written as ``PMID: 12345678`` in ``text``, else None."""
    m = _PMID.search(text)
    return m.group(1) if m else None


def find_registrations(text: str) -> list[str]:
    """Trial registry ids in order of first appearance, normalized: ``NCT03171194``,
    ``ChiCTR2000031234`` / ``ChiCTR-IPR-17012345``, ``EudraCT 2017-001400-29``,
    ``ISRCTN12345678``."""
    found: list[tuple[int, str]] = []
    for pattern, form in REGISTRATIONS:
        for m in pattern.finditer(text):
            value = m.group(1)
            if form.startswith("ChiCTR") and not value[0].isdigit():
                value = "-" + value
            found.append((m.start(), form.format(value)))
    seen: dict[str, None] = {}
    for _, value in sorted(found):
        seen.setdefault(value, None)
    return list(seen)


def find_year(text: str) -> int | None:
    """The first plausible publication year (1950–2099) in ``text``, else None."""
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None
