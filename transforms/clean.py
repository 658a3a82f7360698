"""Boilerplate removal, line by line.

Each non-blank line of a rendered page is either article body or boilerplate; every dropped
line is recorded with a reason from :data:`REASONS`. (Baseline version: a line-length and
punctuation heuristic; replaced by the calibrated classifier.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REASONS = {
    "title": "the headline (moved to documents.title)",
    "byline": "author line (moved to documents.authors)",
    "metadata": "date, source or section line (moved to documents metadata)",
    "navigation": "menus, breadcrumbs, skip links, pagination",
    "caption": "photo or video caption and credit",
    "related-link": "links to other articles (read more, previous/next, teasers)",
    "widget": "share, print, subscribe, login, feedback and similar controls",
    "comments": "reader comment section and its forms",
    "boilerplate": "other page furniture: short or link-like lines outside the article",
}
"""Reason vocabulary of removed_lines.reason."""

MIN_BODY_WORDS = 10
"""Baseline: a body line has at least this many words (the line heuristic of dev-pages)."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class RemovedLine:
    """A dropped line: 1-based line number in the raw file, its text and why."""

    line_no: int
    text: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """The clean body (paragraphs joined by a blank line) and the removed lines."""

    body: str
    removed: list[RemovedLine]


def clean(lines: list[str], fixed: dict[int, str] | None = None) -> Cleaned:
    """Split a page's lines into body and boilerplate.

    Args:
        lines: the raw page split on newlines.
        fixed: 0-based line index -> reason, for lines already known to be boilerplate or
            metadata (the title, the byline); they are removed with that reason.
    """
    fixed = fixed or {}
    body: list[str] = []
    removed: list[RemovedLine] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        reason = fixed.get(index) or _reason(line)
        if reason is None:
            body.append(line.strip())
        else:
            removed.append(RemovedLine(index + 1, line, reason))
    return Cleaned("\n\n".join(body), removed)


def _reason(line: str) -> str | None:
    words = line.split()
    if len(words) >= MIN_BODY_WORDS and _SENTENCE_END.search(line):
        return None
    return "boilerplate"
