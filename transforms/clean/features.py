"""Per-line signals for the boilerplate cleaner (:mod:`transforms.clean.lines`).

Every signal is computed from one line of a rendered page plus, for repetition, the page as a
whole: word count, sentence punctuation, stopword density, link-like shape (pipes, separators,
title-case menus), and a small vocabulary of boilerplate cues that are general across sites
(share, print, subscribe, log in, comments, read more, advertisement ...). No rule here knows a
particular site; the cleaner combines the signals with context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.metadata.page_dates import dateline_end
from transforms.text.stopwords import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"'”’)\]?]*\s*$")
"""A line ends a sentence: terminal punctuation, optionally closed by quotes or brackets (the
dev pages write lost curly quotes as ``???``, hence ``?`` in the closing class). An ellipsis
is not a sentence end: it marks a truncated teaser."""

_STATEMENT_END = re.compile(r"(?<!\.\.)\.[\"'”’)\]?]*\s*$")
"""A line ends with a full stop (a statement, not a question or exclamation headline)."""

_TAIL_CHARS = 40
"""End-anchored patterns are matched on the line's last characters only, so that a run of
``?`` or quotes cannot make the search quadratic in the line length."""
_CUE_CHARS = 1000
"""Cue patterns see a line's first and last this many characters: cues mark short lines (a long
line is judged as prose), and the scan stays cheap on a megabyte-long line."""

_INNER_SENTENCE = re.compile(r"\w[.!?][\"'”’)\]]*\s+[\"'“‘(]?[A-Z]")
"""A sentence boundary inside a line: a long line made of several sentences is prose even when
its last sentence ends in a link, an emoji or a colon."""

_SEPARATOR = re.compile(r"\s[|»›•·/>]\s|\s[|»›•·]$|^[|»›•·]\s")
"""Menu and breadcrumb separators between items."""

_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
"""Thai, kana and CJK ideographs: scripts written without spaces between words."""
WIDE_CHARS_PER_WORD = 2
"""Characters of such a script counted as one word (Chinese words average under two
characters, Japanese and Thai a little more; a rough, uncalibrated rate)."""

_UNFOLDABLE = re.compile("[\u0130\u0131\u017f]")
"""The only characters (İ, ı, ſ) for which case-insensitive matching and ``str.lower()``
disagree about ASCII letters, ``\\w``, ``\\d`` or ``\\s`` (found by checking every code point;
``tests/test_clean.py`` re-checks it)."""


@dataclass(frozen=True)
class _Cue:
    """A cue pattern written in lower case, compiled twice: case-sensitive for a lower-cased
    line (Python's ``re`` runs it several times faster) and case-insensitive for a line that
    holds an :data:`_UNFOLDABLE` character. Both give the same answer on any line."""

    folded: re.Pattern[str]
    any_case: re.Pattern[str]

    def search(self, cue: str, folded: str | None) -> bool:
        """Whether the pattern occurs in ``cue`` (``folded`` is its lower-cased form, or None)."""
        if folded is None:
            return bool(self.any_case.search(cue))
        return bool(self.folded.search(folded))


def _cue(source: str) -> _Cue:
    return _Cue(re.compile(source), re.compile(source, re.IGNORECASE))


def _fold(cue: str) -> str | None:
    """The lower-cased cue text the folded patterns read, or None when it cannot be used."""
    return None if _UNFOLDABLE.search(cue) else cue.lower()


_WIDGET_CUE = _cue(
    r"\b(share|shares|tweet|print|e-?mail|subscribe|subscription|newsletter|sign ?in|sign ?up|"
    r"log ?in|log ?out|register|password|username|follow us|like us|bookmark|rss|feedback|"
    r"advertisement|advertise|sponsored|cookies?|privacy policy|terms of (use|service)|"
    r"all rights reserved|copyright|©|font size|text size|permalink|reprints?"
    r"|partager|se connecter|connexion|s'abonner|abonnez-vous|teilen|anmelden|abonnieren"
    r"|compartir|suscríbete|iniciar sesión|condividi|accedi|compartilhar|entrar"
    r"|공유하기|로그인|구독)\b",
)
"""Share/print/login/legal controls and notices (with the commonest share/login/subscribe
words of French, German, Spanish, Italian, Portuguese and Korean pages)."""

_NAV_CUE = _cue(
    r"\bskip to (main )?(content|navigation)\b|"
    r"^(skip to|jump to|go to|back to top|return to top|home\b|menu\b|search\b|main menu|"
    r"page \d+ of|\d+ of \d+$|sections?\b|site map|sitemap|breadcrumb)",
)
"""Skip links, menus, breadcrumbs and pagination."""

_NOTICE_CUE = _cue(
    r"©|\b(?:all rights reserved|registered trademarks?|javascript|your browser|"
    r"use of (this|our) (site|website)|terms (of|and) (use|service|conditions))\b",
)
"""Legal and technical notices (copyright, trademarks, browser/JavaScript hints): page furniture
at any length."""

_RELATED_CUE = _cue(
    r"^(read more|more from|more on|more in|more stories|related|see also|also read|"
    r"recommended|previous|next|older|newer|you may also like|you might also like|"
    r"most (read|popular|viewed|emailed|shared|commented)|trending|top stories|"
    r"latest (news|stories)|further reading|continue reading"
    r"|(à )?lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lea también"
    r"|leia também|leggi anche|관련 ?기사)\b",
)
"""Lines that introduce or are links to other articles."""

_COMMENT_CUE = _cue(
    r"^(\d+\s+)?(comments?|responses?|replies|reader comments|user comments|discussion)\b"
    r"|\b(leave a (reply|comment)|post a comment|add (a|your) comment|write a comment|"
    r"join the (discussion|conversation)|comments? (are )?closed|no comments|be the first to "
    r"comment|first to comment|comment policy|show comments|view comments|\d+ comments?)\b",
)
"""Comment-section headers and forms: after one of these (once the article has begun) come
reader comments."""

_CAPTION_CUE = _cue(
    r"^(photo|image|picture|illustration|caption|enlarge|gallery|video|watch)\b"
    r"|\b(?:(photo|image)s?\s*(credit|courtesy|by)\b|getty images\b|ap photo\b|photo ?/)",
)
"""Photo/video captions and credits."""
_CAPTION_END = re.compile(r"\((ap|afp|reuters|getty)[^()]*\)\s*$|\[[A-Z ]+\]\s*$", re.IGNORECASE)
"""A credit at the end of a caption: "(AP Photo/...)", "[GETTY]" (matched on the tail)."""

_BYLINE = re.compile(
    r"^\(?\s*(by|posted by|written by|reporting by|this article was written by|author:)"
    r"\s+(?-i:[A-Z])",
    re.IGNORECASE,
)
"""Author lines: "By Jane Doe", "(This article was written by ...)"."""
_BYLINE_MAX_WORDS = 12
"""A byline is short, or a whole line in parentheses (a credit note at the article's end)."""

_DATE = _cue(
    r"\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\d{4}-\d{2}-\d{2}\b|\d{1,2}/\d{1,2}/\d{2,4}\b|\d{1,2}:\d{2}\s*(am|pm)?\b"
    r"|(updated|published|posted)\b)",
)
"""Dates, times and update stamps."""


@dataclass(frozen=True)
class LineFeatures:
    """Signals of one non-blank line (``index`` is its 0-based position in the page).

    ``repeated`` is true for the second and later copies of a line (a repeated headline or
    caption, an article rendered twice): the first copy is judged on its own merits.
    """

    index: int
    text: str
    words: int
    stop_density: float
    sentence_end: bool
    statement: bool
    sentences: int
    title_case: float
    separators: int
    repeated: bool
    navigation: bool
    widget: bool
    notice: bool
    related: bool
    comment: bool
    caption: bool
    byline: bool
    date: bool


def line_features(
    lines: list[str], stops: frozenset[str] | None = STOP_WORDS
) -> list[LineFeatures]:
    """Compute the signals of every non-blank line of a page.

    ``stops`` are the function words of the page's language
    (:func:`transforms.text.language.page_stop_words`); None when the page's language has no
    usable list: ``stop_density`` is then the share of words not written with a capital, a
    signal of running prose that needs no word list (all words of a caseless script).
    """
    seen: set[str] = set()
    out = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        key = _norm(line)
        out.append(_features(index, line.strip(), key in seen, stops))
        seen.add(key)
    return out


def _norm(line: str) -> str:
    return " ".join(line.lower().split())


def _byline(text: str, words: int) -> bool:
    if not _BYLINE.search(text):
        return False
    wrapped = text.startswith("(") and text.rstrip(".").endswith(")")
    return wrapped or (words <= _BYLINE_MAX_WORDS and not _SENTENCE_END.search(text[-_TAIL_CHARS:]))


def _cue_text(text: str) -> str:
    """The part of a line the cue patterns look at (all of a short line)."""
    if len(text) <= 2 * _CUE_CHARS:
        return text
    return f"{text[:_CUE_CHARS]} {text[-_CUE_CHARS:]}"


MEMO_LINES = 32768
"""Lines whose signals a process remembers: site furniture (menus, share bars, legal lines)
repeats on every page of a site, so a batch computes its signals once. Chosen by hand to keep
the memo a few MB; not calibrated."""
MEMO_MAX_CHARS = 1000
"""Only lines up to this long are remembered (furniture is short; a long line is prose, rarely
repeated, and would make the memo large)."""


def _features(
    index: int, text: str, repeated: bool, stops: frozenset[str] | None
) -> LineFeatures:
    small = len(text) <= MEMO_MAX_CHARS
    signals = _memo_signals(text, stops) if small else _signals(text, stops)
    return LineFeatures(index=index, text=text, repeated=repeated, **signals)


def _word_count(tokens: list[str], text: str) -> int:
    """Words of a line: its space-separated tokens, plus one per WIDE_CHARS_PER_WORD characters
    of a script written without spaces (Chinese, Japanese, Thai)."""
    return len(tokens) + len(_UNSPACED.findall(text)) // WIDE_CHARS_PER_WORD


def _stop_density(words: list[str], lowered: list[str], stops: frozenset[str] | None) -> float:
    if not words:
        return 0.0
    if stops is None:
        return sum(not w[0].isupper() for w in words) / len(words)
    return sum(w in stops for w in lowered) / len(words)


def _signals(text: str, stops: frozenset[str] | None = STOP_WORDS) -> dict[str, object]:
    """The signals of a line that do not depend on its place in the page (all
    :class:`LineFeatures` fields but ``index``, ``text`` and ``repeated``)."""
    tokens = text.split()
    tail = text[-_TAIL_CHARS:]
    cue = _cue_text(text)
    folded = _fold(cue)
    words = _WORD.findall(text[dateline_end(text):])  # a dateline is names, not prose
    lowered = [w.lower() for w in words]
    capital = [w for w, low in zip(words, lowered, strict=True) if low not in (stops or ())]
    n_words = _word_count(tokens, text)
    return {
        "words": n_words,
        "stop_density": _stop_density(words, lowered, stops),
        "sentence_end": bool(_SENTENCE_END.search(tail)),
        "statement": bool(_STATEMENT_END.search(tail)),
        "sentences": len(_INNER_SENTENCE.findall(text)) + bool(_SENTENCE_END.search(tail)),
        "title_case": sum(w[0].isupper() for w in capital) / len(capital) if capital else 0.0,
        "separators": len(_SEPARATOR.findall(text)),
        "navigation": _NAV_CUE.search(cue, folded),
        "widget": _WIDGET_CUE.search(cue, folded),
        "notice": _NOTICE_CUE.search(cue, folded),
        "related": _RELATED_CUE.search(cue, folded),
        "comment": _COMMENT_CUE.search(cue, folded),
        "caption": _CAPTION_CUE.search(cue, folded) or bool(_CAPTION_END.search(tail)),
        "byline": _byline(cue, n_words),
        "date": _DATE.search(cue, folded),
    }


_memo_signals = lru_cache(maxsize=MEMO_LINES)(_signals)
""":func:`_signals` remembered per line text (callers must not change the dict returned)."""
