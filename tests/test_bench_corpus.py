"""The benchmark corpus generator (bench/corpus.py): deterministic, N distinct pages, each with
body paragraphs and boilerplate lines, and a 1% change that really changes files."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
corpus = importlib.import_module("bench.corpus")

N = 20


@pytest.fixture(scope="module")
def parts(nlp):
    """The sample taken apart once for the module (the session model does the NER)."""
    return corpus.harvest(ROOT / "corpus" / "sample", nlp)


def _pages(parts, seed: int, out: Path) -> dict[str, str]:
    paths = corpus.generate(parts, N, seed, out)
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_harvest_finds_paragraphs_boilerplate_names_and_places(parts):
    assert len(parts.paragraphs) >= 20
    assert parts.titles
    assert {"top", "share", "related", "comments", "caption"} <= set(parts.lines)
    assert any(" " in p for p in parts.persons)
    assert len(parts.places) >= 3
    assert not set(parts.persons) & set(parts.places)


def test_same_seed_same_corpus_other_seed_other_corpus(parts, tmp_path):
    first = _pages(parts, 7, tmp_path / "a")
    assert first == _pages(parts, 7, tmp_path / "b")
    other = _pages(parts, 8, tmp_path / "c")
    assert set(first) == set(other)
    assert all(first[name] != other[name] for name in first)


def test_n_distinct_files(parts, tmp_path):
    pages = _pages(parts, 1, tmp_path)
    assert len(pages) == N
    assert len(set(pages.values())) == N
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(pages)


def test_smaller_corpus_is_a_prefix_of_a_larger_one(parts, tmp_path):
    small = corpus.generate(parts, 5, 3, tmp_path / "small")
    large = corpus.generate(parts, N, 3, tmp_path / "large")
    assert [p.read_text() for p in small] == [p.read_text() for p in large[:5]]


def test_each_page_has_body_and_boilerplate_lines(parts):
    swapper = corpus.Swapper(parts)
    for index in range(N):
        page = corpus.render(parts, swapper, corpus.page_rng(1, index))
        lines = page.text.split("\n")
        assert corpus.MIN_PARAGRAPHS <= len(page.body) <= corpus.MAX_PARAGRAPHS
        assert all(paragraph in lines for paragraph in page.body)
        assert len(page.boilerplate) >= 4  # top, title, date or byline, tail blocks, footer
        assert all(line in lines for line in page.boilerplate)
        assert not set(page.boilerplate) & set(page.body)


def test_names_places_and_dates_are_swapped(parts):
    swapper = corpus.Swapper(parts)
    changed = [p for i in range(N)
               for p in corpus.render(parts, swapper, corpus.page_rng(1, i)).body
               if p not in parts.paragraphs]
    assert len(changed) >= N  # paragraphs with a name, place or date rarely survive intact
    mapping = swapper.draw(corpus.page_rng(2, 0))
    assert set(mapping) == set(parts.persons) | set(parts.places)
    text = "On June 13, 2019 Monday"
    moved = swapper.apply(text, {}, corpus.page_rng(2, 0), 2021)
    assert moved != text and "2019" not in moved


def test_change_rewrites_one_percent_at_least_one(parts, tmp_path):
    paths = corpus.generate(parts, N, 5, tmp_path)
    before = {p: p.read_text() for p in paths}
    changed = corpus.change(parts, paths, 0.01, 5)
    assert len(changed) == 1
    assert [p for p in paths if p.read_text() != before[p]] == changed
    assert len({p.read_text() for p in paths}) == N
    assert corpus.digest(paths) != corpus.digest([])
