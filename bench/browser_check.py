"""Confirm the light client's byte counts with a real browser (Debian's Chromium, Playwright).

    .venv/bin/python -m bench.browser_check [--pages overview,pattern,towns] [--reruns 3]

Starts the app like ``python -m bench`` does, opens each page in headless Chromium, then reruns
it with Streamlit's "r" shortcut (sent to the document, not typed); counts the WebSocket frames
the browser receives (their payloads, as the browser's message cache sees them) and every HTTP
response by kind (Streamlit's static files, media). Checks that no page shows an error — in
particular no "Cached ForwardMsg MISS", which a wrong cache setting would cause. Prints a small
table and writes ``bench/results/browser_check.json``. Not run by ``python -m bench`` (it needs Chromium).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.server import app_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
RESULTS = REPO / "bench" / "results" / "browser_check.json"


READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
RERUN_JS = """() => { for (const type of ['keydown', 'keyup'])
  document.dispatchEvent(new KeyboardEvent(type, {key: 'r', bubbles: true})); }"""


def check_page(browser, port: int, page_name: str, reruns: int) -> dict:
    """Open one page, rerun it ``reruns`` times; bytes received and errors seen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    frames: list[int] = []
    http = {"static": 0, "media": 0, "other": 0}
    console_errors: list[str] = []

    def on_frame(payload) -> None:
        frames.append(len(payload) if isinstance(payload, (bytes, str)) else 0)

    def on_response(response) -> None:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have none
            return
        path = response.url.split("//", 1)[-1].split("/", 1)[-1]
        kind = "static" if path.startswith("static/") else "media" if path.startswith("media/") else "other"
        http[kind] += size

    def on_console(msg) -> None:
        if msg.type == "error":
            console_errors.append(msg.text)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.on("response", on_response)
    page.on("console", on_console)
    page.goto(f"http://127.0.0.1:{port}/{page_name}")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(1500)
    first = sum(frames)
    rerun_bytes = []
    for _ in range(reruns):
        before = len(frames)
        # Streamlit's rerun shortcut, sent to its listener on ``document`` itself: the site stops
        # a bare "r" from the keyboard before it gets there (ui/frame.py keyboard(), issue 12).
        page.evaluate(RERUN_JS)
        page.wait_for_timeout(300)
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_timeout(700)
        rerun_bytes.append(sum(frames[before:]))
    errors = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()
    context.close()
    return {
        "page": page_name,
        "first_ws_bytes": first,
        "rerun_ws_bytes": rerun_bytes,
        "http_bytes": http,
        "error_elements": errors,
        "cache_misses": [e for e in console_errors if "MISS" in e],
    }


def main(argv=None) -> int:
    import tempfile

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="overview,pattern,towns,tourism")
    parser.add_argument("--reruns", type=int, default=3)
    args = parser.parse_args(argv)
    out = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        server = app_server()
        server.env["ARSHAN_FEEDBACK_STORE"] = str(Path(tmp) / "feedback.sqlite3")
        with server:
            server.wait_healthy()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for page_name in args.pages.split(","):
                result = check_page(browser, server.port, page_name, args.reruns)
                out.append(result)
                http = result["http_bytes"]
                print(
                    f"{page_name:<12} first {result['first_ws_bytes'] / 1000:7.1f} kB  reruns "
                    f"{', '.join(f'{r / 1000:.1f}' for r in result['rerun_ws_bytes'])} kB  "
                    f"static {http['static'] / 1e6:.2f} MB  media {http['media'] / 1000:.1f} kB  "
                    f"errors {result['error_elements']}  cache misses {len(result['cache_misses'])}",
                    flush=True,
                )
            browser.close()
    RESULTS.write_text(
        json.dumps({"generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "pages": out}, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0 if all(not p["error_elements"] and not p["cache_misses"] for p in out) else 1


if __name__ == "__main__":
    sys.exit(main())
