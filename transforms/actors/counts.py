"""Generic actors that are a bare count of people: "at least eight were killed" (the
victims), "thousands marched" (the crowd). The counted people are civilians or protesters,
named as ICEWS names those it does not describe; :mod:`.generic` adds these spans to its own."""

from __future__ import annotations

from spacy.tokens import Span, Token

CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "hurt", "shoot", "stab", "behead",
                            "execute", "massacre", "abduct", "kidnap", "arrest", "detain",
                            "capture", "rescue", "evacuate", "free", "release", "displace"})
"""Verbs whose bare count is people: "at least eight were killed", "police arrested 12"."""
COUNT_WORDS = frozenset({"dozens", "hundreds", "thousands", "scores", "millions"})
"""Count words that stand for people as a number does."""
VICTIM_NAME = "Citizen"
"""ICEWS's generic name for people the text does not describe (CAMEO agent CVL)."""


def casualty_count(tok: Token) -> Span | None:
    """A bare number that a verb of violence or custody acts on: the people it counts
    ("at least eight have been killed", "arrested 12"), civilians (CVL, "Citizen") as ICEWS
    codes unnamed victims. Not a count of something it names ("eight of them", "two cars")."""
    if not _is_count(tok) or tok.dep_ not in ("nsubjpass", "dobj") or \
            lemma_of(tok.head) not in CASUALTY_VERBS or any(
                c.dep_ in ("prep", "compound", "amod") for c in tok.children):
        return None
    return Span(tok.doc, tok.left_edge.i, tok.i + 1, label="CVL", kb_id="",
                span_id=VICTIM_NAME)


CROWD_VERBS = frozenset({"protest", "march", "rally", "demonstrate", "riot"})
"""Verbs whose bare count subject is a crowd of protesters: "thousands marched"."""
CROWD_NAME = "Protester"
"""ICEWS's generic name for protesters (CAMEO agent CVL), as the vocabulary names them."""


def crowd_count(tok: Token) -> Span | None:
    """A bare count that protests: the crowd ("thousands marched in Santiago", "tens of
    thousands rallied"), protesters (CVL) as the vocabulary names them. Not a count of
    something it names ("hundreds of students" is the students)."""
    if not (_is_count(tok) or tok.lower_ == "tens") or not _protesting(tok):
        return None
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ in ("compound", "amod") for c in tok.children) or \
            any(g.lower_ not in COUNT_WORDS for g in of):
        return None
    end = of[0].i + 1 if of else tok.i + 1
    return Span(tok.doc, tok.left_edge.i, end, label="CVL", kb_id="", span_id=CROWD_NAME)


def _is_count(tok: Token) -> bool:
    """A number or a count word (:data:`COUNT_WORDS`) standing for people."""
    return tok.like_num or tok.pos_ == "NUM" or tok.lower_ in COUNT_WORDS


def _protesting(tok: Token) -> bool:
    """Whether ``tok`` is the subject of a protest verb, or the head the parse hung one on
    ("About 2,000 protested" read as a number modified by a participle)."""
    if tok.dep_ == "nsubj":
        return lemma_of(tok.head) in CROWD_VERBS
    return tok.dep_ == "ROOT" and any(c.dep_ == "acl" and lemma_of(c) in CROWD_VERBS
                                      for c in tok.children)


def lemma_of(tok: Token) -> str:
    """Lower-case lemma, or the lower-case text where no lemmatizer ran."""
    return (tok.lemma_ or tok.text).lower()
