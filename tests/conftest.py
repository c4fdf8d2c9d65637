"""Shared fixtures. Only tests marked `model` load the spaCy model; stage tests build inputs by
hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def nlp():
    from faultline.text.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse_text(nlp):
    """parse_text("some text") -> models.Parse, via the real model."""
    return nlp.parse


@pytest.fixture(scope="session")
def gazetteer():
    from faultline.gazetteer import load_gazetteer
    from faultline.settings import load_settings

    return load_gazetteer(load_settings().cache_dir)


@pytest.fixture(scope="session")
def resources():
    from faultline.pipeline import load

    return load()


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the repository")
    return CORPORA


def pytest_configure(config):
    os.environ.setdefault("FAULTLINE_CACHE_DIR", str(ROOT / ".cache" / "faultline"))
