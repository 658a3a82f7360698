"""Load-stage benchmark without spaCy (issue 20): how the re-run after a 1 % change grows.

For each size N it stages N synthetic documents (bench/load_rows.py: per-document rows in
the state schemas, as the clean and extract stages stage them), runs the real load stage
(``flows.pipeline.load_task``) over them on a fresh warehouse (the cold load), then stages a
``CHANGE_FRACTION`` change (half new documents, three tenths rewritten, two tenths removed)
and runs the load stage again (the re-run). Each load runs in a child process of its own,
which times it and samples the RSS summed over itself and its load workers every
``SAMPLE_INTERVAL_S`` from the moment its rows are staged.

Usage: ``.venv/bin/python bench/load_bench.py --sizes 10000,100000 [--workers 2] [--seed 1]
[--keep] [--work-dir DIR] [--markdown]``. Generating rows costs about 1 ms per document.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
rows = importlib.import_module("bench.load_rows")

CHANGE_FRACTION = 0.01
"""Share of the documents added, rewritten or removed before the re-run (issue 20)."""
SAMPLE_INTERVAL_S = 0.1
"""Period of the RSS sampler (as bench/run.py)."""
STAGE_DOCS = 1000
"""Documents per staged Parquet part (the flow stages batches of a few hundred)."""
DEFAULT_SIZES = "10000,100000,1000000"
"""Issue 20's sizes; 1M takes about 20 minutes of row generation alone."""
TARGET_GROWTH = 2.0
"""Issue 20: the 1 % re-run's load stage grows at most this much from the smallest size to
the largest."""
TARGET_PEAK_GIB = 4.0
"""Issue 20: peak memory of the re-run at a million documents under this many GiB."""
TIMED = (("resolve", "transforms.entities.resolution", "resolve_tuples"),
         ("stories", "newsetl.stages.load", "_stories"),
         ("dedup", "transforms.events.dedup_blocks", "dedup_incremental"))
"""Steps of the load stage timed on their own: (label, module, function)."""
RESULTS = ROOT / "bench" / "RESULTS.md"
MIB = 1024 * 1024


class RssSampler(threading.Thread):
    """Samples the RSS summed over this process and its descendants; keeps the maximum."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total = 0
            for proc in [self.me, *self.me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self.done.wait(SAMPLE_INTERVAL_S)


def stage(staging: Path, docs) -> None:
    """Write documents' rows to ``staging`` as the clean and extract stages do."""
    from warehouse import parquet
    from warehouse.schema import STATE, TABLES

    chunk: list[dict] = []
    part = 0

    def flush() -> None:
        for name in ("pages", "removed_lines", "doc_mentions", "doc_quotes", "doc_events",
                     "doc_terms"):
            schema = STATE.get(name) or TABLES[name]
            parquet.write_table(parquet.part_path(staging / name, part), schema,
                                [r for d in chunk for r in d[name]])

    for doc in docs:
        chunk.append(doc)
        if len(chunk) == STAGE_DOCS:
            flush()
            chunk, part = [], part + 1
    if chunk:
        flush()


def file_entry(i: int, version: int, seed: int):
    """(FileStat, sha256) of synthetic document ``i`` at ``version``."""
    from newsetl.stages.ingest import FileStat

    path = rows.source_path(i)
    sha = rows.document_sha(seed, i, version)
    return FileStat(path, path, 1000 + i % 997, 1_700_000_000_000_000_000 + version), sha


def plan_and_docs(n: int, seed: int, phase: str):
    """The ingest plan of ``phase`` ('cold' or 'rerun') and the documents it stages."""
    from newsetl.stages.ingest import Plan

    if phase == "cold":
        todo = list(range(n))
        plan = Plan(todo=[file_entry(i, 0, seed) for i in todo], n_seen=n, n_new=n)
        return plan, rows.documents(seed, todo, n, run_id="cold")
    added, changed, removed = rows.change_set(seed, n, CHANGE_FRACTION)
    gone = set(changed) | set(removed)
    plan = Plan(todo=[file_entry(i, 0, seed) for i in added]
                + [file_entry(i, 1, seed) for i in changed],
                unchanged=[file_entry(i, 0, seed) for i in range(n) if i not in gone],
                removed=sorted(rows.source_path(i) for i in removed),
                n_seen=n - len(removed) + len(added), n_new=len(added), n_changed=len(changed))
    versions = dict.fromkeys(changed, 1)
    return plan, rows.documents(seed, added + changed, n, versions, run_id="rerun")


def run_phase(warehouse: Path, n: int, seed: int, phase: str, workers: int) -> dict:
    """Stage ``phase``'s rows, then run the flow's load task on them, timed and sampled."""
    from flows import pipeline
    from newsetl.stages import load
    from warehouse import snapshot

    layout = snapshot.Layout(warehouse)
    run_id = f"{phase}-{n}"
    plan, docs = plan_and_docs(n, seed, phase)
    stage(layout.staging(run_id), docs)
    steps, stats = _time_steps()
    sampler = RssSampler()
    rss_before = sampler.me.memory_info().rss
    sampler.start()
    started = time.perf_counter()
    previous = load.reusable_snapshot(layout, "synthetic")
    row = pipeline.load_task.fn(layout, run_id, plan, "synthetic", previous,
                                dt.datetime.now(dt.UTC), 2, workers)
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    shutil.rmtree(layout.staging(run_id), ignore_errors=True)
    return {"load_s": seconds, "peak_rss": sampler.peak, "rss_before": rss_before,
            "steps": steps, "stats": stats, "counts": load.row_counts(layout),
            **{k: row[k] for k in ("files_new", "files_changed", "files_removed")}}


def _time_steps() -> tuple[dict[str, float], dict[str, dict]]:
    """Wrap the :data:`TIMED` steps so their seconds add up in the first dict returned, and
    the ``stats`` of what they return (how much they recomputed) go in the second."""
    seconds: dict[str, float] = {}
    stats: dict[str, dict] = {}
    for label, module_name, name in TIMED:
        module = importlib.import_module(module_name)
        seconds[label] = 0.0
        setattr(module, name, _timer(getattr(module, name), label, seconds, stats))
    return seconds, stats


def _timer(fn, label: str, seconds: dict[str, float], stats: dict[str, dict]):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start
        if isinstance(getattr(result, "stats", None), dict):
            stats[label] = result.stats
        return result
    return timed


def phase_in_child(warehouse: Path, n: int, args: argparse.Namespace, phase: str) -> dict:
    """:func:`run_phase` in a fresh interpreter (its own peak memory); its JSON result."""
    cmd = [sys.executable, __file__, "--child", phase, "--warehouse", str(warehouse),
           "--sizes", str(n), "--seed", str(args.seed), "--workers", str(args.workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from newsetl.settings import Settings

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated document counts")
    p.add_argument("--workers", type=int, default=Settings().n_process)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work-dir", type=Path, default=None)
    p.add_argument("--keep", action="store_true", help="keep the warehouses")
    p.add_argument("--markdown", action="store_true", help="append to bench/RESULTS.md")
    p.add_argument("--child", choices=("cold", "rerun"), help=argparse.SUPPRESS)
    p.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        result = run_phase(args.warehouse, args.sizes[0], args.seed, args.child, args.workers)
        print(json.dumps(result, default=str))
        return 0
    base = Path(tempfile.mkdtemp(prefix="newsetl-load-bench-", dir=args.work_dir))
    results = []
    try:
        for n in args.sizes:
            warehouse = base / f"w{n}"
            print(f"[{time.strftime('%H:%M:%S')}] N={n}: cold load", file=sys.stderr)
            cold = phase_in_child(warehouse, n, args, "cold")
            print(f"[{time.strftime('%H:%M:%S')}] N={n}: 1 % re-run", file=sys.stderr)
            rerun = phase_in_child(warehouse, n, args, "rerun")
            results.append((n, cold, rerun))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    report = render(results, args)
    print(report)
    if args.markdown:
        append_markdown(report, argv)
    return 0


def render(results: list[tuple[int, dict, dict]], args: argparse.Namespace) -> str:
    head = ("| N | cold load s | re-run load s | re-run: resolve / stories / dedup s "
            "| re-run peak RSS MiB | cold peak RSS MiB | added / changed / removed |")
    lines = [head, "|---:|---:|---:|---:|---:|---:|---:|"]
    for n, cold, rerun in results:
        steps = " / ".join(f"{rerun['steps'][k]:.1f}" for k, _, _ in TIMED)
        lines.append(f"| {n} | {cold['load_s']:.1f} | {rerun['load_s']:.1f} | {steps} "
                     f"| {rerun['peak_rss'] / MIB:.0f} | {cold['peak_rss'] / MIB:.0f} "
                     f"| {rerun['files_new']} / {rerun['files_changed']} / "
                     f"{rerun['files_removed']} |")
    lines += ["", f"- workers {args.workers}, seed {args.seed}, load average "
              f"{psutil.getloadavg()[0]:.2f} (1 min) at the end"]
    lines += [f"- N={n}: rows {rerun['counts']}" for n, _, rerun in results]
    lines += [f"- N={n}: re-run {label} recomputed {s['rows_recomputed']} of {s['rows']} rows "
              f"({s['blocks_recomputed']} of {s['blocks']} blocks)"
              for n, _, rerun in results for label, s in rerun.get("stats", {}).items()]
    lines += ["", *targets(results)]
    return "\n".join(lines)


def targets(results: list[tuple[int, dict, dict]]) -> list[str]:
    """Issue 20's load-stage targets, each ``met`` or ``MISS``."""
    out = []
    if len(results) > 1:
        (n0, _, small), (n1, _, large) = results[0], results[-1]
        growth = large["load_s"] / small["load_s"]
        out.append(f"- {'met ' if growth <= TARGET_GROWTH else 'MISS'}  re-run load N {n0} -> "
                   f"{n1}: x{growth:.2f} (target <= x{TARGET_GROWTH:g} from 10k to 1M)")
    for n, _, rerun in results:
        gib = rerun["peak_rss"] / 1024 / MIB
        if n >= 1_000_000:
            out.append(f"- {'met ' if gib < TARGET_PEAK_GIB else 'MISS'}  peak RSS N={n}: "
                       f"{gib:.2f} GiB (target < {TARGET_PEAK_GIB:g} GiB)")
    return out


def append_markdown(report: str, argv: list[str] | None) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    command = " ".join(["python bench/load_bench.py", *(argv or sys.argv[1:])])
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(f"\n## {now}: load stage alone (synthetic rows)\n\n- commit: {head}\n"
                     f"- command: `{command}`\n\n{report}\n")


if __name__ == "__main__":
    sys.exit(main())
