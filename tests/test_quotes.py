"""Quotations: finding them (scare quotes rejected) and attributing them to a speaker."""

from __future__ import annotations

import json

import pytest

from transforms.entities.quotes import MIN_QUOTE_WORDS, find_quotes
from transforms.nlp import pipeline as nlp_module


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotes(text)]


def test_straight_and_curly_double_quotes_without_marks_or_trailing_comma():
    text = ('\u201cWe will rebuild the port,\u201d she said. He replied: "That is not '
            'enough money for it."')
    assert _texts(text) == ["We will rebuild the port", "That is not enough money for it."]


def test_single_curly_quotes_are_quotes_but_apostrophes_are_not():
    text = "The minister\u2019s aide said \u2018we are not ready yet\u2019 on Friday."
    assert _texts(text) == ["we are not ready yet"]


@pytest.mark.parametrize("scare", ["\u201cnormalise\u201d", '"complete normalisation"',
                                   "\u2018irreversible\u2019"])
def test_scare_quotes_of_one_or_two_words_are_not_quotes(scare):
    assert MIN_QUOTE_WORDS == 3
    assert find_quotes(f"Officials vowed to {scare} ties with the neighbour.") == []


def test_quotes_do_not_run_across_paragraphs():
    text = '"An opening mark with no end here\n\nand a new paragraph" that closes.'
    assert find_quotes(text) == []


@pytest.fixture(scope="module")
def cases(cases_dir) -> list[dict]:
    return json.loads((cases_dir / "quotes" / "attribution.json").read_text(encoding="utf-8"))


def test_each_attribution_pattern(nlp, cases):
    for case in cases:
        doc = nlp(case["text"])
        found = nlp_module.records(doc, "d")
        assert [q["text"] for q in found.quotes] == [case["quote"]], case["pattern"]
        quote = found.quotes[0]
        assert doc.text[quote["start"]:quote["end"]] == quote["text"]
        assert quote["speaker_text"] == case["speaker"], case["pattern"]
        clusters = {m["cluster"]: m["name"] for m in found.mentions}
        entity = case.get("speaker_entity", case["speaker"])
        got = clusters.get(quote["speaker_cluster"]) if quote["speaker_cluster"] is not None \
            else None
        assert got == entity, case["pattern"]


def test_pronoun_stays_unresolved_when_two_people_were_named(nlp):
    text = ("Mayor Peter Halloran met Governor Lucy Brandt on Sunday. "
            "\u201cIt took ten years to build,\u201d she said.")
    quote = nlp_module.records(nlp(text), "d").quotes[0]
    assert quote["speaker_text"] == "she"
    assert quote["speaker_cluster"] is None
