"""Score the trial-facts patterns on PICO-Corpus (breast cancer, BRAT); print one JSON line.

    python benchmarks/facts_pico_corpus.py [--data ../shared/data/pico/pico_corpus_breast_cancer]
                                           [--limit N]

Each abstract becomes one English record and goes through ``extract_facts`` (patterns only).
Figures: ``total``: the study's number of participants (``n_randomized``, else ``n_enrolled``)
against the annotated ``total-participants`` numbers of the abstract (precision: predicted
numbers that are among them; recall: abstracts with an annotation whose number is found);
``percent``: result percentages that are annotated ``iv-bin-percent``/``cv-bin-percent`` values;
``age``: a median/mean age that appears in an ``age`` annotation.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from summarizer.extract.facts import extract_facts
from summarizer.extract.numbers import NUM, parse_number
from summarizer.schema import Record, Section, Study

ROOT = Path(__file__).resolve().parents[1]


def annotations(path: Path) -> dict[str, list[str]]:
    """label → annotated texts of a BRAT ``.ann`` file."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            _, span, text = line.split("\t")
            found.setdefault(span.split()[0], []).append(text)
    return found


def numbers_in(texts: list[str]) -> set[float]:
    """Every number (digits or words) in the annotated texts; ``13 388`` is 13388."""
    values = set()
    for text in texts:
        joined = re.sub(r"(?<=\d)[ ,\u2009\u202f](?=\d{3}\b)", "", text)
        values |= {float(parse_number(m.group(0))) for m in re.finditer(NUM, joined)}
    return values


def score(data: Path, limit: int | None) -> dict[str, object]:
    counts = dict.fromkeys(["docs", "total_gold", "total_pred", "total_hit", "total_found",
                            "percent_pred", "percent_hit", "age_pred", "age_hit"], 0)
    start = time.perf_counter()
    for path in sorted(data.glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8")
        gold = annotations(path.with_suffix(".ann"))
        record = Record(id=path.stem, source=path.name, format="text", index=0, text=text,
                        abstract=[Section("other", "en", text, 0, len(text))])
        facts = extract_facts(Study(path.stem, [record])).to_dict()["facts"]
        counts["docs"] += 1
        _score_total(counts, facts["participants"], numbers_in(gold.get("total-participants", [])))
        percents = numbers_in(gold.get("iv-bin-percent", []) + gold.get("cv-bin-percent", []))
        for result in [r for r in facts["results"] if r["percent"] is not None]:
            counts["percent_pred"] += 1
            counts["percent_hit"] += result["percent"] in percents
        age = facts["participants"]["age"]
        if age:
            counts["age_pred"] += 1
            centre = age.get("median", age.get("mean"))
            said = [centre] if centre is not None else [age["min"], age["max"]]  # a range alone
            counts["age_hit"] += all(float(v) in numbers_in(gold.get("age", [])) for v in said)
    seconds = time.perf_counter() - start
    return {
        "data": data.name, "docs": counts["docs"],
        "total_precision": round(counts["total_hit"] / max(counts["total_pred"], 1), 4),
        "total_recall": round(counts["total_found"] / max(counts["total_gold"], 1), 4),
        "total_predicted": counts["total_pred"], "total_annotated": counts["total_gold"],
        "percent_precision": round(counts["percent_hit"] / max(counts["percent_pred"], 1), 4),
        "percent_predicted": counts["percent_pred"],
        "age_precision": round(counts["age_hit"] / max(counts["age_pred"], 1), 4),
        "age_predicted": counts["age_pred"],
        "docs_per_second": round(counts["docs"] / seconds, 1),
    }


def _score_total(counts: dict[str, int], participants: dict, gold: set[float]) -> None:
    predicted = participants["n_randomized"] or participants["n_enrolled"]
    counts["total_gold"] += bool(gold)
    if predicted is not None:
        counts["total_pred"] += 1
        counts["total_hit"] += float(predicted) in gold
        counts["total_found"] += bool(gold) and float(predicted) in gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=ROOT.parent / "shared/data/pico/pico_corpus_breast_cancer")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(json.dumps(score(args.data, args.limit)))


if __name__ == "__main__":
    main()
