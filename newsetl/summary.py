"""The run summary in Prefect: a markdown artifact on the flow run, and lines in its log.

The artifact carries what the console shows after a run (files, rows per table, time per
stage, where the warehouse is) plus the list of rejected files, so the Prefect UI answers
"what did last night's run do" without opening the warehouse.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from newsetl.console import FILE_COUNTS
from newsetl.progress import Clock, Event
from warehouse import parquet
from warehouse.schema import TABLES

ARTIFACT_KEY = "newsetl-run"
"""Artifact key: every run's summary is a version of this artifact in the Prefect UI."""

MAX_LISTED_REJECTS = 200
"""Rejected files listed in the artifact; the rest are counted (query the rejects table)."""


def rejects(warehouse: Path) -> list[dict]:
    """The published rejects table, most recent run first."""
    table = parquet.read_table(parquet.files(warehouse / "parquet" / "rejects"),
                               TABLES["rejects"])
    return sorted(table.to_pylist(), key=lambda r: (r["run_id"] or "", r["source_path"]),
                  reverse=True)


def _cell(value: object) -> str:
    """Text safe inside a markdown table cell."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def markdown(summary: dict, rejected: list[dict]) -> str:
    """The summary of a run, and the files it could not process, as markdown."""
    run = summary["run"]
    out = [f"# newsetl run `{run['run_id']}`", "",
           f"- input: `{summary['input']}`",
           f"- warehouse: `{summary['warehouse']}` (news.duckdb, parquet/)", "", "## Files", ""]
    out += _table([f"files {c}" for c in FILE_COUNTS], [[run[f"files_{c}"] for c in FILE_COUNTS]])
    out += ["", "## Rows per table", ""]
    out += _table(["table", "rows"], [[t, n] for t, n in summary["tables"].items()])
    out += ["", "## Time per stage", ""]
    out += _table(["stage", "seconds"], [[s, f"{t:.1f}"] for s, t in summary["stages"].items()])
    out += ["", f"## Rejected files ({len(rejected)})", ""]
    if not rejected:
        return "\n".join([*out, "None."])
    shown = [[f"`{r['source_path']}`", r["reason"], r["detail"], r["run_id"]]
             for r in rejected[:MAX_LISTED_REJECTS]]
    out += _table(["file", "reason", "detail", "run"], shown)
    if len(rejected) > MAX_LISTED_REJECTS:
        out += ["", f"… and {len(rejected) - MAX_LISTED_REJECTS} more: "
                "`newsetl sql \"SELECT * FROM rejects\"`."]
    return "\n".join(out)


class StageLog(Clock):
    """A :class:`Clock` that also logs each finished stage to the flow run's log."""

    def __call__(self, event: Event) -> None:
        super().__call__(event)
        if event.kind != "done":
            return
        from prefect.exceptions import MissingContextError
        from prefect.logging import get_run_logger

        unit = self.units.get(event.stage, "items")
        count = f"{event.n:,} {unit}, " if event.n is not None else ""
        with contextlib.suppress(MissingContextError):  # a stage finished outside the run
            get_run_logger().info("stage %s done: %s%.1f s", event.stage, count,
                                  event.at - self.began[event.stage])


def publish(summary: dict) -> None:
    """Log the summary of a finished run and attach it to the flow run as a markdown artifact.

    The warehouse is already published when this runs, so a failure to reach the Prefect API
    here is logged as a warning and does not fail the run.
    """
    from prefect.artifacts import create_markdown_artifact
    from prefect.logging import get_run_logger

    logger = get_run_logger()
    run = summary["run"]
    logger.info("run %s: %s", run["run_id"],
                ", ".join(f"{run[f'files_{c}']} {c}" for c in FILE_COUNTS))
    rejected = rejects(Path(summary["warehouse"]))
    for row in rejected[:MAX_LISTED_REJECTS]:
        logger.info("rejected %s: %s (%s)", row["source_path"], row["reason"], row["detail"])
    try:
        create_markdown_artifact(markdown(summary, rejected), key=ARTIFACT_KEY,
                                 description=f"newsetl run {run['run_id']}: summary and rejects")
    except Exception as exc:  # the data is published; the artifact is only a report
        logger.warning("could not publish the run summary artifact: %s", exc)
