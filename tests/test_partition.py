"""Cutting a cross-document step into parts (transforms/partition.py) and the load stage's
worker pool (newsetl.stages.workers.load_pool)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsetl.stages import workers
from transforms import partition


@given(st.integers(0, 500), st.integers(1, 16))
def test_ranges_cover_every_index_once_in_near_equal_parts(n, parts):
    spans = partition.ranges(n, parts)
    assert [i for lo, hi in spans for i in range(lo, hi)] == list(range(n))
    sizes = [hi - lo for lo, hi in spans]
    assert len(spans) <= parts and (not sizes or max(sizes) - min(sizes) <= 1)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(1, 1000), max_size=20),
       st.integers(1, 4))
def test_balanced_groups_hold_every_key_once(sizes, parts):
    groups = partition.balanced(sizes, parts)
    assert sorted(k for g in groups for k in g) == sorted(sizes)
    assert len(groups) <= parts and all(g == sorted(g) for g in groups)
    totals = [sum(sizes[k] for k in g) for g in groups]
    if len(groups) == parts:  # greedy bound: groups differ by at most the largest key
        assert max(totals) - min(totals) <= max(sizes.values())


def test_pool_of_one_is_this_process():
    with workers.load_pool(1) as parallel:
        assert parallel is partition.SERIAL


def test_pool_maps_in_order_over_this_process_and_a_worker(load_pool):
    assert load_pool.parts == 2
    assert list(load_pool.map(abs, [-1, 2, -3])) == [1, 2, 3]
    assert list(load_pool.map(abs, [])) == []
