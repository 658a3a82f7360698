"""The tone of what a speaker calls someone: a verb of naming ("called X a hero", "described
X as a killer") is praise or disapproval by its predicate's words.

The judgement comes from VADER (Hutto & Gilbert 2014, ``vadersentiment``), a maintained,
hand-rated valence lexicon tuned for short news and social-media text, not from a word list
of ours; its compound score is read with VADER's own published cut-offs.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

TONE_CUTOFF = 0.05
"""|compound| at or above which VADER calls a text positive or negative (VADER's README:
"positive sentiment: compound score >= 0.05", negative <= -0.05)."""
PREDICATE_DEPS = ("oprd", "acomp", "xcomp", "ccomp", "attr")
"""Children of a verb of naming that say what the named one is ("called X a hero")."""
AS_WORDS = ("as",)
"""Prepositions that introduce the predicate of "describe X as Y"."""


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def predicate(verb: Token) -> list[Token]:
    """The tokens of what ``verb`` calls its object: its predicate complement, or the object
    of its "as" ("described X as a methodical killer")."""
    heads = [c for c in verb.children if c.dep_ in PREDICATE_DEPS]
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in AS_WORDS
              for g in c.children if g.dep_ == "pobj"]
    return [t for h in heads for t in h.subtree]


def tone(verb: Token) -> str | None:
    """"+" when what ``verb`` calls its object is praise, "-" when it is disapproval, None
    when it is neutral or there is no predicate."""
    words = predicate(verb)
    if not words:
        return None
    score = _analyzer().polarity_scores(" ".join(t.text for t in words))["compound"]
    if score >= TONE_CUTOFF:
        return "+"
    return "-" if score <= -TONE_CUTOFF else None
