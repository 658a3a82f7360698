"""Date anchors borrowed from a story, for documents that do not state their own date.

An undated report often writes "June 14" without a year. When other reports of the same
story are dated, the year (and, for "later this month", the month) is not in doubt. Such a
document borrows the earliest publication date of its story as the anchor of its event dates,
but only for expressions whose result does not depend on the exact day of the anchor:
"June 14", "in August", "later this month" resolve; "on Monday", "yesterday", "last week"
do not, so an undated page still yields no day-precise dates from weekday names. The
document's own ``published`` stays null: the borrowed date anchors events, it is not evidence
of when the page itself appeared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from transforms.dates import grammar as dates

DAY_INDEPENDENCE_SHIFT = dt.timedelta(days=7)
"""An expression resolves from a borrowed anchor only if moving the anchor by this much
leaves the result unchanged: a week moves every weekday-relative expression, and no
month-day or month expression of a report written days after its siblings."""


UNDATED_PAGE = "undated_page"
"""Key set on the rows of a page that states no date (its report date is its story's, or
unknown): dedup lets their undated mentions join only events dated no finer than a month, so
an undated page never shows a day-precise date it does not state."""


def story_anchors(docs: Iterable[tuple[str, dt.date | None, str | None]]) -> dict[str, dt.date]:
    """Borrowed anchor of each undated document: the earliest date of its story's dated docs.

    Args:
        docs: (doc_id, published, story_id) of every document.
    """
    docs = list(docs)
    earliest: dict[str, dt.date] = {}
    for _, published, story in docs:
        if published and story and (story not in earliest or published < earliest[story]):
            earliest[story] = published
    return {doc_id: earliest[story] for doc_id, published, story in docs
            if published is None and story in earliest}


def reanchor(row: dict, anchor: dt.date | None) -> dict:
    """An event-mention row dated from a borrowed anchor where that is safe (see module).

    The anchor also becomes the row's ``reported`` date where it has none, which bounds the
    events its undated mentions may join in dedup (see transforms/events/blocking.py), and
    the row is marked :data:`UNDATED_PAGE`.
    """
    if row.get("reported") is None:  # an undated page: the story's date bounds its events
        row = {**row, "reported": anchor, UNDATED_PAGE: True}
    if anchor is None:
        return row
    if row.get("date") or not row.get("date_text"):
        return row
    options = {"tense": row.get("tense"), "context_year": row.get("context_year")}
    first = dates.normalize(row["date_text"], anchor, **options)
    later = dates.normalize(row["date_text"], anchor + DAY_INDEPENDENCE_SHIFT, **options)
    return {**row, "date": first} if first is not None and first == later else row


def reanchor_from(anchors: dict[str, dt.date], row: dict) -> dict:
    """:func:`reanchor` with the row's document's anchor in ``anchors`` (none if absent).

    Bind ``anchors`` with ``functools.partial`` for a picklable per-row step."""
    return reanchor(row, anchors.get(row["doc_id"]))
