"""`newsetl sql` in every format, and the README's example queries, on the sample warehouse."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsetl import sql
from newsetl.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"

QUERY = "SELECT name, aliases, n_docs FROM entities ORDER BY n_mentions DESC, name"


def readme_queries() -> list[str]:
    """The ```sql blocks of the README's 'Ten example queries' section."""
    text = README.read_text()
    section = text.split("### Ten example queries", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)


def newsetl_sql(warehouse: Path, *args: str):
    return CliRunner().invoke(app, ["sql", "--warehouse", str(warehouse), *args])


@pytest.fixture(scope="module")
def expected(sample_warehouse) -> list[tuple]:
    with sql.open_warehouse(sample_warehouse) as con:
        return con.execute(QUERY).fetchall()


def test_the_readme_has_ten_example_queries():
    assert len(readme_queries()) == 10


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.split("FROM")[1][:30])
def test_readme_query_runs_on_the_sample_warehouse(sample_warehouse, query):
    with sql.open_warehouse(sample_warehouse) as con:
        assert sql.relation(con, query).fetchall(), "an example should show some rows"


def test_table_is_the_default(sample_warehouse, expected):
    result = newsetl_sql(sample_warehouse, QUERY)
    assert result.exit_code == 0, result.output
    assert "n_docs" in result.stdout and expected[0][0] in result.stdout
    assert "│" in result.stdout


def test_csv_has_a_header_and_every_row(sample_warehouse, expected):
    result = newsetl_sql(sample_warehouse, "-f", "csv", QUERY)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["name", "aliases", "n_docs"]
    assert [(r[0], int(r[2])) for r in rows[1:]] == [(n, d) for n, _, d in expected]


def test_json_is_an_array_of_objects_keeping_lists(sample_warehouse, expected):
    result = newsetl_sql(sample_warehouse, "--format", "json", QUERY)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["name"], r["aliases"], r["n_docs"]) for r in rows] == [
        (n, list(a), d) for n, a, d in expected]


def test_parquet_to_a_file_keeps_types(sample_warehouse, expected, tmp_path):
    out = tmp_path / "entities.parquet"
    result = newsetl_sql(sample_warehouse, "-f", "parquet", "--out", str(out), QUERY)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert str(table.schema.field("aliases").type) == "list<element: string>"
    assert [tuple(r.values()) for r in table.to_pylist()] == [
        (n, list(a), d) for n, a, d in expected]


def test_table_to_a_file_lists_every_row(sample_warehouse, expected, tmp_path):
    out = tmp_path / "entities.txt"
    assert newsetl_sql(sample_warehouse, "-o", str(out), "--max-rows", "2", QUERY).exit_code == 0
    text = out.read_text()
    assert all(name in text for name, _, _ in expected)


@pytest.mark.parametrize("query, message", [
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM no_such_table", "no_such_table"),
    ("CREATE TABLE t AS SELECT 1", "read-only"),
])
def test_bad_or_writing_queries_fail_with_exit_1(sample_warehouse, query, message):
    result = newsetl_sql(sample_warehouse, query)
    assert result.exit_code == 1
    assert message in result.output


def test_a_missing_warehouse_is_exit_1_and_a_bad_format_is_exit_2(tmp_path, sample_warehouse):
    missing = newsetl_sql(tmp_path / "nothing", "SELECT 1")
    assert missing.exit_code == 1 and "no warehouse" in missing.output
    assert newsetl_sql(sample_warehouse, "-f", "xml", "SELECT 1").exit_code == 2
