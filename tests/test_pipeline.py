"""End to end: the Prefect flow over a copy of the sample corpus, on the real stack."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from flows.pipeline import newsetl_flow
from helpers import all_rows, table_rows
from newsetl.stages.load import CROSS_DOCUMENT
from transforms.entities import resolution as resolve
from warehouse.schema import TABLES

pytestmark = pytest.mark.usefixtures("prefect_server")

DUCK_TYPES = {"string": "VARCHAR", "large_string": "VARCHAR", "int64": "BIGINT",
              "int32": "INTEGER", "date32[day]": "DATE", "list<item: string>": "VARCHAR[]",
              "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE", "double": "DOUBLE"}


def run(input_dir: Path, warehouse: Path) -> dict:
    return newsetl_flow(input_dir=str(input_dir), warehouse=str(warehouse))


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, Path, dict]:
    """One run over a copy of the sample, shared by the read-only checks."""
    base = tmp_path_factory.mktemp("e2e")
    src = base / "input"
    shutil.copytree(Path(__file__).parent.parent / "corpus" / "sample", src)
    wh = base / "wh"
    return src, wh, run(src, wh)


def test_every_contract_view_has_its_columns_and_types(first_run):
    _, wh, _ = first_run
    with duckdb.connect(str(wh / "news.duckdb"), read_only=True) as con:
        for table, schema in TABLES.items():
            got = con.execute(f'DESCRIBE "{table}"').fetchall()
            assert [r[0] for r in got] == schema.names, table
            want = [DUCK_TYPES[str(f.type)] for f in schema]
            assert [r[1] for r in got] == want, table


def test_sample_run_fills_documents_and_counts_files(first_run):
    src, wh, summary = first_run
    docs = table_rows(wh, "documents")
    assert len(docs) == len(list(src.glob("*.txt")))
    assert summary["run"]["files_new"] == len(docs)
    assert summary["run"]["files_rejected"] == 0
    assert all(row[TABLES["documents"].names.index("body")].strip() for row in docs)


def test_a_page_in_another_language_is_a_document_without_entities(tmp_path, cases_dir):
    src = tmp_path / "input"
    src.mkdir()
    shutil.copy(cases_dir / "language" / "fr_article.txt", src / "fr.txt")
    shutil.copy(sorted((Path(__file__).parent.parent / "corpus" / "sample").glob("*.txt"))[0],
                src / "en.txt")
    run(src, tmp_path / "wh")
    with duckdb.connect(str(tmp_path / "wh" / "news.duckdb"), read_only=True) as con:
        languages = dict(con.execute("SELECT parse_filename(source_path), language "
                                     "FROM documents").fetchall())
        mentions = dict(con.execute(
            "SELECT parse_filename(d.source_path), count(m.doc_id) FROM documents d "
            "LEFT JOIN mentions m USING (doc_id) GROUP BY ALL").fetchall())
    assert languages == {"fr.txt": "fr", "en.txt": "en"}
    assert mentions["fr.txt"] == 0 and mentions["en.txt"] > 0


def test_parquet_folders_give_the_same_rows_as_the_views(first_run):
    _, wh, _ = first_run
    with duckdb.connect(str(wh / "news.duckdb"), read_only=True) as con:
        for table in TABLES:
            files = sorted((wh / "parquet" / table).glob("**/*.parquet"))
            assert files, table
            direct = ds.dataset([str(f) for f in files], format="parquet").to_table()
            assert direct.num_rows == con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert direct.column_names == TABLES[table].names


def test_parquet_is_zstd(first_run):
    import pyarrow.parquet as pq

    _, wh, _ = first_run
    meta = pq.ParquetFile(next((wh / "parquet" / "documents").glob("*.parquet"))).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_rerun_on_same_input_changes_no_row(sample_copy, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    run(sample_copy, wh)
    before = {t: table_rows(wh, t, drop=set()) for t in TABLES if t != "runs"}

    def recompute(*args):
        raise AssertionError("no document changed: the cross-document tables are carried over")

    monkeypatch.setattr(resolve, "resolve", recompute)
    summary = run(sample_copy, wh)
    after = {t: table_rows(wh, t, drop=set()) for t in TABLES if t != "runs"}
    assert after == before
    assert summary["run"]["files_unchanged"] == summary["run"]["files_seen"]
    assert summary["run"]["files_new"] == summary["run"]["files_changed"] == 0
    assert len(table_rows(wh, "runs")) == 2


def test_cross_document_tables_are_all_but_the_per_run_and_per_file_ones():
    """A contract table added later must be listed with those carried over, or not be one."""
    assert set(CROSS_DOCUMENT) == set(TABLES) - {"runs", "rejects", "removed_lines"}


def test_changed_file_replaces_its_version(sample_copy, tmp_path, cases_dir):
    wh = tmp_path / "wh"
    run(sample_copy, wh)
    target = sorted(sample_copy.glob("*.txt"))[0]
    shutil.copy(cases_dir / "pipeline" / "changed_page.txt", target)
    summary = run(sample_copy, wh)
    assert summary["run"]["files_changed"] == 1
    with duckdb.connect(str(wh / "news.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT body, content_sha256 FROM documents WHERE source_path = ?",
                           [str(target)]).fetchall()
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        stale = con.execute("SELECT count(*) FROM removed_lines r JOIN documents d USING (doc_id) "
                            "WHERE d.source_path = ? AND r.text LIKE '%Photo%'",
                            [str(target)]).fetchone()[0]
    assert n_docs == 5
    assert len(rows) == 1 and "dockworkers" in rows[0][0]
    assert stale == 0


def test_fresh_and_incremental_runs_agree(sample_copy, tmp_path, cases_dir):
    incremental = tmp_path / "inc"
    run(sample_copy, incremental)
    shutil.copy(cases_dir / "pipeline" / "changed_page.txt", sample_copy / "new_page.txt")
    sorted(sample_copy.glob("0*.txt"))[-1].unlink()
    run(sample_copy, incremental)
    fresh = tmp_path / "fresh"
    run(sample_copy, fresh)
    assert all_rows(incremental) == all_rows(fresh)


def test_bad_files_are_rejected_and_the_run_goes_on(sample_copy, tmp_path):
    (sample_copy / "empty.txt").write_bytes(b"")
    (sample_copy / "blank.txt").write_text("   \n\n  \t\n")
    (sample_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (sample_copy / "nul.txt").write_bytes(b"abc\x00\x01\x02" * 50)
    wh = tmp_path / "wh"
    summary = run(sample_copy, wh)
    rejects = {Path(r[0]).name: r[1] for r in table_rows(wh, "rejects")}
    assert rejects == {"empty.txt": "empty", "blank.txt": "empty", "image.txt": "binary",
                       "nul.txt": "binary"}
    assert summary["run"]["files_rejected"] == 4
    assert len(table_rows(wh, "documents")) == 5
    assert all(r[2] for r in table_rows(wh, "rejects"))  # every reject has a detail


def test_fixed_file_is_picked_up_next_run(sample_copy, tmp_path, cases_dir):
    wh = tmp_path / "wh"
    (sample_copy / "late.txt").write_bytes(b"")
    run(sample_copy, wh)
    shutil.copy(cases_dir / "pipeline" / "changed_page.txt", sample_copy / "late.txt")
    run(sample_copy, wh)
    assert table_rows(wh, "rejects") == []
    assert len(table_rows(wh, "documents")) == 6


def test_an_unreadable_file_is_one_reject_while_it_lasts(sample_copy, tmp_path):
    """A file that cannot be read is rejected once per run, not once more each run; a
    document whose file turns unreadable leaves the warehouse; a gone file leaves no reject."""
    dangling = sample_copy / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    wh = tmp_path / "wh"
    run(sample_copy, wh)
    victim = sorted(sample_copy.glob("0*.txt"))[0]
    victim.unlink()
    victim.symlink_to(tmp_path / "nowhere.txt")
    summary = run(sample_copy, wh)
    rejects = {Path(r[0]).name: r[1] for r in table_rows(wh, "rejects")}
    assert rejects == {dangling.name: "unreadable", victim.name: "unreadable"}
    assert summary["run"]["files_rejected"] == 2
    assert str(victim) not in {r[1] for r in table_rows(wh, "documents")}
    fresh = tmp_path / "fresh"
    run(sample_copy, fresh)
    assert all_rows(wh) == all_rows(fresh)
    dangling.unlink()
    victim.unlink()
    run(sample_copy, wh)
    assert table_rows(wh, "rejects") == []
    assert len(table_rows(wh, "documents")) == 4
