"""The actor coder: country, agent and map position of every entity mention of a Doc.

Two pieces, both run in the spaCy worker:

- the ``newsetl_actor_entities`` component turns the generic actors that
  ``newsetl_generic_actors`` found ("Israeli police", "protesters", "the ministry") into
  entities of their own, so that events, quotes and resolution treat them like named ones.
  Each gets the label ``ORG`` (institutions: government, police, courts, companies ...) or
  ``PERSON`` (people and groups of people: protesters, a gunman, students, residents), the
  OntoNotes types nearest to what they are, and as its name (span id) the ICEWS name of its
  (agent, country): ``Police (Israel)``, ``Gunman``. Mentions of one name are one
  document-local entity.
- :func:`code_mentions` gives each mention what its own words say (a nationality or
  country modifier, a title, an organisation's head word: :mod:`transforms.actors.named`),
  its place in the gazetteer (GPE, LOC, FAC: :mod:`transforms.places.gazetteer`, the
  document's place names resolved together), and, for an actor whose sentence names no
  country, the document's own country when one dominates its places and nationalities
  (the "story's other mentions"). Nothing is guessed from the outlet.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from transforms.actors import agents, countries, generic, named, references
from transforms.entities.attributes import dominant_country
from transforms.places import gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Entity types the gazetteer is asked about (the contract's place types)."""

NATIONALITY_LABELS = frozenset({"GPE", "NORP"})
"""Entity types whose own words name a country ("Japan", "Israeli")."""

MODIFIER_LABELS = frozenset({"NORP", "GPE"})
"""Entities that, inside a generic actor's phrase, only say whose it is."""

COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "ORDINAL", "DATE"})
"""Entities that, inside a generic actor's phrase, only count or age it ("three journalists",
"a 60-year-old woman"): the phrase is the actor."""

ACTOR_LABELS = frozenset({"PERSON", "ORG"})
"""Entity types that take the document's country when their sentence gives none."""

PEOPLE_AGENTS = frozenset({"CVL", "CRM", "REF", "LAB", "EDU", "HLH", "MED", "REL", "REB",
                           "OPP"})
"""Agents whose generic actors are people ("protesters", "a gunman", "students"): typed
PERSON; the other agents' generic actors are institutions, typed ORG. A choice of ours:
OntoNotes has no type for groups of people by role."""

COUNTRY_CACHE_SIZE = 65536
"""Distinct words remembered by :func:`country_of_place` (a corpus names a few thousand)."""

CODES_KEY = "newsetl_actor_context"
"""``doc.user_data`` key of what :class:`ActorEntities` learnt of the document."""


@dataclass(frozen=True)
class MentionCode:
    """What one mention says of its entity (the doc_mentions columns of the same names)."""

    generic: bool = False
    country: str | None = None
    agent: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def placed(self) -> bool:
        """Whether the gazetteer knows the place (a region outside the US has no GeoNames
        id, only coordinates)."""
        return self.geonames_id is not None or self.latitude is not None


@lru_cache(maxsize=COUNTRY_CACHE_SIZE)
def country_of_place(text: str) -> str | None:
    """The country a place or nationality word names: a country or demonym, else the
    gazetteer's best place of that name alone ("Tokyo" -> JPN). For the phrases of one
    actor ("Tokyo police"); the document's place names are resolved together elsewhere."""
    found = countries.country_of_word(text)
    if found or not text[:1].isupper():
        return found
    place = gazetteer.resolve([text]).get(text)
    return place.country if place else gazetteer.sole_country(text)


@registry.misc("newsetl.country_of_place.v1")
def make_country_of_place() -> Callable[[str], str | None]:
    """``country_of_place`` for ``newsetl_generic_actors``: names, demonyms and gazetteer."""
    return country_of_place


@Language.factory("newsetl_actor_entities")
def make_actor_entities(nlp: Language, name: str) -> ActorEntities:
    return ActorEntities()


class ActorEntities:
    """Add the Doc's generic actors to ``doc.ents`` (where no named entity is), named for
    their agent and their country; when their words name none, the country of the same
    agent's last generic actor that named one ("Israeli troops ... the troops"), else the
    document's."""

    def __call__(self, doc: Doc) -> Doc:
        context = _context(doc, [(ent, 0) for ent in doc.ents])
        kept = _without_modifiers(doc)
        taken = {i for ent in kept for i in range(ent.start, ent.end)}
        codes, added, last = {}, [], {}
        for span in doc.spans.get(generic.SPANS_KEY, []):
            if taken.intersection(range(span.start, span.end)):
                continue
            country, agent = generic.span_attributes(span)
            if country:
                last[agent] = country
            country = country or last.get(agent) or (context.home if agent != "IGO" else None)
            name = agents.generic_name(generic.generic_noun(span), _country_name(country))
            label = "PERSON" if agent in PEOPLE_AGENTS else "ORG"
            added.append(Span(doc, span.start, span.end, label=label, span_id=name))
            codes[(span.start_char, span.end_char)] = (country, agent)
            taken.update(range(span.start, span.end))
        if added:
            doc.ents = sorted([*(e for e in doc.ents if not _inside(e, added)), *added],
                              key=lambda s: s.start)
        doc.user_data[CODES_KEY] = _Context(context.places, context.home, codes)
        return doc


def _without_modifiers(doc: Doc) -> list[Span]:
    """The entities a generic actor may not overlap: all but the nationalities and countries
    that modify one ("Israeli" in "Israeli police": the actor is the police, of Israel)."""
    spans = list(doc.spans.get(generic.SPANS_KEY, []))
    return [e for e in doc.ents if not _inside(e, spans)]


def _inside(ent: Span, spans: list[Span]) -> bool:
    """Whether ``ent`` only modifies one of ``spans``: a nationality, country or count within
    it (a nationality may be the whole of it, one that stands for the noun of its coordinated
    partner: "Indian" in "Indian and Pakistani troops", :func:`generic.coordinated_parts`), or
    a name compounded onto its head noun and strictly inside it ("the Moon administration",
    "the SWAT team", "NFL players": the administration, team or players act)."""
    within = [s for s in spans if s.start <= ent.start and ent.end <= s.end]
    if ent.label_ in MODIFIER_LABELS | COUNT_LABELS:
        return bool(within)
    return _compounded(ent) and any(s.end - s.start > ent.end - ent.start for s in within)


def _compounded(ent: Span) -> bool:
    """A named actor used as a noun modifier ("SWAT" in "SWAT team"). Not before a government
    body ("the Moon administration"), which stands for the named leader's state
    (``references.state_of``)."""
    head = ent.root.head
    return ent.label_ in ACTOR_LABELS and ent.root.dep_ == "compound" and head.i >= ent.end \
        and not references.is_state_noun(head)


@dataclass(frozen=True)
class _Context:
    """What the whole document tells: its places resolved together, its own country, and
    the codes of its generic actors."""

    places: dict
    home: str | None
    generic: dict


def _context(doc: Doc, found: list[tuple[Span, int]]) -> _Context:
    places = _places(found)
    told = [_own_code(ent, {}, places).country for ent, _ in found
            if ent.label_ in NATIONALITY_LABELS | PLACE_LABELS and _votes(ent, places)]
    told += [agents.country_of_body(ent.text) for ent, _ in found if ent.label_ == "ORG"]
    return _Context(places, document_country(told), {})


def _votes(ent: Span, places: dict) -> bool:
    """Whether a mention tells where the document is. Not a LOC that the gazetteer reads as
    a city: the NER calls a town GPE, so a city-named LOC is more often a misread name ("met
    with Boras") than a place, and one misread name must not give every actor a country."""
    if ent.label_ != "LOC":
        return True
    place = places.get(_name(ent))
    return place is None or place.kind != "city"


def _country_name(country: str | None) -> str | None:
    return countries.country_name(country) if country else None


def code_mentions(doc: Doc, found: Iterable[tuple[Span, int]]) -> list[MentionCode]:
    """The code of each mention of ``found`` (``aliases.clusters(doc)``), in its order."""
    found = list(found)
    context = doc.user_data.get(CODES_KEY) or _context(doc, found)
    codes = [_own_code(ent, context.generic, context.places) for ent, _ in found]
    nearby = _sentence_countries(found, codes)
    return [_with_home(ent, code, context.home, nearby)
            for (ent, _), code in zip(found, codes, strict=True)]


def _sentence_countries(found: list[tuple[Span, int]], codes: list[MentionCode]
                        ) -> dict[int, str]:
    """Sentence start -> the one country the gazetteer puts all of its known places in: a
    place it does not know lies there first ("around Gaza, in Beit Hanoun"), then where the
    document is."""
    seen: dict[int, set[str]] = {}
    for (ent, _), code in zip(found, codes, strict=True):
        if ent.label_ in PLACE_LABELS and code.placed and code.country:
            seen.setdefault(ent.sent.start, set()).add(code.country)
    return {start: next(iter(c)) for start, c in seen.items() if len(c) == 1}


def _name(ent: Span) -> str:
    return ent.id_ or ent.text


def _places(found: list[tuple[Span, int]]) -> dict[str, gazetteer.Place | None]:
    """The document's place names resolved together, with its nationalities as context."""
    names = [_name(ent) for ent, _ in found if ent.label_ in PLACE_LABELS]
    if not names:
        return {}
    context = {countries.country_of_word(ent.text) for ent, _ in found
               if ent.label_ == "NORP"} - {None}
    return gazetteer.resolve(names, context)


def _own_code(ent: Span, generic_codes: dict, places: dict) -> MentionCode:
    if (ent.start_char, ent.end_char) in generic_codes:
        country, agent = generic_codes[(ent.start_char, ent.end_char)]
        return MentionCode(True, country, agent)
    if ent.label_ in PLACE_LABELS:
        place = places.get(_name(ent))
        country = countries.country_of_word(_name(ent)) if ent.label_ == "GPE" else None
        if place is None:
            return MentionCode(country=country or gazetteer.sole_country(_name(ent)))
        return MentionCode(False, country or place.country, None, place.geonames_id,
                           place.latitude, place.longitude)
    if ent.label_ == "NORP":  # a nationality, or a party's members ("Democrats")
        return MentionCode(country=countries.country_of_word(ent.text)
                           or agents.country_of_body(ent.text),
                           agent=agents.agent_of_org(ent.text))
    if ent.label_ in ACTOR_LABELS:
        return MentionCode(False, *named.actor_attributes(ent, country_of_place))
    return MentionCode()


def document_country(mentioned: Iterable[str | None]) -> str | None:
    """The document's country: the one that more than half of its country-bearing mentions
    give (:func:`transforms.entities.attributes.dominant_country`), or None."""
    return dominant_country(Counter(c for c in mentioned if c))


def _with_home(ent: Span, code: MentionCode, home: str | None,
               nearby: dict[int, str]) -> MentionCode:
    """An actor whose words name no country takes the document's, ``home`` (international
    bodies, agent IGO, never do); so does a place the gazetteer does not know, which lies
    where the known places of its sentence are (``nearby``: :func:`_sentence_countries`),
    else where the document's are."""
    if code.country or code.agent == "IGO":
        return code
    unknown_place = ent.label_ in PLACE_LABELS and not code.placed
    if unknown_place:
        home = nearby.get(ent.sent.start) or home
    if home is None or (ent.label_ not in ACTOR_LABELS and not unknown_place):
        return code
    return dataclasses.replace(code, country=home)

