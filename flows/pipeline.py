"""The newsetl flow: ingest, clean, extract, load, as Prefect tasks over batches of files.

Tasks take batches, not single documents: Prefect's per-task-run overhead would otherwise
dominate on a large corpus. Staged rows live on disk, so tasks pass only paths and counts.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NONE

from newsetl import extract, faults, ingest, load, process
from newsetl.errors import TransientError
from newsetl.settings import Settings
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
def clean_task(files: list, staging: Path, index: int, run_id: str, max_bytes: int):
    return process.clean_batch(files, staging, index, run_id, max_bytes)


@task(name="extract", **_TASK)
def extract_task(staging: Path, index: int, model: str) -> int:
    return extract.extract_batch(staging, index, model)


@task(name="load", **_TASK)
def load_task(layout: snapshot.Layout, run_id: str, plan: ingest.Plan, model: str,
              previous: Path | None, started_at: dt.datetime, keep: int) -> dict:
    builder = load.SnapshotBuilder(layout, run_id, plan, model, previous)
    builder.merge_documents()
    builder.write_files_state()
    faults.point("after-merge")
    builder.resolve()
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


@flow(name="newsetl", log_prints=False)
def newsetl_flow(input_dir: str | None = None, warehouse: str | None = None) -> dict:
    """Run the pipeline once: every *.txt file under ``input_dir`` into ``warehouse``."""
    overrides = {k: v for k, v in {"input_dir": input_dir, "warehouse": warehouse}.items() if v}
    settings = Settings(**overrides)
    layout = snapshot.Layout(settings.warehouse)
    started_at = dt.datetime.now(dt.UTC)
    run_id = new_run_id(started_at)
    retry = {"retries": settings.task_retries,
             "retry_delay_seconds": [settings.task_retry_delay_s * 2**i
                                     for i in range(settings.task_retries)]}
    with snapshot.locked(layout):
        snapshot.clear_leftovers(layout)
        previous = load.reusable_snapshot(layout, settings.spacy_model)
        plan = ingest_task.with_options(**retry)(settings.input_dir, previous, run_id)
        faults.point("after-ingest")
        staging = layout.staging(run_id)
        batches = _batches(plan.todo, settings.batch_size)
        cleaned = [clean_task.with_options(**retry).submit(b, staging, i, run_id,
                                                            settings.max_file_bytes)
                   for i, b in enumerate(batches)]
        for future, i in zip(cleaned, range(len(batches)), strict=True):
            future.result()
            faults.point("after-clean")
            extract_task.with_options(**retry)(staging, i, settings.spacy_model)
            faults.point("after-extract")
        row = load_task.with_options(**retry)(layout, run_id, plan, settings.spacy_model,
                                              previous, started_at, settings.keep_snapshots)
        faults.point("before-cleanup")
        snapshot.clear_leftovers(layout)
    return {"run": row, "warehouse": str(layout.root), "input": str(settings.input_dir),
            "tables": load.row_counts(layout)}
