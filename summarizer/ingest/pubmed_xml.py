"""PubMed XML reader (``PubmedArticleSet``), streaming with ``lxml.etree.iterparse``.

Safe by construction: entity declarations and references are removed before parsing and
the parser resolves none either, no DTD is loaded, nothing is fetched over
the network and huge trees are refused, so an XXE file cannot make the reader open another
file and an entity bomb cannot expand. A record's text is the raw ``<PubmedArticle>`` element
as written in the file; abstract sections are placed in it where they appear verbatim (XML
escapes or inline markup make a section unplaced, with a warning).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from summarizer.ingest.build import (
    add_value_sections,
    finish,
    new_record,
    quarantine,
    set_title,
)
from summarizer.ingest.fields import find_year, normalize_doi
from summarizer.ingest.normalize import SUPERSCRIPT
from summarizer.ingest.sections import label_of
from summarizer.schema import Quarantined, Record, TextWarning

ARTICLE = "PubmedArticle"
BOOK_ARTICLE = re.compile(r"<PubmedBookArticle\b")
ARTICLE_SPAN = re.compile(rf"<{ARTICLE}\b.*?</{ARTICLE}>", re.DOTALL)
DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']")
ENTITY_DECLARATION = re.compile(r"<!ENTITY\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")
LANGS = {"chi": "zh", "zho": "zh", "eng": "en"}


def read_pubmed_xml(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a PubMed XML file; a file cut off or malformed keeps the articles read
    before the fault and quarantines the rest (with the line of the fault)."""
    from lxml import etree

    spans = [m.span() for m in ARTICLE_SPAN.finditer(text)]
    data = defuse(DECLARED_ENCODING.sub(r"\1", text, count=1)).encode("utf-8")
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=ARTICLE,
                             resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    index = 0
    try:
        for _, element in events:
            start, end = spans[index] if index < len(spans) else (0, 0)
            yield _record(element, text, start, end, source, index)
            index += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as ex:
        line = ex.lineno or None
        reason = f"malformed or cut-off XML ({ex.msg}); re-export the file"
        yield quarantine(source, reason, index, line)
        return
    for n, match in enumerate(BOOK_ARTICLE.finditer(text)):  # counted, not silently dropped
        line = text.count("\n", 0, match.start()) + 1
        yield quarantine(source, "a PubmedBookArticle (book chapter) is not read; only "
                         "PubmedArticle records are", index + n, line)


def defuse(text: str) -> str:
    """The XML to parse: entity declarations and references to declared entities removed
    (line breaks kept, so error lines still match the file). The parser resolves nothing
    either; this also lets a file that declares an entity bomb be read instead of refused."""
    text = ENTITY_DECLARATION.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return ENTITY_REFERENCE.sub("", text)


def element_text(element) -> str:
    """The text of ``element`` and its children, entity references left out, ``<sup>`` digits
    written as superscripts (``10<sup>6</sup>`` → ``10⁶``)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            inner = element_text(child)
            parts.append(inner.translate(SUPERSCRIPT) if child.tag == "sup" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _texts(element, path: str) -> list[str]:
    return [t for t in (element_text(e).strip() for e in element.iterfind(path)) if t]


def _record(element, text: str, start: int, end: int, source: str, index: int) -> Record:
    """One Record from a parsed ``<PubmedArticle>`` whose raw text is ``text[start:end]``."""
    record = new_record(text, start, end, source, "pubmed-xml", index)
    article = element.find("MedlineCitation/Article")
    if article is None:
        record.warnings.append(TextWarning("parse", None, None, "",
                                           "no MedlineCitation/Article element; no fields read"))
        return finish(record)
    for title in _texts(article, "ArticleTitle") + _texts(article, "VernacularTitle"):
        set_title(record, title)
    _abstracts(record, article)
    record.authors = [_author(a) for a in article.iterfind("AuthorList/Author") if _author(a)]
    record.affiliations = list(dict.fromkeys(_texts(article, ".//AffiliationInfo/Affiliation")))
    record.journal = next(iter(_texts(article, "Journal/Title")), None)
    dates = _texts(article, "Journal/JournalIssue/PubDate/*")
    record.year = next((find_year(d) for d in dates if find_year(d)), None)
    record.pmid = next(iter(_texts(element, "MedlineCitation/PMID")), None)
    dois = [element_text(e) for e in element.iterfind(".//ArticleId[@IdType='doi']")]
    dois += [element_text(e) for e in article.iterfind("ELocationID[@EIdType='doi']")]
    record.doi = next((normalize_doi(d) for d in dois if normalize_doi(d)), None)
    record.keywords = _texts(element, "MedlineCitation/KeywordList/Keyword")
    return finish(record)


def _abstracts(record: Record, article) -> None:
    """Sections of ``Abstract`` (English) and each ``OtherAbstract`` (its ``Language``)."""
    after = 0
    blocks = [(None, article.find("Abstract"))]
    blocks += [(LANGS.get(o.get("Language", ""), None), o)
               for o in article.getparent().iterfind("OtherAbstract")]
    for lang, block in blocks:
        if block is None:
            continue
        for part in block.iterfind("AbstractText"):
            heading = part.get("Label") or part.get("NlmCategory")
            label = label_of(heading) if heading else "other"
            after = add_value_sections(record, element_text(part), lang, label, heading, after)


def _author(author) -> str:
    """``'Kamen, Diane L'`` style name, or the collective name."""
    collective = author.findtext("CollectiveName")
    if collective:
        return collective.strip()
    last, first = author.findtext("LastName") or "", author.findtext("ForeName") or ""
    return f"{last}, {first}".strip(", ")

