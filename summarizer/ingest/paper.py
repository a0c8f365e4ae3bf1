"""A Chinese journal paper as text (pasted, or converted from PDF to Markdown): a column
heading (临床研究), the Chinese title, authors and institutions, ``摘要`` and ``关键词``
(中图分类号, 文献标识码 ...), the English title, authors, ``Abstract`` and ``Key words``, then
the body and the references. One record a file; the abstracts come from the front matter: the
body and the references are never taken as abstract, and identifiers come from the front matter
only. The body's methods (``1 资料与方法`` up to ``2 结果``) are kept in ``Record.body``: an
abstract often leaves out who took part (arms, sex, age) that the methods give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile

from summarizer.ingest.build import add_sections, finish, new_record, set_title
from summarizer.ingest.cnki import key_lines
from summarizer.ingest.fields import HAN, LATIN, find_year, lang_of, normalize_doi
from summarizer.schema import Quarantined, Record, Section
from summarizer.text.script import HAN_CHARS

_LEAD = r"^[ \t#*>【\[［]*"  # Markdown heading marks, bold, brackets before a label
_COLON = r"[ \t*】\]］」]*[:：.]?[ \t*]*"
# A PDF conversion often runs a label on after the line before it (an institution and its
# postcode, an e-mail address): ``广州510515摘要：目的``, ``@163.com 【Abstract】Background``.
# Mid-line, a label counts only in brackets or with its colon.
# ``摘要目的`` counts too: the structured abstract's first heading shows it.
# Brackets come mismatched from the conversion: ``[摘要］``, ``[关键词」``.
_RUN_ON = (r"|(?<=\S)[ \t]*(?:[【\[［]{0}[】\]］」]|{0}[ \t]*[:：]"
           r"|{0}(?=[ \t]*[【\[]?(?:目的|背景)))[ \t]*")
LABELS = {
    "abstract-zh": re.compile(_LEAD + r"摘\s*要" + _COLON + _RUN_ON.format(r"摘\s*要"),
                              re.MULTILINE),
    "abstract-en": re.compile(_LEAD + r"(?i:abstract)" + _COLON + _RUN_ON.format("Abstract"),
                              re.MULTILINE),
    "keywords-zh": re.compile(_LEAD + r"(?:关\s*键\s*[词字]|主题词)" + _COLON
                              + _RUN_ON.format(r"关\s*键\s*[词字]"), re.MULTILINE),
    "keywords-en": re.compile(_LEAD + r"(?i:key\s*-?\s*words?|subject\s+words)" + _COLON
                              + _RUN_ON.format(r"(?:Key\s*-?\s*[Ww]ords?|KEY\s*WORDS)"),
                              re.MULTILINE),
    "other": re.compile(_LEAD + r"(?:中图(?:分类|法分类)号|文献标[识志]码|文章编号|DOI|doi|"
                        r"(?i:CLC number|Document code|Article ID))" + _COLON, re.MULTILINE),
}
# Labelled fields of a CNKI/Wanfang export that a paper's front matter does not have.
CNKI_FRONT = {"title", "authors", "affiliations", "source-db", "journal"}
# Columns and rubrics printed above a title: 临床研究, 论著, 综述, Original Article.
# A preprint server's banner (``ChinaXiv合作期刊``, its partner journals' papers) names no column
_BANNER_NAME = r"(?i:nursrxiv|chinaxiv)(?:合作期刊)?"
BANNER = re.compile(rf"^{_BANNER_NAME}$")
RUBRIC = re.compile(rf"^(?:[{HAN_CHARS}·•]{{2,6}}|·[^·]{{2,10}}·"
                    r"|(?i:original (?:article|research)|review))$|" + BANNER.pattern)
# The body's methods heading (``# 1资料和方法``, ``1.1 一般资料``, ``Patients and methods``) and
# the heading that ends them (``# 2结果``, ``Discussion``, ``参考文献``, or the next numbered
# part: ``# 2雷电危险度因子的隶属度``).
_HEADING = r"^[ \t#*]*(?P<number>\d+(?:\.\d+)*\s*)?(?:{})[ \t*]*$"
TOP_HEADING = re.compile(r"^[ \t#*]*(?P<number>\d+)(?![\d.])[ \t]*[^\d\s.]", re.MULTILINE)
METHODS_HEADING = re.compile(_HEADING.format(
    r"(?:资料|对象|材料|病例)(?:与|和|及)方法|临床资料|一般资料"
    r"|(?i:(?:(?:materials?|patients|subjects|participants)\s+and\s+)?methods)"), re.MULTILINE)
AFTER_METHODS = re.compile(_HEADING.format(
    r"结\s*果|讨\s*论|结\s*论|参考文献|(?i:results|discussion|conclusions?|references)"),
    re.MULTILINE)


def looks_like_paper(text: str) -> bool:
    """True for a paper's text: a ``摘要`` and an ``Abstract`` label and a keyword label; or,
    for a paper printed without an English abstract, ``摘要`` and ``关键词`` with no labelled
    title, authors or institutions above them (those make a CNKI/Wanfang export)."""
    found = {name for name, pattern in LABELS.items() if pattern.search(text)}
    if not found & {"keywords-zh", "keywords-en"}:
        return False
    if {"abstract-zh", "abstract-en"} <= found:
        return True
    return {"abstract-zh", "keywords-zh"} <= found and not {
        name for name, _, _ in key_lines(text)} & CNKI_FRONT


def read_paper(text: str, source: str) -> Iterator[Record | Quarantined]:
    """One Record over the whole file, read from its front matter."""
    record = new_record(text, 0, len(text), source, "paper", 0)
    labels = sorted((m.start(), m.end(), name) for name, pattern in LABELS.items()
                    for m in pattern.finditer(text))
    labels = _front_matter(labels)
    front_end = 0
    for i, (_, value_start, name) in enumerate(labels):
        value_end = _value_end(text, value_start, labels[i + 1][0] if i + 1 < len(labels)
                               else len(text), name)
        front_end = max(front_end, value_end)
        value = text[value_start:value_end]
        if name.startswith("abstract"):
            for start, end in _without_banners(text, value_start, value_end):
                before = len(record.abstract)
                add_sections(record, start, end, name[-2:])
                _continue_section(record, before)
        elif name.startswith("keywords"):
            record.keywords += [k.strip() for k in re.split(r"[;；,，]", value) if k.strip()]
        elif normalize_doi(value):
            record.doi = record.doi or normalize_doi(value)
    _titles(record, text, labels)
    record.publication_types = _columns(text, labels[0][0] if labels else 0)
    record.year = find_year(text[:labels[0][0]]) if labels else None
    record.body = body_methods(text, front_end)
    yield finish(record, id_end=front_end)


def body_methods(text: str, front_end: int) -> list[Section]:
    """The paragraphs of the body's methods after ``front_end`` as ``methods`` sections with
    offsets into ``text``; headings and tables (HTML from a PDF conversion) are left out."""
    heading = METHODS_HEADING.search(text, front_end)
    if heading is None:
        return []
    number = (heading["number"] or "").strip().split(".")[0]
    ends = [m.start() for m in [AFTER_METHODS.search(text, heading.end())] if m] + [
        m.start() for m in TOP_HEADING.finditer(text, heading.end())
        if number and m["number"] != number][:1]
    end = min(ends, default=len(text))
    sections = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[heading.end():end]):
        paragraph = m.group(0).strip()
        if paragraph and not paragraph.startswith(("#", "<")):
            start = heading.end() + m.start() + m.group(0).index(paragraph)
            sections.append(Section("methods", lang_of(paragraph), paragraph, start,
                                    start + len(paragraph)))
    return sections


def _without_banners(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` around the page banners in it."""
    spans = []
    for m in _BANNER_LINE.finditer(text, start, end):
        spans.append((start, m.start()))
        start = m.end()
    return [(a, b) for a, b in [*spans, (start, end)] if text[a:b].strip()]


def _continue_section(record: Record, first: int) -> None:
    """The unheaded start of the sections from ``first`` on, after a page banner, goes on with
    the section before the banner (``…indicators incude`` | banner | ``incidence, and quality of
    life scores.``): it takes that section's label."""
    if 0 < first < len(record.abstract) and record.abstract[first].label == "other":
        record.abstract[first].label = record.abstract[first - 1].label


def _front_matter(labels: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The labels up to the end of the second abstract's keywords: a later ``Abstract`` or
    ``摘要`` (in the body or the references) is not one of them."""
    kept: list[tuple[int, int, str]] = []
    for label in labels:
        if any(k[2] == label[2] for k in kept) and label[2] != "other":
            break
        kept.append(label)
    return kept


_HEADING_AFTER_BLANK = re.compile(r"\n\s*\n(?P<line>[ \t]*#[^\n]*)")
# A page's banner line (``# ChinaXiv合作期刊``) where a page break cuts the abstract in two
_BANNER_LINE = re.compile(rf"^[ \t#]*{_BANNER_NAME}[ \t]*$", re.MULTILINE)


def _value_end(text: str, start: int, limit: int, name: str) -> int:
    """Where a label's value ends: at the next label, and for a keyword or other one-line
    label at its line's end; an abstract stops at a blank line followed by a heading (not at
    a page's banner: the abstract goes on after it)."""
    if not name.startswith("abstract"):
        line_end = text.find("\n", start)
        limit = min(limit, len(text) if line_end < 0 else line_end)
    else:
        heading = next((m for m in _HEADING_AFTER_BLANK.finditer(text, start, limit)
                        if not _BANNER_LINE.fullmatch(m["line"])), None)
        limit = heading.start() if heading else limit
    while limit > start and text[limit - 1].isspace():
        limit -= 1
    return limit


def _titles(record: Record, text: str, labels: list[tuple[int, int, str]]) -> None:
    """The Chinese title before ``摘要`` and the English title before ``Abstract``: a
    Markdown heading there, else the first line that reads as a title."""
    starts = {name: start for start, _, name in labels}
    zh_from, en_from = 0, 0
    for start, _, name in labels:
        if start < starts.get("abstract-en", 0):
            en_from = text.find("\n", start) + 1 if name != "abstract-en" else en_from
    if "abstract-zh" in starts:
        set_title(record, _title_in(text, zh_from, starts["abstract-zh"], "zh"))
    if "abstract-en" in starts:
        set_title(record, _title_in(text, en_from, starts["abstract-en"], "en"))


def _columns(text: str, end: int) -> list[str]:
    """The journal's columns printed above the title (``临床研究``, ``·病例报告·``, ``综 述``):
    the paper's kind as its journal files it, kept as a publication type. A preprint server's
    name (``NursRxiv``) is none."""
    columns = []
    for line in text[:end].splitlines():
        bare = line.strip("*#\\ \t")
        if not bare:
            continue
        if not RUBRIC.match(bare):
            break  # the title: columns come before it
        name = re.sub(r"[·•\s]", "", bare)
        if HAN.search(name) and not BANNER.match(name):
            columns.append(name)
    return columns


def _title_in(text: str, start: int, end: int, lang: str) -> str | None:
    """The title among the lines of ``text[start:end]`` in ``lang``."""
    raw = [line for line in text[start:end].splitlines() if line.strip()]
    lines = [line.strip("*#\\ \t") for line in raw]
    headings = [line.strip().startswith("#") for line in raw]
    script = HAN if lang == "zh" else LATIN
    # The first heading in the title's script that is no column name (``# 临床研究``,
    # ``# NursRxiv``); a title may run over several headings in a row.
    first = next((i for i, line in enumerate(lines) if headings[i] and not RUBRIC.match(line)
                  and script.search(line)), None)
    if first is not None:
        run = takewhile(lambda i: headings[i] and not BANNER.match(lines[i]),
                        range(first, len(lines)))
        return ("" if lang == "zh" else " ").join(lines[i] for i in run)
    for i, line in enumerate(lines):
        if not RUBRIC.match(line) and len(script.findall(line)) >= (6 if lang == "zh" else 15):
            # "Title:Corelation … small vessel␣␣" / "disease": a Markdown line break
            while raw[i].endswith("  ") and i + 1 < len(lines) and lines[i + 1][:1].islower():
                i += 1
                line += " " + lines[i]
            return re.sub(r"^(?:Title|题目|题名)[ \t]*[:：][ \t]*", "", line)
    return None
