"""The numeric feature vector of every line, for the learned line classifier.

One row per non-blank line (a :class:`~transforms.clean.features.LineFeatures`), built from
three kinds of signal, none of them keyed to a site's words:

* **the line itself**: length, sentence shape, stop-word share (the page's own stop list),
  digit, capital and punctuation shares, link and menu shapes, the generic cue patterns of
  :mod:`transforms.clean.features`;
* **the hand rules** (:mod:`transforms.clean.rules`): the line's class, whether it is in the
  rules' article region, their decision, the comment cut, a header line found by the metadata;
* **its place and context**: position in the page and relative to the article region, the
  signals of its neighbours and window means around it (Web2Text/BoilerNet in spirit).

:data:`FEATURES` names the columns, in order; the model file stores the list it was trained
with and the loader checks that they agree.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from transforms.clean.features import MEMO_LINES, MEMO_MAX_CHARS, LineFeatures
from transforms.clean.rules import CUE_MAX_WORDS, Rules, menu_item
from transforms.metadata.fields import COMMENT_SHAPE

_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[^\W\d_a-z]")  # letters that are not ASCII lower case ...
_LOWER = re.compile(r"[^\W\d_A-Z]")  # ... and letters that are not ASCII upper case
_LETTER = re.compile(r"[^\W\d_]")
_PUNCT = re.compile(r"[^\w\s]")
_LINKISH = re.compile(r"https?:|www\.|\.(?:com|org|net)\b|@\w|#\w", re.IGNORECASE)
_QUOTE = re.compile("[\"“”«»„]")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\W*$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_CLASSES = ("bad", "good", "near", "short")

LINE = (
    "log_words", "log_chars", "stop_density", "sentence_end", "statement", "sentences",
    "title_case", "separators", "repeated", "navigation", "widget", "notice", "related",
    "comment", "caption", "byline", "date", "digit_share", "upper_share", "punct_share",
    "colon_end", "ellipsis_end", "comma_rate", "chars_per_word", "symbol_start", "linkish",
    "all_caps", "question_end", "quoted", "digit_start", "comment_shape", "clock", "menu_item",
    "short_cue",
    "own_bad", "own_good", "own_near", "own_short", "init_good", "smooth_good",
    "rule_inside", "rule_keep", "after_cut", "fixed", "copies",
)
"""Signals of the line alone and the rules' view of it."""

NEIGHBOUR = ("log_words", "stop_density", "sentence_end", "own_good", "own_bad", "rule_keep",
             "short_cue", "menu_item", "caption", "punct_share")
"""Signals read off the neighbouring lines."""
OFFSETS = (-3, -2, -1, 1, 2, 3)
"""Neighbours by position among the non-blank lines."""

WINDOW = ("log_words", "stop_density", "sentence_end", "own_good", "rule_keep", "short_cue",
          "date", "comment_shape", "clock", "menu_item", "caption", "linkish")
"""Signals averaged over a window around the line."""
WINDOWS = (2, 5, 15, 40)
"""Half-widths of the windows (lines on each side)."""

PLACE = ("position", "words_before", "good_words_before", "to_start", "to_end",
         "log_gap_prev_good", "log_gap_next_good", "to_title", "comment_cues_before",
         "log_since_comment_cue")
"""The line's place: in the page, relative to the rules' article region and good lines, to
the headline and to comment-section cues."""
PAGE = ("log_lines", "log_page_words", "good_share", "region_share", "no_stop_list")
"""Signals of the whole page, the same on each of its lines."""
DISTANCE_SCALE = 50.0
"""Lines over which a signed distance (to the article region, to the headline) runs from -1 to
1; farther is clipped. A page's furniture blocks are rarely longer (not calibrated)."""
GAP_CAP = 1000
"""A gap (in lines) this long stands for "none" (no good line, no comment cue on that side)."""

FEATURES = (
    LINE
    + tuple(f"{name}@{off:+d}" for off in OFFSETS for name in NEIGHBOUR)
    + tuple(f"{name}~{w}" for w in WINDOWS for name in WINDOW)
    + PLACE
    + PAGE
)
"""Column names of :func:`matrix`, in order."""

_COL = {name: i for i, name in enumerate(LINE)}


SHARE_CHARS = 300
"""Characters of a line whose digit, capital and punctuation shares are counted: enough to
tell prose from a menu or a list, and the cost of a long line stays bounded (not calibrated)."""


def _text_signals(text: str) -> tuple[float, ...]:
    """Character-level shares of a line (the part of :data:`LINE` that reads raw text)."""
    head = text[:SHARE_CHARS]
    chars = len(head)
    upper = len(_UPPER.findall(head))
    lower = len(_LOWER.findall(head))
    letters = len(_LETTER.findall(head))
    tail = text[-40:]
    return (
        len(_DIGIT.findall(head)) / chars,
        upper / letters if letters else 0.0,
        len(_PUNCT.findall(head)) / chars,
        float(tail.rstrip().endswith(":")),
        float(bool(_ELLIPSIS.search(tail))),
        head.count(",") / max(len(head.split()), 1),
        float(not text[0].isalnum()),
        float(bool(_LINKISH.search(head))),
        float(letters >= 4 and lower == 0),
        float(tail.rstrip().endswith(("?", "!"))),
        float(bool(_QUOTE.search(text))),
        float(text[0].isdigit()),
        float(bool(COMMENT_SHAPE.search(text[:200]))),
        float(bool(_TIME.search(text[:200]))),
    )


_memo_text = lru_cache(maxsize=MEMO_LINES)(_text_signals)


def _line_row(f: LineFeatures, text_signals: tuple[float, ...]) -> list[float]:
    words = max(f.words, 1)
    (digit, upper, punct, colon, ellipsis, comma, symbol, link, caps, question, quoted,
     digit_start, comment_shape, clock) = text_signals
    short = f.words <= CUE_MAX_WORDS
    return [
        math.log1p(f.words), math.log1p(len(f.text)), f.stop_density, float(f.sentence_end),
        float(f.statement), float(min(f.sentences, 10)), f.title_case,
        float(min(f.separators, 5)), float(f.repeated), float(f.navigation), float(f.widget),
        float(f.notice), float(f.related), float(f.comment), float(f.caption), float(f.byline),
        float(f.date), digit, upper, punct, colon, ellipsis, comma,
        min(len(f.text) / words, 30.0), symbol, link, caps, question, quoted, digit_start,
        comment_shape, clock, float(menu_item(f)),
        float(short and (f.widget or f.comment or f.related or f.navigation)),
    ]


def matrix(feats: list[LineFeatures], rules: Rules, fixed: dict[int, str],
           no_stop_list: bool) -> np.ndarray:
    """The feature rows of a page's non-blank lines (columns :data:`FEATURES`)."""
    n = len(feats)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    copies: dict[str, int] = {}
    for f in feats:
        copies[f.text] = copies.get(f.text, 0) + 1
    rows = []
    for pos, f in enumerate(feats):
        signals = _memo_text(f.text) if len(f.text) <= MEMO_MAX_CHARS else _text_signals(f.text)
        row = _line_row(f, signals)
        own = rules.own[pos]
        row += [float(own == c) for c in _CLASSES]
        row += [float(rules.initial[pos] == "good"), float(rules.smoothed[pos] == "good"),
                float(rules.inside[pos]), float(rules.keep[pos]), float(pos >= rules.cut),
                float(f.index in fixed), math.log(copies[f.text])]
        rows.append(row)
    base = np.asarray(rows, dtype=np.float64)
    blocks = [base, _neighbours(base), _windows(base), _place(base, rules),
              _anchors(feats, fixed), _page(base, rules, no_stop_list)]
    return np.hstack(blocks)


def _anchors(feats: list[LineFeatures], fixed: dict[int, str]) -> np.ndarray:
    """Place relative to the headline the metadata found (the article follows it) and to the
    comment-section cues above the line (reader comments follow one)."""
    title = next((pos for pos, f in enumerate(feats) if fixed.get(f.index) == "title"), None)
    out = np.empty((len(feats), 3))
    cues, last = 0, None
    for pos, f in enumerate(feats):
        out[pos, 0] = 1.0 if title is None else _signed(pos - title)
        out[pos, 1] = math.log1p(cues)
        out[pos, 2] = math.log1p(GAP_CAP if last is None else pos - last)
        if f.comment and f.words <= CUE_MAX_WORDS:
            cues, last = cues + 1, pos
    return out


def _window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Mean of ``values`` over the ``half`` positions on each side of each position."""
    n = len(values)
    sums = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - half, 0), np.minimum(idx + half + 1, n)
    return (sums[hi] - sums[lo]) / (hi - lo)


def _neighbours(base: np.ndarray) -> np.ndarray:
    cols = [_COL[name] for name in NEIGHBOUR]
    n = len(base)
    out = np.full((n, len(OFFSETS) * len(cols)), -1.0)  # -1: no line there
    sub = base[:, cols]
    for k, off in enumerate(OFFSETS):
        block = out[:, k * len(cols):(k + 1) * len(cols)]
        if off < 0 and n + off > 0:
            block[-off:] = sub[:n + off]
        elif off > 0 and n - off > 0:
            block[:n - off] = sub[off:]
    return out


def _windows(base: np.ndarray) -> np.ndarray:
    cols = [_COL[name] for name in WINDOW]
    return np.column_stack([_window_mean(base[:, c], w) for w in WINDOWS for c in cols])


def _place(base: np.ndarray, rules: Rules) -> np.ndarray:
    n = len(base)
    idx = np.arange(n)
    words = np.expm1(base[:, _COL["log_words"]])
    good = base[:, _COL["own_good"]] > 0
    total = max(words.sum(), 1.0)
    good_total = max((words * good).sum(), 1.0)
    before = (np.cumsum(words) - words) / total
    good_before = (np.cumsum(words * good) - words * good) / good_total
    to_start = _signed(idx - rules.start) if rules.end >= 0 else np.ones(n)
    to_end = _signed(idx - rules.end) if rules.end >= 0 else -np.ones(n)
    prev_gap = np.empty(n)
    next_gap = np.empty(n)
    last = -10_000
    for i in range(n):
        prev_gap[i] = i - last
        if good[i]:
            last = i
    last = 10_000 + n
    for i in range(n - 1, -1, -1):
        next_gap[i] = last - i
        if good[i]:
            last = i
    return np.column_stack([idx / max(n - 1, 1), before, good_before, to_start, to_end,
                            np.log1p(np.minimum(prev_gap, GAP_CAP)),
                            np.log1p(np.minimum(next_gap, GAP_CAP))])


def _signed(distance):
    """A signed distance in lines, scaled by DISTANCE_SCALE and clipped to [-1, 1]."""
    return np.clip(distance / DISTANCE_SCALE, -1.0, 1.0)


def _page(base: np.ndarray, rules: Rules, no_stop_list: bool) -> np.ndarray:
    n = len(base)
    words = np.expm1(base[:, _COL["log_words"]])
    total = max(words.sum(), 1.0)
    region = words[np.asarray(rules.keep, dtype=bool)].sum() / total
    row = [math.log(n), math.log1p(words.sum()), float(base[:, _COL["own_good"]].mean()),
           float(region), float(no_stop_list)]
    return np.tile(np.asarray(row), (n, 1))

