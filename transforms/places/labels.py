"""Places the NER took for people or organisations, relabelled by where they stand.

A small NER model often tags a city as a PERSON ("in Aleppo", "the town of Khan Yunis"). A
name that stands where only a place can (the object of a locative preposition, the "of"
phrase of a settlement noun, the possessor of a place noun: "Aleppo's jail") and that the
gazetteer knows is a place: the ``newsetl_place_labels`` component (after the ner and the
entity fixes) relabels it GPE, so that events are located and mapped by it. A name the
gazetteer does not know keeps its label: nothing is guessed.

A LOC or ORG that is a country's own name is a GPE wherever it stands (OntoNotes tags
countries GPE; "accusing South Sudan" must find an actor); a PERSON is left alone, as Jordan
and Chad are also given names. Conversely a one-word GPE that no list knows, acting or
acted on, is a PERSON ("Lohan was accused"); a one-word PERSON that is a capital's name, and
no longer name's word, is the GPE that news uses for a government ("Khartoum said"); a
one-word name that is a nationality qualifying a noun is a NORP ("the Ugandan army").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms.actors.countries import country_of_word
from transforms.places.gazetteer import candidates, country_of_capital, named_place

RELABELLED = frozenset({"PERSON", "ORG"})
"""Labels a place is mistaken for."""
COUNTRY_RELABELLED = frozenset({"LOC", "ORG"})
"""Labels a country's own name is mistaken for and taken back from anywhere."""
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across",
                         "throughout"})
"""Prepositions whose object is a place ("in Aleppo"); "to" and "from" are left out, as they
also take people ("wrote to Smith", "a call from Hall")."""
DIRECTION_PREPS = frozenset({"to", "from"})
"""Prepositions that take a place or a person; after them a town-named LOC stays a place."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Positions where a capital's name acts for its government."""
PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
"""Positions where an unknown one-word GPE is more likely a person than a place."""
PARTY_PREPS = frozenset({"with", "by", "against"})
"""Prepositions whose object is a party ("met with X", "accused by X")."""
NOUN_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
"""Positions of a nationality before the noun it qualifies ("the Ugandan army")."""
MIN_AGE, MAX_AGE = 1, 119
"""Numbers read as a person's age between commas after a name ("Cardi, 25,")."""
SETTLEMENTS = frozenset({"town", "city", "village", "region", "province", "district",
                         "county", "capital", "suburb", "island", "port"})
"""Nouns whose "of" phrase names a place: "the town of Khan Yunis"."""
PLACE_OWNED = frozenset({"jail", "prison", "hospital", "airport", "street", "outskirts",
                         "centre", "center", "square", "market", "port", "suburb",
                         "neighbourhood", "neighborhood", "district", "province", "city",
                         "border", "coast", "capital"})
"""Nouns whose possessor is a place: "Aleppo's jail", "Gaza's border"."""


@Language.factory("newsetl_place_labels", requires=["token.dep", "doc.ents"],
                  assigns=["doc.ents"])
def make_place_labels(nlp: Language, name: str) -> PlaceLabels:
    return PlaceLabels()


class PlaceLabels:
    """Relabel as GPE the names that are places by their position or their name, and as
    PERSON the one-word places that are surnames by their position (module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        names = _person_words(ents)
        changed = [_relabelled(e, names) for e in ents]
        if changed != ents:
            doc.ents = changed
        return doc


def _relabelled(ent: Span, person_words: set[str]) -> Span:
    """``ent`` with the label its position and name call for (itself when it keeps its own)."""
    if is_misread_place(ent) or is_misread_country(ent) or is_misread_capital(ent, person_words):
        label = "GPE"
    elif is_misread_person(ent) or is_aged(ent):
        label = "PERSON"
    elif is_misread_nationality(ent):
        label = "NORP"
    else:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label, span_id=ent.id_)


def is_misread_place(ent: Span) -> bool:
    """Whether ``ent`` is a person or organisation by its label, a place by its position,
    and a known place by the gazetteer."""
    if ent.label_ not in RELABELLED:
        return False
    root = ent.root
    if _owns_place_noun(ent):
        return bool(candidates(ent.text))
    if root.dep_ != "pobj":
        return False
    prep, above = root.head, root.head.head
    placed = prep.lower_ in PLACE_PREPS or (
        prep.lower_ == "of" and above.lemma_.lower() in SETTLEMENTS)
    return placed and bool(candidates(ent.text))


def _owns_place_noun(ent: Span) -> bool:
    """Whether ``ent`` is the possessor of a place noun ("Aleppo's jail")."""
    root = ent.root
    return root.dep_ == "poss" and root.head.lemma_.lower() in PLACE_OWNED


def is_misread_country(ent: Span) -> bool:
    """Whether ``ent`` is tagged LOC or ORG but is a country's own name ("South Sudan")."""
    if ent.label_ not in COUNTRY_RELABELLED:
        return False
    found = candidates(ent.text)
    return bool(found) and found[0].kind == "country" and \
        found[0].name.lower() == ent.text.lower().removeprefix("the ")


def is_misread_person(ent: Span) -> bool:
    """Whether ``ent`` is one capitalised word tagged as a place that is a person: a GPE that
    no gazetteer or country list knows, standing where a person acts or is acted on ("Lohan
    was accused"), or a LOC that the gazetteer knows only as a town, anywhere but after a
    place preposition ("met with Boras", "Boras said": the NER calls towns GPE, so a
    town-named LOC is more often a misread surname)."""
    if ent.label_ not in ("GPE", "LOC") or len(ent) != 1 or not ent.text.istitle():
        return False
    root = ent.root
    if ent.label_ == "LOC":  # anywhere but where only a place stands ("in Boras")
        found = candidates(ent.text)
        located = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS | DIRECTION_PREPS
        return not located and bool(found) and all(p.kind == "city" for p in found)
    if root.dep_ not in PERSON_DEPS and not (
            root.dep_ == "pobj" and root.head.lower_ in PARTY_PREPS):
        return False
    return not candidates(ent.text) and country_of_word(ent.text) is None


def is_misread_nationality(ent: Span) -> bool:
    """Whether ``ent`` is one word tagged as a name that is a nationality modifying a noun
    ("the Ugandan army", which the NER read as an organisation "Ugandan"): a country word
    that names no place."""
    root = ent.root
    if ent.label_ not in RELABELLED or len(ent) != 1 or root.dep_ not in NOUN_MODIFIER_DEPS \
            or root.head.pos_ != "NOUN" or root.head.i < root.i:
        return False
    place = named_place(ent.text)
    return country_of_word(ent.text) is not None and (
        place is None or place.name.lower() != ent.text.lower())


def is_aged(ent: Span) -> bool:
    """Whether ``ent`` is tagged as something else but is a person given an age, as news
    writes it: "Cardi, 25, took off her shoe", "Pitman, 24, is accused"."""
    doc, end = ent.doc, ent.end
    if ent.label_ == "PERSON" or end + 2 >= len(doc) or doc[end].text != "," \
            or doc[end + 2].text != "," or not doc[end + 1].text.isdigit():
        return False
    return MIN_AGE <= int(doc[end + 1].text) <= MAX_AGE


def is_misread_capital(ent: Span, person_words: set[str]) -> bool:
    """Whether ``ent`` is tagged PERSON but is one word naming a country's capital, as the
    subject that news makes of its government ("Khartoum submitted a complaint"; "met with
    Paris" stays a person), and no longer name of the document has that word ("Sofia
    Vergara ... Sofia said" keeps the person)."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ent.root.dep_ in SUBJECT_DEPS \
        and ent.text not in person_words and country_of_capital(ent.text) is not None


def _person_words(ents: list[Span]) -> set[str]:
    """Words of the document's PERSON names of more than one word."""
    return {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
