"""Extract stage: run spaCy over the bodies of a staged batch, keep per-document records."""

from __future__ import annotations

from pathlib import Path

from newsetl import workers
from warehouse import parquet
from warehouse.schema import STATE


def extract_batch(staging: Path, index: int, model: str, n_process: int) -> int:
    """Annotate the staged pages of batch ``index``; returns the number of documents."""
    pages = parquet.read_table([parquet.part_path(staging / "pages", index)], STATE["pages"],
                               columns=["doc_id", "body", "published"])
    items = list(zip(*(pages.column(c).to_pylist() for c in ("doc_id", "body", "published")),
                     strict=True))
    found = workers.annotate_parallel(items, model, n_process)
    for name, rows in found.tables().items():
        parquet.write_table(parquet.part_path(staging / name, index), STATE[name], rows)
    return pages.num_rows
