"""Which language a page is in: lingua on the clean body for ``documents.language``, and a
cheap stop-word guess on the raw page for the cleaner's function-word signal.

Every language is kept and cleaned. The cleaner needs, before it knows the body, the function
words of the page's language (its "stop-word share" tells prose from lists of names); it picks
the stop-word list of spaCy's (read from spaCy's files without importing spaCy, as
:mod:`transforms.text.stopwords` does) that covers most of the page's words. A page that no
list covers (Korean, whose particles attach to the word; Chinese, Japanese, Thai without
spaces; a language without a list) gets None: the cleaner then uses a signal that needs no
word list.

The language column comes from lingua (``lingua-language-detector``), built once per process
on first use, over :data:`DETECT_LANGUAGES` in low-accuracy mode (trigram models only).
Measured on the 390 dev-pages bodies and the case pages (one core): high-accuracy mode loads
every n-gram model for short texts (500-900 MB resident, 20-30 ms a page); all 75 languages
in low-accuracy mode take 80 MB and 7 ms a page on 1,000 characters; the set below 2.4 ms a
page on 700 characters (the cleaner takes about 19 ms), with the same answer on every one of
those pages; preloading all models costs 18 s and 1.2 GB.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import cache
from pathlib import Path

from transforms.text.stopwords import STOP_WORDS

DETECT_CHARS = 700
"""Characters of the body's start that lingua reads (per-page cost grows with the text)."""

MIN_LETTERS = 20
"""A body with fewer letters than this has no determinable language (None)."""

STOP_LIST_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "ro",
    "hu", "tr", "id", "ms", "ru", "uk", "bg", "el", "ar", "fa", "he", "hi", "ca", "hr", "sr", "sl",
)
"""spaCy stop-word lists the cleaner chooses from: major space-separated languages whose
lists are of function words (Korean, Chinese, Japanese, Thai and Vietnamese lists match
syllables or unsegmented text, so they are left out)."""

GUESS_WORDS = 3000
"""Words of the page read to choose its stop-word list (enough to decide, bounded in cost)."""
GUESS_LINES = 200
GUESS_MIN_TOKENS = 8
GUESS_LINE_CHARS = 20000
"""The list is chosen on the page's longest lines (at most GUESS_LINES, each read up to
GUESS_LINE_CHARS) of at least GUESS_MIN_TOKENS tokens, its prose: menus, tables and names
say little about a language (else on the longest line alone)."""

MIN_PAGE_STOP_SHARE = 0.12
"""Share of the page's words a list must cover to be the page's: English dev pages, menus
and all, score 0.25-0.45 with the English list; a language's list covers well under this of a
page in another language (French prose scores 0.00-0.05 with the English list)."""

_WORD = re.compile(r"[^\W\d_]+")


def _spacy_lang_dir() -> Path:
    package = importlib.util.find_spec("spacy")  # locates the package without importing it
    if package is None or package.origin is None:
        raise ImportError("spaCy is not installed: it provides the stop word lists")
    return Path(package.origin).parent / "lang"


def _load_list(code: str) -> frozenset[str]:
    if code == "en":
        return STOP_WORDS
    path = _spacy_lang_dir() / code / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_newsetl_spacy_{code}_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in module.STOP_WORDS)


@cache
def stop_lists() -> dict[str, frozenset[str]]:
    """Language code -> its stop words, for :data:`STOP_LIST_LANGUAGES` (loaded once)."""
    return {code: _load_list(code) for code in STOP_LIST_LANGUAGES}


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Word -> the languages whose list holds it."""
    index: dict[str, list[str]] = {}
    for code, words in stop_lists().items():
        for word in words:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def page_stop_words(lines: list[str]) -> frozenset[str] | None:
    """The stop words of the page's language, or None when no list covers the page."""
    words: list[str] = []
    for line in sorted(lines, key=lambda line: -len(line))[:GUESS_LINES]:
        if len(line.split()) < GUESS_MIN_TOKENS and words:
            break
        words += (w.lower() for w in _WORD.findall(line[:GUESS_LINE_CHARS]))
        if len(words) >= GUESS_WORDS:
            break
    if not words:
        return STOP_WORDS
    index = _index()
    hits: Counter[str] = Counter()
    for word in words[:GUESS_WORDS]:
        hits.update(index.get(word, ()))
    if not hits:
        return None
    best = max(hits.items(), key=lambda item: (item[1], item[0] == "en"))[0]
    if hits[best] / min(len(words), GUESS_WORDS) < MIN_PAGE_STOP_SHARE:
        return None
    return stop_lists()[best]


DETECT_LANGUAGES = (
    "ENGLISH FRENCH GERMAN SPANISH PORTUGUESE ITALIAN DUTCH RUSSIAN UKRAINIAN POLISH TURKISH "
    "ARABIC PERSIAN HEBREW HINDI BENGALI URDU CHINESE JAPANESE KOREAN VIETNAMESE INDONESIAN "
    "MALAY THAI SWEDISH DANISH BOKMAL FINNISH GREEK CZECH ROMANIAN HUNGARIAN TAGALOG SWAHILI "
    "CATALAN SLOVAK CROATIAN SERBIAN BULGARIAN SLOVENE TAMIL TELUGU MARATHI"
)
"""lingua languages told apart: the 43 most written in the news (a text in another language
gets the nearest of these, or None)."""


@cache
def _detector():
    """lingua's detector (built on first use, once per process; models load lazily)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECT_LANGUAGES.split()]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(body: str) -> str | None:
    """ISO 639-1 code (lower case) of the language of a clean body; None when undetermined."""
    prefix = body[:DETECT_CHARS]
    if sum(ch.isalpha() for ch in prefix) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(prefix)
    return found.iso_code_639_1.name.lower() if found is not None else None
