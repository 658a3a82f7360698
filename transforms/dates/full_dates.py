"""Full written dates: a text that spells day, month and year -> that date.

`parse_full_date` reads "June 15, 2022", "15th of June, 2022" or "2022-06-15" exactly, for
callers that find date-shaped spans with their own regex (page metadata, story clustering) and
would otherwise pay dateparser per span. It needs neither an anchor nor dateparser, so it sits
apart from the expression grammar of :mod:`.grammar`.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import suppress

from transforms.dates.words import MONTHS

_FULL_DAY = r"(?P<{g}>\d{{1,2}})(?:st|nd|rd|th)?"
_FULL_MONTH = r"(?P<{g}>[a-z]+)\.?"
_FULL_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_FULL_DATE_TEXT = re.compile(
    rf"{_FULL_MONTH.format(g='mon1')}\s+{_FULL_DAY.format(g='day1')},?[\s-]+"
    rf"{_FULL_YEAR.format(g='year1')}"
    rf"|{_FULL_DAY.format(g='day2')}\s+(?:of\s+)?{_FULL_MONTH.format(g='mon2')},?\s+"
    rf"{_FULL_YEAR.format(g='year2')}"
    rf"|{_FULL_YEAR.format(g='year3')}(?P<sep>[-/.])(?P<mon3>\d{{1,2}})(?P=sep)(?P<day3>\d{{1,2}})",
    re.IGNORECASE,
)
"""A whole text that writes day, month and year: "June 15, 2022", "Sept. 5 2022", "15th of
June, 2022", "2022-06-15" (year first, one separator: -, / or .). Month names must be real
ones; mixed separators ("2022-06.15") are left to the caller (dateparser rejects some)."""


def parse_full_date(text: str) -> dt.date | None:
    """The date a full written date spells, or None when ``text`` is not one.

    A fast, exact reader for the three shapes of :data:`_FULL_DATE_TEXT` (surrounding
    whitespace allowed), for callers that find date spans with their own regex and would
    otherwise pay dateparser's ~6 ms a call. None for anything else: a bad month name
    ("Janitor 5, 2022"), an impossible day ("June 31, 2022"), a missing part.
    """
    m = _FULL_DATE_TEXT.fullmatch(text.strip())
    if m is None:
        return None
    for n in "123":
        if m[f"year{n}"]:
            mon = m[f"mon{n}"]
            month = int(mon) if mon.isdigit() else MONTHS.get(mon.lower())
            with suppress(ValueError, TypeError):
                return dt.date(int(m[f"year{n}"]), month, int(m[f"day{n}"]))
    return None
