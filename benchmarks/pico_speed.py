"""PICO tagger speed: abstracts tagged per second and peak memory, on this machine; print one
JSON line.

    python benchmarks/pico_speed.py [--dev ../shared/data/pico/ebm_nlp_train/dev.txt] [--n 100]

The abstracts are the first N of the EBM-NLP dev split, tokens joined by spaces, tagged as raw
text one at a time through ``tag_text`` (what ``summarizer run`` does per record), first with
the shipped int8 layers (``abstracts_per_s``), then in float32 (``abstracts_per_s_fp32``, the
same run with ``SUMMARIZER_PICO_PRECISION=fp32``). Loading the model is timed apart from
tagging; one warm-up abstract is not counted. Peak RSS covers both runs.
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
    args = parser.parse_args()
    import torch

    from summarizer.extract.tagger import load_tagger, tag_text

    texts = abstracts(args.dev, args.n)
    figures = {}
    for precision, suffix in (("int8", ""), ("fp32", "_fp32")):
        os.environ["SUMMARIZER_PICO_PRECISION"] = precision
        load_tagger.cache_clear()
        began = time.time()
        tagger = load_tagger()
        figures[f"load_seconds{suffix}"] = round(time.time() - began, 1)
        tag_text(texts[0], "en")
        began = time.time()
        spans = sum(len(tag_text(text, "en")) for text in texts[1:])
        seconds = time.time() - began
        figures.update({f"abstracts_per_s{suffix}": round((len(texts) - 1) / seconds, 2),
                        f"seconds{suffix}": round(seconds, 1), f"spans{suffix}": spans})
    print(json.dumps({
        "benchmark": "pico_speed", "abstracts": len(texts) - 1,
        "layers": tagger.encoder.config.num_hidden_layers, **figures,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "threads": torch.get_num_threads(), "cpus": os.cpu_count(),
        "loadavg": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    main()
