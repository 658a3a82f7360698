"""spaCy in worker processes: each loads the pipeline once and returns only rows.

spaCy's own ``nlp.pipe(n_process=N)`` sends whole Docs back to the parent, pickled; newsetl
needs only a few rows per document, so its workers build those rows where the Doc is and send
back nothing else. The pool lives as long as the process that made it (one flow run), so the
model is loaded once per worker, not once per batch.
"""

from __future__ import annotations

import atexit
import functools
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from newsetl import lifeline, progress
from transforms import partition
from transforms.nlp.records import DocRecords

NLP_BATCH_DOCS = 32
"""Docs per nlp.pipe mini-batch: spaCy's own default scale for CPU pipelines."""

CHUNK_DOCS = 64
"""Docs sent to a worker at a time: big enough to amortise the round trip, small enough to
keep both workers busy to the end of a batch."""

MIN_CHUNKS_PER_WORKER = 2
"""A batch is cut into at least this many chunks per worker, so a small batch (the few
changed files of a re-run) is shared evenly instead of in one full chunk and a remainder.
A default batch (256 documents, 2 workers) still goes in chunks of :data:`CHUNK_DOCS`."""

Item = tuple[str, str, object, object]
"""(doc_id, body, published date or None, title or None)."""

_model: str | None = None

R = TypeVar("R")


def annotate(items: list[Item], model: str) -> DocRecords:
    """Run the pipeline over ``items`` in this process and collect their rows."""
    from transforms.nlp import pipeline as nlp

    language = nlp.load(model)
    out = DocRecords()
    texts = ((item[1], item) for item in items)
    docs = language.pipe(texts, as_tuples=True, batch_size=NLP_BATCH_DOCS)
    for doc, (doc_id, body, published, title) in progress.iterate("extract", docs):
        out.extend(nlp.records(doc, doc_id, published))
        out.terms.append(nlp.terms_row(doc_id, body, title, published))
    return out


def _init_worker(model: str, parent: int) -> None:
    global _model
    _model = model
    lifeline.follow(parent)  # a killed run must not leave its workers behind
    from transforms.nlp import pipeline as nlp

    nlp.load(model)


def _annotate_in_worker(items: list[Item]) -> DocRecords:
    return annotate(items, _model)


_pool_lock = threading.Lock()
_pool: dict[tuple[str, int], ProcessPoolExecutor] = {}
"""The live pool of this process, by (model, n_process); at most one entry."""


def pool(model: str, n_process: int) -> ProcessPoolExecutor:
    """The process pool of this process for ``model`` (created on first use; extract tasks
    of several batches may ask for it at once from different threads)."""
    with _pool_lock:
        key = (model, n_process)
        if key not in _pool:
            _shutdown_locked()
            _pool[key] = _make_pool(model, n_process)
        return _pool[key]


def shutdown() -> None:
    """Stop this process's workers (each holds a model): the load stage needs the memory."""
    with _pool_lock:
        _shutdown_locked()


def _shutdown_locked() -> None:
    for executor in _pool.values():
        executor.shutdown(wait=True, cancel_futures=True)
    _pool.clear()


def _spawn_pool(n_workers: int, initializer: Callable[..., None],
                *initargs: object) -> ProcessPoolExecutor:
    """A pool of spawned workers, each running ``initializer(*initargs, parent_pid)`` first.

    Spawn, not fork: the parent runs Prefect's threads, and forking a threaded process can
    copy a held lock into the child.
    """
    return ProcessPoolExecutor(max_workers=n_workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=(*initargs, os.getpid()))


def _make_pool(model: str, n_process: int) -> ProcessPoolExecutor:
    executor = _spawn_pool(n_process, _init_worker, model)
    atexit.register(executor.shutdown, cancel_futures=True)
    return executor


def annotate_parallel(items: list[Item], model: str, n_process: int) -> DocRecords:
    """Annotate ``items`` on ``n_process`` workers (in this process when it is 1)."""
    if n_process <= 1:
        return annotate(items, model)
    out = DocRecords()  # not nlp's: this process need not import spaCy to gather rows
    for part in map_chunks(_annotate_in_worker, items, CHUNK_DOCS, model, n_process, "extract"):
        out.extend(part)
    return out


def cut(items: list, chunk_size: int, n_process: int) -> list[list]:
    """Consecutive chunks of ``items``: at most ``chunk_size`` long, and at least
    :data:`MIN_CHUNKS_PER_WORKER` per worker when ``items`` are few."""
    share = -(-len(items) // (n_process * MIN_CHUNKS_PER_WORKER))  # ceiling division
    size = max(1, min(chunk_size, share))
    return [items[i:i + size] for i in range(0, len(items), size)]


def map_chunks(fn: Callable[..., R], items: list, chunk_size: int, model: str, n_process: int,
               stage: str, *args: object) -> Iterator[R]:
    """``fn(chunk, *args)`` for consecutive chunks of ``items``, run on the worker pool of
    ``model``, yielded in order.

    ``fn`` must be a module-level function (it is pickled by name). Progress events of the
    workers do not reach this process, so the ``stage`` bar advances here, per chunk; an
    exception raised in a worker (a TransientError, say) is raised here again.
    """
    chunks = cut(items, chunk_size, n_process)
    rest = [[arg] * len(chunks) for arg in args]
    for chunk, part in zip(chunks, pool(model, n_process).map(fn, chunks, *rest), strict=True):
        progress.advance(stage, len(chunk))
        yield part


@contextmanager
def load_pool(n_process: int) -> Iterator[partition.Parallel]:
    """``n_process`` parts for the load stage's parallel steps (see transforms/partition.py):
    the first in this process, the others on model-less worker processes, so no more data
    is copied out than the other cores work on. In this process alone when ``n_process`` is 1.

    The workers start at once, so they come up while the load stage merges its inputs.
    """
    if n_process <= 1:
        yield partition.SERIAL
        return
    executor = _spawn_pool(n_process - 1, _init_load_worker)
    try:
        for _ in range(n_process - 1):
            executor.submit(int)  # spawn every worker now, not at the first real task
        yield partition.Parallel(functools.partial(_map_here_and_there, executor), n_process)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _map_here_and_there(executor: ProcessPoolExecutor, fn: Callable[[Any], R],
                        items: Iterable[Any]) -> list[R]:
    """``[fn(item) for item in items]``: the first here, the rest on ``executor`` meanwhile."""
    items = list(items)
    futures = [executor.submit(fn, item) for item in items[1:]]
    return [fn(item) for item in items[:1]] + [future.result() for future in futures]


def _init_load_worker(parent: int) -> None:
    lifeline.follow(parent)
    # imported once, before the tasks
    from transforms.events import dedup  # noqa: F401
    from transforms.stories import clustering  # noqa: F401

    # the worker lives for one load stage, whose parts build many small objects and no
    # cycles: see load.no_cycle_collection
    gc.disable()
