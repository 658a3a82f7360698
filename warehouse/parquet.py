"""Parquet I/O: zstd files written in row groups, read back as streams of batches.

Nothing here holds a whole table in memory unless the caller asks for it with
:func:`read_table`; copies between snapshots stream batch by batch.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COMPRESSION = "zstd"
ROW_GROUP_ROWS = 64_000
"""Rows per row group: large enough for fast scans, small enough to stream in bounded memory."""


def part_path(folder: Path, index: int) -> Path:
    """Name of the ``index``-th data file of a table folder."""
    return folder / f"part-{index:05d}.parquet"


def files(folder: Path) -> list[Path]:
    """Data files of a table folder, in a stable order (empty when the folder is missing)."""
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


class TableWriter:
    """Streams record batches into one Parquet file with a fixed schema.

    The file is always created, so a table with no rows still has its schema on disk.
    """

    def __init__(self, path: Path, schema: pa.Schema):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.rows = 0
        self._writer = pq.ParquetWriter(str(path), schema, compression=COMPRESSION)

    def write(self, data: pa.Table | pa.RecordBatch | list[dict]) -> None:
        """Append rows (a table, a batch or row dicts) cast to the writer's schema."""
        if isinstance(data, list):
            data = pa.Table.from_pylist(data, schema=self.schema)
        elif isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        if data.num_rows:
            self._writer.write_table(data.select(self.schema.names).cast(self.schema),
                                     row_group_size=ROW_GROUP_ROWS)
            self.rows += data.num_rows

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_table(path: Path, schema: pa.Schema, data: pa.Table | list[dict]) -> int:
    """Write ``data`` as one Parquet file; returns the row count."""
    with TableWriter(path, schema) as writer:
        writer.write(data)
        return writer.rows


def link_files(paths: Iterable[Path], folder: Path) -> None:
    """Put ``paths`` into ``folder`` under their own names, as hard links where the file
    system allows (snapshot files are never modified once written), else as copies."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            os.link(path, folder / path.name)
        except OSError:  # another device, or no hard links on this file system
            shutil.copy2(path, folder / path.name)


def iter_batches(paths: Iterable[Path],
                 columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """Stream record batches from Parquet files."""
    for path in paths:
        yield from pq.ParquetFile(str(path)).iter_batches(columns=columns)


def read_table(paths: Iterable[Path], schema: pa.Schema,
               columns: list[str] | None = None) -> pa.Table:
    """Read files into one table (empty with the right schema when there are none)."""
    batches = list(iter_batches(paths, columns))
    target = pa.schema([schema.field(c) for c in columns]) if columns else schema
    if not batches:
        return target.empty_table()
    return pa.Table.from_batches(batches).cast(target)


def copy_where(
    paths: Iterable[Path],
    writer: TableWriter,
    keep: Callable[[pa.RecordBatch], pa.Array] | None = None,
) -> None:
    """Stream rows from ``paths`` into ``writer``, keeping those where ``keep(batch)`` is true."""
    for batch in iter_batches(paths):
        if keep is not None:
            batch = batch.filter(keep(batch))
        writer.write(batch)


def not_in(column: str, values: set[str]) -> Callable[[pa.RecordBatch], pa.Array]:
    """A ``keep`` predicate: the row's ``column`` is not one of ``values``."""
    value_set = pa.array(sorted(values), type=pa.string())

    def keep(batch: pa.RecordBatch) -> pa.Array:
        return pc.invert(pc.fill_null(pc.is_in(batch.column(column), value_set=value_set), False))

    return keep
