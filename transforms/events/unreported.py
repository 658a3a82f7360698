"""Triggers that report no event: a set phrase ("in protest of"), a condition ("if asked"),
an instruction or a question, the writer's or the reader's own acts outside quotes, and an act a
ban forbids (:func:`forbidden`).

PLOVER codes what a text reports happened, is planned or is denied; these words name an act
without reporting one. :func:`unreported` is what :mod:`transforms.events.mentions` asks of
every trigger before it reads its participants.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.events.words import cues, has_form, has_mark

CONDITIONS = frozenset({"if", "unless"})
"""Subordinators of a condition: the act they introduce has not happened."""
CONDITION_CLIMB = 3
"""Heads climbed from a trigger to the verb a condition marks ("if asked to do so")."""
INVERTED_AUX = frozenset({"should", "were", "had"})
"""Auxiliaries that open a condition when put before their subject ("should they attack")."""
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
"""Dependencies of a clause's own subject."""
READER_WORDS = frozenset({"you", "your", "i", "my", "we", "our"})
"""First- and second-person words: outside a quotation, the writer and the reader of a
blog, a column or a guide, no actors of the news."""


def unreported(token: Token, sent: Span) -> bool:
    """Whether a trigger names an act that its sentence ``sent`` does not report (module
    docstring)."""
    return _adverbial(token) or _hypothetical(token, sent) or _imperative(token, sent) \
        or _question(sent) or _to_reader(token, sent)


def opens_condition(clause: Token) -> bool:
    """Whether a clause is introduced as a condition ("if asked", "unless it pays")."""
    return has_mark(clause, CONDITIONS)


def _adverbial(token: Token) -> bool:
    """Nouns in set phrases that are not events: "in protest of", "intelligence-sharing pact"."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ in ("compound", "amod"):
        return True
    bare = not any(c.dep_ in ("det", "poss") for c in token.children)
    return (token.dep_ == "pobj" and token.head.lower_ in ("in", "as") and bare
            and token.tag_ != "NNS")


def _hypothetical(token: Token, sent: Span) -> bool:
    """Whether the trigger stands in a condition ("if asked to do so", "unless it pays",
    "should they attack"): a hypothetical act is no event, what would follow from it may be
    (PLOVER codes what is reported, not what might be)."""
    node = token
    for _ in range(CONDITION_CLIMB):
        if opens_condition(node) or _inverted(node, sent):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _inverted(verb: Token, sent: Span) -> bool:
    """A condition by inversion in a subordinate clause: "should the vendor support them",
    "were Iran to attack", "had they known"."""
    subjects = [c.i for c in verb.children if c.dep_ in SUBJECTS]
    asked = verb.dep_ == "ROOT" and _asks(sent)  # "Should we go?"
    return not asked and bool(subjects) and any(
        c.dep_ == "aux" and c.lower_ in INVERTED_AUX and c.i < subjects[0] for c in verb.children)


def _imperative(token: Token, sent: Span) -> bool:
    """A trigger in an instruction to the reader: a sentence whose main verb is bare, with
    no subject ("Visit our page", "If you know more, call Crime Stoppers", "Support the
    project by donating"), which reports nothing. The trigger itself has no subject either."""
    root = sent.root
    return root.tag_ in ("VB", "VBP") and not any(
        c.dep_ in SUBJECTS for t in {root, token} for c in t.children)


def _question(sent: Span) -> bool:
    """Whether a sentence is a question outside quotes ("Who killed Hannah Baker?", "Will he
    remain free on appeal?"): it asks, it reports nothing. One question mark, right after a word:
    pages decoded with the wrong charset put "?" for quotes ("threatening to ?shoot.?")."""
    if not _asks(sent):
        return False
    text = sent.text.rstrip()
    return text.count("?") == 1 and text[-2:-1].isalnum() and not _quoted(sent)


def _asks(sent: Span) -> bool:
    """Whether the sentence ends with a question mark (its last token read, not its whole
    text, which :func:`unreported` would build for every trigger of a long sentence)."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text.endswith("?")


def _to_reader(token: Token, sent: Span) -> bool:
    """An act of the reader's or the writer's outside a quotation: "you", "I" or "we" its
    subject or "your", "my", "our" its possessor ("When you invite people", "your request
    will be processed", "I've talked with survivors"): advice or a column, no report.
    Inside quotes they are the speaker and whom the speaker addresses: the event stands."""
    clause = [token]
    if token.dep_ in ("xcomp", "advcl", "conj") and not any(
            c.dep_ in SUBJECTS for c in token.children):
        clause.append(token.head)  # "we exist to call X": the subject it takes
    return any(c.lower_ in READER_WORDS and c.dep_ in ("nsubj", "nsubjpass", "poss")
               for t in clause for c in t.children) and not _quoted(sent)


def _quoted(sent: Span) -> bool:
    """Whether a sentence holds a quotation, whose "you", "I" and "?" are the speaker's."""
    return any(t.is_quote for t in sent)


def forbidden(token: Token) -> bool:
    """Whether ``token`` is the act a ban forbids ("a ban on rallies", "banned protests"):
    none is held. The ban is the event."""
    if token.pos_ != "NOUN":
        return False
    holder = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "on" else \
        token.head if token.dep_ == "dobj" else None
    return holder is not None and has_form(holder, cues()["banning"])
