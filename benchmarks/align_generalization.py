"""How the aligner's tuned constants carry over to documents they were not tuned on; prints
one JSON line.

    python benchmarks/align_generalization.py [--data ../shared/data] [--eval ../shared/eval]

The aligner's weights and penalties (``aligner.Params``) were tuned on WMT Medline dev and
checked on ParaMed NEJM dev, one feature at a time. This measures what such tuning is worth on
unseen documents, with no data beyond the two dev sets:

- ``grid``: strict F1 of each set at the shipped parameters and at each parameter moved one
  step down and up (``GRID``), every document aligned once per setting;
- ``cross``: the setting with the best strict F1 on one set, and the other set's F1 at that
  setting (tuned on WMT, reported on ParaMed untouched, and the reverse), beside the other
  set's own best: the gap is what tuning on one kind of document costs on the other;
- ``lodo``: leave one document out: each document aligned with the setting that is best on
  the other documents of its set, strict F1 pooled over the held-out documents;
- ``calibration``: the bead confidence (logistic regression of strict correctness on the
  bead's max-marginal gain and quality and its document's median quality,
  ``pipeline.confidence``) fitted on one set and its
  expected calibration error on the other, and leave one document out on each.

Ties between settings go to the shipped parameters, then to the earlier setting in ``GRID``.
Sentence vectors and token states are computed once (``qa_eval.KeptTokens``), so a setting
costs its dynamic programming and the runs it re-encodes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from align_eval import ece, fit_logistic, prepare, read_jsonl  # noqa: E402
from qa_eval import KeptTokens  # noqa: E402

# (parameter, values tried besides the shipped one): each a step down and up of a weight or
# penalty that was tuned on WMT dev
# (three parameters, seven settings: each setting aligns both dev sets once, about a minute
# on an idle 2-core machine)
GRID = {"w_member": (0.0, 8.0), "member_floor": (-0.1, 0.0), "null_q": (-0.4, -0.2)}


def settings() -> list[tuple[str, object]]:
    """(name, Params): the shipped parameters first, then each one-step move of GRID."""
    from summarizer.align.pipeline import PARAMS

    out = [("shipped", PARAMS)]
    for name, values in GRID.items():
        out += [(f"{name}={v:g}", replace(PARAMS, **{name: v})) for v in values]
    return out


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score_align", eval_dir / "score_align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def align_all(prefix: Path, encoder, params) -> tuple[dict[str, list], list[tuple]]:
    """Align every document of a prepared set: ({doc: [(en, zh)]}, [(doc, gain, q,
    document quality, correct)])."""
    from summarizer.align.pipeline import align_steps, document_quality

    gold = {d["id"]: {(tuple(b["en"]), tuple(b["zh"])) for b in d["beads"]}
            for d in read_jsonl(prefix.with_suffix(".gold.jsonl"))}
    pred, rows = {}, []
    for doc in read_jsonl(prefix.with_suffix(".input.jsonl")):
        beads = []
        steps = align_steps(doc["en"], doc["zh"], encoder, params)
        doc_quality = document_quality(steps)
        for s in steps:
            bead = (tuple(range(s.i, s.i + s.a)), tuple(range(s.j, s.j + s.b)))
            beads.append(bead)
            rows.append((doc["id"], min(s.gain, 2.0), s.q, doc_quality, bead in gold[doc["id"]]))
        pred[doc["id"]] = beads
    return pred, rows


def best_setting(f1: dict[str, float]) -> str:
    """The setting with the highest F1; ties to the earliest (the shipped one first)."""
    return max(f1, key=lambda name: (f1[name], -list(f1).index(name)))


def lodo(gold: dict, preds: dict[str, dict], score) -> dict[str, object]:
    """Leave one document out: each document predicted by the setting best on the others."""
    held, chosen = {}, []
    for doc in gold:
        rest = {d: g for d, g in gold.items() if d != doc}
        f1 = {name: score(rest, {d: p[d] for d in rest})["strict_f1"]
              for name, p in preds.items()}
        name = best_setting(f1)
        chosen.append(name)
        held[doc] = preds[name][doc]
    return {"strict_f1": score(gold, held)["strict_f1"],
            "settings_chosen": sorted(set(chosen))}


def calibration(rows: dict[str, list[tuple]]) -> dict[str, object]:
    """ECE of the confidence fitted on one set and applied to the other, and leave one
    document out on each set."""
    def fit(sel):
        arr = np.array([r[1:] for r in sel], dtype=float)
        return fit_logistic(arr[:, :3], arr[:, 3])

    def ece_of(w, sel):
        arr = np.array([r[1:] for r in sel], dtype=float)
        conf = 1.0 / (1.0 + np.exp(-(w[0] + arr[:, :3] @ w[1:])))
        return conf, arr[:, 3]

    out = {}
    for fit_on, check in (("wmt", "paramed"), ("paramed", "wmt")):
        out[f"{fit_on}->{check}_ece"] = round(ece(*ece_of(fit(rows[fit_on]), rows[check])), 4)
    for name, sel in rows.items():
        confs, correct = [], []
        for doc in sorted({r[0] for r in sel}):
            c, y = ece_of(fit([r for r in sel if r[0] != doc]), [r for r in sel if r[0] == doc])
            confs.append(c)
            correct.append(y)
        out[f"{name}_lodo_ece"] = round(ece(np.concatenate(confs), np.concatenate(correct)), 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "../shared/data")
    parser.add_argument("--eval", type=Path, default=ROOT / "../shared/eval")
    args = parser.parse_args()
    from summarizer.models import load_encoder

    score = load_scorer(args.eval.resolve())
    encoder = KeptTokens(load_encoder())
    started = time.perf_counter()
    report: dict = {"settings": len(settings())}
    with tempfile.TemporaryDirectory() as tmp:
        prefixes = prepare(["wmt", "paramed"], args.data.resolve(), args.eval.resolve(),
                           Path(tmp))
        gold = {name: {d["id"]: [(tuple(b["en"]), tuple(b["zh"])) for b in d["beads"]]
                       for d in read_jsonl(prefix.with_suffix(".gold.jsonl"))}
                for name, prefix in prefixes.items()}
        preds = {name: {} for name in prefixes}
        rows = {}
        for setting, params in settings():
            for name, prefix in prefixes.items():
                preds[name][setting], set_rows = align_all(prefix, encoder, params)
                if setting == "shipped":
                    rows[name] = set_rows
    f1 = {name: {s: score(gold[name], p)["strict_f1"] for s, p in preds[name].items()}
          for name in prefixes}
    report["grid"] = f1
    for tuned, other in (("wmt", "paramed"), ("paramed", "wmt")):
        chosen = best_setting(f1[tuned])
        report[f"tuned_on_{tuned}"] = {
            "setting": chosen, f"{tuned}_f1": f1[tuned][chosen],
            f"{other}_f1_untouched": f1[other][chosen],
            f"{other}_best_f1": max(f1[other].values()),
            f"{other}_shipped_f1": f1[other]["shipped"]}
    report["lodo"] = {name: lodo(gold[name], preds[name], score) for name in prefixes}
    report["calibration"] = calibration(rows)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
