"""What the resume and engine tests share: the sample inputs of a small run and the bytes of
its outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
# 5 studies: two bilingual records (aligned), English and Chinese RIS records (whether to
# join them across languages is the encoder's call), JSON Lines.
INPUTS = ["records.jsonl", "pubmed_article.xml", "ris_bilingual.ris"]


def copy_inputs(folder: Path) -> Path:
    """``folder`` with a copy of each sample input."""
    for name in INPUTS:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def output_bytes(out: Path) -> dict[str, bytes]:
    """Every output file by relative path, without the work folder and the timings."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] != ".work"
            and p.name != "timings.json"}
