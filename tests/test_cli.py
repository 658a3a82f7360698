"""The command line: help, and the errors that stop a run before it starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
