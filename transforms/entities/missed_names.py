"""Names the statistical NER missed where the parse shows them acting or acted on.

A small NER model misses rare names ("Guyger was arrested", "Felt decided to cooperate"):
such a name is a proper noun in an argument position of its clause, outside every entity.
The ``newsetl_missed_names`` component (after ``newsetl_entity_cleanup``) adds it to
``doc.ents`` so that events, quotes and resolution see it like any other name. Its label is
the one the same word has in another entity of the document ("Kraft" after "Kraft Foods" is
ORG); else PERSON for a title-case word and ORG for an acronym; a country's name is a GPE
("Nigeria criticised the decision", first word of its sentence or not). Words the actor
vocabulary knows ("Police" tagged as a proper noun) and calendar words are left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.actors import agents
from transforms.actors.countries import country_of_word

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
"""Dependencies of a clause's own arguments (subject, passive subject, direct object) and of
the possessor, who is a noun event's actor or the one it is done to ("Loughner's rampage")."""
ARGUMENT_PREPS = frozenset({"by", "with", "against"})
"""Prepositions whose object is an argument (the agent, a partner, a target)."""
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
})
"""Proper nouns that date rather than name."""
MIN_ACRONYM = 2
"""An all-capital name of at least this many letters is taken for an organisation."""
MIN_NOUN_ACRONYM = 3
"""Letters of an all-capital word tagged as a common noun that is taken for a name: two-letter
ones ("TV", "PC") are more often words."""


@Language.factory("newsetl_missed_names", requires=["token.dep", "token.pos", "doc.ents"],
                  assigns=["doc.ents"])
def make_missed_names(nlp: Language, name: str) -> MissedNames:
    return MissedNames()


class MissedNames:
    """Add proper-noun arguments that no entity covers to ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        found = self.match(doc)
        if found:
            doc.ents = sorted([*doc.ents, *found], key=lambda s: s.start)
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """The missed names of ``doc``, in text order, never overlapping an entity."""
        labels = _labels_by_word(doc)
        inner = _capitalised_inside(doc)
        out: list[Span] = []
        for tok in doc:
            if not _argument(tok, labels):
                continue
            start = _name_start(tok)
            if tok.pos_ == "PROPN" and country_of_word(doc[start:tok.i + 1].text):
                out.append(Span(doc, start, tok.i + 1, label="GPE"))  # "Nigeria criticised"
            elif _name_like(tok) and (
                    not _opens_sentence(tok) or tok.text in inner or tok.text in labels):
                label = labels.get(tok.text) or _shape_label(tok)
                out.append(Span(doc, start, tok.i + 1, label=label))
        return out


def _opens_sentence(tok: Token) -> bool:
    """Whether ``tok`` is the first word of its sentence, where any word is capitalised."""
    return not any(t.is_alpha for t in tok.doc[tok.sent.start:tok.i])


def _capitalised_inside(doc: Doc) -> set[str]:
    """Words the document capitalises where the sentence does not make them: a word that
    opens a sentence is taken for a name only if it is one of these ("Phone hacking began"
    is no person; "Felt ... Felt decided" is)."""
    out: set[str] = set()
    for sent in doc.sents:  # one pass per sentence: the first word of each is left out
        words = [t for t in sent if t.is_alpha]
        out.update(t.text for t in words[1:] if t.text[:1].isupper())
    return out


def _argument(tok: Token, labels: dict[str, str]) -> bool:
    """A proper noun (or a word that a name of the document contains, which the tagger may
    call a noun: "Paddock fired"; or an acronym tagged as a noun) in an argument position,
    or coordinated with one ("by police and OSHA")."""
    if tok.ent_type_ or (tok.pos_ != "PROPN" and tok.text not in labels
                         and not _acronym_noun(tok)):
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in ARGUMENT_DEPS:
        return True
    return node.dep_ == "pobj" and node.head.lower_ in ARGUMENT_PREPS


def _acronym_noun(tok: Token) -> bool:
    """An all-capital word the tagger calls a common noun ("by police and OSHA"): a body's
    acronym more often than not, once its vocabulary and country words are left out."""
    return tok.pos_ == "NOUN" and tok.is_upper and len(tok.text) >= MIN_NOUN_ACRONYM


def _name_like(tok: Token) -> bool:
    low = tok.lower_
    return (tok.is_alpha and tok.text[:1].isupper() and low not in CALENDAR_WORDS
            and not tok.is_stop and agents.lookup(low, ("noun", "title")) is None
            and country_of_word(tok.text) is None)


def _name_start(tok: Token) -> int:
    """First token of the name: the contiguous proper-noun compounds before ``tok``, short
    of a title the tagger calls a proper noun ("Officer" in "Officer Guyger")."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.i != start - 1 or child.dep_ != "compound" or child.pos_ != "PROPN" \
                or child.ent_type_ or not _name_like(child):
            break
        start = child.i
    return start


def _labels_by_word(doc: Doc) -> dict[str, str]:
    """Each word of the document's PERSON and ORG entities -> that entity's label."""
    return {tok.text: ent.label_ for ent in doc.ents if ent.label_ in ("PERSON", "ORG")
            for tok in ent}


def _shape_label(tok: Token) -> str:
    return "ORG" if tok.is_upper and len(tok.text) >= MIN_ACRONYM else "PERSON"
