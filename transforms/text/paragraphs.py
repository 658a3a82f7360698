"""Paragraph breaks are sentence breaks: the ``newsetl_paragraphs`` spaCy component.

Bodies keep paragraphs apart with a blank line. The parser sometimes runs a sentence across
that break (a heading into its paragraph, a paragraph without final punctuation into the
next), and then a date or an actor of one paragraph attaches to an event of another. Placed
before the parser, this component marks the first token after a blank line as a sentence
start, which the parser respects.

A paragraph's lead may also be set off by a spaced hyphen: a heading, a date, a byline or a
dateline glued to the first sentence ("Nov 10, 2011 - The Sudan Armed Forces attacked ...",
"Cord Jefferson - Following the shooting ..."). Read as one sentence, the lead swallows the
subject into a date or a name. The first spaced hyphen in a paragraph's first
:data:`LEAD_MAX_TOKENS` tokens, before a capitalised word, starts a sentence too: prose sets
off an aside with a dash, rarely with a lone spaced hyphen, and an aside goes on in lower case.
A dash proper ends a lead only after capitalised words alone, a dateline ("BERKELEY,
Calif. — A speech ...").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LEAD_MAX_TOKENS = 15
"""Tokens from a paragraph's start within which a spaced hyphen ends its lead: room for a
date with its time, a byline or a place and region. Chosen by hand, not tuned."""
LEAD_HYPHENS = frozenset({"-", "--"})
"""Hyphens that set off a lead."""
LEAD_DASHES = frozenset({"—", "–"})
"""Dashes proper, which prose uses for asides ("The president — who was in Paris — said"):
they set off a lead only when every word before them is capitalised, a dateline's shape
("NORRISTOWN, Pa. — Bill Cosby will be sentenced")."""


@Language.component("newsetl_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after each blank line, and after a paragraph's
    lead set off by a spaced hyphen."""
    starts = [0]
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        lead = _lead_end(doc, start)
        if lead is not None:
            doc[lead].is_sent_start = True
    return doc


def _lead_end(doc: Doc, start: int) -> int | None:
    """The first token after a paragraph's lead (see the module doc), or None."""
    for token in doc[start:min(start + LEAD_MAX_TOKENS, len(doc) - 1)]:
        if token.is_space and "\n" in token.text:
            return None
        dash = token.text in LEAD_DASHES and _capitalised(doc[start:token.i])
        if (token.text in LEAD_HYPHENS or dash) and token.i > start \
                and doc[token.i - 1].whitespace_ and token.whitespace_:
            following = doc[token.i + 1]
            if following.is_punct:  # "BOSTON — - Left-wing groups": the lead goes on
                continue
            return token.i + 1 if following.text[:1].isupper() else None
    return None


def _capitalised(lead) -> bool:
    """Whether every word of a lead starts with a capital letter (a place, a date)."""
    words = [t for t in lead if t.is_alpha]
    return bool(words) and all(t.text[:1].isupper() for t in words)
