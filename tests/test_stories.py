"""Story clustering: happenings kept apart, rewordings joined, stable ids, edge cases."""

from __future__ import annotations

import datetime as dt
import json
import random

import numpy as np
import pyarrow as pa
import pytest

from transforms.stories import clustering, features, neighbours
from transforms.stories.clustering import StoryDoc, cluster_stories, story_id


@pytest.fixture(scope="module")
def case(cases_dir) -> list[dict]:
    return json.loads((cases_dir / "stories" / "two_collapses.json").read_text())["documents"]


@pytest.fixture(scope="module")
def loose_case(cases_dir) -> list[dict]:
    return json.loads((cases_dir / "stories" / "loose_and_tight.json").read_text())["documents"]


def _docs(rows: list[dict]) -> list[StoryDoc]:
    return [StoryDoc(r["doc_id"], r["body"],
                     dt.date.fromisoformat(r["published"]) if r["published"] else None,
                     r["title"], r["entities"]) for r in rows]


def _partition(mapping: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc, sid in mapping.items():
        groups.setdefault(sid, set()).add(doc)
    return {frozenset(g) for g in groups.values()}


def test_happenings_apart_and_rewordings_joined(case):
    gold = _partition({r["doc_id"]: r["story"] for r in case})
    assert _partition(cluster_stories(_docs(case))) == gold


def test_loose_reports_kept_apart_from_wire_copies_of_another_happening(loose_case):
    gold = _partition({r["doc_id"]: r["story"] for r in loose_case})
    assert _partition(cluster_stories(_docs(loose_case))) == gold


def test_ids_are_stable_and_independent_of_input_order(case):
    first = cluster_stories(_docs(case))
    shuffled = case[:]
    random.Random(7).shuffle(shuffled)
    assert cluster_stories(_docs(shuffled)) == first
    for group in _partition(first):
        assert {first[d] for d in group} == {story_id(sorted(group))}


def test_story_id_depends_only_on_smallest_member():
    assert story_id(["b", "a", "c"]) == story_id(["a", "z"]) != story_id(["b"])


def test_every_document_gets_a_story(case):
    assert set(cluster_stories(_docs(case))) == {r["doc_id"] for r in case}


def test_single_document_is_its_own_story():
    only = StoryDoc("x1", "A lone report about a harbour fire in Ostrel.")
    assert cluster_stories([only]) == {"x1": story_id(["x1"])}


def test_empty_input():
    assert cluster_stories([]) == {}


def test_empty_bodies_are_singletons():
    docs = [StoryDoc("e1", ""), StoryDoc("e2", "   ")]
    assert _partition(cluster_stories(docs)) == {frozenset({"e1"}), frozenset({"e2"})}


def _twins(published_a: dt.date | None, published_b: dt.date | None) -> list[StoryDoc]:
    """Two rewordings of one report (plus bystanders so the IDF is meaningful)."""
    body = ("Mayor Idris Fenwick opened the Harrow Street bridge in Marlowe over the Tessel "
            "river, a steel span rebuilt by the Halvard Institute. {}")
    return [
        StoryDoc("t1", body.format("Crowds cheered."), published_a, None,
                 ["PERSON|idris fenwick", "GPE|marlowe"]),
        StoryDoc("t2", body.format("Hundreds watched."), published_b, None,
                 ["PERSON|idris fenwick", "GPE|marlowe"]),
        StoryDoc("t3", "Grandmaster Ana Quillon won the Brevik chess final."),
        StoryDoc("t4", "Veloria and Casmir agreed to halve tariffs on steel and grain."),
    ]


def test_close_publication_dates_join():
    out = cluster_stories(_twins(dt.date(2023, 5, 2), dt.date(2023, 5, 4)))
    assert out["t1"] == out["t2"]


def test_publication_dates_far_apart_split():
    gap = dt.timedelta(days=neighbours.MAX_DAYS_APART + 1)
    out = cluster_stories(_twins(dt.date(2023, 5, 2), dt.date(2023, 5, 2) + gap))
    assert out["t1"] != out["t2"]


def test_one_side_undated_does_not_split():
    out = cluster_stories(_twins(dt.date(2023, 5, 2), None))
    assert out["t1"] == out["t2"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Posted November 28, 2005 at 9:00", [dt.date(2005, 11, 28)]),
    ("on 3rd of March 2021 and 2021-03-04", [dt.date(2021, 3, 3), dt.date(2021, 3, 4)]),
    ("Sept. 9, 2013 - the heist", [dt.date(2013, 9, 9)]),
    ("on Monday, in June, in 2016", []),
    ("February 30, 2020", []),
])
def test_text_dates_used_when_unpublished(text, expected):
    assert features.text_features(text).dates == expected


def test_publication_date_wins_over_text_dates():
    text = features.text_features("Written on May 1, 1999.", None, dt.date(2024, 1, 2))
    assert text.dates == [dt.date(2024, 1, 2)]


def test_title_words_count_extra_and_stop_words_are_dropped():
    text = features.text_features("The harbour fire spread. Fires burn.", "Harbour fire")
    weights = dict(zip(text.terms, text.weights, strict=True))
    assert weights == {"harbour": 1 + features.TITLE_WEIGHT, "fire": 2 + features.TITLE_WEIGHT,
                       "spread": 1, "burn": 1}


def test_precomputed_text_features_give_the_same_stories(case):
    """The load stage passes features the workers drew from each text, not the text."""
    ready = [StoryDoc(d.doc_id, entity_ids=d.entity_ids, event_keys=d.event_keys,
                      text=features.text_features(d.body, d.title, d.published))
             for d in _docs(case)]
    assert cluster_stories(ready) == cluster_stories(_docs(case))


def test_feature_ids_follow_first_use_document_by_document():
    """Each document's terms, then its entities and events; ids in order of first use
    over the documents in order (ties between equal weights break on these ids)."""
    cols = features.StoryColumns(
        ["a", "b", "c"],
        pa.array([["quake", "island"], [], ["island", "port"]], pa.list_(pa.string())),
        pa.array([[2.0, 1.0], [], [1.0, 3.0]], pa.list_(pa.float32())),
        [[], [], []], [["E1", "E1"], ["E2"], ["E1"]], [["K"], [], []])
    feats = features._feature_arrays(cols)
    # quake=0 island=1 E:E1=2 V:K=3 | E:E2=4 | island=1 port=5 E:E1=2
    assert [ids.tolist() for ids, _ in feats] == [[0, 1, 2, 3], [4], [1, 5, 2]]
    entity, event = features.ENTITY_WEIGHT, features.EVENT_WEIGHT
    assert [w.tolist() for _, w in feats] == [[2.0, 1.0, 2 * entity, event], [entity],
                                             [1.0, 3.0, entity]]
    assert all(ids.dtype == np.int32 and w.dtype == np.float32 for ids, w in feats)


def _graph() -> dict[int, dict[int, float]]:
    return {0: {1: 0.9, 2: 0.2}, 1: {0: 0.9, 2: 0.1}, 2: {0: 0.2, 1: 0.1}}


def test_average_link_stops_at_threshold():
    clusters = clustering._average_link(3, _graph(), threshold=0.5)
    assert sorted(sorted(c) for c in clusters) == [[0, 1], [2]]
    # 2 joins {0, 1} at the mean of its links (0.2 + 0.1) / 2, not at its best link 0.2
    assert len(clustering._average_link(3, _graph(), threshold=0.14)) == 1
    assert len(clustering._average_link(3, _graph(), threshold=0.16)) == 2


def _two_groups_with_bridge() -> dict[int, dict[int, float]]:
    """Cosine graph: groups {0..3} and {4..7} linked inside at 0.3, plus a 0.5 bridge 3-4."""
    graph: dict[int, dict[int, float]] = {i: {} for i in range(8)}
    for group in ((0, 1, 2, 3), (4, 5, 6, 7)):
        for a in group:
            graph[a].update({b: 0.3 for b in group if b != a})
    graph[3][4] = graph[4][3] = 0.5
    return graph


def test_shared_neighbours_score_a_bridge_below_group_members():
    snn = neighbours._shared_neighbours(_two_groups_with_bridge(), k=3)
    inside = [snn[a][b] for a in snn for b in snn[a] if (a < 4) == (b < 4)]
    assert snn[3][4] == snn[4][3] < min(inside)  # the highest cosine, the weakest neighbourhood
    assert all(0.0 < s <= 1.0 for row in snn.values() for s in row.values())
    assert snn[0][1] == 1.0  # same four documents in both neighbourhoods


def test_average_link_on_shared_neighbours_cuts_the_bridge():
    snn = neighbours._shared_neighbours(_two_groups_with_bridge(), k=3)
    clusters = clustering._average_link(8, snn, threshold=clustering.STORY_THRESHOLD)
    assert sorted(sorted(c) for c in clusters) == [[0, 1, 2, 3], [4, 5, 6, 7]]



@pytest.mark.parametrize("seed", range(20))
def test_sparse_and_dense_partial_scores_agree_exactly(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n_docs, n_postings = int(rng.integers(1, 60)), int(rng.integers(0, 200))
    docs = rng.integers(0, n_docs, n_postings)
    scores = rng.random(n_postings) + 1e-3  # posting weights are positive
    i = int(rng.integers(0, n_docs))
    results = []
    for ratio in (0, 10**9):  # 0: always the sort; 10**9: always the dense array
        monkeypatch.setattr(neighbours, "SPARSE_POSTINGS_RATIO", ratio)
        results.append(neighbours._partial_scores(i, docs, scores, n_docs))
    (sparse_ids, sparse_sums), (dense_ids, dense_sums) = results
    assert sparse_ids.tolist() == dense_ids.tolist() == sorted(set(docs.tolist()) - {i})
    assert sparse_sums.tolist() == dense_sums.tolist()  # bit for bit: same order of addition


def test_stories_do_not_depend_on_how_candidate_scores_are_summed(case, monkeypatch):
    monkeypatch.setattr(neighbours, "SPARSE_POSTINGS_RATIO", 0)
    sparse = cluster_stories(_docs(case))
    monkeypatch.setattr(neighbours, "SPARSE_POSTINGS_RATIO", 10**9)
    assert cluster_stories(_docs(case)) == sparse

@pytest.mark.parametrize("name", ["two_collapses", "loose_and_tight"])
def test_stories_on_worker_processes_equal_stories_in_process(load_pool, cases_dir,
                                                              monkeypatch, name):
    rows = json.loads((cases_dir / "stories" / f"{name}.json").read_text())["documents"]
    serial = cluster_stories(_docs(rows))
    monkeypatch.setattr(neighbours, "PARALLEL_MIN_DOCS", 1)  # cut even a small case into parts
    assert cluster_stories(_docs(rows), load_pool) == serial
    assert len(set(serial.values())) > 1  # the case has stories to keep apart
