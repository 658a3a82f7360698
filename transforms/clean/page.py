"""The per-document transform: raw page text to clean body, removed lines and metadata.

This is the one entry point the pipeline calls per page; it only wires the cleaner and the
metadata extractor together so that both stay testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.clean.lines import RemovedLine, clean
from transforms.metadata.fields import Metadata, complete, find_header


@dataclass(frozen=True)
class Page:
    """Everything the clean stage learns from one page."""

    body: str
    removed: list[RemovedLine]
    meta: Metadata


def process(text: str) -> Page:
    """Clean one page and pull out its metadata."""
    lines = text.split("\n")
    header = find_header(lines)
    cleaned = clean(lines, fixed=header.line_reasons)
    meta = complete(header, lines, cleaned.body)
    return Page(body=cleaned.body, removed=cleaned.removed, meta=meta)
