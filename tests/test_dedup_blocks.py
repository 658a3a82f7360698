"""Event dedup by blocks: clustering blocks alone equals clustering whole types, and an
incremental dedup that carries unchanged blocks over equals a fresh one, ids included."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dates import story_anchors as anchors
from transforms.events import dedup, dedup_blocks

ENTITIES = ("EA", "EB", "EC", "ED", "EE", "EF")
GENERIC = frozenset({"EE", "EF"})
"""Entities named by what they are ("police"): dedup weighs them apart."""
DATES = (None, "2022", "2022-06", "2022-06-13", "2022-07-02", "2023-01", "2023-01-04")
REPORTED = (None, dt.date(2022, 6, 10), dt.date(2022, 7, 1), dt.date(2022, 12, 28),
            dt.date(2023, 1, 5))
ANCHORS = (None, dt.date(2022, 6, 1), dt.date(2023, 1, 2))
SALT = "test"

_participants = st.lists(st.tuples(st.sampled_from(ENTITIES),
                                   st.sampled_from(("source", "target", "other"))),
                         min_size=0, max_size=3)
_mention = st.fixed_dictionaries({
    "type": st.sampled_from(("MEET", "ATTACK")),
    "date": st.sampled_from(DATES),
    "date_text": st.sampled_from((None, "on Thursday", "June 14")),
    "tense": st.sampled_from((None, "past")),
    "modality": st.sampled_from(("occurred", "planned")),
    "location": st.sampled_from((None, "Seoul")),
    "parts": _participants,
})
_document = st.tuples(st.lists(_mention, min_size=0, max_size=3), st.sampled_from(REPORTED),
                      st.sampled_from(ANCHORS))
"""A document: its mentions, its report date and the anchor its story lends it."""


def _rows(doc_id: str, doc: tuple) -> list[dict]:
    mentions, reported, _ = doc
    return [{"doc_id": doc_id, "start": 10 * k, "end": 10 * k + 5, "sentence": f"{doc_id}:{k}",
             "trigger": "t", "type": m["type"], "modality": m["modality"], "date": m["date"],
             "date_text": m["date_text"], "tense": m["tense"], "context_year": None,
             "location": m["location"], "reported": reported, "location_entity_id": None,
             "participants": [{"entity_id": e, "role": r,
                               **({dedup.GENERIC: True} if e in GENERIC else {})}
                              for e, r in m["parts"]]}
            for k, m in enumerate(mentions)]


def _inputs(corpus: dict[str, tuple]) -> tuple[list[dict], dict, functools.partial]:
    """Rows, anchors and the prepare step of a corpus (doc_id -> document)."""
    borrowed = {d: doc[2] for d, doc in corpus.items() if doc[2] is not None}
    rows = [r for d in sorted(corpus) for r in _rows(d, corpus[d])]
    return rows, borrowed, functools.partial(anchors.reanchor_from, borrowed)


def _run(corpus: dict[str, tuple], carried: dedup_blocks.Carried | None) -> dedup_blocks.Result:
    rows, borrowed, prepare = _inputs(corpus)
    return dedup_blocks.dedup_incremental(rows, carried, SALT,
                                          lambda r: borrowed.get(r["doc_id"]),
                                          prepare=prepare)


def _carried(result: dedup_blocks.Result) -> dedup_blocks.Carried:
    """What a snapshot keeps of a result, read back as the load stage reads it."""

    def read(kept: set[str]):
        pairs = [(b, e) for b, e in result.event_blocks if b in kept]
        ids = {e for _, e in pairs}
        return tuple([r for r in t if r["event_id"] in ids] for t in result.tables), pairs

    return dedup_blocks.Carried(frozenset(b for b, _ in result.event_blocks), read)


_changes = st.lists(st.tuples(st.sampled_from(("add", "change", "remove", "reanchor")),
                              st.integers(0, 30), _document), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.integers(0, 20).map(lambda i: f"d{i:02d}"), _document, max_size=12),
       st.lists(_changes, min_size=1, max_size=3))
def test_incremental_dedup_equals_fresh_dedup(initial, steps):
    corpus = dict(initial)
    result = _run(corpus, None)
    for changes in steps:
        for op, k, doc in changes:
            existing = sorted(corpus)
            if op == "add":
                corpus[f"n{k:02d}"] = doc
            elif existing and op == "change":
                corpus[existing[k % len(existing)]] = doc
            elif existing and op == "reanchor":  # its story, so its borrowed date, changed
                mentions, reported, _ = corpus[existing[k % len(existing)]]
                corpus[existing[k % len(existing)]] = (mentions, reported, doc[2])
            elif existing:
                del corpus[existing[k % len(existing)]]
        result = _run(corpus, _carried(result))
        fresh = _run(corpus, None)
        assert result.tables == fresh.tables
        assert result.event_blocks == fresh.event_blocks
        rows, _, prepare = _inputs(corpus)
        assert fresh.tables == dedup.dedup(rows, prepare=prepare)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.integers(0, 30).map(lambda i: f"d{i:02d}"), _document, max_size=20))
def test_blocks_alone_give_what_whole_types_give(corpus):
    rows, _, prepare = _inputs(corpus)
    by_type: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if dedup.core(row):
            by_type[(row["type"], "")].append(row)
    whole = dedup.dedup_blocks(by_type, prepare=prepare)[:3]
    assert dedup.dedup(rows, prepare=prepare) == whole


def test_a_change_recomputes_only_the_blocks_it_touches():
    far = ((({"type": "MEET", "date": "2022-06-13", "date_text": None, "tense": None,
              "modality": "occurred", "location": None, "parts": [("EA", "source")]},),
            None, None))
    near = ((({"type": "MEET", "date": "2022-06-13", "date_text": None, "tense": None,
               "modality": "occurred", "location": None, "parts": [("EB", "source")]},),
             None, None))
    corpus = {"d1": far, "d2": near}
    before = _run(corpus, None)
    corpus["d3"] = near
    after = _run(corpus, _carried(before))
    assert after.stats == {"blocks": 2, "blocks_recomputed": 1, "rows": 3, "rows_recomputed": 2}
    assert after.tables == _run(corpus, None).tables


def test_components_join_types_apart_and_entities_through_shared_ones():
    cores = [("MEET", frozenset({"EB", "EC"})), ("MEET", frozenset({"ED"})),
             ("MEET", frozenset({"EC", "EA"})), ("ATTACK", frozenset({"EB"}))]
    assert dedup.keys.components(cores) == [("MEET", "EA"), ("MEET", "ED"), ("MEET", "EA"),
                                            ("ATTACK", "EB")]


def test_a_new_borrowed_anchor_alone_recomputes_its_block():
    """The rows are the same, the story lends another date: "June 14" moves a year."""
    undated = {"type": "MEET", "date": None, "date_text": "June 14", "tense": None,
               "modality": "occurred", "location": None, "parts": [("EA", "source")]}
    corpus = {"d1": ([undated], None, dt.date(2022, 6, 1))}
    before = _run(corpus, None)
    corpus["d1"] = ([undated], None, dt.date(2023, 1, 2))
    after = _run(corpus, _carried(before))
    assert [e["date"] for e in after.tables[0]] == ["2023-06-14"]
    assert after.tables == _run(corpus, None).tables
