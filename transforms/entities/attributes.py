"""Country, agent and map position of each warehouse entity, from its mentions' votes.

Every mention carries what its own words and document say (``doc_mentions.country``,
``agent``, ``geonames_id``, ``latitude``, ``longitude``; see :mod:`transforms.actors.coding`
and :mod:`transforms.places.geocoding`). An entity takes the value most of its mentions give,
ignoring mentions that say nothing; ties go to the alphabetically first value, so the result
is a function of the rows alone, whatever their order. A place takes the coordinates of its
most frequent gazetteer place (its GeoNames id; a region outside the US, which has none, by
its position), never an average of two places.

A country or city is an actor (agent GOV, "a state acting as itself") only where it takes part
in an event as source or target; a place that only locates keeps a null agent. A named person
who acts with nothing to say otherwise is a private individual (CVL), and so are the people a
nationality names ("Americans").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

SUSPECT_AGENT = "CRM"
"""The agent a suspect's role gives a person (transforms/actors/suspects.py)."""
PRIVATE_AGENTS = frozenset({SUSPECT_AGENT, "CVL", "LAB"})
"""Agents of a private person, which a post's agent (police, government, a party) outranks."""
STATE_AGENT = "GOV"
"""CAMEO agent of a state or capital acting as itself (event-labels.md: "a state as actor")."""

STATE_TYPES = frozenset({"GPE"})
"""Entity types that stand for a government when they act."""

PERSON_AGENT = "CVL"
"""CAMEO agent of a named person who acts and whom no title, office or organisation places
in a sector: a private individual, CAMEO's civilian (event-labels.md: "civilians, residents
... the public")."""

PEOPLE_TYPES = frozenset({"PERSON", "NORP"})
"""Entity types that, acting with no sector named, are private people: a person, or a
nationality standing for its people ("Americans protested")."""
ACTING_ROLES = frozenset({"source", "target"})
"""Roles in which an entity acts or is acted on (``other`` only accompanies)."""

MentionVote = tuple[str, str | None, str | None, int | None, float | None, float | None]
"""(entity_id, country, agent, geonames_id, latitude, longitude) of one mention."""


@dataclass
class _Votes:
    country: Counter = field(default_factory=Counter)
    agent: Counter = field(default_factory=Counter)
    place: Counter = field(default_factory=Counter)  # (no id, id, lat, lon) -> mentions


def _top(votes: Counter):
    return min(votes, key=lambda v: (-votes[v], v)) if votes else None


def _agent(votes: Counter) -> str | None:
    """The entity's agent by majority, except that a suspect (CRM, from what was done to or
    by the person) who also holds a post keeps the post's agent: an officer charged with
    murder is still police, as ICEWS names her."""
    top = _top(votes)
    posts = Counter({a: n for a, n in votes.items() if a not in PRIVATE_AGENTS})
    return _top(posts) if top == SUSPECT_AGENT and posts else top


def entity_attributes(votes: Iterable[MentionVote]) -> dict[str, dict]:
    """entity_id -> {country, agent, geonames_id, latitude, longitude} by majority."""
    by_entity: dict[str, _Votes] = defaultdict(_Votes)
    for entity_id, country, agent, geonames_id, lat, lon in votes:
        v = by_entity[entity_id]
        if country:
            v.country[country] += 1
        if agent:
            v.agent[agent] += 1
        if geonames_id is not None or lat is not None:
            place = (geonames_id is None, geonames_id or 0, lat, lon)
            v.place[place] += 1
    out = {}
    for entity_id, v in by_entity.items():
        _, geonames_id, lat, lon = _top(v.place) or (True, None, None, None)
        out[entity_id] = {"country": _top(v.country), "agent": _agent(v.agent),
                          "geonames_id": geonames_id or None, "latitude": lat,
                          "longitude": lon}
    return out


def acting_entities(participants: Iterable[dict]) -> set[str]:
    """Entities that are the source or target of some event (event_participants rows)."""
    return {p["entity_id"] for p in participants if p["role"] in ACTING_ROLES}


NO_ATTRIBUTES = {"country": None, "agent": None, "geonames_id": None, "latitude": None,
                 "longitude": None}
"""What an entity with no mention votes gets."""


def with_attributes(entities: list[dict], attributes: dict[str, dict],
                    acting: set[str]) -> list[dict]:
    """Entity rows with their attributes; a state that acts gets agent GOV."""
    out = []
    for ent in entities:
        row = {**ent, **attributes.get(ent["entity_id"], NO_ATTRIBUTES)}
        if ent["type"] in STATE_TYPES:
            row["agent"] = STATE_AGENT if ent["entity_id"] in acting else None
        elif ent["type"] in PEOPLE_TYPES and row["agent"] is None \
                and ent["entity_id"] in acting:
            row["agent"] = PERSON_AGENT
        out.append(row)
    return out


# ---------------------------------------------------------------- the story's country

STORY_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
"""Mentions whose country tells where a story is: places and nationalities."""
STORY_ACTOR_TYPES = frozenset({"PERSON", "ORG"})
"""Entity types that take their stories' country when none of their mentions gives one."""
COUNTRY_SHARE = 1 / 3
"""Share of a document's or a story's country-bearing mentions (countries, nationalities,
places) that one country must exceed, and name more often than any other, to be its country:
the country a text is about, not one of two sides it names equally nor one of a round-up's
many. Was one half (a strict majority), which left a British story that names the British
Virgin Islands once with no country at all; chosen by reasoning, events-dev actor country
accuracy 0.791 -> 0.806 confirmed it (any share from 0 to 0.34 scores the same)."""


def dominant_country(votes: Counter) -> str | None:
    """The country of ``votes`` (country -> mentions) that more than :data:`COUNTRY_SHARE`
    of them give and that no other country equals, or None."""
    country = _top(votes)
    if not country or votes[country] <= COUNTRY_SHARE * sum(votes.values()):
        return None
    return country if sorted(votes.values())[-2:-1] != [votes[country]] else None


VICTIM_TYPES = frozenset({"ASSAULT"})
"""Event types whose targets are victims."""
VICTIM_FROM = frozenset({None, "LAB"})
"""Agents a victim's role overrides: none known, or a private person's trade (workers shot at
their workplace); police, troops or officials attacked stay what they are."""
VICTIM_AGENT = "CVL"
"""CAMEO agent of a victim (event-labels' CVL row: civilians, victims)."""


@dataclass(frozen=True)
class EventsSeen:
    """What ``StoryEvidence.in_events`` needs of each event: the documents that report it
    and its type."""

    docs: dict[str, set[str]]
    types: dict[str, str]


class StoryEvidence:
    """What the mentions of a corpus tell of its stories' countries, gathered mention by
    mention as the load stage writes them, in memory that follows the documents and the
    silent actors, not every mention: each document's place and nationality countries, its
    people's and organisations' countries, and the documents of each person or organisation
    mention that names no country."""

    def __init__(self) -> None:
        self.doc_places: dict[str, Counter] = defaultdict(Counter)
        self.doc_actors: dict[str, Counter] = defaultdict(Counter)
        self.silent_docs: dict[str, set[str]] = defaultdict(set)

    def add(self, doc_id: str, entity_id: str, label: str, country: str | None) -> None:
        """Take one mention into account."""
        if country and label in STORY_PLACE_LABELS:
            self.doc_places[doc_id][country] += 1
        elif country and label in STORY_ACTOR_TYPES:
            self.doc_actors[doc_id][country] += 1
        elif not country and label in STORY_ACTOR_TYPES:
            self.silent_docs[entity_id].add(doc_id)

    def story_countries(self, story_of: dict[str, str]) -> dict[str, str]:
        """story id -> the :func:`dominant_country` of its documents' votes
        (:meth:`_doc_votes`; stories with none are left out)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for doc_id in self.doc_places.keys() | self.doc_actors.keys():
            if doc_id in story_of:
                votes[story_of[doc_id]].update(self._doc_votes(doc_id))
        found = {story: dominant_country(counts) for story, counts in votes.items()}
        return {story: country for story, country in found.items() if country}

    def _doc_votes(self, doc_id: str) -> Counter:
        """A document's country votes: its places and nationalities; where it names none,
        the countries its people and organisations carry ("Putin", "the New York Yankees").
        Not both: in a document with places an actor that names no country of its own
        carries the document's (``coding._with_home``), and would vote it twice."""
        return self.doc_places.get(doc_id) or self.doc_actors.get(doc_id) or Counter()

    def doc_countries(self, story_of: dict[str, str]) -> dict[str, str]:
        """doc id -> the country of its story (:meth:`story_countries`), for the documents
        whose story has one: what :meth:`fill` and :meth:`in_events` read, computed once."""
        countries = self.story_countries(story_of)
        return {doc: countries[story] for doc, story in story_of.items() if story in countries}

    def fill(self, attributes: dict[str, dict], types: dict[str, str],
             doc_country: dict[str, str], generic: Iterable[str] = ()) -> dict[str, dict]:
        """``attributes`` where a person or organisation that no mention places (and that is
        no international body) takes the country of the stories it is mentioned in, by
        majority: the issue's "the story's other mentions when the sentence is silent".
        ``doc_country`` is :meth:`doc_countries`. Not a ``generic`` actor named with no
        country ("Police", "Citizen"): it gathers the unplaced police of every story, and its
        country is given event by event (:meth:`in_events`)."""
        filled, generic = {}, set(generic)
        for entity_id, docs in self.silent_docs.items():
            row = attributes.get(entity_id)
            if entity_id not in generic and self._placed_by_story(row, types.get(entity_id)):
                country = _story_country(docs, doc_country)
                if country:
                    filled[entity_id] = {**row, "country": country}
        return {**attributes, **filled}

    @staticmethod
    def _placed_by_story(row: dict | None, entity_type: str | None) -> bool:
        """Whether an entity takes its country from its stories: a person or organisation
        that no mention places and that is no international body."""
        return row is not None and row["country"] is None and row["agent"] != "IGO" \
            and entity_type in STORY_ACTOR_TYPES

    def in_events(self, participants: Iterable[dict], own: dict[str, dict],
                  entities: dict[str, dict], events: EventsSeen,
                  doc_country: dict[str, str]) -> list[dict]:
        """event_participants rows with the actor's country and agent in that event.

        An entity a mention places keeps its own country (``entities``); one that no mention
        places (by ``own``, the mentions' votes alone) takes the country of the stories of
        the documents that report the event, not of all its stories: one "Police" (no country
        named) acts in a Spanish story and in an American one, as the Spanish and the
        American police. The victims of an attack who are no one's force are civilians
        (:data:`VICTIM_AGENT`) in that event, as ACLED counts them: the "workers" shot in a
        workplace rampage, not labour acting as labour. ``doc_country`` is
        :meth:`doc_countries`.
        """
        out = []
        for p in participants:
            entity = entities.get(p["entity_id"], {})
            country, agent = entity.get("country"), entity.get("agent")
            if self._placed_by_story(own.get(p["entity_id"]), entity.get("type")):
                country = _story_country(events.docs.get(p["event_id"], ()), doc_country)
            if p["role"] == "target" and agent in VICTIM_FROM \
                    and events.types.get(p["event_id"]) in VICTIM_TYPES:
                agent = VICTIM_AGENT
            out.append({**p, "country": country, "agent": agent})
        return out


def _story_country(docs: Iterable[str], doc_country: dict[str, str]) -> str | None:
    """The country most of ``docs``' stories have (None when none has one)."""
    return _top(Counter(doc_country[d] for d in docs if d in doc_country))
