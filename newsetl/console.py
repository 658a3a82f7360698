"""What ``newsetl run`` shows a person: a live bar per stage, then a summary table.

Bars go to stderr and the summary to stdout, so ``newsetl run > summary.txt`` keeps the
report and leaves the bars on the terminal. On a console that is not a terminal rich draws
no live bars; only the final summary is printed.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from newsetl.progress import STAGES, Event

FILE_COUNTS = ("seen", "new", "changed", "unchanged", "rejected", "removed")
"""Columns of the runs table that count files, as shown in the summary."""


class RateColumn(ProgressColumn):
    """Items per second of a task, in the task's own unit."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        speed = task.finished_speed or task.speed or (
            task.completed / elapsed if elapsed and task.completed else None)
        unit = task.fields.get("unit", "items")
        return Text(f"{speed:,.1f} {unit}/s" if speed else f"– {unit}/s", style="cyan")


class StageBars:
    """Progress listener drawing one rich bar per stage (thread-safe, as rich's Progress is)."""

    def __init__(self, console: Console):
        self.progress = Progress(
            TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"), RateColumn(), TimeElapsedColumn(),
            console=console)
        self.tasks: dict[str, TaskID] = {}

    def _task(self, event: Event) -> TaskID:
        if event.stage not in self.tasks:
            self.tasks[event.stage] = self.progress.add_task(event.stage, total=None,
                                                             unit=event.unit or "items")
        return self.tasks[event.stage]

    def __call__(self, event: Event) -> None:
        task_id = self._task(event)
        task = self.progress.tasks[task_id]
        if event.kind == "start":
            fields = {"unit": event.unit} if event.unit else {}
            self.progress.update(task_id, total=event.total, **fields)
        elif event.kind == "advance":  # a retried batch reports again: never past the total
            done = task.completed + (event.n or 0)
            self.progress.update(task_id, completed=min(done, task.total or done))
        elif event.kind == "reach":
            self.progress.update(task_id, completed=max(task.completed, event.n or 0))
        elif event.kind == "done":
            final = event.n if event.n is not None else task.completed
            self.progress.update(task_id, total=final, completed=final)
            self.progress.stop_task(task_id)

    def __enter__(self) -> StageBars:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()


def summary_tables(summary: dict) -> Group:
    """The run summary as rich renderables: files, rows per table, time per stage, paths."""
    run = summary["run"]
    files = Table(title=f"run {run['run_id']}: files", title_justify="left")
    for name in FILE_COUNTS:
        files.add_column(name, justify="right")
    files.add_row(*(f"{run[f'files_{name}']:,}" for name in FILE_COUNTS))
    rows = Table("table", "rows", title="warehouse rows", title_justify="left")
    rows.columns[1].justify = "right"
    for table, n in summary["tables"].items():
        rows.add_row(table, f"{n:,}")
    stages = Table("stage", "seconds", title="time per stage", title_justify="left")
    stages.columns[1].justify = "right"
    seconds = summary.get("stages", {})
    for stage in [s for s in STAGES if s in seconds] + [s for s in seconds if s not in STAGES]:
        stages.add_row(stage, f"{seconds[stage]:.1f}")
    where = Text.assemble(("input:     ", "bold"), summary["input"], "\n",
                          ("warehouse: ", "bold"), summary["warehouse"],
                          "  (news.duckdb, parquet/)")
    return Group(files, _side(rows, stages), where)


def _side(left: Table, right: Table) -> Table:
    grid = Table.grid(padding=(0, 4))
    grid.add_row(left, right)
    return grid


def print_summary(summary: dict, console: Console | None = None) -> None:
    """Print the summary of a finished run."""
    (console or Console()).print(summary_tables(summary))
