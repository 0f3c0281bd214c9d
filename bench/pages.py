"""Per page: warm script-run time, first-load and rerun bytes, against a real ``streamlit run``.

For every entry of ``arshan_data.ui.frame.PAGES`` (and a bare one-line Streamlit app, the floor):

- ``first``: a new session opens the page by its URL path (like a browser on page load, after the
  server is warm): time to ``script_finished``, the WebSocket messages' bytes (uncompressed) and
  the bytes on the wire (permessage-deflate as negotiated), plus the media files the browser
  fetches over HTTP as it draws the page (``st.image``, and the file behind every download
  button whose data is not deferred: the frontend fetches it to check the URL);
- ``rerun``: the same session asks for ``--runs`` reruns, declaring its cached message hashes like
  the browser; a pause between runs lets Streamlit's post-run garbage collection finish, as a
  reader's next click would. Median and p95 of request → ``script_finished``, bytes per rerun,
  and the server's CPU time per rerun (from /proc, so post-run gc and serialisation count);
- ``first_no_compression``: first-load wire bytes from a server with
  ``server.enableWebsocketCompression = false`` (Streamlit's default).
"""

from __future__ import annotations

import asyncio
import os
import statistics
from pathlib import Path

from .server import Server, fetch
from .stclient import StreamlitClient


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def media_bytes(port: int, urls: list[str]) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        path = url if url.startswith("/") else "/" + url.split("/", 3)[-1]
        total += len(fetch(port, path)[1])
    return total


async def first_load(port: int, page: str, *, compress: bool = True) -> dict:
    client = StreamlitClient("127.0.0.1", port, compress=compress)
    await client.connect()
    try:
        result = await client.run(page_name=page)
    finally:
        await client.close()
    return {
        "seconds": result.seconds,
        "message_bytes": result.message_bytes,
        "wire_bytes": result.wire_bytes,
        "messages": result.messages,
        "deck_bytes": result.deck_bytes,
        "media": result.media,
        "errors": result.errors,
        "alerts": result.alerts,
        "compression": client.compression,
        "element_bytes": result.element_bytes,
    }


async def measure_page(server: Server, page: str, runs: int, pause: float) -> dict:
    client = StreamlitClient("127.0.0.1", server.port)
    await client.connect()
    try:
        first = await client.run(page_name=page)
        first_media = media_bytes(server.port, first.media)
        for _ in range(2):  # let the session settle (query params written back, widget defaults)
            await asyncio.sleep(pause)
            await client.run()
        times, message_bytes, wire_bytes, hits, cpu = [], [], [], [], 0.0
        last = None
        for _ in range(runs):
            await asyncio.sleep(pause)
            before = cpu_seconds(server.proc.pid)
            last = await client.run()
            await asyncio.sleep(pause)  # the post-run gc happens after script_finished
            cpu += cpu_seconds(server.proc.pid) - before
            times.append(last.seconds)
            message_bytes.append(last.message_bytes)
            wire_bytes.append(last.wire_bytes)
            hits.append(last.ref_hits)
    finally:
        await client.close()
    return {
        "page": page,
        "first": {
            "seconds": round(first.seconds, 4),
            "message_bytes": first.message_bytes,
            "wire_bytes": first.wire_bytes,
            "media_bytes": first_media,
            "messages": first.messages,
            "deck_bytes": first.deck_bytes,
            "errors": first.errors,
            "alerts": first.alerts,
            "element_bytes": first.element_bytes,
            "compression": client.compression,
        },
        "rerun": {
            "n": runs,
            "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(pct(times, 0.95) * 1000, 1),
            "min_ms": round(min(times) * 1000, 1),
            "cpu_ms_per_run": round(cpu / runs * 1000, 1),
            "message_bytes": int(statistics.median(message_bytes)),
            "wire_bytes": int(statistics.median(wire_bytes)),
            "cached_refs": int(statistics.median(hits)),
            "element_bytes": last.element_bytes if last else {},
        },
    }


async def warm_up(port: int, pages: list[str]) -> None:
    """One session opens every page once: per-process caches filled, modules imported."""
    client = StreamlitClient("127.0.0.1", port)
    await client.connect()
    try:
        for page in pages:
            await client.run(page_name=page)
            await client.run()
    finally:
        await client.close()


def run_pages(server: Server, pages: list[str], *, runs: int, pause: float, log=print) -> list[dict]:
    async def go():
        await warm_up(server.port, pages)
        results = []
        for page in pages:
            result = await measure_page(server, page, runs, pause)
            log(
                f"  {page or '(bare)':<16} rerun median {result['rerun']['median_ms']:7.1f} ms  "
                f"first {result['first']['message_bytes'] / 1000:7.1f} kB  "
                f"rerun {result['rerun']['message_bytes'] / 1000:6.1f} kB"
            )
            results.append(result)
        return results

    return asyncio.run(go())


def run_first_loads(server: Server, pages: list[str]) -> dict[str, dict]:
    async def go():
        await warm_up(server.port, pages)
        return {page: await first_load(server.port, page) for page in pages}

    return asyncio.run(go())


def static_entry(port: int) -> dict:
    """Streamlit's own files a first visit starts with: index.html and the JS/CSS it names."""
    import gzip
    import re

    _, html, _ = fetch(port, "/")
    assets = sorted(set(re.findall(rb'(?:src|href)="\.?/?(static/[^"]+\.(?:js|css))"', html)))
    raw = len(html)
    gz = len(gzip.compress(html, 6))
    for asset in assets:
        _, body, _ = fetch(port, "/" + asset.decode())
        raw += len(body)
        gz += len(gzip.compress(body, 6))
    return {
        "files": len(assets) + 1,
        "bytes": raw,
        "gzip6_bytes": gz,
        "note": "entry bundles only; the browser loads more chunks per element type"
        " (NOTES-streamlit.md: ~10.8 MB uncompressed on a first visit with plotly and deck.gl)",
    }
