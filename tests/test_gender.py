"""Pronoun agreement: the gender a person's first name or courtesy title gives (hand-built
Docs: the point is the rule and the name data, not the model)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.tokens import Span

from transforms.actors.gender import agrees, first_names, gender_of

BLANK = spacy.blank("en")
ROOT = Path(__file__).resolve().parents[1]


def _person(text: str, start: int, end: int, fullest: str | None = None) -> Span:
    doc = BLANK(text)
    return Span(doc, start, end, label="PERSON", span_id=fullest or "")


def test_a_first_name_or_a_title_gives_the_gender():
    assert gender_of(_person("Amber Guyger left", 0, 2)) == "f"
    assert gender_of(_person("Bill Chappell left", 0, 2)) == "m"
    assert gender_of(_person("Ms. Chambers said", 1, 2)) == "f"  # the title before the name
    # a surname alone is unknown, even one that is also a first name (John Kelly)
    assert gender_of(_person("Kelly said", 0, 1)) is None
    # ... unless the document wrote the full name ("Guyger" after "Amber Guyger")
    assert gender_of(_person("Guyger said", 0, 1, "Officer Amber Guyger")) == "f"


def test_an_unknown_name_agrees_with_any_pronoun():
    kim = _person("Kim Yo-jong said", 0, 1, "Kim Yo-jong")  # Kim: given to both
    assert agrees(kim, "she") and agrees(kim, "he")
    bill = _person("Bill Chappell said", 0, 2)
    assert agrees(bill, "his") and not agrees(bill, "her")


def test_the_name_file_is_what_the_build_script_makes_of_its_data():
    spec = importlib.util.spec_from_file_location(
        "build_first_names", ROOT / "scripts" / "build_first_names.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    data = {"mary": [33, 4543095, 0.98, 3], "john": [33, 5737119, 0.001, 3],
            "kim": [32, 280613, 0.665, 3], "zeb": [3, 12, 0.0, 3], "<br>": [1, 5000, 1.0, 3]}
    assert build.genders(data) == {"john": "m", "mary": "f"}  # no unisex, rare or junk name
    names = first_names()
    assert len(names) > 10000 and names["mary"] == "f" and names["john"] == "m"
    assert "kim" not in names and "taylor" not in names
