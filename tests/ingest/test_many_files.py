"""A folder of many mixed files (good records of nine formats, empty, blank, binary,
truncated, huge, code, a README, deep folders, odd names, hidden files, a broken link) is
ingested with every file accounted for: read, quarantined or skipped, each with a one-line
reason. ``benchmarks/many_files.py`` builds the folder (and runs it at 10,000 files)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from summarizer.ingest import ingest, read_paths
from summarizer.schema import Quarantined, Record, Skipped

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "many_files.py"


@pytest.fixture(scope="module")
def many_files():
    spec = importlib.util.spec_from_file_location("many_files", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_status(source: str, good: list[str]) -> set[str] | None:
    """What a file of the benchmark's mix may come out as, told from its name."""
    kind = source.rsplit("/", 1)[-1].split(".", 1)[0].split("-", 1)[-1]
    if kind in ("empty", "blank", "binary"):
        return {"quarantined"}
    if kind in ("truncated-ris", "truncated-xml"):  # the records before the cut are kept
        return {"quarantined", "partial"}
    if kind in ("code", "readme"):
        return {"skipped"}
    if kind in good:
        return {"ok"}
    return None


def test_every_one_of_200_mixed_files_is_accounted_for(tmp_path, many_files):
    folder = tmp_path / "in"
    folder.mkdir()
    built = many_files.build(folder, 200, seed=1, huge_mb=0.2)
    out = tmp_path / "records.jsonl"
    report = ingest([folder], out)
    assert sorted(f["source"] for f in report.files) == built["expected"]
    assert built["hidden"] >= 1 and not any(".hidden" in s for s in built["expected"])
    assert report.n_records == len(out.read_text(encoding="utf-8").splitlines())
    assert report.n_records >= built["records_written"]
    reasons = [q.reason for q in report.quarantined + report.skipped]
    assert all("\n" not in r and r.startswith(tuple(
        s.replace("\n", "\\n").replace("\t", "\\t") for s in built["expected"])) for r in reasons)
    statuses = {f["source"]: f["status"] for f in report.files}
    checked = 0
    for source, status in statuses.items():
        want = expected_status(source, many_files.GOOD)
        if want is not None:
            assert status in want, (source, status)
            checked += 1
    assert checked > 150
    assert statuses["batch000/broken link.ris"] == "quarantined"
    assert statuses["batch000/caf\\xe9 latin-1 name.ris"] == "ok"
    assert statuses["huge/random.bin"] == "quarantined"
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)


def test_read_paths_yields_every_file_as_it_goes(tmp_path, many_files):
    """The generator behind ``summarizer run`` gives the same account, file by file."""
    folder = tmp_path / "in"
    folder.mkdir()
    built = many_files.build(folder, 60, seed=2, huge_mb=0.05)
    sources = set()
    for item in read_paths([folder]):
        assert isinstance(item, (Record, Quarantined, Skipped))
        sources.add(item.source)
    assert sorted(sources) == built["expected"]
