"""The date vocabulary shared by the normaliser and the full-date reader.

Month and weekday names, which four-digit numbers are years, and how prepared text splits into
words. :mod:`.grammar`, :mod:`.relative`, :mod:`.calendar_forms` and :mod:`.full_dates` all
read them, so they live apart from any one of those.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
"""Casefolded month names and abbreviations -> month number."""
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
"""Casefolded weekday names and abbreviations -> weekday number (Monday = 0)."""
YEAR_RANGE = (1000, 2199)
"""Four-digit numbers read as years (inclusive); news dates outside this are not expected."""
EXPLICIT_YEAR = re.compile(
    r"(?<![0-9$\u00a3\u20ac])(?<![0-9][.,])([12][0-9]{3})"
    r"(?![0-9%]|s\b|\s?(?:percent|per cent)\b)",
    re.IGNORECASE,
)
"""A four-digit year written out; not a decade ("1990s"), an amount ("$2000", "2,019") or a
percentage. Callers still check the number against `YEAR_RANGE`."""


def tokens(t: str) -> list[str]:
    """The words of prepared text: letter runs (digits may follow, as in "q3") and numbers
    (an ordinal suffix may follow, as in "13th")."""
    return re.findall(r"[a-z]+[0-9]+|[0-9]+(?:st|nd|rd|th)?|[a-z]+", t)
