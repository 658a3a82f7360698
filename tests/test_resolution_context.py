"""Rule 4 of entity resolution (spellings joined on shared context) tested over arrays gives
the entities of the pair-by-pair test it replaced (kept here as the reference), on random
corpora of near-spellings, shared and unshared context, one-word names and acronyms."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.entities import context, resolution
from transforms.entities.resolution import resolve

PEOPLE = ("Nobuo Kishi", "Noburo Kishi", "Nobuo Kishy", "Yoon Sukyeol", "Yoon Sukyeal",
          "Kishi", "Park Jin", "Park Jinn", "Noburo Kishy")
CONTEXT = (("GPE", "Japan"), ("GPE", "South Korea"), ("GPE", "S. Korea"), ("GPE", "Korea"),
           ("ORG", "World Bank"), ("ORG", "WB"), ("GPE", "Canada"), ("ORG", "Police"))

_doc = st.tuples(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True),
                 st.lists(st.sampled_from(CONTEXT), max_size=4, unique=True))


def _rows(corpus: list[tuple[list[str], list[tuple[str, str]]]]) -> list[dict]:
    rows = []
    for d, (people, others) in enumerate(corpus):
        named = [("PERSON", p) for p in people] + others
        for cluster, (label, name) in enumerate(named):
            rows.append({"doc_id": f"d{d:03d}", "cluster": cluster, "label": label,
                         "name": name, "text": name})
    return rows


def _pair_by_pair(items, uf, ctx) -> None:
    """Rule 4 as it was: every similar pair through ``_union_with_context``."""
    block: dict[tuple, list[int]] = defaultdict(list)
    for i, loc in enumerate(items):
        if loc.label == "PERSON" and len(loc.words) > 1:
            for pos in range(len(loc.words)):
                block[(pos, *loc.words[:pos], "*", *loc.words[pos + 1:])].append(i)
    for (pos, *_), members in block.items():
        by_word: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_word[items[i].words[pos]].append(i)
        for wa, wb in combinations(sorted(by_word), 2):
            if resolution._similar_word(wa, wb):
                resolution._union_with_context(items, uf, ctx, by_word[wa], by_word[wb])


@settings(max_examples=150, deadline=None)
@given(st.lists(_doc, min_size=1, max_size=25))
def test_rule_4_over_arrays_equals_pair_by_pair(corpus):
    rows = _rows(corpus)
    fast = resolve(rows)
    original = resolution._merge_spellings
    resolution._merge_spellings = _pair_by_pair
    try:
        slow = resolve(rows)
    finally:
        resolution._merge_spellings = original
    assert fast == slow


def test_some_pair_shares_counts_groups_left_out_of_neither_side():
    groups = context.DocGroups({"a": {1, 2, 3}, "b": {2, 3, 9}, "c": {1, 9}, "d": set()})
    a, b, c, d = (np.array([groups.index[x]]) for x in "abcd")
    assert context.some_pair_shares(groups, a, b, (), 2)
    assert not context.some_pair_shares(groups, a, b, (3,), 2)
    assert not context.some_pair_shares(groups, a, c, (), 2)
    assert not context.some_pair_shares(groups, d, a, (), 1)
    assert context.some_pair_shares(groups, np.concatenate([c, d, a]), b, (), 2)
