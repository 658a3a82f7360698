"""The data dictionary (``docs/tables.md``), generated from the warehouse schemas.

Column names, types and descriptions come from :mod:`warehouse.schema`, the macros from
:mod:`warehouse.macros`; DuckDB's type names are DuckDB's own reading of each Arrow type. A
test compares the committed file with a fresh rendering, so the file cannot drift from the code:
regenerate it with ``newsetl docs``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.macros import MACROS
from warehouse.schema import CONTRACT_VERSION, ONE_ROW_PER, TABLES

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "docs" / "tables.md"

def _schema_doc(schema: pa.Schema) -> str:
    return (schema.metadata or {}).get(b"description", b"").decode()


def duckdb_types(schema: pa.Schema) -> list[str]:
    """DuckDB's type for each column of ``schema``, as the views show them."""
    with duckdb.connect() as con:
        return [str(t) for t in con.from_arrow(schema.empty_table()).types]


def _table_section(name: str, schema: pa.Schema) -> list[str]:
    out = [f"## `{name}`", "", _schema_doc(schema) or "(undocumented)"]
    out += ["", "| column | DuckDB type | Arrow type | description |", "|---|---|---|---|"]
    for field, duck_type in zip(schema, duckdb_types(schema), strict=True):
        desc = (field.metadata or {}).get(b"description", b"").decode().replace("|", "\\|")
        out.append(f"| `{field.name}` | {duck_type} | `{field.type}` | {desc} |")
    return [*out, ""]


def _macro_section() -> list[str]:
    out = ["## Macros", "", "Table macros in `news.duckdb`: `SELECT * FROM name(args)`.", "",
           "| macro | what it returns |", "|---|---|"]
    return out + [f"| `{m.signature}` | {m.doc} |" for m in MACROS] + [""]


def render() -> str:
    """The data dictionary as markdown."""
    out = ["# Data dictionary", "",
           f"Warehouse contract v{CONTRACT_VERSION}. Generated from `warehouse/schema.py` by "
           "`newsetl docs`; do not edit by hand.", "",
           "Each table is a view in `<warehouse>/news.duckdb` and a folder of Parquet files "
           "under `<warehouse>/parquet/<table>/`; both give the same rows. Every column "
           "below also carries its description as a DuckDB `COMMENT` "
           "(`SELECT table_name, column_name, comment FROM duckdb_columns()`).", ""]
    out += ["| table | one row per |", "|---|---|"]
    out += [f"| [`{t}`](#{t}) | {ONE_ROW_PER.get(t, '')} |" for t in TABLES] + [""]
    for name, schema in TABLES.items():
        out += _table_section(name, schema)
    return "\n".join(out + _macro_section()).rstrip() + "\n"


def write(path: Path = DEFAULT_PATH) -> Path:
    """Write the data dictionary to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render())
    return path
