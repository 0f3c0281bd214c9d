"""The real app (``streamlit run``) driven in Debian's Chromium with Playwright.

One server and one browser for this package (``scope="package"``: both are closed before the
other test folders run, because Playwright's sync API keeps an asyncio loop running while it is
open, which breaks ``asyncio.run`` and a second ``sync_playwright`` in later tests); a new
browser context for every test. Every
context goes through ``OfflineGuard``: a request (HTTP or WebSocket) to any host but the app's
own is recorded and aborted, and the test that caused it fails. See tests/browser/README.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from arshan_data.feedback.auth import hash_password

from ..conftest import REPO, require
from ..servers import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy

STAFF_PASSWORD = "browser-test staff password"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
#: Hosts that are the app itself; any other http(s)/ws(s) host is an outside request.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
#: Playwright waits (expect, wait_for) give up after this many milliseconds.
WAIT_MS = 45_000

#: Every server this session started, so a failing test can show their logs.
_SERVERS: list[AppServer] = []


class AppServer:
    """``streamlit run app.py`` on a free port with the embedded defaults.

    The environment is the test process's minus every ``ARSHAN_*`` and ``STREAMLIT_*`` variable
    and with ``HOME`` in a temp folder (no ~/.streamlit config or secrets), plus only what the
    tests need: a temp SQLite feedback store, a staff password hash and no minimum fill-in time.
    """

    def __init__(self, folder: Path, name: str = "app", env: dict[str, str] | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.name = name
        self.log_path = folder / "server.log"
        #: True until a browser context is opened for this server (see ``fresh_server``).
        self.fresh = True
        extra, env = (
            env or {},
            {k: v for k, v in os.environ.items() if not k.startswith(("ARSHAN_", "STREAMLIT_"))},
        )
        home = folder / "home"
        home.mkdir(exist_ok=True)
        env.update(
            HOME=str(home),
            PYTHONUNBUFFERED="1",
            ARSHAN_FEEDBACK_STORE=str(folder / "feedback.sqlite3"),
            ARSHAN_STAFF_PASSWORD_HASH=hash_password(STAFF_PASSWORD, iterations=10_000),
            ARSHAN_MIN_SUBMIT_SECONDS="0",
            **extra,
        )
        self._log = open(self.log_path, "w", encoding="utf-8")  # closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
            ],
            cwd=REPO,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        _SERVERS.append(self)

    def wait_healthy(self, timeout: float = 120) -> None:
        """Until ``/_stcore/health`` answers (fails with the server's log if it exits first)."""
        wait_healthy(f"{self.url}/_stcore/health", self.proc, timeout, log=self.log_tail)

    def log_tail(self, lines: int = 120) -> str:
        if not self._log.closed:
            self._log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def _start(folder: Path, name: str, env: dict[str, str] | None = None) -> AppServer:
    server = AppServer(folder, name, env)
    try:
        server.wait_healthy()
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="package")
def chromium_path() -> Path:
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, "the playwright Python package is missing (pip install -r requirements-dev.txt)")
    return CHROMIUM


@pytest.fixture(scope="package")
def app_server(chromium_path, tmp_path_factory):
    """The app for the browser tests. Started lazily by the first test that needs it."""
    server = _start(tmp_path_factory.mktemp("app-server"), "session")
    yield server
    server.stop()


#: Tianditu's tile hosts (the only outside hosts when an operator configures that basemap).
TIANDITU_HOST = re.compile(r"t[0-7]\.tianditu\.gov\.cn")


@pytest.fixture
def tianditu_server(chromium_path, tmp_path_factory):
    """The app with the Tianditu basemap switched on (and a made-up key)."""
    server = _start(
        tmp_path_factory.mktemp("tianditu-server"),
        "tianditu",
        {"ARSHAN_BASEMAP": "tianditu", "ARSHAN_TIANDITU_KEY": "browser-test-key"},
    )
    yield server
    server.stop()


@pytest.fixture
def fresh_server(app_server, tmp_path_factory):
    """A server no browser has opened yet: the session's when it is still fresh (the browser
    tests are ordered so that this is the case), else a second one just for this test."""
    if app_server.fresh:
        yield app_server
        return
    server = _start(tmp_path_factory.mktemp("fresh-server"), "fresh")
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- the offline guard -------------------------------------------------------------------------
def is_outside(url: str) -> bool:
    """An http(s)/ws(s) URL whose host is not the app's own (data:, blob:, about: are local)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


class OfflineGuard:
    """Records every outside request any browser context of the session attempted."""

    def __init__(self):
        self.seen: list[tuple[str, str, str]] = []  # (who, kind, url)

    def _record(self, who: str, kind: str, url: str) -> None:
        if (who, kind, url) not in self.seen:
            self.seen.append((who, kind, url))

    def install(self, context, who: str) -> None:
        def on_route(route):
            url = route.request.url
            if is_outside(url):
                self._record(who, f"http {route.request.resource_type}", url)
                route.abort("blockedbyclient")
            else:
                route.continue_()

        def on_web_socket(ws):
            if is_outside(ws.url):
                self._record(who, "websocket", ws.url)
                ws.close()
            else:
                ws.connect_to_server()

        def on_request(request):  # also sees what a route might miss (service workers, cache)
            if is_outside(request.url):
                self._record(who, f"request {request.resource_type}", request.url)

        context.route("**/*", on_route)
        context.route_web_socket("**/*", on_web_socket)
        context.on("request", on_request)

    def by(self, who: str) -> list[str]:
        return [f"{kind}: {url}" for w, kind, url in self.seen if w == who]

    def report(self) -> str:
        return "\n".join(f"  {url}  ({kind}, {who})" for who, kind, url in self.seen)


@pytest.fixture(scope="package")
def offline_guard() -> OfflineGuard:
    return OfflineGuard()


def open_context(
    browser,
    guard: OfflineGuard,
    server: AppServer,
    who: str,
    *,
    width: int = 1920,
    height: int = 1080,
    **options,
):
    """A fresh browser context on ``server`` (Chinese locale, Beijing time) behind the guard;
    ``options`` go to Playwright's ``new_context`` (e.g. ``java_script_enabled=False``)."""
    server.fresh = False
    context = browser.new_context(
        viewport={"width": width, "height": height},
        base_url=server.url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        **options,
    )
    context.set_default_timeout(WAIT_MS)
    guard.install(context, who)
    return context


@pytest.fixture
def new_context(browser, offline_guard, request):
    """``new_context(server, width=..., height=...)``: a context for this test, closed after it;
    the test fails if the context contacted another host."""
    contexts = []

    def make(server: AppServer, **options):
        contexts.append(open_context(browser, offline_guard, server, request.node.nodeid, **options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()
    outside = offline_guard.by(request.node.nodeid)
    assert not outside, "the browser contacted hosts other than the app:\n" + "\n".join(outside)


@pytest.fixture(scope="package")
def walks(browser, offline_guard, app_server):
    """Every page in Chinese and in English, each walk one session through the sidebar, the two
    taking turns so that one page loads while the other is checked (see walks.py)."""
    from .walks import run_together, walk

    contexts = {
        lang: open_context(browser, offline_guard, app_server, f"{lang} walk") for lang in ("zh", "en")
    }
    try:
        return run_together({lang: walk(context, lang) for lang, context in contexts.items()})
    finally:
        for context in contexts.values():
            context.close()


def _walk(walks, lang):
    if isinstance(walks[lang], BaseException):
        raise walks[lang]
    return walks[lang]


@pytest.fixture(scope="package")
def zh_walk(walks):
    return _walk(walks, "zh")


@pytest.fixture(scope="package")
def en_walk(walks):
    return _walk(walks, "en")


# --- test order and failure reports ------------------------------------------------------------
#: Run first among the browser tests (needs a server no browser has opened) and last (sums up).
FIRST = ("test_deep_link_on_a_fresh_server",)
LAST = ("test_no_request_leaves_the_app",)
#: pytest-timeout budget for a test that may set up the walks (about a minute per walked page).
WALK_TIMEOUT_S = 1800


def pytest_collection_modifyitems(session, config, items):
    """Keep the browser tests where they are, but put the fresh-server deep link first among
    them and the offline summary last."""
    here = Path(__file__).parent
    slots = [i for i, item in enumerate(items) if here in Path(str(item.fspath)).parents]
    mine = [items[i] for i in slots]

    def rank(item) -> int:
        name = item.originalname or item.name
        return 0 if name in FIRST else 2 if name in LAST else 1

    for slot, item in zip(slots, sorted(mine, key=rank), strict=True):
        items[slot] = item
    # The first test that needs the walks also sets them up: 16 pages × 2 languages, each loaded,
    # checked and photographed at two sizes. pytest-timeout counts that setup against the one
    # test, so those tests get a budget per walked page rather than the suite's per-test one.
    for item in mine:
        if "walks" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(WALK_TIMEOUT_S))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test shows the end of each app server's log."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and _SERVERS and Path(__file__).parent in Path(str(item.fspath)).parents:
        for server in _SERVERS:
            report.sections.append((f"{server.name} app server log ({server.log_path})", server.log_tail()))


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
