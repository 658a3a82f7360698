"""The ``newsetl`` command line.

Exit codes: 0 success (a run may have rejected some files: see the rejects table);
1 the command could not do its work (missing input folder or warehouse, warehouse locked by
another run, a failed run, a bad query); 2 bad command-line usage; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsetl import apiserver
from newsetl.settings import Settings

PREFECT_DEFAULTS = {
    # No network here and no wish to phone home: telemetry only produces errors.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary server's own access logs are noise on a user's console.
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    # Run logs (stage timings, rejects) go to the Prefect API at INFO; the console shows
    # only warnings, under the progress bars.
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    # On a busy two-core machine the temporary server can take longer than Prefect's 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # A local Dask cluster logs every worker start and stop, and the closing of its comms.
    "DASK_LOGGING__DISTRIBUTED": "error",
    "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error",
}

WARM_IMPORTS = ("prefect.flow_engine", "prefect.task_engine", "prefect.utilities.visualization",
                "prefect.artifacts", "fastapi", "pyarrow.pandas_compat")
"""Modules a flow run imports only once it runs: Prefect's run engines and what they import
lazily, and pandas (pyarrow imports it on its first ``pa.array``). About 0.7 s on the 2-core
machine, moved into the wait for the temporary server (measured with a meta-path hook on an
empty run, Prefect 3.8.8). A stale entry only costs its import."""

DAILY_CRON = "0 2 * * *"
"""Schedule of `newsetl serve`: the same as prefect.yaml's deployment (a test keeps them equal)."""
SCHEDULE_TIMEZONE = "UTC"
DEPLOYMENT_NAME = "daily"

EXIT_CODES = ("Exit codes: 0 success (a run may have rejected files: see the rejects table); "
              "1 the command could not do its work (missing input folder or warehouse, "
              "warehouse locked by another run, failed run, bad query); 2 bad usage; "
              "130 interrupted.")

app = typer.Typer(help="newsetl: news pages in, a queryable warehouse out.", no_args_is_help=True,
                  add_completion=False, epilog=EXIT_CODES)

Warehouse = Annotated[Path | None, typer.Option(
    "--warehouse", help="Warehouse folder. Default: $NEWSETL_WAREHOUSE, else warehouse-data/ "
    "in the checkout.")]


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


def _warehouse(option: Path | None) -> Path:
    return option or Settings().warehouse


@app.command()
def run(
    input_dir: Annotated[Path | None, typer.Option("--input", help="Folder of *.txt pages "
                         "(recursive). Default: the bundled sample corpus.")] = None,
    warehouse: Warehouse = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print nothing on success.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON, "
                       "and nothing else.")] = False,
    runner: Annotated[str, typer.Option("--task-runner", help="'thread' (one machine; spaCy in "
                      "worker processes) or 'dask' (prefect-dask's DaskTaskRunner).")] = "thread",
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Scheduler of a "
                            "running Dask cluster (tcp://host:8786); default: a local "
                            "cluster.")] = None,
) -> None:
    """Run the pipeline once over INPUT into WAREHOUSE (a Prefect flow run).

    Shows a progress bar per stage on stderr, then a summary on stdout: files seen, new,
    changed, unchanged, rejected and removed, rows per table, time per stage.
    """
    settings = Settings()
    input_dir = input_dir or settings.input_dir
    warehouse = warehouse or settings.warehouse
    if not input_dir.is_dir():
        _fail(f"input folder {input_dir} does not exist or is not a folder")
    configure_prefect()
    if runner not in ("thread", "dask"):
        _fail(f"--task-runner must be 'thread' or 'dask', not {runner!r}")
    server = apiserver.start()  # comes up while Prefect and the pipeline are imported
    summary = _run_flow(input_dir, warehouse, settings, runner, dask_address,
                        show_progress=not (quiet or as_json), server=server)
    if as_json:
        typer.echo(json.dumps(summary, default=str, indent=1))
    elif not quiet:
        from newsetl.console import print_summary

        print_summary(summary)


def _run_flow(input_dir: Path, warehouse: Path, settings: Settings, runner: str,
              dask_address: str | None, show_progress: bool,
              server: apiserver.TemporaryServer | None = None) -> dict:
    """One flow run, on ``server`` unless Prefect is configured otherwise; progress bars on
    stderr when ``show_progress``."""
    from rich.console import Console

    from flows.pipeline import newsetl_flow, task_runner
    from newsetl import progress
    from newsetl.console import StageBars
    from transforms.errors import RunError

    _use_server(server)
    flow = newsetl_flow.with_options(
        task_runner=task_runner(runner, settings.n_process, dask_address))
    with contextlib.ExitStack() as stack:
        if show_progress:
            bars = stack.enter_context(StageBars(Console(stderr=True)))
            stack.enter_context(progress.listening(bars))
        try:
            return flow(input_dir=str(input_dir), warehouse=str(warehouse),
                        distributed=runner == "dask")
        except RunError as exc:
            _fail(str(exc))


def _use_server(server: apiserver.TemporaryServer | None) -> None:
    """Point Prefect at ``server``, after the imports the run will make anyway (the server is
    usually still starting: this process would only wait)."""
    if server is not None:
        for module in WARM_IMPORTS:
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
    try:
        apiserver.adopt(server)
    except TimeoutError as exc:
        _fail(str(exc))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run: a SELECT, or a macro call such as "
                     "\"SELECT * FROM entity_timeline('Japan')\".")],
    warehouse: Warehouse = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json (an array of "
                   "row objects) or parquet.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead "
                   "of stdout.")] = None,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Rows a table shows on the "
                        "terminal (head and tail).")] = 100,
) -> None:
    """Query the warehouse (news.duckdb, opened read-only) and print or save the result."""
    from newsetl import sql as sql_module

    if fmt not in sql_module.FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(sql_module.FORMATS)}",
                                 param_hint="--format")
    try:
        sql_module.run(_warehouse(warehouse), query, fmt, out, max_rows)
    except sql_module.QueryError as exc:
        _fail(str(exc))


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write index.html to.")],
    warehouse: Warehouse = None,
) -> None:
    """Write a static HTML report with charts (events, entities, stories, cleaning)."""
    from newsetl import report as report_module
    from newsetl.sql import QueryError

    try:
        path = report_module.write(_warehouse(warehouse), out)
    except QueryError as exc:
        _fail(str(exc))
    typer.echo(f"report: {path}")


def serve_options(input_dir: Path, warehouse: Path) -> dict:
    """Keyword arguments of ``Flow.serve`` for the daily deployment."""
    from prefect.schedules import Cron

    return {"name": DEPLOYMENT_NAME, "schedule": Cron(DAILY_CRON, timezone=SCHEDULE_TIMEZONE),
            "parameters": {"input_dir": str(input_dir.resolve()),
                           "warehouse": str(warehouse.resolve())},
            "global_limit": 1, "description": "Ingest new and changed pages, publish the "
            "warehouse atomically (newsetl serve)."}


@app.command()
def serve(
    input_dir: Annotated[Path | None, typer.Option("--input", help="Folder of *.txt pages. "
                         "Default: as for `run`.")] = None,
    warehouse: Warehouse = None,
) -> None:
    """Serve the flow on its daily schedule (02:00 UTC) until stopped with Ctrl-C.

    Registers the deployment `newsetl/daily` with the Prefect server at PREFECT_API_URL and
    runs each scheduled (or manually triggered) run on this machine.
    """
    settings = Settings()
    input_dir = input_dir or settings.input_dir
    if not input_dir.is_dir():
        _fail(f"input folder {input_dir} does not exist or is not a folder")
    configure_prefect()
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        _fail("serving a schedule needs a Prefect server: start one (`prefect server start`) "
              "and set PREFECT_API_URL (see README, 'Scheduling with Prefect')")
    from flows.pipeline import newsetl_flow

    newsetl_flow.serve(**serve_options(input_dir, _warehouse(warehouse)))


@app.command()
def docs(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write. Default: "
                   "docs/tables.md in the checkout.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if the file "
                     "differs from the schemas.")] = False,
) -> None:
    """Generate the data dictionary (docs/tables.md) from the warehouse schemas."""
    from newsetl import dictionary

    path = out or dictionary.DEFAULT_PATH
    if check:
        if not path.is_file() or path.read_text() != dictionary.render():
            _fail(f"{path} is out of date: run `newsetl docs`")
        return
    typer.echo(f"wrote {dictionary.write(path)}")


_exit_status = {"code": 1}
"""Exit status of the command, for :func:`_end_process` (1 until the command says otherwise)."""


def _end_process() -> None:
    """Last exit handler of the console command: end the process without tearing it down.

    Every other exit handler has run (Prefect's log and event flushes, the temporary server's
    stop, the worker pool's shutdown). What is left is the interpreter freeing each module of
    Prefect, pydantic and spaCy: about a second of the 2-core machine for nothing.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(_exit_status["code"])


def _status(code: object) -> int:
    """The process exit status Python gives ``SystemExit(code)``."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def main() -> None:
    """Console entry point."""
    atexit.register(_end_process)  # registered first, so it runs last
    try:
        try:
            app()
        except KeyboardInterrupt:
            sys.exit(130)
    except SystemExit as exc:
        _exit_status["code"] = _status(exc.code)
        raise
    _exit_status["code"] = 0
