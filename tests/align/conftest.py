"""The real encoder, loaded once for the whole test session."""

import pytest


@pytest.fixture(scope="session")
def encoder():
    from summarizer.models import load_encoder

    return load_encoder()
