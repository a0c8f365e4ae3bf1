"""The pipeline on a small English input: resume, and stage failures that do not stop a batch."""

import json

import pytest

from summarizer import pipeline
from summarizer.pipeline import run

TRIAL = ("Forty patients with active lupus were enrolled from four clinical centres in China. "
         "Cells were infused intravenously on days 0 and 7. Thirteen patients (13/40, 32.5%) "
         "reached a major clinical response during 12 months of follow-up.\n")


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PICO_MODEL", str(tmp_path / "no-tagger"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "trial.txt").write_text(TRIAL, encoding="utf-8")
    return folder


def test_rerun_resumes_from_finished_studies(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run([inputs], out, progress=False)
    assert first.errors == [] and len(list((out / ".done").glob("*.json"))) == 1
    monkeypatch.setattr(pipeline, "extract_study", lambda *a: pytest.fail("not resumed"))
    second = run([inputs], out, progress=False)
    assert (out / "studies.jsonl").read_text().count("\n") == 1
    assert second.studies == first.studies


def test_half_written_resume_file_is_redone(inputs, tmp_path):
    out = tmp_path / "out"
    run([inputs], out, progress=False)
    (done,) = (out / ".done").glob("*.json")
    done.write_text('{"study_id": "cut of', encoding="utf-8")
    report = run([inputs], out, progress=False)
    assert report.errors == []
    assert json.loads(done.read_text())["facts"]["participants"]["n_enrolled"] == 40


def test_a_failing_stage_is_reported_and_the_batch_goes_on(inputs, tmp_path, monkeypatch):
    def broken(*args):
        raise ValueError("pattern blew up")

    monkeypatch.setattr(pipeline, "extract_study", broken)
    out = tmp_path / "out"
    report = run([inputs], out, progress=False)
    (line,) = [json.loads(x) for x in (out / "studies.jsonl").read_text().splitlines()]
    assert line["failed_stages"] == ["extract"]
    assert report.errors == [f"study {line['study_id']}: extract: ValueError: pattern blew up"]
    assert json.loads((out / "report.json").read_text())["counts"]["records_ok"] == 1
    assert not (out / ".done").exists()


def test_a_missing_tagger_is_said_not_silently_dropped(inputs, tmp_path):
    report = run([inputs], tmp_path / "out", progress=False)
    (warning,) = report.warnings
    assert "no trained PICO tagger" in warning and "no-tagger" in warning
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["warnings"] == [warning]


def test_the_shipped_tagger_is_found_in_the_checkout_or_the_install(monkeypatch):
    from summarizer.extract import tagger

    monkeypatch.delenv("SUMMARIZER_PICO_MODEL", raising=False)
    assert (tagger.model_dir() / tagger.CONFIG).is_file()
    assert tagger.model_dir() in tagger.DEFAULT_DIRS
