"""``newsetl sql``: one query against the warehouse, printed as a table or written as a file.

The database is opened read-only, so a query can never change the warehouse and runs
alongside a pipeline run (it reads the snapshot published when it opened). CSV, JSON and
Parquet are written by DuckDB's own ``COPY``, which handles lists, dates and time zones.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

import duckdb

from warehouse import duck

FORMATS = ("table", "csv", "json", "parquet")

COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}
"""DuckDB ``COPY`` options per file format (JSON: one array of row objects)."""

TABLE_MAX_ROWS = 100
"""Rows a table prints before eliding the middle (DuckDB's renderer shows head and tail)."""

RESULT_VIEW = "newsetl_result"
"""Temporary view holding the user's query, so COPY never has to splice the query text."""


class QueryError(Exception):
    """The query could not run (bad SQL, no result set, missing warehouse)."""


def open_warehouse(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open ``warehouse``/news.duckdb read-only.

    Raises:
        QueryError: There is no database yet (no run has published one).
    """
    db = warehouse / "news.duckdb"
    if not db.is_file():
        raise QueryError(f"no warehouse at {warehouse}: {db} does not exist "
                         "(run `newsetl run` first, or pass --warehouse)")
    return duck.connect(db)


def relation(con: duckdb.DuckDBPyConnection, query: str) -> duckdb.DuckDBPyRelation:
    """The result of ``query`` (the last statement, when there are several)."""
    try:
        rel = con.sql(query)
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from exc
    if rel is None:
        raise QueryError("the statement returns no rows: give a SELECT (or a macro call)")
    return rel


def write(con: duckdb.DuckDBPyConnection, rel: duckdb.DuckDBPyRelation, fmt: str,
          out: Path) -> None:
    """Write the rows of ``rel`` to the file ``out`` in ``fmt`` (csv, json, parquet)."""
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {RESULT_VIEW} AS {rel.sql_query()}")
        con.execute(f"COPY (SELECT * FROM {RESULT_VIEW}) TO {duck.sql_literal(str(out))} "
                    f"({COPY_OPTIONS[fmt]})")
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from exc


def stream(con: duckdb.DuckDBPyConnection, rel: duckdb.DuckDBPyRelation, fmt: str,
           sink: BinaryIO) -> None:
    """Write the rows of ``rel`` in ``fmt`` to a binary stream (e.g. stdout)."""
    with tempfile.TemporaryDirectory(prefix="newsetl-sql-") as tmp:
        path = Path(tmp) / f"result.{fmt}"
        write(con, rel, fmt, path)
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, sink)
    sink.flush()


def show(rel: duckdb.DuckDBPyRelation, max_rows: int = TABLE_MAX_ROWS) -> None:
    """Print ``rel`` as a box table sized to the terminal."""
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 200
    rel.show(max_rows=max_rows, max_width=width)


def run(warehouse: Path, query: str, fmt: str, out: Path | None,
        max_rows: int = TABLE_MAX_ROWS) -> None:
    """Run ``query`` on ``warehouse`` and print or write its rows in ``fmt``.

    Raises:
        QueryError: No warehouse, bad SQL, or Parquet asked for on a terminal.
    """
    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise QueryError("parquet is binary: give --out FILE or redirect stdout")
    with open_warehouse(warehouse) as con:
        rel = relation(con, query)
        if fmt == "table" and out is None:
            show(rel, max_rows)
        elif fmt == "table":
            with out.open("w") as handle, contextlib.redirect_stdout(handle):
                rel.show(max_rows=len(rel), max_width=10_000)
        elif out is not None:
            write(con, rel, fmt, out)
        else:
            stream(con, rel, fmt, sys.stdout.buffer)
