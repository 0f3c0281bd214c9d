"""Playwright + CDP measurements against Debian Chromium, for ``bench/web_bench.py``.

`first_visit_bytes()`  -> bytes on the wire of a cold first visit (CDP Network.loadingFinished
                          encodedDataLength = headers + body as received, i.e. compressed size),
                          plus the WebSocket payload (CDP only sees the inflated payload).
`slow4g_fcp()`         -> first-contentful-paint under "slow 4G" (1.6 Mbit/s down, 750 kbit/s up,
                          150 ms RTT), CPU x4 slowdown, cache disabled.
"""

from __future__ import annotations

import base64
import statistics
import time
import zlib
from contextlib import contextmanager
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--ignore-certificate-errors",  # the nginx run uses a self-signed certificate
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# "Slow 4G" as given in the brief. CDP wants bytes/second and ms.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}

# Selectors that mean "the page's heavy elements have rendered".
READY_SELECTORS = {
    "plotly": ".js-plotly-plot .main-svg",
    "deck": "[data-testid='stDeckGlJsonChart'] canvas",
    "app": "[data-testid='stApp']",
    "text": "[data-testid='stMarkdownContainer']",
}


@contextmanager
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def first_visit_bytes(
    url: str,
    wait_for: list[str] | None = None,
    settle_s: float = 2.0,
    timeout_ms: int = 60_000,
    _browser=None,
) -> dict:
    """Cold first visit: every byte the page moves, grouped by kind.

    A fresh browser context has an empty HTTP cache; Network.setCacheDisabled makes sure.
    """
    with _nullctx(_browser) if _browser else browser() as b:
        ctx = b.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        reqs: dict[str, dict] = {}
        ws = {"frames_in": 0, "bytes_in": 0, "frames_out": 0, "bytes_out": 0, "deflate_estimate_in": 0}
        outside: list[str] = []
        host = urlparse(url).netloc

        def on_req(e):
            u = e["request"]["url"]
            reqs[e["requestId"]] = {"url": u, "type": e.get("type", "")}
            if urlparse(u).netloc not in (host, "") and not u.startswith("data:"):
                outside.append(u)

        def on_resp(e):
            r = reqs.setdefault(e["requestId"], {"url": e["response"]["url"]})
            h = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
            r["status"] = e["response"]["status"]
            r["encoding"] = h.get("content-encoding", "")
            r["mime"] = e["response"].get("mimeType", "")
            r["type"] = e.get("type", r.get("type", ""))

        def on_done(e):
            r = reqs.setdefault(e["requestId"], {"url": "?"})
            r["wire"] = int(e["encodedDataLength"])

        def _payload(e) -> bytes:
            r = e["response"]
            data = r.get("payloadData", "")
            return base64.b64decode(data) if r.get("opcode") == 2 else data.encode()

        def on_ws_in(e):
            data = _payload(e)
            ws["frames_in"] += 1
            ws["bytes_in"] += len(data)
            # CDP reports the inflated payload; estimate permessage-deflate's wire size
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            ws["deflate_estimate_in"] += len(c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)) - 4

        def on_ws_out(e):
            ws["frames_out"] += 1
            ws["bytes_out"] += len(_payload(e))

        cdp.on("Network.requestWillBeSent", on_req)
        cdp.on("Network.responseReceived", on_resp)
        cdp.on("Network.loadingFinished", on_done)
        cdp.on("Network.webSocketFrameReceived", on_ws_in)
        cdp.on("Network.webSocketFrameSent", on_ws_out)

        t0 = time.monotonic()
        page.goto(url, wait_until="load", timeout=timeout_ms)
        for key in wait_for or ["app"]:
            page.wait_for_selector(READY_SELECTORS.get(key, key), state="attached", timeout=timeout_ms)
        ready_s = time.monotonic() - t0
        page.wait_for_timeout(settle_s * 1000)
        title = page.title()
        lang = page.evaluate("document.documentElement.lang")
        ctx.close()

    done = [r for r in reqs.values() if "wire" in r]
    http_total = sum(r["wire"] for r in done)
    by_kind: dict[str, int] = {}
    for r in done:
        path = urlparse(r["url"]).path
        kind = (
            "js"
            if path.endswith(".js")
            else "css"
            if path.endswith(".css")
            else "font"
            if path.endswith((".woff2", ".woff", ".ttf"))
            else "document"
            if r.get("type") == "Document"
            else "other"
        )
        by_kind[kind] = by_kind.get(kind, 0) + r["wire"]
    top = sorted(done, key=lambda r: -r["wire"])[:8]
    return {
        "url": url,
        "http_requests": len(done),
        "http_wire_bytes": http_total,
        "by_kind": by_kind,
        "encodings": sorted({r.get("encoding", "") for r in done}),
        "top": [(urlparse(r["url"]).path, r["wire"], r.get("encoding", "")) for r in top],
        "websocket_payload": ws,
        "outside_hosts": outside,
        "ready_s": round(ready_s, 2),
        "title": title,
        "lang": lang,
    }


@contextmanager
def _nullctx(x):
    yield x


def slow4g_fcp(
    url: str,
    runs: int = 3,
    network: dict | None = None,
    cpu_rate: float = 4,
    timeout_ms: int = 180_000,
    ready: list[str] | None = None,
    _browser=None,
) -> dict:
    """First contentful paint (ms) under slow-4G + CPU x4, cold cache. Median of `runs`.

    Each run uses a fresh context (empty cache), Network.setCacheDisabled, and reads
    performance.getEntriesByType('paint'). Also returns the time until Streamlit's first
    element rendered ("app_content_ms"), which is what a reader actually waits for.
    """
    results = []
    with _nullctx(_browser) if _browser else browser() as b:
        for _ in range(runs):
            ctx = b.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", network or SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_rate})
            page.goto(url, wait_until="commit", timeout=timeout_ms)
            page.wait_for_function(
                "performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')",
                timeout=timeout_ms,
                polling=100,
            )
            fcp = page.evaluate(
                "performance.getEntriesByType('paint')"
                ".find(e => e.name === 'first-contentful-paint').startTime"
            )
            content = None
            try:  # Streamlit pages: first markdown block; static pages: already there.
                page.wait_for_selector("[data-testid='stMarkdownContainer'], main h1", timeout=timeout_ms)
                content = page.evaluate("performance.now()")
            except Exception:
                pass
            ready_ms = None
            if ready:  # e.g. ["plotly", "deck"]: the page's heavy elements have rendered
                for key in ready:
                    page.wait_for_selector(
                        READY_SELECTORS.get(key, key), state="attached", timeout=timeout_ms
                    )
                ready_ms = round(page.evaluate("performance.now()"))
            results.append(
                {
                    "fcp_ms": round(fcp),
                    "content_ms": round(content) if content else None,
                    "ready_ms": ready_ms,
                }
            )
            ctx.close()
    fcps = [r["fcp_ms"] for r in results]
    cont = [r["content_ms"] for r in results if r["content_ms"]]
    rdy = [r["ready_ms"] for r in results if r["ready_ms"]]
    return {
        "url": url,
        "runs": results,
        "fcp_median_ms": statistics.median(fcps),
        "content_median_ms": statistics.median(cont) if cont else None,
        "ready_median_ms": statistics.median(rdy) if rdy else None,
    }
