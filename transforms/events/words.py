"""Word lists and token helpers shared by the event modules (no parse rules of their own).

:func:`cues` reads the word lists of the parse rules (``data/event_cues.tsv``);
:func:`word_forms` guards lexicon look-ups against lemmatiser slips; :func:`entity_at` finds
the ``doc.ents`` entity under a token.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).parent.parent / "data"
CUES_PATH = DATA / "event_cues.tsv"

_SUFFIXES = ("ing", "ed", "es", "s", "d")
FORMS_CACHE_SIZE = 65536
"""Distinct (word, lemma, noun or not) triples whose forms are kept: the event rules ask for a
word's forms tens of times per token; a news vocabulary is a few tens of thousands."""

CLIMB_LIMIT = 5
"""Heads climbed to find an implicit subject or a governing clause (keeps rules local)."""


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists of the parse rules (data/event_cues.tsv): category -> lemmas."""
    out = {}
    for line in CUES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split("\t")
            out[name] = frozenset(words.split("|"))
    return out


def word_forms(token: Token) -> tuple[str, ...]:
    """Lemma, lower-cased form and, for words other than nouns, suffix-stripped forms: a
    guard against the lemmatiser's slips on verbs ("hopes" -> "hop", "slated" -> "slat").
    A noun's lemma is trusted: stripping would make "aides" an "aid"."""
    return _forms(token.lower_, token.lemma_, token.pos_ == "NOUN")


@lru_cache(maxsize=FORMS_CACHE_SIZE)
def _forms(low: str, lemma: str, noun: bool) -> tuple[str, ...]:
    forms = [lemma.lower(), low]
    if not noun:
        forms += [low[: -len(x)] for x in _SUFFIXES if low.endswith(x) and len(low) > len(x) + 2]
    return tuple(dict.fromkeys(forms))


def has_form(token: Token, words: frozenset[str]) -> bool:
    """Whether any of the token's forms is in ``words``."""
    return any(f in words for f in word_forms(token))


def has_mark(clause: Token, words: frozenset[str]) -> bool:
    """Whether a clause is introduced by one of ``words`` ("if asked", "though they talk")."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


def entity_at(token: Token) -> Span | None:
    """The ``doc.ents`` entity covering ``token``, found from the token's IOB tags.

    The same Span ``doc.ents`` holds (bounds, label, ids), without building the whole tuple:
    ``doc.ents`` makes a Span per entity of the document on every access, and the event rules
    ask for the entity under a token tens of thousands of times per thousand pages.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    head = doc[start]
    return Span(doc, start, end, label=head.ent_type, kb_id=head.ent_kb_id, span_id=head.ent_id)


def ents_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The ``doc.ents`` entities lying wholly within tokens [start, end) (what
    ``Span.ents`` gives), read from the IOB tags of those tokens alone: ``Span.ents`` builds
    every entity of the document on each access, the cost of a sentence's rules grew with
    the length of its page."""
    found = (entity_at(doc[i]) for i in range(start, end) if doc[i].ent_iob_ == "B")
    return [ent for ent in found if ent.end <= end]


def sentence_ents(token: Token) -> list[Span]:
    """The entities of the token's sentence (``token.sent.ents``, see :func:`ents_within`)."""
    sent = token.sent
    return ents_within(token.doc, sent.start, sent.end)


def modal_aux(word: Token, clause: Token) -> bool:
    """Whether ``word`` is a modal auxiliary of ``clause`` that says what is to be or may be:
    not a word of a compound adjective ("a must-watch drama") and not in a perfect clause
    ("must have been", "could have been" guess at the past)."""
    doc = word.doc
    hyphened = word.i + 1 < len(doc) and doc[word.i + 1].text == "-"
    perfect = any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in clause.children)
    return word.dep_ == "aux" and not hyphened and not perfect


def demands(clause: Token) -> bool:
    """Whether a clause says something must be done ("Israel must withdraw")."""
    return any(c.lower_ == "must" and modal_aux(c, clause) for c in clause.children)


def window_start(token: Token, sentences: int) -> int:
    """Index of the first token of the sentence ``sentences`` before ``token``'s own, or of
    the document's first: where an antecedent is searched from ("... Park. He said")."""
    sent = token.sent
    for _ in range(sentences):
        if sent.start == 0:
            break
        sent = token.doc[sent.start - 1].sent
    return sent.start
