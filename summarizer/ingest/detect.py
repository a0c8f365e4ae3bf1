"""Which reader a text needs, told from its content (never from the file name)."""

from __future__ import annotations

import re

from summarizer.ingest.cnki import looks_like_cnki
from summarizer.ingest.paper import looks_like_paper
from summarizer.ingest.table import TABLE_SCHEMES, header_names
from summarizer.text.script import count_han

HEAD = 20_000  # characters looked at
PUBMED = re.compile(r"<PubmedArticle(?:Set)?\b|<!DOCTYPE\s+PubmedArticleSet")
NOTEEXPRESS = re.compile(r"^\{Reference Type\}[ \t]*[:：]", re.MULTILINE)
RIS = re.compile(r"^TY {1,2}- ", re.MULTILINE)
MEDLINE = re.compile(r"^PMID- ?\d", re.MULTILINE)
# Every pattern of a format must match (tags at line starts).
TAGGED = {
    "wos": [re.compile(r"^PT [A-Z]\s*$", re.MULTILINE), re.compile(r"^ER\s*$", re.MULTILINE),
            re.compile(r"^(?:TI|AU) \S", re.MULTILINE)],
    "endnote": [re.compile(r"^%0 \S", re.MULTILINE), re.compile(r"^%[TA] \S", re.MULTILINE)],
    "refworks": [re.compile(r"^RT \S", re.MULTILINE), re.compile(r"^(?:T1|A1) \S", re.MULTILINE)],
    "estudy": [re.compile(r"^[A-Za-z]+-(?:题名|篇名)[ \t]*[:：]", re.MULTILINE),
               re.compile(r"^[A-Za-z]+-(?:作者|摘要|来源库|单位|关键词)[ \t]*[:：]", re.MULTILINE)],
}


def detect_format(text: str) -> str | None:
    """The name of the reader ``text`` needs (``ris``, ``medline``, ``pubmed-xml``, ``wos``,
    ``wos-tab``, ``scopus-csv``, ``endnote``, ``refworks``, ``noteexpress``, ``estudy``,
    ``paper``, ``cnki``, ``jsonl`` or ``text``); None when the text is none of them (markup other
    than PubMed XML, tables of other kinds, fragments)."""
    head = text[:HEAD].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return "pubmed-xml" if PUBMED.search(head) else None
    if NOTEEXPRESS.search(head):
        return "noteexpress"
    if head.startswith("{"):
        return "jsonl"
    table = _table_format(head)
    if table:
        return table
    if RIS.search(head):
        return "ris"
    if MEDLINE.search(head):
        return "medline"
    for name, patterns in TAGGED.items():
        if all(p.search(head) for p in patterns):
            return name
    if looks_like_paper(text):
        return "paper"
    if looks_like_cnki(head):
        return "cnki"
    return "text" if is_prose(head) else None


def _table_format(head: str) -> str | None:
    """``scopus-csv`` or ``wos-tab`` when the first row is such a file's header."""
    first_line = head.split("\n", 1)[0]
    for scheme in TABLE_SCHEMES.values():
        if scheme.delimiter in first_line and scheme.matches(header_names(head, scheme.delimiter)):
            return scheme.name
    return None


CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import |#include|function |const |let |var |public |"
    r"private |return\b|elif |else:|try:|except\b|if \(|for \(|\$ |>>> )|[;{}:]\s*$")
MIN_WORDS = 30  # an abstract, even a news brief, is longer; notes and captions are not
MIN_HAN = 60


def why_not_a_record(text: str, prose: bool) -> str | None:
    """Why a file that is prose (or of no known format) is not a bibliographic record (code,
    a README, or text too short to be an abstract), or None when it may be one. A short table
    of no known format is left to be quarantined: it may be an export the readers miss."""
    lines = [line for line in text.splitlines() if line.strip()]
    code = sum(bool(CODE_LINE.search(line)) for line in lines)
    if code >= max(5, len(lines) * 0.2):
        return f"not a bibliographic record: {code} of {len(lines)} lines read as program code"
    if "```" in text or re.search(r"^\s*(?:pip|npm|git|python3?) \S", text, re.MULTILINE):
        return "not a bibliographic record: a README or manual (code blocks, commands)"
    if re.search(r"^\s*\|?\s*:?-{3,}:?\s*\|", text, re.MULTILINE):
        return "not a bibliographic record: a README or notes with a Markdown table"
    table = all("," in line or "\t" in line for line in lines)
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    han = count_han(text)
    if (prose or not table) and words < MIN_WORDS and han < MIN_HAN:
        return (f"not a bibliographic record: {words} words and {han} Chinese characters are "
                "too few for an abstract (notes?); use --format text to read it anyway")
    return None


def is_prose(text: str) -> bool:
    """True when some line reads as a sentence: 12+ words, or 20+ Chinese characters."""
    for line in text.splitlines():
        words = len(re.findall(r"[A-Za-z]{2,}", line))
        han = count_han(line)
        if words >= 12 or han >= 20:
            return True
    return False
