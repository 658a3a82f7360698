"""Places the NER misread as people, relabelled by their position (hand-built parses)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from transforms.places.labels import PlaceLabels

BLANK = spacy.blank("en")


def _labels(words, deps, heads, ents, lemmas=None) -> list[tuple[str, str]]:
    doc = Doc(BLANK.vocab, words=words, deps=deps, heads=heads, ents=ents,
              lemmas=lemmas or [w.lower() for w in words])
    return [(e.text, e.label_) for e in PlaceLabels()(doc).ents]


def test_a_known_city_after_in_is_a_place():
    got = _labels(["Troops", "fought", "in", "Aleppo"], ["nsubj", "ROOT", "prep", "pobj"],
                  [1, 1, 1, 2], ["O", "O", "O", "B-PERSON"])
    assert got == [("Aleppo", "GPE")]


def test_the_of_phrase_of_a_settlement_noun_is_a_place():
    got = _labels(["the", "town", "of", "Khan", "Yunis"], ["det", "ROOT", "prep", "compound",
                  "pobj"], [1, 1, 1, 4, 2], ["O", "O", "O", "B-PERSON", "I-PERSON"])
    assert got == [("Khan Yunis", "GPE")]


def test_a_person_with_someone_or_unknown_to_the_gazetteer_keeps_the_label():
    with_someone = _labels(["Kim", "met", "with", "Paris"], ["nsubj", "ROOT", "prep", "pobj"],
                           [1, 1, 1, 2], ["B-PERSON", "O", "O", "B-PERSON"])
    assert with_someone == [("Kim", "PERSON"), ("Paris", "PERSON")]
    unknown = _labels(["Troops", "fought", "in", "Zwolinekow"], ["nsubj", "ROOT", "prep",
                      "pobj"], [1, 1, 1, 2], ["O", "O", "O", "B-PERSON"])
    assert unknown == [("Zwolinekow", "PERSON")]


def test_a_country_name_tagged_loc_or_org_is_a_gpe_anywhere_but_a_person_stays():
    got = _labels(["Peru", "accused", "South", "Sudan"], ["nsubj", "ROOT", "compound", "dobj"],
                  [1, 1, 3, 1], ["B-ORG", "O", "B-LOC", "I-LOC"])
    assert got == [("Peru", "GPE"), ("South Sudan", "GPE")]
    person = _labels(["Jordan", "scored"], ["nsubj", "ROOT"], [1, 1], ["B-PERSON", "O"])
    assert person == [("Jordan", "PERSON")]
    region = _labels(["Rain", "hit", "Siberia"], ["nsubj", "ROOT", "dobj"], [1, 1, 1],
                     ["O", "O", "B-LOC"])
    assert region == [("Siberia", "LOC")]


def test_the_possessor_of_a_place_noun_is_a_place():
    got = _labels(["Aleppo", "'s", "jail", "burned"], ["poss", "case", "nsubj", "ROOT"],
                  [2, 0, 3, 3], ["B-PERSON", "O", "O", "O"], ["aleppo", "'s", "jail", "burn"])
    assert got == [("Aleppo", "GPE")]
    owner = _labels(["Kim", "'s", "lawyer", "spoke"], ["poss", "case", "nsubj", "ROOT"],
                    [2, 0, 3, 3], ["B-PERSON", "O", "O", "O"], ["kim", "'s", "lawyer", "speak"])
    assert owner == [("Kim", "PERSON")]


def test_an_unknown_one_word_gpe_that_acts_is_a_person():
    got = _labels(["Zwolinek", "was", "accused"], ["nsubjpass", "auxpass", "ROOT"], [2, 2, 2],
                  ["B-GPE", "O", "O"])
    assert got == [("Zwolinek", "PERSON")]
    known = _labels(["Aleppo", "was", "shelled"], ["nsubjpass", "auxpass", "ROOT"], [2, 2, 2],
                    ["B-GPE", "O", "O"])
    assert known == [("Aleppo", "GPE")]
    located = _labels(["Troops", "fought", "in", "Zwolinek"], ["nsubj", "ROOT", "prep", "pobj"],
                      [1, 1, 1, 2], ["O", "O", "O", "B-GPE"])
    assert located == [("Zwolinek", "GPE")]


def test_a_capital_taken_for_a_person_is_a_place_unless_a_full_name_has_it():
    got = _labels(["Khartoum", "filed", "a", "complaint"], ["nsubj", "ROOT", "det", "dobj"],
                  [1, 1, 3, 1], ["B-PERSON", "O", "O", "O"])
    assert got == [("Khartoum", "GPE")]
    named = _labels(["Sofia", "Vergara", "left", ";", "Sofia", "smiled"],
                    ["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT"], [1, 2, 2, 2, 5, 5],
                    ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O"])
    assert named == [("Sofia Vergara", "PERSON"), ("Sofia", "PERSON")]


def test_a_town_named_loc_where_a_party_stands_is_a_person():
    got = _labels(["Moreno", "met", "with", "Boras"], ["nsubj", "ROOT", "prep", "pobj"],
                  [1, 1, 1, 2], ["B-PERSON", "O", "O", "B-LOC"])
    assert got == [("Moreno", "PERSON"), ("Boras", "PERSON")]
    region = _labels(["Troops", "met", "with", "Siberia"], ["nsubj", "ROOT", "prep", "pobj"],
                     [1, 1, 1, 2], ["O", "O", "O", "B-LOC"])
    assert region == [("Siberia", "LOC")]


def test_a_town_named_loc_is_a_person_anywhere_but_after_a_place_preposition():
    said = _labels(["Boras", "said", "no"], ["nsubj", "ROOT", "dobj"], [1, 1, 1],
                   ["B-LOC", "O", "O"])
    assert said == [("Boras", "PERSON")]
    there = _labels(["He", "lived", "in", "Boras"], ["nsubj", "ROOT", "prep", "pobj"],
                    [1, 1, 1, 2], ["O", "O", "O", "B-LOC"])
    assert there == [("Boras", "LOC")]


def test_a_name_given_an_age_between_commas_is_a_person():
    got = _labels(["Zolvik", ",", "25", ",", "left", "Acme", ",", "2024", ",", "sold"],
                  ["nsubj", "punct", "appos", "punct", "ROOT", "nsubj", "punct", "appos",
                   "punct", "conj"], [4, 0, 0, 0, 4, 9, 5, 5, 5, 4],
                  ["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"])
    assert got == [("Zolvik", "PERSON"), ("Acme", "ORG")]
