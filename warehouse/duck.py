"""The DuckDB face of the warehouse: one view per contract table, with comments.

Paths cannot be bound as parameters in DDL, so the only text that reaches SQL from outside
is a file path, always through :func:`sql_literal`; table and column names come from the
schema module, never from input.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse import macros, parquet
from warehouse.schema import TABLES


def sql_literal(value: str) -> str:
    """Quote ``value`` as a SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def _view_sql(table: str, folder: Path) -> str:
    paths = ", ".join(sql_literal(str(p)) for p in parquet.files(folder))
    return f'CREATE VIEW "{table}" AS SELECT * FROM read_parquet([{paths}])'


def _comment_sql(table: str) -> list[str]:
    schema = TABLES[table]
    doc = (schema.metadata or {}).get(b"description", b"").decode()
    out = [f'COMMENT ON VIEW "{table}" IS {sql_literal(doc)}'] if doc else []
    for field in schema:
        desc = (field.metadata or {}).get(b"description", b"").decode()
        out.append(f'COMMENT ON COLUMN "{table}"."{field.name}" IS {sql_literal(desc)}')
    return out


def build(db_path: Path, tables_dir: Path) -> None:
    """Create a fresh database at ``db_path``: a view per table under ``tables_dir``, macros."""
    db_path.unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        for table in TABLES:
            con.execute(_view_sql(table, tables_dir / table))
            for statement in _comment_sql(table):
                con.execute(statement)
        macros.create(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def publish(db_path: Path, tables_dir: Path, tmp_suffix: str) -> None:
    """Build the database beside ``db_path`` and swap it in atomically."""
    tmp = db_path.with_name(f"{db_path.name}.tmp-{tmp_suffix}")
    build(tmp, tables_dir)
    wal = tmp.with_name(tmp.name + ".wal")
    wal.unlink(missing_ok=True)
    os.replace(tmp, db_path)


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse database read-only, as consumers should."""
    return duckdb.connect(str(db_path), read_only=True)
