"""Determinism and kill-safe resume of `summarizer run`: two runs give the same bytes, and a
run killed with SIGKILL at any moment, run again, ends with the bytes of an uninterrupted run
and a report that accounts for every record once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from run_outputs import copy_inputs, output_bytes

from summarizer.pipeline import run


@pytest.fixture(scope="module")
def no_tagger(tmp_path_factory):
    """Facts by patterns alone (the tagger is the slow part and not what is tested here)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUMMARIZER_PICO_MODEL", str(tmp_path_factory.mktemp("no-tagger")))
        yield


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, no_tagger):
    return copy_inputs(tmp_path_factory.mktemp("in"))


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    """An uninterrupted run: (output folder, its report)."""
    out = tmp_path_factory.mktemp("reference")
    report = run([inputs], out, progress=False)
    return out, report


@pytest.mark.slow
def test_two_runs_give_the_same_bytes(inputs, reference, tmp_path):
    out, first = reference
    second = run([inputs], tmp_path / "again", progress=False)
    assert first.errors == second.errors == []
    expected = output_bytes(out)
    assert {"studies.jsonl", "report.json", "overview.md", "quarantine.jsonl"} <= set(expected)
    assert sum(name.endswith(".tmx") for name in expected) == 2  # two bilingual records
    assert output_bytes(tmp_path / "again") == expected
    timings = json.loads((tmp_path / "again" / "timings.json").read_text())
    assert timings["studies"] == 5 and timings["studies_processed"] == 5


@pytest.mark.slow
def test_a_line_cut_by_a_kill_is_redone(inputs, reference, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)
    journal = out / ".work" / "journal.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])
    (out / "studies.jsonl").unlink()
    report = run([inputs], out, progress=False)
    assert report.errors == []
    assert output_bytes(out) == output_bytes(reference[0])
    timings = json.loads((out / "timings.json").read_text())
    assert (timings["studies_processed"], timings["studies_resumed"]) == (1, 4)
    assert journal.read_bytes().count(b"\n") == 5


def journal_lines(out: Path) -> int:
    try:
        return (out / ".work" / "journal.jsonl").read_bytes().count(b"\n")
    except OSError:
        return 0


@pytest.mark.slow
def test_a_run_killed_with_sigkill_finishes_with_the_same_bytes(inputs, reference, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "summarizer.cli", "run", str(inputs), "--out", str(out),
               "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while journal_lines(out) < 1:  # one study finished, the next one under way
        assert process.poll() is None and time.monotonic() < deadline, "ran out before the kill"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "report.json").exists()  # killed mid-run, not after it
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert output_bytes(out) == output_bytes(reference[0])
    report = json.loads((out / "report.json").read_text())
    ids = [r["id"] for r in report["records"]]
    assert len(ids) == len(set(ids)) == report["counts"]["records_ok"] == 5
    timings = json.loads((out / "timings.json").read_text())
    assert timings["studies_resumed"] >= 1


def test_a_docx_is_made_reproducible(tmp_path):
    import zipfile

    from summarizer.journal import reproducible_zip

    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for path, when in zip(paths, [(2026, 1, 2, 3, 4, 6), (2026, 5, 6, 7, 8, 10)], strict=True):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo("word/document.xml", when), "<w:document/>")
    assert paths[0].read_bytes() != paths[1].read_bytes()
    for path in paths:
        reproducible_zip(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    with zipfile.ZipFile(paths[0]) as z:
        assert z.read("word/document.xml") == b"<w:document/>"


@pytest.mark.parametrize("change", ["packaged template", "override template", "precision"])
def test_what_a_run_depends_on_changes_its_resume_key(change, tmp_path, monkeypatch):
    """A rerun resumes only studies made with the same settings: editing a packaged template
    (not only an override folder's) or the encoder's precision renders again."""
    from summarizer.pipeline import Settings
    from summarizer.summarize import render

    packaged = tmp_path / "packaged"
    shutil.copytree(render.packaged_dir(), packaged)
    override = tmp_path / "override"
    override.mkdir()
    (override / "lay_en.md.j2").write_text("{{ study_id }}\n", "utf-8")
    monkeypatch.setattr(render, "packaged_dir", lambda: packaged)
    monkeypatch.delenv("SUMMARIZER_ENCODER_PRECISION", raising=False)
    before = Settings(template_dir=override).key
    if change == "packaged template":
        (packaged / "lay_en.md.j2").write_text("edited {{ study_id }}\n", "utf-8")
    elif change == "override template":
        (override / "lay_en.md.j2").write_text("edited {{ study_id }}\n", "utf-8")
    else:
        monkeypatch.setenv("SUMMARIZER_ENCODER_PRECISION", "fp32")
    assert Settings(template_dir=override).key != before
    assert Settings(template_dir=override).key == Settings(template_dir=override).key
