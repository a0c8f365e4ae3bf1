"""Templates: found by name among the package's templates (or a --template-dir that overrides
them by name), rendered with Jinja2, signed, and turned into HTML.

Markdown templates (``*.md.j2``) are rendered without escaping; the HTML of a summary is its
Markdown converted by markdown-it (raw HTML in the Markdown is escaped, not passed through) and
wrapped in ``page.html.j2``, an autoescaped template.
"""

from __future__ import annotations

import functools
import hashlib
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


def markdown_to_html(markdown: str) -> str:
    """HTML for a Markdown text (CommonMark plus tables); raw HTML in it is escaped."""
    return markdown_parser().render(markdown)


def html_page(markdown: str, title: str, lang: str, signatures: list[str],
              template_dir: Path | None = None) -> str:
    """A whole HTML page for a rendered Markdown summary."""
    from markupsafe import Markup

    return render(PAGE, {"title": title, "lang": "zh-Hans" if lang == "zh" else lang,
                         "body": Markup(markdown_to_html(markdown)),
                         "signatures": signatures}, template_dir)
