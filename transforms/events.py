"""PLOVER event mentions: who did what to whom, when, where and how sure, per sentence.

The ``plover_events`` component runs after ``parser`` and ``ner``. For every token that a
:class:`TriggerClassifier` types as one of PLOVER's sixteen event types it reads the dependency
parse for the participants (``source`` = the actor, ``target`` = the one acted on, ``other``),
the date expression that governs the trigger, the modality and the place, and stores the result
as :class:`EventMention` records in ``doc._.events``. The classifier is a lexicon today
(:class:`TriggerLexicon`, data in ``data/plover_triggers.tsv``); anything with a
``classify(token) -> TriggerSense | None`` method can replace it. :func:`event_rows` turns the
mentions of one Doc into rows of the ``doc_events`` state table.

Reference: the PLOVER manual's type definitions (summary in shared/docs/plover.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).parent / "data"
LEXICON_PATH = DATA / "plover_triggers.tsv"
CUES_PATH = DATA / "event_cues.tsv"

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Entity labels that can act or be acted on (PLOVER actors)."""
OTHER_LABELS = frozenset({"LAW", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART"})
"""Entity labels that take part only as 'other' (a treaty, a conference ...)."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels that can locate an event."""
PLACE_NAMED_TYPES = frozenset({"CONSULT"})
"""Types whose noun triggers take a compounded place name as their location ("Tokyo summit")."""
MIN_PARTIES = {"CONSULT": 2}
"""Source+target actors an event type needs (a consultation takes two; PLOVER manual)."""
CLIMB_LIMIT = 5
"""Heads climbed to find an implicit subject or a governing clause (keeps rules local)."""
MODALITY_DEPTH = 4
"""Content words above the trigger searched for modality markers ("hopes to meet")."""
PRONOUN_WINDOW = 2
"""Sentences back in which a he/she is resolved to the latest PERSON (news-style anaphora)."""
ROLE_RANK = {"source": 0, "target": 1, "other": 2}

_DURATION = re.compile(r"^\W*(the\s+)?(past|last|first|next)?\s*[\d\w-]+[- ](year|month|week|day)s?"
                       r"(-old|-long)?\W*$", re.I)
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NOMINAL_MODS = ("compound", "amod", "nummod", "poss", "nmod", "appos")


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


_SUFFIXES = ("ing", "ed", "es", "s", "d")


def word_forms(token: Token) -> tuple[str, ...]:
    """Lemma, lower-cased form and suffix-stripped forms: a guard against lemmatiser slips
    ("hopes" -> "hop", "slated" -> "slat")."""
    low = token.lower_
    forms = [token.lemma_.lower(), low]
    forms += [low[: -len(x)] for x in _SUFFIXES if low.endswith(x) and len(low) > len(x) + 2]
    return tuple(dict.fromkeys(forms))


def has_form(token: Token, words: frozenset[str]) -> bool:
    """Whether any of the token's forms is in ``words``."""
    return any(f in words for f in word_forms(token))


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
    if kind == "obj" and "*" in values:
        return any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    pool = list(_objects(token))
    if kind == "mod":
        pool += [c for c in token.children if c.dep_ in _NOMINAL_MODS]
    return any(t.lemma_.lower() in values or t.lower_ in values or t.ent_type_ in values
               for t in pool)


def _objects(token: Token) -> Iterator[Token]:
    """Direct and prepositional objects (with their conjuncts and compounds)."""
    for c in token.children:
        heads = [c] if c.dep_ in ("dobj", "nsubjpass", "attr", "dative") else []
        if c.dep_ in ("prep", "prt", "agent"):
            heads = [g for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            yield h
            yield from h.conjuncts
            yield from (g for g in h.children if g.dep_ == "compound")


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Word lists of the parse rules (data/event_cues.tsv)."""
    out = {}
    for line in CUES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split("\t")
            out[name] = frozenset(words.split("|"))
    return out


@dataclass(frozen=True)
class Participant:
    """An entity taking part: token span of a ``doc.ents`` entity and its role."""

    start: int
    end: int
    role: str


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


# ---------------------------------------------------------------- participants

def participants(trigger: Token, etype: str) -> list[Participant]:
    """Entities taking part, each once with its strongest role (source > target > other)."""
    best: dict[tuple[int, int], str] = {}
    ranked = [("source", source_actors(trigger, etype)), ("target", target_actors(trigger)),
              ("other", other_entities(trigger))]
    for role, spans in ranked:
        for span in spans:
            key = (span.start, span.end)
            if key not in best or ROLE_RANK[role] < ROLE_RANK[best[key]]:
                best[key] = role
    return [Participant(s, e, r) for (s, e), r in sorted(best.items())]


def source_actors(trigger: Token, etype: str) -> list[Span]:
    """The actor: subject, passive agent, possessor of a noun trigger, or implicit subject."""
    if trigger.pos_ == "NOUN":
        return noun_source(trigger, 0, place_mods=etype in PLACE_NAMED_TYPES)
    return subject_of(trigger, 0)


def subject_of(verb: Token, depth: int) -> list[Span]:
    """Actors of a verb's subject; climbs control, coordination and purpose clauses."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return noun_source(verb, depth)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for c in verb.children:
        if c.dep_ == "agent":
            return [a for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]
        if c.dep_ in ("nsubj", "csubj") and not passive:
            return actors_in(c)
    if passive or depth >= CLIMB_LIMIT or verb.dep_ not in ("xcomp", "advcl", "conj", "acl",
                                                            "pcomp", "ccomp"):
        return []
    head = verb.head
    if verb.dep_ == "xcomp":  # raising: "X is expected to release" -> X
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised:
            return actors_in(raised[0])
    if verb.dep_ == "xcomp" and has_form(head, cues()["object_control"]):
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objs:
            return actors_in(objs[0])
    if verb.dep_ == "ccomp":
        return []
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    return subject_of(head, depth + 1)


def noun_source(noun: Token, depth: int, place_mods: bool = False) -> list[Span]:
    """Actor of a noun trigger: its parties, its possessor or actor modifier, or the clause's.

    With ``place_mods`` a place name compounded to the noun locates it ("the Tokyo summit").
    """
    found = _prep_objects(noun, ("between", "among", "by"))
    if not found:
        found = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                 for a in actors_in(c)
                 if not (place_mods and c.dep_ == "compound" and a.label_ in PLACE_LABELS)]
    if found or depth >= CLIMB_LIMIT or not _carried(noun):
        return found
    head = noun.head
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    if head == noun or head.pos_ not in ("VERB", "AUX", "NOUN"):
        return []
    return subject_of(head, depth + 1)


def _carried(noun: Token) -> bool:
    """Whether the clause's subject acts in the noun's event: "held talks", "at a summit";
    not "condemned the attack" (the condemner did not attack)."""
    if noun.dep_ == "pobj":
        return True
    return noun.dep_ in ("dobj", "attr") and has_form(noun.head, cues()["support_verb"])


def target_actors(trigger: Token) -> list[Span]:
    """The one acted on: object, passive subject, or object of a recipient preposition."""
    out: list[Span] = []
    preps = cues()["target_prep"]
    holders = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        holders.append(trigger.head)  # light verb: "held talks with X"
    for holder in holders:
        for c in holder.children:
            if holder == trigger and c.dep_ in ("dobj", "dative", "nsubjpass"):
                out += actors_in(c)
                out += _prep_objects(c, ("with", "between"))
            elif c.dep_ == "prep" and c.lower_ in preps:
                out += [a for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]
    return out


def _prep_objects(token: Token, words: tuple[str, ...]) -> list[Span]:
    return [a for c in token.children if c.dep_ == "prep" and c.lower_ in words
            for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]


def other_entities(trigger: Token) -> list[Span]:
    """Named things the trigger acts on (a treaty) and the speaker who reports the event."""
    out = [e for o in _objects(trigger) if (e := entity_at(o)) is not None
           and e.label_ in OTHER_LABELS | ACTOR_LABELS and o.head.lower_ not in
           cues()["location_prep"]]
    speaker = reporting_head(trigger)
    if speaker is not None:
        out += subject_of(speaker, CLIMB_LIMIT - 1)
    return out


def reporting_head(trigger: Token) -> Token | None:
    """The verb of saying whose clausal complement contains the trigger, if any."""
    node = trigger
    for _ in range(CLIMB_LIMIT + 2):
        if node.head == node:
            return None
        if node.dep_ == "ccomp" and has_form(node.head, cues()["reporting"]):
            return node.head
        node = node.head
    return None


def entity_at(token: Token) -> Span | None:
    """The ``doc.ents`` entity covering ``token``."""
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def actors_in(token: Token, depth: int = 0) -> list[Span]:
    """Actor entities a noun phrase names: itself, its named modifiers, or a pronoun's antecedent.

    "South Korea's foreign ministry" -> South Korea; "the administration of President X" -> X;
    conjuncts are included ("Japan and South Korea").
    """
    if token.pos_ == "PRON":
        return resolve_pronoun(token)
    ent = entity_at(token)
    if ent is not None:
        found = [ent] if ent.label_ in ACTOR_LABELS else []
    elif depth < 2:
        found = [a for c in token.children
                 if c.dep_ in ("compound", "poss", "nmod", "appos", "amod")
                 for a in actors_in(c, depth + 1)]
        if not found and token.lemma_.lower() in cues()["agent_noun"]:
            found = _prep_objects(token, ("of",))
    else:
        found = []
    if depth == 0:
        found += [a for c in token.conjuncts for a in actors_in(c, 1)]
    return found


def resolve_pronoun(pron: Token) -> list[Span]:
    """Antecedent of a subject pronoun: the reporting clause's subject, or the latest person.

    "South Korea said it would ..." -> South Korea; "... Park. He said ..." -> Park. Plural and
    demonstrative pronouns are left unresolved: guessing them invents participants.
    """
    low = pron.lower_
    person = low in ("he", "she", "him", "her", "his")
    if pron.tag_ in ("WP", "WDT") and pron.head.dep_ == "relcl":
        return actors_in(pron.head.head, 1)
    if not person and low not in ("it", "its"):
        return []
    labels = {"PERSON"} if person else {"ORG", "GPE", "NORP"}
    clause = pron.head
    if pron.dep_ in _SUBJ and clause.dep_ == "ccomp" and has_form(clause.head, cues()["reporting"]):
        subj = [a for a in subject_of(clause.head, CLIMB_LIMIT - 1) if a.label_ in labels]
        if subj:
            return subj[:1]
    if person:
        return _latest_person(pron)
    return []


def _latest_person(pron: Token) -> list[Span]:
    sents = list(pron.doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start <= pron.i < s.end)
    lo = sents[max(0, idx - PRONOUN_WINDOW)].start
    people = [e for e in pron.doc.ents
              if e.label_ == "PERSON" and lo <= e.start and e.end <= pron.i]
    subjects = [e for e in people if e.root.dep_ in _SUBJ]
    return (subjects or people)[-1:]


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
        if node.dep_ in _NOMINAL_MODS and head.pos_ in ("NOUN", "PROPN") and head != trigger \
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
        if trigger.dep_ in _SUBJ and not _copular(trigger.head):
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
        if mark:
            return mark
    return "occurred"


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


def context_year(doc: Doc, span: Span) -> int | None:
    """The latest explicit year written before ``span`` in the document ("that year")."""
    from transforms import dates

    return dates.context_year_at(doc.text, span.start_char)


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
    rows = []
    for ev in doc._.events or []:
        parts = _row_participants(doc, ev, cluster_of)
        if not any(p["role"] != "other" for p in parts):
            continue
        sent, when = ev.sentence(doc), ev.span(doc, ev.date)
        place = ev.span(doc, ev.location)
        rows.append({
            "doc_id": doc_id, "start": sent.start_char, "end": sent.end_char,
            "sentence": sent.text, "trigger": doc[ev.trigger].text, "type": ev.type,
            "modality": ev.modality, "date_text": when.text if when is not None else None,
            "date": normalize_date(when.text, anchor, ev.tense, context_year(doc, when))
            if when is not None else None,
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
