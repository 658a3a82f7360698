"""What a cluster of event mentions becomes (see :mod:`transforms.events.dedup`): its id and
its rows of ``events``, ``event_participants`` and ``event_mentions``, each merged field
decided by the majority of the mentions (ties as the dedup module doc says)."""

from __future__ import annotations

import hashlib
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transforms.events.dedup import _Event

MODALITY_ORDER = ("occurred", "planned", "hoped", "possible", "denied")
"""Tie-break order for the merged modality (occurred first: a sentence saying it happened
outweighs an equal number anticipating it, which were usually written before)."""
ROLE_ORDER = ("source", "target", "other")
"""Tie-break order for a participant's merged role."""
OUTPUT_ORDER = (operator.itemgetter("event_id", "type"),
                operator.itemgetter("event_id", "entity_id", "role"),
                operator.itemgetter("doc_id", "start", "end", "event_id"))
"""Sort keys of the ``events``, ``event_participants`` and ``event_mentions`` rows. The first
two are unique; mentions tying on the last belong to one event, of one part, and keep the
canonical order of its mentions, so the output is the same whatever the parts."""


def event_id(etype: str, core_ids: Iterable[str], date: str | None) -> str:
    """Stable id from an event's defining key: type, sorted core participants, date."""
    key = "\x1f".join([etype, ",".join(sorted(core_ids)), date or ""])
    return "V" + hashlib.sha256(key.encode()).hexdigest()[:15]


def _majority(values: list[str], order: tuple[str, ...]) -> str | None:
    """Most frequent value; ties broken by ``order``, then alphabetically."""
    if not values:
        return None
    counts = Counter(values)
    rank = {v: i for i, v in enumerate(order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(order)), v))


def event_row(ev: _Event, eid: str) -> dict:
    """The events row: the most frequent stated modality, place and mode."""
    places = [m["location"] for m in ev.mentions if m.get("location")]
    return {
        "event_id": eid, "type": ev.type, "date": ev.date,
        "modality": _majority([m["modality"] for m in ev.mentions if m.get("modality")],
                              MODALITY_ORDER),
        "location": _majority(places, ()),
        "mode": _majority([m["mode"] for m in ev.mentions if m.get("mode")], ()),
        "location_entity_id": _majority([m["location_entity_id"] for m in ev.mentions
                                         if m.get("location_entity_id")], ()),
        "n_docs": len({m["doc_id"] for m in ev.mentions}), "n_mentions": len(ev.mentions),
    }


def participant_rows(ev: _Event, eid: str) -> list[dict]:
    """One row per entity, in its majority role; two, as source and target, for an entity
    a mention names on both sides: one generic actor acting on another of its kind ("the
    police department sacked the officer": Police (United States) on Police (United
    States))."""
    roles: dict[str, list[str]] = defaultdict(list)
    both: set[str] = set()
    for m in ev.mentions:
        mine: dict[str, set[str]] = defaultdict(set)
        for p in m["participants"]:
            if p.get("entity_id"):
                roles[p["entity_id"]].append(p["role"])
                mine[p["entity_id"]].add(p["role"])
        both |= {e for e, r in mine.items() if {"source", "target"} <= r}
    return [{"event_id": eid, "entity_id": e, "role": role} for e, r in sorted(roles.items())
            for role in (("source", "target") if e in both else (_majority(r, ROLE_ORDER),))]


def mention_rows(ev: _Event, eid: str) -> list[dict]:
    """One row per distinct mention (a sentence read twice counts once)."""
    seen, out = set(), []
    for m in ev.mentions:
        row = {"doc_id": m["doc_id"], "event_id": eid, "start": m["start"], "end": m["end"],
               "sentence": m["sentence"], "trigger": m["trigger"], "date_text": m.get("date_text")}
        key = tuple(row.values())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out
