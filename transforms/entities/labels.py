"""Entity labels of other languages' pipelines, mapped to the contract's OntoNotes types.

spaCy's French, German, Spanish, Italian ... pipelines are trained on WikiNER-style labels
(PER, ORG, LOC, MISC), the English ones on OntoNotes (PERSON, ORG, GPE, LOC, NORP ...). The
``newsetl_label_map`` component (after the ner) renames PER to PERSON and keeps ORG; a LOC the
gazetteer knows as a country, state or city is a GPE (OntoNotes' "countries, cities,
states"), another LOC stays LOC; MISC (nationalities, events, works, products together) has no
single OntoNotes type and is dropped rather than mistyped. Labels already in OntoNotes pass.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms.places.gazetteer import candidates

RENAMED = {"PER": "PERSON"}
"""Labels that are an OntoNotes type under another name."""
DROPPED = frozenset({"MISC"})
"""Labels with no single OntoNotes type."""
PLACE_LABEL = "LOC"
"""The label of every place in WikiNER-style pipelines."""
STATE_KINDS = frozenset({"country", "state", "city"})
"""Gazetteer kinds that make a place an OntoNotes GPE."""


@Language.factory("newsetl_label_map", requires=["doc.ents"], assigns=["doc.ents"])
def make_label_map(nlp: Language, name: str) -> LabelMap:
    return LabelMap()


class LabelMap:
    """Rename, retype or drop a Doc's entities so that their labels are OntoNotes types."""

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [span for ent in doc.ents if (span := mapped(ent)) is not None]
        return doc


def mapped(ent: Span) -> Span | None:
    """``ent`` under its OntoNotes type, or None when it has none."""
    if ent.label_ in DROPPED:
        return None
    label = RENAMED.get(ent.label_, ent.label_)
    if label == PLACE_LABEL and any(p.kind in STATE_KINDS for p in candidates(ent.text)):
        label = "GPE"
    if label == ent.label_:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label)
