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
distractor).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from summarizer.ingest import get_reader, read_paths
from summarizer.pipeline import group_studies
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


def score(data: Path) -> dict[str, object]:
    records = split_records(data)
    distractors = [r for r in read_paths([ROOT / "corpus"]) if isinstance(r, Record)]
    started = time.perf_counter()
    studies = group_studies(records + distractors, None)
    seconds = time.perf_counter() - started
    docs = {r.source.split(".")[0] for r in records}
    split = {r.id for r in records}
    together = predicted_pairs = false_merges = 0
    for study in studies:
        mine = [r.source for r in study.records if r.id in split]
        others = len(study.records) - len(mine)
        predicted_pairs += len(mine) * (len(mine) - 1) // 2 + len(mine) * others
        owners = {source.split(".")[0] for source in mine}
        together += sum(1 for d in owners if {f"{d}.en", f"{d}.zh"} <= set(mine))
        false_merges += len(owners) > 1 or bool(mine and others)
    precision = together / predicted_pairs if predicted_pairs else 0.0
    recall = together / len(docs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"data": data.name, "documents": len(docs), "distractor_records": len(distractors),
            "pairs_found": together, "recall": round(recall, 3),
            "precision": round(precision, 3), "f1": round(f1, 3),
            "false_merges": false_merges, "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/align/wmt_medline_en2zh")
    print(json.dumps(score(parser.parse_args().data)))


if __name__ == "__main__":
    main()
