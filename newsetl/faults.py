"""Fault injection points for crash-safety tests.

``NEWSETL_FAULT=<name>`` makes the process kill itself with SIGKILL when it reaches the point
of that name: no ``finally`` block, no exit handler runs, exactly like an OOM kill or a power
cut of the process. Unset (always, in production) a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "NEWSETL_FAULT"

POINTS = (
    "after-ingest", "mid-clean", "after-extract", "mid-merge", "after-merge",
    "after-resolve", "before-seal", "after-seal", "after-db-swap", "after-link-swap",
    "before-cleanup",
)
"""Every named point, in the order a run reaches them."""


def point(name: str) -> None:
    """Die here with SIGKILL if the environment asks for it."""
    if name not in POINTS:
        raise ValueError(f"unknown fault point {name!r}")
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
