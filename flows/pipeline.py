"""The newsetl flow: ingest, clean, extract, load, as Prefect tasks over batches of files.

Tasks take batches, not single documents: Prefect's per-task-run overhead would otherwise
dominate on a large corpus. Staged rows live on disk, so tasks pass only paths and counts.
With a Dask task runner the load stage's independent parts are Prefect tasks too, on the
workers; locally they run on a pool of worker processes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from newsetl import faults, progress, summary
from newsetl.settings import Settings
from newsetl.stages import clean, extract, ingest, load, workers
from transforms import partition
from transforms.errors import TransientError
from warehouse import snapshot


def _transient_only(task, task_run, state) -> bool:
    """Retry a task only when it failed on a transient error, never on bad input."""
    return isinstance(state.data, TransientError)


_TASK = {"cache_policy": NONE, "retry_condition_fn": _transient_only}
"""No input hashing or result caching: tasks do their own I/O, and inputs can be large."""


@task(name="ingest", **_TASK)
def ingest_task(input_dir: Path, previous: Path | None, run_id: str) -> ingest.Plan:
    return ingest.plan(input_dir, load.known_files(previous), run_id)


@task(name="clean", **_TASK)
def clean_task(files: list, staging: Path, index: int, run_id: str, max_bytes: int,
               model: str, n_process: int):
    return clean.clean_batch(files, staging, index, run_id, max_bytes, model, n_process)


@task(name="extract", **_TASK)
def extract_task(staging: Path, index: int, model: str, n_process: int,
                 language_models: dict[str, str]) -> int:
    return extract.extract_batch(staging, index, model, n_process, language_models)


class _Part:
    """A part's input, opaque to Prefect: a plain object is not walked for futures, as the
    large row lists and tuples of a part would be (``quote`` does not survive ``submit``)."""

    __slots__ = ("item",)

    def __init__(self, item: Any):
        self.item = item


@task(name="load-part", **_TASK)
def load_part_task(fn: Callable[[Any], Any], part: _Part) -> Any:
    """One independent part of a cross-document step (a group of dedup blocks, of story
    topics, a slice of the neighbour search): ``fn(item)``, where the task runner puts it."""
    return fn(part.item)


def _parts_as_tasks(fn: Callable[[Any], Any], items: Iterable[Any]) -> list:
    """A ``partition.Mapper`` running each part as a Prefect task: on Dask, on the workers."""
    futures = [load_part_task.submit(fn, _Part(item)) for item in items]
    return [future.result() for future in futures]


def _load_parallel(plan: ingest.Plan, n_process: int, distributed: bool):
    """How the load stage runs its parts: as Prefect tasks on the Dask workers when the flow
    is distributed (the flow process plans and publishes), else on local worker processes
    for a large warehouse (``workers.load_pool``)."""
    if distributed and plan.changes_documents:
        return contextlib.nullcontext(partition.Parallel(_parts_as_tasks, max(2, n_process)))
    return workers.load_pool(load.load_processes(plan, n_process))


@task(name="load", **_TASK)
def load_task(layout: snapshot.Layout, run_id: str, plan: ingest.Plan, model: str,
              previous: Path | None, started_at: dt.datetime, keep: int,
              n_process: int, distributed: bool = False) -> dict:
    builder = load.SnapshotBuilder(layout, run_id, plan, model, previous)
    with _load_parallel(plan, n_process, distributed) as parallel:
        builder.merge_documents()
        builder.write_files_state()
        faults.point("after-merge")
        builder.resolve(parallel)
    faults.point("after-resolve")
    row = builder.write_runs(started_at, dt.datetime.now(dt.UTC))
    builder.finish()
    load.publish(layout, run_id, keep)
    return row


def new_run_id(now: dt.datetime) -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    return now.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def task_runner(kind: str, n_workers: int, address: str | None = None):
    """The Prefect task runner for ``kind``: 'thread' (default) or 'dask'.

    With 'dask', per-batch work runs on a Dask cluster: a local one of ``n_workers``
    single-threaded worker processes, or the running scheduler at ``address``.
    """
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=max(2, n_workers))
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}: use 'thread' or 'dask'")
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def _process_batches(plan: ingest.Plan, staging: Path, run_id: str, settings: Settings,
                     distributed: bool) -> None:
    """Clean then extract every batch; on Dask each batch runs where the scheduler puts it."""
    retry = _retry_options(settings)
    # On Dask the workers are the processes; locally cleaning and spaCy share a worker pool.
    n_process = 1 if distributed else settings.n_process
    cleans, futures = [], []
    progress.start("clean", len(plan.todo), unit="files")
    for i, batch in enumerate(_batches(plan.todo, settings.batch_size)):
        cleaned = clean_task.with_options(**retry).submit(
            batch, staging, i, run_id, settings.max_file_bytes, settings.spacy_model, n_process)
        cleans.append(cleaned)
        futures.append(extract_task.with_options(**retry).submit(
            staging, i, settings.spacy_model, n_process, settings.spacy_models,
            wait_for=[cleaned]))
    results = progress.track("clean", cleans, lambda r: r.n_documents + r.n_rejected, "extract")
    progress.start("extract", sum(r.n_documents for r in results), unit="documents")
    progress.track("extract", futures, int)
    workers.shutdown()  # free the models' memory before the load stage
    faults.point("after-extract")


def _retry_options(settings: Settings) -> dict:
    return {"retries": settings.task_retries,
            "retry_delay_seconds": [settings.task_retry_delay_s * 2**i
                                    for i in range(settings.task_retries)]}


@flow(name="newsetl", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=2))
def newsetl_flow(input_dir: str | None = None, warehouse: str | None = None,
                 distributed: bool = False) -> dict:
    """Run the pipeline once: every *.txt file under ``input_dir`` into ``warehouse``.

    ``distributed`` says the flow runs with a Dask task runner (set by the CLI together with
    the runner), so spaCy runs in the Dask workers instead of a local process pool.
    """
    overrides = {k: v for k, v in {"input_dir": input_dir, "warehouse": warehouse}.items() if v}
    settings = Settings(**overrides)
    layout = snapshot.Layout(settings.warehouse)
    started_at = dt.datetime.now(dt.UTC)
    run_id = new_run_id(started_at)
    retry = _retry_options(settings)
    with snapshot.locked(layout), progress.listening(summary.StageLog()) as clock:
        snapshot.clear_leftovers(layout)
        previous = load.reusable_snapshot(layout, settings.model_key())
        progress.start("ingest", unit="files")
        plan = ingest_task.with_options(**retry)(settings.input_dir, previous, run_id)
        progress.done("ingest", plan.n_seen)
        faults.point("after-ingest")
        _process_batches(plan, layout.staging(run_id), run_id, settings, distributed)
        progress.start("load", 1, unit="snapshot")
        # quoted: Prefect would otherwise walk every file of the plan looking for futures
        # (about a second per run at 10,000 files)
        row = load_task.with_options(**retry)(layout, run_id, quote(plan), settings.model_key(),
                                              previous, started_at, settings.keep_snapshots,
                                              settings.n_process, distributed)
        progress.done("load", 1)
        faults.point("before-cleanup")
        snapshot.clear_leftovers(layout)
    result = {"run": row, "warehouse": str(layout.root), "input": str(settings.input_dir),
              "tables": load.row_counts(layout), "stages": clock.seconds()}
    summary.publish(result)  # markdown artifact + run log
    return result
