"""Write a study's four summaries (lay/technical × en/zh; .md, .html, .provenance.json) and the
evidence overview of a run. Same input, byte-identical output: no timestamps, sorted keys."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from summarizer.errors import TemplateError
from summarizer.summarize import render, view
from summarizer.summarize.check import folder_name, provenance_document
from summarizer.summarize.docx import write_docx
from summarizer.summarize.numbers import Support, supports

KINDS = ("lay_en", "lay_zh", "technical_en", "technical_zh")
TITLES = {"lay_en": "Plain-language summary", "lay_zh": "通俗摘要",
          "technical_en": "Technical summary", "technical_zh": "技术摘要"}
OVERVIEW = "overview.md.j2"


def tidy(markdown: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def without_comments(markdown: str) -> str:
    """The Markdown minus HTML comments (the signature), which the HTML page carries itself."""
    return re.sub(r"<!--.*?-->\n?", "", markdown, flags=re.S)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def render_summary(kind: str, context: dict[str, Any], study: dict, template_dir: Path | None,
                   known: list[Support]) -> tuple[str, str, dict[str, Any]]:
    """(markdown, html, provenance document) of one summary kind ('lay_en', ...); ``known``
    is ``supports(study)``.

    Raises TemplateError when the rendered text holds a number the study does not support
    (a template must write numbers only from facts).
    """
    name = f"{kind}.md.j2"
    lang = kind.rsplit("_", 1)[1]
    context = view.said_in(context, lang)
    markdown = tidy(render.render(name, context, template_dir))
    signature = render.signature(name, render.template_path(name, template_dir))
    document = provenance_document(markdown, study, f"{kind}.md", signature, known)
    # facts that could not be said wholly in this language: left out, counted here
    document["left_out"] = context["left_out"]
    if document["unsupported"]:
        where = ", ".join(f"{u['text']!r} (line {u['line']})" for u in document["unsupported"])
        raise TemplateError(f"template {name} wrote numbers that are not facts of study "
                            f"{context['study_id']}: {where}; write numbers only from facts")
    html = render.html_page(without_comments(markdown),
                            f"{TITLES[kind]}: {context['study_id']}", lang,
                            [f"{signature} | study {context['study_id']}"], template_dir)
    return markdown, html, document


def write_summaries(study: dict, out_dir: Path, template_dir: Path | None = None,
                    docx: bool = False) -> dict[str, str]:
    """Write ``out_dir/studies/<id>/{lay_en,lay_zh,technical_en,technical_zh}.{md,html,
    provenance.json}`` (and ``.docx`` with ``docx``); return {'lay_en':
    'studies/<id>/lay_en.md', ...} (relative paths)."""
    out_dir = Path(out_dir)
    context = view.context(study)
    folder = out_dir / "studies" / folder_name(context["study_id"])
    written, known = {}, supports(study)
    for kind in KINDS:
        markdown, html, document = render_summary(kind, context, study, template_dir, known)
        write_text(folder / f"{kind}.md", markdown)
        write_text(folder / f"{kind}.html", html)
        write_text(folder / f"{kind}.provenance.json",
                   json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        if docx:
            write_docx(without_comments(markdown), document, folder / f"{kind}.docx",
                       kind.rsplit("_", 1)[1])
        written[kind] = (folder / f"{kind}.md").relative_to(out_dir).as_posix()
    return written


# What an overview template sees of each study (a study's whole context is held for no more
# than its row: 10,000 whole contexts took 86 MB).
OVERVIEW_FIELDS = ("study_id", "phase", "phase_roman", "tags", "n_enrolled", "interventions",
                   "outcomes", "results", "adverse_events")


def overview_row(study: dict) -> dict[str, Any]:
    """One study's row of the overview: the ``OVERVIEW_FIELDS`` of its context plus
    ``folder``, the folder of its summaries."""
    context = view.context(study)
    row = {name: context[name] for name in OVERVIEW_FIELDS}
    row["folder"] = f"studies/{folder_name(row['study_id'])}"
    return row


def write_overview(studies: Iterable[dict], out_dir: Path,
                   template_dir: Path | None = None) -> list[Path]:
    """Write ``out_dir/overview.md`` and ``overview.html``: one row per study (design, n,
    intervention and dose, primary outcome, main result, safety), in English and Chinese.
    ``studies`` is read once, one study at a time."""
    out_dir = Path(out_dir)
    rows = sorted((overview_row(s) for s in studies), key=lambda r: r["study_id"])
    markdown = tidy(render.render(OVERVIEW, {"studies": rows}, template_dir))
    del rows
    signatures = [render.signature(OVERVIEW, render.template_path(OVERVIEW, template_dir))]
    html = render.html_page(without_comments(markdown), "Evidence overview · 证据概览", "en",
                            signatures, template_dir)
    paths = [out_dir / "overview.md", out_dir / "overview.html"]
    write_text(paths[0], markdown)
    write_text(paths[1], html)
    return paths
