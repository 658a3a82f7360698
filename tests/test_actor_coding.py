"""The actor coder end to end: generic actors become entities, every mention gets its
country, agent and place (trained English model; the cases are our own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases" / "actors" / "coded_mentions.tsv"


def _cases() -> list[list[str]]:
    lines = CASES.read_text().splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def rows_of(nlp):
    from transforms.nlp import pipeline

    def rows(text: str) -> list[dict]:
        return pipeline.records(nlp(text), "d1").mentions
    return rows


@pytest.mark.parametrize(("text", "name", "generic", "country", "agent"), _cases())
def test_a_mention_is_coded(rows_of, text, name, generic, country, agent):
    found = {r["name"]: r for r in rows_of(text)}
    assert name in found, sorted(found)
    row = found[name]
    assert row["generic"] is (generic == "yes")
    assert (row["country"], row["agent"]) == (None if country == "-" else country,
                                              None if agent == "-" else agent)


def test_places_get_the_gazetteer_position(rows_of):
    rows = {r["name"]: r for r in rows_of("Protesters gathered in Paris and in Lyon.")}
    paris = rows["Paris"]
    assert paris["country"] == "FRA" and paris["geonames_id"] is not None
    assert 48 < paris["latitude"] < 49.5 and 2 < paris["longitude"] < 3


def test_an_ambiguous_place_follows_the_document(rows_of):
    rows = {r["name"]: r for r in rows_of(
        "Floods were reported in Dallas, in Houston and in Paris, Texas.")}
    assert rows["Paris"]["country"] == "USA"


def test_a_countryless_generic_takes_the_country_its_agent_had_earlier(rows_of):
    rows = rows_of("Israeli troops entered Gaza on Monday. Later the troops shelled a school "
                   "in Gaza City and Gaza's police said two died.")
    troops = [r["name"] for r in rows if r["text"] in ("Israeli troops", "troops")]
    assert troops == ["Military (Israel)", "Military (Israel)"]


def test_an_unknown_place_lies_where_its_sentence_places_are(rows_of):
    # the document is about Israeli actors; the unknown village is named beside Gaza
    rows = {r["name"]: r for r in rows_of(
        "Israel said its army was ready. Israeli officials met in Jerusalem. Israeli troops are "
        "deployed around Gaza, in Beit Hanoun.")}
    assert rows["Beit Hanoun"]["geonames_id"] is None
    assert rows["Beit Hanoun"]["country"] == "PSE"
