#!/usr/bin/env python3
"""Time the clean stage's per-page transform (``transforms.clean.page.process``).

    .venv/bin/python bench/clean_speed.py [DIR ...] [--repeat N]

Reads every ``*.txt`` under each DIR (default: ``../shared/corpus/dev-pages/pages`` and
``corpus/sample``), cleans each page once to warm the caches, then ``--repeat`` times more
(default 1) and prints milliseconds per page (mean, median, 95th percentile, largest) and
milliseconds per 1,000 lines, so that growth with page size can be read off. A script, not a
test: run it on a quiet machine. Issue 19's budget: cleaning at most 10 % of a cold run's time
at 10k documents (``bench/run.py``'s stage summary shows both).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.clean import page  # noqa: E402

DEFAULT_DIRS = (ROOT.parent / "shared" / "corpus" / "dev-pages" / "pages",
                ROOT / "corpus" / "sample")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    for folder in args.dirs:
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
        if not texts:
            continue
        for text in texts:
            page.process(text)  # warm-up: model file, stop lists, language detector
        times = []
        for _ in range(args.repeat):
            for text in texts:
                start = time.perf_counter()
                page.process(text)
                times.append(time.perf_counter() - start)
        lines = sum(text.count("\n") + 1 for text in texts) * args.repeat
        ms = sorted(t * 1000 for t in times)
        print(f"{folder}: {len(texts)} pages, ms/page mean {statistics.mean(ms):.2f} "
              f"median {statistics.median(ms):.2f} p95 {ms[int(0.95 * (len(ms) - 1))]:.2f} "
              f"max {ms[-1]:.2f}; ms per 1,000 lines {sum(ms) / lines * 1000:.2f}")


if __name__ == "__main__":
    main()
