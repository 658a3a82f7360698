"""Entity-ruler patterns for organisations the actor vocabulary knows by name (blank
pipeline: the point is which spellings match, not the model)."""

from __future__ import annotations

import spacy

from transforms.actors import known_names


def _ents(text: str, names: list[str]) -> list[tuple[str, str]]:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(known_names.patterns(nlp.make_doc, names))
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_names_match_as_written_and_short_ones_only_in_capitals():
    names = ["boko haram", "al-shabaab", "idf"]
    assert _ents("Boko Haram and al-Shabaab fought the IDF.", names) == [
        ("Boko Haram", "ORG"), ("al-Shabaab", "ORG"), ("IDF", "ORG")]
    assert _ents("boko haram idf Idf", names) == []


def test_the_ruled_names_are_armed_groups_forces_and_media_not_surnames():
    ruled = set(known_names.ruled_names())
    assert {"hamas", "islamic state", "idf", "reuters"} <= ruled
    assert not ruled & {"wagner", "bloomberg", "united nations", "nato"}
