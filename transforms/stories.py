"""Story clustering: group documents that report the same real-world happening.

Unsupervised, with no preset number of stories, in two passes over sparse TF-IDF vectors of
each document's content words, title words, numbers, named entities (warehouse entity ids)
and event keys:

1. **Topics.** Cosine similarity with corpus-wide IDF links documents on the same subject
   (two earthquakes on the same island); average-link agglomeration at a low threshold
   groups them.
2. **Stories.** Inside each topic the vectors are re-weighted by an IDF computed over the
   topic alone, so the words every report of the subject shares ("quake", "island") fade and
   what tells one happening from another (names, places, numbers, years) dominates. Documents
   are then compared by the nearest neighbours they share (shared-nearest-neighbour
   similarity), not by the cosine itself: reports of one happening are each other's nearest
   neighbours even when they are short and loosely worded, while a second happening of the
   same kind forms its own neighbourhood, however close its wording. A second average-link
   pass on that similarity splits the topic into stories.

Both passes compare documents through an inverted index and keep a bounded number of
neighbours per document, never all pairs. Dates veto links: two documents whose dates
(publication dates, else full dates written in the text) are all further apart than a story
lasts are never linked directly.

Story ids are a pure function of the members (a hash of the smallest doc_id), so a re-run and
an incremental run over the same documents give the same ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms import dates, partition
from transforms.stopwords import STOP_WORDS

# --- thresholds: calibrated together on ecbplus-dev (232 texts, 10 topics x 2 stories) -------

WORD_CACHE = 1 << 18
"""Distinct tokens whose features are cached (a few tens of MB at most)."""
TOPIC_THRESHOLD = 0.06
"""Average-link cosine (corpus IDF) that puts documents in one topic (ecbplus-dev: any value
in 0.04-0.08 gives the same topics, with no cross-topic merges)."""

STORY_THRESHOLD = 0.12
"""Average-link shared-neighbour similarity that puts documents of a topic in one story
(ecbplus-dev: 0.1-0.15 is the plateau with SNN_K 4-5 and SNN_SHARE 0.15-0.2; tune as a set)."""

SNN_K = 4
"""Fewest nearest neighbours (by topic-local cosine) that define a document's neighbourhood
(ecbplus-dev: 4-5 on the plateau; 3 loses recall, 8 merges happenings again)."""

SNN_SHARE = 0.2
"""Neighbourhood size as a share of the topic's documents, when larger than :data:`SNN_K`:
a story of m documents keeps a mean shared-neighbour similarity of about k/m, so k growing
with the topic keeps large stories whole (capped by :data:`NEIGHBOURS`)."""

LOCAL_IDF_POWER = 0.5
"""Exponent of the topic-local IDF factor: 0 ignores the topic, 1 lets it dominate
(ecbplus-dev: 0.25 and 0.5 tie with the shared-neighbour pass, 1 splits the sample)."""

ENTITY_WEIGHT = 2.0
"""Count of an entity mention relative to a word: names tell happenings apart."""

TITLE_WEIGHT = 2.0
"""Extra count of each title word: the headline names the happening."""

EVENT_WEIGHT = 2.0
"""Count of an event key (type|date|participants) relative to a word (not calibrated: ECB+
runs had no event keys)."""

MAX_DAYS_APART = 90
"""Documents whose dates are all further apart than this are not linked (ecbplus-dev: one
story's follow-ups come up to three months after the first reports; 60 days cost recall)."""

# --- scale knobs: bound time and memory, not tuned for quality -------------------------------

TOP_FEATURES = 150
"""Shared features kept per document vector (its heaviest): bounds index size and work
(ecbplus-dev: 80 loses recall on the story pass, 150 is as good as no cut)."""

BLOCK_FEATURES = 30
"""Heaviest features of a document whose postings are searched for its neighbours."""

MAX_POSTINGS = 1000
"""Features carried by more documents than this are too common to find neighbours by."""

CANDIDATES = 150
"""Candidates per document (best partial scores) that get an exact cosine."""

NEIGHBOURS = 20
"""Most similar documents kept per document in each sparse graph (memory grows with it;
ecbplus-dev gives the same clusters with 20, 30 or 50)."""

PARALLEL_MIN_DOCS = 2000
"""Fewest documents whose neighbour search is worth cutting into parts for other processes
(smaller sets cost more to send than to search)."""

SPARSE_POSTINGS_RATIO = 16
"""Candidate scores are summed over the postings alone (a sort) instead of over a dense array
of every document when the corpus has this many times more documents than the postings.
Measured per document on this machine (sort / dense): 10k docs and 300 postings 70 / 56 us;
100k and 3,000: 137 / 520 us; 1M and 3,000: 204 / 5,580 us; 10k and 3,000: 222 / 75 us.
The dense array alone would make the pass grow with the square of the corpus."""

MIN_EDGE = 0.02
"""Similarities below this are treated as zero (not stored)."""

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

Vector = tuple[np.ndarray, np.ndarray]
"""A sparse unit vector: feature ids and their weights, heaviest first."""


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
class StoryDoc:
    """What story clustering needs of one document: its text (or the features already drawn
    from it), its entities and the events it reports."""

    doc_id: str
    body: str = ""
    published: dt.date | None = None
    title: str | None = None
    entity_ids: list[str] = field(default_factory=list)
    event_keys: list[str] = field(default_factory=list)
    text: TextFeatures | None = None
    """Precomputed :func:`text_features` of body, title and published; when set, those three
    are not read."""

    def text_features(self) -> TextFeatures:
        """The precomputed features, else those of body, title and published."""
        return self.text or text_features(self.body, self.title, self.published)


def story_id(members: Sequence[str]) -> str:
    """Stable story id: depends only on the smallest member doc_id."""
    return "S" + hashlib.sha256(min(members).encode()).hexdigest()[:15]


@dataclass
class StoryColumns:
    """Every document's story features as columns, documents in ascending ``doc_id`` order
    (ids unique): what :func:`cluster_story_columns` reads. Columns, not one object per
    document: a warehouse's terms run to millions, and they stay in Arrow until encoded."""

    doc_ids: list[str]
    terms: pa.ListArray
    """Per document, the ``terms`` of its :class:`TextFeatures` (list<string>)."""
    weights: pa.ListArray
    """Per document, the matching ``weights`` (list<float32>)."""
    dates: list[list[dt.date]]
    entity_ids: list[list[str]]
    event_keys: list[list[str]]


def cluster_stories(docs: list[StoryDoc],
                    parallel: partition.Parallel = partition.SERIAL) -> dict[str, str]:
    """Assign every document a story id.

    Args:
        docs: the whole document set (ids unique). IDF is computed over it, so call it with
            all documents of the warehouse, not with one run's batch.
        parallel: how the neighbour search and the split of topics into stories may run in
            parts over many documents (the result does not depend on it).

    Returns:
        doc_id -> story_id; a lone document gets a singleton story.
    """
    docs = sorted(docs, key=lambda d: d.doc_id)
    texts = [d.text_features() for d in docs]
    return cluster_story_columns(StoryColumns(
        [d.doc_id for d in docs],
        pa.array([t.terms for t in texts], pa.list_(pa.string())),
        pa.array([t.weights for t in texts], pa.list_(pa.float32())),
        [t.dates for t in texts], [d.entity_ids for d in docs], [d.event_keys for d in docs],
    ), parallel)


def cluster_story_columns(cols: StoryColumns,
                          parallel: partition.Parallel = partition.SERIAL) -> dict[str, str]:
    """:func:`cluster_stories` of documents given as columns (the same result)."""
    feats = _feature_arrays(cols)
    dates = cols.dates
    ids = np.concatenate([f for f, _ in feats] + [np.zeros(0, np.int32)])
    corpus_idf = np.log((len(feats) + 1) / np.maximum(np.bincount(ids), 1))
    topics = _cluster(feats, dates, range(len(feats)), corpus_idf, 0.0, TOPIC_THRESHOLD,
                      parallel=parallel)
    out: dict[str, str] = {}
    for members in _split_topics(feats, dates, topics, corpus_idf, parallel):
        sid = story_id([cols.doc_ids[i] for i in members])
        out.update({cols.doc_ids[i]: sid for i in members})
    return out


def _split_topics(feats: list[Features], dates: list[list[dt.date]], topics: list[list[int]],
                  corpus_idf: np.ndarray, parallel: partition.Parallel) -> list[list[int]]:
    """The stories of every topic (pass 2). Topics are independent, so many documents' topics
    are split in ``parallel`` parts of about equal size, each sent only its documents."""
    if len(feats) < PARALLEL_MIN_DOCS:
        parallel = partition.SERIAL
    multi = [t for t in topics if len(t) > 1]
    groups = partition.balanced({k: len(t) for k, t in enumerate(multi)}, parallel.parts)
    tasks = []
    for group in groups:
        part = [multi[k] for k in group]
        docs = sorted({i for topic in part for i in topic})
        local = {i: n for n, i in enumerate(docs)}
        tasks.append(([feats[i] for i in docs], [dates[i] for i in docs],
                      [[local[i] for i in topic] for topic in part], corpus_idf, docs))
    split = [story for stories in parallel.map(_split_part, tasks) for story in stories]
    return [t for t in topics if len(t) == 1] + split


def _split_part(task: tuple) -> list[list[int]]:
    """Stories of some topics, given only their documents (``docs`` maps back to the caller's
    indices)."""
    feats, dates, topics, corpus_idf, docs = task
    return [[docs[k] for k in story] for topic in topics
            for story in _cluster(feats, dates, topic, corpus_idf, LOCAL_IDF_POWER,
                                  STORY_THRESHOLD, shared=True)]


# --- features ----------------------------------------------------------------------------------


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
    for w in set(_words(title or "")):
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


def _far_apart(a: list[dt.date], b: list[dt.date]) -> bool:
    """Both sides dated, and no date of one is within a story's span of a date of the other."""
    return bool(a and b) and min(abs((x - y).days) for x in a for y in b) > MAX_DAYS_APART


# --- weighting ----------------------------------------------------------------------------------


def _cluster(feats: list[Features], dates: list[list[dt.date]], members: Sequence[int],
             corpus_idf: np.ndarray, local_power: float, threshold: float,
             shared: bool = False,
             parallel: partition.Parallel = partition.SERIAL) -> list[list[int]]:
    """Average-link clusters of ``members`` (global indices, each cluster sorted).

    Weights are corpus TF-IDF times, when ``local_power`` > 0, an IDF over ``members`` alone
    raised to that power. With ``shared``, documents are compared by the neighbours they
    share rather than by their cosine (see :func:`_shared_neighbours`).
    """
    members = list(members)
    vectors = _vectors([feats[i] for i in members], corpus_idf, local_power)
    graph = _neighbour_graph(vectors, [dates[i] for i in members], parallel)
    if shared:
        size = min(NEIGHBOURS, max(SNN_K, math.ceil(SNN_SHARE * len(members))))
        clusters = _average_link(len(members), _shared_neighbours(graph, size), threshold)
    else:
        clusters = _average_link(len(members), graph, threshold)
    return [sorted(members[k] for k in c) for c in clusters]


def _vectors(feats: list[Features], corpus_idf: np.ndarray, local_power: float) -> list[Vector]:
    """Unit TF-IDF vectors (sublinear tf), each cut to its heaviest shared features.

    The norm counts every feature, but only features another of these documents also
    carries can add to a similarity, so only those (the :data:`TOP_FEATURES` heaviest) are
    kept.
    """
    ids = np.concatenate([f for f, _ in feats] + [np.zeros(0, np.int32)])
    counts = np.concatenate([c for _, c in feats] + [np.zeros(0, np.float32)]).astype(float)
    _, inverse = np.unique(ids, return_inverse=True)
    df = np.bincount(inverse)[inverse]
    weights = np.where(counts >= 1, 1.0 + np.log(np.maximum(counts, 1.0)), counts)
    weights *= corpus_idf[ids]
    if local_power:
        weights *= np.log((len(feats) + 1) / df) ** local_power
    out, start = [], 0
    for f, _ in feats:
        end = start + len(f)
        w, shared = weights[start:end], (df[start:end] > 1) & (weights[start:end] > 0)
        order = np.lexsort((ids[start:end][shared], -w[shared]))[:TOP_FEATURES]
        norm = float(np.sqrt(np.dot(w, w))) or 1.0
        out.append((ids[start:end][shared][order], w[shared][order] / norm))
        start = end
    return out


# --- sparse neighbour graph and average-link ---------------------------------------------------


@dataclass
class _Matrix:
    """Sparse document-feature matrix in row (CSR) form plus its column postings."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    post_feats: np.ndarray  # feature of each posting, sorted
    post_docs: np.ndarray
    post_data: np.ndarray

    @classmethod
    def build(cls, vectors: list[Vector]) -> _Matrix:
        lens = np.array([len(ids) for ids, _ in vectors], dtype=np.int64)
        indptr = np.concatenate(([0], np.cumsum(lens)))
        indices = np.concatenate([ids for ids, _ in vectors]).astype(np.int64)
        data = np.concatenate([ws for _, ws in vectors]).astype(np.float64)
        order = np.argsort(indices, kind="stable")
        rows = np.repeat(np.arange(len(vectors)), lens)
        return cls(indptr, indices, data, indices[order], rows[order], data[order])

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> slice:
        return slice(self.indptr[i], self.indptr[i + 1])


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, e)`` for each pair, without a Python loop."""
    lens = ends - starts
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return offsets + np.arange(lens.sum())


def _neighbour_graph(vectors: list[Vector], dates: list[list[dt.date]],
                     parallel: partition.Parallel = partition.SERIAL,
                     ) -> dict[int, dict[int, float]]:
    """Symmetric sparse graph of cosine similarities to each document's top neighbours.

    Candidates come from the postings of each document's heaviest (rarest) features; only
    the best-scoring candidates get an exact cosine, so the work per document is bounded.
    Each document's search is independent: many documents are searched in ``parallel``.
    """
    graph: dict[int, dict[int, float]] = defaultdict(dict)
    if not vectors:
        return graph
    m = _Matrix.build(vectors)
    if len(vectors) < PARALLEL_MIN_DOCS:
        parallel = partition.SERIAL
    spans = partition.ranges(len(vectors), parallel.parts)
    for found in parallel.map(_neighbour_lists, [(m, lo, hi) for lo, hi in spans]):
        for i, row in found:
            for j, s in row:
                if not _far_apart(dates[i], dates[j]):
                    graph[i][j] = graph[j][i] = s
    return graph


def _neighbour_lists(task: tuple[_Matrix, int, int]) -> list[tuple[int, list]]:
    """:func:`_neighbours` of documents ``lo`` to ``hi`` - 1 (one part of the search)."""
    m, lo, hi = task
    scratch = np.zeros(int(m.indices.max(initial=0)) + 1)
    return [(i, _neighbours(i, m, scratch)) for i in range(lo, hi)]


def _neighbours(i: int, m: _Matrix, scratch: np.ndarray) -> list[tuple[int, float]]:
    """Document ``i``'s most similar documents (exact cosine at least :data:`MIN_EDGE`)."""
    feats, weights = m.indices[m.row(i)], m.data[m.row(i)]
    cands = _candidates(i, m, feats[:BLOCK_FEATURES], weights[:BLOCK_FEATURES])
    if not len(cands):
        return []
    scratch[feats] = weights
    rows = _ranges(m.indptr[cands], m.indptr[cands + 1])
    products = scratch[m.indices[rows]] * m.data[rows]
    scratch[feats] = 0.0
    bounds = np.concatenate(([0], np.cumsum(m.indptr[cands + 1] - m.indptr[cands])[:-1]))
    exact = np.add.reduceat(products, bounds) if len(products) else np.zeros(len(cands))
    exact[m.indptr[cands + 1] == m.indptr[cands]] = 0.0  # reduceat quirk on empty rows
    best = np.lexsort((cands, -exact))[:NEIGHBOURS]
    best = best[exact[best] >= MIN_EDGE]
    return list(zip(cands[best].tolist(), exact[best].tolist(), strict=True))


def _candidates(i: int, m: _Matrix, block: np.ndarray, bw: np.ndarray) -> np.ndarray:
    """The :data:`CANDIDATES` documents (ids ascending) with the best partial scores on the
    postings of ``block``, ties to the smaller id; never ``i`` itself."""
    starts = np.searchsorted(m.post_feats, block, "left")
    ends = np.searchsorted(m.post_feats, block, "right")
    keep = ends - starts <= MAX_POSTINGS
    idx = _ranges(starts[keep], ends[keep])
    scores = m.post_data[idx] * np.repeat(bw[keep], (ends - starts)[keep])
    cands, values = _partial_scores(i, m.post_docs[idx], scores, m.n_docs)
    if len(cands) <= CANDIDATES:
        return cands
    kth = np.partition(values, len(values) - CANDIDATES)[len(values) - CANDIDATES]
    chosen = values > kth
    chosen[np.flatnonzero(values == kth)[:CANDIDATES - int(chosen.sum())]] = True
    return cands[chosen]


def _partial_scores(i: int, docs: np.ndarray, scores: np.ndarray,
                    n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """The documents of some postings (ids ascending, ``i`` left out) and their summed scores.

    Two ways to the same sums (each adds a document's scores in posting order): a dense
    array over all documents, cheapest while the postings are many for the corpus size, and
    a sort of the postings alone, whose cost does not grow with the corpus (a search over a
    dense array per document would make the whole pass grow with its square).
    """
    if len(docs) * SPARSE_POSTINGS_RATIO < n_docs:
        found, inverse = np.unique(docs, return_inverse=True)
        sums = np.bincount(inverse, weights=scores, minlength=len(found))
        other = found != i
        return found[other], sums[other]
    # every posting weight is positive, so the documents found are the non-zero sums
    partial = np.bincount(docs, weights=scores, minlength=n_docs)
    partial[i] = 0.0
    found = np.flatnonzero(partial)
    return found, partial[found]


def _shared_neighbours(graph: dict[int, dict[int, float]],
                       k: int) -> dict[int, dict[int, float]]:
    """Shared-nearest-neighbour similarity on the edges of a cosine graph.

    Each document's neighbourhood is itself plus its ``k`` most similar documents; two linked
    documents score the share of their neighbourhoods they have in common (0 to 1). Unlike
    the cosine, this adapts to how tight a story is: reports of a loosely written happening
    still have each other as nearest neighbours, while the reports of a second happening of
    the same kind, however similar in wording, sit in another neighbourhood.
    """
    hood = {i: {i} | set(sorted(row, key=lambda j: (-row[j], j))[:k]) for i, row in graph.items()}
    out: dict[int, dict[int, float]] = defaultdict(dict)
    for i, row in graph.items():
        for j in row:
            if i < j:
                out[i][j] = out[j][i] = len(hood[i] & hood[j]) / (k + 1)
    return out


def _average_link(n: int, graph: dict[int, dict[int, float]],
                  threshold: float) -> list[list[int]]:
    """Greedy average-link clustering on a sparse graph (missing edges count as zero).

    Repeatedly merges the two clusters with the highest mean pairwise similarity while that
    mean reaches ``threshold``; ties break on the smaller indices, so the result is
    deterministic. ``graph`` is consumed (its rows become the cluster links).
    """
    members = {i: [i] for i in range(n)}
    links = {i: graph.pop(i, {}) for i in range(n)}  # consumed, not copied: bounded memory
    # Only pairs at the threshold enter the heap: a pair below it can never be merged, and
    # leaving it out changes neither which pairs are merged nor their order.
    heap = [(-s, i, j) for i in links for j, s in links[i].items() if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or -neg != _mean(links, members, a, b):
            continue  # a merged-away cluster or a stale score
        _merge(members, links, a, b)
        for c in links[a]:
            mean = _mean(links, members, a, c)
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c)))
    return list(members.values())


def _mean(links: dict[int, dict[int, float]], members: dict[int, list[int]], a: int,
          b: int) -> float:
    """Mean similarity between the documents of clusters ``a`` and ``b``."""
    return links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))


def _merge(members: dict[int, list[int]], links: dict[int, dict[int, float]], a: int,
           b: int) -> None:
    """Fold cluster ``b`` into ``a``: members joined, similarity sums added up."""
    members[a] += members.pop(b)
    for c, s in links.pop(b).items():
        if c != a:
            links[a][c] = links[a].get(c, 0.0) + s
            del links[c][b]
            links[c][a] = links[a][c]
    links[a].pop(b, None)
