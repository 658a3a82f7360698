"""Cross-document event dedup on hand-written rows (tests/cases/events/dedup.json)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dates import story_anchors as anchors
from transforms.events import blocking as dedup_keys
from transforms.events import dedup


def _scenarios(cases_dir) -> list[dict]:
    return json.loads((cases_dir / "events" / "dedup.json").read_text())["scenarios"]


def _rows(scenario: dict) -> list[dict]:
    """doc_events-style rows; the mention id is kept in the sentence for checking. A part is
    [entity, role] or [entity, role, country]."""
    return [{
        "doc_id": m["doc"], "start": k * 100, "end": k * 100 + 50, "sentence": m["id"],
        "trigger": "t", "type": m["type"], "modality": m.get("modality", "occurred"),
        "date": m["date"], "date_text": m["date_text"], "location": m.get("location"),
        "reported": m.get("reported"),
        "participants": [{"entity_id": e, "role": r, **({dedup.COUNTRY: c[0]} if c else {})}
                         for e, r, *c in m["parts"]],
    } for k, m in enumerate(scenario["mentions"])]


def _groups(mentions: list[dict]) -> set[frozenset[str]]:
    by_event: dict[str, set[str]] = {}
    for m in mentions:
        by_event.setdefault(m["event_id"], set()).add(m["sentence"])
    return {frozenset(g) for g in by_event.values()}


@pytest.fixture(scope="module")
def scenarios(cases_dir) -> list[dict]:
    return _scenarios(cases_dir)


def test_one_sentence_reports_no_event_twice():
    # "X struck a deal with Y and agreed to cooperate": two triggers of one type and the same
    # actors in one sentence are two events; the same mentions in two sentences are one
    def row(start, trigger):
        return {"doc_id": "d1", "start": start, "end": start + 80, "sentence": trigger,
                "trigger": trigger, "type": "AGREE", "modality": "occurred",
                "date": "2024-05-02", "date_text": "Thursday", "location": None,
                "reported": "2024-05-03",
                "participants": [{"entity_id": "X", "role": "source"},
                                 {"entity_id": "Y", "role": "source"}]}
    _, _, same = dedup.dedup([row(0, "struck"), row(0, "agreed")])
    _, _, apart = dedup.dedup([row(0, "struck"), row(200, "agreed")])
    assert len({m["event_id"] for m in same}) == 2
    assert len({m["event_id"] for m in apart}) == 1


@pytest.mark.parametrize("k", range(12))
def test_scenario_groups_and_merged_fields(scenarios, k):
    sc = scenarios[k]
    events, parts, mentions = dedup.dedup(_rows(sc))
    assert _groups(mentions) == {frozenset(g) for g in sc["groups"]}, sc["name"]
    assert len(events) == len(sc["groups"])
    event_of = {m["sentence"]: m["event_id"] for m in mentions}
    by_id = {e["event_id"]: e for e in events}
    for mention_id, want in sc.get("events", {}).items():
        got = by_id[event_of[mention_id]]
        assert {f: got[f] for f in want} == want, sc["name"]
    for entity, role in sc.get("roles", {}).items():
        assert {p["role"] for p in parts if p["entity_id"] == entity} == {role}


def test_every_scenario_is_run(scenarios):
    assert len(scenarios) == 12


def test_order_of_input_does_not_change_output(scenarios):
    rows = [r for sc in scenarios for r in _rows(sc)]
    for k, r in enumerate(rows):  # distinct documents across scenarios
        r["doc_id"] = f"{r['doc_id']}-{k // 10}"
    first = dedup.dedup(rows)
    for seed in range(3):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert dedup.dedup(shuffled) == first


def test_idempotent_and_incremental_ids(scenarios):
    old = _rows(scenarios[1])  # two meetings of A and B
    new = [dict(old[0], doc_id="d9", date="2022-06", date_text="in June")]
    ids_old = {e["event_id"] for e in dedup.dedup(old)[0]}
    assert {e["event_id"] for e in dedup.dedup(old)[0]} == ids_old
    events, _, mentions = dedup.dedup(old + new)
    assert {e["event_id"] for e in events} == ids_old  # the new report joins an existing event
    assert sorted(e["n_docs"] for e in events) == [1, 2]


def test_event_id_is_a_function_of_the_defining_key():
    a = dedup.event_id("CONSULT", ["eB", "eA"], "2022-06-13")
    assert a == dedup.event_id("CONSULT", ["eA", "eB"], "2022-06-13")
    assert a != dedup.event_id("CONSULT", ["eA", "eB"], "2022-06")
    assert a != dedup.event_id("AGREE", ["eA", "eB"], "2022-06-13")


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("2019", "2019-08", True), ("2019-08", "2019-08-05", True), (None, "2019-08-05", True),
    ("2019-08", "2019-11", False), ("2019-08-05", "2019-08-06", False), ("2019", "2020-01", False),
    ("2019-1", "2019-11", False),
])
def test_dates_compatible(a, b, ok):
    assert dedup.dates_compatible(a, b) is ok
    assert dedup.dates_compatible(b, a) is ok


def test_mentions_without_entities_are_dropped():
    row = {"doc_id": "d", "start": 0, "end": 5, "sentence": "s", "trigger": "t",
           "type": "AID", "modality": "occurred", "date": None, "date_text": None,
           "location": None, "participants": [{"entity_id": None, "role": "source"}]}
    assert dedup.dedup([row]) == ([], [], [])


def test_undated_planned_and_occurred_meetings_stay_apart():
    from transforms.events.dedup import dedup

    base = {"type": "CONSULT", "date": None, "date_text": None, "location": None,
            "sentence": "s", "trigger": "meet", "start": 0, "end": 1,
            "participants": [{"entity_id": "EA", "role": "source"},
                             {"entity_id": "EB", "role": "source"}]}
    rows = [{**base, "doc_id": "d1", "modality": "occurred"},
            {**base, "doc_id": "d2", "modality": "planned"},
            {**base, "doc_id": "d3", "modality": "hoped"}]
    events, _, mentions = dedup(rows)
    assert len(events) == 2
    by_doc = {m["doc_id"]: m["event_id"] for m in mentions}
    assert by_doc["d2"] == by_doc["d3"] != by_doc["d1"]


def test_unresolved_dates_of_two_documents_are_not_assumed_equal():
    from transforms.events.dedup import dedup

    base = {"type": "CONSULT", "date": None, "location": None, "modality": "occurred",
            "sentence": "s", "trigger": "summit", "start": 0, "end": 1,
            "participants": [{"entity_id": "EA", "role": "source"},
                             {"entity_id": "EB", "role": "source"}]}
    rows = [{**base, "doc_id": "d1", "date_text": "on Thursday"},
            {**base, "doc_id": "d2", "date_text": "on Saturday"},
            {**base, "doc_id": "d1", "date_text": "Thursday", "start": 5, "end": 6}]
    events, _, mentions = dedup(rows)
    by_doc = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], set()).add(m["event_id"])
    assert len(by_doc["d1"]) == 1 and by_doc["d1"].isdisjoint(by_doc["d2"])


@pytest.mark.parametrize(("date", "first", "last"), [
    ("2024-02", "2024-02-01", "2024-02-29"), ("2023-12", "2023-12-01", "2023-12-31"),
    ("2022", "2022-01-01", "2022-12-31"), ("2022-06-13", "2022-06-13", "2022-06-13"),
])
def test_span_of_a_date_at_its_precision(date, first, last):
    assert dedup_keys.span(date) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_report_window_months_cover_the_window_across_a_year_end():
    months = dedup_keys.window_months(dt.date(2023, 1, 15))
    assert months[0] == "2022-12" and months[-1] == "2023-02"
    assert dedup_keys.near("2022-12-20", dt.date(2023, 1, 15))
    assert not dedup_keys.near("2022-11", dt.date(2023, 1, 15))


_ENTITIES = ["EA", "EB", "EC", "ED", "EE"]
_mention = st.fixed_dictionaries({
    "doc_id": st.sampled_from(["d1", "d2", "d3", "d4"]),
    "type": st.sampled_from(["CONSULT", "ACCUSE"]),
    "modality": st.sampled_from(["occurred", "planned"]),
    "date": st.sampled_from([None, "2022", "2022-06", "2022-06-13", "2022-06-14", "2022-08"]),
    "date_text": st.sampled_from([None, "on Thursday"]),
    "participants": st.lists(st.fixed_dictionaries({
        "entity_id": st.sampled_from(_ENTITIES),
        "role": st.sampled_from(["source", "target", "other"])}), min_size=1, max_size=4),
})


def _every_event_a_candidate(mp: pytest.MonkeyPatch) -> None:
    """Reference dedup: one block per type, so each mention is compared with every event."""
    everything = [dedup_keys.ANY_DATE]
    mp.setattr(dedup_keys, "listing_keys", lambda core: [("all",)])
    mp.setattr(dedup_keys, "lookup_keys", lambda ids: [("all",)])
    mp.setattr(dedup_keys, "event_keys", lambda date, months: set(everything))
    mp.setattr(dedup_keys, "candidate_keys", lambda date, reported, unresolved=False: everything)


@settings(max_examples=300, deadline=None)
@given(st.lists(_mention, max_size=14),
       st.lists(st.sampled_from([None, dt.date(2022, 6, 15), dt.date(2022, 9, 1)]),
                min_size=4, max_size=4))
def test_blocking_never_hides_an_event_a_mention_may_join(mentions, reported):
    """The blocked result equals comparing every mention with every event (a report date
    belongs to a document, so each document gets one)."""
    rows = [{**m, "start": k, "end": k + 1, "sentence": f"m{k}", "trigger": "t",
             "location": None, "reported": reported[int(m["doc_id"][1]) - 1]}
            for k, m in enumerate(mentions)]
    blocked = dedup.dedup(rows)
    with pytest.MonkeyPatch.context() as mp:
        _every_event_a_candidate(mp)
        assert dedup.dedup(rows) == blocked


def test_dedup_on_worker_processes_equals_dedup_in_process(load_pool, scenarios):
    rows = []
    for k, scenario in enumerate(scenarios):  # each scenario in documents of its own
        rows += [{**r, "doc_id": f"{k}-{r['doc_id']}"} for r in _rows(scenario)]
    assert len({r["type"] for r in rows}) > 1  # types to share between the workers
    assert dedup.dedup(rows, load_pool) == dedup.dedup(rows)


def test_prepare_runs_on_every_row_in_its_part(load_pool, scenarios):
    """A per-row step given to dedup (re-anchoring) gives what applying it first gives."""
    rows = []
    for k, scenario in enumerate(scenarios):
        rows += [{**r, "doc_id": f"{k}-{r['doc_id']}", "date": None, "date_text": "June 14",
                  "reported": None} for r in _rows(scenario)]
    borrowed = {r["doc_id"]: dt.date(2019, 7, 1) for r in rows[::2]}
    step = functools.partial(anchors.reanchor_from, borrowed)
    expected = dedup.dedup([step(r) for r in rows])
    assert {e["date"] for e in expected[0]} >= {"2019-06-14", None}  # some rows re-anchored
    assert dedup.dedup(rows, load_pool, step) == dedup.dedup(rows, prepare=step) == expected


def test_dedup_of_nothing_is_empty():
    assert dedup.dedup([]) == ([], [], [])


def test_an_undated_pages_mention_never_joins_a_day_precise_event():
    """A page that states no date lends none, and borrows no day from another report: its
    undated mention joins a month-precise event, not a day-precise one."""
    def row(doc, date, reported, undated_page=False):
        out = {"doc_id": doc, "start": 0, "end": 9, "sentence": doc, "trigger": "met",
               "type": "CONSULT", "modality": "occurred", "date": date, "date_text": None,
               "location": None, "reported": reported,
               "participants": [{"entity_id": "E1", "role": "source"},
                                {"entity_id": "E2", "role": "source"}]}
        return {**out, anchors.UNDATED_PAGE: True} if undated_page else out
    june = dt.date(2022, 6, 20)
    for date, joins in (("2022-06-13", False), ("2022-06", True)):
        rows = [row("dated", date, june), row("undated", None, june, undated_page=True)]
        _, _, mentions = dedup.dedup(rows)
        assert (len({m["event_id"] for m in mentions}) == 1) is joins, date


def _generic_row(doc, parts, date="2022-06-13"):
    return {"doc_id": doc, "start": 0, "end": 9, "sentence": doc, "trigger": "fired",
            "type": "ASSAULT", "modality": "occurred", "date": date, "date_text": None,
            "location": None, "reported": dt.date(2022, 6, 14),
            "participants": [{"entity_id": e, "role": r, **({dedup.GENERIC: True} if g else {})}
                             for e, r, g in parts]}


def test_generic_actors_do_not_identify_a_happening():
    police, protesters = ("Police", "source", True), ("Protester", "target", True)
    named = [("Israel", "source", False), police]
    # a shared generic actor joins no two events whose named actors differ
    _, _, mentions = dedup.dedup([_generic_row("a", named),
                                  _generic_row("b", [("Hamas", "source", False), police])])
    assert len({m["event_id"] for m in mentions}) == 2
    # generic actors alone: the same ones on the same known date are one event ...
    _, _, mentions = dedup.dedup([_generic_row("a", [police, protesters]),
                                  _generic_row("b", [police, protesters])])
    assert len({m["event_id"] for m in mentions}) == 1
    # ... but not undated, nor with other generic actors, nor with a named event
    for other in (_generic_row("b", [police, protesters], date=None),
                  _generic_row("b", [police]), _generic_row("b", named)):
        _, _, mentions = dedup.dedup([_generic_row("a", [police, protesters]), other])
        assert len({m["event_id"] for m in mentions}) == 2


def test_a_mention_with_no_participant_is_an_event_alone():
    row = {"doc_id": "d", "start": 0, "end": 5, "sentence": "s", "trigger": "bombing",
           "type": "ASSAULT", "modality": "occurred", "date": "2024-03-01", "date_text": None,
           "location": None, "participants": []}
    events, participants, mentions = dedup.dedup([row, {**row, "doc_id": "e"}])
    assert len(events) == 2 and participants == [] and len(mentions) == 2


def test_an_entity_on_both_sides_of_a_mention_keeps_both_roles():
    rows = [{"doc_id": "d1", "start": 0, "end": 9, "sentence": "s", "trigger": "sacked",
             "type": "SANCTION", "modality": "occurred", "date": None, "date_text": None,
             "participants": [{"entity_id": "ePolice", "role": "source"},
                              {"entity_id": "ePolice", "role": "target"}]},
            {"doc_id": "d2", "start": 0, "end": 9, "sentence": "s", "trigger": "fired",
             "type": "SANCTION", "modality": "occurred", "date": None, "date_text": None,
             "participants": [{"entity_id": "ePolice", "role": "source"}]}]
    _, parts, _ = dedup.dedup(rows)
    assert sorted(p["role"] for p in parts) == ["source", "target"]
