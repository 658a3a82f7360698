"""Borrowed story anchors: undated reports get a year from their story, never a weekday date."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.dates import story_anchors as anchors
from transforms.dates.story_anchors import reanchor, story_anchors

JUNE_15 = dt.date(2022, 6, 15)


def test_undated_documents_borrow_the_earliest_date_of_their_story():
    docs = [("a", JUNE_15, "S1"), ("b", dt.date(2022, 6, 16), "S1"), ("c", None, "S1"),
            ("d", None, "S2"), ("e", None, None)]
    assert story_anchors(docs) == {"c": JUNE_15}


@pytest.mark.parametrize(("text", "tense", "want"), [
    ("June 14", "past", "2022-06-14"),
    ("on May 25", "past", "2022-05-25"),
    ("in August", "future", "2022-08"),
    ("on Monday", "past", None),
    ("yesterday", "past", None),
])
def test_only_day_independent_expressions_resolve(text, tense, want):
    row = {"date": None, "date_text": text, "tense": tense, "context_year": None}
    assert reanchor(row, JUNE_15)["date"] == want


@pytest.mark.parametrize("text", ["on Tuesday", "Thursday", "today", "two days ago",
                                  "last week", "on Saturday"])
def test_anchor_relative_expressions_never_get_a_day(text):
    row = {"date": None, "date_text": text, "tense": "past", "context_year": None}
    date = reanchor(row, JUNE_15)["date"]
    assert date is None or len(date) < len("2022-06-15")


def test_stated_dates_and_rows_without_anchor_are_untouched():
    dated = {"date": "2019-08", "date_text": "in August 2019", "tense": "past",
             "context_year": None}
    kept = {k: v for k, v in reanchor(dated, JUNE_15).items()
            if k not in ("reported", anchors.UNDATED_PAGE)}
    assert kept == dated
    undated = {"date": None, "date_text": "June 14", "tense": "past", "context_year": None}
    assert reanchor(undated, None) == {**undated, "reported": None, anchors.UNDATED_PAGE: True}


def test_borrowed_anchor_becomes_the_report_date_only_where_none_is_known():
    row = {"date": None, "date_text": None, "tense": None, "context_year": None}
    assert reanchor(row, JUNE_15)["reported"] == JUNE_15
    own = {**row, "reported": dt.date(2022, 6, 20)}
    assert reanchor(own, JUNE_15)["reported"] == dt.date(2022, 6, 20)
    assert reanchor(row, None)["reported"] is None
    assert anchors.UNDATED_PAGE not in reanchor(own, JUNE_15)  # its page states its date
