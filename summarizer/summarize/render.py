"""Templates: found by name among the package's templates (or a --template-dir that overrides
them by name), rendered with Jinja2, signed, and turned into HTML.

Markdown templates (``*.md.j2``) are rendered without escaping; the HTML of a summary is its
Markdown converted by markdown-it (raw HTML in the Markdown is escaped, not passed through) and
wrapped in ``page.html.j2``, an autoescaped template.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from summarizer import __version__
from summarizer.errors import TemplateError, UnknownName
from summarizer.summarize import glossary, view
from summarizer.text.script import has_han

PAGE = "page.html.j2"


def packaged_dir() -> Path:
    """The folder of the packaged templates (``summarizer/templates``)."""
    return Path(str(resources.files("summarizer").joinpath("templates")))


def template_names() -> list[str]:
    """Every template name the package knows (``lay_en.md.j2``, ...)."""
    return sorted(p.name for p in packaged_dir().glob("*.j2"))


def template_path(name: str, template_dir: Path | None = None) -> Path:
    """The file of template ``name``: its override in ``template_dir`` if there is one.

    An override folder may only hold known names, so a misspelt override ('lay-en.md.j2')
    is an error rather than silently ignored.
    """
    known = template_names()
    folders = [packaged_dir()]
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise TemplateError(f"template folder {template_dir} does not exist; "
                                "pass an existing folder to --template-dir")
        for extra in sorted(p.name for p in Path(template_dir).glob("*.j2")):
            if extra not in known:
                raise UnknownName("template", extra, known)
        folders.insert(0, Path(template_dir))
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise UnknownName("template", name, known)


ONLY_ENGLISH = "仅有英文原文"


def zh_only(phrase: str | None) -> str:
    """A phrase for a Chinese table cell: wholly in Chinese, or said to be English only."""
    return glossary.to_zh(phrase, strict=True) or ONLY_ENGLISH


def zh_quote(text: str | None) -> str:
    """A quote for a Chinese table cell: a Chinese quote, or said to be English only."""
    return f"原文：{text}" if has_han(text or "") else ONLY_ENGLISH


@functools.lru_cache(maxsize=16)
def environment(folder: str, autoescape: bool) -> Any:
    """A Jinja2 environment over one folder; StrictUndefined so a typo in a template fails."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=autoescape,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(explain=glossary.explain, zh=glossary.to_zh, en=glossary.to_en,
                       zh_only=zh_only, zh_quote=zh_quote, num=view.fmt_num, cell=table_cell)
    return env


def table_cell(value: Any) -> str:
    """A value safe in a Markdown table cell: pipes escaped, line breaks made spaces."""
    return " ".join(str(value).split()).replace("|", "\\|")


def short_hash(path: Path) -> str:
    """The first 12 hex digits of the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def signature(name: str, path: Path) -> str:
    """'summarizer 0.1.0 | template lay_en.md.j2 sha256:0123456789ab' (sacrebleu style)."""
    return f"summarizer {__version__} | template {name} sha256:{short_hash(path)}"


def render(name: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render template ``name`` with ``context`` (plus ``signature``); HTML names autoescape."""
    import jinja2

    path = template_path(name, template_dir)
    env = environment(str(path.parent), name.endswith(".html.j2"))
    try:
        text = env.get_template(name).render(**context, signature=signature(name, path))
    except (jinja2.TemplateError, TypeError, ValueError) as ex:
        raise TemplateError(f"template {path}: {ex}; fix the template or remove the "
                            "override") from ex
    return text


@functools.lru_cache(maxsize=1)
def markdown_parser() -> Any:
    """The one CommonMark parser (plus tables; raw HTML escaped): building one costs more
    than rendering a summary with it, and rendering keeps no state."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


# Table rows converted at a time: markdown-it holds a whole text's tokens, and the two tables
# of a 10,000-study overview took 180 MB at once; 500 rows at a time take a few MB.
TABLE_ROWS = 500
TABLE_RULE = re.compile(r"\|?(?: *:?-+:? *\|)+ *:?-*:? *")


def markdown_to_html(markdown: str) -> str:
    """HTML for a Markdown text (CommonMark plus tables); raw HTML in it is escaped. A table
    of more than ``TABLE_ROWS`` rows is converted that many rows at a time (same HTML)."""
    return "".join(markdown_parser().render(part) if isinstance(part, str)
                   else long_table_html(*part) for part in split_long_tables(markdown))


def split_long_tables(markdown: str) -> Iterator[str | tuple[list[str], list[str]]]:
    """The text between long tables (str), and each long table as (its two head lines, its
    rows). A table starts at a line followed by a rule line (``|---|---|``) and ends before
    the first blank line."""
    lines = markdown.split("\n")
    start = i = 0
    while i < len(lines) - 1:
        end = i + 2
        if lines[i].strip() and TABLE_RULE.fullmatch(lines[i + 1].strip()):
            while end < len(lines) and lines[end].strip():
                end += 1
            if end - i - 2 > TABLE_ROWS:
                yield "\n".join(lines[start:i]) + "\n"
                yield lines[i:i + 2], lines[i + 2:end]
                start = end
        i = end if end > i + 2 else i + 1
    yield "\n".join(lines[start:])


def long_table_html(head: list[str], rows: list[str]) -> str:
    """A table's HTML converted ``TABLE_ROWS`` rows at a time: the first block's head and the
    rows of every block."""
    parts = []
    for at in range(0, len(rows), TABLE_ROWS):
        html = markdown_parser().render("\n".join(head + rows[at:at + TABLE_ROWS]) + "\n")
        body_at = html.index("<tbody>\n") + len("<tbody>\n")
        parts.append(html[:body_at] if at == 0 else "")
        parts.append(html[body_at:html.rindex("</tbody>")])
    return "".join(parts) + "</tbody>\n</table>\n"


def html_page(markdown: str, title: str, lang: str, signatures: list[str],
              template_dir: Path | None = None) -> str:
    """A whole HTML page for a rendered Markdown summary."""
    from markupsafe import Markup

    return render(PAGE, {"title": title, "lang": "zh-Hans" if lang == "zh" else lang,
                         "body": Markup(markdown_to_html(markdown)),
                         "signatures": signatures}, template_dir)
