"""Page metadata: title, authors, outlet, dateline, publication date.

(Baseline version: finds nothing; replaced by the real extractor.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Header:
    """What the page's furniture states, and which lines said it (0-based index -> reason)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: dt.date | None = None
    line_reasons: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Metadata:
    """The metadata columns of a documents row."""

    title: str | None
    authors: list[str]
    outlet: str | None
    dateline: str | None
    published: dt.date | None
    published_source: str | None


def find_header(lines: list[str]) -> Header:
    """Find metadata lines (title, byline, date, source) in a page's lines."""
    return Header()


def complete(header: Header, lines: list[str], body: str) -> Metadata:
    """Combine the header with what the body says (dateline, inferred date)."""
    source = "stated" if header.published else None
    return Metadata(header.title, header.authors, header.outlet, None, header.published, source)
