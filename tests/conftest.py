"""Shared fixtures: where the bundled corpus lives, and reading one file of it."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("0*.txt"))
SAMPLES = CORPUS / "samples"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled corpus folder: five seed documents and ``samples/`` of every format."""
    return CORPUS


@pytest.fixture(scope="session")
def seed_records():
    """Records of the five seeds, keyed by their three-digit prefix (``"000"``)."""
    from summarizer.ingest import read_file

    return {path.name[:3]: read_file(path)[0] for path in SEEDS}
