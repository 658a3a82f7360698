"""Who a noun phrase names when it is not a name itself: a description beside a name ("Felt,
a figure who was convicted"), the names an appositive gives a generic actor ("the governor of
Unity State, Taban Deng"), a part of a group ("dozens of police"), and what a common noun's
modifiers name ("South Korea's foreign ministry"). The helpers of
:func:`transforms.events.roles.actors_in`, which reads them at call time (the two modules refer
to each other, as :mod:`transforms.events.pronouns` does).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.actors import agents
from transforms.actors import references as actor_refs
from transforms.actors.generic import SPANS_KEY as GENERIC_KEY
from transforms.events import roles
from transforms.events.words import cues, entity_at, ents_within, has_form, window_start

BUSINESS = "BUS"
"""CAMEO agent of companies."""

PARTITIVE_WORDS = frozenset({"some", "many", "most", "all", "several", "dozens", "hundreds",
                             "thousands", "scores", "none", "each", "both", "few", "majority",
                             "half", "rest"})
"""Quantity words that pick a part of the group in their "of" phrase ("dozens of police")."""

FRONTED_DEPS = ("dep", "advcl", "npadvmod")
"""Dependencies the parse gives a description fronted before its clause's subject ("A figure
who was convicted, Felt was pardoned")."""

def apposed(token: Token) -> list[Span]:
    """The name a description stands beside: "Felt, a figure who was convicted" (apposition),
    "A figure who was convicted, Felt was pardoned" (a fronted description of the subject),
    "described X as a killer who waved a gun" (what X is called)."""
    if not (has_form(token, cues()["described_person"]) or agents.lookup(token.lemma_)):
        return []  # "an episode that led to protests" describes no one
    if token.dep_ == "appos":
        named = [entity_at(token.head)]
    elif token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
        named = [entity_at(c) for c in token.head.head.children if c.dep_ == "dobj"]
    elif token.dep_ in FRONTED_DEPS and token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX"):
        named = [entity_at(c) for c in token.head.children
                 if c.dep_ in roles.SUBJ and c.i > token.i]
    else:
        return []
    return [e for e in named if e is not None and e.label_ in roles.ACTOR_LABELS][:1]


def generic_span(ent: Span) -> Span | None:
    """The Doc's generic actor span with ``ent``'s bounds ("the governor", "a trio"), which
    carries its country (``kb_id_``), or None when ``ent`` is a name."""
    return generic_spans(ent.doc).get((ent.start, ent.end))


_INDEXED: list = [None, {}]  # the SpanGroup last indexed, and its index


def generic_spans(doc: Doc) -> dict[tuple[int, int], Span]:
    """The Doc's generic actor spans by their bounds. Indexed once per group: a pass over a
    SpanGroup makes a Span of each member, and the event rules ask thousands of times per
    page. Only the generic actors component writes the group, before the event rules run."""
    group = doc.spans.get(GENERIC_KEY)
    if group is None:
        return {}
    if _INDEXED[0] is not group:
        _INDEXED[:] = [group, {(g.start, g.end): g for g in group}]
    return _INDEXED[1]


def elided_partners(token: Token) -> list[Span]:
    """The generic actors that a coordinated nationality before ``token``'s own stands for:
    "Indian" in "Indian and Pakistani troops" is the Indian troops
    (:func:`transforms.actors.generic.coordinated_parts`)."""
    ent = entity_at(token)
    spans = generic_spans(token.doc)
    if ent is None or (ent.start, ent.end) not in spans:
        return []
    found = (entity_at(token.doc[start]) for start, end in spans
             if token.left_edge.i <= start and end <= ent.start)
    return [e for e in found if e is not None]


def named_appositives(token: Token) -> list[Span]:
    """The named people or bodies an appositive gives a generic noun ("a trio of players --
    A, B and C --"): the names act, the description only introduces them."""
    out = []
    for c in token.children:
        if c.dep_ != "appos":
            continue
        for g in (c, *c.conjuncts):
            ent = entity_at(g)
            if ent is not None and ent.label_ in ("PERSON", "ORG") and not generic_span(ent):
                out.append(ent)
    if not out:  # "the governor of Unity State, Taban Deng,": the parse hangs it on the place
        out = [e for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" for a in g.children if a.dep_ == "appos"
               if (e := entity_at(a)) is not None and e.label_ == "PERSON"
               and not generic_span(e)]
    return out


def partitive(token: Token) -> bool:
    """A number or quantity word with an "of" phrase: a part of the group it names."""
    quantity = token.like_num or token.pos_ == "NUM" or token.lower_ in PARTITIVE_WORDS
    return quantity and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def countryless_generic(ent: Span) -> bool:
    """Whether ``ent`` is a generic actor ("ministers") whose own words name no country."""
    generic = generic_span(ent)
    return generic is not None and not generic.kb_id_


def described(token: Token, depth: int) -> list[Span]:
    """Actors named by a common noun's modifiers; a government body stands for its state."""
    found = [a for c in token.children if c.dep_ in ("compound", "poss", "nmod", "appos", "amod")
             and not (c.dep_ == "poss" and roles.undergoes(token))
             for a in roles.actors_in(c, depth + 1)]
    if not found and token.lemma_.lower() in cues()["agent_noun"]:
        found = roles.prep_objects(token, ("of",))
    if not actor_refs.is_state_noun(token):
        return found
    return [actor_refs.state_of(a) for a in found] or actor_refs.state_antecedent(token)


BUSINESS_WINDOW = 2
"""Sentences before "the company" searched for the company it names: a news paragraph names
the firm, then calls it "the company" in the same or the next sentences."""


def named_business(token: Token) -> list[Span]:
    """The company a bare "the company" (or "the firm", "the carmaker", ...: a business noun
    of the actor vocabulary) stands for: the latest organisation named before it, within
    :data:`BUSINESS_WINDOW` sentences, whose name says it is a business or says nothing
    ("Kraft said ... the company would provide counseling" -> Kraft). A newspaper or a
    ministry named last is no company, and a phrase with its own modifiers names its own."""
    row = agents.lookup(token.lemma_)
    if row is None or row.agent != BUSINESS or token.tag_ != "NN" \
            or any(c.dep_ != "det" for c in token.lefts) \
            or not any(c.lower_ == "the" for c in token.lefts):
        return []  # "the companies" are several
    lo = window_start(token, BUSINESS_WINDOW)
    named = [e for e in ents_within(token.doc, lo, token.i) if e.label_ == "ORG"
             and generic_span(e) is None]
    return [e for e in named if agents.agent_of_org(e.text) in (None, BUSINESS)
            and not any(has_form(t, cues()["nonagent"]) for t in e)][-1:]  # "Hurricane Sandy"
