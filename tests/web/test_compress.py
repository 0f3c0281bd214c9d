"""Streamlit's frontend files compressed (``web.compress``): negotiation, headers, 304/HEAD/Range,
and the fallbacks that never fail a request (disk full, read-only disk, unreadable copy,
compression error)."""

from __future__ import annotations

import asyncio
import errno
import gzip
import os

import pytest

from arshan_data.web import compress as pc

JS = "js/app.AbCd1234.js"
FONT = "media/font.AbCd1234.woff2"


def run(coro):
    return asyncio.new_event_loop().run_until_complete(coro)


async def downstream(scope, receive, send):
    """Stands in for Streamlit: answers identity, remembers that it was asked."""
    scope["state_log"].append(scope["path"])
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/javascript"), (b"x-from", b"streamlit")],
        }
    )
    await send({"type": "http.response.body", "body": b"IDENTITY"})


async def call(mw, path, method="GET", headers=()):
    log: list[str] = []
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
        "state_log": log,
    }
    out = {"body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(msg):
        if msg["type"] == "http.response.start":
            out["status"] = msg["status"]
            out["headers"] = {k.decode(): v.decode() for k, v in msg["headers"]}
        else:
            out["body"] += msg.get("body", b"")

    await mw(scope, receive, send)
    out["downstream"] = bool(log)
    return out


@pytest.fixture
def static(tmp_path):
    d = tmp_path / "static"
    (d / "js").mkdir(parents=True)
    (d / "media").mkdir()
    (d / JS).write_bytes(b"function f(){return 'hello world';}\n" * 5000)
    (d / FONT).write_bytes(os.urandom(2000))
    return d


def mw_for(static, tmp_path, **kw):
    return pc.PrecompressedStatic(
        downstream, cache_dir=str(tmp_path / "cache"), base_url="", static_dir=str(static), **kw
    )


def test_brotli_preferred_with_full_headers(static, tmp_path):
    if pc.brotli is None:
        pytest.skip("brotli not installed")
    r = run(
        call(
            mw_for(static, tmp_path),
            f"/static/{JS}",
            headers=[("Accept-Encoding", "gzip, deflate, br, zstd")],
        )
    )
    h = r["headers"]
    assert r["status"] == 200 and not r["downstream"]
    assert h["content-encoding"] == "br" and h["vary"] == "Accept-Encoding"
    assert h["cache-control"] == "public, max-age=31536000, immutable"
    assert h["content-type"] == "application/javascript"
    assert int(h["content-length"]) == len(r["body"])
    assert pc.brotli.decompress(r["body"]) == (static / JS).read_bytes()
    assert h["etag"].endswith('-br"')


def test_gzip_when_br_refused_and_identity_when_nothing(static, tmp_path):
    mw = mw_for(static, tmp_path)
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "br;q=0, gzip;q=0.5")]))
    assert r["headers"]["content-encoding"] == "gzip"
    assert gzip.decompress(r["body"]) == (static / JS).read_bytes()
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "identity")]))
    assert r["downstream"] and r["body"] == b"IDENTITY" and r["headers"]["vary"] == "Accept-Encoding"


def test_head_304_range_and_non_compressible(static, tmp_path):
    mw = mw_for(static, tmp_path)
    ae = [("Accept-Encoding", "gzip")]
    get = run(call(mw, f"/static/{JS}", headers=ae))
    head = run(call(mw, f"/static/{JS}", "HEAD", headers=ae))
    assert head["body"] == b"" and head["headers"]["content-length"] == get["headers"]["content-length"]
    r = run(call(mw, f"/static/{JS}", headers=[*ae, ("If-None-Match", get["headers"]["etag"])]))
    assert r["status"] == 304 and r["body"] == b"" and "content-length" not in r["headers"]
    r = run(call(mw, f"/static/{JS}", headers=[*ae, ("Range", "bytes=0-9")]))
    assert r["downstream"]  # Streamlit's StaticFiles answers ranges (206, identity)
    r = run(call(mw, f"/static/{FONT}", headers=ae))
    assert r["downstream"] and "vary" not in r["headers"]  # woff2: passed through untouched


def test_missing_is_404_and_odd_paths_go_to_streamlit(static, tmp_path):
    mw = mw_for(static, tmp_path)
    assert run(call(mw, "/static/js/nope.12345678.js"))["status"] == 404
    for p in ["/static/../index.html", "/static//etc/passwd", "/static/js/%2e%2e/x", "/towns"]:
        assert run(call(mw, p))["downstream"], p


def test_copies_are_cached_on_disk_and_reused(static, tmp_path, monkeypatch):
    mw = mw_for(static, tmp_path)
    run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))
    cached = tmp_path / "cache" / pc.streamlit_version() / (JS + ".gz")
    assert cached.is_file() and oct(cached.stat().st_mode & 0o777) == "0o644"
    monkeypatch.setattr(pc, "compress", lambda *a: pytest.fail("recompressed"))
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))
    assert gzip.decompress(r["body"]) == (static / JS).read_bytes()


def test_concurrent_misses_compress_once(static, tmp_path, monkeypatch):
    mw = mw_for(static, tmp_path)
    calls = []
    real = pc.compress
    monkeypatch.setattr(pc, "compress", lambda *a: calls.append(a[1]) or real(*a))

    async def many():
        return await asyncio.gather(
            *[call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]) for _ in range(10)]
        )

    rs = run(many())
    assert calls == ["gzip"] and all(r["status"] == 200 for r in rs)


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_unwritable_cache_falls_back_to_memory(static, tmp_path, monkeypatch, err):
    mw = mw_for(static, tmp_path)
    monkeypatch.setattr(
        pc.tempfile, "mkstemp", lambda **k: (_ for _ in ()).throw(OSError(err, os.strerror(err)))
    )
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))
    assert r["status"] == 200 and gzip.decompress(r["body"]) == (static / JS).read_bytes()
    assert mw.compressor.disk_ok is False and mw.compressor.memory.get((JS, "gzip"))


def test_compression_error_serves_identity(static, tmp_path, monkeypatch):
    mw = mw_for(static, tmp_path)
    monkeypatch.setattr(pc, "compress", lambda *a: (_ for _ in ()).throw(MemoryError()))
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))
    assert r["downstream"] and r["body"] == b"IDENTITY"


def test_unreadable_cached_copy_serves_identity(static, tmp_path, monkeypatch):
    mw = mw_for(static, tmp_path)
    run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))

    async def boom(*a, **k):
        raise PermissionError(errno.EACCES, "denied")

    monkeypatch.setattr(pc.anyio, "open_file", boom)
    r = run(call(mw, f"/static/{JS}", headers=[("Accept-Encoding", "gzip")]))
    assert r["downstream"] and r["status"] == 200


def test_best_build_runs_in_a_separate_low_priority_process(tmp_path):
    """The minute of brotli 11 must never compete with the server: it is another process at nice 19."""
    proc = pc.start_background_build(str(tmp_path / "cache"))
    assert proc is not None
    try:
        assert proc.pid != os.getpid()
        assert os.getpriority(os.PRIO_PROCESS, proc.pid) == 19
    finally:
        proc.kill()
        proc.wait()


def test_a_second_background_build_waits_for_nobody_and_builds_nothing(tmp_path, monkeypatch):
    """Two servers sharing one cache: while one build holds the lock the other returns at once."""
    import fcntl

    cache = tmp_path / "cache"
    cache.mkdir()
    built = []
    monkeypatch.setattr(pc.StaticCompressor, "build", lambda self, best=True: built.append(best) or {})
    with open(cache / pc.LOCK_NAME, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert pc.main(["build", str(cache), "--background"]) == 0
        assert built == []
    assert pc.main(["build", str(cache), "--background"]) == 0
    assert built == [True]
