"""The shipped nginx configuration (deploy/nginx/arxan.conf), run for real in front of the app.

Debian's nginx with a temporary prefix, pid, logs, cache and a self-signed certificate (the
system nginx is never touched); the file's ports, upstream, cache path and certificate are
swapped for temporary ones and every swap is asserted, so the test follows the file. One
``streamlit run`` of the app on a free loopback port behind it. Checks: ``nginx -t``; the
static JS compressed (gzip) and cacheable; ``/_stcore/metrics`` blocked although the app
serves it; the WebSocket through the proxy (a rerun BackMsg answered by a ForwardMsg, with a
browser's Origin and the app restricted to its host name); the sticky-session cookie; http →
https. With the brotli module installed, the brotli snippet too.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO, require
from .servers import free_port, wait_healthy

pytestmark = pytest.mark.slow

NGINX = Path("/usr/sbin/nginx")
CONF = REPO / "deploy" / "nginx" / "arxan.conf"
BROTLI_CONF = REPO / "deploy" / "nginx" / "arxan-brotli.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def swap(text: str, pattern: str, replacement: str, count: int = 1) -> str:
    new, found = re.subn(pattern, replacement, text, flags=re.M)
    assert found == count, f"deploy/nginx/arxan.conf changed: {pattern!r} found {found}×, expected {count}"
    return new


def local_conf(work: Path, *, app_port: int, http_port: int, https_port: int, brotli: bool) -> Path:
    text = CONF.read_text(encoding="utf-8")
    text = swap(text, r"^\s*listen \[::\]:\d+.*\n", "", count=2)
    text = swap(text, r"listen 80;", f"listen 127.0.0.1:{http_port};")
    text = swap(text, r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    text = swap(
        text,
        r"^(\s*)server 127\.0\.0\.1:\d+ (.*);\n(?:\s*server 127\.0\.0\.1:\d+ .*;\n)*",
        rf"\1server 127.0.0.1:{app_port} \2;\n",
    )
    text = swap(text, r"/var/cache/nginx/arxan", str(work / "cache"))
    text = swap(text, r"/etc/ssl/arxan/fullchain\.pem", str(work / "cert.pem"))
    text = swap(text, r"/etc/ssl/arxan/privkey\.pem", str(work / "key.pem"))
    if brotli:
        text = swap(text, r"# include /etc/nginx/snippets/arxan-brotli\.conf;", f"include {BROTLI_CONF};")
    site = work / "arxan.conf"
    site.write_text(text, encoding="utf-8")
    main = work / "nginx.conf"
    module = f"load_module {BROTLI_MODULE};\n" if brotli else ""
    main.write_text(
        f"{module}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {work}/access.log;\n"
        + "".join(
            f"  {kind}_temp_path {work}/tmp-{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {site};\n}}\n",
        encoding="utf-8",
    )
    return main


def nginx_cmd(work: Path, main: Path, *extra: str) -> list[str]:
    return [str(NGINX), "-p", str(work), "-e", str(work / "error.log"), "-c", str(main), *extra]


def get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        reply = urllib.request.urlopen(request, timeout=30, context=TLS)
    except urllib.error.HTTPError as error:  # 3xx/4xx are answers too
        return error.code, error.headers, error.read()
    with reply:
        return reply.status, reply.headers, reply.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def proxied_app():
    require(NGINX.exists(), f"{NGINX} is missing (apt-get install nginx-light)")
    require(shutil.which("openssl") is not None, "openssl is missing (apt-get install openssl)")
    work = Path(tempfile.mkdtemp(prefix="arxan-nginx-"))
    work.chmod(0o755)  # nginx's workers (nobody when run as root) read and write under it
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(work / "key.pem"),
            "-out",
            str(work / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    brotli = BROTLI_MODULE.exists()
    main = local_conf(work, app_port=app_port, http_port=http_port, https_port=https_port, brotli=brotli)
    env = {
        **os.environ,
        "ARSHAN_FEEDBACK_STORE": str(work / "feedback.sqlite3"),
        "STREAMLIT_SERVER_ALLOWED_HOSTS": "127.0.0.1",
        "STREAMLIT_SERVER_COOKIE_SECRET": "test-only-cookie-secret-" + "0" * 40,
    }
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(app_port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    nginx = None
    try:
        check = subprocess.run(nginx_cmd(work, main, "-t"), capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen(
            nginx_cmd(work, main, "-g", "daemon off;"), stderr=subprocess.PIPE, text=True
        )
        wait_healthy(f"http://127.0.0.1:{app_port}/_stcore/health", app, 90)
        wait_healthy(f"https://127.0.0.1:{https_port}/_stcore/health", nginx, 15, context=TLS)
        yield {
            "base": f"https://127.0.0.1:{https_port}",
            "http": f"http://127.0.0.1:{http_port}",
            "app": f"http://127.0.0.1:{app_port}",
            "brotli": brotli,
            "nginx_test": check.stderr,
        }
    finally:
        if nginx is not None:
            stop(nginx, signal.SIGQUIT)
        stop(app)
        shutil.rmtree(work, ignore_errors=True)


def test_nginx_accepts_the_configuration(proxied_app):
    assert "syntax is ok" in proxied_app["nginx_test"] and "test is successful" in proxied_app["nginx_test"]


def test_static_js_is_compressed_and_cacheable(proxied_app):
    status, headers, page = get(proxied_app["base"] + "/")
    assert status == 200
    assert re.search(r"arxan_route=[0-9a-f]{32};", headers.get("Set-Cookie", "")), "no sticky-session cookie"
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', page)
    assert script, "no /static/js/*.js in the page"
    path = "/" + script.group(1).decode()
    status, headers, body = get(proxied_app["base"] + path, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    _, _, plain = get(proxied_app["app"] + path)  # what the app itself sends: uncompressed
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    assert "immutable" in headers.get("Cache-Control", "")
    _, again, _ = get(proxied_app["base"] + path, {"Accept-Encoding": "gzip"})
    assert again.get("X-Cache-Status") == "HIT"
    if proxied_app["brotli"]:
        _, headers, _ = get(proxied_app["base"] + path, {"Accept-Encoding": "br"})
        assert headers.get("Content-Encoding") == "br"


def test_the_plain_edition_is_compressed_cached_and_revalidated(proxied_app):
    status, headers, body = get(proxied_app["base"] + "/plain/towns?lang=en", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    page = gzip.decompress(body)
    assert b'<html lang="en">' in page and b"<script" not in page and b"<svg" in page
    assert headers.get("Cache-Control") == "no-cache" and headers.get("ETag")
    assert "Set-Cookie" not in headers  # no sticky session for pages without one
    _, again, _ = get(proxied_app["base"] + "/plain/towns?lang=en", {"Accept-Encoding": "gzip"})
    assert again.get("X-Cache-Status") == "HIT"
    status, _, _ = get(
        proxied_app["base"] + "/plain/towns?lang=en",
        {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]},
    )
    assert status == 304
    status, headers, _ = get(proxied_app["base"] + "/plain/plain.css", {"Accept-Encoding": "gzip"})
    assert status == 200 and "max-age=" in headers.get("Cache-Control", "")
    status, _, body = get(proxied_app["base"] + "/plain/no-such-page")
    assert status == 404 and b"<script" not in body
    status, _, doc = get(proxied_app["base"] + "/towns?lang=en")
    assert status == 200 and b'<html lang="en">' in doc and b'property="og:image"' in doc


def test_metrics_are_blocked_at_the_proxy(proxied_app):
    assert get(proxied_app["app"] + "/_stcore/metrics")[0] == 200  # the app does serve them
    assert get(proxied_app["base"] + "/_stcore/metrics")[0] in (403, 404)


def test_plain_http_redirects_to_https(proxied_app):
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(proxied_app["http"] + "/towns?lang=en", timeout=10)
    assert answer.value.code == 301
    assert (
        answer.value.headers["Location"].startswith("https://")
        and "/towns?lang=en" in answer.value.headers["Location"]
    )


def test_websocket_through_the_proxy(proxied_app):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    base = proxied_app["base"]
    _, headers, _ = get(base + "/")
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    # A browser's handshake: same-origin Origin header; the app only admits the host 127.0.0.1,
    # so this passes only if nginx forwards the Host header as the browser sent it.
    with connect(
        base.replace("https", "wss") + "/_stcore/stream",
        ssl=TLS,
        subprotocols=["streamlit"],
        origin=base,
        additional_headers={"Cookie": cookie},
        open_timeout=15,
    ) as ws:
        assert ws.subprotocol == "streamlit"
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_name = ""
        ws.send(request.SerializeToString())
        kinds = []
        deadline = time.monotonic() + 20
        while "new_session" not in kinds and time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(ws.recv(timeout=20))
            kinds.append(msg.WhichOneof("type"))
    assert "new_session" in kinds, kinds
