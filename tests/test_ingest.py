"""Ingest: recursive scan, change detection without re-reading, odd file names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsetl.stages.ingest import Known, display_path, plan, scan, sha256_file
from transforms.errors import RunError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_scan_is_recursive_and_only_txt(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "sub" / "deeper" / "b.txt", "y")
    write(tmp_path / "c.html", "z")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in scan(tmp_path)]
    assert found == ["a.txt", "sub/deeper/b.txt"]


def test_scan_survives_a_symlink_loop(tmp_path):
    write(tmp_path / "d" / "a.txt", "x")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    assert [Path(p).name for p in scan(tmp_path)] == ["a.txt"]


def test_missing_root_is_a_run_error(tmp_path):
    with pytest.raises(RunError, match="does not exist"):
        list(scan(tmp_path / "missing"))


def test_plan_sorts_new_changed_unchanged_removed(tmp_path):
    same = write(tmp_path / "same.txt", "same")
    touched = write(tmp_path / "touched.txt", "touched")
    changed = write(tmp_path / "changed.txt", "new text")
    write(tmp_path / "new.txt", "new")
    st = same.stat()
    known = {
        str(same): Known(st.st_size, st.st_mtime_ns, sha256_file(str(same)), "document"),
        str(touched): Known(0, 0, sha256_file(str(touched)), "document"),  # stat differs, hash same
        str(changed): Known(3, 0, "0" * 64, "document"),
        str(tmp_path / "gone.txt"): Known(1, 1, "1" * 64, "document"),
    }
    result = plan(tmp_path, known, "run")
    assert sorted(Path(s.key).name for s, _ in result.todo) == ["changed.txt", "new.txt"]
    assert sorted(Path(s.key).name for s, _ in result.unchanged) == ["same.txt", "touched.txt"]
    assert result.removed == [str(tmp_path / "gone.txt")]
    assert (result.n_seen, result.n_new, result.n_changed) == (4, 1, 1)


def test_odd_names_are_found_and_displayable(tmp_path):
    names = ["with space.txt", "quote'\";.txt", "new\nline.txt", "ünï.txt"]
    for name in names:
        write(tmp_path / name, "x")
    raw = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(raw, "w") as handle:
        handle.write("x")
    keys = sorted(display_path(p) for p in scan(tmp_path))
    assert len(keys) == 5
    assert any(k.endswith("bad\\xff.txt") for k in keys)
    for key in keys:
        key.encode("utf-8")  # valid text for Parquet and SQL


def test_a_racy_stat_is_not_trusted(tmp_path):
    path = write(tmp_path / "racy.txt", "first")
    st = path.stat()
    racy = {str(path): Known(st.st_size, st.st_mtime_ns, "0" * 64, "document", racy=True)}
    assert [s.key for s, _ in plan(tmp_path, racy, "run").todo] == [str(path)]
    calm = {str(path): Known(st.st_size, st.st_mtime_ns, "0" * 64, "document")}
    assert plan(tmp_path, calm, "run").todo == []


def test_a_known_document_that_cannot_be_read_is_lost_and_rejected(tmp_path):
    (tmp_path / "was_doc.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "was_reject.txt").symlink_to(tmp_path / "nowhere")
    known = {str(tmp_path / "was_doc.txt"): Known(1, 1, "1" * 64, "document"),
             str(tmp_path / "was_reject.txt"): Known(1, 1, "1" * 64, "rejected")}
    result = plan(tmp_path, known, "run")
    assert result.lost == [str(tmp_path / "was_doc.txt")]  # a reject had no rows to drop
    assert [r["reason"] for r in result.rejects] == ["unreadable", "unreadable"]
    assert result.removed == [] and result.changes_documents
