"""The progress channel and the console that renders it, with synthetic stage events."""

from __future__ import annotations

import io
import threading
from concurrent.futures import Future

from rich.console import Console

from newsetl import progress
from newsetl.console import StageBars, print_summary


class Recorder(list):
    def __call__(self, event: progress.Event) -> None:
        self.append(event)


def test_events_reach_listeners_only_while_they_listen():
    seen = Recorder()
    progress.advance("clean")  # nobody listens: a no-op
    with progress.listening(seen):
        progress.start("clean", 3, unit="files")
        for _ in progress.iterate("clean", ["a", "b", "c"]):
            pass
        progress.done("clean", 3)
    progress.advance("clean")
    assert [e.kind for e in seen] == ["start", "advance", "advance", "advance", "done"]
    assert (seen[0].total, seen[0].unit, seen[-1].n) == (3, "files", 3)


def test_stages_report_from_other_threads():
    seen = Recorder()
    with progress.listening(seen):
        threads = [threading.Thread(target=progress.advance, args=("extract", 2))
                   for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sum(e.n for e in seen) == 16


def test_track_raises_the_count_per_batch_and_starts_the_next_stage():
    batches = []
    for size in (256, 44):
        future: Future = Future()
        future.set_result(size)
        batches.append(future)
    seen = Recorder()
    with progress.listening(seen):
        assert progress.track("clean", batches, int, then="extract") == [256, 44]
    assert [(e.kind, e.stage, e.n) for e in seen] == [
        ("reach", "clean", 256), ("start", "extract", None), ("reach", "clean", 300),
        ("done", "clean", 300)]


def test_clock_times_each_stage_from_first_event_to_done():
    clock = progress.Clock()
    for kind, stage, at in [("start", "ingest", 0.0), ("done", "ingest", 0.5),
                            ("start", "clean", 0.5), ("advance", "clean", 1.0),
                            ("start", "extract", 1.0), ("done", "clean", 2.0),
                            ("done", "extract", 4.25)]:
        clock(progress.Event(kind, stage, at=at))
    assert clock.seconds() == {"ingest": 0.5, "clean": 1.5, "extract": 3.25}


def test_bars_show_counts_and_rate_per_stage():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with StageBars(console) as bars, progress.listening(bars):
        progress.start("clean", 4, unit="files")
        progress.advance("clean", 3)
        progress.reach("clean", 2)  # a batch floor below the per-file count changes nothing
        progress.done("clean")
        progress.start("load", 1, unit="snapshot")
        progress.done("load", 1)
    final = out.getvalue().rsplit("\r", 1)[-1]
    assert "clean" in final and "3/3 files" in final and "files/s" in final
    assert "1/1 snapshot" in final


def test_summary_lists_files_rows_stages_and_paths():
    out = io.StringIO()
    summary = {"run": {"run_id": "R1", "files_seen": 1200, "files_new": 3, "files_changed": 1,
                       "files_unchanged": 1190, "files_rejected": 6, "files_removed": 0},
               "tables": {"documents": 1194, "entities": 20000},
               "stages": {"ingest": 0.12, "extract": 120.5}, "input": "/in", "warehouse": "/wh"}
    print_summary(summary, Console(file=out, width=100))
    text = out.getvalue()
    for expected in ("R1", "1,200", "1,190", "20,000", "120.5", "extract", "/wh", "/in"):
        assert expected in text
