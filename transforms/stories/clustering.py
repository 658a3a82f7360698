"""Story clustering: group documents that report the same real-world happening.

Unsupervised, with no preset number of stories, in two passes over sparse TF-IDF vectors of
each document's content words, title words, numbers, named entities (warehouse entity ids)
and event keys (:mod:`.features`):

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
neighbours per document, never all pairs (:mod:`.neighbours`). Dates veto links: two
documents whose dates (publication dates, else full dates written in the text) are all
further apart than a story lasts are never linked directly.

Story ids are a pure function of the members (a hash of the smallest doc_id), so a re-run and
an incremental run over the same documents give the same ids.

**Whole corpus each run** (issue 20): both passes weigh features by corpus-wide IDF, which
changes with the number of documents, so one added or removed document changes every vector
and no topic or story can be carried over exactly; every run clusters all documents.
Tried and not kept (branch ``stories-blocks``): a fixed reference IDF from ``wordfreq``
makes each vector depend on its document alone (ecbplus-dev B3 0.921 -> 0.937), but the
topic pass's link graph is then one giant component (97,841 of 100,300 synthetic documents;
190 of 232 on ecbplus-dev), so recomputing only the components a change reaches recomputes
nearly everything (the 100k 1 % re-run's story step 61 s -> 82 s), and the five seed pages
fall into one topic too small to split (one story for two).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from transforms import partition
from transforms.stories import neighbours
from transforms.stories.features import (
    Features,
    StoryColumns,
    TextFeatures,
    _feature_arrays,
    text_features,
)

# --- thresholds: calibrated together on ecbplus-dev (232 texts, 10 topics x 2 stories) -------
# (with the weights of :mod:`.features` and MAX_DAYS_APART of :mod:`.neighbours`)

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
with the topic keeps large stories whole (capped by :data:`.neighbours.NEIGHBOURS`)."""

LOCAL_IDF_POWER = 0.5
"""Exponent of the topic-local IDF factor: 0 ignores the topic, 1 lets it dominate
(ecbplus-dev: 0.25 and 0.5 tie with the shared-neighbour pass, 1 splits the sample)."""


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
    if len(feats) < neighbours.PARALLEL_MIN_DOCS:
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


# --- average-link clustering -----------------------------------------------------------------


def _cluster(feats: list[Features], dates: list[list[dt.date]], members: Sequence[int],
             corpus_idf: np.ndarray, local_power: float, threshold: float,
             shared: bool = False,
             parallel: partition.Parallel = partition.SERIAL) -> list[list[int]]:
    """Average-link clusters of ``members`` (global indices, each cluster sorted).

    Weights are corpus TF-IDF times, when ``local_power`` > 0, an IDF over ``members`` alone
    raised to that power. With ``shared``, documents are compared by the neighbours they
    share rather than by their cosine (see :func:`.neighbours._shared_neighbours`).
    """
    members = list(members)
    vectors = neighbours._vectors([feats[i] for i in members], corpus_idf, local_power)
    graph = neighbours._neighbour_graph(vectors, [dates[i] for i in members], parallel)
    if shared:
        size = min(neighbours.NEIGHBOURS, max(SNN_K, math.ceil(SNN_SHARE * len(members))))
        clusters = _average_link(len(members), neighbours._shared_neighbours(graph, size),
                                 threshold)
    else:
        clusters = _average_link(len(members), graph, threshold)
    return [sorted(members[k] for k in c) for c in clusters]


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
