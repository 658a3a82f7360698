"""Crash safety: a run killed with SIGKILL at any moment leaves the previous warehouse intact,
and the next run completes it to exactly the rows of a clean run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.pipeline import newsetl_flow
from helpers import all_rows
from newsetl import faults

pytestmark = pytest.mark.usefixtures("prefect_server")

RANDOM_KILLS = 3
"""Extra runs killed after a random delay, on top of every named fault point."""


def run_in_process(src: Path, wh: Path) -> None:
    newsetl_flow(input_dir=str(src), warehouse=str(wh))


def run_subprocess(src: Path, wh: Path, fault: str | None = None) -> subprocess.Popen:
    import prefect.settings

    env = {**os.environ, "PREFECT_API_URL": prefect.settings.PREFECT_API_URL.value()}
    env.pop(faults.ENV, None)
    if fault:
        env[faults.ENV] = fault
    cmd = [sys.executable, "-m", "newsetl", "run", "-q", "--input", str(src),
           "--warehouse", str(wh)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, cases_dir=Path(__file__).parent / "cases"):
    """A warehouse of a first run, the changed input of a second run, and its clean result."""
    base = tmp_path_factory.mktemp("crash")
    src = base / "input"
    src.mkdir()
    sample = sorted((Path(__file__).parent.parent / "corpus" / "sample").glob("*.txt"))
    for path in sample[:2]:
        shutil.copy(path, src / path.name)
    before = base / "before"
    run_in_process(src, before)
    shutil.copy(cases_dir / "pipeline" / "changed_page.txt", src / sample[0].name)
    shutil.copy(sample[2], src / sample[2].name)
    clean = base / "clean"
    run_in_process(src, clean)
    return src, before, all_rows(before), all_rows(clean)


@pytest.mark.parametrize("point", faults.POINTS)
def test_kill_at_each_fault_point(scenario, tmp_path, point):
    src, before, old, new = scenario
    wh = tmp_path / "wh"
    shutil.copytree(before, wh, symlinks=True)
    proc = run_subprocess(src, wh, fault=point)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert all_rows(wh) in (old, new)  # readable, and one complete snapshot or the other
    run_in_process(src, wh)
    assert all_rows(wh) == new


def test_kill_after_random_delays(scenario, tmp_path):
    src, before, old, new = scenario
    rng = random.Random(7)
    for i in range(RANDOM_KILLS):
        wh = tmp_path / f"wh{i}"
        shutil.copytree(before, wh, symlinks=True)
        proc = run_subprocess(src, wh)
        time.sleep(rng.uniform(1.0, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert all_rows(wh) in (old, new)
        run_in_process(src, wh)
        assert all_rows(wh) == new
