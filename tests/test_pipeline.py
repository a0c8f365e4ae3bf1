"""The pipeline on a small English input: resume, and stage failures that do not stop a batch."""

import json

import pytest

from summarizer import pipeline
from summarizer.errors import SummarizerError
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


def journal(out):
    return [json.loads(line) for line in (out / ".work/journal.jsonl").read_text().splitlines()]


def test_rerun_resumes_from_finished_studies(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run([inputs], out, progress=False)
    assert first.errors == [] and len(journal(out)) == 1
    monkeypatch.setattr(pipeline, "extract_study", lambda *a: pytest.fail("not resumed"))
    second = run([inputs], out, progress=False)
    assert (out / "studies.jsonl").read_text().count("\n") == 1
    assert second.studies == first.studies
    assert len(journal(out)) == 1  # the journal keeps this run's studies only


def test_a_study_whose_files_are_gone_is_redone(inputs, tmp_path):
    out = tmp_path / "out"
    run([inputs], out, progress=False)
    (line,) = [json.loads(x) for x in (out / "studies.jsonl").read_text().splitlines()]
    (out / line["summaries"]["lay_zh"]).unlink()
    report = run([inputs], out, progress=False)
    assert report.errors == [] and (out / line["summaries"]["lay_zh"]).is_file()
    assert json.loads((out / "timings.json").read_text())["studies_processed"] == 1


def test_a_failing_stage_is_reported_and_the_batch_goes_on(inputs, tmp_path, monkeypatch):
    def broken(*args):
        raise ValueError("pattern blew up")

    monkeypatch.setattr(pipeline, "extract_study", broken)
    out = tmp_path / "out"
    report = run([inputs], out, progress=False)
    (line,) = [json.loads(x) for x in (out / "studies.jsonl").read_text().splitlines()]
    assert line["failed_stages"] == ["extract"]
    error = f"study {line['study_id']}: extract: ValueError: pattern blew up"
    assert report.errors == [error]
    saved = json.loads((out / "report.json").read_text())
    assert saved["counts"]["records_ok"] == 1 and saved["errors"] == [error]
    monkeypatch.undo()  # a failed study is tried again by the next run
    monkeypatch.setenv("SUMMARIZER_PICO_MODEL", str(tmp_path / "no-tagger"))
    assert run([inputs], out, progress=False).errors == []
    assert journal(out)[0]["failed_stages"] == []


def test_unknown_engine_and_address_without_ray_are_user_errors(inputs, tmp_path):
    with pytest.raises(SummarizerError, match="unknown engine 'spark'; use --engine local|ray"):
        run([inputs], tmp_path / "out", progress=False, engine="spark")
    with pytest.raises(SummarizerError, match="--ray-address needs --engine ray"):
        run([inputs], tmp_path / "out2", progress=False, ray_address="auto")


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


def test_encoder_caches_are_bounded_and_each_view_has_its_own():
    from pathlib import Path

    from summarizer.models import Encoder, LRUCache

    cache = LRUCache(2)
    cache["a"], cache["b"] = 1, 2
    assert cache["a"] == 1  # now the most recently used
    cache["c"] = 3
    assert list(cache) == ["a", "c"]
    encoder = Encoder(Path("model"), object(), object())
    view = encoder.fresh(cache_size=5)
    assert view.model is encoder.model and view.tokenizer is encoder.tokenizer
    assert view.cache is not encoder.cache and view.cache.maxsize == 5
    assert view.token_cache is not encoder.token_cache
