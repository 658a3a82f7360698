"""The command line: help, and the errors that stop a run before it starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from newsetl import apiserver, lifeline

NEWSETL = [sys.executable, "-m", "newsetl"]


def newsetl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSETL, *args], capture_output=True, text=True, timeout=120)


def test_help_lists_run():
    out = newsetl("--help")
    assert out.returncode == 0
    assert "run" in out.stdout


def test_missing_input_folder_is_a_one_line_error(tmp_path: Path):
    out = newsetl("run", "--input", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1
    assert "does not exist" in out.stderr
    assert not (tmp_path / "wh").exists()


def test_usage_errors_keep_exit_code_2():
    out = newsetl("run", "--no-such-option")
    assert out.returncode == 2


def test_empty_run_starts_its_own_server_and_leaves_no_process(tmp_path: Path):
    """An empty run: a summary on stdout, exit 0, and the temporary server gone with it."""
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    proc = subprocess.Popen([*NEWSETL, "run", "--json", "--input", str(empty), "--warehouse",
                             str(tmp_path / "wh")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    children: set[int] = set()
    while proc.poll() is None:
        children |= {c.pid for c in psutil.Process(proc.pid).children(recursive=True)}
        time.sleep(0.2)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert json.loads(out)["run"]["files_seen"] == 0
    assert children, "the run started no server process"
    assert not [pid for pid in children if psutil.pid_exists(pid)
                and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


def test_server_is_wanted_only_when_prefect_names_no_api():
    assert apiserver.wanted({}, modules={})
    assert not apiserver.wanted({"PREFECT_API_URL": "http://127.0.0.1:4200/api"}, modules={})
    assert not apiserver.wanted({"PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "false"}, modules={})
    assert not apiserver.wanted({}, modules={"prefect": object()})  # its settings are fixed


def test_server_exits_when_the_command_is_killed(tmp_path: Path):
    script = ("import sys, time\nfrom newsetl import apiserver\n"
              "print(apiserver.TemporaryServer().process.pid, flush=True)\ntime.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    server = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10 * lifeline.PARENT_CHECK_S
    while psutil.pid_exists(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not psutil.pid_exists(server) or psutil.Process(server).status() == psutil.STATUS_ZOMBIE


@pytest.mark.usefixtures("prefect_server")
def test_a_run_without_documents_starts_no_spacy_worker(tmp_path: Path, monkeypatch):
    from flows.pipeline import newsetl_flow
    from newsetl.stages import workers

    made = []
    monkeypatch.setattr(workers, "_make_pool", lambda *args: made.append(args))
    empty = tmp_path / "empty"
    empty.mkdir()
    newsetl_flow(input_dir=str(empty), warehouse=str(tmp_path / "wh"))
    assert made == []
