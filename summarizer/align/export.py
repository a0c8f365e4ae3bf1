"""Alignment exports: JSON Lines, TSV, TMX 1.4 and XLIFF (translate-toolkit), HTML report.

XLIFF carries each bead's QA flags as notes; the HTML report is a self-contained side-by-side
page rendered from the packaged template ``alignment.html.j2`` with autoescaping on.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

from summarizer.errors import TemplateError, UnknownFormat
from summarizer.schema import Alignment, Bead

FORMATS = ["jsonl", "tsv", "tmx", "xliff", "html"]
HTML_TEMPLATE = "alignment.html.j2"


def write_alignment(alignment: Alignment, path: Path, fmt: str) -> None:
    """Write ``alignment`` to ``path`` in ``fmt`` (one of FORMATS)."""
    Path(path).write_bytes(render_alignment([alignment], fmt))


def render_alignment(alignments: list[Alignment], fmt: str) -> bytes:
    """The bytes of ``alignments`` in ``fmt``; several documents go into one file."""
    writers = {"jsonl": to_jsonl, "tsv": to_tsv, "tmx": to_tmx, "xliff": to_xliff,
               "html": to_html}
    if fmt not in writers:
        raise UnknownFormat(fmt, FORMATS)
    return writers[fmt](alignments)


def bead_text(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """(English text, Chinese text) of a bead: its sentences joined (Chinese without spaces
    unless the sentences are tokenized)."""
    en = " ".join(alignment.en[i].text for i in bead.en)
    zh_parts = [alignment.zh[j].text for j in bead.zh]
    zh = ("" if all(" " not in p for p in zh_parts) else " ").join(zh_parts)
    return en, zh


def to_jsonl(alignments: list[Alignment]) -> bytes:
    """One line per document: id, signature, sentences (with offsets) and beads."""
    lines = [json.dumps(a.to_dict(), ensure_ascii=False) for a in alignments]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_tsv(alignments: list[Alignment]) -> bytes:
    """Header + one row per bead: id, bead, en ids, zh ids, score, en, zh, flags."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["id", "bead", "en_ids", "zh_ids", "score", "en", "zh", "flags"])
    for a in alignments:
        for k, bead in enumerate(a.beads):
            en, zh = bead_text(a, bead)
            writer.writerow([a.id, k, ",".join(map(str, bead.en)), ",".join(map(str, bead.zh)),
                             f"{bead.score:.3f}", _one_line(en), _one_line(zh),
                             "; ".join(f"{f.kind}: {f.message}" for f in bead.flags)])
    return out.getvalue().encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_tmx(alignments: list[Alignment]) -> bytes:
    """TMX 1.4: one translation unit per bead with both sides."""
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="zh")
    for a in alignments:
        for bead in a.beads:
            if bead.en and bead.zh:
                en, zh = bead_text(a, bead)
                store.addtranslation(en, "en", zh, "zh")
    return bytes(store)


def to_xliff(alignments: list[Alignment]) -> bytes:
    """XLIFF 1.2: one unit per bead (id ``doc:bead``), QA flags and confidence as notes."""
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="zh")
    for a in alignments:
        for k, bead in enumerate(a.beads):
            en, zh = bead_text(a, bead)
            unit = store.addsourceunit(en)
            unit.setid(f"{a.id}:{k}")
            unit.target = zh
            unit.addnote(f"confidence {bead.score:.3f}", origin="developer")
            for flag in bead.flags:
                unit.addnote(f"{flag.kind}: {flag.message}", origin="developer")
    return bytes(store)


def to_html(alignments: list[Alignment]) -> bytes:
    """A self-contained side-by-side page coloured by confidence, with the flags listed."""
    rows = [{"id": a.id, "signature": a.signature, "beads": [
        {"index": k, "en": bead_text(a, b)[0], "zh": bead_text(a, b)[1], "score": b.score,
         "band": confidence_band(b.score), "en_ids": b.en, "zh_ids": b.zh,
         "flags": [f.to_dict() for f in b.flags]} for k, b in enumerate(a.beads)]}
        for a in alignments]
    return load_template(HTML_TEMPLATE).render(documents=rows).encode("utf-8")


def confidence_band(score: float) -> str:
    """'high' (>= 0.9), 'medium' (>= 0.5) or 'low', for colouring."""
    return "high" if score >= 0.9 else "medium" if score >= 0.5 else "low"


def load_template(name: str):
    """A packaged template by name (``summarizer/templates``), autoescaped."""
    import jinja2

    folder = resources.files("summarizer").joinpath("templates")
    if not folder.joinpath(name).is_file():
        known = sorted(p.name for p in Path(str(folder)).glob("*.j2"))
        raise TemplateError(f"unknown template {name!r}; known: {', '.join(known)}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template(name)
