"""Matplotlib charts of the report, each returned as inline SVG text.

Static SVG needs no script and no network to display, prints well and stays searchable (text
is kept as text). Figures are built with the object API (no pyplot state), so charts can be
drawn from any thread.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

import matplotlib
import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9,
                            "axes.spines.top": False, "axes.spines.right": False})

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
"""PLOVER's sixteen types, from cooperative to conflictual (the contract's order)."""

UNDATED = "undated"
"""Bucket of events with no date of their own and no dated document reporting them."""

WIDTH_IN = 9.0
"""Figure width in inches (about the page's reading width at 100 dpi)."""


LABEL_CHARS = 30
"""Longest entity name shown whole on an axis; longer ones are cut with an ellipsis."""


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]


def type_colors() -> dict[str, tuple]:
    """A colour per PLOVER type: blue for cooperation through red for conflict."""
    cmap = matplotlib.colormaps["coolwarm"]
    n = len(PLOVER_TYPES)
    return {t: cmap(i / (n - 1)) for i, t in enumerate(PLOVER_TYPES)}


def events_over_time(rows: list[tuple[str, str, int]]) -> str:
    """Stacked bars of events per period, coloured by PLOVER type.

    Args:
        rows: (period, type, events); period is 'YYYY', 'YYYY-MM' or :data:`UNDATED`.
    """
    periods = sorted({p for p, _, _ in rows if p != UNDATED})
    periods += [UNDATED] if any(p == UNDATED for p, _, _ in rows) else []
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for period, kind, n in rows:
        counts[kind][period] = n
    fig = Figure(figsize=(WIDTH_IN, 3.8))
    ax = fig.add_subplot()
    bottom = [0] * len(periods)
    colors = type_colors()
    kinds = [t for t in PLOVER_TYPES if t in counts] + sorted(set(counts) - set(PLOVER_TYPES))
    for kind in kinds:
        heights = [counts[kind].get(p, 0) for p in periods]
        ax.bar(periods, heights, bottom=bottom, label=kind, color=colors.get(kind, "gray"))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events")
    ax.tick_params(axis="x", labelrotation=45 if len(periods) > 8 else 0)
    ax.legend(ncols=2, fontsize=7, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    return _svg(fig)


def top_entities(rows: list[tuple[str, str, int, int]]) -> str:
    """Horizontal bars: documents mentioning each top entity, coloured by entity type.

    Args:
        rows: (name, type, n_docs, n_mentions), most prominent first.
    """
    types = sorted({t for _, t, _, _ in rows})
    palette = matplotlib.colormaps["tab10"]
    color = {t: palette(i % 10) for i, t in enumerate(types)}
    fig = Figure(figsize=(WIDTH_IN, 0.28 * len(rows) + 0.8))
    ax = fig.add_subplot()
    labels = [f"{_short(name, LABEL_CHARS)}  ({mentions} mentions)"
              for name, _, _, mentions in rows]
    ax.barh(labels[::-1], [d for _, _, d, _ in rows][::-1],
            color=[color[t] for _, t, _, _ in rows][::-1])
    ax.set_xlabel("documents")
    handles = [Patch(color=color[t], label=t) for t in types]
    ax.legend(handles=handles, frameon=False, fontsize=7, loc="lower right")
    return _svg(fig)


def cooccurrence(names: list[str], matrix: list[list[int]]) -> str:
    """Heat map of how often two entities appear in the same paragraph."""
    fig = Figure(figsize=(WIDTH_IN * 0.8, WIDTH_IN * 0.7))
    ax = fig.add_subplot()
    image = ax.imshow(matrix, cmap="Blues")
    labels = [_short(n, LABEL_CHARS) for n in names]
    ax.set_xticks(range(len(names)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(names)), labels)
    top = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value and i != j:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7,
                        color="white" if value > top / 2 else "black")
    fig.colorbar(image, ax=ax, shrink=0.7, label="paragraphs with both")
    return _svg(fig)


MIN_DATE_PAD = dt.timedelta(days=3)
"""Space left of the first and right of the last date, so a short story is not drawn in hours."""


@dataclass(frozen=True)
class Story:
    """A story cluster as drawn: a label and the publication dates of its documents."""

    label: str
    dates: list[dt.date | None]


def story_timeline(stories: list[Story]) -> str:
    """One row per story: a dot per dated document, a line from the first to the last.

    With no dated document at all, bars of documents per story instead.
    """
    fig = Figure(figsize=(WIDTH_IN, 0.35 * len(stories) + 1.0))
    ax = fig.add_subplot()
    labels = [_short(s.label, 60) for s in stories][::-1]
    if not any(d for s in stories for d in s.dates):
        ax.barh(labels, [len(s.dates) for s in stories][::-1], color="tab:blue")
        ax.set_xlabel("documents (none has a publication date)")
        return _svg(fig)
    first = min(d for s in stories for d in s.dates if d)
    for y, story in enumerate(stories[::-1]):
        dated = sorted(d for d in story.dates if d)
        if dated:
            ax.plot([dated[0], dated[-1]], [y, y], color="tab:blue", alpha=0.4, linewidth=3)
            ax.scatter(dated, [y] * len(dated), color="tab:blue", zorder=3, s=18)
        if len(dated) < len(story.dates):
            ax.annotate(f"{len(story.dates) - len(dated)} undated", (first, y), fontsize=7,
                        color="gray", xytext=(4, 4), textcoords="offset points")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("publication date of each document")
    last = max(d for s in stories for d in s.dates if d)
    pad = max(MIN_DATE_PAD, (last - first) / 20)
    ax.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return _svg(fig)


def removed_by_outlet(rows: list[tuple[str, str, int]]) -> str:
    """Stacked horizontal bars: lines the cleaner removed per outlet, by reason."""
    outlets = list(dict.fromkeys(o for o, _, _ in rows))
    reasons = sorted({r for _, r, _ in rows})
    counts = {(o, r): n for o, r, n in rows}
    palette = matplotlib.colormaps["tab10"]
    fig = Figure(figsize=(WIDTH_IN, 0.35 * len(outlets) + 1.0))
    ax = fig.add_subplot()
    left = [0] * len(outlets)
    for i, reason in enumerate(reasons):
        widths = [counts.get((o, reason), 0) for o in outlets][::-1]
        ax.barh(outlets[::-1], widths, left=left, label=reason, color=palette(i % 10))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlabel("lines removed")
    ax.legend(frameon=False, fontsize=7, bbox_to_anchor=(1.01, 1), loc="upper left")
    return _svg(fig)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
