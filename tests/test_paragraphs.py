"""A blank line in a body always starts a new sentence, whatever the parser would say."""

from __future__ import annotations

import spacy

from transforms.text import paragraphs  # noqa: F401 (registers the component)


def test_sentence_starts_after_a_blank_line_only():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsetl_paragraphs")
    doc = nlp("Security challenge\n\nSeoul had threatened to scrap the pact in 2019 .")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Seoul" in starts
    assert not doc[1].is_sent_start or doc[1].is_space  # "challenge" does not start one


def test_parser_respects_the_break(nlp):
    doc = nlp("Talks resume in Geneva\n\nThe ministers met on Monday in Geneva.")
    assert [s.text.strip() for s in doc.sents][-1] == "The ministers met on Monday in Geneva."


def _starts(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsetl_paragraphs")
    return [t.text for t in nlp(text) if t.is_sent_start]


def test_a_lead_set_off_by_a_spaced_hyphen_is_a_sentence_of_its_own():
    assert "The" in _starts("Nov 10, 2011 - The army shelled the camp at dawn .")
    assert "Following" in _starts("Lena Hart - Following the vote, the mayor resigned .")
    # each paragraph's lead, and only the first hyphen of a paragraph's lead
    starts = _starts("Intro text .\n\nMay 2, 2020 - Rebels left - Army stays .")
    assert "Rebels" in starts and "Army" not in starts


def test_an_aside_or_a_late_hyphen_starts_no_sentence():
    assert _starts("The mayor - who had resigned - spoke on Monday .") == ["The"]
    late = ("The mayor of the small northern town said on Monday that the vote on the new "
            "budget - Rebels left .")
    assert _starts(late) == ["The"]
    assert _starts("A well-known man - Rebels left .")[1:] == ["Rebels"]  # in-word hyphens


def test_a_dash_ends_a_dateline_but_not_an_aside():
    assert "Kofi" in _starts("ACCRA, Ghana — Kofi Mensah was sentenced on Tuesday .")
    assert _starts("The mayor — Kofi Mensah — spoke on Monday .") == ["The"]
    assert "Rebels" in _starts("ACCRA — - Rebels left the town .")  # doubled dashes
