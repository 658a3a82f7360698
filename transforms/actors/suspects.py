"""Suspects: private persons whom an event charges, arrests or convicts, or who attack.

Event-labels' CRM row reads "criminals, gangs, gunmen, pirates, suspects": a person's sector
can follow from what the text says was done to them or by them, not only from their words.
Two pieces, both after ``plover_events``:

- the ``newsetl_suspects`` component renames a singular generic actor in a suspect's role
  ("a woman charged with murder") to the generic name of its new agent, ``Criminal (United
  States)``, so that it becomes an entity apart from the other women of the document and of
  the corpus (ICEWS names one generic actor per agent and country);
- :func:`with_suspects` gives agent CRM to every mention of a named person in a suspect's
  role ("police arrested Tomasz Wilk").

Police, troops or a crowd in the same roles keep their own agent (:data:`SUSPECT_FROM`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms.actors import agents
from transforms.actors.coding import CODES_KEY, MentionCode
from transforms.actors.countries import country_name

SUSPECT_ROLES = frozenset({("ACCUSE", "allege", "target"), ("ACCUSE", "investigate", "target"),
                           ("COERCE", "arrest", "target"), ("SANCTION", "convict", "target"),
                           ("THREATEN", "arrest", "target"), ("ASSAULT", None, "source")})
"""(type, mode, role) of an event participant that makes a private person a suspect (CRM):
charged, investigated, arrested, convicted or wanted, or the one who attacks (mode None: any
ASSAULT)."""
SUSPECT_FROM = frozenset({None, "CVL", "LAB"})
"""Agents a suspect's role overrides: none known, or a private person's (a civilian, a
worker); a state or group agent (police, troops, protesters as a crowd) stays."""
SUSPECT_AGENT = "CRM"
"""CAMEO agent of a suspect."""
SINGULAR_TAGS = frozenset({"NN", "NNP"})
"""A generic actor turns suspect only in the singular ("a woman", not "protesters")."""


def is_suspect_role(etype: str, mode: str | None, role: str) -> bool:
    """Whether a participant of an event of ``etype``/``mode`` in ``role`` is a suspect."""
    return (etype, mode, role) in SUSPECT_ROLES or (etype, None, role) in SUSPECT_ROLES


def suspect_spans(events: Iterable) -> set[tuple[int, int]]:
    """Token ranges of the participants that events (``doc._.events``) make suspects."""
    return {(p.start, p.end) for ev in events for p in ev.participants
            if is_suspect_role(ev.type, ev.mode, p.role)}


@Language.factory("newsetl_suspects", requires=["doc._.events", "doc.ents"],
                  assigns=["doc.ents"])
def make_suspects(nlp: Language, name: str) -> Suspects:
    return Suspects()


class Suspects:
    """Rename the singular generic actors in a suspect's role to ``Criminal (Country)``."""

    def __call__(self, doc: Doc) -> Doc:
        context = doc.user_data.get(CODES_KEY)
        spans = suspect_spans(doc._.events or []) if context is not None else set()
        if not spans:
            return doc
        ents = [self._renamed(ent, context.generic) if (ent.start, ent.end) in spans else ent
                for ent in doc.ents]
        doc.ents = ents
        return doc

    @staticmethod
    def _renamed(ent: Span, generic: dict) -> Span:
        key = (ent.start_char, ent.end_char)
        country, agent = generic.get(key, (None, "-"))
        if ent.label_ != "PERSON" or ent.root.tag_ not in SINGULAR_TAGS \
                or agent not in SUSPECT_FROM:
            return ent
        generic[key] = (country, SUSPECT_AGENT)
        name = agents.generic_name(agents.sector_name(SUSPECT_AGENT),
                                   country_name(country) if country else None)
        return Span(ent.doc, ent.start, ent.end, label=ent.label, span_id=name)


def with_suspects(found: list[tuple[Span, int]], codes: list[MentionCode],
                  suspect_clusters: set[int]) -> list[MentionCode]:
    """``codes`` with agent CRM for every mention of a named person of ``suspect_clusters``
    (the document-local entities in a suspect's role) whose agent is one of
    :data:`SUSPECT_FROM`."""
    out = []
    for (ent, cluster), code in zip(found, codes, strict=True):
        if cluster in suspect_clusters and ent.label_ == "PERSON" and not code.generic \
                and code.agent in SUSPECT_FROM:
            code = dataclasses.replace(code, agent=SUSPECT_AGENT)
        out.append(code)
    return out
