"""PubMed XML reader (``PubmedArticleSet``), streaming with ``lxml.etree.iterparse``.

Safe by construction: entity declarations and references are removed before parsing and
the parser resolves none either, no DTD is loaded, nothing is fetched over
the network and huge trees are refused, so an XXE file cannot make the reader open another
file and an entity bomb cannot expand. A record's text is the raw ``<PubmedArticle>`` element
as written in the file.

Abstracts hold markup: character references (``P &lt; 0.05``, ``&#946;``), inline tags
(``<i>``, ``<b>``, ``<u>``, ``<sup>``, ``<sub>``) and MathML. Each ``AbstractText`` is read
twice: by lxml, and by a small scanner over its raw XML that decodes the same text while
keeping, for every character, where it was written (``&lt;`` → ``<`` from the four raw
characters). The scanner's characters are checked against lxml's; sections are then split
on the decoded text and placed by those raw offsets. So a section's ``text`` is what a reader sees
(``P < 0.05``, ``10⁶``, ``CO₂``) and ``record.text[start:end]`` is the raw XML it was read from:
the same string when the section holds no markup, its markup otherwise (``source_offsets``
maps each character of such a section to its raw span). A section is left unplaced (with a
warning) only when the two readings disagree.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from summarizer.ingest.build import (
    add_value_sections,
    finish,
    line_at,
    new_record,
    quarantine,
    set_title,
)
from summarizer.ingest.fields import find_year, lang_of, normalize_doi
from summarizer.ingest.sections import label_of, split_sections
from summarizer.schema import Quarantined, Record, Section, TextWarning

ARTICLE = "PubmedArticle"
BOOK_ARTICLE = re.compile(r"<PubmedBookArticle\b")
DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']")
ENTITY_DECLARATION = re.compile(r"<!ENTITY\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")
LANGS = {"chi": "zh", "zho": "zh", "eng": "en"}
# PubMed's stand-in for an other-language abstract it does not hold.
PLACEHOLDER = re.compile(r"^(?:Publisher:\s*)?Abstract available from the publisher\.?$",
                         re.IGNORECASE)

_ATTRIBUTES = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*?"
# Each AbstractText's content in the raw record; comments and CDATA are matched (and skipped)
# so that an ``<AbstractText`` written inside them is not taken for an element.
_RAW_ABSTRACT_TEXT = re.compile(
    rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<AbstractText\b{_ATTRIBUTES}"
    r"(?:/>|>(?P<content>.*?)</AbstractText\s*>)",
    re.DOTALL)
_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>"  # comments (the parser removes them) and processing instructions
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|</(?P<end>[^\s>]+)\s*>"
    rf"|<(?P<start>[^\s/>!?]+){_ATTRIBUTES}(?P<empty>/?)>"
    r"|&(?P<ref>#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);",
    re.DOTALL)
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

# Unicode superscript and subscript forms; a <sup>/<sub> is rewritten only when every
# character of it has one (``CO<sub>2</sub>`` → ``CO₂``, but ``p<sub>trend</sub>`` stays
# ``ptrend``: a half-converted word would be harder to read than the plain one).
SUPERSCRIPTS = {**dict(zip("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾", strict=True)),
                **dict(zip("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", strict=True))}
SUBSCRIPTS = {**dict(zip("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎", strict=True)),
              **dict(zip("aehijklmnoprstuvx", "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True))}
# A superscript number with no Unicode form (``10<sup>-1.5</sup>``) after a digit gets a caret
# (``10^-1.5``) rather than being glued on as ordinary digits (``10-1.5``).
_CARET_AFTER_DIGIT = re.compile(r"[-−+]?\d")
# Tags right before / right after a decoded section, taken into its raw span.
_OPEN_TAG_BEFORE = re.compile(r"<[^<>/!?][^<>]*(?<!/)>\Z")
_CLOSE_TAG_AFTER = re.compile(r"</[^<>]+>|<[^<>!?/][^<>]*/>")
_MATH_TOKENS = {"mi", "mn", "mo", "mtext", "ms"}  # MathML elements whose content is text
_DOT_ACCENTS = {".", "˙", "\u0307"}  # MathML <mover> of V and "." is V̇ (V̇O₂max)


class Glyph(NamedTuple):
    """One character of decoded text and the raw span ``[start, end)`` it was read from."""

    char: str
    start: int
    end: int


@dataclass
class _Node:
    """An element of markup: local name, raw span (``head`` ends its start tag), children
    (``_Node`` or ``Glyph``)."""

    name: str
    start: int = 0
    head: int = 0
    end: int = 0
    children: list = field(default_factory=list)


def read_pubmed_xml(text: str, source: str) -> Iterator[Record | Quarantined]:
    """Records of a PubMed XML file. At a fault (malformed or cut-off XML) the articles read
    before it are kept and each later ``<PubmedArticle>`` is read on its own: a good one is
    kept, a bad or unclosed one quarantined with its line, so every article is counted."""
    from lxml import etree

    spans = article_spans(text)
    data = defuse(DECLARED_ENCODING.sub(r"\1", text, count=1)).encode("utf-8")
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=ARTICLE, **PARSER_OPTIONS)
    index = 0
    try:
        for _, element in events:
            start, end = spans[index] if index < len(spans) else (0, 0)
            yield _record(element, text, start, end or 0, source, index)
            index += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as ex:
        if index >= len(spans):
            reason = f"malformed or cut-off XML ({ex.msg}); re-export the file"
            yield quarantine(source, reason, index, ex.lineno or None)
            return
        yield from _read_one_by_one(text, spans, index, source)
        return
    for n, match in enumerate(BOOK_ARTICLE.finditer(text)):  # counted, not silently dropped
        line = line_at(text, match.start())
        yield quarantine(source, "a PubmedBookArticle (book chapter) is not read; only "
                         "PubmedArticle records are", index + n, line)


PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                  "huge_tree": False, "remove_comments": True}
ARTICLE_START = re.compile(rf"<{ARTICLE}[\s>/]")
ARTICLE_END = re.compile(rf"</{ARTICLE}\s*>")
FRAGMENT_POSITION = re.compile(r",? line \d+(?:, column \d+)?")


def article_spans(text: str) -> list[tuple[int, int | None]]:
    """``(start, end)`` of each raw ``<PubmedArticle>`` element in ``text``, in order. ``end``
    is None for one not closed before the next starts (cut off); an end tag with no start
    tag before it (a start tag damaged) gives the span from the previous article's end."""
    marks = sorted([(m.start(), m.start()) for m in ARTICLE_START.finditer(text)]
                   + [(m.start(), m.end()) for m in ARTICLE_END.finditer(text)])
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    boundary = 0
    for at, end in marks:
        if at == end:  # a start tag
            if open_at is not None:
                spans.append((open_at, None))
            open_at = at
        elif open_at is not None:
            spans.append((open_at, end))
            open_at, boundary = None, end
        else:
            first = re.compile(r"\S").search(text, boundary, at)
            spans.append((first.start() if first else at, end))
            boundary = end
    if open_at is not None:
        spans.append((open_at, None))
    return spans


def _read_one_by_one(text: str, spans: list[tuple[int, int | None]], first: int,
                     source: str) -> Iterator[Record | Quarantined]:
    """Records (or Quarantined) of the articles ``spans[first:]``, each parsed alone."""
    from lxml import etree

    parser = etree.XMLParser(**PARSER_OPTIONS)
    for index in range(first, len(spans)):
        start, end = spans[index]
        stop = end if end is not None else (spans[index + 1][0] if index + 1 < len(spans)
                                            else len(text))
        try:
            element = etree.fromstring(defuse(text[start:stop]).encode("utf-8"), parser)
        except etree.XMLSyntaxError as ex:
            line = line_at(text, start) + (ex.lineno or 1) - 1
            message = FRAGMENT_POSITION.sub("", ex.msg)  # its lines count from the article
            reason = f"malformed or cut-off XML ({message}); re-export the file"
            yield quarantine(source, reason, index, line)
            continue
        yield _record(element, text, start, stop, source, index)


def defuse(text: str) -> str:
    """The XML to parse: entity declarations and references to declared entities removed
    (line breaks kept, so error lines still match the file). The parser resolves nothing
    either; this also lets a file that declares an entity bomb be read instead of refused."""
    text = ENTITY_DECLARATION.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return ENTITY_REFERENCE.sub("", text)


# -- markup: one tree shape for lxml elements and for raw XML, one rendering ------------------

def element_text(element) -> str:
    """The text of ``element`` and its children as a reader sees it: entity references left
    out, ``<i>``/``<b>``/``<u>`` dropped, ``<sup>``/``<sub>`` as Unicode superscripts and
    subscripts where they exist (``10<sup>6</sup>`` → ``10⁶``, ``CO<sub>2</sub>`` → ``CO₂``)."""
    if len(element) == 0:  # no markup inside (most fields): the text as parsed
        return element.text or ""
    return "".join(g.char for g in render(_from_lxml(element)))


def markup_text(raw: str) -> str:
    """The decoded text of raw XML content: ``'P &lt; 0.05'`` → ``'P < 0.05'``,
    ``'10<sup>6</sup> cells'`` → ``'10⁶ cells'``. For every placed section of a PubMed XML
    record, ``markup_text(record.text[s.start:s.end]) == s.text``."""
    return _chars(render(markup_tree(raw)))


def _from_lxml(element) -> _Node:
    """The ``_Node`` tree of an lxml element (glyph offsets are 0: lxml keeps none)."""
    node = _Node(_local(element.tag))
    node.children += [Glyph(c, 0, 0) for c in element.text or ""]
    for child in element:
        if isinstance(child.tag, str):  # comments and processing instructions are not text
            node.children.append(_from_lxml(child))
        node.children += [Glyph(c, 0, 0) for c in child.tail or ""]
    return node


def markup_tree(raw: str, start: int = 0, end: int | None = None) -> _Node:
    """The ``_Node`` tree of the XML content ``raw[start:end]`` (no enclosing element), each
    decoded character a ``Glyph`` with its raw span. Entity references other than the five
    predefined ones and character references are left out, as ``defuse`` leaves them out of
    what lxml parses; an end tag without its start tag is ignored."""
    end = len(raw) if end is None else end
    root = _Node("", start, start, end)
    stack, at = [root], start
    for m in _TOKEN.finditer(raw, start, end):
        stack[-1].children += [Glyph(raw[i], i, i + 1) for i in range(at, m.start())]
        at = m.end()
        if m.group("cdata") is not None:
            stack[-1].children += [Glyph(raw[i], i, i + 1) for i in range(*m.span("cdata"))]
        elif m.group("ref"):
            char = _reference(m.group("ref"))
            if char:
                stack[-1].children.append(Glyph(char, m.start(), m.end()))
        elif m.group("start"):
            node = _Node(_local(m.group("start")), m.start(), m.end(), m.end())
            stack[-1].children.append(node)
            if not m.group("empty"):
                stack.append(node)
        elif m.group("end"):
            _close(stack, _local(m.group("end")), m.end())
    stack[-1].children += [Glyph(raw[i], i, i + 1) for i in range(at, end)]
    for node in stack[1:]:  # unclosed (a slice cut inside an element): runs to the end
        node.end = end
    return root


def _close(stack: list[_Node], name: str, end: int) -> None:
    """Pop the open element ``name`` (and any unclosed ones inside it) at raw offset ``end``."""
    names = [n.name for n in stack[1:]]
    if name not in names:
        return
    while True:
        node = stack.pop()
        node.end = end
        if node.name == name:
            return


def _local(tag: str) -> str:
    """``'{http://www.w3.org/1998/Math/MathML}msub'`` or ``'mml:msub'`` → ``'msub'``."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _reference(ref: str) -> str:
    """The character of a reference body (``'lt'``, ``'#946'``, ``'#xe0'``); '' for others."""
    if not ref.startswith("#"):
        return _PREDEFINED.get(ref, "")
    try:
        return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
    except (ValueError, OverflowError):
        return ""


def render(node: _Node, in_math: bool = False) -> list[Glyph]:
    """The decoded text of ``node``'s content as glyphs. Inline tags are transparent; ``sup``
    and ``sub`` become Unicode scripts where every character has one. In MathML, indentation
    between elements is dropped, script positions of ``msub``/``msup``/``msubsup``/
    ``mmultiscripts`` (prescripts first: ``¹²⁹Xe``) are written as scripts and a dot over a
    letter becomes a combining dot (``V̇``)."""
    in_math = in_math or node.name == "math"
    parts = _parts(node, in_math)
    if node.name in ("sup", "sub"):
        return _script([g for _, p in parts for g in p], node.name)
    if in_math and node.name in ("msub", "msup", "msubsup", "mmultiscripts"):
        return _math_scripts(node.name, parts)
    if in_math and node.name == "mover" and len(parts) == 2 and parts[1][1] and \
            _chars(parts[1][1]).strip() in _DOT_ACCENTS:
        accent = parts[1][1]
        return parts[0][1] + [Glyph("\u0307", accent[0].start, accent[-1].end)]
    out: list[Glyph] = []
    for child, part in parts:
        if child is not None and child.name == "sup" and _needs_caret(out, part):
            out.append(Glyph("^", child.start, child.head))
        out += part
    return out


def _needs_caret(before: list[Glyph], sup: list[Glyph]) -> bool:
    """True for a superscript number left as plain digits right after a digit."""
    return bool(before and sup and before[-1].char.isdigit()
                and sup[0].char not in SUPERSCRIPTS.values()
                and _CARET_AFTER_DIGIT.match(_chars(sup)))


def _parts(node: _Node, in_math: bool) -> list[tuple[_Node | None, list[Glyph]]]:
    """``(child, glyphs)`` for each child element of ``node`` and ``(None, glyphs)`` for each
    run of text, in order. In MathML a run of whitespace alone between elements is
    indentation, left out; inside a token element (``<mtext> </mtext>``) it is text."""
    parts: list[tuple[_Node | None, list[Glyph]]] = []
    run: list[Glyph] = []
    for child in [*node.children, None]:
        if isinstance(child, Glyph):
            run.append(child)
            continue
        if run and not (in_math and node.name not in _MATH_TOKENS and not _chars(run).strip()):
            parts.append((None, run))
        run = []
        if child is not None:
            parts.append((child, render(child, in_math)))
    return parts


def _chars(glyphs: list[Glyph]) -> str:
    return "".join(g.char for g in glyphs)


def _script(glyphs: list[Glyph], kind: str) -> list[Glyph]:
    """``glyphs`` as superscripts (``kind`` 'sup') or subscripts ('sub') when every character
    but spaces has the form, else unchanged."""
    table = SUPERSCRIPTS if kind == "sup" else SUBSCRIPTS
    if not _chars(glyphs).strip() or any(g.char not in table and not g.char.isspace()
                                         for g in glyphs):
        return glyphs
    return [g._replace(char=table.get(g.char, g.char)) for g in glyphs]


def _math_scripts(name: str, parts: list[tuple[_Node | None, list[Glyph]]]) -> list[Glyph]:
    """A MathML script element: base, then sub/sup scripts; ``mmultiscripts`` lists
    (sub, sup) pairs after the base and, after ``<mprescripts/>``, pairs written before it."""
    if not parts:
        return []
    base, rest = parts[0][1], parts[1:]
    kinds = {"msub": ["sub"], "msup": ["sup"], "msubsup": ["sub", "sup"]}.get(name)
    if kinds is not None:
        scripts = [_script(p, k) for (_, p), k in zip(rest, kinds, strict=False)]
        return base + [g for s in scripts for g in s] + [g for _, p in rest[len(kinds):]
                                                         for g in p]
    names = [n.name if n is not None else None for n, _ in rest]
    split = names.index("mprescripts") if "mprescripts" in names else len(rest)
    post = [_script(p, ("sub", "sup")[i % 2]) for i, (_, p) in enumerate(rest[:split])]
    pre = [_script(p, ("sub", "sup")[i % 2]) for i, (_, p) in enumerate(rest[split + 1:])]
    return [g for s in pre for g in s] + base + [g for s in post for g in s]


# -- records --------------------------------------------------------------------------------

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
    _abstracts(record, element, article)
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
    record.publication_types = _texts(element, ".//PublicationTypeList/PublicationType")
    finish(record)
    _place_truncation_warnings(record)
    record.warnings.sort(key=lambda w: (w.start is None, w.start or 0, w.kind))
    return record


def _abstracts(record: Record, element, article) -> None:
    """Sections of ``Abstract`` (its language decided by script) and of each
    ``OtherAbstract`` in Chinese or English (its ``Language``); one in another language is
    left out with a warning, as is PubMed's "Abstract available from the publisher." """
    raw = _raw_contents(record.text, element)
    after = 0
    blocks = [(None, article.find("Abstract"))]
    blocks += [(o.get("Language", ""), o) for o in article.getparent().iterfind("OtherAbstract")]
    for code, block in blocks:
        if block is None:
            continue
        readings = {p: _reading(record.text, p, raw.get(p)) for p in block.iterfind("AbstractText")}
        parts = [p for p, (value, _) in readings.items() if not PLACEHOLDER.match(value.strip())]
        if not parts:
            continue
        lang = None if code is None else _other_language(code, [readings[p][0] for p in parts])
        if code is not None and lang is None:
            _skip_other_language(record, code, parts, raw)
            continue
        for part in parts:
            heading = part.get("Label") or part.get("NlmCategory")
            # a journal's label this reader does not know takes NLM's own category:
            # "METHODS AND RESULTS" is RESULTS ("Funding" stays other)
            label = (heading and label_of(heading, unknown=None)) or label_of(
                part.get("NlmCategory") or "")
            value, glyphs = readings[part]
            if glyphs is not None:
                add_glyph_sections(record, glyphs, lang, label, heading)
            else:  # no markup, or a raw text not trusted: placed where it is verbatim
                start = raw[part][0] if part in raw else after
                after = add_value_sections(record, value, lang, label, heading, start)


def _reading(text: str, part, span: tuple[int, int] | None) -> tuple[str, list[Glyph] | None]:
    """``(decoded text, glyphs)`` of an ``AbstractText`` whose raw content is
    ``text[span[0]:span[1]]``; glyphs are None when the content holds no markup (it is its own
    text) or when the raw XML does not hold the text lxml parsed (it is then not trusted)."""
    if span is not None and not re.search(r"[<&]", text[span[0]:span[1]]):
        return text[span[0]:span[1]], None
    if span is None:
        return element_text(part), None
    tree = markup_tree(text, *span)
    if _plain(tree) != "".join(part.itertext()):
        return element_text(part), None
    glyphs = render(tree)
    return _chars(glyphs), glyphs


def _plain(node: _Node) -> str:
    """All the characters of ``node``'s content as parsed, before rendering (as lxml's
    ``itertext`` gives them)."""
    return "".join(c.char if isinstance(c, Glyph) else _plain(c) for c in node.children)


def _other_language(code: str, values: list[str]) -> str | None:
    """'zh' or 'en' for an ``OtherAbstract`` of ``Language`` ``code`` (``chi``, ``eng``); for
    one without the attribute, 'zh' when its text (``values``) is Chinese; None for others."""
    if code in LANGS:
        return LANGS[code]
    text = " ".join(values)
    return "zh" if not code and text.strip() and lang_of(text) == "zh" else None


def _raw_contents(text: str, element) -> dict:
    """``{AbstractText element: (content_start, content_end)}`` in the raw record ``text``,
    pairing lxml's elements with the raw ones in document order; empty when their numbers
    differ (the raw text is then not trusted for placing)."""
    parsed = list(element.iter("AbstractText"))
    found = [m.span("content") if m.group("content") is not None else (m.end(), m.end())
             for m in _RAW_ABSTRACT_TEXT.finditer(text) if m.group(0).startswith("<Abs")]
    return dict(zip(parsed, found, strict=True)) if len(found) == len(parsed) else {}


def add_glyph_sections(record: Record, glyphs: list[Glyph], lang: str | None, label: str,
                       heading: str | None) -> None:
    """Split decoded ``glyphs`` (one ``AbstractText``) into sections with decoded text,
    placed at the raw span of their glyphs (widened over tags that open right before and
    close right after, so the slice is whole markup). ``label``/``heading`` (the element's
    ``Label``) name a section the text itself gives no heading."""
    decoded = _chars(glyphs)
    value = decoded.strip()
    if not value:
        return
    lo = len(decoded) - len(decoded.lstrip())
    sections = split_sections(value, lang or lang_of(value), 0)
    if heading is not None and len(sections) == 1 and sections[0].heading is None:
        sections[0].label, sections[0].heading = label, heading
    bounds = (min(g.start for g in glyphs), max(g.end for g in glyphs))
    for section in sections:
        span = glyphs[lo + section.start:lo + section.end]
        section.start, section.end = _raw_span(record.text, section.text, span, bounds)
    record.abstract += sections


def _raw_span(text: str, decoded: str, glyphs: list[Glyph],
              bounds: tuple[int, int]) -> tuple[int, int]:
    """Raw ``(start, end)`` of ``glyphs``; when the slice is not verbatim, widened over start
    tags just before it and end tags just after it (within ``bounds``)."""
    start, end = min(g.start for g in glyphs), max(g.end for g in glyphs)
    if text[start:end] == decoded:
        return start, end
    while start > bounds[0] and (m := _OPEN_TAG_BEFORE.search(text, bounds[0], start)):
        start = m.start()
    while m := _CLOSE_TAG_AFTER.match(text, end, bounds[1]):
        end = m.end()
    return start, end


def _skip_other_language(record: Record, code: str, parts: list, raw: dict) -> None:
    """A warning (placed at the abstract's raw text) for an other-language abstract that is
    not read: sections are English or Chinese, and this text is neither."""
    spans = [raw[p] for p in parts if p in raw]
    start, end = (spans[0][0], min(spans[0][1], spans[0][0] + 80)) if spans else (None, None)
    snippet = record.text[start:end] if spans else ""
    record.warnings.append(TextWarning(
        "parse", start, end, snippet,
        f"OtherAbstract in language {code or '(none)'!r} not read: only English and Chinese "
        "abstracts are"))


def source_offsets(record: Record, section: Section) -> list[tuple[int, int]] | None:
    """``(start, end)`` in ``record.text`` of each character of ``section.text``; None for an
    unplaced section. A verbatim section maps character ``i`` to ``start + i``; a section
    decoded from markup maps ``<`` of ``P &lt; 0.05`` to the four characters of ``&lt;`` and
    ``⁶`` of ``10<sup>6</sup>`` to the ``6``. Stages that read sentences or facts out of a
    section use this to give offsets into the source."""
    if section.start is None or section.end is None:
        return None
    if record.text[section.start:section.end] == section.text:
        return [(section.start + i, section.start + i + 1) for i in range(len(section.text))]
    for m in _RAW_ABSTRACT_TEXT.finditer(record.text):
        content = m.group("content")
        if content is None or not m.start("content") <= section.start < m.end("content") + 1:
            continue
        glyphs = render(markup_tree(record.text, *m.span("content")))
        decoded = _chars(glyphs)
        at = decoded.find(section.text)
        while at >= 0:
            span = glyphs[at:at + len(section.text)]
            if span and min(g.start for g in span) >= section.start and \
                    max(g.end for g in span) <= section.end:
                return [(g.start, g.end) for g in span]
            at = decoded.find(section.text, at + 1)
    return None


def decoded_spans(record: Record, section: Section,
                  spans: list[tuple[int, int]]) -> list[tuple[int, int] | None] | None:
    """Offsets in ``record.text`` of ``spans`` (``[start, end)`` within ``section.text``) of a
    section decoded from markup; None when the section is a verbatim slice (its offsets are
    ``section.start + i``). A span that cannot be mapped is None."""
    if section.start is None or record.text[section.start:section.end] == section.text:
        return None
    offsets = source_offsets(record, section)
    if not offsets:
        return [None] * len(spans)
    return [(offsets[a][0], offsets[b - 1][1]) if 0 <= a < b <= len(offsets) else None
            for a, b in spans]


def _place_truncation_warnings(record: Record) -> None:
    """A ``truncated`` warning of a section decoded from markup was placed by counting
    decoded characters from the section's start; point it at the raw text of that tail."""
    for w in record.warnings:
        if w.kind != "truncated" or w.start is None or record.text[w.start:w.end] == w.text:
            continue
        section = next((s for s in record.abstract if s.start is not None
                        and s.start <= w.start < s.end), None)
        offsets = source_offsets(record, section) if section else None
        if offsets:
            size = len(section.text.rstrip())
            tail = offsets[max(0, size - 30):size]  # the 30 characters truncation_warning shows
            w.start, w.end = tail[0][0], tail[-1][1]
            w.text = record.text[w.start:w.end]


def _author(author) -> str:
    """``'Kamen, Diane L'`` style name, or the collective name."""
    collective = author.findtext("CollectiveName")
    if collective:
        return collective.strip()
    last, first = author.findtext("LastName") or "", author.findtext("ForeName") or ""
    return f"{last}, {first}".strip(", ")
