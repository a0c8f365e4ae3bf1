"""Long fuzzing of every reader and the text layer: the properties of the suite's fuzz tests
(``tests/ingest/test_fuzz_readers.py``, ``tests/text/test_fuzz_text.py``) run with many more
examples, round after round, until the time is up.

    python benchmarks/fuzz_readers.py --minutes 60 [--findings FILE] [--seed N]

Each round runs every target (a reader on well-formed skeletons, on damaged text, on damaged
bytes through ``read_file``; each text-layer check) for ``--examples`` examples. A failure is
shrunk by hypothesis, written to ``--findings`` (JSON Lines: target, error, the minimal
example) and the run goes on. Prints one JSON line: minutes, examples run per target, failures
found (and how many distinct).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

import fuzzing  # noqa: E402


def _load_text_checks():
    path = ROOT / "tests" / "text" / "test_fuzz_text.py"
    spec = importlib.util.spec_from_file_location("fuzz_text", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def targets(folder: Path) -> dict[str, tuple]:
    """name → (strategy, property taking one drawn value)."""
    text = _load_text_checks()
    out: dict[str, tuple] = {}
    for fmt in fuzzing.FORMATS:
        skeleton = fuzzing.skeleton_file(fmt, max_size=60)
        out[f"{fmt}/skeleton"] = (skeleton, lambda x, f=fmt: fuzzing.prop_skeleton(f, x))
        out[f"{fmt}/mutated"] = (fuzzing.mutated(skeleton.map(lambda t: t[0]), huge=200_000),
                                 lambda x, f=fmt: fuzzing.prop_mutated(f, x))
        out[f"{fmt}/bytes"] = (fuzzing.file_bytes(fuzzing.mutated(skeleton.map(lambda t: t[0]))),
                               lambda x: fuzzing.prop_file(x, folder))
    lang = st.sampled_from(["en", "zh"])
    out["text/numbers"] = (text.TEXTS, text.check_numbers)
    out["text/script"] = (text.TEXTS, text.check_script)
    out["text/sentences"] = (st.tuples(text.TEXTS, lang, st.integers(0, 10_000)),
                             lambda x: text.check_sentences(*x))
    out["text/normalize"] = (text.TEXTS, text.check_normalize)
    out["text/sections"] = (st.tuples(text.TEXTS, lang, st.integers(0, 10_000)),
                            lambda x: text.check_sections(*x))
    return out


def run_target(strategy, prop, examples: int, seed: int, counter: list[int]) -> None:
    """``examples`` examples of ``prop``; raises the (shrunk) failure."""

    def counted(x):
        counter[0] += 1
        prop(x)

    test = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                    phases=[Phase.generate, Phase.shrink],
                    suppress_health_check=list(HealthCheck))(given(strategy)(counted))
    test._hypothesis_internal_use_seed = seed
    test()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--examples", type=int, default=300, help="examples per target a round")
    parser.add_argument("--findings", type=Path, default=Path("fuzz_findings.jsonl"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="run targets whose name holds this")
    args = parser.parse_args()
    start = time.monotonic()
    runs: Counter[str] = Counter()
    failures: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        todo = {k: v for k, v in targets(Path(tmp)).items() if args.only in k}
        round_ = 0
        while time.monotonic() - start < args.minutes * 60:
            for name, (strategy, prop) in todo.items():
                if time.monotonic() - start >= args.minutes * 60:
                    break
                counter = [0]
                try:
                    run_target(strategy, prop, args.examples, args.seed + round_, counter)
                except Exception as ex:  # a finding: record it and go on
                    finding = {"target": name, "error": f"{type(ex).__name__}: {ex}"[:2000],
                               "example": "\n".join(getattr(ex, "__notes__", []))[:4000],
                               "where": traceback.format_exception(ex)[-2][:600]}
                    failures.append(finding)
                    with args.findings.open("a", encoding="utf-8") as out:
                        out.write(json.dumps(finding, ensure_ascii=False) + "\n")
                runs[name] += counter[0]
                elapsed = (time.monotonic() - start) / 60
                print(f"{elapsed:6.1f} min  round {round_}  {name}: {counter[0]} examples, "
                      f"{len(failures)} failures so far", file=sys.stderr, flush=True)
            round_ += 1
    distinct = {(f["target"], f["error"].split("\n")[0][:120]) for f in failures}
    minutes = round((time.monotonic() - start) / 60, 1)
    print(json.dumps({"benchmark": "fuzz_readers", "minutes": minutes,
                      "rounds": round_, "examples": sum(runs.values()), "per_target": dict(runs),
                      "failures": len(failures), "distinct_failures": len(distinct),
                      "findings": str(args.findings)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
