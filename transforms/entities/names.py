"""Pure helpers on entity names: normalised keys, initials, abbreviations.

Shared by the spaCy components (within a document) and the cross-document resolver (on
rows), so that both compare names the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from transforms.actors.countries import country_of_word

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")

FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "on", "in", "to", "a", "an", "&"})
"""Words that acronyms usually skip ("General Security of ..." -> GS...)."""

ACRONYM_MAX = 10
"""Longest acronym considered (Schwartz & Hearst 2003 use up to 10 characters)."""

NAME_CACHE = 1 << 16
"""Distinct names whose keys are cached: the resolver meets each name once per document,
and a corpus names the same few thousand actors again and again."""


@functools.lru_cache(maxsize=NAME_CACHE)
def normalize(name: str) -> str:
    """Comparison key of a name: case, accents of quotes, 'the', possessive and
    punctuation folded ("The U.S.'s" -> "us", "Suk-yeol" -> "suk yeol")."""
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).strip().lower()
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"^the\s+", "", text)
    text = text.replace("-", " ").replace(".", "")
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


@functools.lru_cache(maxsize=NAME_CACHE)
def word_set(name: str) -> frozenset[str]:
    """The distinct :func:`tokens` of the name."""
    return frozenset(tokens(name))


def tokens(name: str) -> list[str]:
    """Tokens of the normalised name."""
    return normalize(name).split()


@functools.lru_cache(maxsize=NAME_CACHE)
def is_acronym(form: str) -> bool:
    """True for a written form that looks like an acronym: "NATO", "U.S.", "Gsomia"
    counts only when upper case ("GSOMIA"); one word, letters mostly capitals."""
    compact = form.replace(".", "").strip()
    if not 2 <= len(compact) <= ACRONYM_MAX or not compact.isalnum() or " " in form.strip():
        return False
    return sum(c.isupper() for c in compact) >= max(2, len(compact) - 1)


def initials(name: str) -> str:
    """Initials of the content words of a multi-word name ("United States" -> "us")."""
    words = [w for w in tokens(name) if w not in FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` with some words cut to their initial
    ("S. Korea" / "South Korea"); both names have at least two words."""
    a, b = tokens(short), tokens(full)
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    return all(x == y or (len(x) == 1 and y.startswith(x)) for x, y in zip(a, b, strict=True))


def another_country(name: str, countries: set[str]) -> bool:
    """Whether ``name`` is a country other than every one of ``countries`` (those a fuller
    name names): "Sudan" is no short form of "South Sudan"; "Korea" is one of "South Korea"."""
    state = country_of_word(name)
    return bool(countries) and state is not None and state not in countries
