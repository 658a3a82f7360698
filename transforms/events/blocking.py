"""Blocking keys of the cross-document event dedup: which events a mention is compared with.

Every event is listed under keys (type, who, date key); a mention looks up only the keys
that can hold an event it may join.

Who keys (:func:`listing_keys`, :func:`lookup_keys`) come from core participants. An event is
listed under each of its core entities, each pair of them, and, while its core is one entity,
that entity alone. A mention with one core entity looks up that entity: every event holding it
is a full match. A mention with two or more looks up its pairs and its entities alone: an
event it may join (participant overlap >= 1/2, see ``dedup.MIN_JACCARD``) either shares two
of its entities or is one of them alone, since one shared entity out of three or more is an
overlap of at most 1/3. Popular actors appear beside hundreds of partners; the pairs keep a
mention from being compared with all of them.

Date keys:

- ``("*",)``: every event, for a mention with no date and no report date (nothing bounds it).
- ``("=", date)``: events dated exactly ``date`` (``None`` for undated events).
- ``("<", prefix)``: events dated within ``prefix`` ("2022-06" lists June 2022 and its days).
- ``("u", month)``: undated events reported in ``month``; ``("u", None)``: undated events with
  a mention whose report date is unknown.

An undated mention whose report date is known ("the ministers met", in a page published on
June 14) may only join events that lie within ``REPORT_WINDOW`` of that report date: news tells
of the past weeks and the coming ones, and the same ministers' meeting three years earlier is
another event. This bounds the comparisons of the most common kind of mention, the undated
one, to a few months of events instead of all events of its actors.
"""

from __future__ import annotations

import datetime as dt
import functools

REPORT_WINDOW = dt.timedelta(days=31)
"""How far an undated mention's event may lie from the date of its report, either way. About
a month, the horizon of a news report's "recently" and "soon". Chosen by hand, not tuned;
check with bench/score_events.py on ECB+ before changing it."""

ANY_DATE = ("*",)
"""Key under which every event of a (type, entity) is listed."""

DateKey = tuple

KEY_CACHE = 1 << 14
"""Distinct (date, report date) pairs whose candidate keys are cached: a corpus repeats a few
thousand dates across all its mentions."""


def listing_keys(core: set[str]) -> list[tuple]:
    """Who keys an event with this core is listed under (see module)."""
    ids = sorted(core)
    out: list[tuple] = [("e", e) for e in ids]
    out += [("p", a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    if len(ids) == 1:
        out.append(("s", ids[0]))
    return out


def lookup_keys(ids: frozenset[str]) -> list[tuple]:
    """Who keys of the events a mention with these core entities may join (see module)."""
    if len(ids) == 1:
        return [("e", *ids)]
    ordered = sorted(ids)
    return [("p", a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]] + [
        ("s", e) for e in ordered]


def prefixes(date: str) -> list[str]:
    """"2022", "2022-06", "2022-06-13" for "2022-06-13"."""
    parts = date.split("-")
    return ["-".join(parts[:n]) for n in range(1, len(parts) + 1)]


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A report date given as a date or ISO text."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def span(date: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date at its precision ("2022-06" -> June 1 to 30)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def near(date: str, reported: dt.date) -> bool:
    """True when an event dated ``date`` lies within REPORT_WINDOW of ``reported``."""
    first, last = span(date)
    return first <= reported + REPORT_WINDOW and last >= reported - REPORT_WINDOW


def window_months(reported: dt.date) -> list[str]:
    """"YYYY-MM" of every month that meets the report window."""
    day, last = (reported - REPORT_WINDOW).replace(day=1), reported + REPORT_WINDOW
    months = []
    while day <= last:
        months.append(day.isoformat()[:7])
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def event_keys(date: str | None, report_months: set[str | None]) -> set[DateKey]:
    """Date keys of an event dated ``date`` whose mentions were reported in those months."""
    if date:
        return {ANY_DATE, ("=", date), *(("<", p) for p in prefixes(date))}
    return {ANY_DATE, ("=", None), *(("u", m) for m in report_months)}


@functools.lru_cache(maxsize=KEY_CACHE)
def candidate_keys(date: str | None, reported: dt.date | None,
                   unresolved: bool = False) -> tuple[DateKey, ...]:
    """Date keys of the events a mention may join.

    A dated mention: undated events, events dated ``date`` or finer within it, and events
    dated a coarser prefix of it. An undated mention with a report date: events dated in the
    months and years around the report, and undated events reported then. An undated mention
    without one: any event. A mention whose written date is unresolved: undated events only.
    """
    if date is not None:
        coarser = prefixes(date)[:-1]
        return (("=", None), ("<", date), *(("=", p) for p in coarser))
    if reported is None:
        return (("=", None),) if unresolved else (ANY_DATE,)
    months = window_months(reported)
    undated = (*(("u", m) for m in months), ("u", None))
    if unresolved:
        return undated
    years = sorted({m[:4] for m in months})
    return (*(("<", m) for m in months), *(("=", y) for y in years), *undated)


def components(cores: list[tuple[str, frozenset[str]]]) -> list[tuple[str, str]]:
    """The dedup block of each mention given as (type, core entities): its type and the
    smallest entity of its component, mentions of one type being joined when they share a
    core entity.

    Dedup's blocks are independent: a mention is only ever compared with events of its type
    whose core overlaps its own by at least ``dedup.MIN_JACCARD`` (> 0), so it never meets an
    event of another block, and the canonical order within a block is the corpus order
    restricted to it. Clustering each block alone therefore gives the very events (and ids)
    of clustering the whole corpus at once. Dates do not cut blocks: undated mentions chain
    events across months and years (see the date keys above), so a block holds all the time
    of its entities. Every core must be non-empty.
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    for etype, ids in cores:
        first = find((etype, min(ids)))
        for entity in ids:
            other = find((etype, entity))
            if other != first:  # the smaller node is the root: a function of the set
                first, other = min(first, other), max(first, other)
                parent[other] = first
    return [find((etype, min(ids))) for etype, ids in cores]
