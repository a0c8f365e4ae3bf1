"""English and Chinese records of one article found without a shared identifier: pairwise
precision, recall and F1 of the grouping. Print one JSON line.

    python benchmarks/grouping_eval.py [--data ../shared/data/align/wmt_medline_en2zh]
    python benchmarks/grouping_eval.py --data ../shared/data/align/paramed_nejm_dev

Each bilingual abstract (WMT) or article (ParaMed) is split into two records of different
formats, the English as a JSON Lines record and the Chinese as pasted text, with nothing in
common but their content; the records of ``corpus/`` (lupus and stem-cell trials, several on
one topic) are added as distractors. ``summarizer.pipeline.group_studies`` groups them all.
A pair is the English and Chinese record of one document: found when they end in one study.
``false_merges``: studies holding records of two different documents (or a document and a
distractor, or two distractors joined as versions of one article). ``unpaired``: the same
with the Chinese records of every second document
left out, so half the English records have no partner: any join of theirs is a false merge.
``scale``: time to group ``--scale`` synthetic records (half English, half Chinese, each a
random draw of the dev sentences, so numbers and acronyms recur across records) with a
stand-in encoder (a fixed random unit vector per text), which times everything but the
encoder; the encoder's own speed on real study texts is measured apart (texts/s), and the
projected total is both together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from summarizer.group import _study_text, group_records, join_across_languages
from summarizer.ingest import get_reader, read_paths
from summarizer.models import load_encoder
from summarizer.schema import Record

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from qa_eval import documents  # noqa: E402  (the dev sets' readers)


def split_records(data: Path) -> list[Record]:
    """Two records per document: ``docN.en`` (JSON Lines) and ``docN.zh`` (pasted text)."""
    records = []
    for doc, sides in documents(data).items():
        en = json.dumps({"abstract": " ".join(sides["en"])}, ensure_ascii=False)
        records += [r for r in get_reader("jsonl")(en, f"{doc}.en") if isinstance(r, Record)]
        zh = "".join(sides["zh"]) + "\n"
        records += [r for r in get_reader("text")(zh, f"{doc}.zh") if isinstance(r, Record)]
    return records


def _doc(source: str) -> str:
    """The document of a split record's source (``doc12.en``, ``ChinaXiv-201712.00036V1.zh``)."""
    return source.rsplit(".", 1)[0]


def score(data: Path, scale: int = 10_000) -> dict[str, object]:
    records = split_records(data)
    distractors = [r for r in read_paths([ROOT / "corpus"]) if isinstance(r, Record)]
    encode = load_encoder().encode  # caches per text: the unpaired run encodes nothing new
    started = time.perf_counter()
    figures = pair_figures(records, join_across_languages(
        group_records(records + distractors), encode))
    seconds = time.perf_counter() - started
    order = {doc: k for k, doc in enumerate(dict.fromkeys(_doc(r.source) for r in records), 1)}
    unpaired = [r for r in records if not r.source.endswith(".zh") or order[_doc(r.source)] % 2]
    figures_unpaired = pair_figures(unpaired, join_across_languages(
        group_records(unpaired + distractors), encode))
    return {"data": data.name, "documents": len({_doc(r.source) for r in records}),
            "distractor_records": len(distractors), **figures, "seconds": round(seconds, 1),
            "unpaired": {k: figures_unpaired[k] for k in ("pairs_found", "false_merges")},
            "scale": scale_figures(data, records, scale) if scale else None}


def pair_figures(records: list[Record], studies) -> dict[str, object]:
    """Pairwise figures of ``studies`` for the split ``records`` (see the module doc)."""
    docs = {_doc(r.source) for r in records}
    paired = {d for d in docs if {f"{d}.en", f"{d}.zh"} <= {r.source for r in records}}
    split = {r.id for r in records}
    together = predicted_pairs = false_merges = 0
    for study in studies:
        mine = [r.source for r in study.records if r.id in split]
        others = len(study.records) - len(mine)
        predicted_pairs += len(mine) * (len(mine) - 1) // 2 + len(mine) * others
        owners = {_doc(source) for source in mine}
        together += sum(1 for d in owners if {f"{d}.en", f"{d}.zh"} <= set(mine))
        # the distractors hold no two versions of one article: a join of two is a false merge
        joined_distractors = not mine and any(
            reason.startswith("English/Chinese versions") for reason in study.reasons)
        false_merges += len(owners) > 1 or bool(mine and others) or joined_distractors
    precision = together / predicted_pairs if predicted_pairs else 0.0
    recall = together / len(paired) if paired else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs_found": together, "recall": round(recall, 3),
            "precision": round(precision, 3), "f1": round(f1, 3), "false_merges": false_merges}


def synthetic_records(data: Path, n: int, seed: int = 3) -> list[Record]:
    """``n`` records, alternately English (JSON Lines) and Chinese (pasted text), each six
    dev sentences of its language drawn at random."""
    rng = random.Random(seed)
    pool = {"en": [], "zh": []}
    for sides in documents(data).values():
        for lang in pool:
            pool[lang] += sides[lang]
    out = []
    for k in range(n):
        lang = "en" if k % 2 == 0 else "zh"
        sentences = rng.sample(pool[lang], 6)
        if lang == "en":
            text = json.dumps({"abstract": " ".join(sentences)}, ensure_ascii=False)
            out += [r for r in get_reader("jsonl")(text, f"syn{k}.en") if isinstance(r, Record)]
        else:
            out += [r for r in get_reader("text")("".join(sentences) + "\n", f"syn{k}.zh")
                    if isinstance(r, Record)]
    return out


def stand_in_encode(texts: list[str]) -> np.ndarray:
    """A fixed random unit vector (384) per text, seeded by its hash: the encoder's shape
    without its cost."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for row, text in enumerate(texts):
        seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:4], "little")
        out[row] = np.random.default_rng(seed).standard_normal(384)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def scale_figures(data: Path, records: list[Record], n: int) -> dict[str, object]:
    """Grouping time of ``n`` synthetic records without the encoder, the encoder's speed on
    the dev study texts, and the projected total."""
    data_records = synthetic_records(data, n)
    started = time.perf_counter()
    studies = join_across_languages(group_records(data_records), stand_in_encode)
    seconds = time.perf_counter() - started
    encoder = load_encoder().fresh()
    texts = [_study_text(s, lang) for s in group_records(records[:64])
             for lang in s.records[0].languages][:64]
    started = time.perf_counter()
    encoder.encode(texts)
    per_s = len(texts) / (time.perf_counter() - started)
    return {"records": len(data_records), "studies": len(studies),
            "grouping_s_without_encoder": round(seconds, 1),
            "encoder_texts_per_s": round(per_s, 1),
            "projected_total_s": round(seconds + len(data_records) / per_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    parser.add_argument("--scale", type=int, default=10_000,
                        help="synthetic records to time (0: skip)")
    args = parser.parse_args()
    print(json.dumps(score(args.data, args.scale)))


if __name__ == "__main__":
    main()
