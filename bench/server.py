"""Start and stop real ``streamlit run`` servers for the benchmark; read their memory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE_APP = 'import streamlit as st\n\nst.write("Hello")\n'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One ``streamlit run`` process on a free loopback port (killed on exit, with its group)."""

    def __init__(
        self,
        script: Path,
        cwd: Path,
        *,
        options: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
    ):
        self.script, self.cwd = script, cwd
        # As deployed (deploy/systemd/arxan@.service): loopback, no file watcher.
        self.options = {
            "server.headless": "true",
            "browser.gatherUsageStats": "false",
            "server.address": "127.0.0.1",
            "server.fileWatcherType": "none",
            **(options or {}),
        }
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0
        self.log = tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log", delete=False)

    def start(self) -> Server:
        args = [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.port", str(self.port)]
        for name, value in self.options.items():
            args += [f"--{name}", value]
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            args,
            cwd=self.cwd,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_healthy(self, timeout: float = 120) -> float:
        """Seconds from process start until /_stcore/health answers ``ok``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}): {self.tail()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2
                ) as reply:
                    if reply.read() == b"ok":
                        return time.perf_counter() - self.started_at
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"server not healthy after {timeout} s: {self.tail()}")

    def rss_mb(self) -> float:
        """Resident memory of the server process (MB, from /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def cleanup(self) -> None:
        self.stop()
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()


def app_server(**options: str) -> Server:
    """The Arxan app as deployed: app.py with the repository's .streamlit/config.toml."""
    return Server(REPO / "app.py", REPO, options=options)


#: A trivial page with as many small elements as the largest plan page (~150): Streamlit's own
#: per-element cost (message, hash, serialisation, compression) with no app work.
MANY_ELEMENTS_APP = (
    "import streamlit as st\n\nfor i in range(150):\n    st.caption(f'Element {i}: 规划 {i * 7}')\n"
)


def bare_server(folder: Path, *, script: str = BARE_APP, app_config: bool = True, **options: str) -> Server:
    """A trivial app (the floor): with the app's config.toml, or Streamlit's stock defaults."""
    folder.mkdir(parents=True, exist_ok=True)
    if app_config:
        (folder / ".streamlit").mkdir(exist_ok=True)
        (folder / ".streamlit" / "config.toml").write_text(
            (REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    path = folder / "bare_app.py"
    path.write_text(script, encoding="utf-8")
    if not app_config:  # stock Streamlit, only loopback and no telemetry like every server here
        return Server(path, folder, options={"server.fileWatcherType": "auto", **options})
    return Server(path, folder, options=options)


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return reply.status, reply.read(), dict(reply.headers)
