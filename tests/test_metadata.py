"""Tests of page metadata (transforms.metadata.fields and its helper modules).

Page cases live in tests/cases/metadata/: <name>.txt is an invented page rendered one block per
line, <name>.json the metadata expected for it and the lines (1-based) claimed with a reason.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from transforms.metadata import authors as meta_authors
from transforms.metadata import fields as metadata
from transforms.metadata import page_dates as meta_dates
from transforms.metadata.layout import is_prose

CASES = Path(__file__).parent / "cases" / "metadata"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.txt"))


def _run(text: str) -> tuple[metadata.Header, metadata.Metadata]:
    """find_header, then complete with a body made of the unclaimed prose lines.

    The body stands in for the cleaner's output so that these tests do not depend on it.
    """
    lines = text.split("\n")
    header = metadata.find_header(lines)
    body = "\n\n".join(
        line.strip()
        for i, line in enumerate(lines)
        if i not in header.line_reasons and is_prose(line)
    )
    return header, metadata.complete(header, lines, body)


def test_cases_exist() -> None:
    assert len(CASE_NAMES) >= 8


@pytest.mark.parametrize("name", CASE_NAMES)
def test_page_case(name: str) -> None:
    expected = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    header, meta = _run((CASES / f"{name}.txt").read_text(encoding="utf-8"))
    published = meta.published.isoformat() if meta.published else None
    got = {
        "title": meta.title,
        "authors": meta.authors,
        "outlet": meta.outlet,
        "dateline": meta.dateline,
        "published": published,
        "published_source": meta.published_source,
        "claims": {str(i + 1): reason for i, reason in sorted(header.line_reasons.items())},
    }
    assert got == expected


def test_empty_page_has_no_metadata() -> None:
    header, meta = _run("")
    assert header.line_reasons == {}
    assert meta == metadata.Metadata(None, [], None, None, None, None)


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("PARK HYUN-JU", "Park Hyun-ju"),
        ("JOHN O'NEIL", "John O'Neil"),
        ("ANGUS MCLEOD", "Angus McLeod"),
        ("Marie LeBaron", "Marie LeBaron"),
        ("jane doe", "Jane Doe"),
    ],
)
def test_natural_case(raw: str, natural: str) -> None:
    assert meta_authors.natural_case(raw) == natural


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("BY JANE DOE, JOHN ROE [jdoe@example.org]", ["Jane Doe", "John Roe"]),
        ("Written by Iris van der Berg", ["Iris van der Berg"]),
        ("By Sam Ortiz, Senior Correspondent, Latin America", ["Sam Ortiz"]),
        ("By A.J. Field | April 2, 2019", ["A.J. Field"]),
        ("Posted by Nina Kovac on April 2, 2019", ["Nina Kovac"]),
        ("(Reporting by Lea Hart in Rome; Editing by Max Bell)", ["Lea Hart"]),
    ],
)
def test_byline_names(line: str, authors: list[str]) -> None:
    byline = meta_authors.parse_byline(line)
    assert byline is not None
    assert byline.authors == authors


@pytest.mark.parametrize(
    "line",
    [
        "By Reuters",
        "By AP",
        "By Yonhap News Agency",
        "By Staff",
        "By The Associated Press",
        "By Us Weekly",
        "By contrast, the council said nothing about the budget.",
        "By Myself",
        "by jdoe@example.org",
    ],
)
def test_not_a_person_byline(line: str) -> None:
    assert meta_authors.parse_byline(line) is None


def test_byline_names_outlet_staff() -> None:
    byline = meta_authors.parse_byline("By Ada Stone, Riverside Ledger staff")
    assert byline is not None
    assert byline.authors == ["Ada Stone"]
    assert byline.outlet == "Riverside Ledger"


def test_byline_keeps_email_domain_not_email() -> None:
    byline = meta_authors.parse_byline("By Ada Stone (ada.stone@ledger.example)")
    assert byline is not None
    assert byline.authors == ["Ada Stone"]
    assert byline.email_domains == ["ledger.example"]


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("WASHINGTON/SEOUL – Officials met on Monday to discuss trade.", "WASHINGTON/SEOUL", None),
        ("SEOUL, June 3 (Yonhap) -- The ministry said on Friday it would act.", "SEOUL", "Yonhap"),
        ("London (Reuters) - Shares fell sharply in early trading.", "London", "Reuters"),
        ("NEW YORK — The city opened three new parks this spring.", "NEW YORK", None),
        ("Seoul, South Korea - Foreign Minister Park Jin met envoys.", "Seoul", None),
        ("Lisbon, March 3 - The port reopened on Monday.", "Lisbon", None),
        ("São Paulo, Brazil — Prices rose again in May.", "São Paulo", None),
    ],
)
def test_dateline(paragraph: str, place: str, agency: str | None) -> None:
    assert meta_dates.find_dateline(paragraph) == meta_dates.Dateline(place, agency)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council met on Monday - and decided nothing.",
        "Seoul - a city of ten million - is growing.",
        "A - the first letter.",
        "Foreign Minister Park - who met envoys - said little.",
        "Lisbon, the capital - a port - grew.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert meta_dates.find_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Published June 15, 2022", dt.date(2022, 6, 15)),
        ("All News 07:02 June 16, 2022", dt.date(2022, 6, 16)),
        ("Updated: Sept. 5, 2012, 11:57 p.m. ET", dt.date(2012, 9, 5)),
        ("24 July 2012 Last updated at 05:40 ET", dt.date(2012, 7, 24)),
        ("2019-04-02 08:00", dt.date(2019, 4, 2)),
        ("Tuesday, June 14", None),
        ("June 2022", None),
        ("see /img/2012-11-13/photo.jpg", None),
    ],
)
def test_stated_date(line: str, date: dt.date | None) -> None:
    assert meta_dates.stated_date(line) == date


def test_inferred_date_needs_a_year() -> None:
    body = "Officials met on Tuesday.\n\nThe talks on June 14 ended without a deal on Thursday."
    assert meta_dates.inferred_date(body) is None


def test_inferred_date_skips_future_and_takes_weekday_match() -> None:
    body = (
        "Leaders will meet on July 9, 2021 in Geneva.\n\n"
        "Background paragraph.\n\n"
        "Earlier, on Friday, June 4, 2021, the envoys met in Rome.\n\n"
        "A wrong weekday: on Monday, June 6, 2021, nothing happened."
    )
    assert meta_dates.inferred_date(body) == dt.date(2021, 6, 4)


def test_inferred_date_ignores_full_dates_without_weekday() -> None:
    body = "The singer was born on January 30, 1962, and has lived abroad since May 20, 2005."
    assert meta_dates.inferred_date(body) is None


@pytest.mark.parametrize(
    "span",
    ["June 15, 2022", "Sept. 5 2021", "15th of June, 2022", "3 MAY, 2019", "2022-06-15",
     "2022/6/5", "2022.12.01", "Dec.\n\n2, 2018", "June 31, 2022", "Feb 29, 2021",
     "2022-06/15", "Sepember 5, 2022"],
)
def test_parse_span_reads_what_dateparser_reads(span: str) -> None:
    """The fast reader never disagrees with dateparser on a span FULL_DATE finds."""
    assert meta_dates.FULL_DATE.fullmatch(span)
    assert meta_dates.parse_span(span) == meta_dates._dateparser_span(span)


@pytest.mark.parametrize(
    ("paragraph", "rest"),
    [
        ("SEOUL, June 15 (Yonhap) -- Officials met on Monday.", "Officials met on Monday."),
        ("Seoul, South Korea - Officials met on Monday.", "Officials met on Monday."),
        ("WASHINGTON/SEOUL – Officials met.", "Officials met."),
    ],
)
def test_dateline_end_is_where_the_story_starts(paragraph: str, rest: str) -> None:
    assert paragraph[meta_dates.dateline_end(paragraph):] == rest


def test_cut_dateline_keeps_the_rest_of_the_paragraph() -> None:
    body = "Caption line\n\nLISBON (Lusa) - Pilots ended a strike.\n\nThe port reopened."
    cut = "Caption line\n\nPilots ended a strike.\n\nThe port reopened."
    assert metadata.cut_dateline(body) == cut
    assert metadata.cut_dateline("No dateline here.") == "No dateline here."
