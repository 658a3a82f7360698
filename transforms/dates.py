"""Date normaliser for events: a date expression as written -> ISO text at its stated precision.

`normalize` turns the text of a date expression ("June 13", "on Monday", "later this month",
"in November that year", "Q3 2020") into `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, resolved against
the document's publication date (`anchor`). It never invents: what the text does not pin down
relative to a known anchor gives None.

How it works: every expression resolves to an inclusive span of days; the answer is the finest
calendar unit holding the whole span (one day -> day, inside one month -> month, inside one year
-> year, wider -> None). So precision is never finer than stated, and fuzzy spans degrade
honestly. dateparser (a cached, explicitly based parser) reads the calendar forms (month names,
numeric dates); this module owns which parts were stated and how the anchor fills the rest.

Decisions (documented here because callers rely on them):
- Ranges ("June 29 and 30", "from 2019 to 2021", "between May and July") give their start;
  "since"/"until"/"by" are dropped (the value of the expression itself), but "before"/"after"
  (and similar) give None: the event is then not at that time.
- Weekdays: past or unknown tense -> the most recent such day on or before the anchor (the
  anchor's own weekday is the anchor day); future -> on or after. "last Monday" is strictly
  before, "next Monday" strictly after. Without an anchor -> None.
- Month/day without a year: past -> latest occurrence not after the anchor; future -> earliest
  not before; no tense -> nearest (in days for a day, in months for a month; ties -> the
  anchor's year). "last June" -> the latest June that has ended; "next June" the first to start.
- Weeks are Monday-Sunday. "last week" is the calendar week before the anchor's: returned as
  `YYYY-MM` when it lies in one month, `YYYY` when it straddles two months of one year, else
  None. "two weeks ago" is the week holding anchor - 14 days. "the past week" is the 7 days up
  to the anchor. Weekends are Saturday-Sunday.
- Decades and centuries ("the 1990s") -> None: the contract has no decade precision.
- Quarters, halves, seasons and "mid-/early/late 2021" -> the year.
- "that year" / "the same year" / "the following year" / "two years later" use `context_year`
  (see `year_mentions` / `context_year_at`); None without it. "the previous week/month" are
  anaphoric with no context available -> None.
- Vague words ("now", "recently", "the past", "a decade ago", "the next day") -> None.
- "the 13th" -> that day in the anchor's month or a neighbour (by tense); holidays with one
  date a year ("Christmas", "Thanksgiving", "Easter") resolve like a month/day; "'99" takes
  the century nearest the anchor; a weekday stated with a month/day ("Monday, Sept. 24")
  picks the year (anchor's or a neighbour) whose date falls on it, before tense is used.
- Ambiguous numeric dates follow dateparser's English order (month first: 6/7/2020 = June 7).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dateparser.date import DateDataParser
from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, relativedelta
from dateutil.relativedelta import weekday as Weekday

if TYPE_CHECKING:
    from collections.abc import Callable

Span = tuple[dt.date, dt.date]

TENSES = frozenset({"past", "future", "present"})
"""Accepted `tense` values; "present" behaves like no tense."""
MAX_TEXT_CHARS = 120
"""Longer input is no date expression (spaCy DATE entities in news are far shorter); chosen by
hand to bound parser time, not calibrated."""
VAGUE_COUNTS = {"few": (2, 7), "several": (2, 7), "some": (2, 7), "couple": (2, 3)}
"""Unit counts that "a few days ago" & co. may mean; the span covers all. Chosen by hand."""
YEAR_RANGE = (1000, 2199)
"""Four-digit numbers read as years (inclusive); news dates outside this are not expected."""
CACHE_SIZE = 16384
"""Memoised (text, anchor, tense, context_year) results; events repeat expressions per document."""
_PARSER_BASE = dt.datetime(2000, 1, 1)
"""dateparser's base: a leap year so "Feb 29" parses; its year is never used."""


class _Unresolvable(Exception):
    """The expression was recognised but the anchor/context it needs is missing."""


@dataclass(frozen=True)
class _Ctx:
    anchor: dt.date | None
    tense: str | None
    context_year: int | None

    def need_anchor(self) -> dt.date:
        if self.anchor is None:
            raise _Unresolvable
        return self.anchor

    def need_context(self) -> int:
        if self.context_year is None:
            raise _Unresolvable
        return self.context_year


def normalize(
    text: str,
    anchor: dt.date | None,
    *,
    tense: str | None = None,
    context_year: int | None = None,
) -> str | None:
    """Normalise a date expression to `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or None.

    Args:
        text: the expression as written, e.g. a spaCy DATE entity ("June 13", "last year").
        anchor: the document's publication date (stated or inferred); None when unknown.
        tense: "past", "future" or None/"present" (unknown): picks which occurrence of a
            month/day or weekday without a year is meant.
        context_year: the year mentioned most recently before the expression, for "that year".

    Returns:
        ISO text at the precision the text supports, or None when it gives no year.

    Raises:
        ValueError: for a tense outside `TENSES`.
    """
    if tense is not None and tense not in TENSES:
        raise ValueError(f"tense must be one of {sorted(TENSES)} or None, not {tense!r}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        return None
    return _normalize_cached(text, anchor, None if tense == "present" else tense, context_year)


@lru_cache(maxsize=CACHE_SIZE)
def _normalize_cached(
    text: str, anchor: dt.date | None, tense: str | None, context_year: int | None
) -> str | None:
    try:
        span = _resolve(_prepare(text), _Ctx(anchor, tense, context_year))
    except (_Unresolvable, OverflowError, ValueError):
        return None
    return _format(span) if span else None


def _format(span: Span) -> str | None:
    """The finest ISO unit holding the whole span."""
    start, end = span
    if start.year != end.year or start > end:
        return None
    if start == end:
        return start.isoformat()
    if start.month == end.month:
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


# --- text preparation -------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_COUNT_RE = r"(?:a |an )?(?P<n>[0-9]{1,3}|" + "|".join([*_NUMBERS, *VAGUE_COUNTS]) + r")(?: of)?"

_DECADE = re.compile(
    r"[0-9]{3}0\s?'?s\b|'[0-9]0s\b|\b(?:twenties|thirties|forties|fifties|sixties|seventies"
    r"|eighties|nineties|century|centuries|millennium|decades?)\b"
)
_NEGATING = re.compile(
    r"^(?:before|after|prior to|ahead of|earlier than|later than|no later than|"
    r"no earlier than|not before|not after|beyond|pre|post)\b"
)
_ALIASES = (
    (re.compile(r"\b(?:tonight|this (?:morning|afternoon|evening))\b"), "today"),
    (re.compile(r"\blast night\b"), "yesterday"),
    (re.compile(r"\bthis past\b"), "last"),
    (re.compile(r"\bthis coming\b"), "next"),
)
_TIME_OF_DAY = re.compile(
    r"\b(?:at |around |about )?(?:[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m|p\.?m)\b\.?"
    r"|[0-9]{1,2}:[0-9]{2}|noon|midday|midnight)"
    r"|\b(?:early |late )?(?:morning|afternoon|evening|night|overnight|dawn|daybreak)\b"
    r"|\b(?:local time|gmt|utc|edt|est|bst|cet)\b"
)
_LEADING = re.compile(
    r"^(?:in|on|at|by|since|from|during|until|till|til|through|throughout|for|as of"
    r"|as early as|as late as|starting|beginning|effective|circa|ca|c|about|around"
    r"|approximately|roughly|nearly|almost|just|only|sometime|some time|published|posted"
    r"|updated|dated|early|earlier|late|later|mid|middle"
    r"|(?:the )?(?:middle|end|start|beginning|rest|remainder|close|turn|first days|last days"
    r"|(?:first|second|third|fourth|last) week) of|end|start|all of|most of|much of"
    r"|the whole of|of)(?:\s+|\s*-\s*|\.\s*)"
)
_DAY_RANGE = re.compile(
    r"(?<![0-9/.-])([0-9]{1,2})(?:st|nd|rd|th)?\s*(?:-|and|to|or|&|through|thru|until|till)"
    r"\s*[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9/-])"
)
_YEAR_SPAN = re.compile(r"(?<![0-9])([12][0-9]{3})\s*[-/]\s*([0-9]{4}|[0-9]{2})(?![0-9/-])")
_RANGE_SPLIT = re.compile(
    r"^(?:between\s+)?(.+?)\s+(?:-|and|to|or|&|through|thru|until|till|into)\s+(.+)$"
)


def _prepare(text: str) -> str:
    """Casefold, unify punctuation, map time-of-day phrases and drop times and day ranges."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", t)
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    if _DECADE.search(t):
        return ""
    for pattern, repl in _ALIASES:
        t = pattern.sub(repl, t)
    t = _TIME_OF_DAY.sub(" ", t)
    t = re.sub(r"'s\b", "", re.sub(r"[^\w\s'/.,&$%\u00a3\u20ac-]|_", " ", t))
    t = _DAY_RANGE.sub(r"\1", t)
    t = _YEAR_SPAN.sub(_year_span_start, t)
    return re.sub(r"\s+", " ", t).strip(" ,.;:-/&")


def _year_span_start(m: re.Match[str]) -> str:
    """'1998-99' / '2019/2020' -> the first year; '2019-08' (a month) is left alone."""
    second = m[2]
    return m[0] if len(second) == 2 and 1 <= int(second) <= 12 else m[1]


def _strip_leading(t: str) -> str:
    while True:
        stripped = _LEADING.sub("", t, count=1).strip(" ,.-")
        if stripped == t:
            return t
        t = stripped


def _resolve(text: str, ctx: _Ctx) -> Span | None:
    """Resolve prepared text to a span of days, or None when it is not understood."""
    if not text or _NEGATING.match(text):
        return None
    in_count = _IN_COUNT.match(text)
    if in_count:
        return _counted_span(in_count, ctx, sign=1)
    t = _strip_leading(text)
    split = _RANGE_SPLIT.match(t)
    if split:
        return _resolve(_first_with_year(split[1], split[2]), ctx)
    for handler in _HANDLERS:
        span = handler(t, ctx)
        if span is not None:
            return span
    return None


def _first_with_year(first: str, second: str) -> str:
    """A range's start, given the end's year when only the end states one."""
    year = _EXPLICIT_YEAR.search(second)
    if not year or _EXPLICIT_YEAR.search(first):
        return first
    months = [[_MONTHS[w] for w in _tokens(s) if w in _MONTHS] for s in (first, second)]
    rollback = months[0] and months[1] and months[0][0] > months[1][0]
    return f"{first} {int(year[1]) - 1 if rollback else year[1]}"


def _tokens(t: str) -> list[str]:
    return re.findall(r"[a-z]+[0-9]+|[0-9]+(?:st|nd|rd|th)?|[a-z]+", t)


# --- calendar arithmetic ----------------------------------------------------------------


def _month_span(year: int, month: int) -> Span:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return dt.date(year, month, 1), nxt - dt.timedelta(days=1)


def _year_span(year: int) -> Span:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


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
        return _month_span(anchor.year, anchor.month + n)
    return _year_span(anchor.year + n)


def _window(anchor: dt.date, n: int, unit: str) -> Span:
    """The days from `n` units before the anchor to it (n < 0), or from it to n units after."""
    if unit in ("day", "week"):
        other = anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        months = n * (12 if unit == "year" else 3 if unit == "quarter" else 1)
        start, end = _month_span(anchor.year, anchor.month + months)
        other = start.replace(day=min(anchor.day, end.day))
    return (other, anchor) if n < 0 else (anchor, other)


# --- handlers: each fully matches the stripped text or returns None ----------------------

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
_NUMERIC = re.compile(
    r"^(?P<a>[0-9]{1,4})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?:(?P=sep)(?P<c>[0-9]{2,4}))?$"
)


def _deictic_day(t: str, ctx: _Ctx) -> Span | None:
    if t not in _DEICTIC_DAYS:
        return None
    day = ctx.need_anchor() + dt.timedelta(days=_DEICTIC_DAYS[t])
    return day, day


def _count(n: str) -> tuple[int, int]:
    if n.isdigit():
        return int(n), int(n)
    return (_NUMBERS[n], _NUMBERS[n]) if n in _NUMBERS else VAGUE_COUNTS[n]


def _counted_span(m: re.Match[str], ctx: _Ctx, sign: int) -> Span:
    """'3 days ago' (sign -1), 'in two weeks' (+1): the unit(s) that far from the anchor."""
    low, high = _count(m["n"])
    anchor = ctx.need_anchor()
    if sign < 0:
        return _shift(anchor, -high, m["unit"])[0], _shift(anchor, -low, m["unit"])[1]
    return _shift(anchor, low, m["unit"])[0], _shift(anchor, high, m["unit"])[1]


def _counted(t: str, ctx: _Ctx) -> Span | None:
    m = _COUNTED.match(t)
    if not m:
        return None
    if m["dir"] in ("ago", "back"):
        return _counted_span(m, ctx, sign=-1)
    if m["dir"] in ("from now", "hence"):
        return _counted_span(m, ctx, sign=1)
    low, high = _count(m["n"])  # "two years later": anaphoric, only years via context_year
    if m["unit"] != "year" or low != high:
        raise _Unresolvable
    return _year_span(ctx.need_context() + (-low if m["dir"] in ("earlier", "before") else low))


def _calendar_unit(t: str, ctx: _Ctx) -> Span | None:
    """'this week', 'last month', 'next quarter': calendar units around the anchor."""
    m = _CALENDAR_UNIT.match(t)
    if not m:
        return None
    offset = {"last": -1, "next": 1}.get(m["mod"], 0)
    anchor = ctx.need_anchor()
    if m["unit"] != "quarter":
        return _shift(anchor, offset, m["unit"])
    first_month = (anchor.month - 1) // 3 * 3 + 1 + 3 * offset
    return _month_span(anchor.year, first_month)[0], _month_span(anchor.year, first_month + 2)[1]


def _window_span(t: str, ctx: _Ctx) -> Span | None:
    """'the past week', 'the next two months': days between the anchor and that far."""
    m = _WINDOW.match(t)
    plural_only = bool(m) and not m["n"] and t.endswith("s")  # "the coming months": a few
    if not m or not (m["the"] or m["n"] or m["mod"] == "past"):
        return None  # bare "last year" / "next month" are calendar units, not windows
    if not (m["n"] or plural_only) and (m["unit"] == "day" or m["mod"] == "next"):
        raise _Unresolvable  # "the next day", "the last day": anaphoric, not a window
    high = _count(m["n"] or ("few" if plural_only else "one"))[1]
    sign = -1 if m["mod"] in ("past", "last") else 1
    return _window(ctx.need_anchor(), sign * high, m["unit"])


def _weekend(t: str, ctx: _Ctx) -> Span | None:
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


def _weekday_before(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=back or (7 if strict else 0))


def _weekday_after(anchor: dt.date, weekday: int, *, strict: bool) -> dt.date:
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=ahead or (7 if strict else 0))


def _weekday(t: str, ctx: _Ctx) -> Span | None:
    """'Monday', 'last Friday', 'Tuesday next week' relative to the anchor and tense."""
    m = _WEEKDAY.match(t)
    if not m:
        return None
    anchor, wd = ctx.need_anchor(), _WEEKDAYS[m["day"]]
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


@lru_cache(maxsize=CACHE_SIZE)
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


def _numeric(t: str, ctx: _Ctx) -> Span | None:
    """'2019-08-14', '2019-08', '6/13/2022', '13.06.2022', '6/13' (year from the anchor)."""
    m = _NUMERIC.match(t)
    if not m or (m["sep"] == "." and not m["c"]):
        return None
    parsed = _parse(t)
    if parsed is None:
        return None
    day, period = parsed
    if len(m["a"]) == 4 or m["c"]:
        return (day, day) if period == "day" else _month_span(day.year, day.month)
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
_EXPLICIT_YEAR = re.compile(
    r"(?<![0-9$\u00a3\u20ac])(?<![0-9][.,])([12][0-9]{3})"
    r"(?![0-9%]|s\b|\s?(?:percent|per cent)\b)",
    re.IGNORECASE,
)
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
_TENSE_RULES = {
    "past": (max, lambda span, anchor: span[0] <= anchor),  # latest begun by the anchor
    "future": (min, lambda span, anchor: span[1] >= anchor),  # first not over by the anchor
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
        last_day = _month_span(year, self.end[0])[1].day
        return dt.date(year, *self.start), dt.date(year, self.end[0], min(self.end[1], last_day))

    def resolve(self, year: int | None, ctx: _Ctx) -> Span:
        return self.span(self._pick_year(ctx) if year is None else year)

    def _weekday_year(self, anchor: dt.date) -> int | None:
        """The one year next to the anchor's whose date falls on the stated weekday."""
        years = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            with suppress(ValueError):
                if self.span(year)[0].weekday() == self.weekday:
                    years.append(year)
        return years[0] if len(years) == 1 else None

    def _pick_year(self, ctx: _Ctx) -> int:
        """The year of the occurrence meant, from modifier, tense and anchor (see module doc)."""
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
        rule = _MOD_RULES.get(self.mod or "") or _TENSE_RULES.get(ctx.tense or "")
        if rule is None:
            return min(spans, key=lambda y: (self._distance(spans[y], anchor), y != anchor.year))
        choose, keep = rule
        candidates = [year for year, span in spans.items() if keep(span, anchor)]
        if not candidates:
            raise _Unresolvable
        return choose(candidates)

    def _distance(self, span: Span, anchor: dt.date) -> int:
        """Days (day parts) or months (others) from the anchor to the span; 0 inside it."""
        if span[0] <= anchor <= span[1]:
            return 0
        if self.start == self.end:
            return min(abs((span[0] - anchor).days), abs((span[1] - anchor).days))
        index = anchor.year * 12 + anchor.month
        return min(abs(d.year * 12 + d.month - index) for d in span)


def _take_year(t: str, ctx: _Ctx) -> tuple[int | None, str]:
    """The year the text states (explicitly, deictically or anaphorically) and the rest."""
    m = _EXPLICIT_YEAR.search(t)
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


def _calendar(t: str, ctx: _Ctx) -> Span | None:
    """Years, months, days, seasons, quarters: 'June 13', 'November that year', 'Q3 2020'."""
    year, rest = _take_year(t, ctx)
    words = [w for w in _tokens(rest) if w not in _NOISE]
    if not words:
        return _year_span(year) if year is not None else None
    part = _part(words)
    if part is None:
        return _year_span(year) if year is not None and set(words) <= _YEAR_WORDS else None
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
    weekdays = [_WEEKDAYS[w] for w in words if w in _WEEKDAYS]
    words = [w for w in words if w not in _WEEKDAYS]
    days = [w for w in words if w not in _MONTHS]
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

_DAY_OF_MONTH = re.compile(r"^(?:the )?([0-9]{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?$")


def _day_of_month(t: str, ctx: _Ctx) -> Span | None:
    """'the 13th': that day in the anchor's month or a neighbour, by tense (nearest if none)."""
    m = _DAY_OF_MONTH.match(t)
    if not m:
        return None
    anchor = ctx.need_anchor()
    days = []
    for offset in (-1, 0, 1):
        with suppress(ValueError):
            days.append(_month_span(anchor.year, anchor.month + offset)[0].replace(day=int(m[1])))
    rule = _TENSE_RULES.get(ctx.tense or "")
    if rule is None:
        return (best := min(days, key=lambda d: (abs((d - anchor).days), d > anchor))), best
    choose, keep = rule
    candidates = [day for day in days if keep((day, day), anchor)]
    if not candidates:
        raise _Unresolvable
    return (best := choose(candidates)), best


_HANDLERS = (
    _deictic_day, _counted, _calendar_unit, _window_span, _weekend, _weekday, _day_of_month,
    _numeric, _calendar,
)  # fmt: skip


# --- helpers for callers -----------------------------------------------------------------


def year_mentions(text: str) -> list[tuple[int, int]]:
    """Years written out in a text, as (end offset, year), in order.

    For `context_year`: "in November that year" refers to the last year mentioned before it.
    Decades ("1990s"), amounts ("$2000", "2,019", "2015%") and numbers outside `YEAR_RANGE`
    are skipped.
    """
    return [
        (m.end(), int(m[1]))
        for m in _EXPLICIT_YEAR.finditer(text)
        if YEAR_RANGE[0] <= int(m[1]) <= YEAR_RANGE[1]
    ]


def context_year_at(text: str, offset: int) -> int | None:
    """The last year mentioned in `text` ending at or before `offset`: a `context_year` value."""
    years = [year for end, year in year_mentions(text) if end <= offset]
    return years[-1] if years else None


# --- full written dates ------------------------------------------------------------------

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
            month = int(mon) if mon.isdigit() else _MONTHS.get(mon.lower())
            with suppress(ValueError, TypeError):
                return dt.date(int(m[f"year{n}"]), month, int(m[f"day{n}"]))
    return None
