"""Warehouse layout, locking and atomic publication of snapshots.

Layout of a warehouse folder::

    news.duckdb                      views over the current snapshot (replaced atomically)
    parquet -> snapshots/<run>/tables  symlink swapped atomically: BI tools read parquet/<table>/
    snapshots/<run>/tables/<table>/  contract tables of one complete run
    snapshots/<run>/state/<name>/    internal state carried to the next run (file stats,
                                     per-document NLP results)
    staging/<run>/                   a run's work in progress; never read by consumers
    .lock                            held (fcntl) by the run in progress

A run writes a complete snapshot in a hidden folder, renames it into place, then swaps
``news.duckdb`` and the ``parquet`` link. Each step is an atomic rename, so a reader, or a run
killed at any moment, sees either the previous snapshot or the new one, never a mix. Old
snapshots are kept for a while so a reader that opened one can finish.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from transforms.errors import RunError

DB_NAME = "news.duckdb"
PARQUET_LINK = "parquet"


class Layout:
    """Paths of one warehouse folder."""

    def __init__(self, root: Path):
        self.root = Path(os.path.abspath(root))
        self.snapshots = self.root / "snapshots"
        self.staging_root = self.root / "staging"
        self.db = self.root / DB_NAME
        self.link = self.root / PARQUET_LINK

    def snapshot(self, run_id: str) -> Path:
        return self.snapshots / run_id

    def building(self, run_id: str) -> Path:
        return self.snapshots / f".building-{run_id}"

    def staging(self, run_id: str) -> Path:
        return self.staging_root / run_id

    def current(self) -> Path | None:
        """The published snapshot, or None for a new warehouse."""
        if not self.link.is_symlink():
            return None
        target = (self.link.parent / os.readlink(self.link)).resolve()
        snapshot = target.parent
        return snapshot if snapshot.is_dir() else None


@contextlib.contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """Hold the warehouse's run lock; a second run refuses with a clear message.

    An fcntl lock is released by the kernel when its process dies, so a crashed run never
    leaves the warehouse locked.
    """
    layout.root.mkdir(parents=True, exist_ok=True)
    fd = os.open(layout.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunError(
                f"another newsetl run is using the warehouse {layout.root}; "
                "wait for it to finish and run again"
            ) from None
        yield
    finally:
        os.close(fd)


def clear_leftovers(layout: Layout) -> None:
    """Delete what a killed run left behind: staging folders and unfinished snapshots."""
    shutil.rmtree(layout.staging_root, ignore_errors=True)
    if layout.snapshots.is_dir():
        for path in layout.snapshots.glob(".building-*"):
            shutil.rmtree(path, ignore_errors=True)
    for path in layout.root.glob(f"{DB_NAME}.tmp-*"):
        path.unlink(missing_ok=True)
    for path in layout.root.glob(f"{PARQUET_LINK}.tmp-*"):
        path.unlink(missing_ok=True)


def seal(layout: Layout, run_id: str) -> Path:
    """Move a fully written snapshot into place; returns its final folder."""
    final = layout.snapshot(run_id)
    os.replace(layout.building(run_id), final)
    return final


def swap_link(layout: Layout, run_id: str) -> None:
    """Point ``parquet`` at the snapshot's tables in one atomic rename."""
    tmp = layout.root / f"{PARQUET_LINK}.tmp-{run_id}"
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.join("snapshots", run_id, "tables"), tmp)
    if layout.link.exists() and not layout.link.is_symlink():
        raise RunError(f"{layout.link} is a real folder; move it away so newsetl can manage it")
    os.replace(tmp, layout.link)


def prune(layout: Layout, keep: int) -> None:
    """Delete all but the newest ``keep`` snapshots (the current one is always kept)."""
    current = layout.current()
    snapshots = sorted(p for p in layout.snapshots.iterdir() if not p.name.startswith("."))
    for path in snapshots[:-keep]:
        if current is None or path != current:
            shutil.rmtree(path, ignore_errors=True)
