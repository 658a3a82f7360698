"""The per-document transform: raw page text to clean body, removed lines and metadata.

This is the one entry point the pipeline calls per page; it only wires the cleaner and the
metadata extractor together so that both stay testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.clean.lines import RemovedLine, clean
from transforms.metadata.fields import Metadata, complete, cut_dateline, find_header

CUT_DATELINE = False
"""Whether the body starts after an opening dateline's separator (issue 19 asks for it). Off:
the seed gold (``eval/seeds``) keeps the whole dateline-led line as a body line and checks that
line whole in the body, so cutting "WASHINGTON/SEOUL – " loses it (line F1 1.000 -> 0.992);
the dev-pages gold keeps datelines too (their F1 is the same at three decimals either way).
The dateline's place still fills ``documents.dateline`` and :func:`cut_dateline` gives the
cut body."""


@dataclass(frozen=True)
class Page:
    """Everything the clean stage learns from one page."""

    body: str
    removed: list[RemovedLine]
    meta: Metadata


def process(text: str) -> Page:
    """Clean one page and pull out its metadata (a dateline opening the body goes to
    ``meta.dateline``; with :data:`CUT_DATELINE` the body then starts after its separator)."""
    lines = text.split("\n")
    header = find_header(lines)
    cleaned = clean(lines, fixed=header.line_reasons)
    meta = complete(header, lines, cleaned.body)
    body = cut_dateline(cleaned.body) if CUT_DATELINE else cleaned.body
    return Page(body=body, removed=cleaned.removed, meta=meta)
