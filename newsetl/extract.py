"""Extract stage: run spaCy over the bodies of a staged batch, keep per-document records."""

from __future__ import annotations

from pathlib import Path

from transforms import nlp
from warehouse import parquet
from warehouse.schema import STATE

NLP_BATCH_DOCS = 32
"""Docs per nlp.pipe mini-batch: spaCy's own default scale for CPU pipelines."""


def extract_batch(staging: Path, index: int, model: str) -> int:
    """Annotate the staged pages of batch ``index``; returns the number of documents."""
    pages = parquet.read_table([parquet.part_path(staging / "pages", index)], STATE["pages"],
                               columns=["doc_id", "body"])
    language = nlp.load(model)
    mentions, quotes = [], []
    pairs = zip(pages.column("body").to_pylist(), pages.column("doc_id").to_pylist(), strict=True)
    for doc, doc_id in language.pipe(pairs, as_tuples=True, batch_size=NLP_BATCH_DOCS):
        found = nlp.records(doc, doc_id)
        mentions.extend(found.mentions)
        quotes.extend(found.quotes)
    parquet.write_table(parquet.part_path(staging / "doc_mentions", index),
                        STATE["doc_mentions"], mentions)
    parquet.write_table(parquet.part_path(staging / "doc_quotes", index),
                        STATE["doc_quotes"], quotes)
    return pages.num_rows
