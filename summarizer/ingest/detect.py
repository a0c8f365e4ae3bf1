"""Which reader a text needs, told from its content (never from the file name)."""

from __future__ import annotations

import re

from summarizer.ingest.cnki import looks_like_cnki

HEAD = 20_000  # characters looked at
PUBMED = re.compile(r"<PubmedArticle(?:Set)?\b|<!DOCTYPE\s+PubmedArticleSet")
RIS = re.compile(r"^TY {1,2}- ", re.MULTILINE)
MEDLINE = re.compile(r"^PMID- ?\d", re.MULTILINE)


def detect_format(text: str) -> str | None:
    """``ris``, ``medline``, ``pubmed-xml``, ``cnki``, ``jsonl`` or ``text``; None when the
    text is none of them (markup other than PubMed XML, tables, fragments)."""
    head = text[:HEAD].lstrip("\ufeff \t\n")
    if head.startswith("<"):
        return "pubmed-xml" if PUBMED.search(head) else None
    if head.startswith("{"):
        return "jsonl"
    if RIS.search(head):
        return "ris"
    if MEDLINE.search(head):
        return "medline"
    if looks_like_cnki(head):
        return "cnki"
    return "text" if is_prose(head) else None


def is_prose(text: str) -> bool:
    """True when some line reads as a sentence: 12+ words, or 20+ Chinese characters."""
    for line in text.splitlines():
        words = len(re.findall(r"[A-Za-z]{2,}", line))
        han = len(re.findall(r"[\u4e00-\u9fff]", line))
        if words >= 12 or han >= 20:
            return True
    return False
