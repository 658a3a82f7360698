"""Entity components: hyphenated names, treaty names, titles, acronyms, within-doc aliases.

Component logic is tested on ``spacy.blank("en")`` and hand-built Docs; the trained model
(session fixture ``nlp``) only for the inline alias cases and the offsets property.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from transforms.entities.aliases import cluster_at, clusters
from transforms.entities.names import abbreviates, initials, is_acronym, normalize
from transforms.nlp import pipeline as nlp_module

SAMPLE_FILES = sorted((Path(__file__).parent.parent / "corpus" / "sample").glob("*.txt"))


@pytest.fixture(scope="module")
def blank():
    """A blank English pipeline with newsetl's components (rules only, no NER)."""
    return nlp_module.add_components(spacy.blank("en"))


def _doc(blank, text: str, ents: list[tuple[str, str]]):
    """Tokenise ``text`` and set entities by (surface, label), first occurrences in order."""
    doc = blank.make_doc(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = spans
    return doc


def _run(blank, doc, *names: str):
    for name in names:
        doc = blank.get_pipe(name)(doc)
    return doc


def _cluster_of(doc, surface: str, nth: int = 0) -> int | None:
    hits = [c for s, c in clusters(doc) if s.text == surface]
    return hits[nth] if len(hits) > nth else None


# --- names -----------------------------------------------------------------------------


def test_normalize_folds_case_articles_possessives_and_punctuation():
    assert normalize("The U.S.") == "us"
    assert normalize("South Korea\u2019s") == "south korea"
    assert normalize("Yoon Suk-yeol") == normalize("Yoon Suk Yeol")


def test_acronym_shape_initials_and_abbreviation():
    assert is_acronym("NATO") and is_acronym("U.S.") and not is_acronym("Us")
    assert not is_acronym("Kishida")
    assert initials("United States") == "us"
    assert initials("Bank of England") == "be"
    assert abbreviates("S. Korea", "South Korea")
    assert not abbreviates("N. Korea", "South Korea")


# --- tokenizer fix and ruler -----------------------------------------------------------


def test_hyphenated_given_name_is_one_token_but_english_compounds_are_not(blank):
    doc = blank("Moon Jae-in visited a New York-based firm and a Seoul-led project.")
    words = [t.text for t in doc]
    assert "Jae-in" in words
    assert "York-based" not in words and "Seoul-led" not in words


def test_ruler_tags_hyphenated_names_person_and_treaties_law(blank):
    doc = blank("Kim Dae-hyun praised the Treaty of Amity and the Open Skies Agreement today.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Kim Dae-hyun", "PERSON") in found
    assert ("Treaty of Amity", "LAW") in found
    assert ("Open Skies Agreement", "LAW") in found


# --- cleanup: titles, possessives, office words, acronyms --------------------------------


def test_titles_and_possessives_are_trimmed_offsets_stay_exact(blank):
    text = "Defense Minister Ana Ruiz met Chile\u2019s envoy and Secretary of State John Ames."
    doc = _doc(blank, text, [("Defense", "ORG"), ("Minister Ana Ruiz", "PERSON"),
                             ("Chile\u2019s", "GPE"), ("State", "ORG"), ("John Ames", "PERSON")])
    doc = _run(blank, doc, "newsetl_entity_cleanup")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Ana Ruiz", "PERSON"), ("Chile", "GPE"), ("John Ames", "PERSON")]
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


def test_acronym_in_parentheses_joins_its_expansion_even_in_lower_case(blank):
    text = ("They revived the joint fisheries management pact (JFMP) last year. "
            "The JFMP covers three seas.")
    doc = _run(blank, _doc(blank, text, [("JFMP", "ORG")]), "newsetl_entity_cleanup",
               "newsetl_aliases")
    long_form = _cluster_of(doc, "joint fisheries management pact")
    assert long_form is not None
    assert _cluster_of(doc, "JFMP", 0) == _cluster_of(doc, "JFMP", 1) == long_form
    assert {e.label_ for e in doc.ents} == {"LAW"}


# --- aliases ---------------------------------------------------------------------------


def test_surname_joins_most_recent_full_name_and_other_people_stay_apart(blank):
    text = "Park Jin met Park Min-ho. Park said the talks went well. Kim Ha-eun disagreed."
    doc = _doc(blank, text, [("Park Jin", "PERSON"), ("Park Min-ho", "PERSON"),
                             ("Park", "ORG"), ("Kim Ha-eun", "PERSON")])
    doc = _run(blank, doc, "newsetl_aliases")
    assert _cluster_of(doc, "Park Jin") != _cluster_of(doc, "Park Min-ho")
    assert _cluster_of(doc, "Park") == _cluster_of(doc, "Park Min-ho")
    assert [e.label_ for e in doc.ents if e.text == "Park"] == ["PERSON"]
    assert _cluster_of(doc, "Kim Ha-eun") not in {_cluster_of(doc, "Park Jin"),
                                                  _cluster_of(doc, "Park Min-ho")}


def test_last_word_joins_the_only_longer_place_but_not_when_two_fit(blank):
    one = _run(blank, _doc(blank, "South Korea voted. Korea abstained later.",
                           [("South Korea", "GPE"), ("Korea", "GPE")]), "newsetl_aliases")
    assert _cluster_of(one, "Korea") == _cluster_of(one, "South Korea")
    two = _run(blank, _doc(blank, "South Korea and North Korea met. Korea abstained.",
                           [("South Korea", "GPE"), ("North Korea", "GPE"), ("Korea", "GPE")]),
               "newsetl_aliases")
    assert _cluster_of(two, "Korea") not in {_cluster_of(two, "South Korea"),
                                             _cluster_of(two, "North Korea")}


def test_norp_stays_apart_from_gpe(blank):
    doc = _run(blank, _doc(blank, "Japan and Japanese firms.", [("Japan", "GPE"),
                                                                ("Japanese", "NORP")]),
               "newsetl_aliases")
    assert _cluster_of(doc, "Japan") != _cluster_of(doc, "Japanese")


def test_cluster_at_maps_a_phrase_to_its_head_entity(blank):
    text = "Brazilian Foreign Minister Ana Ruiz spoke."
    doc = _run(blank, _doc(blank, text, [("Brazilian", "NORP"), ("Ana Ruiz", "PERSON")]),
               "newsetl_aliases")
    person = _cluster_of(doc, "Ana Ruiz")
    assert cluster_at(doc, text.index("Ana"), text.index(" spoke")) == person
    assert cluster_at(doc, 0, len("Brazilian Foreign Minister Ana Ruiz")) == person
    assert cluster_at(doc, text.index("spoke"), len(text)) is None


# --- trained model -----------------------------------------------------------------------


def _cases(cases_dir, name):
    return json.loads((cases_dir / "entities" / name).read_text(encoding="utf-8"))


def test_inline_alias_cases(nlp, cases_dir):
    for case in _cases(cases_dir, "aliases.json"):
        doc = nlp(case["text"])
        rows = nlp_module.records(doc, "d").mentions
        name_of = {r["text"]: r["name"] for r in rows}
        label_of = {r["text"]: r["label"] for r in rows}
        for short, full in case["names"].items():
            assert name_of.get(short) == full, (case["about"], short, name_of)
        for surface, label in case["types"].items():
            assert label_of.get(surface) == label, (case["about"], surface, label_of)
        for surface in case.get("absent", []):
            assert surface not in name_of, (case["about"], surface)


def test_capital_joins_its_country_only_when_it_acts(nlp):
    text = ("Japan and South Korea agreed to meet again. The ministers met in Tokyo on Friday, "
            "and Tokyo later protested the missile launch.")
    rows = nlp_module.records(nlp(text), "d").mentions
    tokyo = sorted((r for r in rows if r["text"] == "Tokyo"), key=lambda r: r["start"])
    japan = next(r for r in rows if r["text"] == "Japan")
    assert [r["name"] for r in tokyo] == ["Tokyo", "Japan"]
    assert tokyo[1]["cluster"] == japan["cluster"] != tokyo[0]["cluster"]


def test_mention_offsets_slice_the_text_exactly(nlp, cases_dir):
    texts = [c["text"] for c in _cases(cases_dir, "aliases.json")]
    texts += [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    for doc in nlp.pipe(texts):
        rows = nlp_module.records(doc, "d")
        assert rows.mentions
        for row in rows.mentions:
            assert doc.text[row["start"]:row["end"]] == row["text"]
        for q in rows.quotes:
            assert doc.text[q["start"]:q["end"]] == q["text"]


def test_spans_that_would_overlap_are_dropped_not_fatal():
    import spacy
    from spacy.tokens import Span

    from transforms.entities.aliases import _without_overlaps

    doc = spacy.blank("en")("Park met Park Jin on June 13 in Seoul")
    linked = [Span(doc, 2, 4, label="PERSON"), Span(doc, 0, 1, label="PERSON")]
    other = [Span(doc, 3, 7, label="DATE"), Span(doc, 8, 9, label="GPE")]
    kept = _without_overlaps(linked, other)
    assert [(s.start, s.end) for s in kept] == [(0, 1), (2, 4), (8, 9)]
    doc.ents = kept  # spaCy accepts them


def test_a_name_that_swallowed_a_clause_is_dropped():
    import spacy
    from spacy.tokens import Doc

    from transforms.entities.components import EntityCleanup

    blank = spacy.blank("en")
    doc = Doc(blank.vocab, words=["Hall", "fired", "Guyger", "today"],
              pos=["PROPN", "VERB", "PROPN", "NOUN"], ents=["B-ORG", "I-ORG", "I-ORG", "O"])
    assert list(EntityCleanup()(doc).ents) == []
    kept = Doc(blank.vocab, words=["Bank", "of", "England", "rose"],
               pos=["PROPN", "ADP", "PROPN", "VERB"], ents=["B-ORG", "I-ORG", "I-ORG", "O"])
    assert [e.text for e in EntityCleanup()(kept).ents] == ["Bank of England"]
    headline = Doc(blank.vocab, words=["ANA", "RUIZ", "SET", "TO", "BE", "FREED", "US"],
                   ents=["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON",
                         "I-PERSON", "B-GPE"])
    assert [e.text for e in EntityCleanup()(headline).ents] == ["US"]
    capitals = Doc(blank.vocab, words=["BANK", "OF", "ENGLAND", "rose"],
                   ents=["B-ORG", "I-ORG", "I-ORG", "O"])
    assert [e.text for e in EntityCleanup()(capitals).ents] == ["BANK OF ENGLAND"]


def test_a_headline_in_capitals_does_not_name_a_cluster():
    from transforms.entities.aliases import _Cluster

    cluster = _Cluster("PERSON", "Ana Ruiz")
    cluster.add("ANA RUIZ GUILTY VERDICT")
    assert cluster.name == "Ana Ruiz"
    cluster = _Cluster("PERSON", "Ruiz")
    cluster.add("ANA RUIZ")  # two words in capitals are still the fuller name
    assert cluster.name == "ANA RUIZ"
