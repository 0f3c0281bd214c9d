"""Streamlit's own frontend files (``/static/...``) served compressed and cacheable.

Why: Streamlit 1.67 deliberately serves ``/static/*`` uncompressed (its gzip middleware
bypasses that prefix). A first visit to a page with a plotly chart and a pydeck map then moves
~12 MB. Behind nginx that is the proxy's job; under ``make run`` (no proxy) this middleware
does it, so the embedded default is light too. It runs as *user* middleware of ``st.App``
(user middleware wraps Streamlit's, so it sees the request first).

Behaviour
- GET/HEAD of {baseUrlPath}/static/<file> that exists in streamlit/static/static/.
- Accept-Encoding negotiated with q-values: br (if the `brotli` module is importable) > gzip >
  identity. Only for compressible types (.js .css .svg .json .map .txt .html .ttf); woff2, png,
  gif are passed through untouched.
- Cache-Control "public, max-age=31536000, immutable" for content-hashed names
  (`name.AbCd1234.ext`, Vite style), "no-cache" otherwise. Always `Vary: Accept-Encoding` on
  compressible files (identity answers too, so a shared cache keeps variants apart).
- Per-representation strong ETag (Streamlit's md5(mtime-size) + "-br"/"-gzip"), 304 on
  If-None-Match. Content-Length always set.
- Range requests are handed to Streamlit's own StaticFiles (identity bytes, 206), since a byte
  range of a compressed representation is rarely what a client wants.
- A /static/ path that names no file answers 404 (Streamlit answers index.html with 200,
  which a browser then rejects as a JS module with a MIME error).
- Compressed copies live in `cache_dir/<streamlit version>/<relpath>.<br|gz>`, written
  atomically (tmp + os.replace). A miss is compressed on demand in a worker thread at a fast
  level (br 5 / gzip 6, <0.6 s for plotly's 4.7 MB bundle), concurrent misses of one file are
  coalesced. ``build()`` (CLI: ``python -m arshan_data.web.compress build [CACHE_DIR]``) or
  ``warm="background"`` (the default of ``web.middleware()``) writes the best levels (br 11 /
  gzip 9) once per Streamlit version in a *separate process* at the lowest CPU priority
  (``nice 19``), under a lock file so that two servers sharing a cache build it once: the
  minute of brotli 11 never competes with the server's own event loop or a first visitor.
- Disk full / read-only / permission denied: logged once, the disk cache is switched off and
  copies are kept in a bounded in-memory LRU instead; if compression itself fails the request
  falls through to Streamlit's uncompressed answer. A request never fails because of the cache.
"""

from __future__ import annotations

import asyncio
import errno
import gzip
import hashlib
import logging
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import OrderedDict
from email.utils import formatdate

try:  # PyPI ``brotli`` (requirements.txt); without it the files go out gzip'd
    import brotli
except ImportError:  # pragma: no cover - depends on the venv
    brotli = None

import anyio

from arshan_data.config import REPO_ROOT

log = logging.getLogger("arshan_data.web.compress")

COMPRESSIBLE = {".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".html", ".ttf", ".xml"}
TYPES = {
    ".js": "application/javascript",  # what Streamlit's FileResponse sends, kept identical
    ".mjs": "application/javascript",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".map": "application/json",
    ".ttf": "font/ttf",
    ".woff2": "font/woff2",
    ".html": "text/html; charset=utf-8",
}
HASHED = re.compile(r"\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$")
SAFE_REL = re.compile(r"^[A-Za-z0-9._@+\-][A-Za-z0-9._@+\-/]*$")
IMMUTABLE = "public, max-age=31536000, immutable"
EXT = {"br": ".br", "gzip": ".gz"}
CHUNK = 256 * 1024
#: Where the compressed copies live by default (``var/`` is the app's writable folder).
CACHE_DIR = REPO_ROOT / "var" / "static-cache"


def _streamlit_dir() -> str:
    """Streamlit's installed package folder, found without importing it (this package does not
    import Streamlit; the import contract holds that)."""
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    assert spec is not None and spec.origin, "streamlit is not installed"
    return os.path.dirname(spec.origin)


def streamlit_static_dir() -> str:
    """The frontend build Streamlit serves at ``/static/`` (``streamlit/static/static``)."""
    return os.path.join(_streamlit_dir(), "static", "static")


def streamlit_version() -> str:
    from importlib.metadata import version

    return version("streamlit")


def compress(data: bytes, encoding: str, best: bool) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11 if best else 5)
    # mtime=0: identical bytes on every build (stable across restarts/replicas)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


def parse_accept_encoding(value: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in value.split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip().lower()
        if not token:
            continue
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        out[token] = q
    return out


def choose_encoding(accept: str, have_brotli: bool) -> str | None:
    prefs = parse_accept_encoding(accept)
    star = prefs.get("*", 0.0)
    cands = []
    if have_brotli:
        cands.append(("br", prefs.get("br", star)))
    cands.append(("gzip", prefs.get("gzip", prefs.get("x-gzip", star))))
    best = max(cands, key=lambda c: c[1])  # max keeps the first (br) on a tie
    return best[0] if best[1] > 0 else None


class _MemoryLRU:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[tuple, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            v = self.items.get(key)
            if v is not None:
                self.items.move_to_end(key)
            return v

    def put(self, key, value: bytes) -> None:
        if len(value) > self.max_bytes:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self.items[key] = value
            self.size += len(value)
            while self.size > self.max_bytes:
                _, v = self.items.popitem(last=False)
                self.size -= len(v)


class StaticCompressor:
    """Finds or makes the compressed copy of one static file. Thread-safe, never raises OSError."""

    def __init__(self, static_dir: str, cache_dir: str | None, memory_bytes: int = 64 << 20) -> None:
        self.static_dir = os.path.realpath(static_dir)
        self.cache_root = os.path.join(os.path.abspath(cache_dir), streamlit_version()) if cache_dir else None
        self.disk_ok = self.cache_root is not None
        self.memory = _MemoryLRU(memory_bytes)
        self._inflight: dict[tuple, asyncio.Future] = {}

    # -- disk -----------------------------------------------------------------------------
    def cached_path(self, rel: str, enc: str) -> str:
        assert self.cache_root
        return os.path.join(self.cache_root, rel + EXT[enc])

    def _disk_failed(self, exc: OSError) -> None:
        if self.disk_ok:
            log.warning(
                "static cache dir %s unusable (%s); using in-memory copies",
                self.cache_root,
                errno.errorcode.get(exc.errno or 0, exc),
            )
        self.disk_ok = False

    def lookup_disk(self, rel: str, enc: str, src_stat: os.stat_result) -> tuple[str, int] | None:
        if not self.disk_ok:
            return None
        p = self.cached_path(rel, enc)
        try:
            st = os.stat(p)
        except OSError:
            return None
        if st.st_mtime < src_stat.st_mtime or st.st_size == 0:
            return None  # stale (a reinstall touched the source) or truncated
        return p, st.st_size

    def write_disk(self, rel: str, enc: str, data: bytes) -> bool:
        if not self.disk_ok:
            return False
        dest = self.cached_path(rel, enc)
        tmp = None
        try:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(dest), prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; a deploy-time build may run as another user
            os.replace(tmp, dest)
            return True
        except OSError as exc:  # ENOSPC, EROFS, EACCES, EDQUOT ...
            if tmp:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
            self._disk_failed(exc)
            return False

    # -- compression ----------------------------------------------------------------------
    def make(self, rel: str, enc: str, best: bool) -> bytes:
        with open(os.path.join(self.static_dir, rel), "rb") as f:
            data = f.read()
        out = compress(data, enc, best)
        if not self.write_disk(rel, enc, out):
            self.memory.put((rel, enc), out)
        return out

    async def get(self, rel: str, enc: str, src_stat: os.stat_result) -> tuple[str | bytes, int] | None:
        """(path_on_disk | bytes, size), or None if no compressed copy can be had."""
        hit = self.lookup_disk(rel, enc, src_stat)
        if hit:
            return hit
        mem = self.memory.get((rel, enc))
        if mem is not None:
            return mem, len(mem)
        key = (rel, enc)
        fut = self._inflight.get(key)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._inflight[key] = fut
            try:
                data = await anyio.to_thread.run_sync(self.make, rel, enc, False)
                fut.set_result(data)
            except Exception as exc:  # MemoryError, a vanished file, a brotli error...
                log.warning("compressing %s as %s failed: %r; serving identity", rel, enc, exc)
                fut.set_result(None)
            finally:
                self._inflight.pop(key, None)
        data = await asyncio.shield(fut)
        return (data, len(data)) if data is not None else None

    MARKER = ".best-complete"

    def best_build_done(self) -> bool:
        return self.cache_root is not None and os.path.exists(os.path.join(self.cache_root, self.MARKER))

    def prune_other_versions(self) -> None:
        """Drop copies made for other Streamlit versions (their hashed names are dead)."""
        if not self.cache_root:
            return
        parent = os.path.dirname(self.cache_root)
        try:
            for name in os.listdir(parent):
                if name != os.path.basename(self.cache_root):
                    shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
        except OSError:
            pass

    def build(self, best: bool = True, encodings: tuple[str, ...] | None = None) -> dict:
        """Compress every compressible file (deploy step or background warm-up)."""
        self.prune_other_versions()
        encs = encodings or (("br", "gzip") if brotli else ("gzip",))
        n = raw = packed = 0
        for dirpath, _, files in os.walk(self.static_dir):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, self.static_dir)
                if os.path.splitext(name)[1] not in COMPRESSIBLE:
                    continue
                for enc in encs:
                    try:
                        if self.lookup_disk(rel, enc, os.stat(full)) and best is False:
                            continue
                        out = self.make(rel, enc, best)
                    except Exception as exc:
                        log.warning("build: %s %s failed: %r", rel, enc, exc)
                        continue
                    n += 1
                    packed += len(out)
                raw += os.path.getsize(full)
                if not self.disk_ok:
                    return {"files": n, "raw": raw, "packed": packed, "disk": False}
        if best and self.disk_ok and set(encs) == ({"br", "gzip"} if brotli else {"gzip"}):
            self.write_marker()
        return {"files": n, "raw": raw, "packed": packed, "disk": self.disk_ok}

    def write_marker(self) -> None:
        if self.cache_root is None:
            return
        try:
            with open(os.path.join(self.cache_root, self.MARKER), "w") as f:
                f.write("br\n" if brotli else "gzip\n")
        except OSError as exc:
            self._disk_failed(exc)


class PrecompressedStatic:
    """Pure ASGI middleware; see the module docstring."""

    def __init__(
        self,
        app,
        cache_dir: str | None = str(CACHE_DIR),
        base_url: str = "",
        static_dir: str | None = None,
        memory_bytes: int = 64 << 20,
        warm: str | None = None,
    ) -> None:
        self.app = app
        base = base_url.strip("/")
        self.prefix = f"/{base}/static/" if base else "/static/"
        self.compressor = StaticCompressor(static_dir or streamlit_static_dir(), cache_dir, memory_bytes)
        self.have_brotli = brotli is not None
        if warm == "background" and cache_dir and not self.compressor.best_build_done():
            start_background_build(cache_dir)

    def _relpath(self, scope) -> str | None:
        path: str = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root + "/"):
            path = path[len(root) :]
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        if not rel or not SAFE_REL.match(rel) or any(p in ("", ".", "..") for p in rel.split("/")):
            return None  # let Streamlit's PathSecurityMiddleware / StaticFiles answer
        return rel

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        rel = self._relpath(scope)
        if rel is None:
            return await self.app(scope, receive, send)
        full = os.path.join(self.compressor.static_dir, rel)
        try:
            st = os.stat(full)
            if not os.path.realpath(full).startswith(self.compressor.static_dir + os.sep):
                raise FileNotFoundError(full)
            if not os.path.isfile(full):
                raise FileNotFoundError(full)
        except OSError:
            return await _plain(send, 404, b"Not Found", scope["method"] == "HEAD")

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        ext = os.path.splitext(rel)[1].lower()
        compressible = ext in COMPRESSIBLE
        enc = choose_encoding(headers.get("accept-encoding", ""), self.have_brotli) if compressible else None
        if enc is None or "range" in headers:
            # identity (incl. Range -> 206): Streamlit's StaticFiles, plus Vary for caches
            return await self.app(scope, receive, _add_vary(send) if compressible else send)

        got = await self.compressor.get(rel, enc, st)
        if got is None:
            return await self.app(scope, receive, _add_vary(send))
        body, size = got
        base_tag = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False).hexdigest()
        etag = f'"{base_tag}-{enc}"'
        resp_headers = [
            (
                b"content-type",
                (TYPES.get(ext) or mimetypes.guess_type(rel)[0] or "application/octet-stream").encode(),
            ),
            (b"content-encoding", enc.encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", (IMMUTABLE if HASHED.search(rel) else "no-cache").encode()),
            (b"etag", etag.encode()),
            (b"last-modified", formatdate(st.st_mtime, usegmt=True).encode()),
        ]
        inm = headers.get("if-none-match")
        if inm and (inm.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in inm.split(",")]):
            keep = (b"vary", b"cache-control", b"etag", b"last-modified")
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [h for h in resp_headers if h[0] in keep],
                }
            )
            return await send({"type": "http.response.body", "body": b""})
        f = None
        if not isinstance(body, bytes):
            try:  # open before the headers go out, so an unreadable copy can still fall back;
                # size from the open file: a concurrent os.replace() (best build) can't skew it
                f = await anyio.open_file(body, "rb")
                size = os.fstat(f.wrapped.fileno()).st_size
            except OSError as exc:
                log.warning("cached copy %s unreadable (%r); serving identity", body, exc)
                if f is not None:
                    await f.aclose()
                return await self.app(scope, receive, _add_vary(send))
            if scope["method"] == "HEAD":
                await f.aclose()
                f = None
        resp_headers.append((b"content-length", str(size).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": resp_headers})
        if scope["method"] == "HEAD":
            return await send({"type": "http.response.body", "body": b""})
        if f is None:
            return await send({"type": "http.response.body", "body": body})
        async with f:
            sent = 0
            while True:
                try:
                    chunk = await f.read(CHUNK)
                except OSError as exc:  # I/O error mid-flight: headers are out; end short
                    log.warning("reading %s failed mid-response: %r", body, exc)
                    chunk = b""
                sent += len(chunk)
                more = bool(chunk) and sent < size
                await send({"type": "http.response.body", "body": chunk, "more_body": more})
                if not more:
                    break


def _add_vary(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            hs = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"vary"]
            hs.append((b"vary", b"Accept-Encoding"))
            message = {**message, "headers": hs}
        await send(message)

    return wrapped


async def _plain(send, status: int, body: bytes, head: bool) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-cache"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if head else body})


LOCK_NAME = ".build.lock"


def start_background_build(cache_dir: str) -> subprocess.Popen | None:
    """Start ``python -m arshan_data.web.compress build CACHE_DIR --background`` at nice 19.

    Returns the process, or None when it could not be started (the on-demand fast level still
    serves every request compressed)."""
    try:
        os.makedirs(cache_dir, exist_ok=True)
        proc = subprocess.Popen(
            [sys.executable, "-m", "arshan_data.web.compress", "build", cache_dir, "--background"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=lambda: os.nice(19),
        )
    except OSError as exc:
        log.warning("background precompression not started: %r", exc)
        return None
    # reap it when it ends, so a long-running server keeps no zombie process
    threading.Thread(target=proc.wait, name="static-precompress-reaper", daemon=True).start()
    return proc


def main(argv: list[str]) -> int:
    """``python -m arshan_data.web.compress build [CACHE_DIR] [--background]``: a deploy step
    (about a minute). ``--background``: quietly do nothing when another build holds the lock."""
    import fcntl
    import time

    logging.basicConfig(level=logging.INFO)
    background = "--background" in argv
    args = [a for a in argv if a != "--background"]
    if not args or args[0] != "build":
        print("usage: python -m arshan_data.web.compress build [CACHE_DIR] [--background]")
        return 2
    started = time.monotonic()
    cache_dir = args[1] if len(args) > 1 else str(CACHE_DIR)
    os.makedirs(cache_dir, exist_ok=True)
    with open(os.path.join(cache_dir, LOCK_NAME), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (fcntl.LOCK_NB if background else 0))
        except OSError:
            return 0  # another process is building the same cache
        compressor = StaticCompressor(streamlit_static_dir(), cache_dir)
        if background and compressor.best_build_done():
            return 0
        result = compressor.build(best=True)
    print({**result, "seconds": round(time.monotonic() - started, 1), "brotli": brotli is not None})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
