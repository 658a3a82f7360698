"""When, where and how sure: the circumstances of an event trigger, read off the parse.

For a trigger token (see :mod:`transforms.events.mentions`) these rules find the DATE entity
that governs it (:func:`governing_date`, not a bound such as "since May" nor a duration), the
place of an "in/at X" phrase or a "Tokyo summit" (:func:`location`), whether it occurred, is
planned, hoped, denied or possible (:func:`modality`), and the tense of its clause
(:func:`tense`), which resolves relative dates ("on Monday"); :func:`normalize_date` and
:func:`context_year` turn the date's text into ISO text with :mod:`transforms.dates`. Kept
apart from the component because each rule reads only the parse around one token: they can
be changed and tested on hand-built Docs without the lexicon or the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Span, Token

from transforms.actors.references import is_country_name
from transforms.events.roles import NOMINAL_MODS, PLACE_LABELS, SUBJ
from transforms.events.words import (
    cues,
    entity_at,
    has_form,
    has_mark,
    sentence_ents,
    word_forms,
)
from transforms.places.labels import PLACE_OWNED

NOBODY = frozenset({"nobody", "none", "noone"})
"""Subjects that negate what they do or undergo ("nobody was hurt")."""
MODALITY_DEPTH = 4
"""Content words above the trigger searched for modality markers ("hopes to meet")."""

_DURATION = re.compile(r"^\W*(the\s+)?(past|last|first|next)?\s*[\d\w-]+[- ](year|month|week|day)s?"
                       r"(-old|-long)?\W*$", re.I)
"""DATE entities that are durations ("12 years", "the past two weeks"), not points in time."""


# ---------------------------------------------------------------- date

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
    for ent in sentence_ents(trigger):
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
        if head.i not in pos and has_mark(head, cues()["nonpoint_prep"]):
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


def normalize_date(text: str, anchor: date | None, tense: str | None,
                   context_year: int | None) -> str | None:
    """ISO date of ``text`` at its precision (transforms.dates.grammar, imported when first
    needed)."""
    from transforms.dates import grammar as dates

    return dates.normalize(text, anchor, tense=tense, context_year=context_year)


def context_year(text: str, span: Span) -> int | None:
    """The latest explicit year written in ``text`` (the Doc's) before ``span`` ("that
    year")."""
    from transforms.dates import grammar as dates

    return dates.context_year_at(text, span.start_char)


# ---------------------------------------------------------------- place

def location(trigger: Token, etype: str | None = None,
             taken: frozenset[tuple[int, int]] = frozenset()) -> Span | None:
    """A place (GPE/LOC/FAC) in an "in/at X" phrase on the trigger or a governing clause;
    for a movement (:data:`DESTINED_TYPES`), also a destination on the trigger itself
    ("deployed troops to Haiti", "a visit to Taiwan", "sent aid to Sudan"); else a place
    name compounded to a noun trigger that is not one of its participants (token ranges in
    ``taken``: "US air strikes" are the United States' act, not an event in it)."""
    preps = cues()["location_prep"]
    if etype in DESTINED_TYPES:
        preps = preps | DESTINATION_PREPS
    for k, node in enumerate(_chain(trigger)):
        scope = node.subtree if k == 0 else (g for c in node.children for g in c.children)
        for tok in scope:
            if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
                continue
            if k == 0 and _crosses_clause(tok, trigger):
                continue
            ent = entity_at(tok) if k == 0 or tok.head.head == node else None
            if ent is not None and (ent.label_ in PLACE_LABELS or _premises(ent, tok)):
                return ent
    place = _compound_place(trigger)
    return place if place is not None and (place.start, place.end) not in taken else None


def _premises(ent: Span, tok: Token) -> bool:
    """An institution "at" which something happens is where it happens: "a speech at the
    University of California", "a plea at Taunton Magistrates" (its name places it)."""
    if ent.label_ != "ORG" or tok.head.lower_ != "at":
        return False
    words = [t.lemma_.lower() for t in ent]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head in cues()["premises"]


DIRECTION_PREPS = frozenset({"to", "into", "across", "throughout", "toward", "towards"})
"""Prepositions of a destination or an extent that place the sentence's events ("flew to
Texas" to meet, "an offensive into Gaza")."""


DESTINED_TYPES = frozenset({"MOBILIZE", "CONSULT", "AID"})
"""Event types that happen where they go: troops deployed, a leader's visit, aid sent."""
DESTINATION_PREPS = frozenset({"to", "into"})
"""Prepositions of a movement's destination on its trigger ("deployed troops to Haiti")."""

ASSERTING_MARKS = frozenset({"though", "although", "while", "whereas", "because", "since",
                             "after", "as"})
"""Conjunctions of an adverbial clause that asserts its own fact, which a negation or a modal
of the main clause does not reach; not "if", "unless", "when" or "until", whose clause is
as hypothetical or as dated as the main one."""
UNTIL_WORDS = frozenset({"until", "till"})
"""Words by which a negation dates an act rather than denies it ("not until June")."""
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})
"""Nouns a place modifies without locating what happens: "near the South Sudan border" may
be on either side of it."""


def sentence_place(trigger: Token, taken: frozenset[tuple[int, int]],
                   acted_on: frozenset[tuple[int, int]] = frozenset()) -> Span | None:
    """Where the sentence says things happen when no phrase on the trigger does: the first
    place in a locative or directional phrase of the sentence ("in Gaza", "at a Somerset
    store", "flew to Texas", "the town of Khan Yunis", "at the University of Lagos") or
    modifying a noun ("Aleppo's jail", "a Paris jewellery store", "Kenya's parliament"; not
    "the Sudan border", "Sweden's bid"), never a participant (token ranges in ``taken``), the
    owner of one acted on (``acted_on``: "summoned China's ambassador") nor a place that acts
    ("Japan said")."""
    for ent in sentence_ents(trigger):
        if (ent.start, ent.end) in taken:
            continue
        root = ent.root
        if ent.label_ not in PLACE_LABELS:
            if root.dep_ == "pobj" and _premises(ent, root):
                return ent  # "a speech at the University of California was cancelled"
            continue
        prep = root.head.lower_ if root.dep_ == "pobj" else ""
        locative = prep in cues()["location_prep"] or prep in DIRECTION_PREPS or (
            prep == "of" and has_form(root.head.head, cues()["settlement"]))
        if locative or (root.dep_ in ("compound", "poss") and root.head.pos_ == "NOUN"
                        and root.head.lemma_.lower() not in BORDER_NOUNS
                        and (root.dep_ == "compound" and not _national(ent, root.head)
                             or _site(root.head)
                             or _within(root.head, taken - acted_on))  # "Kenya's parliament"
                        and not _within(root.head, acted_on)):
            return ent  # not the owner of one acted on: "summoned China's ambassador"
    return None


def _national(ent: Span, noun: Token) -> bool:
    """Whether a country compounded to a noun says whose it is, not where: "US air power",
    "Russian gas" (a city says where: "a Paris store"; a site is where: "the US embassy")."""
    return is_country_name(ent.text) and not _site(noun)


def _within(token: Token, spans: frozenset[tuple[int, int]]) -> bool:
    return any(start <= token.i < end for start, end in spans)


def _site(noun: Token) -> bool:
    """Whether a noun a place possesses is somewhere in it ("Aleppo's jail", "Gaza's main
    hospital"), not an act or a thing of the place's ("approved Sweden's bid")."""
    return noun.lemma_.lower() in PLACE_OWNED or has_form(noun, cues()["premises"]) \
        or has_form(noun, cues()["settlement"])


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


# ---------------------------------------------------------------- modality, tense

def _modal_scope(trigger: Token) -> Iterator[Token]:
    """The trigger, then the content words above it up to a verb of saying or the top of a
    clause of its own (:func:`_own_clause`)."""
    yield trigger
    if trigger.pos_ == "NOUN":
        yield from (c for c in trigger.children if c.dep_ in ("acl", "amod"))
        if trigger.dep_ in SUBJ and not _copular(trigger.head):
            yield trigger.head
    node, steps = trigger, 0
    while node.head != node and steps < MODALITY_DEPTH and not _own_clause(node):
        node = node.head
        if has_form(node, cues()["reporting"]):
            return
        if node.pos_ != "ADP":
            steps += 1
            yield node


def _own_clause(node: Token) -> bool:
    """A coordinated, relative or asserting adverbial clause with a subject of its own: what
    is said of the clause it joins does not hold of it ("roads are expected to stay shut,
    and police have urged ..."; "the trial of a man who shot two starts Monday"; "has not
    made an offer, though the sides continue to talk")."""
    own_subject = any(c.dep_ in SUBJ for c in node.children)
    if node.dep_ == "advcl":  # "has not made an offer, though the sides continue to talk"
        return own_subject and has_mark(node, ASSERTING_MARKS)
    return node.dep_ in ("conj", "relcl") and own_subject


def _copular(verb: Token) -> bool:
    """A "be + adjective/noun" predicate: it describes its subject, it does not report it."""
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def modality(trigger: Token, ignore_own_negation: bool = False) -> str:
    """occurred, planned, hoped, denied or possible, from the nearest marker above the trigger."""
    for node in _modal_scope(trigger):
        mark = _marker(node, node == trigger, ignore_own_negation)
        if mark is None and _controls(node, trigger) and has_form(node, cues()["commitment"]) \
                and not _setting(trigger):
            mark = "planned"  # "agreed to hold talks": the talks are to come
        if mark:
            return mark
    return "occurred"


def _setting(trigger: Token) -> bool:
    """An occasion named as where something was said ("offered to resign in a conversation
    with X", "promised during a meeting"): the occasion took place, whatever was promised in
    it, though the parse may hang it on the promised act."""
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and \
        trigger.head.lower_ in ("in", "during") and has_form(trigger, cues()["occasion"])


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
    mods = {f for k in kids if k.dep_ in ("amod", "advmod", "acomp") and not k.ent_type_
            for f in word_forms(k)}  # not a name's word: "Planned Parenthood funding"
    governs = not is_trigger and not node.ent_type_
    if (not (is_trigger and ignore_neg) and (negated(node) and not _not_until(node)
                                             or _denied_predicate(node))) or \
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


def _not_until(node: Token) -> bool:
    """A negation that only says when: "It wasn't until June that police arrested him",
    "they did not leave until the police arrived" (it happened, then)."""
    return any((c.dep_ == "prep" and c.lower_ in UNTIL_WORDS)
               or (c.dep_ == "advcl" and has_mark(c, UNTIL_WORDS)) for c in node.children)


def _denied_predicate(verb: Token) -> bool:
    """A negated predicate of the object: "found not guilty" is no conviction."""
    return any(c.dep_ in ("oprd", "acomp") and negated(c) for c in verb.children)


def negated(token: Token) -> bool:
    """Whether ``token`` has a negation ("did not renew", "no talks"), or a subject that is
    no one ("no one was injured", "nobody was hurt")."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in cues()["negation"])
               or (c.dep_ in ("nsubj", "nsubjpass") and _no_one(c)) for c in token.children)


def _no_one(subject: Token) -> bool:
    """"nobody", "no one", "none" (of them)."""
    return subject.lower_ in NOBODY or (subject.lower_ == "one" and any(
        c.lower_ == "no" for c in subject.children))


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


def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)
