"""prefect.yaml deploys the same flow, daily, with input and warehouse parameters."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml
from prefect.flows import load_flow_from_entrypoint

from flows.pipeline import newsetl_flow

ROOT = Path(__file__).resolve().parent.parent


def deployment() -> dict:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (only,) = config["deployments"]
    return only


def test_entrypoint_is_the_pipeline_flow(monkeypatch):
    monkeypatch.chdir(ROOT)
    flow = load_flow_from_entrypoint(deployment()["entrypoint"])
    assert flow.name == newsetl_flow.name


def test_daily_schedule_and_parameters_match_the_flow():
    dep = deployment()
    (schedule,) = dep["schedules"]
    minute, hour, dom, month, dow = schedule["cron"].split()
    assert (dom, month, dow) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    params = set(inspect.signature(newsetl_flow.fn).parameters)
    assert set(dep["parameters"]) == {"input_dir", "warehouse"} <= params
