"""The gender a person's name or title gives, for pronoun agreement: "she" is not Bill.

First names come from ``data/first_names.tsv`` (built by ``scripts/build_first_names.py``
from nomquamgender's name data: names most of whose bearers are of one gender); a courtesy
title before the name ("Ms. Chambers") says it too. A name that says neither (a surname
alone, a name given to both) is unknown, and agrees with any pronoun.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from transforms.actors.agents import DATA

TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mister": "m", "madam": "f",
          "sir": "m", "dame": "f", "lady": "f", "lord": "m"}
"""Courtesy titles and the gender they give."""


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name (lower case) -> 'f' or 'm'."""
    rows = (line.split("\t") for line in
            (DATA / "first_names.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def gender_of(person: Span) -> str | None:
    """'f', 'm' or None for a PERSON entity: the courtesy title before it, else the first
    name of the document's fullest name for it (``id_``: "Guyger" -> "Amber Guyger"), never
    its last word (a surname: "Kelly" in "John Kelly")."""
    before = person.doc[person.start - 1].text.rstrip(".").lower() if person.start else ""
    words = [w.strip(".,").lower() for w in (person.id_ or person.text).split()]
    title = next((w for w in (before, *words[:1]) if w in TITLES), None)
    if title is not None:
        return TITLES[title]
    names = first_names()
    return next((names[w] for w in words[:-1] if w in names), None)


def agrees(person: Span, pronoun: str) -> bool:
    """Whether a person may be what ``pronoun`` (he, him, his, she, her) stands for."""
    gender = gender_of(person)
    want = "f" if pronoun.lower() in ("she", "her", "hers", "herself") else "m"
    return gender is None or gender == want
