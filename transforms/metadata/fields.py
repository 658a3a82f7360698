"""Page metadata: title, authors, outlet, dateline, publication date.

A rendered page is one block per line. The article's body is the longest run of prose lines
(long lines ending a sentence); its metadata sits in the few lines just before that run (the
header: headline, byline, date line, source line) or just after it (a closing byline). The
header lines found here are handed to the cleaner with their reason, so they leave the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.metadata import authors as meta_authors
from transforms.metadata import page_dates as meta_dates
from transforms.metadata.layout import Layout, find_layout, is_date_line, pick_title


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


MAX_CREDIT_REPEATS = 2
"""Lines opened by one credit phrase ("Posted by") before it reads as a comment signature."""

COMMENT_SHAPE = re.compile(
    r"\bby\s*:|\b(?:writes|wrote|says|said)\s*:|\breply\b|\d{1,2}:\d{2}:\d{2}", re.IGNORECASE
)
"""A reader comment's signature or header: "Jane wrote:", "Reply", a time with seconds."""

DATELINE_PARAGRAPHS = 2
"""Body paragraphs searched for a dateline (a caption left in the body may come first)."""


def find_header(lines: list[str]) -> Header:
    """Find metadata lines (title, byline, date, source) in a page's lines."""
    layout = find_layout(lines)
    reasons: dict[int, str] = {}
    title = _title(lines, layout, reasons)
    byline, byline_index = _byline(lines, layout)
    if byline_index is not None:
        reasons[byline_index] = "byline"
    published = _stated_date(lines, layout, reasons, byline_index)
    outlet = _outlet(lines, layout, reasons, byline)
    authors = byline.authors if byline else []
    return Header(title, authors, outlet, published, reasons)


def _dateline(body: str) -> tuple[int, meta_dates.Dateline | None]:
    """The dateline opening one of the body's first paragraphs, and that paragraph's index."""
    for number, paragraph in enumerate(body.split("\n\n")[:DATELINE_PARAGRAPHS]):
        dateline = meta_dates.find_dateline(paragraph)
        if dateline:
            return number, dateline
    return -1, None


def cut_dateline(body: str) -> str:
    """The body without the dateline that opens it: the paragraph starts after the separator
    ("SEOUL, June 15 (Yonhap) -- Officials said ..." -> "Officials said ...")."""
    number, dateline = _dateline(body)
    if dateline is None:
        return body
    paragraphs = body.split("\n\n")
    paragraphs[number] = paragraphs[number].strip()[dateline.end :]
    return "\n\n".join(paragraphs)


def complete(header: Header, lines: list[str], body: str) -> Metadata:
    """Combine the header with what the body says (dateline, inferred date)."""
    _, dateline = _dateline(body)
    outlet = header.outlet or (dateline.agency if dateline else None)
    published, source = header.published, "stated" if header.published else None
    if published is None:
        published = meta_dates.inferred_date(body)
        source = "inferred" if published else None
    place = dateline.place if dateline else None
    return Metadata(header.title, header.authors, outlet, place, published, source)


def _title(lines: list[str], layout: Layout, reasons: dict[int, str]) -> str | None:
    """Pick the headline; mark it, its repeats and a subtitle under it."""
    picked = pick_title(lines, layout)
    if picked is None:
        return None
    index, subtitle = picked
    title = lines[index].strip()
    for other, line in enumerate(lines):
        if line.strip() == title:
            reasons[other] = "title"
    if subtitle is not None:
        reasons[subtitle] = "metadata"
    return title


def _byline(lines: list[str], layout: Layout) -> tuple[meta_authors.Byline | None, int | None]:
    """The first byline in the header or the body's opening, else in the lines after the body.

    A credit line shaped like a comment signature, whose credit phrase the page repeats,
    is skipped ("Posted by: A | 12:01:33 PM", "by A writes:", "by A on <date>. Reply").
    """
    for index in [*layout.header, *layout.opening, *layout.tail]:
        byline = meta_authors.parse_byline(lines[index])
        if byline and not _comment_signature(lines, index):
            return byline, index
    return None, None


def _comment_signature(lines: list[str], index: int) -> bool:
    """True when line ``index`` signs a comment: comment-shaped and its credit phrase repeats."""
    if not COMMENT_SHAPE.search(lines[index]):
        return False
    phrase = _credit_phrase(lines[index])
    return sum(_credit_phrase(line) == phrase for line in lines) > MAX_CREDIT_REPEATS


def _credit_phrase(line: str) -> str:
    match = re.match(r"\W*((?:\w+\s+){0,3}?by)\b", line, re.IGNORECASE)
    return match.group(1).lower() if match else ""


def _stated_date(
    lines: list[str], layout: Layout, reasons: dict[int, str], byline_index: int | None
) -> dt.date | None:
    """The date of the header date line nearest the headline (else of the byline).

    Marks that line, and the date lines between the headline and the body ("Updated ...").
    """
    title = min((i for i, r in reasons.items() if r == "title"), default=None)
    candidates = [
        i
        for i in [*layout.header, *layout.opening]
        if i not in reasons and is_date_line(lines[i]) and not COMMENT_SHAPE.search(lines[i])
    ]
    anchor = title if title is not None else (layout.opening or [len(lines)])[0]
    dated = [i for i in candidates if meta_dates.stated_date(lines[i])]
    if dated:
        chosen = min(dated, key=lambda i: (abs(i - anchor), i))
        for index in dated:
            if index == chosen or (title is not None and index > title):
                reasons[index] = "metadata"
        return meta_dates.stated_date(lines[chosen])
    if byline_index is not None:
        return meta_dates.stated_date(lines[byline_index])
    return None


def _outlet(
    lines: list[str], layout: Layout, reasons: dict[int, str], byline: meta_authors.Byline | None
) -> str | None:
    """The publication the page names: source line, "<Outlet> staff", e-mail domain, ©."""
    for index in layout.header:
        named = meta_authors.source_line_outlet(lines[index])
        if named:
            reasons.setdefault(index, "metadata")
            return named
    if byline and byline.outlet:
        return byline.outlet
    furniture = [lines[i] for i in range(len(lines)) if i not in layout.body_lines]
    if byline and byline.email_domains:
        named = meta_authors.domain_outlet(byline.email_domains, furniture)
        if named:
            return re.sub(r"^The\s+", "", named)
    for line in reversed(furniture):
        named = meta_authors.copyright_outlet(line)
        if named:
            return named
    return None
