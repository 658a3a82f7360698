"""Token helpers of the event rules, on hand-built Docs."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from transforms.events.words import entity_at, ents_within

_LABELS = ["PERSON", "GPE", "ORG"]


def _doc_with_ents(n_tokens: int, cuts: list[tuple[int, int, int]]) -> Doc:
    """A blank Doc of ``n_tokens`` words with non-overlapping entities from ``cuts``
    ((start, length, label index) pairs, overlaps dropped), some with an entity id."""
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=[f"w{i}" for i in range(n_tokens)])
    ents, taken = [], set()
    for start, length, label in cuts:
        end = min(start + length, n_tokens)
        if start >= n_tokens or taken & set(range(start, end)):
            continue
        taken |= set(range(start, end))
        ents.append(Span(doc, start, end, label=_LABELS[label], span_id=f"id{start}" * (label % 2)))
    doc.ents = ents
    return doc


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(0, 11), st.integers(1, 4),
                                              st.integers(0, 2)), max_size=5))
def test_entity_at_is_the_doc_ents_span_under_the_token(n_tokens, cuts):
    doc = _doc_with_ents(n_tokens, cuts)
    for token in doc:
        under = [e for e in doc.ents if e.start <= token.i < e.end]
        found = entity_at(token)
        if not under:
            assert found is None
        else:
            ent = under[0]
            assert (found.start, found.end, found.label_, found.id_) == (
                ent.start, ent.end, ent.label_, ent.id_)


def test_adjacent_entities_stay_apart():
    doc = _doc_with_ents(4, [(0, 2, 0), (2, 2, 1)])
    assert (entity_at(doc[1]).start, entity_at(doc[2]).start) == (0, 2)
    assert entity_at(doc[3]).label_ == "GPE"


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(0, 11), st.integers(1, 4),
                                              st.integers(0, 2)), max_size=5),
       st.integers(0, 12), st.integers(0, 12))
def test_ents_within_are_the_doc_ents_inside_the_range(n_tokens, cuts, start, end):
    doc = _doc_with_ents(n_tokens, cuts)
    start, end = min(start, n_tokens), min(end, n_tokens)
    want = [(e.start, e.end, e.label_, e.id_) for e in doc.ents
            if start <= e.start and e.end <= end]
    got = [(e.start, e.end, e.label_, e.id_) for e in ents_within(doc, start, end)]
    assert got == want
