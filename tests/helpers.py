"""Test helpers: read a warehouse back as plain rows."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import TABLES

BOOKKEEPING = {"run_id"}
"""Columns that name the run that wrote a row; they differ between otherwise equal runs."""


def table_rows(warehouse: Path, table: str, drop: set[str] = BOOKKEEPING) -> list[tuple]:
    """All rows of a contract view, without bookkeeping columns, sorted."""
    cols = [c for c in TABLES[table].names if c not in drop]
    with duckdb.connect(str(warehouse / "news.duckdb"), read_only=True) as con:
        quoted = ", ".join(f'"{c}"' for c in cols)
        rows = con.execute(f'SELECT {quoted} FROM "{table}"').fetchall()
    return sorted(rows, key=repr)


def all_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every contract table but ``runs`` (which grows by one row a run)."""
    return {t: table_rows(warehouse, t) for t in TABLES if t != "runs"}
