"""Dates and datelines for page metadata: what a line states, what a body implies.

A date counts only when the text writes day, month and year together ("June 15, 2022",
"15 June 2022", "2022-06-15"); "Tuesday" or "June 14" alone never becomes a date, because the
year would be invented. Regexes find the date-shaped spans (that is our judgement of what
counts), :func:`transforms.dates.parse_full_date` turns a span into a date; dateparser is kept
as the fallback for the rare span that reader declines (mixed separators such as "2022-06/15").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import dateparser

from transforms.dates import parse_full_date

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"

FULL_DATE = re.compile(
    rf"(?<![\w/.-])(?:{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}"
    rf"|{_YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01]))(?![\w/])",
    re.IGNORECASE,
)
"""A date with day, month and year written out (month-name or year-first numeric forms)."""

_WEEKDAY_RE = re.compile(rf"\b({_WEEKDAY})\b", re.IGNORECASE)
_PARSE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}

WEEKDAY_WINDOW = 12
"""Characters between a weekday name and the date it names ("Tuesday, June 14, 2022")."""

_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|to be held|scheduled|upcoming|next|plans? to|due to|as of|"
    r"starting|beginning|until|effective)\b",
    re.IGNORECASE,
)

_CAPITALISED = r"[A-ZÀ-Þ][a-zß-ÿ'’.]+"
_PLACE_NAME = rf"{_CAPITALISED}(?: {_CAPITALISED}){{0,2}}"
_DATELINE_DASH = r"\s*(?:--|[–—-])\s+"

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’]*(?:[ /-][A-Z][A-Z.'’]*){0,4}"
    rf"|{_PLACE_NAME}(?=[^–—-]{{0,40}}\([A-Z][\w ]{{1,30}}\))"
    rf"|{_PLACE_NAME}(?=,\s*(?:{_PLACE_NAME}|{_MONTH}\.?\s+\d{{1,2}}){_DATELINE_DASH}\S))"
    r"(?:,\s*(?P<extra>[^–—(]{1,40}?))?"
    r"\s*(?:\((?P<agency>[A-Z][\w ]{1,30})\))?"
    rf"{_DATELINE_DASH}(?=\S)"
)
"""A story-opening place: "WASHINGTON/SEOUL – ", "SEOUL, June 3 (Yonhap) -- ",
"London (Reuters) - ", "Seoul, South Korea - ". Upper-case places stand alone; a mixed-case
place needs an agency, or a region or date after a comma ("Seoul - a city of ..." is prose)."""


@dataclass(frozen=True)
class Dateline:
    """The place line opening a story and the agency it credits, if any."""

    place: str
    agency: str | None
    end: int = field(default=0, compare=False)
    """Offset in the stripped paragraph where the story proper starts (after the separator)."""


FALLBACK_CACHE = 4096
"""Spans memoised for the dateparser fallback (~6 ms a call); chosen by hand, not calibrated."""


def parse_span(span: str) -> dt.date | None:
    """Parse one date span found by :data:`FULL_DATE`; None when it is no real date.

    The fast reader decides every common shape; a span it declines goes to dateparser, which
    reads what the fast reader cannot (mixed separators) and rejects the rest (June 31).
    """
    return parse_full_date(span) or _dateparser_span(span)


@lru_cache(maxsize=FALLBACK_CACHE)
def _dateparser_span(span: str) -> dt.date | None:
    """dateparser's reading of a span (ordinals and "of" removed first), None if it rejects."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", span)
    cleaned = re.sub(r"\bof\s+", "", cleaned, flags=re.IGNORECASE)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=_PARSE_SETTINGS)
    return parsed.date() if parsed else None


def stated_date(line: str) -> dt.date | None:
    """The first full date written in a line, or None."""
    for match in FULL_DATE.finditer(line):
        date = parse_span(match.group(0))
        if date:
            return date
    return None


def _weekday_agrees(text: str, match: re.Match[str], date: dt.date) -> bool:
    """True when a weekday written next to the date is that date's weekday."""
    start = max(0, match.start() - WEEKDAY_WINDOW)
    around = text[start : match.start()] + " " + text[match.end() : match.end() + WEEKDAY_WINDOW]
    return any(
        date.strftime("%A").lower().startswith(name.lower()[:3])
        for name in _WEEKDAY_RE.findall(around)
    )


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (within its paragraph) holding text[start:end]."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(ends, default=len(text))]


def inferred_date(body: str) -> dt.date | None:
    """The publication date the body pins: the latest full date it reports as past.

    A full date counts only when the weekday written next to it is that date's weekday
    ("on Friday, June 4, 2021"): news style names the weekday for days of the past week, and
    the agreement proves the year. Dates in sentences with future markers are skipped. The
    result is a lower bound of the publication ("not before"), never invented. A full date
    alone (a birth date, a background date) pins nothing and gives None, found on dev-pages.
    """
    found: list[dt.date] = []
    for match in FULL_DATE.finditer(body):
        date = parse_span(match.group(0))
        if date is None or not _weekday_agrees(body, match, date):
            continue
        if not _FUTURE.search(_sentence_around(body, match.start(), match.end())):
            found.append(date)
    return max(found) if found else None


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, or None."""
    match = _DATELINE.match(paragraph.strip())
    if not match:
        return None
    place = match.group("place").strip()
    if len(place) < 3 or not any(ch.isalpha() for ch in place):
        return None
    return Dateline(place=place, agency=match.group("agency"), end=match.end())


def dateline_end(line: str) -> int:
    """Characters of ``line`` (stripped) taken by an opening dateline and its separator; 0 if
    none. The cleaner judges the rest of the line: a dateline is names, not prose."""
    found = find_dateline(line)
    return found.end if found else 0
