"""Property tests over the per-document transform: arbitrary text never breaks it.

For any unicode page: nothing raises but a RejectError, every removed line is the raw line at
its number, the body is made of raw lines, every offset of every NLP row slices the body.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsetl.stages.clean import document_rows
from newsetl.stages.ingest import FileStat
from transforms.clean import page
from transforms.errors import RejectError
from transforms.metadata import fields as metadata
from transforms.nlp import pipeline as nlp

LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120).map(
    lambda s: s.replace("\n", " ").replace("\r", " "))
NEWSY = st.sampled_from([
    "By Jane Doe and John Roe", "June 15, 2022", "Share this article", "Home > World > Asia",
    "The minister said on Monday that talks with Japan would resume in August 2019.",
    "“We want the pact normalised as soon as possible,” Park said in Seoul.",
    "Leave a Reply", "READ MORE: Talks stall again", "Photo: Reuters", "",
])
PAGE = st.lists(st.one_of(LINE, NEWSY), max_size=40).map("\n".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(PAGE)
def test_page_transform_keeps_lines_honest(text):
    raw = text.split("\n")
    result = page.process(text)
    for removed in result.removed:
        assert raw[removed.line_no - 1] == removed.text
    stripped = {line.strip() for line in raw}
    for paragraph in filter(None, result.body.split("\n\n")):
        assert paragraph in stripped
    meta = result.meta
    assert meta.published is None or isinstance(meta.published, dt.date)
    assert meta.published_source in (None, "stated", "inferred")
    assert all(isinstance(a, str) and a for a in meta.authors)


@FAST
@given(PAGE)
def test_metadata_never_raises(text):
    lines = text.split("\n")
    header = metadata.find_header(lines)
    assert all(0 <= i < len(lines) for i in header.line_reasons)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(PAGE)
def test_document_rows_and_nlp_offsets_slice_the_body(nlp, text):
    stat = FileStat("/x.txt", "/x.txt", len(text), 0)
    try:
        doc, _ = document_rows(stat, "0" * 64, text, "run")
    except RejectError as exc:
        assert exc.reason in ("no-body", "not-english")
        return
    body = doc["body"]
    found = nlp_records(nlp, body, doc["published"])
    for row in found.mentions + found.quotes + found.events:
        assert body[row["start"]:row["end"]] == (row["sentence"] if "sentence" in row
                                                 else row["text"])


def nlp_records(language, body: str, published) -> nlp.DocRecords:
    return nlp.records(language(body), "d", published)
