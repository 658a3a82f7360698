"""Shared fixtures: paths, one trained spaCy model per session, one Prefect server per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SAMPLE = ROOT / "corpus" / "sample"


@pytest.fixture(scope="session")
def cases_dir() -> Path:
    """Folder of test case files."""
    return CASES


@pytest.fixture(scope="session")
def nlp():
    """The configured trained spaCy pipeline with newsetl's components, loaded once."""
    from newsetl.settings import Settings
    from transforms.nlp import pipeline as nlp_module

    return nlp_module.load(Settings().spacy_model)


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect API for every flow run of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture()
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled sample corpus."""
    target = tmp_path / "input"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def load_pool():
    """Two parts, as the load stage runs its parallel steps: here and on a model-less worker."""
    from newsetl.stages import workers

    with workers.load_pool(2) as parallel:
        yield parallel
