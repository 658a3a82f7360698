"""Child processes that end with the process that started them.

A run killed with SIGKILL runs no exit handler, so its children (spaCy workers, the temporary
Prefect server) must notice on their own and leave, instead of holding memory, ports and the
console's pipes. Standard library only: the server imports it before anything heavy.
"""

from __future__ import annotations

import os
import threading
import time

PARENT_CHECK_S = 1.0
"""How often a child checks that the process that started it is still alive."""


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def follow(parent: int) -> None:
    """Exit this process (from a daemon thread) as soon as ``parent`` is no longer its parent."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
