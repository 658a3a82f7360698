"""``newsetl report``: one static HTML page an analyst would rather look at than read.

Charts (inline SVG from :mod:`newsetl.charts`): events over time by PLOVER type, the top
entities and who appears with whom, stories with their documents and dates, and what the
cleaner removed per outlet. The page holds everything it shows: no script, no network.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from newsetl import charts
from newsetl.sql import open_warehouse

TOP_ENTITIES = 20
"""Entities in the top-entities chart."""

COOCCURRENCE_ENTITIES = 15
"""Entities in the co-occurrence heat map (more makes the cells unreadable)."""

CHART_STORIES = 30
"""Stories drawn on the timeline (largest first); the table below it lists more."""

LISTED_DOCUMENTS = 300
"""Documents listed under their stories; the rest are counted."""

CHART_OUTLETS = 20
"""Outlets in the removed-lines chart (those with most removed lines)."""

EVENTS_BY_PERIOD = f"""
WITH first_report AS (
  SELECT em.event_id, min(d.published) AS published
  FROM event_mentions em JOIN documents d USING (doc_id) GROUP BY em.event_id)
SELECT coalesce(left(ev.date, 7), strftime(f.published, '%Y-%m'), '{charts.UNDATED}'),
       ev.type, count(*)
FROM events ev LEFT JOIN first_report f USING (event_id) GROUP BY ALL"""

TOP_ENTITY_ROWS = """
SELECT name, type, n_docs, n_mentions FROM entities
ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ?"""

PARAGRAPH_PAIRS = """
WITH top AS (SELECT entity_id FROM entities
             ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ?),
     m AS (SELECT DISTINCT m.entity_id, m.doc_id,
                  len(string_split(substr(d.body, 1, m.start), chr(10) || chr(10))) AS para
           FROM mentions m JOIN top USING (entity_id) JOIN documents d USING (doc_id))
SELECT a.entity_id, b.entity_id, count(*) FROM m a JOIN m b USING (doc_id, para) GROUP BY ALL"""

STORY_DOCUMENTS = """
SELECT coalesce(story_id, doc_id), story_id, title, outlet, published, source_path
FROM documents ORDER BY 1, published NULLS LAST, source_path"""

REMOVED_BY_OUTLET = """
WITH counts AS (
  SELECT coalesce(d.outlet, '(outlet unknown)') AS outlet, r.reason, count(*) AS n
  FROM removed_lines r JOIN documents d USING (doc_id) GROUP BY ALL)
SELECT outlet, reason, n FROM counts
ORDER BY sum(n) OVER (PARTITION BY outlet) DESC, outlet, reason"""

EVENTS_BY_COUNTRY = """
WITH actors AS (
  SELECT event_id, country, agent FROM event_participants WHERE role = 'source')
SELECT coalesce(ev.location_country, '—') AS place, coalesce(s.country, '—') AS actor_country,
       coalesce(s.agent, '—') AS actor_agent, ev.type, count(DISTINCT ev.event_id) AS n
FROM events ev LEFT JOIN actors s USING (event_id)
GROUP BY ALL ORDER BY n DESC, place, actor_country, actor_agent, ev.type LIMIT ?"""

COUNTRY_ROWS = 40
"""Rows of the events-by-country table (the most frequent combinations)."""

TOTALS = """
SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
       (SELECT count(*) FROM events), (SELECT count(*) FROM quotes),
       (SELECT count(*) FROM rejects), (SELECT max(run_id) FROM runs)"""


def _cooccurrence(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[list[int]]]:
    """Names of the top entities and, per pair, the paragraphs that mention both."""
    top = con.execute(TOP_ENTITY_ROWS.replace("name, type", "entity_id, name, type"),
                      [COOCCURRENCE_ENTITIES]).fetchall()
    index = {row[0]: i for i, row in enumerate(top)}
    matrix = [[0] * len(top) for _ in top]
    for a, b, n in con.execute(PARAGRAPH_PAIRS, [COOCCURRENCE_ENTITIES]).fetchall():
        if a != b:
            matrix[index[a]][index[b]] = n
    return [row[1] for row in top], matrix


def _stories(con: duckdb.DuckDBPyConnection) -> list[tuple[str, list[tuple]]]:
    """(story, its documents) pairs, largest story first, then earliest.

    A document outside any story cluster (null story_id) is a story of its own.
    """
    groups: dict[str, list[tuple]] = defaultdict(list)
    for story, *doc in con.execute(STORY_DOCUMENTS).fetchall():
        groups[story].append(tuple(doc))
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), _first_date(kv[1]), kv[0]))


def _first_date(docs: list[tuple]) -> dt.date:
    return min((d[3] for d in docs if d[3]), default=dt.date.max)


def _story_label(docs: list[tuple]) -> str:
    titles = Counter(d[1] for d in docs if d[1])
    head = titles.most_common(1)[0][0] if titles else Path(docs[0][4]).name
    return f"[{len(docs)} docs] {head}" if len(docs) > 1 else head


def _figure(title: str, svg: str | None, caption: str) -> str:
    body = svg or '<p class="empty">Nothing to draw yet.</p>'
    anchor = title.split(",")[0].lower().replace(" ", "-")
    return (f'<section class="chart" id="{anchor}"><h2>{html.escape(title)}</h2><figure>{body}'
            f"<figcaption>{html.escape(caption)}</figcaption></figure></section>")


def _story_table(stories: list[tuple[str, list[tuple]]]) -> str:
    rows, listed = [], 0
    for _, docs in stories:
        for story_id, title, outlet, published, path in docs:
            if listed == LISTED_DOCUMENTS:
                break
            listed += 1
            cells = (story_id or "—", title or Path(path).name, outlet or "",
                     published or "undated")
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                        + "</tr>")
    total = sum(len(d) for _, d in stories)
    more = f"<p>… and {total - listed} more documents.</p>" if total > listed else ""
    return ('<table class="docs"><thead><tr><th>story</th><th>document</th><th>outlet</th>'
            f"<th>published</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}")


def _table_section(title: str, caption: str, table: str) -> str:
    anchor = title.lower().replace(" ", "-")
    return (f'<section class="chart" id="{anchor}"><h2>{html.escape(title)}</h2>'
            f"<p>{html.escape(caption)}</p>{table}</section>")


def _country_table(rows: list[tuple]) -> str:
    if not rows:
        return '<p class="empty">No events yet.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("where (country)", "actor country", "actor agent",
                                              "type", "events"))
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f'<table class="docs"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _charts(con: duckdb.DuckDBPyConnection) -> list[str]:
    events = con.execute(EVENTS_BY_PERIOD).fetchall()
    entities = con.execute(TOP_ENTITY_ROWS, [TOP_ENTITIES]).fetchall()
    names, matrix = _cooccurrence(con)
    stories = _stories(con)
    removed = con.execute(REMOVED_BY_OUTLET).fetchall()
    outlets = list(dict.fromkeys(o for o, _, _ in removed))[:CHART_OUTLETS]
    removed = [r for r in removed if r[0] in outlets]
    timeline = [charts.Story(_story_label(docs), [d[3] for d in docs])
                for _, docs in stories[:CHART_STORIES]]
    return [
        _figure("Events over time, by PLOVER type", events and charts.events_over_time(events),
                "Events per month (or year, when only the year is known), dated by the event, "
                "else by the earliest document that reports it. Blue: cooperation; red: "
                "conflict."),
        _table_section("Events by country",
                       "Where events happened (ISO 3166-1 alpha-3 of their place), and the "
                       "country and CAMEO agent of their source actor (— unknown), most "
                       "frequent first.",
                       _country_table(con.execute(EVENTS_BY_COUNTRY, [COUNTRY_ROWS]).fetchall())),
        _figure("Top entities", entities and charts.top_entities(entities),
                f"The {TOP_ENTITIES} entities in most documents, coloured by type."),
        _figure("Who appears with whom", names and charts.cooccurrence(names, matrix),
                f"Paragraphs mentioning both entities, for the {len(names)} entities in most "
                "documents."),
        _figure("Stories", stories and charts.story_timeline(timeline),
                "Documents about the same happening, on their publication dates; the table "
                "lists every document.") + _story_table(stories),
        _figure("What the cleaner removed, per outlet", removed
                and charts.removed_by_outlet(removed),
                "Lines dropped as page furniture, by reason (see the README's reason table)."),
    ]


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1000px; margin: 2em auto; color: #222;
       padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
.totals span { display: inline-block; margin-right: 2em; } .totals b { font-size: 1.4em; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
figcaption, .meta { color: #666; font-size: 0.9em; }
table.docs { border-collapse: collapse; font-size: 0.85em; margin-top: 1em; }
table.docs td, table.docs th { border-bottom: 1px solid #ddd; padding: 2px 8px;
                               text-align: left; }
"""


def render(warehouse: Path) -> str:
    """The report of ``warehouse`` as one HTML page."""
    with open_warehouse(warehouse) as con:
        docs, entities, events, quotes, rejects, run_id = con.execute(TOTALS).fetchone()
        sections = _charts(con)
    totals = "".join(f"<span><b>{n:,}</b> {what}</span>" for n, what in (
        (docs, "documents"), (entities, "entities"), (events, "events"), (quotes, "quotes"),
        (rejects, "rejected files")))
    meta = (f"Warehouse {html.escape(str(warehouse))}, run {html.escape(str(run_id))}; "
            f"generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by newsetl report.")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>newsetl report</title><style>{STYLE}</style></head><body>"
            f'<h1>newsetl report</h1><p class="meta">{meta}</p><p class="totals">{totals}</p>'
            f"{''.join(sections)}</body></html>\n")


def write(warehouse: Path, out_dir: Path) -> Path:
    """Write the report of ``warehouse`` to ``out_dir``/index.html; returns its path."""
    page = render(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
