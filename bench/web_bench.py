"""The open edition and the light embedded default, measured (``make bench`` runs it; alone:
``.venv/bin/python -m bench.web_bench``). Writes ``bench/results/web.json``:

- plain-page weight: each plain page in both languages with its stylesheet, gzip'd (budget
  100 kB);
- first visit on the wire (CDP ``encodedDataLength`` + the WebSocket's deflated payload) of
  the heaviest plan pages (towns, overview, pattern, heritage, implementation), cold cache,
  under ``make run`` (the app alone) and behind the shipped nginx configuration (budget 3 MB);
- first contentful paint on emulated Slow 4G (1.6 Mbit/s, 150 ms RTT, CPU ×4), median of
  ``--runs``: the plain page, the same interactive page, a bare one-line Streamlit page.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import cdp  # noqa: E402
from bench.server import app_server, bare_server, free_port  # noqa: E402

RESULTS = REPO / "bench" / "results" / "web.json"
BUDGETS = {"plain_page_gzip_bytes": 100_000, "first_visit_bytes": 3_000_000}
HEAVY = ("towns", "overview", "pattern", "heritage", "implementation")


def get(url: str, headers: dict[str, str] | None = None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=120) as r:
        return r.read()


def plain_weights(port: int) -> dict:
    from arshan_data.site import PLAIN_PAGES

    css = len(gzip.compress(get(f"http://127.0.0.1:{port}/plain/plain.css")))
    out = {}
    for entry in PLAIN_PAGES:
        for lang, query in (("zh", ""), ("en", "?lang=en")):
            body = get(f"http://127.0.0.1:{port}/plain/{entry.url_path}{query}")
            out[f"{entry.url_path}-{lang}"] = {
                "html": len(body),
                "gzip_with_css": len(gzip.compress(body)) + css,
            }
    return out


def first_visit(browser, url: str) -> dict:
    result = cdp.first_visit_bytes(url, wait_for=["app"], settle_s=3.0, timeout_ms=180_000, _browser=browser)
    ws = result["websocket_payload"]["deflate_estimate_in"]
    return {
        "http_bytes": result["http_wire_bytes"],
        "websocket_bytes_est": ws,
        "total_bytes": result["http_wire_bytes"] + ws,
        "requests": result["http_requests"],
        "encodings": result["encodings"],
        "outside_hosts": result["outside_hosts"],
    }


@contextlib.contextmanager
def behind_nginx(app_port: int):
    """The shipped deploy/nginx/arxan.conf in front of ``app_port`` (as tests/test_deploy_nginx.py)."""
    from tests.test_deploy_nginx import BROTLI_MODULE, NGINX, local_conf, nginx_cmd

    if not NGINX.exists():
        yield None
        return
    work = Path(tempfile.mkdtemp(prefix="arxan-bench-nginx-"))
    work.chmod(0o755)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    https = free_port()
    main = local_conf(
        work, app_port=app_port, http_port=free_port(), https_port=https, brotli=BROTLI_MODULE.exists()
    )
    nginx = subprocess.Popen(nginx_cmd(work, main, "-g", "daemon off;"), stderr=subprocess.DEVNULL)
    try:
        import ssl
        import time

        tls = ssl.create_default_context()
        tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"https://127.0.0.1:{https}/_stcore/health", timeout=2, context=tls)
                break
            time.sleep(0.2)
        yield f"https://127.0.0.1:{https}"
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="Slow-4G runs per page (median)")
    args = ap.parse_args(argv)
    out: dict = {"budgets": BUDGETS}
    with tempfile.TemporaryDirectory() as tmp, cdp.browser() as browser:
        server = app_server()
        with server:
            server.wait_healthy()
            base = f"http://127.0.0.1:{server.port}"
            get(f"{base}/plain/overview")  # warm the plain edition's caches
            out["plain_pages"] = plain_weights(server.port)
            out["first_visit_make_run"] = {p: first_visit(browser, f"{base}/{p}") for p in HEAVY}
            with behind_nginx(server.port) as proxied:
                if proxied:
                    out["first_visit_nginx"] = {p: first_visit(browser, f"{proxied}/{p}") for p in HEAVY}
            bare = bare_server(Path(tmp) / "bare")
            with bare:
                bare.wait_healthy()
                fcp = {
                    "plain /plain/towns": f"{base}/plain/towns",
                    "interactive /towns": f"{base}/towns",
                    "bare one-line Streamlit page": f"http://127.0.0.1:{bare.port}/",
                }
                out["slow4g_fcp"] = {
                    name: cdp.slow4g_fcp(url, runs=args.runs, _browser=browser) for name, url in fcp.items()
                }
    RESULTS.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(out))
    return 0


def report(out: dict) -> str:
    lines = ["plain pages (gzip, with stylesheet; budget 100 kB):"]
    weights = out["plain_pages"]
    heaviest = max(weights, key=lambda k: weights[k]["gzip_with_css"])
    lines.append(
        f"  heaviest {heaviest}: {weights[heaviest]['gzip_with_css'] / 1000:.1f} kB; "
        f"median {sorted(w['gzip_with_css'] for w in weights.values())[len(weights) // 2] / 1000:.1f} kB"
    )
    for where in ("first_visit_make_run", "first_visit_nginx"):
        for page, r in out.get(where, {}).items():
            verdict = "PASS" if r["total_bytes"] <= BUDGETS["first_visit_bytes"] else "MISS"
            lines.append(
                f"{where} /{page}: {r['total_bytes'] / 1e6:.2f} MB in {r['requests']} requests "
                f"{r['encodings']} {verdict}"
            )
    lines.append("Slow 4G first contentful paint (median):")
    for name, r in out["slow4g_fcp"].items():
        lines.append(f"  {name}: {r['fcp_median_ms'] / 1000:.2f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
