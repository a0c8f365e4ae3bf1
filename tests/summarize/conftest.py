"""Fixtures of the summarize tests: studies in the studies.jsonl shape, read from fixtures/.

``seed_*.json`` are the three seed studies as the pipeline extracted them (000+001, 002, 004);
``hand_*.json`` were written by hand from the seeds, in the other shapes facts may take
(sex and grades as dicts, conflicts with plain source names, text warnings).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
ALL_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def read_study(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def load_study():
    """``load_study("seed_NCT03171194")``: a fresh copy of a fixture study."""
    return read_study


@pytest.fixture(scope="session")
def written(tmp_path_factory):
    """Every fixture study summarized once, each into its own folder:
    {fixture name: {kind: absolute path of the .md}} (kind: 'lay_en', ...)."""
    from summarizer.summarize import write_summaries

    out = tmp_path_factory.mktemp("summaries")
    return {name: {kind: out / name / rel
                   for kind, rel in write_summaries(read_study(name), out / name).items()}
            for name in ALL_FIXTURES}


@pytest.fixture(scope="session")
def golden():
    """``golden(name, text)``: assert that ``text`` is tests/summarize/golden/NAME
    (``SUMMARIZER_UPDATE_GOLDEN=1`` rewrites the file first)."""
    def assert_golden(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("SUMMARIZER_UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
    return assert_golden
