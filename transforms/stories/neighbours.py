"""Story neighbours: sparse TF-IDF vectors and the graph of each document's most similar.

Both passes of :mod:`.clustering` weight the :mod:`.features` of a set of documents into
unit TF-IDF vectors (:func:`_vectors`) and link each document to its most similar
(:func:`_neighbour_graph`). Documents are compared through an inverted index and each keeps
a bounded number of neighbours, never all pairs, so time and memory grow with the corpus,
not with its square. Dates veto links: two documents whose dates (publication dates, else
full dates written in the text) are all further apart than a story lasts are never linked
directly. The story pass then scores each link by the neighbours its two documents share
(:func:`_shared_neighbours`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from transforms import partition
from transforms.stories.features import Features

# --- thresholds: calibrated on ecbplus-dev with those of :mod:`.clustering` ------------------

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

Vector = tuple[np.ndarray, np.ndarray]
"""A sparse unit vector: feature ids and their weights, heaviest first."""


# --- weighting ----------------------------------------------------------------------------------


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


# --- sparse neighbour graph ------------------------------------------------------------------


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


def _far_apart(a: list[dt.date], b: list[dt.date]) -> bool:
    """Both sides dated, and no date of one is within a story's span of a date of the other."""
    return bool(a and b) and min(abs((x - y).days) for x in a for y in b) > MAX_DAYS_APART


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
