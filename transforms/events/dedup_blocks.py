"""Incremental event dedup: recompute the blocks a change touched, carry the others over.

Dedup's blocks (``dedup.blocks``: one type, mentions joined by shared core entities) are
independent, and each block's events, participants and mention rows are a pure function of
its input rows (after ``prepare``). So a run hashes every block's input (:func:`digest`: the
rows as dedup receives them, with what ``prepare`` reads of each, and a salt naming the
pipeline) and clusters only the blocks whose digest the previous snapshot does not have; the
rows of the others are read back from it. The tables are exactly a fresh run's, ids included,
by construction rather than by argument about what a change can reach.

Where exactness costs a wider recompute: a block is as wide as its entities' connections.
A new mention of a popular actor touches the whole (type, actor) block, years of it, since
undated mentions chain events across months (``blocking.components``); and a change of an
entity id (entity resolution is global) touches every block naming that entity.
bench/load_bench.py reports the share of mentions recomputed.

Why dates do not narrow the blocks: a mention whose page has no date and whose story lends
it none (about 1,000 of 300,000 event mentions in the 100k synthetic corpus) is compared with
every event of its actors, of any time, and the events it joins are then listed for undated
mentions of any month; so a (type, actor) block cut by date windows would give other events
whenever such a mention exists, which is the case for exactly the popular actors that make
the blocks large.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from transforms import partition
from transforms.events import dedup

DIGEST_BYTES = 16
"""Bytes of a block digest: 128 bits, so two different inputs never meet by chance."""

Tables = tuple[list[dict], list[dict], list[dict]]
"""Rows of events, event_participants and event_mentions, each sorted by
``dedup.OUTPUT_ORDER``."""


def digest(rows: Iterable[dict], salt: str, context: Callable[[dict], object]) -> str:
    """Hash of a block's input: its rows (in any order), ``context`` of each (what
    ``prepare`` reads besides the row) and ``salt`` (what else the result depends on)."""
    h = hashlib.blake2b(salt.encode(), digest_size=DIGEST_BYTES)
    for text in sorted(repr((row, context(row))) for row in rows):
        h.update(text.encode())
        h.update(b"\x1e")
    return h.hexdigest()


@dataclass(frozen=True)
class Carried:
    """The blocks of a previous dedup and a reader of their output."""

    digests: frozenset[str]
    read: Callable[[set[str]], tuple[Tables, list[tuple[str, str]]]]
    """The tables' rows of the events of the given blocks, and their (digest, event_id)."""


@dataclass
class Result:
    """Dedup's tables, the block of each event, and how much was recomputed."""

    tables: Tables
    event_blocks: list[tuple[str, str]]
    """(block digest, event_id) of every event, sorted."""
    stats: dict[str, int] = field(default_factory=dict)
    """Blocks and mention rows, in all and recomputed."""


def dedup_incremental(rows: Iterable[dict], carried: Carried | None, salt: str,
                      context: Callable[[dict], object],
                      parallel: partition.Parallel = partition.SERIAL,
                      prepare: Callable[[dict], dict] | None = None) -> Result:
    """``dedup.dedup(rows, parallel, prepare)``, with the blocks ``carried`` already has
    read back instead of clustered (see the module docstring)."""
    blocked = dedup.blocks(rows)
    digests = {b: digest(r, salt, context) for b, r in blocked.items()}
    kept = {d for d in digests.values() if carried and d in carried.digests}
    todo = {b: r for b, r in blocked.items() if digests[b] not in kept}
    *fresh, ids = dedup.dedup_blocks(todo, parallel, prepare)
    old, pairs = carried.read(kept) if kept else (([], [], []), [])
    tables = tuple(list(heapq.merge(new, previous, key=key))
                   for new, previous, key in zip(fresh, old, dedup.OUTPUT_ORDER, strict=True))
    pairs = sorted(pairs + [(digests[b], e) for b, eids in ids.items() for e in eids])
    stats = {"blocks": len(blocked), "blocks_recomputed": len(todo),
             "rows": sum(map(len, blocked.values())),
             "rows_recomputed": sum(map(len, todo.values()))}
    return Result(tables, pairs, stats)
