"""Fixtures of the analyst-facing tests: one sample warehouse per session, built by the CLI."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsetl.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"

EMPTY_PAGE = "empty-page.txt"
"""An empty file added to the sample input, so the run has one reject to report."""


@dataclass(frozen=True)
class SampleRun:
    """The sample corpus run once through `newsetl run --json`."""

    warehouse: Path
    summary: dict
    """What `--json` printed."""
    rejected: str = EMPTY_PAGE
    """Name of the input file the run must reject (empty)."""


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory, prefect_server) -> SampleRun:
    """The sample corpus (plus one empty page) through `newsetl run --json`, once.

    Run logs are raised to INFO for the run so the test can read them back from the API.
    """
    base = tmp_path_factory.mktemp("analyst")
    src = base / "input"
    shutil.copytree(SAMPLE, src)
    (src / EMPTY_PAGE).write_bytes(b"")
    import flows.pipeline  # noqa: F401 - loads Prefect, whose logging setup resets levels
    flow_logger = logging.getLogger("prefect.flow_runs")
    level = flow_logger.level
    flow_logger.setLevel(logging.INFO)
    try:
        result = CliRunner().invoke(app, ["run", "--input", str(src), "--warehouse",
                                          str(base / "wh"), "--json"])
    finally:
        flow_logger.setLevel(level)
    assert result.exit_code == 0, result.output
    return SampleRun(base / "wh", json.loads(result.stdout))


@pytest.fixture(scope="session")
def sample_warehouse(sample_run: SampleRun) -> Path:
    """Folder of the session's sample warehouse (read-only: do not run into it)."""
    return sample_run.warehouse
