"""Warehouse mechanics: the run lock, atomic publication, pruning, SQL literal quoting."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from transforms.errors import RunError
from warehouse import duck, parquet, snapshot
from warehouse.schema import TABLES


def build_snapshot(layout: snapshot.Layout, run_id: str, n_docs: int) -> None:
    out = layout.building(run_id)
    for table, schema in TABLES.items():
        rows = ([{"doc_id": f"d{i}", "body": "b"} for i in range(n_docs)]
                if table == "documents" else [])
        parquet.write_table(parquet.part_path(out / "tables" / table, 0), schema, rows)
    snapshot.seal(layout, run_id)
    duck.publish(layout.db, layout.snapshot(run_id) / "tables", run_id)
    snapshot.swap_link(layout, run_id)


def count_docs(layout: snapshot.Layout) -> int:
    with duckdb.connect(str(layout.db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_second_run_is_refused_while_the_lock_is_held(tmp_path):
    layout = snapshot.Layout(tmp_path)
    with snapshot.locked(layout), pytest.raises(RunError, match="another newsetl run"), \
            snapshot.locked(snapshot.Layout(tmp_path)):
        pass
    with snapshot.locked(layout):  # released again
        pass


def test_publish_swaps_views_and_link_and_prunes(tmp_path):
    layout = snapshot.Layout(tmp_path)
    for i, run_id in enumerate(["r1", "r2", "r3", "r4"]):
        build_snapshot(layout, run_id, n_docs=i + 1)
    assert count_docs(layout) == 4
    assert layout.current() == layout.snapshot("r4")
    assert len(list((tmp_path / "parquet" / "documents").glob("*.parquet"))) == 1
    snapshot.prune(layout, keep=2)
    assert sorted(p.name for p in layout.snapshots.iterdir()) == ["r3", "r4"]


def test_reader_with_an_old_connection_keeps_its_snapshot(tmp_path):
    layout = snapshot.Layout(tmp_path)
    build_snapshot(layout, "r1", n_docs=1)
    reader = duckdb.connect(str(layout.db), read_only=True)
    build_snapshot(layout, "r2", n_docs=2)
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    reader.close()
    assert count_docs(layout) == 2


def test_leftovers_of_a_killed_run_are_cleared(tmp_path):
    layout = snapshot.Layout(tmp_path)
    layout.building("dead").mkdir(parents=True)
    layout.staging("dead").mkdir(parents=True)
    snapshot.clear_leftovers(layout)
    assert not layout.building("dead").exists() and not layout.staging("dead").exists()


@pytest.mark.parametrize("name", ["it's; DROP VIEW documents; --", "ünïcode wh", 'dq"x'])
def test_hostile_warehouse_paths_are_data_not_sql(tmp_path, name):
    layout = snapshot.Layout(tmp_path / name)
    build_snapshot(layout, "r1", n_docs=3)
    assert count_docs(layout) == 3


def test_sql_literal_doubles_quotes():
    con = duckdb.connect()
    for value in ["plain", "it's", "''", "a'; SELECT 1; --"]:
        assert con.execute(f"SELECT {duck.sql_literal(value)}").fetchone()[0] == value


def test_empty_tables_keep_their_types(tmp_path):
    layout = snapshot.Layout(tmp_path)
    build_snapshot(layout, "r1", n_docs=0)
    with duckdb.connect(str(layout.db), read_only=True) as con:
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'documents'").fetchall())
    assert types["published"] == "DATE" and types["authors"] == "VARCHAR[]"
    assert pa.types.is_date32(TABLES["documents"].field("published").type)
