"""The seed fixtures the golden summaries are rendered from are what the pipeline extracts
from corpus/ today, so a change in extraction shows in the goldens. Regenerate them with
``SUMMARIZER_UPDATE_GOLDEN=1 pytest tests/summarize``."""

import json
import os
from pathlib import Path

import pytest

from summarizer.pipeline import extract_to_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE = os.environ.get("SUMMARIZER_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def live_lines(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "studies.jsonl"
    extract_to_jsonl([CORPUS], out, progress=False)
    return {line["study_id"]: line for line in map(json.loads, out.read_text("utf-8").splitlines())}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("seed_*.json")))
def test_seed_fixture_is_what_the_pipeline_extracts(live_lines, name):
    path = FIXTURES / f"{name}.json"
    frozen = json.loads(path.read_text("utf-8"))
    live = live_lines[frozen["study_id"]]
    if UPDATE and live != frozen:
        path.write_text(json.dumps(live, ensure_ascii=False, indent=1) + "\n", "utf-8")
        frozen = live
    assert frozen == live, f"{name}: regenerate with SUMMARIZER_UPDATE_GOLDEN=1"
