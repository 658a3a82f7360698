"""bench/compare_warehouses.py: equal warehouses compare identical, any changed row is found."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "compare_warehouses.py"
_spec = importlib.util.spec_from_file_location("compare_warehouses", SCRIPT)
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)


def _warehouse(root: Path, entity_ids: list[str], run_id: str) -> Path:
    tables = root / "snapshots" / "s1" / "tables"
    for name, rows in {"entities": {"entity_id": entity_ids},
                       "runs": {"run_id": [run_id], "files_seen": [len(entity_ids)]}}.items():
        (tables / name).mkdir(parents=True)
        pq.write_table(pa.table(rows), tables / name / "part-0.parquet")
    state = root / "snapshots" / "s1" / "state" / "doc_terms"
    state.mkdir(parents=True)
    pq.write_table(pa.table({"doc_id": ["d1"]}), state / "part-0.parquet")
    (root / "parquet").symlink_to(tables)
    return root


def test_the_same_rows_in_another_order_and_run_are_identical(tmp_path):
    a = _warehouse(tmp_path / "a", ["E1", "E2"], "run-1")
    b = _warehouse(tmp_path / "b", ["E2", "E1"], "run-2")
    assert compare.differences(a, b) == []
    assert compare.main([str(a), str(b)]) == 0


def test_a_changed_id_is_a_difference(tmp_path):
    a = _warehouse(tmp_path / "a", ["E1", "E2"], "run-1")
    b = _warehouse(tmp_path / "b", ["E1", "E3"], "run-1")
    found = compare.differences(a, b)
    assert len(found) == 1 and found[0].startswith("entities:") and "E3" in found[0]
    assert compare.main([str(a), str(b)]) == 1
