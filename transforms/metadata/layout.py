"""Where a rendered page's article sits, and which line near it is the headline.

The body is the longest run of prose lines; the header is the few lines right before it, the
tail the few right after. The headline is the header line shaped like a headline whose words
come back in the lede (a menu item or a site name shares few words with the story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.metadata import authors as meta_authors
from transforms.metadata import page_dates as meta_dates

BODY_MIN_WORDS = 12
"""A prose (body) line has at least this many words and ends a sentence."""

RUN_MAX_GAP = 3
"""Non-prose lines (subheadings, inline links) allowed inside one body run."""

MERGE_GAP = 10
"""Non-prose lines between two runs still read as one article broken by a box."""

HEADER_WINDOW = 12
"""Non-blank lines before the body searched for the headline, byline and date."""

OPENING_WINDOW = 3
"""First non-blank lines of the body run searched for a byline (a standfirst may come first)."""

TAIL_WINDOW = 3
"""Non-blank lines after the body searched for a closing byline."""

TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 20
"""Headline length in words; captions and prose are longer, menu items shorter."""

TITLE_MIN_HITS = 2
"""Content words a headline must share with the lede (one shared word is chance)."""

TITLE_MIN_CONTENT_WORDS = 3
"""Content (non-stop) words of a headline; "A big bowl" or "American food" are labels."""

TITLE_SMOOTHING = 2
TITLE_MIN_SCORE = 0.3
"""A headline's score is shared words / (content words + TITLE_SMOOTHING), so that a long
headline sharing many words beats a two-word line sharing both."""

NAME_LINE_MAX_WORDS = 3
"""A line of up to this many words shaped like a person's name is a byline or caption."""

REPEAT_BONUS = 0.5
"""Score added to a headline candidate that the page repeats (headline rendered twice)."""

LEDE_LINES = 3
"""Body lines whose words a headline is compared with."""

SUBTITLE_MAX_WORDS = 40
"""A standfirst under the headline is one or two sentences."""

DATE_LINE_MAX_WORDS = 12
"""A date line (date, time, section, "Published") is short; longer lines are prose."""

PREFIX_CHARS = 5
"""Headline and lede words match on this many leading characters ("mend" ~ "mending")."""

# All thresholds above were calibrated on dev-pages (390 pages) and the seed pages; tune as a set.

TAIL_CHARS = 40
"""Characters at the end of a line searched for a sentence end (punctuation plus closers)."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_NAV_MARKS = re.compile(r"\s[|>»«•/]\s|^[|>»«•]|\bhttps?:|www\.|@|^\(.*\)$")
_CODE = re.compile(r"https?:|www\.|[<>{}=]")
_LABEL = re.compile(
    r"^(?:tags?|tagged|filed(?: under)?|categor(?:y|ies)|topics?|labels?|related|share|posted in|"
    r"more)\s*:",
    re.IGNORECASE,
)
_MID_SENTENCE_END = re.compile(r"[a-z]{3,}\.\s+[A-Z(\"“]")
_LOOSE_END = frozenset(meta_authors.words_of("the a an of and or to with for in on at by from"))
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOPWORDS = frozenset(
    meta_authors.words_of(
        """a an the and or but of to in on at for with from by as is are was were be been has have
    had it its this that these those after before over under into about than how what why who
    will would can could may might not no new says said"""
    )
)


@dataclass(frozen=True)
class Layout:
    """Line indices (0-based) of the header, the body run and the tail of a page."""

    header: list[int]
    opening: list[int]
    body_lines: frozenset[int]
    tail: list[int]
    lede_words: frozenset[str]


def is_prose(line: str) -> bool:
    """A long line ending a sentence, and not a byline."""
    text = line.strip()
    # Only the line's tail can end a sentence; searching all of a 1 MB line is quadratic.
    if len(text.split()) < BODY_MIN_WORDS or not _SENTENCE_END.search(text[-TAIL_CHARS:]):
        return False
    return meta_authors.parse_byline(text) is None


def is_date_line(line: str) -> bool:
    """A short line stating a full date (with time, section or "Published" around it)."""
    text = line.strip()
    if len(text.split()) > DATE_LINE_MAX_WORDS or not meta_dates.FULL_DATE.search(text):
        return False
    if _CODE.search(text):
        return False
    return not text.endswith(".") or text.endswith(("a.m.", "p.m."))


def find_layout(lines: list[str]) -> Layout:
    """Locate the body run (the prose run with most words), its header and its tail."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    runs = _runs(lines, filled)
    if not runs:
        return Layout([], [], frozenset(), [], frozenset())
    run, best = _main_run(lines, filled, runs)
    header = sorted({*_window(filled, run[0]), *_window(filled, best[0])} - set(best))
    last = filled.index(run[-1])
    tail = filled[last + 1 : last + 1 + TAIL_WINDOW]
    first = filled.index(best[0])
    opening = filled[first : first + OPENING_WINDOW]
    prose = [i for i in best if is_prose(lines[i])][:LEDE_LINES]
    lede = frozenset(w for i in prose for w in _content_words(lines[i]))
    return Layout(header, opening, frozenset(run), tail, lede)


def _window(filled: list[int], start: int) -> list[int]:
    """The HEADER_WINDOW non-blank lines before line ``start``."""
    first = filled.index(start)
    return filled[max(0, first - HEADER_WINDOW) : first]


def _main_run(
    lines: list[str], filled: list[int], runs: list[list[int]]
) -> tuple[list[int], list[int]]:
    """The run with most words, joined with the runs just before it (an article broken by a
    related-links box is one article; its header may sit before its first part), and the
    run with most words alone."""
    best = max(range(len(runs)), key=lambda k: sum(len(lines[i].split()) for i in runs[k]))
    start = best
    while start > 0:
        gap = filled.index(runs[start][0]) - filled.index(runs[start - 1][-1]) - 1
        if gap > MERGE_GAP:
            break
        start -= 1
    return [i for run in runs[start : best + 1] for i in run], runs[best]


def _runs(lines: list[str], filled: list[int]) -> list[list[int]]:
    """Runs of prose lines, allowing up to RUN_MAX_GAP other lines inside a run."""
    runs: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for index in filled:
        if is_prose(lines[index]):
            current.append(index)
            gap = 0
        elif current:
            gap += 1
            if gap > RUN_MAX_GAP:
                runs.append(_trim(current, lines))
                current, gap = [], 0
            else:
                current.append(index)
    if current:
        runs.append(_trim(current, lines))
    return runs


def _trim(run: list[int], lines: list[str]) -> list[int]:
    while run and not is_prose(lines[run[-1]]):
        run = run[:-1]
    return run


def _content_words(text: str) -> list[str]:
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [w for w in words if len(w) > 1 and w not in _STOPWORDS]


def is_headline_shaped(line: str) -> bool:
    """Short, starts with a capital (or a caseless letter), digit or quote, not a sentence, a
    menu or a date line."""
    text = line.strip()
    words = text.split()
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS:
        return False
    if text[0].islower() or not (text[0].isalnum() or text[0] in "\"'“‘"):  # caseless ok
        return False
    if text.endswith((".", ":", ",", ";")) or _NAV_MARKS.search(text):
        return False
    if _MID_SENTENCE_END.search(text) or words[-1].lower() in _LOOSE_END or _LABEL.match(text):
        return False
    if is_date_line(text) or meta_authors.parse_byline(text):
        return False
    if len(words) <= NAME_LINE_MAX_WORDS and meta_authors.is_person_name(text):
        return False
    return sum(ch.isalpha() for ch in text) >= 0.6 * len(text)


def overlap(line: str, lede: frozenset[str]) -> float:
    """Smoothed share of a line's content words that start a lede word (prefix match).

    Zero when fewer than TITLE_MIN_HITS words are shared.
    """
    words = _content_words(line)
    hits = sum(any(t.startswith(w[:PREFIX_CHARS]) for t in lede) for w in words)
    if hits < TITLE_MIN_HITS or len(words) < TITLE_MIN_CONTENT_WORDS:
        return 0.0
    return hits / (len(words) + TITLE_SMOOTHING)


def pick_title(lines: list[str], layout: Layout) -> tuple[int, int | None] | None:
    """The headline's index and the index of a subtitle right under it (same block), or None."""
    scored = []
    for index in layout.header:
        if not is_headline_shaped(lines[index]):
            continue
        share = overlap(lines[index], layout.lede_words)
        if share < TITLE_MIN_SCORE:
            continue
        repeated = sum(line.strip() == lines[index].strip() for line in lines) > 1
        scored.append((share + REPEAT_BONUS * repeated, index))
    if not scored:
        return None
    best = max(scored)[1]
    qualified = {index for _, index in scored}
    if best - 1 in qualified and lines[best - 1].strip() != lines[best].strip():
        best -= 1
    return best, _subtitle(lines, layout, best + 1)


def _subtitle(lines: list[str], layout: Layout, below: int) -> int | None:
    """The line right under the headline in the same block, if it reads as a standfirst."""
    if below >= len(lines) or below not in layout.header or not lines[below].strip():
        return None
    text = lines[below]
    if len(text.split()) > SUBTITLE_MAX_WORDS or is_date_line(text):
        return None
    if meta_authors.parse_byline(text):
        return None
    return below
