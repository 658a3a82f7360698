"""The trigger lexicon: which words signal which PLOVER event type.

A :class:`TriggerClassifier` types a token as one of PLOVER's sixteen event types, or as no
event. Today that is :class:`TriggerLexicon`: lemma + part of speech + light constraints on
the parse ("withdraw from the treaty" is REJECT, "withdraw troops" RETREAT), read from
``transforms/data/plover_triggers.tsv`` (format documented in its header). It lives apart from
the component (:mod:`transforms.events.mentions`) so that a trained classifier can replace it
without touching the rules that read roles, date, place and modality off the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from spacy.tokens import Token

from transforms.events.phrases import partitive
from transforms.events.pronouns import resolve_pronoun
from transforms.events.roles import NOMINAL_MODS, objects, purpose_clause
from transforms.events.tone import tone
from transforms.events.words import DATA, modal_aux, word_forms

LEXICON_PATH = DATA / "plover_triggers.tsv"
CLAUSE_MARKERS = ("aux", "mark", "advmod", "nsubj", "nsubjpass", "dobj", "attr")
"""Dependencies of the words that say what kind of clause a ``ccomp:`` constraint reads: a
modal ("could"), a conjunction ("whether") or a question word ("why", "who", "what")."""
FIRST_PERSON = frozenset({"i", "we"})
"""Subjects by which a speaker says what they did themselves: a confession, no accusation."""
NUMBER = "NUM"
"""A constraint value that any number meets ("subj:NUM": "about 2,000 protested")."""


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger word means: PLOVER type, optional mode, and the type it takes negated."""

    type: str
    mode: str | None = None
    neg_type: str | None = None


class TriggerClassifier(Protocol):
    """Types a token as an event trigger; a trained classifier can implement this too."""

    def classify(self, token: Token) -> TriggerSense | None:
        """The sense of ``token`` as a trigger, or None when it signals no event."""


@dataclass(frozen=True)
class _Entry:
    sense: TriggerSense
    requires: tuple[tuple[str, frozenset[str]], ...]


class TriggerLexicon:
    """Lemma (+ part of speech + light constraints on the parse) -> PLOVER type."""

    def __init__(self, entries: dict[tuple[str, str], list[_Entry]]):
        self.entries = entries

    @classmethod
    def from_tsv(cls, path: Path = LEXICON_PATH) -> TriggerLexicon:
        """Read the lexicon file (format documented in its header)."""
        classes: dict[str, frozenset[str]] = {}
        entries: dict[tuple[str, str], list[_Entry]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0].startswith("@"):
                classes[cols[0]] = frozenset(cols[1].split("|"))
                continue
            lemma, pos, etype, mode, requires, neg = (cols + ["-"] * 6)[:6]
            sense = TriggerSense(etype, _dash(mode), _dash(neg))
            entry = _Entry(sense, _parse_requires(requires, classes))
            entries.setdefault((lemma, pos), []).append(entry)
        return cls(entries)

    def classify(self, token: Token) -> TriggerSense | None:
        """First entry of the token's lemma and POS whose constraints hold."""
        pos = {"VERB": "VERB", "NOUN": "NOUN"}.get(token.pos_)
        if pos is None:
            return None
        for form in (*word_forms(token), *_hyphenated(token)):
            for entry in self.entries.get((form, pos), []):
                if all(_holds(token, kind, values) for kind, values in entry.requires):
                    return entry.sense if entry.sense.type != "-" else None
        return None


def _hyphenated(token: Token) -> tuple[str, ...]:
    """The whole word a token ends when the tokenizer split it at a hyphen ("build-up" ->
    "build", "-", "up"): "build-up"."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return ()
    return (f"{doc[i - 2].lower_}-{token.lower_}",)


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _parse_requires(text: str, classes: dict[str, frozenset[str]]):
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        if part == "-":
            continue
        kind, _, vals = part.partition(":")
        words: set[str] = set()
        for v in vals.split("|") if vals else []:
            words |= classes.get(v, {v})
        out.append((kind, frozenset(words)))
    return tuple(out)


PARTICLES = frozenset({"back", "out", "off", "down", "up", "over", "away"})
"""Particles of phrasal verbs that the parser may attach as adverbs ("pushed back the
militants", "called off the strike"): a ``prt:`` constraint accepts them either way."""


def _holds(token: Token, kind: str, values: frozenset[str]) -> bool:
    """Check one lexicon constraint on the parse around ``token``."""
    if kind == "plural":
        return token.tag_ in ("NNS", "NNPS")
    if kind == "prt":  # the small model often reads a particle as an adverb ("pushed back")
        return any((c.dep_ in ("prt", "prep") or c.dep_ == "advmod" and c.lower_ in PARTICLES)
                   and c.lower_ in values for c in token.children)
    if kind == "act":  # "the decision to abandon the deal"
        return any(g.dep_ in ("acl", "xcomp") and g.lemma_.lower() in values
                   for o in objects(token) for g in o.children)
    if kind == "obj" and "*" in values:
        return any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    if kind == "pred" and "*" in values:
        return any(c.dep_ in ("oprd", "acomp") for c in token.children)
    if kind == "xcomp":  # "ordered X to pay": any infinitive, or one of these verbs
        return any(c.dep_ == "xcomp" and (not values or c.lemma_.lower() in values)
                   for c in token.children)
    if kind == "head":  # "rejected calls for a ceasefire": what the ceasefire depends on
        head = token.head.head if token.head.pos_ == "ADP" else token.head
        return head != token and head.lemma_.lower() in values
    if kind == "claim":  # "said the government lied": what a speaker says someone did
        return any(c.dep_ == "ccomp" and c.lemma_.lower() in values and _asserted(c)
                   for c in token.children)
    if kind == "ccomp":  # "warned it could be terminated", "asked whether it was"
        return any(c.dep_ == "ccomp" and ("*" in values or _marked(c, values))
                   for c in token.children)
    if kind == "participle":  # "a group called X", "when asked about it"
        return token.tag_ == "VBN" and token.dep_ in ("acl", "advcl") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children)
    if kind == "reason":
        return any(_gives_reason(c) for c in token.children)
    if kind == "tone":  # "called X a hero" / "a killer"
        return tone(token) in values
    if kind == "subj":  # an infinitive's subject is its controller's ("X continued to talk")
        pool = [t for h in _subject_heads(token)
                for t in (h, *h.conjuncts, *(g for g in h.children if g.dep_ == "compound"))]
        pool += [a.root for t in pool if t.pos_ == "PRON" for a in resolve_pronoun(t)]
        if "*" in values:  # someone does it: "was described as X" by no one is no event
            return bool(pool)
    elif kind == "dobj":  # the direct object alone: "fired three ministers", not "fired at"
        pool = [t for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                for t in (c, *c.conjuncts)]
    elif kind == "pred":  # also an adjective parsed after its object ("found X guilty")
        pool = [c for c in token.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
        pool += [g for c in token.children if c.dep_ == "dobj" for g in c.children
                 if g.dep_ == "amod" and g.i > c.i]
    else:
        pool = list(objects(token))
        pool += [g for h in pool if partitive(h) for p in h.children
                 if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                 if g.dep_ == "pobj"]  # "demolished hundreds of homes": the homes
        if token.dep_ == "acl" and token.tag_ == "VBN":  # "a poll released in May"
            pool.append(token.head)
    if kind == "mod":
        pool += [c for c in token.children if c.dep_ in NOMINAL_MODS]
    return any(t.lemma_.lower() in values or t.lower_ in values or t.ent_type_ in values
               or _hyphened(t) in values or (t.like_num and NUMBER in values) for t in pool)


def _asserted(clause: Token) -> bool:
    """Whether a clause says someone else did it: not negated, not a modal ("I'd be lying
    if"), not of the speaker ("I lied")."""
    return not any(g.dep_ == "neg" or g.tag_ == "MD" or (
        g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in FIRST_PERSON) for g in clause.children)


def _marked(clause: Token, values: frozenset[str]) -> bool:
    """Whether a clause has one of ``values`` among its auxiliaries, conjunctions or question
    words; a modal only as :func:`~transforms.events.words.modal_aux` reads it ("must have
    been" guesses at the past, "a must-see show" is an adjective)."""
    return any(g.lower_ in values and (
        modal_aux(g, clause) if g.tag_ == "MD" or g.lower_ == "must" else g.dep_ in CLAUSE_MARKERS)
        for g in clause.children)


def _hyphened(token: Token) -> str:
    """The :func:`_hyphenated` word an object or modifier ends, written as the word classes
    spell it ("cease-fire" -> "ceasefire"), when its first half modifies it; else ""."""
    whole = _hyphenated(token)
    return whole[0].replace("-", "") if whole and token.doc[token.i - 2].head == token else ""


def _gives_reason(prep: Token) -> bool:
    """A "for" phrase that says what someone is blamed or praised for: a gerund ("for being
    petty") or a possessed act ("for his handling of X"), not a span of time ("for hours")."""
    return prep.dep_ == "prep" and prep.lower_ == "for" and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" or
        g.dep_ == "pobj" and any(d.dep_ == "poss" for d in g.children)
        for g in prep.children)


def _has_subject(verb: Token) -> bool:
    """Whether a verb names its own subject or passive agent."""
    return any(c.dep_ in ("nsubj", "agent") for c in verb.children)


def _subject_heads(token: Token) -> list[Token]:
    """Heads of the subject of ``token``'s clause: its own, else (for an infinitive) its
    controller's, through an adjective ("they were able to free them") -> they, or that of
    the verb whose object it completes ("X announced plans to protest") -> X, or the owner of
    the noun it modifies ("the court's decision ordering X to pay") -> the court."""
    clause = token
    own = _has_subject(token)
    owner = [c for c in token.head.children if c.dep_ == "poss"] if token.dep_ == "acl" else []
    if owner and not own:  # "the court's decision ordering X": the court
        return owner
    if (token.dep_ == "xcomp" or purpose_clause(token)) and not own:  # "summoned X to protest"
        clause = token.head
        if clause.dep_ == "acomp" and clause.head.i != clause.i:
            clause = clause.head
        while clause.dep_ == "xcomp" and clause.head.i != clause.i \
                and not _has_subject(clause):
            clause = clause.head  # "vowed to continue fighting" -> who vowed
    elif token.dep_ == "acl" and not own and token.head.dep_ == "dobj":
        clause = token.head.head  # "announced plans to protest X": who announced
    return [h for c in clause.children if c.dep_ in ("nsubj", "agent")
            for h in ([c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"])]
