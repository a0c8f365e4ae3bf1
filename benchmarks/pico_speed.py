"""PICO tagger speed: abstracts tagged per second and peak memory, on this machine; print one
JSON line.

    python benchmarks/pico_speed.py [--dev ../shared/data/pico/ebm_nlp_train/dev.txt] [--n 100]

The abstracts are the first N of the EBM-NLP dev split, tokens joined by spaces, tagged as raw
text twice: in batches of ``--batch`` through ``tag_texts`` (``abstracts_per_s``) and one at a
time through ``tag_text`` (``abstracts_per_s_single``, what ``summarizer run`` does per record).
Loading the model is timed apart from tagging; one warm-up abstract is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def abstracts(path: Path, n: int) -> list[str]:
    """The first ``n`` documents of an EBM-NLP CoNLL-like file as plain text."""
    docs: list[list[str]] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("-DOCSTART-"):
                if len(docs) == n + 1:
                    break
                docs.append([])
            elif line.strip() and docs:
                docs[-1].append(line.split()[0])
    return [" ".join(words) for words in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path,
                        default=ROOT.parent / "shared/data/pico/ebm_nlp_train/dev.txt")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    import torch

    from summarizer.extract.tagger import load_tagger, tag_text, tag_texts

    texts = abstracts(args.dev, args.n)
    began = time.time()
    load_tagger()
    load_seconds = time.time() - began
    tag_text(texts[0], "en")
    todo = texts[1:]
    began = time.time()
    spans = sum(len(found) for start in range(0, len(todo), args.batch)
                for found in tag_texts(todo[start : start + args.batch], "en"))
    seconds = time.time() - began
    began = time.time()
    single_spans = sum(len(tag_text(text, "en")) for text in todo)
    single_seconds = time.time() - began
    print(json.dumps({
        "benchmark": "pico_speed", "abstracts": len(texts) - 1,
        "abstracts_per_s": round(len(todo) / seconds, 2), "seconds": round(seconds, 1),
        "batch": args.batch, "abstracts_per_s_single": round(len(todo) / single_seconds, 2),
        "load_seconds": round(load_seconds, 1), "spans": spans, "spans_single": single_spans,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "threads": torch.get_num_threads(), "cpus": os.cpu_count(),
        "loadavg": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    main()
