"""Clean stage: read a batch of new or changed files, decode, clean, extract metadata.

Writes the batch's rows to the run's staging folder and returns only counts, so the
orchestrator never holds page text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsetl import faults, progress
from newsetl.stages import workers
from newsetl.stages.ingest import FileStat, reject_row
from transforms.clean import page
from transforms.errors import RejectError, TransientError
from transforms.text import language
from transforms.text.decode import decode
from warehouse import parquet
from warehouse.schema import STATE, TABLES


@dataclass(frozen=True)
class BatchResult:
    """What one clean batch wrote to staging."""

    index: int
    n_documents: int
    n_rejected: int


def doc_id_for(source_path: str) -> str:
    """Stable document id: the same path always gets the same id."""
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16]


def read_bytes(stat: FileStat, max_bytes: int) -> bytes:
    """Read a file, rejecting one over the size limit or one that vanished.

    Raises:
        RejectError: too large, gone or unreadable (a permission or type problem).
        TransientError: an I/O error that may pass (EIO, EAGAIN, a stale share).
    """
    if stat.size > max_bytes:
        raise RejectError("too-large", f"{stat.size} bytes, over the limit of {max_bytes}")
    try:
        with open(stat.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError) as exc:
        raise RejectError("unreadable", f"{exc.strerror} while reading") from exc
    except OSError as exc:
        raise TransientError(f"reading {stat.key}: {exc}") from exc
    if len(data) > max_bytes:
        raise RejectError("too-large", f"grew over the limit of {max_bytes} bytes while read")
    return data


def document_rows(stat: FileStat, sha: str, text: str, run_id: str) -> tuple[dict, list[dict]]:
    """The documents row (without story_id) and removed_lines rows of one page."""
    doc_id = doc_id_for(stat.key)
    result = page.process(text)
    if not result.body.strip():
        raise RejectError("no-body", f"{len(result.removed)} lines, none of them article text")
    meta = result.meta
    doc = {
        "doc_id": doc_id, "source_path": stat.key, "content_sha256": sha,
        "title": meta.title, "authors": meta.authors, "outlet": meta.outlet,
        "dateline": meta.dateline, "published": meta.published,
        "published_source": meta.published_source, "body": result.body,
        "language": language.detect(result.body), "run_id": run_id,
    }
    removed = [{"doc_id": doc_id, "line_no": r.line_no, "text": r.text, "reason": r.reason}
               for r in result.removed]
    return doc, removed


CHUNK_FILES = 64
"""Files sent to a pool worker at a time (~5 ms each to clean): big enough to amortise the
round trip, small enough to keep both workers busy to the end of a batch (as CHUNK_DOCS)."""

Rows = tuple[list[dict], list[dict], list[dict]]
"""The documents (pages), removed_lines and rejects rows of some files."""


def clean_files(files: list[tuple[FileStat, str]], run_id: str, max_bytes: int) -> Rows:
    """Read, decode and clean ``files`` in this process; bad files become reject rows.

    Raises:
        TransientError: reading a file failed in a way that may pass (the task is retried).
    """
    docs, removed, rejects = [], [], []
    for stat, sha in files:
        try:
            text = decode(read_bytes(stat, max_bytes))
            doc, lines = document_rows(stat, sha, text, run_id)
        except RejectError as exc:
            rejects.append(reject_row(stat.key, exc.reason, exc.detail, run_id))
            continue
        docs.append(doc)
        removed.extend(lines)
    return docs, removed, rejects


def clean_batch(files: list[tuple[FileStat, str]], staging: Path, index: int, run_id: str,
                max_bytes: int, model: str | None = None, n_process: int = 1) -> BatchResult:
    """Clean one batch of files into ``staging``; bad files become reject rows.

    With ``n_process`` > 1 the files are cleaned in the spaCy worker pool of ``model`` (the
    same processes, so cleaning never competes with spaCy for the main process's GIL), and
    this process only writes Parquet. The rows are the same either way.
    """
    if n_process > 1 and model:
        parts = workers.map_chunks(clean_files, files, CHUNK_FILES, model, n_process, "clean",
                                   run_id, max_bytes)
    else:
        parts = (clean_files([item], run_id, max_bytes)
                 for item in progress.iterate("clean", files))
    docs, removed, rejects = _concat(parts)
    parquet.write_table(parquet.part_path(staging / "pages", index), STATE["pages"], docs)
    faults.point("mid-clean")
    parquet.write_table(parquet.part_path(staging / "removed_lines", index),
                        TABLES["removed_lines"], removed)
    parquet.write_table(parquet.part_path(staging / "rejects", index), TABLES["rejects"], rejects)
    return BatchResult(index, len(docs), len(rejects))


def _concat(parts: Iterable[Rows]) -> Rows:
    """The rows of several parts, in order."""
    docs, removed, rejects = [], [], []
    for part in parts:
        docs += part[0]
        removed += part[1]
        rejects += part[2]
    return docs, removed, rejects
