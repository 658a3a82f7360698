"""Table macros in news.duckdb for the questions analysts ask first.

Each macro is built on the contract views, so it reads the same snapshot as they do, and each
carries a ``COMMENT`` (``SELECT function_name, comment FROM duckdb_functions() WHERE
function_type = 'table_macro'``). An entity can be named by its canonical name, any alias
(case-insensitive) or its ``entity_id``::

    SELECT * FROM entity_mentions('Seoul');
    SELECT * FROM events_between('South Korea', 'Japan');
    SELECT * FROM entity_timeline('Yoon Suk-yeol');
    SELECT * FROM events_by_actor('ISR', 'COP');     -- events of the Israeli police

``find_actor`` widens ``find_entity`` to a country's actors: "Israel" also finds
``Police (Israel)`` and an Israeli minister (entities with an agent whose country is Israel's).
Events read the actor's country in each event (``event_participants.country``, which places a
"Police" of no named country by the story reporting the event): ``actor_participants`` does,
so ``events_between('Israel', 'Hamas')`` includes what the Israeli police did.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

CONTEXT_CHARS = 80
"""Characters of body text shown on each side of a mention by ``entity_mentions``."""


@dataclass(frozen=True)
class Macro:
    """A table macro: its signature, body and the comment that explains it."""

    name: str
    params: tuple[str, ...]
    body: str
    doc: str

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)})"


MACROS: tuple[Macro, ...] = (
    Macro("find_entity", ("who",), """
        SELECT * FROM entities
        WHERE entity_id = who OR lower(name) = lower(who)
           OR list_contains(list_transform(aliases, lambda a: lower(a)), lower(who))""",
          "Entities named `who`: by entity_id, canonical name or any alias (case-insensitive)."),
    Macro("find_actor", ("who",), """
        SELECT * FROM find_entity(who)
        UNION
        SELECT a.* FROM entities a
        WHERE a.agent IS NOT NULL
          AND (a.country = upper(who)
               OR a.country IN (SELECT c.country FROM find_entity(who) c
                                WHERE c.type = 'GPE' AND c.country IS NOT NULL))""",
          "Entities named `who` (as find_entity), and when `who` is a country (a name, alias or "
          "ISO3 code), every actor of that country: its government, police, ministers ..."),
    Macro("actor_participants", ("who",), """
        SELECT p.* FROM event_participants p
        WHERE p.entity_id IN (SELECT entity_id FROM find_entity(who))
           OR (p.agent IS NOT NULL
               AND (p.country = upper(who)
                    OR p.country IN (SELECT c.country FROM find_entity(who) c
                                     WHERE c.type = 'GPE' AND c.country IS NOT NULL)))""",
          "The event_participants rows of `who` (as find_entity), and when `who` is a country, "
          "of every actor acting for it in that event (event_participants.country): a "
          "'Police' whose words name no country counts in the events its story places there."),
    Macro("entity_mentions", ("who",), f"""
        SELECT d.doc_id, d.title, d.outlet, d.published, e.name AS entity, m.text AS mention,
               m.start, m."end",
               substr(d.body, greatest(m.start - {CONTEXT_CHARS}, 0) + 1,
                      least(m.start, {CONTEXT_CHARS}) + (m."end" - m.start) + {CONTEXT_CHARS})
                   AS context
        FROM find_entity(who) e JOIN mentions m USING (entity_id) JOIN documents d USING (doc_id)
        ORDER BY d.published NULLS LAST, d.doc_id, m.start""",
          "Every mention of the entity `who` (any alias), with its document and the text "
          f"around it ({CONTEXT_CHARS} characters each side)."),
    Macro("events_between", ("who_a", "who_b"), """
        SELECT ev.event_id, ev.type, ev.date, ev.modality, ev.location,
               ea.name AS actor_a, pa.role AS role_a, eb.name AS actor_b, pb.role AS role_b,
               ev.n_docs, ev.n_mentions,
               (SELECT first(em.sentence ORDER BY em.doc_id, em.start) FROM event_mentions em
                WHERE em.event_id = ev.event_id) AS example
        FROM events ev
        JOIN actor_participants(who_a) pa ON pa.event_id = ev.event_id
        JOIN entities ea ON ea.entity_id = pa.entity_id
        JOIN actor_participants(who_b) pb ON pb.event_id = ev.event_id
        JOIN entities eb ON eb.entity_id = pb.entity_id
        WHERE pa.entity_id <> pb.entity_id
        ORDER BY ev.date NULLS LAST, ev.type, ev.event_id""",
          "Events in which both `who_a` and `who_b` take part, in any roles (source = actor, "
          "target = acted on), with one sentence that reports each; a country stands for all "
          "its actors in that event (see actor_participants)."),
    Macro("events_by_actor", ("actor_country", "actor_agent"), """
        SELECT ev.event_id, ev.type, ev.mode, ev.date, ev.modality, p.role,
               a.name AS actor, p.country AS actor_country, p.agent AS actor_agent,
               ev.location, ev.location_country, ev.latitude, ev.longitude, ev.n_docs
        FROM events ev JOIN event_participants p USING (event_id)
        JOIN entities a USING (entity_id)
        WHERE (actor_country IS NULL OR p.country = upper(actor_country))
          AND (actor_agent IS NULL OR p.agent = upper(actor_agent))
        ORDER BY ev.date NULLS LAST, ev.type, ev.event_id, p.role""",
          "Events with a participant of country `actor_country` (ISO3) and CAMEO agent "
          "`actor_agent` (GOV, MIL, COP, ...); NULL for either means any. E.g. "
          "events_by_actor('ISR', 'COP') WHERE type = 'ASSAULT' AND role = 'source'."),
    Macro("entity_timeline", ("who",), """
        SELECT * FROM (
          SELECT coalesce(ev.date, strftime(min(d.published), '%Y-%m-%d')) AS date,
                 CASE WHEN ev.date IS NOT NULL THEN 'event'
                      WHEN min(d.published) IS NOT NULL THEN 'published' END AS dated_by,
                 'event' AS kind, ev.type AS what, p.role,
                 first(em.sentence ORDER BY d.published NULLS LAST, em.doc_id, em.start)
                     AS detail,
                 ev.event_id AS ref
          FROM find_entity(who) e JOIN event_participants p USING (entity_id)
          JOIN events ev USING (event_id)
          LEFT JOIN event_mentions em USING (event_id) LEFT JOIN documents d USING (doc_id)
          GROUP BY ev.date, ev.type, p.role, ev.event_id
          UNION ALL
          SELECT strftime(d.published, '%Y-%m-%d'),
                 CASE WHEN d.published IS NOT NULL THEN 'published' END,
                 'quote', 'QUOTE', 'speaker', q.text, q.doc_id
          FROM find_entity(who) e JOIN quotes q ON q.speaker_entity_id = e.entity_id
          JOIN documents d USING (doc_id))
        ORDER BY date NULLS LAST, kind, what, ref""",
          "What the entity `who` did, had done to it or said, in date order: its events (dated "
          "by the event, else by the earliest document reporting it) and its quotes (dated by "
          "the document); undated rows last."),
)
"""The macros of news.duckdb, in creation order (a macro may use those before it)."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every macro, with its comment, in the database of ``con``."""
    for macro in MACROS:
        con.execute(f"CREATE MACRO {macro.signature} AS TABLE {macro.body}")
        con.execute(f"COMMENT ON MACRO TABLE {macro.name} IS {_literal(macro.doc)}")
