"""Date normaliser for events: a date expression as written -> ISO text at its stated precision.

`normalize` turns the text of a date expression ("June 13", "on Monday", "later this month",
"in November that year", "Q3 2020") into `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, resolved against
the document's publication date (`anchor`). It never invents: what the text does not pin down
relative to a known anchor gives None.

How it works: every expression resolves to an inclusive span of days; the answer is the finest
calendar unit holding the whole span (one day -> day, inside one month -> month, inside one year
-> year, wider -> None). So precision is never finer than stated, and fuzzy spans degrade
honestly. This module prepares the text (case, punctuation, times of day, ranges, leading
words), tries each form's handler in turn and formats the span; the forms themselves live in
:mod:`.relative` (counted from the anchor: "yesterday", "last week", "on Monday") and
:mod:`.calendar_forms` (stated parts of the calendar, read by dateparser: "June 13", "Q3 2020"),
on the spans and context of :mod:`.spans`.

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
from functools import lru_cache

from transforms.dates import calendar_forms, relative
from transforms.dates.spans import Context, Span, Unresolvable
from transforms.dates.words import EXPLICIT_YEAR, MONTHS, YEAR_RANGE, tokens

TENSES = frozenset({"past", "future", "present"})
"""Accepted `tense` values; "present" behaves like no tense."""
MAX_TEXT_CHARS = 120
"""Longer input is no date expression (spaCy DATE entities in news are far shorter); chosen by
hand to bound parser time, not calibrated."""
CACHE_SIZE = 16384
"""Memoised (text, anchor, tense, context_year) results; events repeat expressions per document."""


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
        span = _resolve(_prepare(text), Context(anchor, tense, context_year))
    except (Unresolvable, OverflowError, ValueError):
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


def _resolve(text: str, ctx: Context) -> Span | None:
    """Resolve prepared text to a span of days, or None when it is not understood."""
    if not text or _NEGATING.match(text):
        return None
    span = relative.in_count(text, ctx)  # before stripping, which would drop its "in"
    if span is not None:
        return span
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
    year = EXPLICIT_YEAR.search(second)
    if not year or EXPLICIT_YEAR.search(first):
        return first
    months = [[MONTHS[w] for w in tokens(s) if w in MONTHS] for s in (first, second)]
    rollback = months[0] and months[1] and months[0][0] > months[1][0]
    return f"{first} {int(year[1]) - 1 if rollback else year[1]}"


_HANDLERS = (
    relative.deictic_day, relative.counted, relative.calendar_unit, relative.window_span,
    relative.weekend, relative.weekday, relative.day_of_month,
    calendar_forms.numeric, calendar_forms.calendar,
)  # fmt: skip
"""The forms tried in order on prepared, stripped text; each fully matches or returns None."""


# --- the context year, for callers -------------------------------------------------------


YEARS_CACHE_SIZE = 4
"""Texts whose years are kept: the page being read (and a few around it in a batch)."""


@lru_cache(maxsize=YEARS_CACHE_SIZE)
def year_mentions(text: str) -> tuple[tuple[int, int], ...]:
    """Years written out in a text, as (end offset, year), in order.

    For `context_year`: "in November that year" refers to the last year mentioned before it.
    Decades ("1990s"), amounts ("$2000", "2,019", "2015%") and numbers outside `YEAR_RANGE`
    are skipped. Cached: each event of a page asks about the same page text.
    """
    return tuple(
        (m.end(), int(m[1]))
        for m in EXPLICIT_YEAR.finditer(text)
        if YEAR_RANGE[0] <= int(m[1]) <= YEAR_RANGE[1]
    )


def context_year_at(text: str, offset: int) -> int | None:
    """The last year mentioned in `text` ending at or before `offset`: a `context_year` value."""
    years = [year for end, year in year_mentions(text) if end <= offset]
    return years[-1] if years else None
