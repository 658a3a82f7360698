"""Story features: what story clustering compares of each document, before any weighting.

A document's features are its content words and numbers (lower-cased, stop words dropped,
plurals folded; title words count extra), its named entities (warehouse entity ids) and
the keys of the events it reports, each a weighted count. Its dates are the publication
date, else the first full dates written in the text. The text part (:class:`TextFeatures`,
from :func:`text_features`) is drawn where the document is annotated, so the load stage
never re-reads bodies; :func:`_feature_arrays` turns every document's features, given as
:class:`StoryColumns`, into numbered arrays for :mod:`.neighbours` to weight and compare.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.dates import full_dates as dates
from transforms.text.stopwords import STOP_WORDS

# --- weights: calibrated on ecbplus-dev with the thresholds of :mod:`.clustering` -------------

ENTITY_WEIGHT = 2.0
"""Count of an entity mention relative to a word: names tell happenings apart."""

TITLE_WEIGHT = 2.0
"""Extra count of each title word: the headline names the happening."""

EVENT_WEIGHT = 2.0
"""Count of an event key (type|date|participants) relative to a word (not calibrated: ECB+
runs had no event keys)."""

# --- scale knobs: bound time and memory, not tuned for quality -------------------------------

WORD_CACHE = 1 << 18
"""Distinct tokens whose features are cached (a few tens of MB at most)."""

MAX_TEXT_DATES = 8
"""Full dates read from a text without a publication date (the first ones written)."""

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d+(?:[.,]\d+)*")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon{n}>(?:" + "|".join(_MONTH_NAMES) + r")[a-z]*)\.?"
_FULL_DATE = re.compile(  # finds the spans; dates.parse_full_date reads them
    rf"\b{_MONTH.format(n=1)}\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?[\s-]+(?P<year1>(?:19|20)\d\d)\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.format(n=2)},?\s+"
    r"(?P<year2>(?:19|20)\d\d)\b"
    r"|\b(?P<year3>(?:19|20)\d\d)-(?P<mon3>\d\d)-(?P<day3>\d\d)\b",
    re.IGNORECASE,
)

Features = tuple[np.ndarray, np.ndarray]
"""A document's feature ids (int32) and weighted counts (float32), before IDF."""


@dataclass(frozen=True)
class TextFeatures:
    """What story clustering needs of a document's own text, computed where the document is
    annotated (a worker) and kept with it, so the load stage never re-reads bodies.

    ``terms`` are in order of first use and ``weights`` are their counts (title words count
    :data:`TITLE_WEIGHT` more); ``dates`` are those :func:`text_features` explains.
    """

    terms: list[str]
    weights: list[float]
    dates: list[dt.date]


@dataclass
class StoryColumns:
    """Every document's story features as columns, documents in ascending ``doc_id`` order
    (ids unique): what :func:`~.clustering.cluster_story_columns` reads. Columns, not one
    object per document: a warehouse's terms run to millions, and they stay in Arrow until
    encoded."""

    doc_ids: list[str]
    terms: pa.ListArray
    """Per document, the ``terms`` of its :class:`TextFeatures` (list<string>)."""
    weights: pa.ListArray
    """Per document, the matching ``weights`` (list<float32>)."""
    dates: list[list[dt.date]]
    entity_ids: list[list[str]]
    event_keys: list[list[str]]


def _words(text: str) -> list[str]:
    """Lower-cased content words and numbers of a text, plurals folded."""
    return [w for w in map(_word, _TOKEN.findall(text.lower())) if w]


@functools.lru_cache(maxsize=WORD_CACHE)
def _word(token: str) -> str:
    """The feature of one token: '' for a stop word or a too-short token, else its stem.
    Cached: a corpus repeats a small vocabulary millions of times."""
    tok = token.replace("’", "'").removesuffix("'s")
    if tok in STOP_WORDS or len(tok) < (2 if tok[:1].isdigit() else 3):
        return ""
    return _stem(tok)


def _stem(word: str) -> str:
    """Very light plural folding so 'talks'/'talk' and 'allies'/'ally' meet."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def text_features(body: str, title: str | None = None,
                  published: dt.date | None = None) -> TextFeatures:
    """The features of a document's text: weighted counts of its content words, and its
    dates (the publication date, else the first full dates written in the text)."""
    counts: Counter[str] = Counter(_words(body))
    # each title word once, in order: a set's order changes with the process's hash seed
    for w in dict.fromkeys(_words(title or "")):
        counts[w] += TITLE_WEIGHT
    return TextFeatures(list(counts), [float(c) for c in counts.values()],
                        _dates(body, published))


def _extras(entity_ids: list[str], event_keys: list[str]) -> dict[str, float]:
    """Weighted counts of a document's entity and event features, in order of first use."""
    return {prefix + item: weight * c
            for items, weight, prefix in ((entity_ids, ENTITY_WEIGHT, "E:"),
                                          (event_keys, EVENT_WEIGHT, "V:"))
            for item, c in Counter(items).items()}


def _feature_arrays(cols: StoryColumns) -> list[Features]:
    """Weighted counts of each document's features before IDF: its terms, then its entities
    and event keys. Feature ids are numbered in order of first use over the documents in
    order, so ties between equal weights always break the same way."""
    extras = [_extras(e, v) for e, v in zip(cols.entity_ids, cols.event_keys, strict=True)]
    n_terms = pc.list_value_length(cols.terms).fill_null(0).to_numpy().astype(np.int64)
    n_extras = np.array([len(x) for x in extras], np.int64)
    names = pa.concat_arrays([pc.list_flatten(cols.terms).cast(pa.string()),
                              pa.array([f for x in extras for f in x], pa.string())])
    weights = np.concatenate([
        pc.list_flatten(cols.weights).to_numpy(zero_copy_only=False).astype(np.float32),
        np.array([w for x in extras for w in x.values()], np.float32)])
    order = _interleave(n_terms, n_extras)
    # dictionary codes are given in order of first occurrence
    ids = pc.dictionary_encode(names.take(pa.array(order))).indices.to_numpy()
    ids, weights = ids.astype(np.int32), weights[order]
    bounds = np.concatenate(([0], np.cumsum(n_terms + n_extras)))
    return [(ids[a:b], weights[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _interleave(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Positions into ``concat(A, B)`` that put each document's run of A before its run of B,
    document by document (``first`` and ``second`` are the run lengths)."""
    n_first, n_second = int(first.sum()), int(second.sum())
    out = np.empty(n_first + n_second, np.int64)
    # an A element moves past the B runs of the documents before it; a B element past the
    # A runs of its own document and those before it
    out[np.arange(n_first) + np.repeat(np.cumsum(second) - second, first)] = np.arange(n_first)
    out[np.arange(n_second) + np.repeat(np.cumsum(first), second)] = n_first + np.arange(n_second)
    return out


def _dates(body: str, published: dt.date | None) -> list[dt.date]:
    """The publication date, else the first full dates written in the text."""
    if published is not None:
        return [published]
    out = []
    for m in _FULL_DATE.finditer(body):
        day = dates.parse_full_date(m.group(0))
        if day is not None and day not in out:
            out.append(day)
            if len(out) == MAX_TEXT_DATES:
                break
    return out
