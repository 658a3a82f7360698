"""The ``newsetl`` command line.

Exit codes: 0 the run finished (some files may be rejected: see the rejects table);
1 the run could not start or failed (missing input folder, warehouse locked, a crash);
2 bad command-line usage.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsetl.settings import Settings

PREFECT_DEFAULTS = {
    # No network here and no wish to phone home: telemetry only produces errors.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary server's own access logs are noise on a user's console.
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # A local Dask cluster logs every worker start and stop, and the closing of its comms.
    "DASK_LOGGING__DISTRIBUTED": "error",
    "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error",
}

app = typer.Typer(help="newsetl: news pages in, a queryable warehouse out.", no_args_is_help=True,
                  add_completion=False)


@app.callback()
def _root() -> None:
    """newsetl: news pages in, a queryable warehouse out (see `newsetl COMMAND --help`)."""


def configure_prefect() -> None:
    """Set Prefect's defaults before Prefect is imported; the user's environment wins."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def _fail(message: str) -> None:
    typer.echo(f"newsetl: error: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def run(
    input_dir: Annotated[Path | None, typer.Option("--input", help="Folder of *.txt pages "
                         "(recursive). Default: the bundled sample corpus.")] = None,
    warehouse: Annotated[Path | None, typer.Option("--warehouse", help="Warehouse folder. "
                         "Default: warehouse-data/ in the checkout.")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing on success.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    runner: Annotated[str, typer.Option("--task-runner", help="'thread' (one machine; spaCy in "
                      "worker processes) or 'dask' (prefect-dask's DaskTaskRunner).")] = "thread",
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Scheduler of a "
                            "running Dask cluster (tcp://host:8786); default: a local "
                            "cluster.")] = None,
) -> None:
    """Run the pipeline once over INPUT into WAREHOUSE (a Prefect flow run)."""
    settings = Settings()
    input_dir = input_dir or settings.input_dir
    warehouse = warehouse or settings.warehouse
    if not input_dir.is_dir():
        _fail(f"input folder {input_dir} does not exist or is not a folder")
    configure_prefect()
    if runner not in ("thread", "dask"):
        _fail(f"--task-runner must be 'thread' or 'dask', not {runner!r}")
    from flows.pipeline import newsetl_flow, task_runner
    from newsetl.errors import RunError

    flow = newsetl_flow.with_options(
        task_runner=task_runner(runner, settings.n_process, dask_address))
    try:
        summary = flow(input_dir=str(input_dir), warehouse=str(warehouse),
                       distributed=runner == "dask")
    except RunError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(summary, default=str, indent=1))
    elif not quiet:
        _print_summary(summary)


def _print_summary(summary: dict) -> None:
    run = summary["run"]
    typer.echo(f"run {run['run_id']}: {run['files_seen']} files seen, {run['files_new']} new, "
               f"{run['files_changed']} changed, {run['files_unchanged']} unchanged, "
               f"{run['files_rejected']} rejected, {run['files_removed']} removed")
    for table, n in summary["tables"].items():
        typer.echo(f"  {table:<20} {n:>8} rows")
    typer.echo(f"input:     {summary['input']}")
    typer.echo(f"warehouse: {summary['warehouse']}  (news.duckdb, parquet/)")


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
