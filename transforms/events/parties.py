"""Who takes part in an event: the participants of a trigger, each once with its role.

:func:`participants` assembles the roles that :mod:`transforms.events.roles` reads off the
parse: ``source`` (:func:`source_actors`, and the partner of a reciprocal event), ``target``
(:func:`target_actors`, with the implied ones: a participle's noun, a shared object, the one a
predicate is said of, the one a promise is told to) and ``other``. A place that only modifies
what is attacked locates the event and takes no role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.events.roles import (
    PLACE_LABELS,
    SUBJ,
    actors_in,
    hung_active,
    implicit_agent,
    noun_source,
    nsubj_actors,
    other_entities,
    passive,
    prep_objects,
    reporting_head,
    subject_of,
    undergoes,
)
from transforms.events.words import cues, demands, has_form

PLACE_NAMED_TYPES = frozenset({"CONSULT"})
"""Types whose noun triggers take a compounded place name as their location ("Tokyo summit")."""
OF_SOURCE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "RETREAT", "REQUEST",
                             "REJECT", "THREATEN", "PROTEST", "MOBILIZE"})
"""Types whose noun trigger's "of" phrase names the actor ("the resignation of X", "at the
request of X"); for the others it names the one acted on ("the arrest of X")."""
ADDRESSED_TYPES = frozenset({"CONCEDE", "AGREE", "THREATEN"})
"""Types whose promise or threat, told to someone, is made to them ("told Kelly that he
would resign": a concession to Kelly)."""
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT"})
"""Types whose "with" party acts together with the subject (a meeting, a deal, a signing);
a COOPERATE "with" party is helped, a target."""
LEGAL_TYPES = frozenset({"ACCUSE", "SANCTION"})
"""Types of the legal acts themselves (an investigation, a conviction), whose charged party is
their target, never their actor."""
AIMED_TYPES = frozenset({"ASSAULT", "THREATEN", "ACCUSE", "PROTEST"})
"""Types whose "at" phrase is aimed at someone ("fired at police", "lashed out at X"); for
the others "at" only locates ("met at the embassy")."""
AIMED_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
"""Types whose direct object may be the means, aimed at the one acted on by a preposition on
it: "used water cannon against protesters", "imposed a curfew on the city"."""
AIMED_PREPS = ("against", "at", "on")
SEEKING_VERBS = frozenset({"search", "hunt", "look", "comb"})
"""Verbs whose "for" object is the one sought ("police are searching for X"): the target."""
FROM_SOURCE_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "REJECT", "AGREE",
                               "CONSULT", "AID"})
"""Types whose noun's "from" phrase says who it comes from ("criticism from X", "a visit from
X", "aid from X"); a movement's leaves a place ("withdrawal from Gaza") and a violent act's
may span one ("shootings from Las Vegas to Sandy Hook")."""
RECIPIENT_PREPS = ("with", "between", "to")
"""Prepositions on a trigger's object that name who gets it ("gave $1m to X"); aid also goes
"for" someone ("approved a loan for Egypt")."""
AIMING_VERBS = frozenset({"throw", "hurl", "lob", "fire", "shoot", "launch", "aim", "open",
                          "lash", "point"})
"""Verbs of aiming, whose "at" phrase is a target even when it names premises ("threw stones
at the embassy"); at premises other acts only happen ("killed two at a hospital")."""
ACCUSED_PREPS = frozenset({"against", "over", "for"})
"""Prepositions by which an accusation names the act it judges ("spoke out against X's
attacks")."""
SPOKEN_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
"""Types that are speech acts: said with no actor of their own, they are the speaker's."""
JUDGING_MODALS = frozenset({"should", "must", "ought", "would", "needs", "need"})
"""Modals by which a reported passive is the speaker's own judgement ("said X should be held
responsible"), not a fact the speaker reports ("said X was accused")."""
REQUEST_PREPS = frozenset({"at", "on", "upon"})
"""Prepositions by which a request is the circumstance of the act it asked for ("at the
request of X", "on X's orders")."""
ROLE_RANK = {"source": 0, "target": 1, "other": 2}


@dataclass(frozen=True)
class Participant:
    """An entity taking part: token span of a ``doc.ents`` entity and its role."""

    start: int
    end: int
    role: str


def participants(trigger: Token, etype: str) -> list[Participant]:
    """Entities taking part, each once with its strongest role (source > target > other)."""
    best: dict[tuple[int, int], str] = {}
    targets = [t for t in target_actors(trigger, etype) if not _place_of_object(t)]
    if not targets and etype in ADDRESSED_TYPES:
        targets = addressee(trigger)
    if not targets and etype == "ACCUSE":
        targets = accused(trigger)
    if not targets and etype in SPOKEN_TYPES:
        targets = written_to(trigger)
    if not targets and etype == "REQUEST":
        targets = requested_party(trigger)
    if not targets and etype == "THREATEN":
        targets = threatened(trigger)
    if not targets:
        targets = mover(trigger)
    sources = source_actors(trigger, etype) + partners(trigger, etype)
    if not sources and etype in SPOKEN_TYPES:
        sources = speaker(trigger)
    if sources and not targets and etype == "REQUEST":  # "rejected calls for X": whose?
        targets = answerer(trigger) or demanded_of(trigger)
    if sources and not targets and etype == "ACCUSE":
        targets = claimed_of(trigger)
    ranked = [("source", sources),
              ("target", targets),
              ("other", [t for t in other_entities(trigger) if not _place_of_object(t)])]
    for role, spans in ranked:
        for span in spans:
            key = (span.start, span.end)
            if key not in best or ROLE_RANK[role] < ROLE_RANK[best[key]]:
                best[key] = role
    return [Participant(s, e, r) for (s, e), r in sorted(best.items())]


def speaker(trigger: Token) -> list[Span]:
    """Who says an accusation, demand or threat that its own clause leaves without an actor:
    the subject of the verb of saying it is reported by ("X said Y should be held
    responsible": X holds Y responsible)."""
    head = reporting_head(trigger)
    acted_on = passive(trigger) or (trigger.dep_ == "acl" and trigger.tag_ == "VBN")
    if head is None or (acted_on and not any(
            c.dep_ == "aux" and c.lower_ in JUDGING_MODALS for c in trigger.children)):
        return []  # "says X was accused": the sayer reports it ("should be held": judges)
    return subject_of(head, 1)


def written_to(trigger: Token) -> list[Span]:
    """Whom an accusation, demand or threat is addressed to when it is made in a letter or
    statement to them ("called for X in a letter to the chancellor")."""
    return [a for c in trigger.subtree if c.dep_ == "prep" and c.lower_ in ("in", "through")
            for g in c.children if g.dep_ == "pobj" and has_form(g, cues()["statement"])
            for a in prep_objects(g, ("to",))]  # the parse may hang it lower: "for X in a"


def mover(verb: Token) -> list[Span]:
    """Who made the move a reaction is to, when the move is the sentence's own act set off
    after it ("Reagan pardoned Felt - a move applauded by Nixon": Nixon applauds Reagan)."""
    move = verb.head
    start = move.left_edge.i
    set_off = move.dep_ in ("appos", "npadvmod", "dep") or (
        start > 0 and move.doc[start - 1].text in (",", "-", "—"))  # ", a decision criticised"
    if verb.dep_ not in ("acl", "relcl") or not set_off \
            or not has_form(move, cues()["move_noun"]):
        return []
    return subject_of(verb.sent.root, 0)


def threatened(verb: Token) -> list[Span]:
    """Who a threat is made to: the one the threatened act would hit ("threatened to attack
    Israel", "threatened to force a vote on X's impeachment")."""
    content = [c for c in verb.children if c.dep_ == "xcomp"]
    found = [a for c in content for a in target_actors(c)]
    return found or [a for c in content for t in c.subtree
                     if t.dep_ == "poss" and undergoes(t.head) for a in actors_in(t)]


def demanded_of(verb: Token) -> list[Span]:
    """Who a "must" said of them is demanded of: the active subject of the clause ("the EU
    said Israel must withdraw" -> Israel; "X must be fired" demands it of no one named)."""
    return [a for c in verb.children if c.dep_ == "ccomp" and demands(c)
            for a in nsubj_actors(c)]


def claimed_of(verb: Token) -> list[Span]:
    """Who a speaker says did wrong: the doer in the clause said ("Rice said the government
    lied" -> the government; "claims he was harassed by X" -> X)."""
    return [a for c in verb.children if c.dep_ == "ccomp" for a in subject_of(c, 0)]


def requested_party(noun: Token) -> list[Span]:
    """Who is asked when a request is the circumstance of an act: the one who acts ("withdrew
    at Russia's request", "ended the pact at the request of the US" -> who withdrew, ended)."""
    prep = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or prep.lower_ not in REQUEST_PREPS \
            or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return subject_of(prep.head, 0)


def answerer(noun: Token) -> list[Span]:
    """Who answers a demand is the one it was made of: the subject of the verb that rejects,
    meets or bows to it ("X rejected Y's demands", "X refused to meet the demands", "the
    demands were ignored by X", "X bowed to the demands")."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "nsubjpass", "pobj") \
            or not has_form(verb, cues()["answering"]):
        return []
    return subject_of(verb, 0)


def addressee(trigger: Token) -> list[Span]:
    """The one told: the object of the verb of telling whose clause holds the trigger
    ("told Kelly that he would resign" -> Kelly)."""
    saying = reporting_head(trigger)
    if saying is None or not has_form(saying, cues()["addressing"]):
        return []
    return [a for c in saying.children if c.dep_ in ("dobj", "dative") for a in actors_in(c)]


def accused(trigger: Token) -> list[Span]:
    """Who an accusation that names nobody as its object holds to account: the doer of the
    act it names. The subject of its clause ("alleged that X shot Y", "allegations he had
    destroyed"), or the possessor or "by" agent of its object ("condemned Israel's attacks",
    "spoke out against attacks by X"), or the subject of what an investigation found ("an
    investigation found the officer had engaged in misconduct")."""
    clauses = list(trigger.children)
    if trigger.dep_ == "nsubj" and has_form(trigger.head, cues()["finding"]):
        clauses += [c for c in trigger.head.children if c.dep_ == "ccomp"]
    for c in clauses:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX"):
            found = nsubj_actors(c)
            if found:
                return found
        for noun in _judged_objects(c):
            found = [a for g in noun.children if g.dep_ == "poss" and not undergoes(noun)
                     for a in actors_in(g)]
            if found or (found := prep_objects(noun, ("by",))):
                return found
    return []


def _judged_objects(child: Token) -> list[Token]:
    """The nouns a child of an accusation names as what it judges: its object, or the object
    of its "against", "over" or "for"."""
    if child.dep_ == "dobj":
        return [child]
    if child.dep_ == "prep" and child.lower_ in ACCUSED_PREPS:
        return [g for g in child.children if g.dep_ == "pobj"]
    return []


def partners(trigger: Token, etype: str) -> list[Span]:
    """The other party of a reciprocal event, acting with the subject: "met with X", "talks
    with X", "signed a contract with X" (event-labels: reciprocal events list both parties
    as sources); for a mobilisation, the force that is deployed ("troops were deployed"), for
    aid, the team that is sent ("rescue teams were deployed"), and the other side of a clash
    ("X clashed with Y": both fight)."""
    if passive(trigger) and (etype == "MOBILIZE" or (
            etype == "AID" and has_form(trigger, cues()["deploying"]))):  # teams were sent
        return [a for c in trigger.children if c.dep_ == "nsubjpass" for a in actors_in(c)]
    if etype == "ASSAULT" and has_form(trigger, cues()["mutual_violence"]):
        return prep_objects(trigger, ("with",))  # "X clashed with Y": both fight
    if etype not in RECIPROCAL_TYPES:
        return []
    holders = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        holders.append(trigger.head)  # "struck a deal with X"
    holders += [c for c in trigger.children if c.dep_ == "dobj"]  # "signed a pact with X"
    holders += [g for c in trigger.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj" and has_form(g, cues()["agreement_noun"])]
    return [a for h in holders for a in prep_objects(h, ("with",))]


def _place_of_object(span: Span) -> bool:
    """A place that only modifies the thing acted on ("attacked a Lagos market"): where the
    event happened, not whom it was done to (event-labels: the attacked camp's place is the
    location)."""
    root = span.root
    return span.label_ in PLACE_LABELS and root.dep_ in ("compound", "poss", "nmod") \
        and not root.head.ent_type_


def source_actors(trigger: Token, etype: str) -> list[Span]:
    """The actor: subject, passive agent, possessor of a noun trigger, or implicit subject;
    for a legal act no one is named doing, the judge it comes before."""
    if trigger.pos_ == "NOUN":
        found = noun_source(trigger, 0, place_mods=etype in PLACE_NAMED_TYPES,
                            legal=etype in LEGAL_TYPES, of_actor=_of_actor(trigger, etype),
                            together=etype in RECIPROCAL_TYPES) or (
            prep_objects(trigger, ("from",)) if _from_source(trigger, etype) else [])
    else:
        found = subject_of(trigger, 0) or implicit_agent(trigger, etype)
    return found or (presiding(trigger) if etype in LEGAL_TYPES else [])


def _from_source(trigger: Token, etype: str) -> bool:
    """Whether a noun trigger's "from" phrase names who it comes from (:data:`FROM_SOURCE_TYPES`:
    "condemnation from the United States"), not a range ("from X to Y")."""
    return trigger.pos_ == "NOUN" and etype in FROM_SOURCE_TYPES and not any(
        c.dep_ == "prep" and c.lower_ == "to" for c in trigger.children)  # "from X to Y"


def _of_actor(noun: Token, etype: str) -> bool:
    """Whether a noun trigger's "of" phrase names its actor: for the types that say so, unless
    the noun is an act done to someone ("the withdrawal of troops", but "the release of the
    journalist", cue ``patient_noun``)."""
    return etype in OF_SOURCE_TYPES and not has_form(noun, cues()["patient_noun"])


def presiding(trigger: Token) -> list[Span]:
    """The judge or court a legal act comes before ("sentencing is set for Friday before
    Judge X", "will be sentenced before Judge X"): the one who sentences or tries."""
    holders = [trigger]
    if trigger.dep_ in SUBJ and trigger.pos_ == "NOUN":
        holders.append(trigger.head)  # "sentencing is set ... before Judge X"
    return [a for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "before"
            for g in c.children if g.dep_ == "pobj"
            and any(has_form(t, cues()["judicial"]) for t in g.subtree) for a in actors_in(g)]


def target_actors(trigger: Token, etype: str = "") -> list[Span]:
    """The one acted on: object, passive subject, or object of a recipient preposition (and
    the "of" phrase of a noun trigger whose "of" is not its actor: "the arrest of X")."""
    out: list[Span] = []
    preps = cues()["target_prep"]
    if etype in AIMED_TYPES:
        preps = preps | {"at"}
    if trigger.lemma_.lower() in SEEKING_VERBS:
        preps = preps | {"for"}  # "police are searching for X"
    if trigger.pos_ == "NOUN" and not _of_actor(trigger, etype):
        preps = preps | {"of"}
    if _from_source(trigger, etype):
        preps = preps - {"from"}
    holders = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and \
            has_form(trigger.head, cues()["support_verb"]):
        holders.append(trigger.head)  # light verb: "held talks with X"
    for holder in holders:
        for c in holder.children:
            if holder == trigger and c.dep_ == "dative" and c.pos_ == "ADP":  # "gave X to Y"
                out += [a for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]
            elif holder == trigger and c.dep_ == "poss" and trigger.pos_ == "NOUN" and \
                    undergoes(trigger):  # "his arrest"
                out += actors_in(c)
            elif holder == trigger and (c.dep_ in ("dobj", "dative", "nsubjpass") or (
                    c.dep_ == "nsubj" and passive(trigger))):
                out += actors_in(c)
                out += prep_objects(c, RECIPIENT_PREPS + (("for",) if etype == "AID" else ())
                                    + (AIMED_PREPS if etype in AIMED_OBJECT_TYPES else ()))
                out += [a for p in c.children if p.dep_ == "prep" for g in p.children
                        if g.dep_ == "pobj" for a in prep_objects(g, ("to",))]  # "$1m in aid to X"
            elif c.dep_ == "prep" and c.lower_ in preps:
                for g in (g for g in c.children
                          if g.dep_ == "pobj" and not _premises_at(g, trigger)):
                    out += actors_in(g) or prep_objects(g, ("to", "against"))
    if trigger.pos_ == "VERB" and not any(c.dep_ == "nsubjpass" for c in trigger.children):
        out += implicit_patient(trigger)
    if trigger.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in trigger.children):
        out += shared_object(trigger) + predicated(trigger)
    if etype == "ASSAULT":
        out += victims(trigger) + sufferers(trigger)
    return out + undergoer(trigger)


def _premises_at(noun: Token, trigger: Token) -> bool:
    """An institution "at" which something happens (cue ``premises``): where, not at whom
    ("killed three patients at a hospital"), unless something is aimed at it ("threw stones
    at the embassy", :data:`AIMING_VERBS`)."""
    return noun.head.lower_ == "at" and has_form(noun, cues()["premises"]) \
        and trigger.lemma_.lower() not in AIMING_VERBS


def undergoer(noun: Token) -> list[Span]:
    """Who undergoes a noun event named as the object of a verb such as "face", or as what
    someone is under: "X faces charges", "X stood trial", "X is under house arrest"."""
    head = noun.head
    if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and head.lower_ == "under":
        return nsubj_actors(head.head)
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj" or not has_form(head, cues()["undergoing"]):
        return []
    return nsubj_actors(head)


def victims(trigger: Token) -> list[Span]:
    """Who died in the clause an attack is the circumstance of ("three men died when X
    bombed the school" -> the three men), or whom the attack left dead or wounded ("a
    rampage that left two women dead")."""
    left = [a for c in trigger.children if c.dep_ == "relcl" and c.lemma_ == "leave"
            for o in c.children if o.dep_ == "dobj" for a in actors_in(o)]
    head = trigger.head
    if left or trigger.dep_ != "advcl" or not has_form(head, cues()["dying"]):
        return left
    return nsubj_actors(head)


def sufferers(noun: Token) -> list[Span]:
    """The victims an attack is named by: "the victims of the Colorado shooting"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or not has_form(prep.head, cues()["sufferer"]):
        return []
    return actors_in(prep.head)


def predicated(verb: Token) -> list[Span]:
    """The one a verb's predicate is said of: "found X guilty", "held X responsible" (the
    small model parses X as the subject of a clausal "guilty")."""
    return [a for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")
            and c.pos_ in ("ADJ", "NOUN") for a in nsubj_actors(c)]


def shared_object(verb: Token) -> list[Span]:
    """The object a verb shares with the verb coordinated after it: "shot and killed two
    co-workers" -> the co-workers were shot too (the second verb has no subject of its own)."""
    return [a for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
            and not any(g.dep_ in SUBJ for g in c.children)
            for o in c.children if o.dep_ == "dobj" for a in actors_in(o)]


def implicit_patient(verb: Token) -> list[Span]:
    """The one acted on by a passive verb that has no subject of its own: the noun a
    participle modifies ("a woman charged with murder"), the subject it shares with the
    verb it is coordinated with ("X was arrested and charged", "X entered a plea and was
    remanded"), or the subject of the clause a passive gerund depends on ("X is held after
    being arrested")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [] if hung_active(verb) else actors_in(verb.head)
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and (passive(head) or passive(verb)):
        # "X was arrested and charged"; "X entered a plea and was remanded"
        own = any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)
        shared = "nsubjpass" if passive(head) else "nsubj"
        return [] if own else [a for c in head.children if c.dep_ == shared
                               for a in actors_in(c)]
    if not passive(verb) or verb.dep_ not in ("pcomp", "advcl"):
        return []
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    return [a for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for a in actors_in(c)]
