"""The engines of `summarizer run`: a pool of worker processes and Ray (a Ray instance
started on this machine, as CI runs it) give the bytes of the local in-process engine."""

from __future__ import annotations

import json

import pytest
from run_outputs import copy_inputs, output_bytes

from summarizer.pipeline import run


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUMMARIZER_PICO_MODEL", str(tmp_path_factory.mktemp("no-tagger")))
        yield copy_inputs(tmp_path_factory.mktemp("in"))


@pytest.fixture(scope="module")
def local(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    assert run([inputs], out, progress=False).errors == []
    return output_bytes(out)


@pytest.mark.slow
def test_two_worker_processes_give_the_local_bytes(inputs, local, tmp_path):
    report = run([inputs], tmp_path / "out", progress=False, workers=2)
    assert report.errors == []
    assert output_bytes(tmp_path / "out") == local
    timings = json.loads((tmp_path / "out" / "timings.json").read_text())
    assert (timings["workers"], timings["studies_processed"]) == (2, 5)


@pytest.mark.slow
def test_the_ray_engine_gives_the_local_bytes(inputs, local, tmp_path):
    pytest.importorskip("ray")
    report = run([inputs], tmp_path / "out", progress=False, engine="ray", workers=1)
    assert report.errors == []
    assert output_bytes(tmp_path / "out") == local
    assert sum(name.endswith(".xliff") for name in local) == 2
    timings = json.loads((tmp_path / "out" / "timings.json").read_text())
    assert (timings["engine"], timings["studies_processed"]) == ("ray", 5)
