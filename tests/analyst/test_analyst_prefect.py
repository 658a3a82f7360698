"""Prefect-native: each run's summary artifact, its run log, and `newsetl serve`'s schedule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, LogFilter
from prefect.logging.handlers import APILogHandler
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from newsetl import cli, summary

ROOT = Path(__file__).resolve().parents[2]


def _artifact_of(run_id: str):
    """The summary artifact whose run is ``run_id`` (other tests' runs share the key)."""
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key={"any_": [summary.ARTIFACT_KEY]}))
    (artifact,) = [a for a in found if f"`{run_id}`" in a.data]
    return artifact


def test_each_run_publishes_a_markdown_summary_with_its_rejects(sample_run):
    run = sample_run.summary["run"]
    artifact = _artifact_of(run["run_id"])
    assert artifact.type == "markdown" and artifact.flow_run_id is not None
    text = artifact.data
    for table, n in sample_run.summary["tables"].items():
        assert f"| {table} | {n} |" in text
    assert f"| {run['files_seen']} | {run['files_new']} |" in text
    assert set(sample_run.summary["stages"]) == {"ingest", "clean", "extract", "load"}
    for stage in sample_run.summary["stages"]:
        assert f"| {stage} |" in text
    assert "## Rejected files (1)" in text
    assert sample_run.rejected in text and "| empty |" in text
    assert str(sample_run.warehouse) in text


def test_the_run_logs_its_stages_and_rejects_through_prefect(sample_run):
    artifact = _artifact_of(sample_run.summary["run"]["run_id"])
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id={"any_": [artifact.flow_run_id]}))
    messages = [log.message for log in logs]
    for stage in ("ingest", "clean", "extract", "load"):
        assert any(m.startswith(f"stage {stage} done") for m in messages), stage
    assert any(m.startswith("rejected ") and sample_run.rejected in m for m in messages)


def test_markdown_caps_a_long_rejects_list():
    summary_dict = {"run": {"run_id": "r", **{f"files_{c}": 0 for c in summary.FILE_COUNTS}},
                    "input": "/in", "warehouse": "/wh", "tables": {}, "stages": {}}
    rejects = [{"source_path": f"/in/{i}|x.txt", "reason": "empty", "detail": "0 bytes",
                "run_id": "r"} for i in range(summary.MAX_LISTED_REJECTS + 5)]
    text = summary.markdown(summary_dict, rejects)
    assert text.count("| empty |") == summary.MAX_LISTED_REJECTS
    assert "… and 5 more" in text
    assert "/in/0\\|x.txt" in text  # a pipe in a path does not break the table


def test_serve_uses_the_deployment_schedule_of_prefect_yaml(tmp_path, monkeypatch):
    (deployment,) = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]
    (schedule,) = deployment["schedules"]
    served = {}
    monkeypatch.setattr("prefect.flows.Flow.serve", lambda self, **kw: served.update(kw))
    inp = tmp_path / "in"
    inp.mkdir()
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:9/api"}):  # never contacted
        result = CliRunner().invoke(cli.app, ["serve", "--input", str(inp),
                                              "--warehouse", str(tmp_path / "wh")])
    assert result.exit_code == 0, result.output
    assert served["name"] == deployment["name"]
    assert (served["schedule"].cron, served["schedule"].timezone) == (schedule["cron"],
                                                                       schedule["timezone"])
    assert served["global_limit"] == deployment["concurrency_limit"]
    assert served["parameters"] == {"input_dir": str(inp), "warehouse": str(tmp_path / "wh")}


def test_help_documents_every_command_and_the_exit_codes():
    out = CliRunner().invoke(cli.app, ["--help"]).stdout
    for command in ("run", "sql", "report", "serve", "docs"):
        assert command in out
    assert "Exit codes" in out and "130" in out
    for command in ("run", "sql", "report", "serve"):
        assert "--warehouse" in CliRunner().invoke(cli.app, [command, "--help"]).stdout


def test_serve_without_a_prefect_server_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr("prefect.flows.Flow.serve", lambda self, **kw: pytest.fail("served"))
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = CliRunner().invoke(cli.app, ["serve", "--input", str(tmp_path)])
    assert result.exit_code == 1
    assert "PREFECT_API_URL" in result.output
