"""Shared by the tests that start real processes (app servers, nginx) and drive Chromium."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

#: Debian's Chromium (Playwright's own browser download does not work on these machines).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(
    url: str,
    proc: subprocess.Popen,
    timeout: float = 90,
    *,
    context=None,
    log: Callable[[], str] = lambda: "",
) -> None:
    """Poll ``url`` (a health endpoint) until it answers 200 — or fail with ``log()`` when the
    process exits or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"{' '.join(map(str, proc.args[:4]))} exited with {proc.returncode}:\n{log()}"
            )
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2, context=context) as reply:
                if reply.status == 200:
                    return
        time.sleep(0.2)  # polling interval of a starting server, not a wait for a page
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{log()}")
