"""Who did what to whom, read off the dependency parse: the rules that
:mod:`transforms.events.parties` assembles into an event trigger's participants.

``source`` is the actor (subject, passive agent, possessor of a noun trigger, implicit
subject of a controlled or coordinated clause), ``target`` the one acted on (object, passive
subject, object of a recipient preposition), ``other`` the rest (a treaty acted on, the
speaker who reports the event). Noun phrases that describe an actor without naming it
("the Japanese government", "the two countries") are resolved by
:mod:`transforms.actors.references`; agentless passives get their implicit agent where the
text states it (the parties of an agreement "between" two sides, the government that
announces its own decision). Who only caused, judged or investigated an act is told apart in
:mod:`transforms.events.causes`; whom a pronoun stands for, in :mod:`transforms.events.pronouns`;
whom a description, an appositive or a part of a group names, in
:mod:`transforms.events.phrases`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from transforms.actors import references as actor_refs
from transforms.events import phrases, pronouns
from transforms.events.causes import judging
from transforms.events.words import CLIMB_LIMIT, cues, entity_at, has_form

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Entity labels that can act or be acted on (PLOVER actors)."""
OTHER_LABELS = frozenset({"LAW", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART"})
"""Entity labels that take part only as 'other' (a treaty, a conference ...)."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels that can locate an event."""
ANNOUNCED_TYPES = frozenset({"AGREE", "CONCEDE", "RETREAT", "REJECT", "SANCTION"})
"""Policy decisions whose agentless passive, announced by a government, is that government's
own act ("X announced that the decision had been put on hold"); not violence, where the
announcer is often the victim."""
PARTY_TYPES = frozenset({"AGREE", "SUPPORT", "COOPERATE", "REJECT", "CONCEDE", "RETREAT"})
"""Types whose agentless passive on an agreement ("the pact was signed": signing is SUPPORT)
has the agreement's parties as actors."""
UNCARRIED_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "amid",
                             "despite", "under"})
"""Prepositions by which a noun event is only the time or circumstance of its clause: the
clause's subject is not its actor ("ran to safety after the shooting", "is under house
arrest"); who is held for it still is ("arrested X after the shooting")."""
TOPIC_PREPS = frozenset({"about", "regarding", "concerning", "over", "against"})
"""Prepositions by which a noun event is what the clause is about or against: its subject did
not do it ("sanctions over the crackdown", "protested against the war", "searching for X
for questioning about the murder")."""
SUBJ = ("nsubj", "nsubjpass", "csubj")
NOMINAL_MODS = ("compound", "amod", "nummod", "poss", "nmod", "appos")


def objects(token: Token) -> Iterator[Token]:
    """Direct and prepositional objects (with their conjuncts and compounds)."""
    for c in token.children:
        heads = [c] if c.dep_ in ("dobj", "nsubjpass", "attr", "dative") else []
        if c.dep_ in ("prep", "prt", "agent"):
            heads = [g for g in c.children if g.dep_ == "pobj"]
        for h in heads:
            yield h
            yield from h.conjuncts
            yield from (g for g in h.children if g.dep_ == "compound")


def subject_of(verb: Token, depth: int) -> list[Span]:
    """Actors of a verb's subject; climbs control, coordination and purpose clauses."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return noun_source(verb, depth)
    is_passive = passive(verb)
    for c in verb.children:
        if c.dep_ == "agent":
            return [a for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]
        if c.dep_ in ("nsubj", "csubj") and not is_passive:
            return actors_in(c)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and has_form(verb.head, cues()["statement"]):
        return issuer(verb.head, depth)  # "issued a statement condemning X"
    if hung_active(verb):  # an active verb hung on a noun
        return _hung_subject(verb.head)  # "Mr Trump as a candidate promised to deport"
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
        # a reduced relative: "civilians fleeing X" act, "a woman charged with X" is acted on
        return actors_in(verb.head) if verb.tag_ == "VBG" else []
    if is_passive or depth >= CLIMB_LIMIT or verb.dep_ not in ("xcomp", "advcl", "conj", "acl",
                                                            "pcomp", "ccomp", "acomp"):
        return []  # acomp: "they were able to free them" -> they
    head = verb.head
    if verb.dep_ == "xcomp":  # raising: "X is expected to release" -> X
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised:
            return actors_in(raised[0])
    if _infinitive_complement(verb) and has_form(head, cues()["object_control"]):
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")] or [
            g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
            for g in c.children if g.dep_ == "pobj"]  # "called on X to release"
        if objs:
            return actors_in(objs[0])
    if verb.dep_ == "ccomp":
        return _listed_subject(verb, depth)
    if verb.dep_ == "conj" and head.dep_ == "advcl" and _eventive_subject(head):
        head = head.head  # "X intervened after clashes broke out and dispersed the crowd"
    via_prep = head.pos_ == "ADP"
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    if via_prep and head.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("NOUN", "PROPN"):
        # "convicted the nurse of killing X", the "of" hung on the one charged
        return charged_party(head.head) or subject_of(head, depth + 1)
    return (via_prep and charged_party(head)) or subject_of(head, depth + 1)


def hung_active(verb: Token) -> bool:
    """An active verb the parse hung on a noun as its modifier: a past tense with an object
    ("Mr Trump as a candidate promised to deport"), or a participle with a direct object on
    a noun that heads the sentence, which has no other verb ("Israeli air strikes killed 12
    people" parsed as strikes that were killed): a passive participle takes no object; nor
    is a crowd's act undergone ("Hundreds of students protested in Dhaka")."""
    if verb.dep_ != "acl":
        return False
    if verb.tag_ == "VBD":
        return any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children)
    return verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and (any(
        c.dep_ == "dobj" for c in verb.children) or has_form(verb, cues()["crowd_acts"]))


def _hung_subject(noun: Token) -> list[Span]:
    """The subject of a past-tense verb the parse hung on a noun: that noun, or the name an
    "as" phrase describes ("Mr Trump as a candidate promised": Mr Trump)."""
    found = actors_in(noun, 1)
    if not found and noun.dep_ == "pobj" and noun.head.lower_ == "as":
        found = actors_in(noun.head.head, 1)
    return found


def _listed_subject(verb: Token, depth: int) -> list[Span]:
    """The subject of a bare infinitive the parse hung on a verb of saying as a clause of its
    own, in a list after another clause ("say they were able to free them, disarm the woman
    and take her": they disarm): the subject of the clause before it. A reported clause with
    a subject of its own never gets here."""
    if verb.tag_ != "VB" or any(c.dep_ == "aux" for c in verb.children):
        return []
    before = [c for c in verb.head.children if c.dep_ == "ccomp" and c.i < verb.i]
    return subject_of(before[-1], depth + 1) if before else []


def _eventive_subject(verb: Token) -> bool:
    """Whether a verb's subject is a common noun that names no actor ("clashes broke out"):
    a verb coordinated with it that acts on someone ("and dispersed the crowd") is the
    parse's slip for the main clause's."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subj) and subj[0].pos_ == "NOUN" and not actors_in(subj[0])


def issuer(noun: Token, depth: int) -> list[Span]:
    """Who issues a statement or a letter: its possessor or named modifier ("the ministry's
    statement"), else the subject of the verb it is the object of ("X issued a statement",
    "X said in a letter")."""
    found = [a for c in noun.children if c.dep_ in ("poss", "compound") for a in actors_in(c)]
    if found or depth >= CLIMB_LIMIT or noun.dep_ not in ("dobj", "pobj"):
        return found
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    return subject_of(head, depth + 1) if head.pos_ in ("VERB", "AUX") else []


def _infinitive_complement(verb: Token) -> bool:
    """Whether ``verb`` is the infinitive its head controls ("pressed X to release"): an
    xcomp, or the advcl with "to" that the small model often parses it as."""
    return verb.dep_ == "xcomp" or purpose_clause(verb)


def purpose_clause(verb: Token) -> bool:
    """Whether ``verb`` heads an adverbial clause with "to": a purpose ("summoned X to
    protest", "deployed the army to end the protests")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in verb.children)


def charged_party(verb: Token) -> list[Span]:
    """The one a verb of charging holds to account, who is the actor of the act it names
    ("X was charged with killing Y", "police arrested X for the attack" -> X)."""
    if verb.pos_ != "VERB" or not has_form(verb, cues()["charging"]):
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a woman charged with killing Y"
        return actors_in(verb.head)
    deps = ("nsubjpass", "nsubj") if passive(verb) else ("dobj",)
    found = [a for c in verb.children if c.dep_ in deps for a in actors_in(c)]
    return found or [a for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")
                     and c.pos_ == "ADJ"  # "found X guilty of": X parsed as guilty's subject
                     for a in nsubj_actors(c)]


def nsubj_actors(word: Token) -> list[Span]:
    """Actors of a word's own active subject, with no climbing (:func:`subject_of` climbs)."""
    return [a for c in word.children if c.dep_ == "nsubj" for a in actors_in(c)]


def passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice: a passive subject or auxiliary, or a past
    participle with a subject but neither auxiliary nor object, a reduced relative the parse
    took for a clause ("says the woman accused of killing two is his sister": she is
    accused; "forces on Tuesday killed 40", a past tense mistagged, has its object; a
    crowd's act is never undergone: "thousands of students protested")."""
    kids = [c.dep_ for c in verb.children]
    return "nsubjpass" in kids or "auxpass" in kids or (
        verb.tag_ == "VBN" and "nsubj" in kids and "aux" not in kids and "dobj" not in kids
        and not has_form(verb, cues()["crowd_acts"]))


def implicit_agent(verb: Token, etype: str) -> list[Span]:
    """The unnamed agent of a passive trigger where the text gives it: the parties of an
    agreement acted on ("the pact between X and Y was signed"), or the government that
    announces its own decision ("X announced the plan had been dropped")."""
    if not passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        return []
    found = agreement_parties(verb) if etype in PARTY_TYPES else []
    speaker = reporting_head(verb)
    if not found and etype in ANNOUNCED_TYPES and speaker is not None \
            and has_form(speaker, cues()["announcing"]):
        found = subject_of(speaker, CLIMB_LIMIT - 1)
    return found


def agreement_parties(verb: Token) -> list[Span]:
    """Parties of the agreement that is the passive subject of ``verb``: a "between/among"
    phrase in the clause, else one at another mention of the same agreement."""
    theme = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if theme is None or not _is_agreement(theme):
        return []
    found = [a for t in verb.subtree if t.dep_ == "prep" and t.lower_ in ("between", "among")
             and not _crosses_verb(t, verb)
             for g in t.children if g.dep_ == "pobj" for a in actors_in(g)]
    ent = entity_at(theme)
    if found or ent is None:
        return found
    for other in theme.doc.ents:
        if other.label_ == ent.label_ and other.id_ == ent.id_ and other.start != ent.start:
            found = _parties_near(other.root)
            if found:
                return found
    return []


def _is_agreement(token: Token) -> bool:
    return token.ent_type_ == "LAW" or has_form(token, cues()["agreement_noun"])


def _crosses_verb(tok: Token, top: Token) -> bool:
    node = tok.head
    while node != top and node.head != node:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _parties_near(mention: Token) -> list[Span]:
    """Parties in a "between/among" phrase on an agreement mention or on the word it
    depends on ("sharing intelligence between the two countries under the pact")."""
    node = mention
    for _ in range(3):
        parties = prep_objects(node, ("between", "among"))
        if parties:
            return parties
        node = node.head
        if node.pos_ == "ADP":
            node = node.head
    return []


def noun_source(noun: Token, depth: int, place_mods: bool = False,
                of_actor: bool = False, legal: bool = False,
                together: bool = False) -> list[Span]:
    """Actor of a noun trigger: its parties, its possessor or actor modifier, or the clause's.

    With ``place_mods`` a place name compounded to the noun locates it ("the Tokyo summit");
    without, only a country acts through it ("US strikes"), a town or state locates it ("the
    Colorado massacre");
    with ``of_actor`` its "of" phrase names the actor ("the resignation of X"); with
    ``legal`` (an accusation or a sanction) the one charged is not its actor ("fired X after
    an investigation": X was investigated, not investigating).
    """
    found = prep_objects(noun, ("between", "among", "by")) or _agent_after_of(noun)
    if not found and of_actor:
        found = prep_objects(noun, ("of",))
    if not found:
        found = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                 and not (c.dep_ == "poss" and undergoes(noun))
                 for a in actors_in(c)
                 if not (c.dep_ == "compound" and a.label_ in PLACE_LABELS
                         and (place_mods or not actor_refs.is_country_name(a.text)))]
    if not found and noun.dep_ == "dobj" and has_form(noun.head, cues()["owning"]):
        return subject_of(noun.head, depth + 1)  # "X denied the arson": its alleged doer
    if not found:  # "the attack, which was claimed by X": X owns it
        found = [a for c in noun.children if c.dep_ == "relcl" and has_form(c, cues()["owning"])
                 for g in c.children if g.dep_ == "agent"
                 for o in g.children if o.dep_ == "pobj" for a in actors_in(o)]
    if noun.dep_ == "dobj" and has_form(noun.head, cues()["undergoing"]):
        # "X faces sanctions from Y", "X received aid from Y": Y, wherever "from" hangs
        return found or prep_objects(noun, ("from",)) or prep_objects(noun.head, ("from",))
    if found or depth >= CLIMB_LIMIT or _owned(noun):
        return found
    head = noun.head
    while head.pos_ in ("ADP", "ADJ") and head.head != head:  # "found X guilty of murder"
        head = head.head
    if head.pos_ == "PROPN" and head.dep_ in ("dobj", "nsubjpass") and noun.dep_ == "pobj":
        head = head.head  # "convicted X of murder", the "of" hung on X
    if head == noun or head.pos_ not in ("VERB", "AUX", "NOUN"):
        return []
    if judging(head, noun):  # "an investigation into the murder": the investigator did not kill
        return []
    charged = noun.dep_ == "pobj" and not legal and charged_party(head)
    carried = _carried(noun, together) or (legal and noun.dep_ == "pobj")  # "fired X after a probe"
    if carried and passive(head) and has_form(head, cues()["planned"]):
        return [a for c in head.children if c.dep_ == "nsubjpass" for a in actors_in(c)]
    return charged or (subject_of(head, depth + 1) if carried else [])


def _agent_after_of(noun: Token) -> list[Span]:
    """The "by" agent the parser hangs on a noun's "of" object: "the arrest of the leader by
    security forces" (the forces arrest)."""
    return [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj" for a in prep_objects(g, ("by",))]


def undergoes(noun: Token) -> bool:
    """Whether a noun's possessor is the one its act is done to: an act done to someone
    (cue ``patient_noun``) with no "of" phrase ("his arrest", not "Israel's killing of X")."""
    return has_form(noun, cues()["patient_noun"]) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _owned(noun: Token) -> bool:
    """A noun of a "for" phrase owned by a pronoun ("thanked residents for their assistance",
    "blamed X for his attack"): the act is the possessor's, not the clause subject's."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _carried(noun: Token, together: bool = False) -> bool:
    """Whether the clause's subject acts in the noun's event: "held talks", "at a summit";
    not "condemned the attack" (the condemner did not attack), nor an act that is only the
    time of the clause ("ran to safety after the shooting", "came after calls for action")
    unless the event is done together (``together``: "said after talks with X"), nor the
    setting it is the scene of ("at the scene of the shooting"), nor what it is about
    ("questioning about the murder")."""
    if noun.dep_ == "pobj":
        prep = noun.head
        timed = prep.lower_ in UNCARRIED_PREPS and not together
        return not timed and prep.lower_ not in TOPIC_PREPS \
            and not (prep.lower_ == "of" and has_form(prep.head, cues()["setting"]))
    return noun.dep_ in ("dobj", "attr") and has_form(noun.head, cues()["support_verb"])


def prep_objects(token: Token, words: tuple[str, ...]) -> list[Span]:
    """Actors named by the objects of ``token``'s prepositions among ``words``."""
    return [a for c in token.children if c.dep_ == "prep" and c.lower_ in words
            for g in c.children if g.dep_ == "pobj" for a in actors_in(g)]


def other_entities(trigger: Token) -> list[Span]:
    """Named things the trigger acts on (a treaty) and the speaker who reports the event."""
    out = [e for o in objects(trigger) if (e := entity_at(o)) is not None
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


def actors_in(token: Token, depth: int = 0) -> list[Span]:
    """Actor entities a noun phrase names: itself, its named modifiers, a described state or
    group, or a pronoun's antecedent.

    "South Korea's foreign ministry" -> South Korea; "the administration of President X" -> X,
    or X's country when a nationality title names it; "the two countries" -> the two
    countries of the passage; conjuncts are included ("Japan and South Korea"), and so are
    the members a group is said to include ("activist groups, including X and Y").
    """
    if token.pos_ == "PRON" and not phrases.partitive(token):
        return pronouns.resolve_pronoun(token)
    if phrases.partitive(token):  # "three of the country's police officers" -> the officers
        return prep_objects(token, ("of",))
    ent = entity_at(token)
    generic = ent is not None and phrases.generic_span(ent) is not None
    named = (phrases.named_appositives(token) or phrases.apposed(token)
             or phrases.named_business(token)) if generic else []
    if named:  # "the governor of Unity State, Taban Deng," -> Taban Deng
        found = named
    elif ent is not None:
        found = [ent] if ent.label_ in ACTOR_LABELS else []
        if found and phrases.countryless_generic(ent) \
                and token.lemma_.lower() in cues()["agent_noun"]:
            # "defense ministers of the three countries": the states they stand for
            found = prep_objects(token, ("of",)) or found
    elif depth < 2:
        found = phrases.apposed(token) or actor_refs.group_members(token) \
            or phrases.described(token, depth)
    else:
        found = []
    if depth == 0:
        found += phrases.elided_partners(token)  # "Indian and Pakistani troops"
        found += [a for c in token.conjuncts for a in actors_in(c, 1)]
        found += prep_objects(token, ("including",))  # "groups, including X and Y,"
    return found
