"""Compare two warehouses table by table: the same rows, ids included.

For a restructuring that must not change behaviour: build a fresh warehouse of the same input
before and after, then ::

    python bench/compare_warehouses.py BEFORE_DIR AFTER_DIR

Every table under ``parquet/``, and every per-document state table of the current snapshot
(``state/``, what an incremental run reuses), is read whole and compared as a sorted multiset
of rows. The columns that name the run itself (``run_id``, ``started_at``, ``finished_at``)
differ between any two runs and are left out; everything else, ids included, must match.
Exits 1 and prints
the first differing rows of each table that differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.parquet as pq

RUN_COLUMNS = frozenset({"run_id", "started_at", "finished_at"})
"""Columns that identify or time the run, not the data."""

SHOWN = 5
"""Differing rows printed per table."""

SHOWN_CHARS = 300
"""Characters of each differing row printed: enough to tell rows apart."""


def _folders(warehouse: Path) -> dict[str, Path]:
    """Each published table and current state table -> its folder of Parquet files."""
    tables = (warehouse / "parquet").resolve()
    found = {p.name: p for p in tables.iterdir() if p.is_dir()}
    state = tables.parent / "state"
    if state.is_dir():
        found |= {f"state/{p.name}": p for p in state.iterdir() if p.is_dir()}
    return found


def table_rows(folder: Path) -> list[tuple]:
    """The rows of a table as sorted tuples of text, without the run's own columns."""
    data = pq.read_table(folder)
    names = [n for n in data.column_names if n not in RUN_COLUMNS]
    columns = [data.column(n).to_pylist() for n in sorted(names)]
    return sorted(tuple(repr(v) for v in row) for row in zip(*columns, strict=True))


def differences(before: Path, after: Path) -> list[str]:
    """One message per table whose rows differ (or that only one warehouse has)."""
    out = []
    old, new = _folders(before), _folders(after)
    for name in sorted(old.keys() ^ new.keys()):
        out.append(f"{name}: only in {'before' if name in old else 'after'}")
    for name in sorted(old.keys() & new.keys()):
        a, b = table_rows(old[name]), table_rows(new[name])
        if a != b:
            out.append(f"{name}: {len(a)} rows before, {len(b)} after\n"
                       f"  only before: {_shown(set(a) - set(b))}\n"
                       f"  only after: {_shown(set(b) - set(a))}")
    return out


def _shown(rows: set[tuple]) -> list[str]:
    return [", ".join(row)[:SHOWN_CHARS] for row in sorted(rows)[:SHOWN]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.before, args.after)
    for message in found:
        print(message)
    tables = len(_folders(args.before).keys() | _folders(args.after).keys())
    print(f"{tables} tables compared: {'identical' if not found else f'{len(found)} differ'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
