"""Is a page English? Only asked of a page in which the cleaner found no article text, to give
the reject a precise reason: the cleaner and the spaCy model are English, so prose in another
language has no body by their measure.
"""

from __future__ import annotations

import re

from transforms.text.stopwords import STOP_WORDS

MIN_WORDS = 20
"""Fewer words than this say nothing about a language."""

MIN_STOPWORD_SHARE = 0.10
"""Share of English stop words among the words of English text: the median dev-pages gold
body has 0.46; French and Spanish news prose scores 0.00, German about 0.11 (the, in, an ...
overlap), so anything under this is not English."""

_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> float | None:
    """Share of English stop words among the words of ``text``; None when too few words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    return sum(w in STOP_WORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    """False only for text with enough words and almost no English function words."""
    share = english_share(text)
    return share is None or share >= MIN_STOPWORD_SHARE
