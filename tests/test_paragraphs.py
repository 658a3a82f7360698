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
