"""Alignment quality, speed and memory on the two dev sets; prints one JSON line.

    python benchmarks/align_eval.py [--data ../shared/data] [--set NAME]... [--calibrate]

Runs ``../shared/eval/prepare.py`` on WMT Medline en2zh and ParaMed NEJM dev and on the two
ChinaXiv sets of this checkout (``benchmarks/data/chinaxiv/align``: Chinese papers' abstracts
and their English abstracts, PDF converted to Markdown; ``chinaxiv-a`` tuned on, ``chinaxiv-b``
untouched), aligns them with
``align.e5-margin.v1`` in this process (model loading timed separately), scores them with
``../shared/eval/score_align.py``, and reports strict/lax F1, the expected calibration error
(ECE, 10 bins) of bead confidences against strict bead correctness, sentences per second and
peak memory. ``--calibrate`` also fits the confidence (logistic regression of correctness
on the bead's max-marginal gain and quality and its document's median quality) on WMT and
ChinaXiv a and reports its ECE on ParaMed and ChinaXiv b.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# name -> (prepare.py format, folder: under --data, or under this checkout for chinaxiv-*)
SETS = {"wmt": ("wmt", "align/wmt_medline_en2zh"), "paramed": ("paramed", "align/paramed_nejm_dev"),
        "chinaxiv-a": ("wmt", "benchmarks/data/chinaxiv/align/a"),
        "chinaxiv-b": ("wmt", "benchmarks/data/chinaxiv/align/b")}


def prepare(names: list[str], data: Path, eval_dir: Path, out: Path) -> dict[str, Path]:
    """Run prepare.py on each named set: name -> output prefix."""
    prefixes = {}
    for name in names:
        kind, sub = SETS[name]
        folder = ROOT / sub if name.startswith("chinaxiv") else data / sub
        prefix = out / name
        subprocess.run([sys.executable, str(eval_dir / "prepare.py"), kind, str(folder),
                        str(prefix)], check=True)
        prefixes[name] = prefix
    return prefixes


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def gold_beads(path: Path) -> dict[str, set]:
    return {d["id"]: {(tuple(sorted(b["en"])), tuple(sorted(b["zh"]))) for b in d["beads"]}
            for d in read_jsonl(path)}


def ece(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: bin-weighted |mean confidence - accuracy|."""
    edges = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = edges == b
        if sel.any():
            total += sel.mean() * abs(conf[sel].mean() - correct[sel].mean())
    return float(total)


def fit_logistic(x: np.ndarray, y: np.ndarray, steps: int = 50) -> np.ndarray:
    """Newton-Raphson logistic regression with a small ridge: weights (1 + n_features,)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        grad = design.T @ (p - y) + 1e-3 * w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + 1e-3 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def align_set(prefix: Path, encoder) -> tuple[list[dict], list[tuple]]:
    """Align one prepared set: (prediction lines, [(gain, q, document quality, confidence,
    correct)])."""
    from summarizer.align.pipeline import align_steps, confidence, document_quality, prefetched

    gold = gold_beads(prefix.with_suffix(".gold.jsonl"))
    lines, rows = [], []
    docs = read_jsonl(prefix.with_suffix(".input.jsonl"))
    for doc in prefetched(docs, encoder):  # as align_presegmented does
        steps = align_steps(doc["en"], doc["zh"], encoder)
        doc_quality = document_quality(steps)
        beads = []
        for s in steps:
            bead = (tuple(range(s.i, s.i + s.a)), tuple(range(s.j, s.j + s.b)))
            conf = confidence(s, doc_quality)
            rows.append((min(s.gain, 2.0), s.q, doc_quality, conf, bead in gold[doc["id"]]))
            beads.append({"en": list(bead[0]), "zh": list(bead[1]), "score": conf})
        lines.append({"id": doc["id"], "beads": beads})
    return lines, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "../shared/data")
    parser.add_argument("--eval", type=Path, default=ROOT / "../shared/eval")
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS),
                        help="a set to align (repeatable; default: all)")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    names = args.sets or list(SETS)
    if args.calibrate and set(names) != set(SETS):
        parser.error("--calibrate needs every set")
    from summarizer.models import load_encoder

    report: dict = {"cpu_count": os.cpu_count(), "loadavg_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        prefixes = prepare(names, args.data.resolve(), args.eval.resolve(), Path(tmp))
        start = time.perf_counter()
        encoder = load_encoder()
        report["model_load_s"] = round(time.perf_counter() - start, 2)
        n_sentences, rows_by_set = 0, {}
        for name, prefix in prefixes.items():
            lines, rows = align_set(prefix, encoder)
            rows_by_set[name] = rows
            n_sentences += sum(len(d["en"]) + len(d["zh"])
                               for d in read_jsonl(prefix.with_suffix(".input.jsonl")))
            pred = Path(tmp) / f"{name}.pred.jsonl"
            pred.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
            scored = subprocess.run(
                [sys.executable, str(args.eval.resolve() / "score_align.py"),
                 str(prefix.with_suffix(".gold.jsonl")), str(pred)],
                check=True, capture_output=True, text=True)
            figures = json.loads(scored.stdout)
            report[name] = {k: figures[k] for k in ("strict_f1", "lax_f1", "pred_beads",
                                                    "gold_beads")}
            arr = np.array([r[3:] for r in rows], dtype=float)
            report[name]["ece"] = round(ece(arr[:, 0], arr[:, 1]), 4)
        total = time.perf_counter() - start
    report.update(sentences=n_sentences, total_s=round(total, 1),
                  sentences_per_s=round(n_sentences / total, 1),
                  peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  loadavg_end=os.getloadavg()[0])
    if args.calibrate:  # fitted on WMT and ChinaXiv a, checked on the two others
        fit = np.array(rows_by_set["wmt"] + rows_by_set["chinaxiv-a"], dtype=float)
        w = fit_logistic(fit[:, :3], fit[:, 4])
        report["calibration"] = {"coef": [round(float(v), 3) for v in w]}
        for name in ("paramed", "chinaxiv-b"):
            check = np.array(rows_by_set[name], dtype=float)
            conf = 1.0 / (1.0 + np.exp(-(w[0] + check[:, :3] @ w[1:])))
            report["calibration"][f"{name}_ece"] = round(ece(conf, check[:, 4]), 4)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
