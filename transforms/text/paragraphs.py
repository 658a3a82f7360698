"""Paragraph breaks are sentence breaks: the ``newsetl_paragraphs`` spaCy component.

Bodies keep paragraphs apart with a blank line. The parser sometimes runs a sentence across
that break (a heading into its paragraph, a paragraph without final punctuation into the
next), and then a date or an actor of one paragraph attaches to an event of another. Placed
before the parser, this component marks the first token after a blank line as a sentence
start, which the parser respects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsetl_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after each blank line."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
