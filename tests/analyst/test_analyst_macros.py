"""The macros of news.duckdb, on a hand-built warehouse whose answers are known."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from warehouse import duck, parquet
from warehouse.macros import CONTEXT_CHARS, MACROS
from warehouse.schema import TABLES

D1 = ("Ann Lee met Bob Stone in Paris on Monday. Lee said the talks went well.\n\n"
      "Both sides later signed a deal with Acme.")
D2 = "Robert Stone accused Acme of breaking the deal."
ENTITIES = [
    {"entity_id": "E_ann", "name": "Ann Lee", "type": "PERSON", "aliases": ["Ann Lee", "Lee"],
     "n_docs": 1, "n_mentions": 2},
    {"entity_id": "E_bob", "name": "Bob Stone", "type": "PERSON",
     "aliases": ["Bob Stone", "Robert Stone"], "n_docs": 2, "n_mentions": 2},
    {"entity_id": "E_acme", "name": "Acme Corp", "type": "ORG", "aliases": ["Acme"],
     "n_docs": 2, "n_mentions": 2},
]


def _mention(doc_id: str, body: str, entity_id: str, text: str, at: str = "") -> dict:
    """A mention of ``text``, found where ``at`` (default: ``text``) first occurs."""
    start = body.index(at or text)
    return {"doc_id": doc_id, "entity_id": entity_id, "start": start,
            "end": start + len(text), "text": text}


def _sentence(doc_id: str, body: str, event_id: str, sentence: str, trigger: str) -> dict:
    start = body.index(sentence)
    return {"doc_id": doc_id, "event_id": event_id, "start": start,
            "end": start + len(sentence), "sentence": sentence, "trigger": trigger,
            "date_text": None}


def _rows() -> dict[str, list[dict]]:
    docs = [{"doc_id": "d1", "source_path": "/in/d1.txt", "content_sha256": "1", "authors": [],
             "published": dt.date(2024, 3, 1), "body": D1},
            {"doc_id": "d2", "source_path": "/in/d2.txt", "content_sha256": "2", "authors": [],
             "published": None, "body": D2}]
    events = [{"event_id": "V1", "type": "CONSULT", "date": "2024-02", "modality": "occurred"},
              {"event_id": "V2", "type": "ACCUSE", "date": None, "modality": "occurred"},
              {"event_id": "V3", "type": "AGREE", "date": None, "modality": "occurred"}]
    roles = [("V1", "E_ann", "source"), ("V1", "E_bob", "target"), ("V2", "E_bob", "source"),
             ("V2", "E_acme", "target"), ("V3", "E_acme", "other")]
    return {
        "documents": docs, "entities": ENTITIES, "events": events,
        "event_participants": [dict(zip(("event_id", "entity_id", "role"), r, strict=True))
                               for r in roles],
        "mentions": [_mention("d1", D1, "E_ann", "Ann Lee"),
                     _mention("d1", D1, "E_ann", "Lee", "Lee said"),
                     _mention("d1", D1, "E_bob", "Bob Stone"), _mention("d1", D1, "E_acme", "Acme"),
                     _mention("d2", D2, "E_bob", "Robert Stone"),
                     _mention("d2", D2, "E_acme", "Acme")],
        "event_mentions": [
            _sentence("d1", D1, "V1", "Ann Lee met Bob Stone in Paris on Monday.", "met"),
            _sentence("d2", D2, "V2", D2, "accused"),
            _sentence("d1", D1, "V3", "Both sides later signed a deal with Acme.", "signed")],
        "quotes": [{"doc_id": "d1", "speaker_entity_id": "E_ann", "speaker_text": "Lee",
                    "text": "the talks went well", "start": D1.index("the talks"),
                    "end": D1.index("the talks") + len("the talks went well")}],
    }


@pytest.fixture(scope="module")
def con(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a warehouse built from :func:`_rows` by duck.build."""
    root = tmp_path_factory.mktemp("macros")
    rows = _rows()
    for table, schema in TABLES.items():
        parquet.write_table(parquet.part_path(root / "tables" / table, 0), schema,
                            rows.get(table, []))
    duck.build(root / "news.duckdb", root / "tables")
    with duck.connect(root / "news.duckdb") as connection:
        yield connection


def test_find_entity_by_name_alias_or_id_ignoring_case(con):
    find = "SELECT entity_id FROM find_entity(?)"
    assert con.execute(find, ["robert STONE"]).fetchall() == [("E_bob",)]
    assert con.execute(find, ["E_acme"]).fetchall() == [("E_acme",)]
    assert con.execute(find, ["Acme Corp"]).fetchall() == [("E_acme",)]
    assert con.execute(find, ["Stone"]).fetchall() == []  # a word of a name is not an alias


def test_entity_mentions_finds_every_alias_with_context(con):
    rows = con.execute("SELECT doc_id, mention, context FROM entity_mentions('Robert Stone')"
                       ).fetchall()
    assert [(d, m) for d, m, _ in rows] == [("d1", "Bob Stone"), ("d2", "Robert Stone")]
    assert rows[0][2] == D1[:D1.index("Bob Stone") + len("Bob Stone") + CONTEXT_CHARS]
    assert rows[1][2] == D2  # shorter than the context on either side


def test_events_between_needs_both_actors_in_either_order(con):
    q = "SELECT event_id, role_a, role_b, example FROM events_between(?, ?)"
    assert con.execute(q, ["Lee", "bob stone"]).fetchall() == [
        ("V1", "source", "target", "Ann Lee met Bob Stone in Paris on Monday.")]
    assert con.execute(q, ["Bob Stone", "Ann Lee"]).fetchall()[0][1:3] == ("target", "source")
    assert con.execute(q, ["Ann Lee", "Acme"]).fetchall() == []


def test_entity_timeline_dates_events_then_falls_back_to_the_document(con):
    rows = con.execute("SELECT date, dated_by, kind, what, role, ref "
                       "FROM entity_timeline('Ann Lee')").fetchall()
    assert rows == [("2024-02", "event", "event", "CONSULT", "source", "V1"),
                    ("2024-03-01", "published", "quote", "QUOTE", "speaker", "d1")]
    acme = con.execute("SELECT date, what FROM entity_timeline('Acme')").fetchall()
    assert acme == [("2024-03-01", "AGREE"), (None, "ACCUSE")]  # V2's only report is undated


def test_every_macro_carries_a_comment(con):
    comments = dict(con.execute("SELECT function_name, comment FROM duckdb_functions() "
                                "WHERE function_type = 'table_macro'").fetchall())
    for macro in MACROS:
        assert comments[macro.name] == macro.doc


def test_views_and_macros_are_read_only(con):
    with pytest.raises(duckdb.Error):
        con.execute("CREATE MACRO extra() AS TABLE SELECT 1")
