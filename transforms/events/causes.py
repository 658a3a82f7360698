"""Who did not do an act though the parse would make them its doer: a natural or accidental
cause ("the earthquake killed ten"), and who judges, denies or investigates the act ("an
investigation into the murder"). Rules of :mod:`transforms.events.roles` and
:mod:`transforms.events.mentions`.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.events.words import CLIMB_LIMIT, cues, has_form


def inanimate_cause(trigger: Token) -> bool:
    """Whether a verb trigger's doer is a natural or accidental cause, not an actor ("the
    earthquake killed ten", "a quake hit X, killing two", "killed in a crash", "crashed,
    killing two")."""
    causes = cues()["nonagent"]
    node = trigger
    for _ in range(CLIMB_LIMIT):
        if node is not trigger and node.pos_ == "VERB" and has_form(node, cues()["mishap"]):
            return True  # "a helicopter crashed, killing two troopers"
        # "shot and killed his father in a hunting accident": the phrase may hang on either
        for c in (*node.children, *(g for k in node.conjuncts for g in k.children)):
            if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "during") and any(
                    g.dep_ == "pobj" and has_form(g, causes) for g in c.children):
                return True
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
            # "a quake on an island that killed ten": the clause may hang on the nearer noun
            noun = node.head
            above = noun.head.head if noun.dep_ == "pobj" else noun
            return has_form(noun, causes) or (above.pos_ == "NOUN" and has_form(above, causes))
        if subj is not None:
            return subj.dep_ == "nsubj" and has_form(subj, causes)
        if node.dep_ == "acl" and has_form(node.head, causes):
            return True
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head == node:
            return False
        node = node.head
    return False


def judging(word: Token, acted: Token | None = None) -> bool:
    """A word that judges, denies or investigates an act (cue ``judging``), or a verb whose
    object is one ("opened an investigation into X", which the parse often hangs on the
    verb); the object ``acted``, the event asked about, does not count ("led protests":
    the protests are the event, not a judgement of it)."""
    words = cues()["judging"]
    return has_form(word, words) or any(c.dep_ == "dobj" and c != acted and has_form(c, words)
                                        for c in word.children)
