"""PLOVER event mentions: who did what to whom, when, where and how sure, per sentence.

The ``plover_events`` component runs after ``parser`` and ``ner``. For every token that a
:class:`TriggerClassifier` types as one of PLOVER's sixteen event types it reads the dependency
parse for the participants (``source`` = the actor, ``target`` = the one acted on, ``other``),
the date expression that governs the trigger, the modality and the place, and stores the result
as :class:`EventMention` records in ``doc._.events``. The classifier is a lexicon today
(:class:`TriggerLexicon`, data in ``data/plover_triggers.tsv``); anything with a
``classify(token) -> TriggerSense | None`` method can replace it. :func:`event_rows` turns the
mentions of one Doc into rows of the ``doc_events`` state table. The participant rules live in
:mod:`transforms.event_actors` (descriptions such as "the two countries" in
:mod:`transforms.actor_refs`).

Reference: the PLOVER manual's type definitions (summary in shared/docs/plover.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.event_actors import (
    NOMINAL_MODS,
    PLACE_LABELS,
    ROLE_RANK,
    SUBJ,
    Participant,
    objects,
    participants,
)
from transforms.event_words import DATA, cues, entity_at, has_form, word_forms

LEXICON_PATH = DATA / "plover_triggers.tsv"

MIN_PARTIES = {"CONSULT": 2}
"""Source+target actors an event type needs (a consultation takes two; PLOVER manual)."""
MODALITY_DEPTH = 4
"""Content words above the trigger searched for modality markers ("hopes to meet")."""

_DURATION = re.compile(r"^\W*(the\s+)?(past|last|first|next)?\s*[\d\w-]+[- ](year|month|week|day)s?"
                       r"(-old|-long)?\W*$", re.I)


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
        for form in word_forms(token):
            for entry in self.entries.get((form, pos), []):
                if all(_holds(token, kind, values) for kind, values in entry.requires):
                    return entry.sense
        return None


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


def _holds(token: Token, kind: str, values: frozenset[str]) -> bool:
    """Check one lexicon constraint on the parse around ``token``."""
    if kind == "plural":
        return token.tag_ in ("NNS", "NNPS")
    if kind == "prt":
        return any(c.dep_ in ("prt", "prep") and c.lower_ in values for c in token.children)
    if kind == "act":  # "the decision to abandon the deal"
        return any(g.dep_ in ("acl", "xcomp") and g.lemma_.lower() in values
                   for o in objects(token) for g in o.children)
    if kind == "obj" and "*" in values:
        return any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    pool = list(objects(token))
    if kind == "mod":
        pool += [c for c in token.children if c.dep_ in NOMINAL_MODS]
    return any(t.lemma_.lower() in values or t.lower_ in values or t.ent_type_ in values
               for t in pool)


@dataclass(frozen=True)
class EventMention:
    """One event reported in one sentence; token offsets into the Doc (picklable)."""

    sent_start: int
    sent_end: int
    trigger: int
    type: str
    mode: str | None
    participants: tuple[Participant, ...]
    modality: str
    tense: str | None  # of the date's clause when there is a date (resolves "on Monday")
    date: tuple[int, int] | None = None
    location: tuple[int, int] | None = None

    def sentence(self, doc: Doc) -> Span:
        """The sentence span."""
        return doc[self.sent_start:self.sent_end]

    def span(self, doc: Doc, which: tuple[int, int] | None) -> Span | None:
        """A stored token range as a Span (date, location)."""
        return doc[which[0]:which[1]] if which else None


if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.factory("plover_events", default_config={"lexicon_path": None},
                  requires=["token.dep", "doc.ents", "doc.sents"], assigns=["doc._.events"])
def make_plover_events(nlp: Language, name: str, lexicon_path: str | None) -> PloverEvents:
    """Build the component with the lexicon at ``lexicon_path`` (default: the bundled one)."""
    path = Path(lexicon_path) if lexicon_path else LEXICON_PATH
    return PloverEvents(TriggerLexicon.from_tsv(path))


class PloverEvents:
    """spaCy component: match triggers, then read roles, date, modality, place off the parse."""

    def __init__(self, classifier: TriggerClassifier):
        self.classifier = classifier

    def __call__(self, doc: Doc) -> Doc:
        found: list[EventMention] = []
        for sent in doc.sents:
            seen: set[tuple] = set()
            for token in sent:
                ev = self.mention(token, sent)
                key = ev and (ev.type, frozenset((p.start, p.end) for p in ev.participants))
                if ev is not None and key not in seen:
                    seen.add(key)
                    found.append(ev)
        doc._.events = found
        return doc

    def mention(self, token: Token, sent: Span) -> EventMention | None:
        """The event that ``token`` triggers, or None (no trigger, or too few actors)."""
        sense = self.classifier.classify(token)
        if sense is None or _adverbial(token):
            return None
        flipped = bool(sense.neg_type) and _negated(token)
        etype = sense.neg_type if flipped else sense.type
        parts = participants(token, etype)
        parties = [p for p in parts if p.role != "other"]
        if len(parties) < MIN_PARTIES.get(etype, 1):
            return None
        when = governing_date(token)
        return EventMention(
            sent.start, sent.end, token.i, etype, sense.mode, tuple(parts),
            modality(token, ignore_own_negation=flipped),
            tense(when.root if when is not None else token),
            _bounds(when), _bounds(location(token)))


def _bounds(span: Span | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def _adverbial(token: Token) -> bool:
    """Nouns in set phrases that are not events: "in protest of", "intelligence-sharing pact"."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ in ("compound", "amod"):
        return True
    bare = not any(c.dep_ in ("det", "poss") for c in token.children)
    return (token.dep_ == "pobj" and token.head.lower_ in ("in", "as") and bare
            and token.tag_ != "NNS")


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in cues()["negation"])
               for c in token.children)


# ---------------------------------------------------------------- date, place, modality

def _chain(trigger: Token) -> list[Token]:
    """The trigger and its heads up to the root (the clauses that govern it)."""
    out = [trigger]
    while out[-1].head != out[-1]:
        out.append(out[-1].head)
    return out


def governing_date(trigger: Token) -> Span | None:
    """The DATE entity attached closest to the trigger in its chain of governing clauses.

    Dates that bound an interval ("since May"), that modify an unrelated noun ("a 2016 pact")
    or that are durations ("12 years") are skipped.
    """
    chain = _chain(trigger)
    pos = {t.i: k for k, t in enumerate(chain)}
    best, best_key = None, None
    for ent in trigger.sent.ents:
        if ent.label_ != "DATE" or _DURATION.match(ent.text):
            continue
        meet = _meeting_point(ent.root, pos, trigger)
        if meet is None:
            continue
        key = (meet, abs(ent.root.i - trigger.i))
        if best_key is None or key < best_key:
            best, best_key = ent, key
    return _trim_date(best) if best is not None else None


def _meeting_point(root: Token, pos: dict[int, int], trigger: Token) -> int | None:
    """Depth in the trigger's chain where the date's path joins it, or None if excluded."""
    if root.i in pos:
        return pos[root.i]
    node = root
    occasions = cues()["occasion"]
    while node.i not in pos:
        head = node.head
        if node.dep_ in NOMINAL_MODS and head.pos_ in ("NOUN", "PROPN") and head != trigger \
                and head.lemma_.lower() not in occasions:
            return None
        if node == root and head.dep_ in ("prep", "mark") \
                and head.lower_ in cues()["nonpoint_prep"]:
            return None
        if head.i not in pos and any(c.dep_ == "mark" and c.lower_ in cues()["nonpoint_prep"]
                                     for c in head.children):
            return None
        if head == node:
            return None
        node = head
    return pos[node.i]


def _trim_date(span: Span) -> Span:
    """Drop dangling conjunctions and punctuation that NER leaves at a date's edges."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end]


def location(trigger: Token) -> Span | None:
    """A place (GPE/LOC/FAC) in an "in/at X" phrase on the trigger or a governing clause."""
    preps = cues()["location_prep"]
    for k, node in enumerate(_chain(trigger)):
        scope = node.subtree if k == 0 else node.children
        for tok in scope:
            if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
                continue
            if k == 0 and _crosses_clause(tok, trigger):
                continue
            ent = entity_at(tok) if k == 0 or tok.head.head == node else None
            if ent is not None and ent.label_ in PLACE_LABELS:
                return ent
    return _compound_place(trigger)


def _compound_place(trigger: Token) -> Span | None:
    """A place name compounded to a meeting noun: "the Tokyo summit" -> Tokyo."""
    if trigger.pos_ != "NOUN":
        return None
    for c in trigger.children:
        ent = entity_at(c) if c.dep_ == "compound" else None
        if ent is not None and ent.label_ in PLACE_LABELS:
            return ent
    return None


def _crosses_clause(tok: Token, trigger: Token) -> bool:
    node = tok.head
    while node != trigger:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _modal_scope(trigger: Token) -> Iterator[Token]:
    """The trigger, then the content words above it up to a verb of saying."""
    yield trigger
    if trigger.pos_ == "NOUN":
        yield from (c for c in trigger.children if c.dep_ in ("acl", "amod"))
        if trigger.dep_ in SUBJ and not _copular(trigger.head):
            yield trigger.head
    node, steps = trigger, 0
    while node.head != node and steps < MODALITY_DEPTH:
        node = node.head
        if has_form(node, cues()["reporting"]):
            return
        if node.pos_ != "ADP":
            steps += 1
            yield node


def _copular(verb: Token) -> bool:
    """A "be + adjective/noun" predicate: it describes its subject, it does not report it."""
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def modality(trigger: Token, ignore_own_negation: bool = False) -> str:
    """occurred, planned, hoped, denied or possible, from the nearest marker above the trigger."""
    for node in _modal_scope(trigger):
        mark = _marker(node, node == trigger, ignore_own_negation)
        if mark is None and _controls(node, trigger) and has_form(node, cues()["commitment"]):
            mark = "planned"  # "agreed to hold talks": the talks are to come
        if mark:
            return mark
    return "occurred"


def _controls(node: Token, trigger: Token) -> bool:
    """Whether the trigger's clause is ``node``'s infinitive complement ("agreed to hold")."""
    child = trigger
    while child.head != child and child.head != node:
        child = child.head
    return child.head == node and child != node and child.dep_ == "xcomp"


def _marker(node: Token, is_trigger: bool, ignore_neg: bool) -> str | None:
    c = cues()
    kids = list(node.children)
    auxes = {k.lemma_.lower() for k in kids if k.dep_ in ("aux", "auxpass")}
    mods = {f for k in kids if k.dep_ in ("amod", "advmod", "acomp") for f in word_forms(k)}
    governs = not is_trigger
    if (not (is_trigger and ignore_neg) and _negated(node)) or \
            (governs and has_form(node, c["denied"])):
        return "denied"
    if (governs and has_form(node, c["hoped"])) or mods & c["hoped"]:
        return "hoped"
    if auxes & c["future_aux"] or "would" in auxes or mods & c["planned"] or \
            (governs and has_form(node, c["planned"])):
        return "planned"
    if auxes & c["possible"]:
        return "possible"
    return None


def tense(token: Token) -> str | None:
    """'past', 'present' or 'future' of the clause of ``token`` (a trigger or a date).

    Read off the nearest finite verb (or verb with auxiliaries) above it: a date's own clause
    decides ("said on Tuesday that X will ..." is a past Tuesday).
    """
    verb = next((t for t in _chain(token) if t.pos_ in ("VERB", "AUX") and _finite(t)), None)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() in cues()["future_aux"] for a in auxes):
        return "future"
    forms = [verb, *auxes]
    if any("Past" in t.morph.get("Tense") and t.tag_ != "VBN" for t in forms) or \
            (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if any("Pres" in t.morph.get("Tense") for t in forms):
        return "present"
    return None


# ---------------------------------------------------------------- rows

def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def normalize_date(text: str, anchor: date | None, tense: str | None,
                   context_year: int | None) -> str | None:
    """ISO date of ``text`` at its precision (transforms.dates, imported when first needed)."""
    from transforms import dates

    return dates.normalize(text, anchor, tense=tense, context_year=context_year)


def context_year(text: str, span: Span) -> int | None:
    """The latest explicit year written in ``text`` (the Doc's) before ``span`` ("that
    year")."""
    from transforms import dates

    return dates.context_year_at(text, span.start_char)


def event_rows(doc: Doc, doc_id: str, cluster_of: Callable[[int, int], int | None],
               anchor: date | None) -> list[dict]:
    """Rows of the ``doc_events`` state table for the events of ``doc``.

    Args:
        doc: a Doc the ``plover_events`` component has run on.
        doc_id: the document's id.
        cluster_of: maps an entity's (start_char, end_char) to its document-local entity
            cluster, None when the entity is not one.
        anchor: the publication date, or None; relative dates resolve against it.
    """
    rows, text = [], doc.text if doc._.events else ""
    for ev in doc._.events or []:
        parts = _row_participants(doc, ev, cluster_of)
        if not any(p["role"] != "other" for p in parts):
            continue
        sent, when = ev.sentence(doc), ev.span(doc, ev.date)
        place = ev.span(doc, ev.location)
        year = context_year(text, when) if when is not None else None
        rows.append({
            "doc_id": doc_id, "start": sent.start_char, "end": sent.end_char,
            "sentence": sent.text, "trigger": doc[ev.trigger].text, "type": ev.type,
            "modality": ev.modality, "date_text": when.text if when is not None else None,
            "date": normalize_date(when.text, anchor, ev.tense, year)
            if when is not None else None, "tense": ev.tense, "context_year": year,
            "location": place.text if place is not None else None, "participants": parts,
        })
    return rows


def _row_participants(doc: Doc, ev: EventMention, cluster_of) -> list[dict]:
    best: dict[int, dict] = {}
    for p in ev.participants:
        span = doc[p.start:p.end]
        cluster = cluster_of(span.start_char, span.end_char)
        if cluster is None:
            continue
        old = best.get(cluster)
        if old is None or ROLE_RANK[p.role] < ROLE_RANK[old["role"]]:
            best[cluster] = {"cluster": cluster, "role": p.role, "text": span.text}
    return sorted(best.values(), key=lambda r: (ROLE_RANK[r["role"]], r["cluster"]))
