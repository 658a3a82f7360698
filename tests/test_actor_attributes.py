"""Entity country, agent and position from mention votes; the actor macros over them."""

from __future__ import annotations

import duckdb
import pytest

from transforms.actors.coding import document_country
from transforms.entities.attributes import (
    EventsSeen,
    StoryEvidence,
    acting_entities,
    entity_attributes,
    with_attributes,
)
from warehouse import macros
from warehouse.schema import TABLES


def test_an_entity_takes_what_most_of_its_mentions_say():
    votes = [("E1", "ISR", "COP", None, None, None), ("E1", "ISR", None, None, None, None),
             ("E1", "PSE", "COP", None, None, None), ("E1", None, None, None, None, None)]
    assert entity_attributes(votes)["E1"] == {"country": "ISR", "agent": "COP",
                                              "geonames_id": None, "latitude": None,
                                              "longitude": None}


def test_a_suspect_who_holds_a_post_keeps_its_agent():
    officer = [("E1", "USA", "CRM", None, None, None), ("E1", "USA", "CRM", None, None, None),
               ("E1", "USA", "COP", None, None, None)]
    civilian = [("E2", "USA", "CRM", None, None, None), ("E2", "USA", "CRM", None, None, None),
                ("E2", "USA", "CVL", None, None, None)]
    found = entity_attributes(officer + civilian)
    assert (found["E1"]["agent"], found["E2"]["agent"]) == ("COP", "CRM")


def test_ties_do_not_depend_on_row_order():
    votes = [("E1", "KOR", None, 1, 1.0, 2.0), ("E1", "JPN", None, 2, 3.0, 4.0)]
    assert entity_attributes(votes) == entity_attributes(list(reversed(votes)))
    assert entity_attributes(votes)["E1"]["country"] == "JPN"


def test_a_place_keeps_the_coordinates_of_its_most_frequent_place():
    votes = [("P", "FRA", None, 2988507, 48.85, 2.35)] * 2 + [("P", "USA", None, 4717560,
                                                              33.66, -95.56)]
    got = entity_attributes(votes)["P"]
    assert (got["geonames_id"], got["latitude"], got["longitude"]) == (2988507, 48.85, 2.35)


def test_a_region_without_a_geonames_id_keeps_its_coordinates():
    votes = [("R", "NGA", None, None, 11.85, 13.16)] * 2 + [("R", "NGA", None, 2332459,
                                                           6.45, 3.39)]
    got = entity_attributes(votes)["R"]
    assert (got["geonames_id"], got["latitude"], got["longitude"]) == (None, 11.85, 13.16)
    no_place = entity_attributes([("X", "NGA", None, None, None, None)])["X"]
    assert (no_place["geonames_id"], no_place["latitude"]) == (None, None)


def test_a_state_is_gov_only_where_it_acts():
    entities = [{"entity_id": "G1", "type": "GPE"}, {"entity_id": "G2", "type": "GPE"},
                {"entity_id": "O1", "type": "ORG"}]
    attrs = {"G1": {"country": "JPN", "agent": None}, "O1": {"country": None, "agent": "JUD"}}
    acting = acting_entities([{"entity_id": "G1", "role": "source"},
                              {"entity_id": "G2", "role": "other"}])
    rows = {r["entity_id"]: r for r in with_attributes(entities, attrs, acting)}
    assert rows["G1"]["agent"] == "GOV" and rows["G1"]["country"] == "JPN"
    assert rows["G2"]["agent"] is None and rows["G2"]["country"] is None
    assert rows["O1"]["agent"] == "JUD"


def test_people_of_a_nationality_who_act_are_civilians_unless_named_otherwise():
    entities = [{"entity_id": n, "type": "NORP"} for n in ("N1", "N2", "N3")]
    attrs = {"N1": {"country": "USA", "agent": None}, "N2": {"country": "USA", "agent": "PTY"},
             "N3": {"country": "FRA", "agent": None}}
    acting = acting_entities([{"entity_id": "N1", "role": "source"},
                              {"entity_id": "N2", "role": "target"}])
    rows = {r["entity_id"]: r["agent"] for r in with_attributes(entities, attrs, acting)}
    assert rows == {"N1": "CVL", "N2": "PTY", "N3": None}


@pytest.mark.parametrize(("told", "expected"), [
    (["ISR", "ISR", "PSE"], "ISR"),
    (["ISR", "PSE"], None),          # two sides named equally: no home country
    ([None, None], None),
    (["KOR", None], "KOR"),
    (["GBR", "GBR", "USA", "VGB"], "GBR"),  # named most, by more than a third
    (["GBR", "GBR", "USA", "USA", "VGB"], None),  # a tie at the top
    (["USA", "USA", "FRA", "DEU", "ITA", "ESP", "NLD"], None),  # a round-up: 2 of 7
])
def test_a_document_has_a_country_only_when_one_dominates(told, expected):
    assert document_country(told) == expected


@pytest.fixture
def con():
    """A database of the contract's tables (empty), plus a few actors and events."""
    con = duckdb.connect()
    for name, schema in TABLES.items():
        empty = schema.empty_table()  # noqa: F841 (read by DuckDB's replacement scan)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM empty")
    con.execute("""INSERT INTO entities BY NAME SELECT * FROM (VALUES
        ('E_ISR', 'Israel', 'GPE', ['Israel'], 'ISR', 'GOV'),
        ('E_POL', 'Police (Israel)', 'ORG', ['police', 'Israeli police'], 'ISR', 'COP'),
        ('E_TLV', 'Tel Aviv', 'GPE', ['Tel Aviv'], 'ISR', NULL),
        ('E_HAM', 'Hamas', 'ORG', ['Hamas'], 'PSE', 'REB'),
        ('E_PRO', 'Protester', 'PERSON', ['protesters'], NULL, 'CVL'),
        ('E_GEN', 'Police', 'ORG', ['police'], 'USA', 'COP'))
        t(entity_id, name, type, aliases, country, agent)""")
    con.execute("""INSERT INTO events BY NAME SELECT * FROM (VALUES
        ('V1', 'ASSAULT', NULL, '2022-05-01', 'occurred', 'ISR'),
        ('V2', 'ACCUSE', 'allege', '2022-05-02', 'occurred', NULL),
        ('V3', 'COERCE', 'arrest', '2022-05-03', 'occurred', 'ESP'))
        t(event_id, type, mode, date, modality, location_country)""")
    # E_GEN is a "Police" no mention places: American by its stories, Spanish in V3's
    con.execute("""INSERT INTO event_participants BY NAME SELECT * FROM (VALUES
        ('V1', 'E_POL', 'source', 'ISR', 'COP'), ('V1', 'E_PRO', 'target', NULL, 'CVL'),
        ('V2', 'E_ISR', 'source', 'ISR', 'GOV'), ('V2', 'E_HAM', 'target', 'PSE', 'REB'),
        ('V3', 'E_GEN', 'source', 'ESP', 'COP'), ('V3', 'E_PRO', 'target', NULL, 'CVL'))
        t(event_id, entity_id, role, country, agent)""")
    macros.create(con)
    return con


def test_a_country_stands_for_its_actors_but_not_its_places(con):
    found = {r[0] for r in con.execute("SELECT entity_id FROM find_actor('israel')").fetchall()}
    assert found == {"E_ISR", "E_POL"}  # Tel Aviv has no agent: it only locates
    by_code = {r[0] for r in con.execute("SELECT entity_id FROM find_actor('ISR')").fetchall()}
    assert "E_POL" in by_code


def test_events_between_a_country_and_a_group_include_its_police(con):
    rows = con.execute("SELECT event_id, actor_a FROM events_between('Israel', 'protesters')"
                       ).fetchall()
    assert rows == [("V1", "Police (Israel)")]


def test_events_by_actor_country_and_agent(con):
    rows = con.execute("SELECT event_id, role FROM events_by_actor('isr', 'COP')").fetchall()
    assert rows == [("V1", "source")]
    any_agent = con.execute("SELECT DISTINCT event_id FROM events_by_actor('ISR', NULL) "
                            "ORDER BY 1").fetchall()
    assert any_agent == [("V1",), ("V2",)]


def test_a_generic_actor_of_no_named_country_counts_where_its_event_places_it(con):
    assert con.execute("SELECT event_id FROM events_by_actor('ESP', 'COP')").fetchall() == [
        ("V3",)]
    assert con.execute("SELECT event_id FROM events_by_actor('USA', NULL)").fetchall() == []
    rows = con.execute("SELECT event_id, actor_a FROM events_between('ESP', 'protesters')"
                       ).fetchall()
    assert rows == [("V3", "Police")]


def test_an_actor_no_mention_places_acts_for_the_country_of_its_events_story():
    mentions = [("d1", "G1", "GPE", "ESP"), ("d1", "P1", "ORG", None),
                ("d2", "G2", "GPE", "USA"), ("d2", "P1", "ORG", None),
                ("d2", "N1", "PERSON", "CAN"), ("d3", "P1", "ORG", None)]
    story_of = {"d1": "S1", "d2": "S2", "d3": "S3"}
    own = {"P1": {"country": None, "agent": "COP"}, "N1": {"country": "CAN", "agent": "GOV"}}
    entities = {"P1": {"type": "ORG", "country": "USA", "agent": "COP"},
                "N1": {"type": "PERSON", "country": "CAN", "agent": "GOV"}}
    participants = [{"event_id": "V1", "entity_id": "P1", "role": "source"},
                    {"event_id": "V2", "entity_id": "P1", "role": "source"},
                    {"event_id": "V2", "entity_id": "N1", "role": "target"},
                    {"event_id": "V3", "entity_id": "P1", "role": "source"}]
    seen = EventsSeen({"V1": {"d1"}, "V2": {"d2"}, "V3": {"d3"}},
                      {"V1": "COERCE", "V2": "ACCUSE", "V3": "COERCE"})
    evidence = _evidence(mentions)
    rows = evidence.in_events(participants, own, entities, seen,
                              evidence.doc_countries(story_of))
    assert [(r["event_id"], r["entity_id"], r["country"], r["agent"]) for r in rows] == [
        ("V1", "P1", "ESP", "COP"),   # the Spanish story's police
        ("V2", "P1", "USA", "COP"),   # the American story's
        ("V2", "N1", "CAN", "GOV"),   # a mention places N1: its own country everywhere
        ("V3", "P1", None, "COP")]    # a story with no place: no country, not a guess


def test_a_generic_actor_named_with_no_country_keeps_none_as_an_entity():
    mentions = [("d1", "G1", "GPE", "ESP"), ("d1", "P1", "ORG", None), ("d1", "B1", "ORG", None)]
    own = {e: {"country": None, "agent": a} for e, a in (("P1", "COP"), ("B1", "BUS"))}
    evidence = _evidence(mentions)
    filled = evidence.fill(own, {"P1": "ORG", "B1": "ORG"},
                           evidence.doc_countries({"d1": "S1"}), generic={"P1"})
    assert (filled["P1"]["country"], filled["B1"]["country"]) == (None, "ESP")


def _evidence(mentions) -> StoryEvidence:
    evidence = StoryEvidence()
    for mention in mentions:
        evidence.add(*mention)
    return evidence


def test_a_story_takes_the_country_most_of_its_places_give():
    mentions = [("d1", "E1", "GPE", "USA"), ("d2", "E2", "GPE", "USA"),
                ("d2", "E3", "NORP", "MEX"), ("d1", "P1", "PERSON", None),
                ("d3", "E4", "GPE", "FRA"), ("d3", "E5", "GPE", "DEU")]
    story_of = {"d1": "S1", "d2": "S1", "d3": "S2"}
    # S1: USA 2 of 3; S2: a tie between two countries names none
    assert _evidence(mentions).story_countries(story_of) == {"S1": "USA"}


def test_a_story_with_no_places_takes_its_actors_country():
    mentions = [("d1", "P1", "PERSON", "RUS"), ("d1", "P2", "PERSON", None),
                ("d2", "O1", "ORG", "USA"), ("d2", "O2", "ORG", "USA"),
                ("d2", "G1", "GPE", "CAN")]
    story_of = {"d1": "S1", "d2": "S2"}
    # S1 names no place: its well-known person says; S2 names one: its actors, which may
    # carry the document's own country, do not vote
    assert _evidence(mentions).story_countries(story_of) == {"S1": "RUS", "S2": "CAN"}


def test_an_actor_no_mention_places_takes_its_stories_country():
    mentions = [("d1", "P1", "PERSON", None), ("d2", "P1", "PERSON", None),
                ("d1", "P2", "PERSON", "CAN"), ("d1", "U1", "ORG", None),
                ("d1", "L1", "LAW", None), ("d1", "G1", "GPE", "USA")]
    attributes = {eid: {"country": country, "agent": agent}
                  for eid, country, agent in (("P1", None, "GOV"), ("P2", "CAN", None),
                                              ("U1", None, "IGO"), ("L1", None, None),
                                              ("G1", "USA", None))}
    types = {"P1": "PERSON", "P2": "PERSON", "U1": "ORG", "L1": "LAW", "G1": "GPE"}
    evidence = _evidence(mentions)
    got = evidence.fill(attributes, types, evidence.doc_countries({"d1": "S1", "d2": "S2"}))
    assert {eid: row["country"] for eid, row in got.items()} == {
        "P1": "USA",   # silent everywhere: its story's country (S2 names none)
        "P2": "CAN",   # its own mention says otherwise
        "U1": None,    # an international body has none
        "L1": None,    # a law is no actor
        "G1": "USA"}


def test_the_victims_of_an_attack_are_civilians_unless_they_are_a_force():
    entities = {"W": {"type": "PERSON", "country": "USA", "agent": "LAB"},
                "P": {"type": "ORG", "country": "USA", "agent": "COP"},
                "G": {"type": "PERSON", "country": None, "agent": "CRM"}}
    own = {e: {"country": r["country"], "agent": r["agent"]} for e, r in entities.items()}
    participants = [{"event_id": "A", "entity_id": "G", "role": "source"},
                    {"event_id": "A", "entity_id": "W", "role": "target"},
                    {"event_id": "A", "entity_id": "P", "role": "target"},
                    {"event_id": "S", "entity_id": "W", "role": "target"}]
    seen = EventsSeen({"A": {"d1"}, "S": {"d1"}}, {"A": "ASSAULT", "S": "AGREE"})
    evidence = StoryEvidence()
    rows = evidence.in_events(participants, own, entities, seen,
                              evidence.doc_countries({"d1": "S1"}))
    assert [(r["event_id"], r["entity_id"], r["agent"]) for r in rows] == [
        ("A", "G", "CRM"),   # the attacker keeps its agent
        ("A", "W", "CVL"),   # workers shot: civilians in that attack
        ("A", "P", "COP"),   # police attacked stay police
        ("S", "W", "LAB")]   # the same workers offered a deal: labour
