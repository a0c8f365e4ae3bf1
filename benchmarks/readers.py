"""Readers on real export files: records read per format, against the expected counts, and
records/s; print one JSON line.

    python benchmarks/readers.py [FOLDER ...] [--repeat 20]

FOLDER defaults to tests/ingest/real (copies of shared/realworld-dev) and corpus/. A folder with
an ``expected.tsv`` (``path<TAB>records`` per line, as shared/realworld-dev has) is checked
against it: ``count_errors`` lists each file read with another number of records. Per format:
files, records, records with an abstract, records with both languages, quarantined or skipped
items, sections without offsets, and records/s (each file read ``--repeat`` times, detection
and decoding included).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from summarizer.ingest import read_file, walk
from summarizer.schema import Record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = [ROOT / "tests" / "ingest" / "real", ROOT / "corpus"]
NOT_INPUT = {"expected.tsv", "SOURCES.md", "README.md"}


def expected_counts(folder: Path) -> dict[str, int]:
    """``{relative path: records}`` from the folder's expected.tsv, if any."""
    path = folder / "expected.tsv"
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row[0]: int(row[1]) for row in rows}


def measure(folders: list[Path], repeat: int) -> dict:
    per_format: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    count_errors = []
    for folder in folders:
        expected = expected_counts(folder)
        for path, source in walk([folder]):
            if path.name in NOT_INPUT:
                continue
            started = time.perf_counter()
            for _ in range(repeat):
                items = read_file(path, source=source)
            seconds = (time.perf_counter() - started) / repeat
            records = [i for i in items if isinstance(i, Record)]
            fmt = records[0].format if records else "unread"
            figures = per_format[fmt]
            figures["files"] += 1
            figures["records"] += len(records)
            figures["seconds"] += seconds
            figures["not_read"] += len(items) - len(records)
            figures["with_abstract"] += sum(bool(r.abstract) for r in records)
            figures["bilingual"] += sum(len({s.lang for s in r.abstract}) == 2 for r in records)
            figures["unplaced_sections"] += sum(s.start is None for r in records
                                                for s in r.abstract)
            if source in expected and expected[source] != len(records):
                count_errors.append(f"{folder.name}/{source}: {len(records)} records, "
                                    f"expected {expected[source]}")
    formats = {}
    for fmt, figures in sorted(per_format.items()):
        seconds = figures.pop("seconds")
        formats[fmt] = {k: int(v) for k, v in figures.items()}
        formats[fmt]["records_per_s"] = round(figures["records"] / seconds, 1) if seconds else None
    return {"benchmark": "readers", "folders": [str(f) for f in folders], "repeat": repeat,
            "formats": formats, "count_errors": count_errors,
            "records": sum(f["records"] for f in formats.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(measure(args.folders, args.repeat), ensure_ascii=False))


if __name__ == "__main__":
    main()
