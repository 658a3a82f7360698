"""The clean stage (newsetl.stages.clean): the worker-pool path and the in-process path agree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsetl.settings import Settings
from newsetl.stages import clean as process
from newsetl.stages import workers
from newsetl.stages.ingest import FileStat, stat_file
from transforms.errors import TransientError

PAGES = ["nav_and_comments", "captions_and_related", "long_paragraphs", "dateline_comment_count"]
"""Invented pages of tests/cases/clean, cleaned by both paths."""
MAX_BYTES = 20_000


def _inputs(folder: Path, cases_dir: Path) -> list[tuple[FileStat, str]]:
    folder.mkdir()
    for name in PAGES:
        shutil.copy(cases_dir / "clean" / f"{name}.txt", folder / f"{name}.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "big.txt").write_text("word " * MAX_BYTES)
    return [(stat_file(str(p)), f"{i:064d}") for i, p in enumerate(sorted(folder.iterdir()))]


def _staged(staging: Path) -> dict[str, list[dict]]:
    return {table: [row for part in sorted((staging / table).glob("*.parquet"))
                    for row in pq.read_table(part).to_pylist()]
            for table in ("pages", "removed_lines", "rejects")}


@pytest.fixture(scope="module")
def model():
    """The pool's model; the pool is stopped after the module's tests."""
    yield Settings().spacy_model
    workers.shutdown()


def test_pool_and_in_process_paths_stage_the_same_rows(tmp_path, cases_dir, model, monkeypatch):
    monkeypatch.setattr(process, "CHUNK_FILES", 3)  # several chunks, in order
    files = _inputs(tmp_path / "in", cases_dir)
    alone = process.clean_batch(files, tmp_path / "one", 0, "run", MAX_BYTES, model, 1)
    pooled = process.clean_batch(files, tmp_path / "two", 0, "run", MAX_BYTES, model, 2)
    assert alone == pooled
    assert alone.n_documents == len(PAGES) and alone.n_rejected == 3
    assert _staged(tmp_path / "one") == _staged(tmp_path / "two")


def test_transient_error_in_a_worker_reaches_the_caller(tmp_path, model):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)  # opening it fails with ELOOP: an OSError that is not a reject
    files = [(FileStat(str(loop), str(loop), 10, 0), "0" * 64)]
    with pytest.raises(TransientError):
        process.clean_batch(files, tmp_path / "staging", 0, "run", MAX_BYTES, model, 2)


@pytest.mark.parametrize(("n_items", "sizes"), [
    (256, [64] * 4),               # a default batch: full chunks
    (100, [25] * 4),               # a small batch shared evenly, not 64 + 36
    (3, [1, 1, 1]),
    (0, []),
])
def test_batches_are_cut_evenly_across_two_workers(n_items, sizes):
    chunks = workers.cut(list(range(n_items)), workers.CHUNK_DOCS, 2)
    assert [len(c) for c in chunks] == sizes
    assert [x for c in chunks for x in c] == list(range(n_items))
