"""Tests for transforms.dates: the cases table, documented rules, and properties."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dates import context_year_at, normalize, parse_full_date, year_mentions

CASES = Path(__file__).parent / "cases" / "dates" / "cases.tsv"
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATE_WORDS = [
    "june",
    "13",
    "2019",
    "last",
    "next",
    "week",
    "monday",
    "the",
    "of",
    "ago",
    "two",
    "days",
    "'99",
    "q3",
    "mid-",
    "-",
    "and",
    "to",
    "that",
    "year",
    "29th",
    "2019-08",
    "early",
    "weekend",
    "summer",
    "1990s",
    "before",
    "a",
    "few",
]
"""Words of date expressions, combined at random so the property test reaches deep paths."""
ANCHORS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _load_cases() -> list[pytest.param]:
    """Rows of cases.tsv: text, anchor, tense, context_year, expected (empty = None)."""
    params = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, anchor, tense, context, expected = line.split("\t")
        params.append(
            pytest.param(
                text,
                dt.date.fromisoformat(anchor) if anchor else None,
                tense or None,
                int(context) if context else None,
                expected or None,
                id=f"{number}:{text}|{anchor}|{tense}|{context}",
            )
        )
    return params


@pytest.mark.parametrize(("text", "anchor", "tense", "context_year", "expected"), _load_cases())
def test_cases_table(text, anchor, tense, context_year, expected):
    assert normalize(text, anchor, tense=tense, context_year=context_year) == expected


def test_cases_table_is_large_enough():
    assert len(_load_cases()) >= 60


def test_unknown_tense_is_a_caller_error():
    with pytest.raises(ValueError, match="tense"):
        normalize("June 13", dt.date(2022, 6, 15), tense="pluperfect")


def test_present_tense_behaves_like_no_tense():
    anchor = dt.date(2022, 1, 5)
    assert normalize("December 20", anchor, tense="present") == normalize("December 20", anchor)


def test_datetime_anchor_is_taken_as_its_date():
    assert normalize("yesterday", dt.datetime(2022, 3, 1, 23, 59)) == "2022-02-28"


def test_year_comes_from_the_anchor_never_from_today():
    # Far from any run date: a leak of the machine's date would show up as a modern year.
    assert normalize("June 13", dt.date(1950, 3, 1), tense="past") == "1949-06-13"
    assert normalize("on Monday", dt.date(1950, 3, 1)) == "1950-02-27"
    assert normalize("next month", dt.date(1950, 3, 1)) == "1950-04"


def test_invisible_characters_do_not_break_parsing():
    assert normalize("June\u00a013", dt.date(2022, 6, 15)) == "2022-06-13"
    assert normalize("\ufeffJune 13,\u20092019", None) == "2019-06-13"


def test_overlong_text_is_not_a_date():
    assert normalize("June 13 " + "x" * 500, dt.date(2022, 6, 15)) is None


def test_extreme_anchors_give_none_instead_of_overflow():
    assert normalize("tomorrow", dt.date.max) is None
    assert normalize("yesterday", dt.date.min) is None
    assert normalize("next year", dt.date(9999, 6, 1)) is None


# --- helpers for context_year ------------------------------------------------------------


def test_year_mentions_skips_decades_amounts_and_percentages():
    text = "In 2014 it cost $2000, up 2015% since the 1990s; by 2016 it was 2,017 units."
    assert [year for _, year in year_mentions(text)] == [2014, 2016]


def test_context_year_at_is_the_last_year_before_the_offset():
    text = "The plant opened in 2009. It closed in 2014. In November that year, it burned."
    offset = text.index("November")
    assert context_year_at(text, offset) == 2014
    assert context_year_at(text, text.index("2009")) is None
    year = context_year_at(text, offset)
    assert normalize("November that year", None, context_year=year) == "2014-11"


# --- properties --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=80),
        st.lists(st.sampled_from(DATE_WORDS), max_size=8).map(" ".join),
    ),
    anchor=st.one_of(st.none(), st.dates()),
    tense=st.sampled_from([None, "past", "future", "present"]),
    context_year=st.one_of(st.none(), st.integers(min_value=-10, max_value=12000)),
)
def test_never_raises_and_returns_iso_or_none(text, anchor, tense, context_year):
    result = normalize(text, anchor, tense=tense, context_year=context_year)
    assert result is None or ISO.match(result)


@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_explicit_full_dates_keep_their_day_whatever_the_anchor(day):
    written = f"{calendar.month_name[day.month]} {day.day}, {day.year}"
    assert normalize(written, None) == day.isoformat()
    assert normalize(day.isoformat(), dt.date(2022, 6, 15), tense="future") == day.isoformat()
    assert normalize(f"in {calendar.month_abbr[day.month]} {day.year}", None) == day.isoformat()[:7]


@settings(max_examples=150, deadline=None)
@given(anchor=ANCHORS, month=st.integers(1, 12), day=st.integers(1, 28))
def test_tense_picks_the_occurrence_on_the_right_side_of_the_anchor(anchor, month, day):
    written = f"{calendar.month_name[month]} {day}"
    past = dt.date.fromisoformat(normalize(written, anchor, tense="past"))
    future = dt.date.fromisoformat(normalize(written, anchor, tense="future"))
    nearest = dt.date.fromisoformat(normalize(written, anchor))
    assert (past.month, past.day) == (future.month, future.day) == (month, day)
    assert dt.timedelta(0) <= anchor - past < dt.timedelta(days=366)
    assert dt.timedelta(0) <= future - anchor < dt.timedelta(days=366)
    assert nearest in (past, future)
    assert abs((nearest - anchor).days) == min(abs((past - anchor).days), (future - anchor).days)


@settings(max_examples=150, deadline=None)
@given(anchor=ANCHORS, weekday=st.integers(0, 6))
def test_weekday_is_within_the_week_before_or_after_the_anchor(anchor, weekday):
    name = calendar.day_name[weekday]
    past = dt.date.fromisoformat(normalize(f"on {name}", anchor))
    future = dt.date.fromisoformat(normalize(name, anchor, tense="future"))
    assert past.weekday() == future.weekday() == weekday
    assert 0 <= (anchor - past).days <= 6
    assert 0 <= (future - anchor).days <= 6
    assert normalize(name, None) is None


@settings(max_examples=100, deadline=None)
@given(anchor=ANCHORS, year=st.integers(1000, 2199))
def test_a_bare_year_is_that_year_at_year_precision(anchor, year):
    assert normalize(f"in {year}", anchor) == str(year)
    assert normalize(f"mid-{year}", None) == str(year)


# --- parse_full_date ---------------------------------------------------------------------

FULL_DATES = Path(__file__).parent / "cases" / "dates" / "full_dates.tsv"


def _full_date_cases() -> list[pytest.param]:
    """Rows of full_dates.tsv: text, expected ISO date (empty = None)."""
    rows = []
    for line in FULL_DATES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, expected = line.split("\t")
        rows.append(pytest.param(text, dt.date.fromisoformat(expected) if expected else None,
                                 id=text.strip()))
    return rows


@pytest.mark.parametrize(("text", "expected"), _full_date_cases())
def test_parse_full_date_cases(text: str, expected: dt.date | None) -> None:
    assert parse_full_date(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["%B %d, %Y", "%b. %d %Y", "%d %B %Y", "%d of %b, %Y", "%Y-%m-%d",
                        "%Y/%m/%d", "%Y.%m.%d", "%b %d, %Y"]))
def test_parse_full_date_reads_every_written_day(day: dt.date, fmt: str) -> None:
    assert parse_full_date(day.strftime(fmt)) == day
