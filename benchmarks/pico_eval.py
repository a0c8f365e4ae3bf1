"""Score the PICO tagger on the EBM-NLP dev split with the shared scorer; print one JSON line.

    python benchmarks/pico_eval.py [--dev ../shared/data/pico/ebm_nlp_train/dev.txt]
                                   [--eval ../shared/eval] [--out out/pico] [--limit N]

Prepares ``OUT.input.jsonl`` / ``OUT.gold.jsonl`` with ``prepare.py ebm``, tags the input
through ``summarizer extract --pretokenized`` (the measurement interface), then runs
``score_pico.py``. ``--limit`` keeps the first N documents (a quick slice).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prepare(dev: Path, eval_dir: Path, prefix: Path, limit: int | None) -> None:
    """Write PREFIX.input.jsonl and PREFIX.gold.jsonl (the first ``limit`` documents)."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(eval_dir / "prepare.py"), "ebm", str(dev), str(prefix)],
                   check=True)
    if limit is not None:
        for kind in ("input", "gold"):
            path = Path(f"{prefix}.{kind}.jsonl")
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[:limit]
            path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path,
                        default=ROOT.parent / "shared/data/pico/ebm_nlp_train/dev.txt")
    parser.add_argument("--eval", dest="eval_dir", type=Path, default=ROOT.parent / "shared/eval")
    parser.add_argument("--out", type=Path, default=ROOT / "out/pico/dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    prepare(args.dev, args.eval_dir, args.out, args.limit)
    began = time.time()
    subprocess.run([str(Path(sys.executable).parent / "summarizer"), "extract", "--pretokenized",
                    f"{args.out}.input.jsonl", "--output", f"{args.out}.pred.jsonl"],
                   check=True, cwd=ROOT)
    seconds = time.time() - began
    scored = subprocess.run([sys.executable, str(args.eval_dir / "score_pico.py"),
                             f"{args.out}.gold.jsonl", f"{args.out}.pred.jsonl"],
                            check=True, capture_output=True, text=True)
    result = json.loads(scored.stdout)
    result.update(benchmark="pico_eval", data=str(args.dev.name), seconds=round(seconds, 1))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
