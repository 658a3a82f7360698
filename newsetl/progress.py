"""Progress events from the pipeline's stages to whoever listens: the console, the run log.

Stages run in Prefect task threads, spaCy worker processes or Dask workers. They report
through the module-level functions below, which cost one list check when nobody listens: in a
process without a listener (a spaCy or Dask worker, a flow run started by a Prefect worker
with no console) every call is a no-op. The flow itself, in the orchestrating process, marks
each stage's start and end and raises a stage's count to what its finished batches did
(:func:`track`), so counts move under any task runner and the clock never depends on workers.

Events of one stage: ``start`` (total and unit, when known), ``advance`` (n more items done),
``reach`` (at least n items done), ``done`` (finished; optionally the final count).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

STAGES = ("ingest", "clean", "extract", "load")
"""The stages in the order they run (the console and summaries list them in this order)."""


@dataclass(frozen=True)
class Event:
    """One progress report of a stage."""

    kind: str
    """'start', 'advance', 'reach' or 'done'."""
    stage: str
    n: int | None = None
    """Items: how many more ('advance'), at least how many ('reach'), the final count ('done')."""
    total: int | None = None
    """Items the stage will handle ('start'), when known."""
    unit: str | None = None
    """What the stage counts ('start'); None keeps the unit already given."""
    at: float = field(default_factory=time.monotonic)


Listener = Callable[[Event], None]
T = TypeVar("T")

_listeners: list[Listener] = []
_lock = threading.Lock()


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Send every event of this process to ``listener`` while the block runs."""
    with _lock:
        _listeners.append(listener)
    try:
        yield listener
    finally:
        with _lock:
            _listeners.remove(listener)


def _emit(event: Event) -> None:
    if not _listeners:
        return
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(event)


def start(stage: str, total: int | None = None, unit: str | None = None) -> None:
    """``stage`` begins, with ``total`` items to do when known."""
    if _listeners:
        _emit(Event("start", stage, total=total, unit=unit))


def advance(stage: str, n: int = 1) -> None:
    """``n`` more items of ``stage`` are done (called by the stage, per item or chunk)."""
    if _listeners:
        _emit(Event("advance", stage, n=n))


def iterate(stage: str, items: Iterable[T]) -> Iterator[T]:
    """Yield ``items``, reporting one more item of ``stage`` done as each one is finished."""
    for item in items:
        yield item
        advance(stage)


def reach(stage: str, n: int) -> None:
    """At least ``n`` items of ``stage`` are done (called by the flow as batches finish)."""
    if _listeners:
        _emit(Event("reach", stage, n=n))


def done(stage: str, count: int | None = None) -> None:
    """``stage`` is finished; ``count`` is its final item count when the caller knows it."""
    if _listeners:
        _emit(Event("done", stage, n=count))


def track(stage: str, futures: Iterable[Any], size: Callable[[Any], int],
          then: str | None = None) -> list:
    """Wait for ``futures`` in order, reporting ``stage`` as each batch finishes.

    Args:
        stage: Stage the futures belong to.
        futures: Prefect futures of the stage's batches.
        size: Items one batch result stands for.
        then: A stage that can begin once the first batch is done (it starts then).

    Returns:
        The batch results, in order.
    """
    results, n = [], 0
    for future in futures:
        results.append(future.result())
        n += size(results[-1])
        reach(stage, n)
        if then and len(results) == 1:
            start(then)
    done(stage, n)
    return results


class Clock:
    """Listener that times each stage, from its first event to its ``done``."""

    def __init__(self) -> None:
        self.began: dict[str, float] = {}
        self.ended: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.units: dict[str, str] = {}

    def __call__(self, event: Event) -> None:
        self.began.setdefault(event.stage, event.at)
        if event.unit:
            self.units[event.stage] = event.unit
        if event.kind == "done":
            self.ended[event.stage] = event.at
            if event.n is not None:
                self.counts[event.stage] = event.n

    def seconds(self) -> dict[str, float]:
        """Wall-clock seconds of every finished stage, in running order."""
        order = sorted(self.ended, key=lambda s: self.began[s])
        return {s: round(self.ended[s] - self.began[s], 3) for s in order}
