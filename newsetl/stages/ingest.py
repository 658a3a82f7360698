"""Ingest: find every ``*.txt`` file under the input folder and decide what needs work.

A file whose size and modification time match the previous run is unchanged without being
read; one whose stat changed is hashed, and is unchanged if its SHA-256 is the same. Only new
and changed files are read again by the clean stage.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transforms.errors import RunError

HASH_CHUNK = 1 << 20

RACY_WINDOW_NS = 2_000_000_000
"""A file modified this close to (or after) the previous scan may have changed again within
the same timestamp tick, unseen by its stat (git's "racy clean" problem; FAT keeps 2 s
timestamps): its stat is not trusted and it is hashed."""


@dataclass(frozen=True)
class FileStat:
    """One input file as found on disk."""

    path: str
    """Path to open (may hold surrogate escapes for non-UTF-8 names)."""
    key: str
    """The path as valid text: the documents.source_path and identity of the file."""
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Known:
    """What the previous run recorded about a file."""

    size: int
    mtime_ns: int
    sha256: str
    status: str
    racy: bool = False
    """Modified too close to the previous scan for its stat to prove it unchanged."""


@dataclass
class Plan:
    """The work of one run, decided before any page is read."""

    todo: list[tuple[FileStat, str]] = field(default_factory=list)
    """(file, sha256) of new and changed files."""
    unchanged: list[tuple[FileStat, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Keys of files of the previous run that are gone."""
    lost: list[str] = field(default_factory=list)
    """Keys of the previous run's documents whose file is still there but cannot be read:
    their rows are dropped like a removed file's, and the file is rejected."""
    rejects: list[dict] = field(default_factory=list)
    """Reject rows for files that could not even be stat-ed or hashed."""
    n_seen: int = 0
    n_new: int = 0
    n_changed: int = 0
    scanned_at_ns: int = 0
    """When the scan started (wall clock), for the next run's racy-stat check."""

    @property
    def changes_documents(self) -> bool:
        """Some file is new, changed, gone or lost, so some document may differ from last run."""
        return bool(self.todo or self.removed or self.lost)


def display_path(path: str) -> str:
    """``path`` as valid UTF-8 text: undecodable bytes of a file name become \\x escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def scan(root: Path) -> Iterator[str]:
    """Yield the path of every ``*.txt`` file under ``root``, following directory links once.

    Raises:
        RunError: ``root`` is missing or not a folder.
    """
    if not root.is_dir():
        raise RunError(f"input folder {root} does not exist or is not a folder")
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(os.path.abspath(root), followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop or a second link to a dir
            dirnames[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".txt"):
                yield os.path.join(dirpath, name)


def sha256_file(path: str) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stat_file(path: str) -> FileStat:
    """Stat one file (following a link to it)."""
    st = os.stat(path)
    return FileStat(path, display_path(path), st.st_size, st.st_mtime_ns)


def plan(root: Path, known: dict[str, Known], run_id: str) -> Plan:
    """Compare the files under ``root`` with what the previous run recorded."""
    result = Plan(scanned_at_ns=time.time_ns())
    seen: set[str] = set()
    for path in scan(root):
        result.n_seen += 1
        key = display_path(path)
        seen.add(key)
        before = known.get(key)
        try:
            stat = stat_file(path)
            if (before and not before.racy
                    and (before.size, before.mtime_ns) == (stat.size, stat.mtime_ns)):
                result.unchanged.append((stat, before.sha256))
                continue
            sha = sha256_file(path)
        except OSError as exc:
            result.rejects.append(reject_row(key, "unreadable", _os_detail(exc), run_id))
            if before and before.status == "document":
                result.lost.append(key)
            continue
        if before and before.sha256 == sha:
            result.unchanged.append((stat, sha))
        else:
            result.todo.append((stat, sha))
            result.n_new += before is None
            result.n_changed += before is not None
    result.removed = sorted(set(known) - seen)
    return result


def reject_row(source_path: str, reason: str, detail: str, run_id: str) -> dict:
    """A rejects table row."""
    return {"source_path": source_path, "reason": reason, "detail": detail, "run_id": run_id}


def _os_detail(exc: OSError) -> str:
    return f"{exc.strerror or exc.__class__.__name__} (errno {exc.errno})"
