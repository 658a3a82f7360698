"""BI readiness: pandas, polars and pyarrow read each Parquet table folder as a dataset and get
the view's rows; the data dictionary is the one the schemas generate."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from newsetl import dictionary
from newsetl.cli import app
from warehouse import duck
from warehouse.schema import TABLES


def rows(table: pa.Table, name: str) -> list[tuple]:
    """Rows of ``table`` in the contract's column order and types, sorted."""
    schema = TABLES[name]
    cast = table.select(schema.names).cast(schema)
    return sorted((tuple(r.values()) for r in cast.to_pylist()), key=repr)


@pytest.fixture(scope="module")
def views(sample_warehouse) -> dict[str, list[tuple]]:
    with duck.connect(sample_warehouse / "news.duckdb") as con:
        return {t: rows(con.sql(f'SELECT * FROM "{t}"').to_arrow_table(), t) for t in TABLES}


READERS = {
    "pyarrow": lambda folder: ds.dataset(folder, format="parquet").to_table(),
    "pandas": lambda folder: pa.Table.from_pandas(pd.read_parquet(folder), preserve_index=False),
    "polars": lambda folder: pl.read_parquet(f"{folder}/**/*.parquet").to_arrow(),
}


@pytest.mark.parametrize("reader", READERS)
def test_each_table_folder_reads_as_a_dataset_with_the_views_rows(sample_warehouse, views,
                                                                   reader):
    for name in TABLES:
        got = rows(READERS[reader](sample_warehouse / "parquet" / name), name)
        assert got == views[name], f"{reader}: {name}"
    assert views["documents"] and views["entities"] and views["rejects"]


def test_the_data_dictionary_is_generated_from_the_schemas():
    committed = dictionary.DEFAULT_PATH.read_text()
    assert committed == dictionary.render(), "docs/tables.md is stale: run `newsetl docs`"
    result = CliRunner().invoke(app, ["docs", "--check"])
    assert result.exit_code == 0, result.output


def test_the_dictionary_describes_every_column_with_its_duckdb_type(sample_warehouse):
    text = dictionary.render()
    with duck.connect(sample_warehouse / "news.duckdb") as con:
        columns = con.execute("SELECT table_name, column_name, data_type, comment "
                              "FROM duckdb_columns() WHERE NOT internal").fetchall()
    assert {t for t, *_ in columns} == set(TABLES)
    for _, column, data_type, comment in columns:
        assert comment, column
        assert f"| `{column}` | {data_type} |" in text and comment in text


def test_docs_check_fails_on_a_stale_file(tmp_path):
    stale = tmp_path / "tables.md"
    stale.write_text(dictionary.render().replace("documents", "docs"))
    assert CliRunner().invoke(app, ["docs", "--check", "--out", str(stale)]).exit_code == 1
    assert CliRunner().invoke(app, ["docs", "--out", str(stale)]).exit_code == 0
    assert stale.read_text() == dictionary.render()
