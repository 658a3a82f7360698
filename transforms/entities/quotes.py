"""Direct quotations and their speakers: the ``newsetl_quotes`` spaCy component.

A quotation is text between matching double quotes (straight or curly) or curly single
quotes within one paragraph, of more than :data:`MIN_QUOTE_WORDS` - 1 words: one- or two-word
scare quotes ("normalise") are not quotations. Its speaker comes from the dependency parse
of the sentence around it: the subject of a speech verb outside the quote ("X said",
"said X", "X told reporters"), or the object of "according to X". A pronoun subject ("he
said") resolves to the most recent PERSON subject when no other person was named in
between; otherwise the speaker stays unknown. Results are stored on the Doc as
``doc._.newsetl_quotes`` (plain ints, so they survive multi-process ``nlp.pipe``) and read
back with :func:`doc_quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MIN_QUOTE_WORDS = 3
"""A quotation has more than two words (the issue's rule for scare quotes)."""

PRONOUN_LOOKBACK_SENTS = 3
"""Sentences searched back for the person a "he said" refers to (news attribution keeps
the antecedent close; calibrated on the sample style, tune with care)."""

SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "note", "stress", "ask", "claim", "insist", "declare",
    "explain", "warn", "write", "announce", "reply", "respond", "argue", "suggest", "tweet",
    "comment", "remark", "urge", "acknowledge", "admit", "conclude", "emphasize",
    "emphasise", "predict", "recall", "report", "describe", "call", "quote", "underline",
    "reiterate", "affirm", "assert", "vow", "pledge", "promise", "deny", "confirm", "tout",
})
"""Lemmas of verbs that introduce reported speech."""

PRONOUNS = frozenset({"he", "she"})
"""Pronoun subjects resolved to a person; "they"/"it" stay unresolved (groups, objects)."""

_QUOTE_RE = re.compile(
    r"\u201c([^\u201c\u201d\n]+)\u201d"        # “double curly”
    r'|"([^"\n]+)"'                             # "straight double"
    r"|(?<!\w)\u2018([^\u2018\n]+?)\u2019(?!\w)"  # ‘single curly’ (not an apostrophe)
)
_WORD_RE = re.compile(r"\w+(?:['\u2019-]\w+)*")
_SUBJECTS = ("nsubj", "nsubjpass")
_NONE = -1

if not Doc.has_extension("newsetl_quotes"):
    Doc.set_extension("newsetl_quotes", default=None)


@dataclass(frozen=True)
class Quote:
    """A quotation: its words' offsets, the speaker as written and the entity it refers to."""

    start: int
    end: int
    speaker: tuple[int, int] | None = None
    speaker_entity: tuple[int, int] | None = None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of the words inside quotation marks (marks and edge spaces and
    commas excluded), longer than two words."""
    out = []
    for match in _QUOTE_RE.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        start, end = match.span(group)
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if len(_WORD_RE.findall(text[start:end])) >= MIN_QUOTE_WORDS:
            out.append((start, end))
    return out


@Language.factory("newsetl_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    """Find quotations and attribute them; store them on ``doc._.newsetl_quotes``."""

    def __call__(self, doc: Doc) -> Doc:
        rows = []
        for start, end in find_quotes(doc.text):
            quote = attribute(doc, start, end)
            rows.append([start, end, *_pair(quote.speaker), *_pair(quote.speaker_entity)])
        doc._.newsetl_quotes = rows
        return doc


def _pair(span: tuple[int, int] | None) -> list[int]:
    return list(span) if span else [_NONE, _NONE]


def doc_quotes(doc: Doc) -> list[Quote]:
    """The quotations stored on a Doc by the component."""
    out = []
    for s, e, ss, se, rs, re_ in doc._.newsetl_quotes or []:
        out.append(Quote(s, e, (ss, se) if ss >= 0 else None, (rs, re_) if rs >= 0 else None))
    return out


def attribute(doc: Doc, start: int, end: int) -> Quote:
    """The quote at [start, end) with its speaker, from the parse of its sentence(s)."""
    if not doc.has_annotation("DEP"):
        return Quote(start, end)
    subject = _speaker_token(doc, start, end)
    if subject is None:
        return Quote(start, end)
    if subject.lower_ in PRONOUNS:
        antecedent = _antecedent(doc, subject)
        return Quote(start, end, _chars(doc[subject.i:subject.i + 1]),
                     _chars(antecedent) if antecedent is not None else None)
    phrase = _speaker_phrase(subject)
    entity = _entity_of(subject)
    return Quote(start, end, _chars(phrase), _chars(entity) if entity is not None else None)


def _speaker_token(doc: Doc, start: int, end: int) -> Token | None:
    """Subject of the speech verb (or object of "according to") nearest the quote."""
    outside = [t for t in _context(doc, start, end)
               if not start - 1 <= t.idx < end + 1]
    candidates = []
    for tok in outside:
        speaker = _speaker_of(tok)
        if speaker is not None and not start <= speaker.idx < end:
            candidates.append((min(abs(tok.idx - start), abs(tok.idx - end)), tok.i, speaker))
    return min(candidates)[2] if candidates else None


def _context(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens of the sentences the quote touches, plus the next sentence when the quote
    closes its own sentence ("... ," he said." is sometimes split off by the parser)."""
    sents = [s for s in doc.sents if s.start_char < end + 1 and s.end_char > start - 1]
    if sents and sents[-1].end < len(doc) and sents[-1].end_char <= end + 2:
        sents.append(doc[sents[-1].end].sent)
    return [t for s in sents for t in s]


def _speaker_of(tok: Token) -> Token | None:
    """The speaker a token introduces: subject of a speech verb, object of 'according to'."""
    if tok.lower_ == "according":
        for prep in tok.children:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ == "to" and objs:
                return objs[0]
        return None
    if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in SPEECH_VERBS:
        return None
    subjects = [c for c in tok.children if c.dep_ in _SUBJECTS]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.tag_ in {"WDT", "WP"} and tok.dep_ == "relcl":
        return tok.head  # "an official who said": the noun the clause describes
    return subject


def _speaker_phrase(subject: Token) -> Span:
    """The speaker as written: the subject with its left modifiers ("a defence ministry
    official"), or the whole entity it belongs to; relative clauses and appositions
    after the head are left out."""
    entity = _entity_of(subject)
    if entity is not None and entity.end > subject.i:
        return entity
    left = min([subject.i] + [t.i for t in subject.lefts if t.dep_ != "punct"])
    return subject.doc[left:subject.i + 1]


def _entity_of(token: Token) -> Span | None:
    """The named entity containing ``token`` (PERSON, ORG, GPE ...), if any."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _antecedent(doc: Doc, pronoun: Token) -> Span | None:
    """Most recent PERSON that is a subject before ``pronoun`` in the last few sentences,
    when no other person is named between it and the pronoun."""
    first_sent = max(0, _sent_index(doc, pronoun) - PRONOUN_LOOKBACK_SENTS)
    window_start = list(doc.sents)[first_sent].start
    people = [e for e in doc.ents if e.label_ == "PERSON" and window_start <= e.start < pronoun.i]
    for i in range(len(people) - 1, -1, -1):
        ent = people[i]
        if ent.root.dep_ in _SUBJECTS:
            later = {p.id_ or p.text for p in people[i + 1:]}
            return ent if later <= {ent.id_ or ent.text} else None
    return None


def _sent_index(doc: Doc, token: Token) -> int:
    return next(i for i, s in enumerate(doc.sents) if s.start <= token.i < s.end)


def _chars(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char
