"""Benchmark newsetl against spaCy's own limit, cold and after a 1% change (not a test).

For each size N it builds a corpus (bench/corpus.py: pages recombined from the bundled sample,
deterministic from ``--seed``), then measures on the same documents, with the same model
(``Settings().spacy_model``) and worker count (``--workers``, passed to the pipeline as
``NEWSETL_N_PROCESS``):

(a) raw spaCy: ``nlp.pipe`` over the clean bodies (cleaned before timing) with
    ``n_process=workers`` and spaCy's default batch size, on a plain ``spacy.load(model)``
    without newsetl's components: the physical limit of the NLP stage;
(b) ``newsetl run`` end to end, cold (fresh warehouse), as a subprocess, wall clock with
    nothing subtracted; its peak memory is the max over time of the RSS summed over the
    process and all its children, sampled every ``SAMPLE_INTERVAL_S``;
(c) ``newsetl run`` again on the same warehouse after rewriting ``CHANGE_FRACTION`` of files;
(d) ``newsetl run`` once more with nothing changed (the scheduled run that finds no news).

Prefect's fixed start-up is timed once by a run over an empty folder. Words are whitespace
tokens of the clean bodies, the same count for (a) and (b).

Usage: ``.venv/bin/python bench/run.py --sizes 1000,10000 [--workers 2] [--seed 1] [--keep]
[--markdown]``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import multiprocessing
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
corpus = importlib.import_module("bench.corpus")

CHANGE_FRACTION = 0.01
"""Share of the files rewritten before the re-run (c)."""
SAMPLE_INTERVAL_S = 0.1
"""Period of the RSS sampler."""
CLEAN_CHUNK = 16
"""Files per task when cleaning bodies for (a) in a process pool (before timing)."""
RESULTS = ROOT / "bench" / "RESULTS.md"
"""Where ``--markdown`` appends."""
TARGET_RATIO = 0.85
"""Issue 6: end-to-end throughput >= this x raw ``nlp.pipe``."""
TARGET_RERUN = 0.05
"""Issue 6: the 1%-changed re-run <= this x the cold run, plus the start-up."""
TARGET_STARTUP_S = 10.0
"""Issue 6: the fixed start-up is under this many seconds."""
TARGET_MEMORY_GROWTH = 1.25
"""Issue 6: peak memory at the largest size <= this x the peak at the smallest."""
MIB = 1024 * 1024


@dataclass(frozen=True)
class Result:
    """The measurements at one corpus size (seconds and bytes)."""

    n: int
    words: int
    raw_s: float
    cold_s: float
    rerun_s: float
    changed: int
    unchanged_s: float
    """(d): a second re-run, with no file changed."""
    startup_s: float
    peak_rss: int
    idle_rss: int
    digest: str
    stages: dict[str, dict[str, float]]
    """Per-stage seconds of runs (b) and (c), as newsetl's --json summary reports them."""

    def per_s(self, seconds: float) -> tuple[float, float]:
        """Documents and words per second for a stage that took ``seconds``."""
        return self.n / seconds, self.words / seconds


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; defaults come from newsetl's settings."""
    from newsetl.settings import Settings

    settings = Settings()
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000", help="Comma-separated corpus sizes (default 1000).")
    p.add_argument("--workers", type=int, default=settings.n_process,
                   help=f"spaCy worker processes for (a) and (b) (default {settings.n_process}).")
    p.add_argument("--seed", type=int, default=1, help="Corpus seed (default 1).")
    p.add_argument("--model", default=settings.spacy_model, help=argparse.SUPPRESS)
    p.add_argument("--keep", action="store_true", help="Keep the work dirs (printed).")
    p.add_argument("--work-dir", type=Path, help="Parent of the work dirs (default: a temp dir).")
    p.add_argument("--markdown", action="store_true", help=f"Append the result to {RESULTS}.")
    p.add_argument("--results", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not args.sizes or min(args.sizes) < 1 or args.workers < 1:
        p.error("--sizes must list positive integers and --workers must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark at every size, print the table, growth and targets."""
    args = parse_args(argv)
    command = shlex.join(["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    base = Path(tempfile.mkdtemp(prefix="newsetl-bench-", dir=args.work_dir))
    load_before = os.getloadavg()
    try:
        results = measure_all(args, base)
    except RunFailed as exc:
        print(f"bench: {exc}\nwork dirs kept in {base}", file=sys.stderr)
        return 1
    except BaseException:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        raise
    if args.keep:
        print(f"work dirs kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    report = render_report(results, args, load_before + os.getloadavg())
    print(report)
    if args.markdown:
        append_markdown(args.results, command, report, results)
        print(f"appended to {args.results}")
    return 0


def measure_all(args: argparse.Namespace, base: Path) -> list[Result]:
    """Load the model, harvest the sample, time the start-up, then measure each size."""
    import spacy

    nlp = spacy.load(args.model)
    parts = corpus.harvest(ROOT / "corpus" / "sample", nlp)
    (base / "empty").mkdir()
    startup_s, idle_rss, _ = run_newsetl(base / "empty", base / "empty-warehouse", args.workers)
    log(f"start-up (empty input): {startup_s:.1f} s, peak {idle_rss / MIB:.0f} MiB")
    return [measure(n, nlp, parts, args, base / f"n{n}", (startup_s, idle_rss))
            for n in args.sizes]


def measure(n: int, nlp, parts, args: argparse.Namespace, work: Path,
            empty_run: tuple[float, int]) -> Result:
    """Measurements (a), (b) and (c) at one size, in ``work``; ``empty_run`` is the seconds
    and peak RSS of the run over an empty folder."""
    paths = corpus.generate(parts, n, args.seed, work / "input")
    digest = corpus.digest(paths)
    bodies = clean_bodies(paths, args.workers)
    words = sum(len(body.split()) for body in bodies)
    log(f"N={n}: corpus {digest}, {words} words; (a) raw nlp.pipe ...")
    raw_s = time_raw(nlp, bodies, args.workers)
    del bodies
    log(f"N={n}: (a) {raw_s:.1f} s; (b) cold newsetl run ...")
    cold_s, peak, summary = run_newsetl(work / "input", work / "warehouse", args.workers)
    cold_stages = check_summary(summary, "files_seen", n)
    changed = corpus.change(parts, paths, CHANGE_FRACTION, args.seed)
    log(f"N={n}: (b) {cold_s:.1f} s, peak {peak / MIB:.0f} MiB; (c) {len(changed)} changed ...")
    rerun_s, _, summary = run_newsetl(work / "input", work / "warehouse", args.workers)
    rerun_stages = check_summary(summary, "files_changed", len(changed))
    log(f"N={n}: (c) {rerun_s:.1f} s; (d) nothing changed ...")
    unchanged_s, _, summary = run_newsetl(work / "input", work / "warehouse", args.workers)
    check_summary(summary, "files_unchanged", n)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return Result(n=n, words=words, raw_s=raw_s, cold_s=cold_s, rerun_s=rerun_s,
                  changed=len(changed), unchanged_s=unchanged_s, startup_s=empty_run[0],
                  peak_rss=peak, idle_rss=empty_run[1], digest=digest,
                  stages={"(b)": cold_stages, "(c)": rerun_stages})


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the report."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _clean_body(path: Path) -> str:
    from transforms.clean import page

    return page.process(path.read_text(encoding="utf-8")).body


def clean_bodies(paths: list[Path], workers: int) -> list[str]:
    """The cleaner's body of every file, in order (untimed preparation for (a))."""
    if workers == 1:
        return [_clean_body(p) for p in paths]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return list(pool.imap(_clean_body, paths, chunksize=CLEAN_CHUNK))


def time_raw(nlp, bodies: list[str], workers: int) -> float:
    """Seconds for ``nlp.pipe`` over the bodies, every Doc consumed and dropped."""
    start = time.perf_counter()
    for _doc in nlp.pipe(bodies, n_process=workers):
        pass
    return time.perf_counter() - start


class RssSampler(threading.Thread):
    """Samples the RSS summed over a process and its descendants; keeps the maximum."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, self._total())
            self.done.wait(SAMPLE_INTERVAL_S)

    def _total(self) -> int:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for proc in procs:
            with contextlib.suppress(psutil.Error):  # exited between listing and reading
                total += proc.memory_info().rss
        return total


def newsetl_command() -> str:
    """The ``newsetl`` executable beside this interpreter, else the checkout's venv one."""
    for candidate in (Path(sys.executable).parent / "newsetl", ROOT / ".venv" / "bin" / "newsetl"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("newsetl") or "newsetl"


class RunFailed(Exception):
    """A ``newsetl run`` of the benchmark exited non-zero (its stderr is kept in a log)."""


def run_newsetl(input_dir: Path, warehouse: Path, workers: int) -> tuple[float, int, dict]:
    """Run ``newsetl run`` as a subprocess: wall-clock seconds, peak tree RSS, its summary.

    Its stderr goes to ``<warehouse>.stderr.log`` beside the warehouse.
    """
    cmd = [newsetl_command(), "run", "-q", "--json", "--input", str(input_dir),
           "--warehouse", str(warehouse)]
    env = {**os.environ, "NEWSETL_N_PROCESS": str(workers)}
    log_path = warehouse.with_name(warehouse.name + ".stderr.log")
    with log_path.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
        sampler = RssSampler(proc.pid)
        sampler.start()
        out, _ = proc.communicate()
        seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RunFailed(f"{shlex.join(cmd)} exited {proc.returncode}; stderr in {log_path}")
    try:
        summary = json.loads(out)
    except json.JSONDecodeError:
        summary = {}
    return seconds, sampler.peak, summary


def check_summary(summary: dict, key: str, expected: int) -> dict[str, float]:
    """Warn when the run's own summary disagrees with what the benchmark gave it; return the
    per-stage seconds the summary reports (empty when it has none)."""
    run = summary.get("run", {})
    if run.get(key) != expected:
        log(f"WARNING: newsetl reported {key}={run.get(key)}, expected {expected}: {run}")
    stages = summary.get("stages")
    if not isinstance(stages, dict):
        return {}
    return {k: float(v) for k, v in stages.items() if isinstance(v, int | float)}


def table_rows(results: list[Result]) -> list[list[str]]:
    """The report table: a header row, then one row per size."""
    header = ["N", "words", "(a) s", "(a) docs/s", "(a) words/s", "(b) s", "(b) docs/s",
              "(b) words/s", "(b)/(a)", "(c) s", "(c)/(b)", "(d) s", "start-up s",
              "peak RSS (b) MiB"]
    rows = [header]
    for r in results:
        raw_docs, raw_words = r.per_s(r.raw_s)
        cold_docs, cold_words = r.per_s(r.cold_s)
        rows.append([f"{r.n}", f"{r.words}", f"{r.raw_s:.1f}", f"{raw_docs:.1f}",
                     f"{raw_words:.0f}", f"{r.cold_s:.1f}", f"{cold_docs:.1f}",
                     f"{cold_words:.0f}", f"{cold_docs / raw_docs:.2f}", f"{r.rerun_s:.1f}",
                     f"{r.rerun_s / r.cold_s:.2f}", f"{r.unchanged_s:.1f}", f"{r.startup_s:.1f}",
                     f"{r.peak_rss / MIB:.0f}"])
    return rows


def format_table(rows: list[list[str]], markdown: bool = False) -> str:
    """Rows as an aligned text table, or a Markdown pipe table."""
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---:" for _ in rows[0]) + "|")
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True))
                     for row in rows)


def growth_lines(results: list[Result]) -> list[str]:
    """How time and memory grow from each size to the next (ratios)."""
    lines = []
    for small, large in zip(results, results[1:], strict=False):
        fixed = small.startup_s
        lines.append(
            f"N {small.n} -> {large.n} (x{large.n / small.n:.1f}): "
            f"cold time x{large.cold_s / small.cold_s:.2f}, "
            f"cold time less start-up x{_ratio(large.cold_s - fixed, small.cold_s - fixed)}, "
            f"raw nlp.pipe time x{large.raw_s / small.raw_s:.2f}, "
            f"re-run time x{large.rerun_s / small.rerun_s:.2f}, "
            f"peak RSS x{large.peak_rss / max(small.peak_rss, 1):.2f}")
    return lines


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "n/a"


def target_lines(results: list[Result]) -> list[str]:
    """Issue 6's targets, each with the measured value and whether it is met."""
    lines = []
    for r in results:
        ratio = (r.n / r.cold_s) / (r.n / r.raw_s)
        allowed = TARGET_RERUN * r.cold_s + r.startup_s
        lines.append(_target(f"N={r.n}: (b)/(a) >= {TARGET_RATIO}", f"{ratio:.2f}",
                             ratio >= TARGET_RATIO))
        lines.append(_target(f"N={r.n}: (c) <= {TARGET_RERUN} x (b) + start-up = {allowed:.1f} s",
                             f"{r.rerun_s:.1f} s", r.rerun_s <= allowed))
    startup = results[0].startup_s
    lines.append(_target(f"start-up < {TARGET_STARTUP_S:.0f} s", f"{startup:.1f} s",
                         startup < TARGET_STARTUP_S))
    if len(results) > 1:
        lines += _growth_targets(results[0], results[-1])
    return lines


def _growth_targets(small: Result, large: Result) -> list[str]:
    """Memory and time growth between the smallest and the largest size."""
    memory = large.peak_rss / max(small.peak_rss, 1)
    size = large.n / small.n
    fixed = small.startup_s
    time_growth = (large.cold_s - fixed) / max(small.cold_s - fixed, 1e-9)
    return [
        _target(f"peak RSS N={large.n} <= {TARGET_MEMORY_GROWTH} x N={small.n}",
                f"x{memory:.2f}", memory <= TARGET_MEMORY_GROWTH),
        _target(f"cold time less start-up grows no worse than N (x{size:.1f})",
                f"x{time_growth:.2f}", time_growth <= size),
    ]


def _target(what: str, value: str, met: bool) -> str:
    return f"{'met ' if met else 'MISS'}  {what}: {value}"


def render_report(results: list[Result], args: argparse.Namespace, loads: tuple) -> str:
    """The printed report: settings, table, growth, targets."""
    digests = ", ".join(f"N={r.n}: {r.digest}" for r in results)
    parts = [
        f"- model {args.model}, workers {args.workers}, seed {args.seed}, corpus digests {digests}",
        f"- peak RSS of the start-up run (empty input, no documents): "
        f"{results[0].idle_rss / MIB:.0f} MiB",
        f"- load average before {loads[0]:.2f}, after {loads[3]:.2f} (1 min)",
        "", format_table(table_rows(results)), "",
        "(a) raw nlp.pipe on clean bodies; (b) newsetl run cold; (c) re-run after rewriting "
        f"{CHANGE_FRACTION:.0%} of the files ({', '.join(str(r.changed) for r in results)}); "
        "(d) re-run again, nothing changed; ratios: (b)/(a) of docs/s, (c)/(b) of seconds.",
    ]
    stages = [f"- N={r.n} {run}: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
              for r in results for run, times in r.stages.items() if times]
    if stages:
        parts += ["", "stages (from newsetl's summary):", "", *stages]
    growth = growth_lines(results)
    if growth:
        parts += ["", "growth:", "", *(f"- {line}" for line in growth)]
    parts += ["", "targets (issue 6):", "", *(f"- {line}" for line in target_lines(results))]
    return "\n".join(parts)


def machine() -> str:
    """nproc, RAM and CPU model of this machine, for the results file."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = psutil.virtual_memory().total / 1024**3
    return f"{os.cpu_count()} CPUs (nproc), {ram:.1f} GiB RAM, {model}"


def commit() -> str:
    """The checked-out commit (read-only git), marked when the work tree has changes."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def append_markdown(path: Path, command: str, report: str, results: list[Result]) -> None:
    """Append one dated section (machine, commit, command, table, growth, targets)."""
    text_table = format_table(table_rows(results))
    body = report.replace(text_table, format_table(table_rows(results), markdown=True))
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    section = (f"\n## {now}: sizes {', '.join(str(r.n) for r in results)}\n\n"
               f"- machine: {machine()}\n- commit: {commit()}\n- command: `{command}`\n\n"
               f"{body}\n")
    if not path.exists():
        section = "# Benchmark results\n\nAppended by `bench/run.py --markdown`; see " \
                  "bench/README.md for what each column measures.\n" + section
    with path.open("a", encoding="utf-8") as handle:
        handle.write(section)


if __name__ == "__main__":
    sys.exit(main())
