"""PLOVER event mentions: who did what to whom, when, where and how sure, per sentence.

The ``plover_events`` spaCy component (registered when this module is imported) runs after
``parser`` and ``ner``. For every token that a trigger classifier types as one of PLOVER's
sixteen event types (:mod:`transforms.events.lexicon`, a lexicon today) it reads the
participants off the dependency parse (``source`` = the actor, ``target`` = the one acted on,
``other``; rules in :mod:`transforms.events.roles`, descriptions such as "the two countries"
in :mod:`transforms.actors.references`) and the date, modality, tense and place of the trigger
(:mod:`transforms.events.circumstances`), and stores the result as :class:`EventMention`
records in ``doc._.events``. :func:`event_rows` turns the mentions of one Doc into rows of the
``doc_events`` state table. The rules live in those modules (and what reports no event at
all, a question or a condition, in :mod:`transforms.events.unreported`); this one decides
what counts as a mention (enough actors, one per type and participants in a sentence) and
what a row holds.

Reference: the PLOVER manual's type definitions (summary in shared/docs/plover.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.events.causes import inanimate_cause, judging
from transforms.events.circumstances import (
    context_year,
    governing_date,
    location,
    modality,
    negated,
    normalize_date,
    sentence_place,
    tense,
)
from transforms.events.lexicon import LEXICON_PATH, TriggerClassifier, TriggerLexicon
from transforms.events.parties import ROLE_RANK, Participant, participants
from transforms.events.phrases import generic_spans
from transforms.events.roles import prep_objects, purpose_clause
from transforms.events.unreported import forbidden, opens_condition, unreported
from transforms.events.words import cues, demands, has_form

MIN_PARTIES = {"CONSULT": 2}
"""Source+target actors an event type needs (a consultation takes two; PLOVER manual)."""
INTENT_TYPES = {"CONSULT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
"""PLOVER 2.0: an intent or promise to meet, cooperate or help is AGREE, a promise to retreat
is CONCEDE; the type such a planned or hoped event takes."""
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
"""Types whose act an actor commits itself to ("vowed to retaliate", "promised to deport
them", "pledged to impose sanctions") is a THREATEN that occurred: PLOVER's THREATEN is the
stated intent to use force, coercion or sanctions."""
DOING_VERBS = frozenset({"impose", "launch", "carry", "conduct", "stage", "mount", "wage"})
"""Verbs whose object noun is the act they do ("impose sanctions", "launch strikes"): a
promise to do it is a promise of that act ("suspend attacks" is not)."""
FLOATING_VERBS = frozenset({"suggest", "raise", "float", "weigh", "consider", "threaten",
                            "hold", "dangle", "warn", "keep"})
"""Verbs by which an actor raises a possibility of its own ("raised the prospect of
sanctions", "held out the threat of force"); discussing one is not raising it."""
PROMISED_TYPES = frozenset({"CONCEDE"})
"""Intent types whose promise is itself the act (event-labels: "would resign" is CONCEDE,
occurred); a planned meeting stays a planned AGREE."""
FORCE_NOUNS = frozenset({"troop", "troops", "force", "soldier", "army", "military", "militia",
                         "fighter", "rebel", "militant", "police", "unit", "battalion"})
"""Heads of an armed force's name (see :func:`_forces`)."""
AGREEING_VERBS = frozenset({"agree", "consent"})
"""Verbs whose complement, agreed, makes the agreement itself the act that occurred; a
promise or a pledge stays an intent (event-labels: "a promise to meet" is planned)."""
CROWD_TYPES = {"REQUEST": ("PROTEST", "demo"), "ASSAULT": ("PROTEST", "riot")}
"""Types that, done by demonstrators, are their protest, with the PLOVER mode they take:
their demands (event-labels: "Demands made by demonstrators are PROTEST") and their violence
(PLOVER's PROTEST mode riot)."""
CROWD_ACTORS = frozenset({"Protester"})
"""Generic actor names (agents.tsv, ``generic`` column) of demonstrators."""
BINDING_VERBS = frozenset({"order", "command", "direct", "authorize", "authorise"})
"""Demands whose object is carried out as it is named ("ordered the arrest of X"): the
object stays an event of its own, unlike what is only demanded ("demanded the release")."""
FRAMING_TYPES = frozenset({"THREATEN", "REJECT", "REQUEST"})
"""Types whose infinitive complement is what is threatened, refused or demanded, not an
event of its own ("threatened to scrap the pact" is THREATEN, "refused to resign" is REJECT,
"urged X to release Y" is REQUEST; PLOVER)."""
IMPLIED = {("SANCTION", "convict"): ("COERCE", "arrest")}
"""(type, mode) of a mention that, when its phrase names custody (cue ``custodial``), also
reports a second event: a prison sentence is also an arrest (event-labels: "a prison
sentence is also COERCE (arrest)")."""
LIFTED_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
"""Types of measures in force that a verb of lifting ends (:func:`_lifted`); a meeting or a
visit that is ended did take place."""
JUDGED_TYPES = frozenset({"ASSAULT", "COERCE"})
"""Types whose act, named as what is condemned, denied or investigated ("condemned the
bombing of the camp"), is reported though the sentence names no doer (PLOVER codes it)."""
JUDGED_PREPS = frozenset({"after", "for", "over", "into"})
"""Prepositions by which a judging verb names the act it judges ("condemned X for the
attack", "an investigation into the killing")."""
CAUSED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "RETREAT", "AID", "THREATEN"})
"""Types whose doer must be an actor: with a natural or accidental cause as subject ("the
quake killed ten") they report no event."""


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
            here = [ev for token in sent if (ev := self._guarded(token, sent)) is not None]
            here += [also for ev in here if (also := _implied(doc, ev)) is not None]
            framing = {ev.trigger for ev in here if ev.type in FRAMING_TYPES} | \
                self._framing_heads(doc, here)
            here = [ev for ev in here if not _framed(doc[ev.trigger], framing)]
            triggers = {ev.trigger for ev in here}
            for ev in here:
                key = (ev.type, ev.modality, frozenset((p.start, p.end) for p in ev.participants))
                if key not in seen and not _committed(doc[ev.trigger], triggers) \
                        and not _offered(doc[ev.trigger], triggers):
                    seen.add(key)
                    found.append(ev)
        doc._.events = found
        return doc

    def _framing_heads(self, doc: Doc, events: list[EventMention]) -> set[int]:
        """Threats, refusals and demands that frame an event but name no actor themselves
        ("a troll threatened to kill him": no killing, and no event of the troll's)."""
        heads = (_clause_of(doc[ev.trigger]).head for ev in events)
        return {h.i for h in heads if (sense := self.classifier.classify(h)) is not None
                and sense.type in FRAMING_TYPES}

    def _guarded(self, token: Token, sent: Span) -> EventMention | None:
        """:meth:`mention`, where a parse that sends the role rules round in a cycle (a
        pronoun that names its own antecedent through a misparse) costs that trigger only,
        not the page's entities and other events."""
        try:
            return self.mention(token, sent)
        except RecursionError:
            return None

    def mention(self, token: Token, sent: Span) -> EventMention | None:
        """The event that ``token`` triggers, or None (no trigger, or too few actors)."""
        sense = self.classifier.classify(token)
        if sense is None or unreported(token, sent):
            return None
        flipped = bool(sense.neg_type) and negated(token)
        etype, mode = (sense.neg_type, None) if flipped else (sense.type, sense.mode)
        if etype in LIFTED_TYPES and _lifted(token):
            return None
        if etype in CAUSED_TYPES and token.pos_ == "VERB" and inanimate_cause(token):
            return None
        how = modality(token, ignore_own_negation=flipped)
        if how in ("planned", "hoped") and etype in HOSTILE_TYPES and (
                _promised(token) or _floated(token)):
            etype, mode, how = "THREATEN", None, "occurred"  # "vowed to retaliate"
        elif how in ("planned", "hoped") and etype in INTENT_TYPES:
            etype, mode = INTENT_TYPES[etype], None
            if (etype in PROMISED_TYPES and _promised(token)) or _agreed(token):
                how = "occurred"
        parts = participants(token, etype)
        if not _enough(token, etype, mode, parts):
            return None
        if etype in CROWD_TYPES and _by_crowd(token, parts):
            etype, mode = CROWD_TYPES[etype]
        when = governing_date(token)
        taken = frozenset((p.start, p.end) for p in parts)
        acted_on = frozenset((p.start, p.end) for p in parts if p.role != "source")
        where = location(token, etype, taken) or sentence_place(token, taken, acted_on)
        return EventMention(
            sent.start, sent.end, token.i, etype, mode, tuple(parts), how,
            tense(when.root if when is not None else token), _bounds(when), _bounds(where))


def _enough(token: Token, etype: str, mode: str | None, parts: list[Participant]) -> bool:
    """Enough actors for the type: two for a consultation; for a verb of material
    cooperation or sanction, a recipient (or two parties acting together, or something acted
    on: "withdrew troops", "suspended the pact"); else one."""
    sources = sum(p.role == "source" for p in parts)
    targets = sum(p.role == "target" for p in parts)
    if _body_meets(token, etype, parts) or _judged(token, etype):
        return True
    if sources + targets < MIN_PARTIES.get(etype, 1):
        return False
    c = cues()
    if token.pos_ != "VERB" or etype not in c["recipient_types"] or \
            (mode or "") in c["self_modes"]:
        return True
    lo, hi = token.left_edge.i, token.right_edge.i
    acted_on = any(p.role == "other" and lo <= p.start <= hi for p in parts) or any(
        ch.dep_ in ("dobj", "nsubjpass") for ch in token.children)
    return targets > 0 or sources > 1 or acted_on or _helps(token) or (
        etype == "RETREAT" and _forces(token.doc, parts))


def _forces(doc: Doc, parts: list[Participant]) -> bool:
    """Whether the source is an armed force, whose withdrawal needs no one named to withdraw
    from ("Ethiopian troops withdrew from the town"; a candidate withdrawing from a race
    does not retreat)."""
    return any(p.role == "source" and doc[p.end - 1].lemma_.lower() in FORCE_NOUNS
               for p in parts)


def _helps(token: Token) -> bool:
    """A verb of helping used without an object ("rescuers were helping in the town"): the
    help is given, to whom the sentence leaves open."""
    return has_form(token, cues()["helping"]) and not any(
        c.dep_ in ("dobj", "dative", "xcomp", "ccomp") for c in token.children)


def _lifted(token: Token) -> bool:
    """A noun trigger that its clause lifts or ends ("lifted sanctions on Iran", "eased the
    restrictions", cue ``lifting``): what ends was in force before, not done now (the
    lifting verb is the event, RETREAT)."""
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and \
        has_form(token.head, cues()["lifting"])


def _judged(token: Token, etype: str) -> bool:
    """A hostile act named as what a verb judges, denies or investigates (cue ``judging``):
    "condemned the attack", "denied the bombing", "condemned X after the bombing"."""
    if etype not in JUDGED_TYPES or token.pos_ != "NOUN":
        return False
    if token.dep_ == "pobj" and token.head.lower_ in JUDGED_PREPS:
        return judging(token.head.head)  # "condemned X after the bombing of the camp"
    return token.dep_ == "dobj" and judging(token.head)


def _promised(token: Token) -> bool:
    """Whether the actor itself commits to the act: the complement of a verb of commitment
    ("offered to resign"), a reported "would" ("said he would resign") or an act on a
    condition ("will strike unless they surrender": PLOVER's threat is conditional); not a
    third party's expectation ("is expected to release"); for a noun, its verb's ("pledged to
    impose sanctions")."""
    doing = token.pos_ == "NOUN" and token.dep_ == "dobj" and has_form(token.head, DOING_VERBS)
    verb = token.head if doing else token
    if verb.dep_ == "xcomp" and has_form(verb.head, cues()["commitment"]):
        return True
    return any((c.dep_ == "aux" and c.lower_ == "would") or (
        c.dep_ == "advcl" and opens_condition(c)) for c in verb.children)


def _agreed(token: Token) -> bool:
    """Whether the act is what its actors agreed to, and the agreeing took place ("agreed to
    hold joint exercises": an agreement reached, AGREE occurred; "will agree to", "hopes to
    meet" stay as planned or hoped as they are)."""
    carried = token.pos_ == "NOUN" and token.dep_ == "dobj" and \
        has_form(token.head, cues()["support_verb"])  # "agreed to hold talks"
    verb = token.head if carried else token
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in AGREEING_VERBS \
        and modality(head) == "occurred"


def _floated(token: Token) -> bool:
    """A hostile act its actor raises as a possibility: "suggesting the possibility of
    cutting funds", "raised the prospect of sanctions" (a threat, as PLOVER reads it)."""
    prep = token.head
    noun = prep.head if prep.pos_ == "ADP" and prep.lower_ == "of" else None
    return noun is not None and noun.dep_ == "dobj" and has_form(noun, cues()["floated"]) \
        and has_form(noun.head, FLOATING_VERBS)


def _framed(token: Token, framing: set[int]) -> bool:
    """Whether ``token`` is the content of a threat, refusal or demand among ``framing`` (the
    triggers of :data:`FRAMING_TYPES`): the act in its infinitive complement, that act's
    object or purpose ("threatened to launch an attack", "to deploy troops to end X"), or its
    own object noun ("demanded the release of X"); not an event the content only mentions
    ("asked them to punish X for killing Y": the killing happened), nor a demand the refused
    act would answer ("refused to meet the demands": they were made)."""
    if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.i in framing:
        return True  # "a demand for the release of prisoners": no release yet
    if forbidden(token):
        return True
    if token.dep_ == "dobj" and token.pos_ == "NOUN" and token.head.i in framing \
            and not has_form(token.head, cues()["answering"]) \
            and token.head.lemma_.lower() not in BINDING_VERBS:
        return True  # "demanded the release of prisoners"; "rejected the demands" were made
    node = _clause_of(token)
    if purpose_clause(node) and node.head.dep_ == "xcomp":
        node = node.head  # "threatened to deploy the army to end the protests": its purpose
    answered = node is not token and has_form(node, cues()["answering"])
    demanded = node.dep_ == "ccomp" and demands(node)  # "said any deal must halt attacks"
    return (node.dep_ == "xcomp" or demanded) and node.head.i in framing and not answered


def _clause_of(token: Token) -> Token:
    """The verb whose clause an event is: the trigger, or the verb of its object noun."""
    return token.head if token.dep_ in ("dobj", "nsubjpass") else token


def _implied(doc: Doc, ev: EventMention) -> EventMention | None:
    """The second event a mention implies (:data:`IMPLIED`), with the same participants."""
    to = IMPLIED.get((ev.type, ev.mode))
    trigger = doc[ev.trigger]
    if to is None or not any(_custodial(t) for t in trigger.subtree if t.i != trigger.i):
        return None
    return dataclasses.replace(ev, type=to[0], mode=to[1])


def _custodial(tok: Token) -> bool:
    """A word of custody ("prison"), or a term a sentence is to ("to seven years", "to
    seven life terms"), not any year ("the following year", "a 23-year-old")."""
    if has_form(tok, cues()["custodial"]):
        return True
    phrase = tok if tok.dep_ == "pobj" else tok.head
    return has_form(tok, cues()["custodial_term"]) and phrase.dep_ == "pobj" \
        and phrase.head.lower_ == "to"


def _body_meets(token: Token, etype: str, parts: list[Participant]) -> bool:
    """A consultation among the members of one party: a body or a plural group as the only
    actor ("the Council met", "the leaders held talks"), PLOVER's multilateral CONSULT."""
    actors = [token.doc[p.start:p.end] for p in parts if p.role in ("source", "target")]
    return etype == "CONSULT" and len(actors) == 1 and (
        actors[0].root.ent_type_ == "ORG" or actors[0].root.tag_ in ("NNS", "NNPS"))


def _by_crowd(token: Token, parts: list[Participant]) -> bool:
    """Whether a source of the event is a crowd of demonstrators (:data:`CROWD_ACTORS`), not
    only the other side of a clash ("police clashed with protesters" is the police's)."""
    partners = {(a.start, a.end) for a in prep_objects(token, ("with",))}
    sources = {(p.start, p.end) for p in parts if p.role == "source"} - partners
    generic = generic_spans(token.doc)
    return any(bound in generic and generic[bound].id_ in CROWD_ACTORS for bound in sources)


def _committed(token: Token, triggers: set[int]) -> bool:
    """A verb of commitment whose complement is itself an event ("agreed to resign",
    "promised to hold talks"): the complement carries the event, as planned."""
    if not has_form(token, cues()["commitment"]):
        return False
    return any(c.dep_ == "xcomp" and any(t.i in triggers for t in c.subtree)
               for c in token.children)


def _offered(token: Token, triggers: set[int]) -> bool:
    """A noun event that is the object of a verb or noun of commitment which is itself a
    trigger ("offered assistance", "promised aid", "an offer of assistance"): the offer is the
    event (AGREE, PLOVER's intent to help), the help is not given yet."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":  # "an offer of assistance"
        head = head.head
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj") and head.i in triggers \
        and has_form(head, cues()["commitment"])


def _bounds(span: Span | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


# ---------------------------------------------------------------- rows

def event_rows(doc: Doc, doc_id: str, cluster_of: Callable[[int, int], int | None],
               anchor: date | None, text: str | None = None) -> list[dict]:
    """Rows of the ``doc_events`` state table for the events of ``doc``.

    Args:
        doc: a Doc the ``plover_events`` component has run on.
        doc_id: the document's id.
        cluster_of: maps an entity's (start_char, end_char) to its document-local entity
            cluster, None when the entity is not one.
        anchor: the publication date, or None; relative dates resolve against it.
        text: ``doc.text`` when the caller has it (spaCy joins every token on each access).
    """
    rows = []
    if text is None:
        text = doc.text if doc._.events else ""
    for ev in doc._.events or []:
        parts = _row_participants(doc, ev, cluster_of)
        if not any(p["role"] != "other" for p in parts) and not _judged(doc[ev.trigger],
                                                                        ev.type):
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
            "mode": ev.mode,
            "location_start": place.start_char if place is not None else None,
            "location_end": place.end_char if place is not None else None,
        })
    return rows


def _row_participants(doc: Doc, ev: EventMention, cluster_of) -> list[dict]:
    """One participant per local entity in its strongest role; an entity named on both
    sides keeps both ("the police department sacked the officer": one generic actor)."""
    best: dict[tuple[int, bool], dict] = {}
    for p in ev.participants:
        span = doc[p.start:p.end]
        cluster = cluster_of(span.start_char, span.end_char)
        if cluster is None:
            continue
        key = (cluster, p.role == "target")
        old = best.get(key)
        if old is None or ROLE_RANK[p.role] < ROLE_RANK[old["role"]]:
            best[key] = {"cluster": cluster, "role": p.role, "text": span.text}
    rows = [r for (cluster, target), r in best.items()  # "other" beside an acting role goes
            if not (r["role"] == "other" and (cluster, not target) in best)]
    return sorted(rows, key=lambda r: (ROLE_RANK[r["role"]], r["cluster"]))
