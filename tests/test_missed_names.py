"""Names the NER missed, found by their place in the parse (hand-built Docs: the parse is
given, the point is the rule, not the model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from transforms.entities.missed_names import MissedNames

BLANK = spacy.blank("en")


def _doc(words, pos, deps, heads, ents=None) -> Doc:
    doc = Doc(BLANK.vocab, words=words, pos=pos, deps=deps, heads=heads,
              ents=ents or ["O"] * len(words))
    return MissedNames()(doc)


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_a_proper_noun_subject_outside_every_entity_becomes_a_person():
    doc = _doc(["Later", "Zwolinek", "was", "arrested"], ["ADV", "PROPN", "AUX", "VERB"],
               ["advmod", "nsubjpass", "auxpass", "ROOT"], [3, 3, 3, 3])
    assert _ents(doc) == [("Zwolinek", "PERSON")]


def test_a_word_opening_a_sentence_is_a_name_only_if_capitalised_elsewhere():
    words = ["Phone", "hacking", "began", ".", "Then", "Felt", "met", "Kent", ".", "Felt",
             "left"]
    pos = ["PROPN", "NOUN", "VERB", "PUNCT", "ADV", "PROPN", "VERB", "PROPN", "PUNCT",
           "PROPN", "VERB"]
    deps = ["nsubj", "dep", "ROOT", "punct", "advmod", "nsubj", "ROOT", "dobj", "punct",
            "nsubj", "ROOT"]
    heads = [2, 2, 2, 2, 6, 6, 6, 6, 6, 10, 10]
    doc = Doc(BLANK.vocab, words=words, pos=pos, deps=deps, heads=heads,
              sent_starts=[True] + [False] * 3 + [True] + [False] * 4 + [True, False])
    assert _ents(MissedNames()(doc)) == [("Felt", "PERSON"), ("Kent", "PERSON"),
                                         ("Felt", "PERSON")]


def test_compounds_join_and_an_acronym_is_an_organisation():
    doc = _doc(["Anna", "Zwolinek", "sued", "ZKTX"], ["PROPN", "PROPN", "VERB", "PROPN"],
               ["compound", "nsubj", "ROOT", "dobj"], [1, 2, 2, 2])
    assert _ents(doc) == [("Anna Zwolinek", "PERSON"), ("ZKTX", "ORG")]


def test_a_title_the_tagger_calls_a_proper_noun_is_left_out_of_the_name():
    doc = _doc(["Officer", "Zwolinek", "was", "fired"], ["PROPN", "PROPN", "AUX", "VERB"],
               ["compound", "nsubjpass", "auxpass", "ROOT"], [1, 3, 3, 3])
    assert _ents(doc) == [("Zwolinek", "PERSON")]


def test_a_word_takes_the_label_it_has_in_another_entity():
    doc = _doc(["Kraft", "Foods", "said", "Kraft", "fired", "him"],
               ["PROPN", "PROPN", "VERB", "PROPN", "VERB", "PRON"],
               ["compound", "nsubj", "ROOT", "nsubj", "ccomp", "dobj"], [1, 2, 2, 4, 2, 4],
               ents=["B-ORG", "I-ORG", "O", "O", "O", "O"])
    assert _ents(doc) == [("Kraft Foods", "ORG"), ("Kraft", "ORG")]


def test_vocabulary_calendar_and_non_arguments_stay_out():
    doc = _doc(["Police", "met", "on", "Monday", "in", "Zwolin"],
               ["PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN"],
               ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj"], [1, 1, 1, 2, 1, 4])
    assert _ents(doc) == []


@pytest.mark.parametrize("tag", ["PROPN", "NOUN"])  # an acronym the tagger calls a noun too
def test_a_name_coordinated_with_an_argument_is_found(tag):
    coordinated = _doc(["It", "was", "probed", "by", "police", "and", "OSHA"],
                       ["PRON", "AUX", "VERB", "ADP", "NOUN", "CCONJ", tag],
                       ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "cc", "conj"],
                       [2, 2, 2, 2, 3, 4, 4])
    assert _ents(coordinated) == [("OSHA", "ORG")]


def test_a_word_of_a_name_tagged_as_a_noun_is_found_but_not_a_short_or_plain_noun():
    # a word of a name of the document, tagged as a common noun where it stands alone
    doc = _doc(["Jan", "Zwolinek", "left", ",", "then", "Zwolinek", "fired"],
               ["PROPN", "PROPN", "VERB", "PUNCT", "ADV", "NOUN", "VERB"],
               ["compound", "nsubj", "ROOT", "punct", "advmod", "nsubj", "ROOT"],
               [1, 2, 2, 2, 6, 6, 6], ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"])
    assert _ents(doc) == [("Jan Zwolinek", "PERSON"), ("Zwolinek", "PERSON")]
    plain = _doc(["The", "paddock", "flooded"], ["DET", "NOUN", "VERB"],
                 ["det", "nsubj", "ROOT"], [1, 2, 2])
    assert _ents(plain) == []
    short = _doc(["The", "TV", "showed", "it"], ["DET", "NOUN", "VERB", "PRON"],
                 ["det", "nsubj", "ROOT", "dobj"], [1, 2, 2, 2])
    assert _ents(short) == []  # a two-letter capital word is more often a word


def test_a_proper_noun_possessor_is_a_name():
    doc = _doc(["After", "Zwolinek", "'s", "rampage", ",", "it", "ended"],
               ["ADP", "PROPN", "PART", "NOUN", "PUNCT", "PRON", "VERB"],
               ["prep", "poss", "case", "pobj", "punct", "nsubj", "ROOT"],
               [6, 3, 1, 0, 6, 6, 6])
    assert _ents(doc) == [("Zwolinek", "PERSON")]


def test_a_country_missed_even_first_in_its_sentence_is_a_place():
    doc = _doc(["South", "Africa", "condemned", "Kenya"], ["PROPN", "PROPN", "VERB", "PROPN"],
               ["compound", "nsubj", "ROOT", "dobj"], [1, 2, 2, 2])
    assert _ents(doc) == [("South Africa", "GPE"), ("Kenya", "GPE")]
