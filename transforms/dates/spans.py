"""Spans of days and the context a date expression resolves in, shared by every form.

Every date expression resolves to an inclusive `Span` of days (see :mod:`.grammar`); the forms
counted from the anchor (:mod:`.relative`) and the stated calendar forms (:mod:`.calendar_forms`)
both build spans of months and years, read the same `Context`, and pick an occurrence by tense
with the same rules. They live here so neither form module has to import the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Span = tuple[dt.date, dt.date]
"""An inclusive span of days (start, end): what every date expression resolves to."""


class Unresolvable(Exception):
    """The expression was recognised but the anchor/context it needs is missing."""


@dataclass(frozen=True)
class Context:
    """What an expression resolves against: the anchor date, the tense and the context year."""

    anchor: dt.date | None
    tense: str | None
    context_year: int | None

    def need_anchor(self) -> dt.date:
        if self.anchor is None:
            raise Unresolvable
        return self.anchor

    def need_context(self) -> int:
        if self.context_year is None:
            raise Unresolvable
        return self.context_year


def month_span(year: int, month: int) -> Span:
    """The days of a month; `month` may run past 1..12 (it carries into the year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return dt.date(year, month, 1), nxt - dt.timedelta(days=1)


def year_span(year: int) -> Span:
    """The days of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


TENSE_RULES = {
    "past": (max, lambda span, anchor: span[0] <= anchor),  # latest begun by the anchor
    "future": (min, lambda span, anchor: span[1] >= anchor),  # first not over by the anchor
}
"""Which occurrence a tense picks among candidate spans: (choose, keep) by tense."""
