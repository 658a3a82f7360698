#!/usr/bin/env python3
"""Write the first-name genders the pronoun rules read (transforms/actors/data/first_names.tsv).

    .venv/bin/python scripts/build_first_names.py [--data name_data.json] [--out FILE]

Source: nomquamgender 0.1.4 (MIT licence; Van Buskirk, Clauset and Larremore, "An open-source
cultural consensus approach to name-based gender classification", ICWSM 2023): for each
first name, how many people of its sources bear it and the share of them that are women.
``--data`` is the package's ``name_data.json`` (default: the installed package's, after
``pip install nomquamgender==0.1.4``). A name is kept when at least :data:`MIN_COUNT` people
bear it and at least :data:`MIN_SHARE` of them are of one gender: names given to both (Kim,
Jin, Taylor) say nothing and are left out. The same data give the same file.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "transforms" / "actors" / "data" / "first_names.tsv"

MIN_COUNT = 1000
"""People in the sources who bear a name before its gender is taken as known."""
MIN_SHARE = 0.95
"""Share of its bearers one gender must have."""
NAME = re.compile(r"[a-z]{2,}")
"""Names kept: plain Latin letters, two or more (the data also holds markup and initials)."""

HEADER = """# First names and the gender most of their bearers have (f or m), for pronoun agreement
# ("she" is not Bill). Built by scripts/build_first_names.py from nomquamgender 0.1.4 (MIT
# licence; Van Buskirk, Clauset and Larremore, ICWSM 2023): names borne by at least {count}
# people, at least {share:.0%} of them of one gender. Do not edit by hand.
"""


def genders(data: dict[str, list]) -> dict[str, str]:
    """name -> 'f' or 'm' for the names of ``data`` (name -> [sources, count, p(female),
    ...]) whose gender is known, by :data:`MIN_COUNT` and :data:`MIN_SHARE`."""
    out = {}
    for name, (_, count, p_female, *_) in data.items():
        if NAME.fullmatch(name) and count >= MIN_COUNT:
            if p_female >= MIN_SHARE:
                out[name] = "f"
            elif p_female <= 1 - MIN_SHARE:
                out[name] = "m"
    return dict(sorted(out.items()))


def _load(path: Path | None) -> dict:
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    with importlib.resources.open_text("nomquamgender", "name_data.json") as f:
        return json.load(f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="nomquamgender's name_data.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    names = genders(_load(args.data))
    lines = [HEADER.format(count=MIN_COUNT, share=MIN_SHARE)]
    lines += [f"{name}\t{g}\n" for name, g in names.items()]
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")


if __name__ == "__main__":
    main()
