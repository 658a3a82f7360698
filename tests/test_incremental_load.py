"""The load stage over synthetic per-document rows (bench/load_rows.py, no spaCy): a warehouse
built by a sequence of incremental runs (documents added, rewritten, removed) has exactly the
tables of one fresh run over the final documents, ids included."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows import pipeline
from newsetl.stages import load
from newsetl.stages.ingest import Plan
from warehouse import snapshot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
rows = importlib.import_module("bench.load_rows")
bench = importlib.import_module("bench.load_bench")

SEED = 3
SPAN = 40
"""The documents' dates spread as in an archive of this many documents."""


def _load(warehouse: Path, run_id: str, docs: dict[int, int], before: dict[int, int]) -> None:
    """One run over ``docs`` (index -> version) after a run over ``before``."""
    layout = snapshot.Layout(warehouse)
    todo = sorted(i for i, v in docs.items() if before.get(i) != v)
    plan = Plan(todo=[bench.file_entry(i, docs[i], SEED) for i in todo],
                unchanged=[bench.file_entry(i, v, SEED) for i, v in sorted(docs.items())
                           if before.get(i) == v],
                removed=sorted(rows.source_path(i) for i in set(before) - set(docs)),
                n_seen=len(docs))
    bench.stage(layout.staging(run_id), rows.documents(SEED, todo, SPAN, docs, run_id))
    pipeline.load_task.fn(layout, run_id, plan, "synthetic",
                          load.reusable_snapshot(layout, "synthetic"),
                          dt.datetime.now(dt.UTC), 2, 1)


def _tables(warehouse: Path) -> dict[str, list[tuple]]:
    """Every cross-document table's rows, sorted; documents without the run that read them."""
    con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
    try:
        out = {name: sorted(map(repr, con.execute(f"select * from {name}").fetchall()))
               for name in load.CROSS_DOCUMENT if name != "documents"}
        out["documents"] = sorted(map(repr, con.execute(
            "select * exclude (run_id) from documents").fetchall()))
    finally:
        con.close()
    return out


_step = st.lists(st.tuples(st.sampled_from(("add", "change", "remove")), st.integers(0, 99)),
                 min_size=1, max_size=5)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(8, 30), st.lists(_step, min_size=1, max_size=3))
def test_incremental_runs_equal_a_fresh_run(n, steps):
    docs = dict.fromkeys(range(n), 0)
    with tempfile.TemporaryDirectory() as tmp:
        inc = Path(tmp) / "inc"
        _load(inc, "r0", docs, {})
        for k, step in enumerate(steps, 1):
            before = dict(docs)
            for op, j in step:
                existing = sorted(docs)
                if op == "add":
                    docs[n + j] = 0
                elif existing and op == "change":
                    docs[existing[j % len(existing)]] += 1
                elif existing:
                    del docs[existing[j % len(existing)]]
            _load(inc, f"r{k}", docs, before)
        fresh = Path(tmp) / "fresh"
        _load(fresh, "fresh", docs, {})
        assert _tables(inc) == _tables(fresh)


def test_a_run_with_nothing_changed_keeps_the_dedup_blocks(tmp_path):
    """The next run still finds every block it may carry over, and still agrees."""
    docs = dict.fromkeys(range(12), 0)
    inc = tmp_path / "inc"
    _load(inc, "r0", docs, {})
    _load(inc, "r1", docs, docs)
    layout = snapshot.Layout(inc)
    assert layout.current().name == "r1"
    blocks = list((layout.current() / "state" / "event_blocks").iterdir())
    assert blocks and blocks[0].stat().st_size > 0
    changed = {**docs, 3: 1, 20: 0}
    _load(inc, "r2", changed, docs)
    _load(tmp_path / "fresh", "fresh", changed, {})
    assert _tables(inc) == _tables(tmp_path / "fresh")
