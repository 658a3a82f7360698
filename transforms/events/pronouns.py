"""Who a pronoun stands for, read off the parse: the rules of
:func:`transforms.events.roles.actors_in` for "he", "him", "it", "its", "they", "them" and
the relative "who". News-style anaphora: the reporting clause's subject, the latest person of
the last sentences, a possessive's own clause subject, the latest plural actor of the
sentence; never the subject of the pronoun's own clause for an object pronoun (binding).
Demonstratives are left alone: guessing them invents participants.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.actors.gender import agrees
from transforms.events import roles
from transforms.events.words import (
    CLIMB_LIMIT,
    cues,
    entity_at,
    ents_within,
    has_form,
    window_start,
)

PRONOUN_WINDOW = 2
"""Sentences back in which a he/she is resolved to the latest PERSON (news-style anaphora)."""
EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "rain", "snow", "remain", "take",
                             "happen", "matter", "emerge"})
"""Verbs whose "it" subject is a dummy ("it is unclear", "it remains to be seen", "it
emerged that", "it took hours")."""
PRONOUN_CLIMB = 3
"""Heads climbed from a relative pronoun to its clause ("both of whom had fired")."""


def resolve_pronoun(pron: Token) -> list[Span]:
    """Antecedent of a pronoun: the reporting clause's subject, the latest person, a
    possessive's own clause subject, a "they"'s latest plural actor in its sentence, or the
    previous sentence's subject for an "it" or "they" that opens a sentence.

    "South Korea said it would ..." -> South Korea; "... Park. He said ..." -> Park; "the
    agency defended its decision" -> the agency; "worked with the authorities as they
    investigate" -> the authorities. Demonstratives are left unresolved: guessing them invents
    participants.
    """
    low = pron.lower_
    person = low in ("he", "she", "him", "her", "his")
    if pron.tag_ in ("WP", "WDT"):  # "X, who ...", "X and Y, both of whom ..."
        clause = _relative_clause(pron)
        return roles.actors_in(clause.head) if clause is not None else []
    if not person and low not in ("it", "its", "they", "them"):
        return []
    labels = {"PERSON"} if person else {"ORG", "GPE", "NORP"} if low != "they" else {
        "PERSON", "ORG"}
    clause = pron.head
    if pron.dep_ in roles.SUBJ and clause.dep_ == "ccomp" and \
            has_form(clause.head, cues()["reporting"]):
        subj = [a for a in roles.subject_of(clause.head, CLIMB_LIMIT - 1) if a.label_ in labels
                and not (person and a.label_ == "PERSON" and not agrees(a, low))]
        if subj and (low != "they" or subj[0].root.tag_ in ("NNS", "NNPS")
                     or subj[0].label_ == "ORG"):  # "Hamas announced that they would"
            return subj[:1]
    if person:
        return _latest_person(pron)
    if low == "its" and pron.dep_ == "poss":  # "the department will address its investigation"
        return _conjunct_owner(pron, labels) or _clause_subject(pron, labels)
    if low in ("they", "them"):
        return _latest_plural(pron) or _previous_actor(pron, plural=True)
    if low == "it" and pron.dep_ in roles.SUBJ:  # an object "it" is most often a thing
        return _previous_actor(pron, plural=False)
    return []


def _relative_clause(pron: Token) -> Token | None:
    """The relative clause a relative pronoun opens, within a few heads ("both of whom")."""
    node = pron.head
    for _ in range(PRONOUN_CLIMB):
        if node.dep_ == "relcl":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _conjunct_owner(pron: Token, labels: set[str]) -> list[Span]:
    """The body a possessive "its" on a conjunct belongs to: the conjunct before it ("UNHCR
    and its partners" -> UNHCR), not the subject of the clause around both."""
    owned = pron.head
    ent = entity_at(owned.head) if owned.dep_ == "conj" else None
    return [ent] if ent is not None and ent.label_ in labels and _singular(ent) else []


def _singular(span: Span) -> bool:
    """Whether a span can be the antecedent of "it"/"its": no plural people or common noun
    (the "Sudanese" of "30,000 Sudanese" are "they"); a plural name is one body ("the United
    States defended its decision")."""
    root = span.root
    return root.tag_ not in ("NNS", "NNPS") or (span.label_ != "NORP" and root.pos_ == "PROPN")


def _clause_subject(pron: Token, labels: set[str]) -> list[Span]:
    """The subject of the nearest clause above a possessive "its": a body's own act is most
    often named in its own clause ("the ministry defended its decision")."""
    node = pron.head
    for _ in range(CLIMB_LIMIT):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                and not c.left_edge.i <= pron.i <= c.right_edge.i]  # not "its forces" itself
        if subj:  # a person may stand for the body he heads ("the Moon administration")
            body = has_form(subj[0], cues()["state_noun"])
            return [a for a in roles.actors_in(subj[0]) if (a.label_ in labels or body)
                    and _singular(a)][:1]
        if node.head.i == node.i:
            return []
        node = node.head
    return []


def _latest_plural(pron: Token) -> list[Span]:
    """Antecedent of a "they" outside a report, or a "them": the latest plural actor before
    it in its sentence ("worked with the authorities as they investigate"), never its own
    clause's subject ("cops were able to free them": not the cops)."""
    sent = pron.sent
    bound = {a.start for a in _own_subject(pron)}
    plural = [e for e in ents_within(pron.doc, sent.start, pron.i)
              if e.label_ in roles.ACTOR_LABELS and e.root.tag_ in ("NNS", "NNPS")
              and e.start not in bound]
    return plural[-1:]


def _previous_actor(pron: Token, plural: bool) -> list[Span]:
    """Antecedent of an "it" or "they" subject of a sentence's main clause, or of a "them" its
    own sentence does not resolve: the previous sentence's subject for a subject pronoun
    (news keeps its topic as the subject: "The Kenyan government deported two journalists.
    It accused them ..."), its latest actor of that number for an object one ("... them":
    the journalists). Not an "it" of a copula or a weather verb ("It was unclear")."""
    start = pron.sent.start
    subject = pron.dep_ in roles.SUBJ
    if start == 0 or (subject and (_expletive(pron) or pron.head != pron.sent.root)):
        return []  # a subordinate "it" ("before it was set to expire") is rarely the topic
    prev = pron.doc[start - 1].sent
    labels = {"ORG", "GPE"} if not plural else {"ORG", "PERSON", "NORP"}
    fits = [e for e in ents_within(pron.doc, prev.start, prev.end)
            if e.label_ in labels and _singular(e) != plural]
    if subject:
        fits = [e for e in fits if e.root.dep_ in roles.SUBJ and e.root.head == prev.root]
    return fits[-1:]


def _expletive(pron: Token) -> bool:
    """An "it" that stands for no one: the subject of "be" or of a weather or seeming verb
    ("It is unclear whether", "it rained", "it seems")."""
    return pron.lower_ == "it" and pron.head.lemma_.lower() in EXPLETIVE_VERBS


def _latest_person(pron: Token) -> list[Span]:
    """The latest person named before a "he" or "him", a subject preferred, of a gender the
    pronoun agrees with (:mod:`transforms.actors.gender`); an object pronoun is never its own
    clause's subject ("Felt decided to work with him": not Felt)."""
    lo = window_start(pron, PRONOUN_WINDOW)
    bound = {a.start for a in _own_subject(pron)}
    people = [e for e in ents_within(pron.doc, lo, pron.i) if e.label_ == "PERSON"
              and e.start not in bound and agrees(e, pron.lower_)
              and e.root.tag_ not in ("NNS", "NNPS")]  # "her" is no "seven employees"
    subjects = [e for e in people if e.root.dep_ in roles.SUBJ]
    return (subjects or people)[-1:]


def _own_subject(pron: Token) -> list[Span]:
    """The subject of the clause an object pronoun ("him", "them") stands in, which the pronoun
    cannot refer to (binding: a non-reflexive object is free in its clause)."""
    if pron.dep_ not in ("dobj", "pobj", "dative") or pron.lower_ not in ("him", "her", "them"):
        return []
    verb = pron.head
    for _ in range(CLIMB_LIMIT):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    key = (id(pron.doc), pron.i)
    if verb.pos_ not in ("VERB", "AUX") or key in _BINDING:
        return []  # a pronoun inside its own clause's subject ("some of them ... them")
    _BINDING.add(key)
    try:
        return roles.subject_of(verb, 0)
    finally:
        _BINDING.discard(key)


_BINDING: set[tuple[int, int]] = set()
"""Pronouns whose own clause subject is being read: that subject may hold the pronoun itself
("some of them said X freed them"), which must not be resolved through it again."""
