"""The groups each document names, as arrays: the evidence entity resolution's context rules
weigh (:mod:`.resolution` rule 4), tested for many documents at once.

Two spellings of a person's name are joined when a document of one and a document of the
other share at least two other groups. Common names have thousands of documents on each side,
so the test runs over flat arrays of every side's groups rather than over each pair of
documents in Python.
"""

from __future__ import annotations

import numpy as np

PAIR_CHUNK = 256
"""Documents of one side tested together against the whole other side (bounds the array of
document pairs when both sides are common)."""


class DocGroups:
    """Each document's groups in row (CSR) form: ``groups[ptr[d]:ptr[d + 1]]`` are document
    ``d``'s, and ``index`` numbers the documents."""

    def __init__(self, ctx: dict[str, set[int]]):
        self.index = {doc: d for d, doc in enumerate(ctx)}
        lens = np.fromiter((len(g) for g in ctx.values()), np.int64, len(ctx))
        self.ptr = np.concatenate(([0], np.cumsum(lens)))
        self.groups = np.fromiter((g for gs in ctx.values() for g in gs), np.int64,
                                  int(self.ptr[-1]))

    def flat(self, docs: np.ndarray, leave_out: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The groups of ``docs`` (document numbers) but ``leave_out``, sorted, and the
        position in ``docs`` of the document naming each."""
        lens = self.ptr[docs + 1] - self.ptr[docs]
        starts = np.repeat(self.ptr[docs] - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
        groups = self.groups[starts + np.arange(int(lens.sum()))]
        owner = np.repeat(np.arange(len(docs)), lens)
        keep = ~np.isin(groups, leave_out)
        groups, owner = groups[keep], owner[keep]
        order = np.argsort(groups, kind="stable")
        return groups[order], owner[order]


def some_pair_shares(doc_groups: DocGroups, docs_a: np.ndarray, docs_b: np.ndarray,
                     leave_out: tuple[int, ...], least: int) -> bool:
    """Does a document of ``docs_a`` share at least ``least`` groups, not counting
    ``leave_out``, with a document of ``docs_b``?"""
    gb, ob = doc_groups.flat(docs_b, leave_out)
    for start in range(0, len(docs_a), PAIR_CHUNK):
        ga, oa = doc_groups.flat(docs_a[start:start + PAIR_CHUNK], leave_out)
        lo, hi = np.searchsorted(gb, ga, "left"), np.searchsorted(gb, ga, "right")
        lens = hi - lo
        starts = np.repeat(lo - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
        pairs = np.repeat(oa, lens) * len(docs_b) + ob[starts + np.arange(int(lens.sum()))]
        if len(pairs) and np.unique(pairs, return_counts=True)[1].max() >= least:
            return True
    return False
