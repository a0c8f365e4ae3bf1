"""Study facts against hand annotations of real abstracts: print one JSON line.

    python benchmarks/facts_eval.py [--shared ../shared]
        [--set wmt|paramed|realworld|wmt-zh|paramed-zh|chinaxiv-a|…|chinaxiv-e
               |medline-a|…|medline-d]
                                    [--show]

Annotations (``benchmarks/annotations/*.tsv``, made by reading each abstract, not from this
project's output) give per document: study type, n (people or the unit named), whether this
study randomised, arm sizes and the main result. Documents:
``wmt``: the 50 WMT Medline abstracts (English and Chinese pasted as one text, read by the
text reader); ``paramed``: the 6 ParaMed NEJM documents, likewise; ``realworld``: every
record of ``shared/realworld-dev`` read by its detected reader; ``wmt-zh`` and
``paramed-zh``: the Chinese side of each alone, as a CNKI user has a Chinese-only record
(``paramed-zh`` is not tuned on); ``chinaxiv-a`` to ``chinaxiv-f``: 30 + 30 + 30 + 29 + 30 +
29 Chinese clinical papers (PDF converted to Markdown, most with an English abstract) drawn at
random from the ChinaXiv collection, read by the paper reader (``benchmarks/data/chinaxiv``;
``a``, ``d`` and ``e`` are tuned on, ``b`` was kept untouched until stop 32, ``c``, drawn in
stop 32, is, and so is ``f``, drawn in stop 34); ``medline-a`` to ``medline-e``: 20 + 20 + 35
+ 30 + 30 PubMed records of every kind (``a`` from a 2016 MEDLINE file, tuned on from stop 33;
``b`` from efetch fixtures, untouched; ``c`` and ``d`` from both, each measured once when
drawn, then tuned on; ``e``, drawn in stop 34, untouched; ``benchmarks/data/medline``), read
by the PubMed XML reader with their publication types.
Each document is one study, through ``extract_facts`` with patterns only (no tagger).

Figures per set: ``study_type`` accuracy; ``n``: right when the study's n (randomised, else
enrolled, else analysed) equals the annotation, also right when both are absent
(``n_recall``/``n_precision`` over stated values); ``randomised`` accuracy; ``arms``: arm
sizes annotated and found; ``result_recall``: documents with an annotated numeric result
where a result or effect read from the text holds one of its numbers. ``by_type``: accuracy
of study type per annotated type over all sets. ``--show`` prints each miss to stderr.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from summarizer.extract.facts import extract_facts
from summarizer.extract.numbers import NUM, parse_number
from summarizer.ingest import get_reader, read_file
from summarizer.schema import Record, Study
from summarizer.text.script import HAN_CHARS

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "benchmarks" / "annotations"
CHINAXIV_PARTS, MEDLINE_PARTS = "abcdef", "abcde"
SETS = {"wmt": "wmt_dev.tsv", "paramed": "paramed_dev.tsv", "realworld": "realworld_dev.tsv",
        "wmt-zh": "wmt_dev.tsv", "paramed-zh": "paramed_dev.tsv",
        **{f"chinaxiv-{part}": "chinaxiv_dev.tsv" for part in CHINAXIV_PARTS},
        **{f"medline-{part}": "medline_dev.tsv" for part in MEDLINE_PARTS}}
CHINAXIV = ROOT / "benchmarks" / "data" / "chinaxiv"  # the papers (CC BY 4.0, see SOURCES.md)
MEDLINE = ROOT / "benchmarks" / "data" / "medline"  # PubMed records (see SOURCES.md)


def gold_rows(name: str) -> list[dict[str, str]]:
    with open(ANNOTATIONS / SETS[name], encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f, delimiter="\t")
                if row["set"] == name.removesuffix("-zh")]


def pasted(doc: str, en: list[str], zh: list[str], joiner: str) -> Record:
    """A bilingual abstract as a user pastes it: English paragraph, blank line, Chinese."""
    text = f"{' '.join(en)}\n\n{joiner.join(zh)}\n".lstrip()
    return next(r for r in get_reader("text")(text, doc) if isinstance(r, Record))


def wmt_records(shared: Path, languages: tuple[str, ...] = ("en", "zh")) -> dict[str, Record]:
    folder = shared / "data/align/wmt_medline_en2zh"
    sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"en": [], "zh": []})
    for lang in languages:
        for line in (folder / f"medline_en2zh_{lang}.txt").read_text("utf-8").splitlines():
            doc, _, sentence = line.split("\t", 2)
            sides[doc][lang].append(sentence)
    return {doc: pasted(doc, s["en"], s["zh"], "") for doc, s in sides.items()}


def paramed_records(shared: Path, languages: tuple[str, ...] = ("en", "zh")
                    ) -> dict[str, Record]:
    folder = shared / "data/align/paramed_nejm_dev"
    # ParaMed's English is lower-cased and Moses-tokenized, one sentence a line: each line
    # gets back its capital (or the whole article reads as one sentence) and its hyphens and
    # brackets (``body @-@ surface``, ``&#91;``) as a user's text has them.
    return {f"doc{i}": pasted(f"doc{i}", [_detokenized(s[:1].upper() + s[1:])
                                          for s in _lines(folder / f"doc{i}.en")]
                              if "en" in languages else [],
                              [_zh_detokenized(s) for s in _lines(folder / f"doc{i}.zh")], "")
            for i in range(1, 7)}


def _detokenized(line: str) -> str:
    return html.unescape(line.replace(" @-@ ", "-"))


def _zh_detokenized(line: str) -> str:
    """ParaMed's Chinese is word-segmented with spaces (``诱导 化疗 组和 标准 治疗 组``); a
    Chinese text has none next to a Chinese character or a Chinese punctuation mark."""
    return re.sub(rf"(?<=[{HAN_CHARS}\u3000-\u303f\uff00-\uffef])\s+|\s+(?=[{HAN_CHARS}"
                  r"\u3000-\u303f\uff00-\uffef])", "", line)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def realworld_records(shared: Path) -> dict[str, Record]:
    folder = shared / "realworld-dev"
    records = {}
    for line in (folder / "expected.tsv").read_text("utf-8").splitlines():
        rel = line.split("\t")[0]
        read = [r for r in read_file(folder / rel) if isinstance(r, Record)]
        records |= {f"{rel}#{i}": r for i, r in enumerate(read)}
    return records


def folder_records(folder: Path, pattern: str) -> dict[str, Record]:
    """Each file of ``folder`` matching ``pattern``, read by its detected reader."""
    records = {}
    for path in sorted(folder.glob(pattern)):
        read = [r for r in read_file(path) if isinstance(r, Record)]
        records |= {f"{path.name}#{i}": r for i, r in enumerate(read)}
    return records


def numbers(text: str) -> set[float]:
    joined = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    # unsigned: "falling by 28.6 mm Hg" is the annotated -28.6
    return {round(abs(float(parse_number(m.group(0)))), 4) for m in re.finditer(NUM, joined)}


def predicted(facts: dict[str, Any], unit: str) -> dict[str, Any]:
    """The annotated fields as the facts give them; ``unit`` is the annotated unit of n (a
    review's n counts ``studies``)."""
    p = facts["participants"]
    counts = ("n_studies",) if unit == "studies" else ("n_randomized", "n_enrolled",
                                                        "n_analysed")
    n = next((p[k] for k in counts if p.get(k)), None)
    design = facts["design"]
    found: set[float] = set()
    for item in (facts["results"] + facts["effects"] + facts["comparisons"]
                 + facts["outcome_values"]):
        found |= numbers(json.dumps(item, ensure_ascii=False))
    arms = [a["n"] for a in p["arms"]]
    return {"study_type": design.get("study_type"), "n": n,
            "randomised": "randomized" in design["tags"] or design.get("study_type") == "rct",
            "arms": "/".join(str(a) for a in arms) or "-", "result_numbers": found}


def score_set(name: str, records: dict[str, Record], show: bool,
              by_type: dict[str, Counter]) -> dict[str, Any]:
    c: Counter[str] = Counter()
    for row in gold_rows(name):
        record = records.get(row["doc"])
        if record is None:
            c["missing"] += 1
            continue
        facts = extract_facts(Study(row["doc"], [record])).to_dict()["facts"]
        got = predicted(facts, row["n_unit"])
        gold_n = None if row["n"] == "-" else int(row["n"])
        checks = {
            "study_type": got["study_type"] == row["study_type"],
            "n": got["n"] == gold_n,
            "randomised": got["randomised"] == (row["randomised"] == "yes"),
        }
        c["docs"] += 1
        for key, ok in checks.items():
            c[key] += ok
            if show and not ok:
                gold = row["study_type"] if key == "study_type" else row[key]
                print(f"{name} {row['doc']} {key}: got {got[key]!r}, annotated {gold!r}",
                      file=sys.stderr)
        by_type[row["study_type"]]["docs"] += 1
        by_type[row["study_type"]]["right"] += checks["study_type"]
        c["n_gold"] += gold_n is not None
        c["n_pred"] += got["n"] is not None
        c["n_hit"] += gold_n is not None and got["n"] == gold_n
        if row["arms"] != "-":
            c["arms_gold"] += 1
            c["arms_hit"] += got["arms"] == row["arms"]
            if show and got["arms"] != row["arms"]:
                print(f"{name} {row['doc']} arms: got {got['arms']!r}, annotated "
                      f"{row['arms']!r}", file=sys.stderr)
        gold_numbers = numbers(row["result"]) if row["result"] != "-" else set()
        if gold_numbers:
            c["result_gold"] += 1
            c["result_hit"] += bool(gold_numbers & got["result_numbers"])
            if show and not gold_numbers & got["result_numbers"]:
                print(f"{name} {row['doc']} result: none of {row['result']!r} found",
                      file=sys.stderr)
    docs = c["docs"] or 1
    return {"docs": c["docs"], "missing": c["missing"],
            "study_type": round(c["study_type"] / docs, 3), "n": round(c["n"] / docs, 3),
            "n_recall": _ratio(c["n_hit"], c["n_gold"]),
            "n_precision": _ratio(c["n_hit"], c["n_pred"]),
            "randomised": round(c["randomised"] / docs, 3),
            "arms": f"{c['arms_hit']}/{c['arms_gold']}",
            "result_recall": _ratio(c["result_hit"], c["result_gold"])}


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    loaders = {"wmt": wmt_records, "paramed": paramed_records, "realworld": realworld_records,
               "wmt-zh": lambda shared: wmt_records(shared, ("zh",)),
               "paramed-zh": lambda shared: paramed_records(shared, ("zh",)),
               **{f"chinaxiv-{part}": lambda shared, part=part: folder_records(
                   CHINAXIV / part, "*.md") for part in CHINAXIV_PARTS},
               **{f"medline-{part}": lambda shared, part=part: folder_records(
                   MEDLINE / part, "*.xml") for part in MEDLINE_PARTS}}
    start = time.perf_counter()
    by_type: dict[str, Counter] = defaultdict(Counter)
    out: dict[str, Any] = {}
    for name in args.set or list(SETS):
        # by_type counts each document once, as the user has it (both languages)
        types = by_type if not name.endswith("-zh") else defaultdict(Counter)
        out[name] = score_set(name, loaders[name](args.shared), args.show, types)
    out["by_type"] = {t: f"{c['right']}/{c['docs']}" for t, c in sorted(by_type.items())}
    out["seconds"] = round(time.perf_counter() - start, 2)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
