"""The server process makes no outside request, ever: started with outbound connections blocked
(an empty network namespace, loopback only), served pages, sitemap, share images and a browser
session, and faced with cross-origin WebSocket handshakes, it attempted nothing.

Two witnesses around the server process only: a PEP 578 audit hook (``netaudit/``: every
``socket.connect``/``getaddrinfo``/``sendto`` that is not loopback, with a stack) and
``strace`` (the syscalls, so C libraries that bypass Python's socket module are seen too). A
control run with Streamlit's own start-up lookups switched back on shows that both witnesses
do catch the lookups the app avoids.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ..conftest import REPO, require
from ..servers import CHROMIUM, free_port

pytestmark = pytest.mark.slow

NETAUDIT = Path(__file__).with_name("netaudit")
_INET = re.compile(r'sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([\d.]+)"\)')
_INET6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')


def outside_syscalls(strace_log: str) -> list[str]:
    """strace lines reaching outside: IPv4 not 127/8, IPv6 not ::1, or anything to port 53."""
    bad = []
    for line in strace_log.splitlines():
        for rx, local in (
            (_INET, lambda a: a.startswith("127.")),
            (_INET6, lambda a: a in ("::1", "::") or a.startswith("::ffff:127.")),
        ):
            m = rx.search(line)
            if m and (m.group(1) == "53" or not local(m.group(2))):
                bad.append(line.strip())
    return bad


CLIENT = r"""
import sys, time, urllib.request
port = int(sys.argv[1]); base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        if urllib.request.urlopen(base + "/_stcore/health", timeout=2).status == 200:
            break
    except Exception:
        time.sleep(0.2)
else:
    sys.exit("server did not come up")
for path in ["/", "/towns", "/plain/towns", "/plain/whatshere", "/sitemap.xml", "/robots.txt",
             "/og/overview-zh.png"]:
    urllib.request.urlopen(base + path, timeout=120).read()
from websockets.sync.client import connect
from websockets.exceptions import InvalidStatus
for origin in ["http://evil.example", "http://localhost:1"]:
    try:
        connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin=origin,
                subprotocols=["streamlit"], open_timeout=20).close()
        print("ws accepted", origin)
    except InvalidStatus as e:
        print("ws refused", origin, e.response.status_code)
if sys.argv[2] == "browser":
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page()
        page.goto(base + "/towns")
        page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", state="attached", timeout=180000)
        b.close()
print("client done")
"""


class IsolatedServer:
    """``streamlit run app.py`` in a new network namespace, under strace and the audit hook."""

    def __init__(self, tmp: Path, args: list[str], cwd: Path = REPO) -> None:
        self.tmp = tmp
        self.port = free_port()
        self.audit_log = tmp / "netaudit.jsonl"
        self.strace_log = tmp / "strace.log"
        self.out = open(tmp / "server.log", "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ARSHAN_", "STREAMLIT_"))}
        (tmp / "home").mkdir()
        env.update(
            HOME=str(tmp / "home"),
            PYTHONPATH=os.pathsep.join([str(NETAUDIT), str(REPO)]),
            NETAUDIT_LOG=str(self.audit_log),
            PYTHONUNBUFFERED="1",
            ARSHAN_FEEDBACK_STORE=str(tmp / "feedback.sqlite3"),
        )
        app = str(cwd / "app.py")
        cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(self.port), *args]
        cmd = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-e", "signal=none",
               "-o", str(self.strace_log), *cmd]  # fmt: skip
        # unshare execs sh, sh execs strace: self.proc.pid is inside the namespace
        cmd = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *cmd]
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.out, stderr=subprocess.STDOUT)
        mine = os.readlink("/proc/self/ns/net")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # nsenter must wait until unshare has run
            try:
                if os.readlink(f"/proc/{self.proc.pid}/ns/net") != mine:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise AssertionError("the server did not enter a new network namespace")

    def run_client(self, mode: str) -> subprocess.CompletedProcess:
        script = self.tmp / "client.py"
        script.write_text(textwrap.dedent(CLIENT))
        cmd = ["nsenter", "-t", str(self.proc.pid), "-n", sys.executable, str(script), str(self.port), mode]
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=420)

    def stop(self) -> None:
        children = []
        for task in Path(f"/proc/{self.proc.pid}/task").glob("*"):
            try:
                children += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        for pid in children or [self.proc.pid]:  # SIGTERM the traced python; strace ends with it
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.out.close()

    def findings(self) -> tuple[list[dict], list[str], str]:
        audit = []
        if self.audit_log.exists():
            audit = [json.loads(line) for line in self.audit_log.read_text().splitlines() if line.strip()]
        strace = self.strace_log.read_text() if self.strace_log.exists() else ""
        log = (self.tmp / "server.log").read_text(errors="replace")
        return audit, outside_syscalls(strace), log


def _isolated(tmp_path: Path, args: list[str], mode: str, cwd: Path = REPO):
    require(
        os.geteuid() == 0 and all(shutil.which(x) for x in ("unshare", "nsenter", "ip", "strace")),
        "needs root, unshare, nsenter, ip and strace (apt-get install util-linux iproute2 strace)",
    )
    server = IsolatedServer(tmp_path, args, cwd)
    try:
        client = server.run_client(mode)
    finally:
        server.stop()
    audit, syscalls, log = server.findings()
    assert "client done" in client.stdout, client.stdout + client.stderr + log[-3000:]
    return audit, syscalls, log, client.stdout


def test_the_server_attempts_no_outside_connection(tmp_path):
    mode = "browser" if CHROMIUM.exists() else "http"
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    audit, syscalls, log, out = _isolated(tmp_path, [], mode)
    assert audit == [], json.dumps(audit, indent=1)
    assert syscalls == [], "\n".join(syscalls)
    assert "Did not auto detect external IP" not in log
    assert "URL: http://localhost:" in log  # the start-up line, without the lookups
    assert "ws refused http://evil.example 403" in out  # decided without looking anything up
    assert "ws accepted http://localhost:1" in out


def test_the_witnesses_see_the_lookups_streamlit_would_make(tmp_path):
    """Control: the same app.py from a folder without the project's ``.streamlit/config.toml``
    (so Streamlit's defaults apply: no ``browser.serverAddress``), both witnesses catch the
    external-IP lookup and the UDP connect to 8.8.8.8 — inside the empty namespace, so nothing
    actually leaves the machine."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(REPO / "app.py", elsewhere / "app.py")
    audit, syscalls, log, _ = _isolated(tmp_path, ["--server.headless", "true"], "http", elsewhere)
    targets = " ".join(entry["target"] for entry in audit)
    assert "checkip.amazonaws.com" in targets and "8.8.8.8" in targets, audit
    assert any("net_util.py" in " ".join(entry["stack"]) for entry in audit)
    assert any("8.8.8.8" in line for line in syscalls), syscalls
