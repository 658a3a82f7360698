"""Date forms counted from the anchor: "yesterday", "3 days ago", "last week", "on Monday".

These forms state no year, month or day of their own: they name a distance or a direction from
the document's publication date (the anchor), so each needs the anchor and raises
`Unresolvable` without it ("two years later" needs the context year instead). Each handler
fully matches the prepared, stripped text or returns None; :mod:`.grammar` tries them in turn
(its module docstring states the decisions about weeks, weekdays and windows).
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import suppress

from transforms.dates.spans import (
    TENSE_RULES,
    Context,
    Span,
    Unresolvable,
    month_span,
    year_span,
)
from transforms.dates.words import WEEKDAYS

VAGUE_COUNTS = {"few": (2, 7), "several": (2, 7), "some": (2, 7), "couple": (2, 3)}
"""Unit counts that "a few days ago" & co. may mean; the span covers all. Chosen by hand."""

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_COUNT_RE = r"(?:a |an )?(?P<n>[0-9]{1,3}|" + "|".join([*_NUMBERS, *VAGUE_COUNTS]) + r")(?: of)?"

_DEICTIC_DAYS = {
    "today": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "day before yesterday": -2,
    "the day after tomorrow": 2, "day after tomorrow": 2,
}  # fmt: skip
_UNIT_RE = r"(?P<unit>day|week|month|year)s?"
_IN_COUNT = re.compile(rf"^in {_COUNT_RE} {_UNIT_RE}(?:'? time)?$")
_COUNTED = re.compile(rf"^{_COUNT_RE} {_UNIT_RE} (?P<dir>ago|back|from now|hence|earlier|later"
                      r"|before|after|on)$")  # fmt: skip
_CALENDAR_UNIT = re.compile(
    r"^(?P<mod>this|the current|current|last|next|the)\s+(?P<unit>week|month|quarter)$"
)
_WINDOW = re.compile(
    rf"^(?:over |during |within )?(?P<the>the )?(?P<mod>past|last|next|coming)\s+"
    rf"(?:{_COUNT_RE}\s+)?(?P<unit>day|week|month|quarter|year)s?$"
)
_WEEKEND = re.compile(r"^(?P<mod>this|last|next|the|past|coming)?\s*weekend$")
_WEEKDAY = re.compile(
    r"^(?:(?P<mod>last|next|this|past|coming)\s+)?"
    rf"(?P<day>{_WEEKDAY_RE})\.?(?:,?\s+(?P<week>last|this|next) week)?$"
)
_DAY_OF_MONTH = re.compile(r"^(?:the )?([0-9]{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?$")


# --- calendar arithmetic around the anchor ------------------------------------------------


def _week_span(day: dt.date) -> Span:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _shift(anchor: dt.date, n: int, unit: str) -> Span:
    """The span of the `unit` lying `n` units from the anchor (negative = earlier)."""
    if unit == "day":
        day = anchor + dt.timedelta(days=n)
        return day, day
    if unit == "week":
        return _week_span(anchor + dt.timedelta(weeks=n))
    if unit == "month":
        return month_span(anchor.year, anchor.month + n)
    return year_span(anchor.year + n)


def _window(anchor: dt.date, n: int, unit: str) -> Span:
    """The days from `n` units before the anchor to it (n < 0), or from it to n units after."""
    if unit in ("day", "week"):
        other = anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        months = n * (12 if unit == "year" else 3 if unit == "quarter" else 1)
        start, end = month_span(anchor.year, anchor.month + months)
        other = start.replace(day=min(anchor.day, end.day))
    return (other, anchor) if n < 0 else (anchor, other)


def _weekday_before(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=back or (7 if strict else 0))


def _weekday_after(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=ahead or (7 if strict else 0))


# --- handlers: each fully matches the stripped text or returns None ----------------------


def deictic_day(t: str, ctx: Context) -> Span | None:
    """'today', 'yesterday', 'the day after tomorrow': that day from the anchor."""
    if t not in _DEICTIC_DAYS:
        return None
    day = ctx.need_anchor() + dt.timedelta(days=_DEICTIC_DAYS[t])
    return day, day


def _count(n: str) -> tuple[int, int]:
    if n.isdigit():
        return int(n), int(n)
    return (_NUMBERS[n], _NUMBERS[n]) if n in _NUMBERS else VAGUE_COUNTS[n]


def _counted_span(m: re.Match[str], ctx: Context, sign: int) -> Span:
    """'3 days ago' (sign -1), 'in two weeks' (+1): the unit(s) that far from the anchor."""
    low, high = _count(m["n"])
    anchor = ctx.need_anchor()
    if sign < 0:
        return _shift(anchor, -high, m["unit"])[0], _shift(anchor, -low, m["unit"])[1]
    return _shift(anchor, low, m["unit"])[0], _shift(anchor, high, m["unit"])[1]


def in_count(t: str, ctx: Context) -> Span | None:
    """'in two weeks' ('s time): matched before leading words such as "in" are stripped."""
    m = _IN_COUNT.match(t)
    return _counted_span(m, ctx, sign=1) if m else None


def counted(t: str, ctx: Context) -> Span | None:
    """'3 days ago', 'two weeks from now'; 'two years later' from the context year."""
    m = _COUNTED.match(t)
    if not m:
        return None
    if m["dir"] in ("ago", "back"):
        return _counted_span(m, ctx, sign=-1)
    if m["dir"] in ("from now", "hence"):
        return _counted_span(m, ctx, sign=1)
    low, high = _count(m["n"])  # "two years later": anaphoric, only years via context_year
    if m["unit"] != "year" or low != high:
        raise Unresolvable
    return year_span(ctx.need_context() + (-low if m["dir"] in ("earlier", "before") else low))


def calendar_unit(t: str, ctx: Context) -> Span | None:
    """'this week', 'last month', 'next quarter': calendar units around the anchor."""
    m = _CALENDAR_UNIT.match(t)
    if not m:
        return None
    offset = {"last": -1, "next": 1}.get(m["mod"], 0)
    anchor = ctx.need_anchor()
    if m["unit"] != "quarter":
        return _shift(anchor, offset, m["unit"])
    first_month = (anchor.month - 1) // 3 * 3 + 1 + 3 * offset
    return month_span(anchor.year, first_month)[0], month_span(anchor.year, first_month + 2)[1]


def window_span(t: str, ctx: Context) -> Span | None:
    """'the past week', 'the next two months': days between the anchor and that far."""
    m = _WINDOW.match(t)
    plural_only = bool(m) and not m["n"] and t.endswith("s")  # "the coming months": a few
    if not m or not (m["the"] or m["n"] or m["mod"] == "past"):
        return None  # bare "last year" / "next month" are calendar units, not windows
    if not (m["n"] or plural_only) and (m["unit"] == "day" or m["mod"] == "next"):
        raise Unresolvable  # "the next day", "the last day": anaphoric, not a window
    high = _count(m["n"] or ("few" if plural_only else "one"))[1]
    sign = -1 if m["mod"] in ("past", "last") else 1
    return _window(ctx.need_anchor(), sign * high, m["unit"])


def weekend(t: str, ctx: Context) -> Span | None:
    """'last weekend' (over before the anchor), 'next weekend', 'the weekend' (by tense)."""
    m = _WEEKEND.match(t)
    if not m:
        return None
    anchor, mod, day = ctx.need_anchor(), m["mod"], dt.timedelta(days=1)
    if mod in ("last", "past"):
        saturday = _weekday_before(anchor - 2 * day, 5, strict=False)
    elif mod in ("next", "coming"):
        saturday = _weekday_after(anchor, 5, strict=True)
    elif ctx.tense == "future":
        saturday = _weekday_after(anchor - day, 5, strict=False)
    else:
        saturday = _weekday_before(anchor, 5, strict=False)
    return saturday, saturday + day


def weekday(t: str, ctx: Context) -> Span | None:
    """'Monday', 'last Friday', 'Tuesday next week' relative to the anchor and tense."""
    m = _WEEKDAY.match(t)
    if not m:
        return None
    anchor, wd = ctx.need_anchor(), WEEKDAYS[m["day"]]
    if m["week"]:
        offset = {"last": -1, "next": 1}.get(m["week"], 0)
        day = _week_span(anchor)[0] + dt.timedelta(weeks=offset, days=wd)
    elif m["mod"] in ("last", "past"):
        day = _weekday_before(anchor, wd, strict=True)
    elif m["mod"] in ("next", "coming"):
        day = _weekday_after(anchor, wd, strict=True)
    elif ctx.tense == "future":
        day = _weekday_after(anchor, wd, strict=False)
    else:
        day = _weekday_before(anchor, wd, strict=False)
    return day, day


def day_of_month(t: str, ctx: Context) -> Span | None:
    """'the 13th': that day in the anchor's month or a neighbour, by tense (nearest if none)."""
    m = _DAY_OF_MONTH.match(t)
    if not m:
        return None
    anchor = ctx.need_anchor()
    days = []
    for offset in (-1, 0, 1):
        with suppress(ValueError):
            days.append(month_span(anchor.year, anchor.month + offset)[0].replace(day=int(m[1])))
    rule = TENSE_RULES.get(ctx.tense or "")
    if rule is None:
        return (best := min(days, key=lambda d: (abs((d - anchor).days), d > anchor))), best
    choose, keep = rule
    candidates = [day for day in days if keep((day, day), anchor)]
    if not candidates:
        raise Unresolvable
    return (best := choose(candidates)), best
