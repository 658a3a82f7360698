"""Prefect's temporary API server for one ``newsetl run``, started before Prefect is imported.

Without a configured API (``PREFECT_API_URL``), Prefect starts a temporary server in a
subprocess when the flow first needs it: after the command has imported Prefect, the pipeline
and the server's own modules, so the parent's imports and the server's start (most of it
importing the same modules again) run one after the other. ``newsetl run`` instead starts the
same server (Prefect's ``create_app(ephemeral=True)`` under uvicorn, as Prefect runs it) as the
command's first step, so it comes up on one core while the command imports on the other; then it
points Prefect at it. The parent then never imports the server's modules. A user's own
``PREFECT_API_URL`` (environment, profile or prefect.toml) still wins: the server is then
stopped unused.

Run as ``python -m newsetl.apiserver FD PARENT_PID``: serve on the listening socket FD that
the parent bound (no port race) until stopped, or until the parent is gone.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping

from newsetl import lifeline

HEALTH_POLL_S = 0.05
"""Pause between health checks while the server starts (Prefect's own loop uses 0.1 s)."""
HEALTH_REQUEST_TIMEOUT_S = 2.0
"""Timeout of one health request; a starting server refuses connections at once."""
STOP_WAIT_S = 5.0
"""Grace period after SIGTERM before the server is killed (as Prefect's own stop)."""

SERVER_ENV = {"PREFECT_UI_ENABLED": "0",
              "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
              "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
"""The temporary server serves the API only, as Prefect's own temporary server, and skips the
registration of block types at start: a run uses no blocks, and registering imports every
installed Prefect collection first (prefect-dask imports Dask), about 0.5 s of its start-up
on the 2-core machine (Prefect 3.8.8). Block types registered before stay in the database."""


class TemporaryServer:
    """A Prefect API server subprocess serving on a socket bound by this process."""

    def __init__(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/api"
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "newsetl.apiserver", str(sock.fileno()), str(os.getpid())],
                pass_fds=(sock.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                # its own session: a Ctrl-C of the command reaches the command only, which
                # then stops the server in order (atexit) instead of interrupting its start
                start_new_session=True,
                env={**os.environ, **SERVER_ENV})
        finally:
            sock.close()  # the child holds its own copy
        atexit.register(self.stop)

    def wait_healthy(self, timeout_s: float) -> bool:
        """Wait until the API answers its health check: True, or False if the process exited.

        Raises:
            TimeoutError: The server neither answered nor exited within ``timeout_s``.
        """
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if _answers(f"{self.url}/health"):
                return True
            time.sleep(HEALTH_POLL_S)
        raise TimeoutError(f"the temporary Prefect server did not start within {timeout_s:g} s "
                           "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period); safe to call twice."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _answers(url: str) -> bool:
    """Whether ``url`` answers 200 (a starting server refuses the connection)."""
    try:
        with urllib.request.urlopen(url, timeout=HEALTH_REQUEST_TIMEOUT_S) as response:
            return response.status == 200
    except OSError:
        return False


def wanted(environ: Mapping[str, str] = os.environ,
           modules: Mapping[str, object] = sys.modules) -> bool:
    """Whether to start a server early: Prefect is not imported yet (once it is, its settings
    are fixed, as under a test harness) and the environment neither names an API nor forbids
    a temporary server."""
    allowed = environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true").lower()
    return ("prefect" not in modules and not environ.get("PREFECT_API_URL")
            and allowed not in ("0", "false", "no", "off"))


def start() -> TemporaryServer | None:
    """Start a temporary server now if :func:`wanted`; use it later with :func:`adopt`."""
    return TemporaryServer() if wanted() else None


def adopt(server: TemporaryServer | None) -> None:
    """Point Prefect at ``server`` once it is healthy; Prefect must be importable now.

    The user's Prefect configuration wins: if it names an API or forbids a temporary server,
    ``server`` is stopped unused, as it is when it failed to start (Prefect then starts its
    own, and reports its errors).
    """
    if server is None:
        return
    import prefect.context
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        server.stop()
        return
    if not server.wait_healthy(settings.server.ephemeral.startup_timeout_seconds):
        server.stop()
        return
    os.environ["PREFECT_API_URL"] = server.url  # children (Dask workers) inherit it
    prefect.context.refresh_global_settings_context()


def serve(fd: int, parent: int) -> None:
    """Serve Prefect's API, as its temporary server does, on the listening socket ``fd``."""
    lifeline.follow(parent)
    import uvicorn
    from prefect.server.api.server import create_app

    config = uvicorn.Config(create_app(ephemeral=True, final=True), log_level="error",
                            lifespan="on")
    uvicorn.Server(config).run(sockets=[socket.socket(fileno=fd)])


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
