"""Countries of well-known people, as an actor dictionary knows them (``data/people.tsv``).

"Putin said" names Russia to any reader of the news, though the sentence says no country; the
event data sets our users know code it so from their actor dictionaries. The file lists only
people whose name stands for one state in the news of the last decades (heads of state and
government, the great powers' foreign and defence ministers, leaders of legislatures, of the
opposition and of armed groups), and only their country: an office is held for a time, so the
agent stays what the text says.
"""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache

from transforms.actors.agents import DATA, normalize_word

PEOPLE_PATH = DATA / "people.tsv"
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
"""Courtesy words a name may keep in front ("Mr Putin"); ranks and offices are trimmed off a
PERSON span before it gets here."""


@lru_cache(maxsize=1)
def people() -> dict[str, str]:
    """Name key -> ISO3 for every row of the file."""
    with PEOPLE_PATH.open(encoding="utf-8", newline="") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {name_key(name): iso3 for name, iso3 in rows}


def country_of_person(name: str) -> str | None:
    """The state a well-known person belongs to, by the name as written ("Vladimir Putin",
    "Putin", "Mr Erdoğan"), else None."""
    return people().get(name_key(name))


def name_key(name: str) -> str:
    """A name as the file is matched: no accents, case, dots, possessive or courtesy word."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c))
    words = [normalize_word(w) for w in plain.split()]
    words = [w for w in words if w]
    if words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)
