"""A summary as a Word document for writers: the rendered Markdown's headings, paragraphs,
lists and quotes (glossary notes included, as written), then an appendix that traces every
number to the facts and source spans it comes from.

``write_docx(markdown, document, path, lang)``: ``document`` is the summary's provenance
document (``check.provenance_document``). python-docx is imported only when a .docx is asked
for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

APPENDIX = {"en": ("Where each number comes from", "line", "from", "source"),
            "zh": ("每个数字的来源", "行", "来自", "原文位置")}


def write_docx(markdown: str, document: dict[str, Any], path: Path, lang: str) -> None:
    """Write ``markdown`` (a rendered summary) as a .docx at ``path`` with a provenance
    appendix in ``lang`` ('en' or 'zh')."""
    from docx import Document

    doc = Document()
    style = {"bullet_list_open": "List Bullet", "ordered_list_open": "List Number",
             "blockquote_open": "Quote"}
    open_blocks: list[str] = []
    heading_level = 0
    for token in MarkdownIt().parse(markdown):
        if token.type in style:
            open_blocks.append(style[token.type])
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            open_blocks.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline":
            text = inline_text(token)
            if heading_level:
                doc.add_heading(text, level=min(heading_level, 4))
            elif text:
                doc.add_paragraph(text, style=open_blocks[-1] if open_blocks else None)
        elif token.type == "heading_close":
            heading_level = 0
    add_appendix(doc, document, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def inline_text(token: Any) -> str:
    """The plain text of an inline token: emphasis and code marks dropped, a link written as
    its text followed by its address in brackets."""
    out, href = [], None
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "link_open":
            href = child.attrs.get("href")
        elif child.type == "link_close" and href:
            out.append(f" ({href})")
            href = None
    return "".join(out).strip()


def add_appendix(doc: Any, document: dict[str, Any], lang: str) -> None:
    """Each number of the summary with its line, the facts it comes from and their source
    spans (file and character offsets)."""
    title, line, source_word, where = APPENDIX[lang]
    doc.add_heading(title, level=1)
    spans = document.get("provenance", {})
    for number in document.get("numbers", []):
        facts = [f["path"] + (f" ({f['how']})" if f.get("how") else "")
                 for f in number["facts"]]
        places = sorted({f"{s['source']} {s['start']}–{s['end']}"
                         for f in number["facts"] for s in spans.get(f["path"], [])
                         if s.get("start") is not None})
        text = f"{number['text']} ({line} {number['line']}): {source_word} {'; '.join(facts)}"
        if places:
            text += f"; {where}: {', '.join(places)}"
        doc.add_paragraph(text, style="List Bullet")
