"""Stated calendar forms: "June 13", "13.06.2022", "November that year", "Q3 2020", "Easter".

These forms state a part of the calendar (a year, month, day, season, quarter, half or holiday);
what they leave out, the anchor fills in: a month/day without a year takes the occurrence the
modifier ("last June") or tense picks next to the anchor (the rules are in :mod:`.grammar`'s
module docstring). dateparser (a cached, explicitly based parser) reads the month names and
numeric dates; this module owns which parts were stated and how the anchor fills the rest.
`numeric` and `calendar` are handlers like those of :mod:`.relative`: each fully matches the
prepared, stripped text or returns None.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser
from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, relativedelta
from dateutil.relativedelta import weekday as Weekday

from transforms.dates.spans import (
    TENSE_RULES,
    Context,
    Span,
    Unresolvable,
    month_span,
    year_span,
)
from transforms.dates.words import EXPLICIT_YEAR, MONTHS, WEEKDAYS, YEAR_RANGE, tokens

if TYPE_CHECKING:
    from collections.abc import Callable

PARSE_CACHE_SIZE = 16384
"""Memoised dateparser readings (one per calendar string); the same size as the normaliser's
own memo, `transforms.dates.grammar.CACHE_SIZE`."""
_PARSER_BASE = dt.datetime(2000, 1, 1)
"""dateparser's base: a leap year so "Feb 29" parses; its year is never used."""

_NUMERIC = re.compile(
    r"^(?P<a>[0-9]{1,4})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?:(?P=sep)(?P<c>[0-9]{2,4}))?$"
)


# --- dateparser: month names and numeric dates -------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    """One configured parser: English, absolute forms only, fixed base (never today)."""
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": _PARSER_BASE,
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["absolute-time"],
        },
    )


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parse(text: str) -> tuple[dt.date, str] | None:
    """dateparser's (date, period) for a calendar string; None when it cannot read it.

    Cached on the text alone: the parser's base date is fixed, so "june 13" reads the same
    whatever the anchor, and a corpus writes the same few hundred such strings."""
    try:
        data = _parser().get_date_data(text)
    except Exception:  # third-party parser on odd input: treat as unreadable, never raise
        return None
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    return data.date_obj.date(), data.period


def numeric(t: str, ctx: Context) -> Span | None:
    """'2019-08-14', '2019-08', '6/13/2022', '13.06.2022', '6/13' (year from the anchor)."""
    m = _NUMERIC.match(t)
    if not m or (m["sep"] == "." and not m["c"]):
        return None
    parsed = _parse(t)
    if parsed is None:
        return None
    day, period = parsed
    if len(m["a"]) == 4 or m["c"]:
        return (day, day) if period == "day" else month_span(day.year, day.month)
    return _Part((day.month, day.day), (day.month, day.day)).resolve(None, ctx)


# --- month/day, seasons, quarters and years ----------------------------------------------

_SEASONS = {
    "spring": ((3, 20), (6, 20)), "summer": ((6, 21), (9, 22)), "autumn": ((9, 23), (12, 20)),
    "fall": ((9, 23), (12, 20)), "winter": ((1, 1), (3, 19)),
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "last": 4, "latter": 2, "back": 2}  # fmt: skip
_QUARTER = re.compile(r"^(?:q(?P<q>[1-4])|(?P<w>first|second|third|fourth|[1-4](?:st|nd|rd|th)"
                      r"|final|last) quarter)$")  # fmt: skip
_HALF = re.compile(r"^(?:h(?P<q>[12])|(?P<w>first|second|1st|2nd|latter|last|back) half)$")
_DAY_TOKEN = re.compile(r"^(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?$")
_MODIFIERS = frozenset({"last", "next", "this", "past", "coming"})
_NOISE = frozenset({"the", "of", "in", "on", "at", "during", "month"})
_YEAR_WORDS = frozenset({"year", "fiscal", "calendar", "fy", "season", "time", "this", "same",
                         "around", "whole", "entire", "all", "academic", "school"})  # fmt: skip
_LEAP_SEARCH = 4
"""Years either side of the anchor tried for a month/day without a year (4 reaches a Feb 29)."""
_SHORT_YEAR = re.compile(r"(?<![0-9a-z])'([0-9]{2})\b")
_YEAR_PHRASES = tuple(
    (re.compile(pattern), base, offset)
    for pattern, base, offset in (
        (r"\b(?:the )?year before last\b", "anchor", -2),
        (r"\b(?:the )?year after next\b", "anchor", 2),
        (r"\b(?:that|the same|that same|the very same) year\b", "context", 0),
        (r"\b(?:the )?(?:following|subsequent) year\b|\bthe next year\b", "context", 1),
        (r"\bthe year after\b", "context", 1),
        (r"\b(?:the )?(?:previous|preceding|prior) year\b|\bthe year before\b", "context", -1),
        (r"\b(?:this|the current|current) year\b|(?:^|\bof )the year$", "anchor", 0),
        (r"\blast year\b|\ba year ago\b", "anchor", -1),
        (r"\bnext year\b", "anchor", 1),
    )
)


_MOD_RULES = {
    "last": (max, lambda span, anchor: span[1] < anchor),  # the latest one already over
    "past": (max, lambda span, anchor: span[1] < anchor),
    "next": (min, lambda span, anchor: span[0] > anchor),  # the first one still to begin
    "coming": (min, lambda span, anchor: span[0] > anchor),
}


@dataclass(frozen=True)
class _Part:
    """A part of an unspecified year: a day, month, season, quarter or half (month, day)."""

    start: tuple[int, int]
    end: tuple[int, int]
    mod: str | None = None
    weekday: int | None = None  # stated with a day: picks the year whose date has it
    rule: Callable[[int], dt.date] | None = None  # movable holidays: year -> date

    def span(self, year: int) -> Span:
        if self.rule:
            day = self.rule(year)
            return day, day
        last_day = month_span(year, self.end[0])[1].day
        return dt.date(year, *self.start), dt.date(year, self.end[0], min(self.end[1], last_day))

    def resolve(self, year: int | None, ctx: Context) -> Span:
        return self.span(self._pick_year(ctx) if year is None else year)

    def _weekday_year(self, anchor: dt.date) -> int | None:
        """The one year next to the anchor's whose date falls on the stated weekday."""
        years = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            with suppress(ValueError):
                if self.span(year)[0].weekday() == self.weekday:
                    years.append(year)
        return years[0] if len(years) == 1 else None

    def _pick_year(self, ctx: Context) -> int:
        """The year of the occurrence meant, from modifier, tense and anchor (see grammar)."""
        anchor = ctx.need_anchor()
        if self.mod == "this":
            return anchor.year
        if self.weekday is not None and (year := self._weekday_year(anchor)) is not None:
            return year
        spans = {}
        for year in range(anchor.year - _LEAP_SEARCH, anchor.year + _LEAP_SEARCH + 1):
            try:
                spans[year] = self.span(year)
            except ValueError:  # Feb 29 outside leap years
                continue
        rule = _MOD_RULES.get(self.mod or "") or TENSE_RULES.get(ctx.tense or "")
        if rule is None:
            return min(spans, key=lambda y: (self._distance(spans[y], anchor), y != anchor.year))
        choose, keep = rule
        candidates = [year for year, span in spans.items() if keep(span, anchor)]
        if not candidates:
            raise Unresolvable
        return choose(candidates)

    def _distance(self, span: Span, anchor: dt.date) -> int:
        """Days (day parts) or months (others) from the anchor to the span; 0 inside it."""
        if span[0] <= anchor <= span[1]:
            return 0
        if self.start == self.end:
            return min(abs((span[0] - anchor).days), abs((span[1] - anchor).days))
        index = anchor.year * 12 + anchor.month
        return min(abs(d.year * 12 + d.month - index) for d in span)


def _take_year(t: str, ctx: Context) -> tuple[int | None, str]:
    """The year the text states (explicitly, deictically or anaphorically) and the rest."""
    m = EXPLICIT_YEAR.search(t)
    if m and YEAR_RANGE[0] <= int(m[1]) <= YEAR_RANGE[1]:
        return int(m[1]), t[: m.start()] + " " + t[m.end() :]
    m = _SHORT_YEAR.search(t)
    if m:
        return _century_for(int(m[1]), ctx.need_anchor()), t[: m.start()] + " " + t[m.end() :]
    for pattern, base, offset in _YEAR_PHRASES:
        m = pattern.search(t)
        if m:
            year = ctx.need_context() if base == "context" else ctx.need_anchor().year
            return year + offset, t[: m.start()] + " " + t[m.end() :]
    return None, t


def _century_for(two_digits: int, anchor: dt.date) -> int:
    """'99 -> the year ending so that lies nearest the anchor (ties: the earlier)."""
    base = anchor.year - anchor.year % 100 + two_digits
    return min((base - 100, base, base + 100), key=lambda y: (abs(y - anchor.year), y))


def calendar(t: str, ctx: Context) -> Span | None:
    """Years, months, days, seasons, quarters: 'June 13', 'November that year', 'Q3 2020'."""
    year, rest = _take_year(t, ctx)
    words = [w for w in tokens(rest) if w not in _NOISE]
    if not words:
        return year_span(year) if year is not None else None
    part = _part(words)
    if part is None:
        return year_span(year) if year is not None and set(words) <= _YEAR_WORDS else None
    return part.resolve(year, ctx)


def _part(words: list[str]) -> _Part | None:
    """The part of a year the words name, with a leading last/next/this modifier if any."""
    part = _plain_part(words)
    if part is None and len(words) > 1 and words[0] in _MODIFIERS:
        part = _plain_part(words[1:])
        return replace(part, mod=words[0]) if part else None
    return part


def _plain_part(words: list[str]) -> _Part | None:
    joined = " ".join(words)
    if joined in _HOLIDAYS:
        holiday = _HOLIDAYS[joined]
        return holiday if isinstance(holiday, _Part) else _Part((1, 1), (1, 1), rule=holiday)
    if joined in _SEASONS:
        return _Part(*_SEASONS[joined])
    for pattern, months in ((_QUARTER, 3), (_HALF, 6)):
        m = pattern.match(joined)
        if m:
            index = int(m["q"]) if m["q"] else _ORDINALS[m["w"]]
            first = (index - 1) * months + 1
            return _Part((first, 1), (first + months - 1, 31))
    return _month_part(words)


def _month_part(words: list[str]) -> _Part | None:
    """A month with an optional day, read by dateparser ('june 13', '13th june', 'jan 1')."""
    weekdays = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    words = [w for w in words if w not in WEEKDAYS]
    days = [w for w in words if w not in MONTHS]
    if len(words) - len(days) != 1 or len(days) > 1 or not all(map(_DAY_TOKEN.match, days)):
        return None
    parsed = _parse(" ".join(words))
    if parsed is None or parsed[1] == "year":
        return None
    day, period = parsed
    if period == "day":
        weekday = weekdays[0] if len(weekdays) == 1 else None
        return _Part((day.month, day.day), (day.month, day.day), weekday=weekday)
    return _Part((day.month, 1), (day.month, 31))


def _nth_weekday(month: int, weekday: Weekday, days: int = 0) -> Callable[[int], dt.date]:
    """A movable holiday: the nth (or last, -1) weekday of a month, plus `days`."""

    def rule(year: int) -> dt.date:
        first = dt.date(year, month, 1)
        day = first + relativedelta(day=31 if weekday.n < 0 else 1, weekday=weekday)
        return day + dt.timedelta(days=days)

    return rule


def _fixed(month: int, day: int) -> _Part:
    return _Part((month, day), (month, day))


_HOLIDAYS: dict[str, _Part | Callable[[int], dt.date]] = {
    "christmas": _fixed(12, 25), "christmas day": _fixed(12, 25), "christmas eve": _fixed(12, 24),
    "new year day": _fixed(1, 1), "new years day": _fixed(1, 1), "new year eve": _fixed(12, 31),
    "new years eve": _fixed(12, 31), "halloween": _fixed(10, 31), "valentine day": _fixed(2, 14),
    "valentines day": _fixed(2, 14), "st patrick day": _fixed(3, 17), "fourth july": _fixed(7, 4),
    "boxing day": _fixed(12, 26), "veterans day": _fixed(11, 11), "armistice day": _fixed(11, 11),
    "bastille day": _fixed(7, 14),
    "easter": easter, "easter sunday": easter,
    "good friday": lambda year: easter(year) - dt.timedelta(days=2),
    "easter monday": lambda year: easter(year) + dt.timedelta(days=1),
    "thanksgiving": _nth_weekday(11, TH(4)), "thanksgiving day": _nth_weekday(11, TH(4)),
    "black friday": _nth_weekday(11, TH(4), days=1), "labor day": _nth_weekday(9, MO(1)),
    "memorial day": _nth_weekday(5, MO(-1)), "martin luther king day": _nth_weekday(1, MO(3)),
    "mlk day": _nth_weekday(1, MO(3)),
    "election day": _nth_weekday(11, MO(1), days=1),
}  # fmt: skip
"""Holidays with one date a year (US ones as US-dated news names them)."""
