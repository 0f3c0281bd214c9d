"""Nothing lost, nothing doubled: threads, SIGKILL, two processes, and stores that cannot be written."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from arshan_data.feedback.postgres_store import PostgresStore
from arshan_data.feedback.repository import StoreUnavailable, open_repository
from arshan_data.feedback.sqlite_store import SqliteStore

from ..conftest import REPO, require
from .conftest import submission


def test_200_submissions_from_20_threads_arrive_exactly_once(repo):
    start = threading.Barrier(20)

    def client(n: int) -> list[str]:
        start.wait()
        refs = []
        for i in range(10):
            sub = submission(message=f"thread {n} comment {i}: 请增加公交线路", client_hash=f"t{n}")
            first = repo.add(sub, f"t{n}-{i}")
            retry = repo.add(sub, f"t{n}-{i}")  # a double click or a retry after a dropped connection
            assert retry.reference == first.reference and first.new and not retry.new
            refs.append(first.reference)
        return refs

    with ThreadPoolExecutor(20) as pool:
        refs = [ref for batch in pool.map(client, range(20)) for ref in batch]
    assert len(refs) == len(set(refs)) == 200
    assert repo.count() == 200
    stored = {c.reference: c.message for c in repo.find(limit=None)}
    assert set(stored) == set(refs)
    assert len(set(stored.values())) == 200


def _writer(store: str, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "tests.feedback.burst_writer", store, prefix, str(count)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _acks(lines) -> dict[str, str]:
    return {key: ref for tag, key, ref in (line.split() for line in lines if line.startswith("ACK "))}


@pytest.mark.slow
def test_a_writer_killed_mid_burst_loses_no_acknowledged_comment(store_url):
    proc = _writer(store_url, "burst", 1_000_000)
    lines = []
    for line in proc.stdout:  # wait for 300 receipts, then kill without warning
        lines.append(line)
        if len(lines) >= 300:
            break
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    acked = _acks(lines + rest.splitlines())
    assert len(acked) >= 300

    repo = open_repository(store_url)  # opens cleanly afterwards
    try:
        for key, ref in acked.items():
            comment = repo.get(ref)
            assert comment is not None, f"{key} got a receipt ({ref}) but is not in the store"
            assert key in comment.message
        # At most the one in flight was committed without its receipt reaching us.
        assert len(acked) <= repo.count() <= len(acked) + 1
        repo.add(submission(), "after-the-crash")
        if isinstance(repo, SqliteStore):
            with sqlite3.connect(repo.path) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        repo.close()


@pytest.mark.slow
def test_two_processes_share_the_embedded_store(tmp_path):
    store = str(tmp_path / "shared.sqlite3")
    writers = [_writer(store, name, 800) for name in ("one", "two")]
    reader = SqliteStore(store)
    reads = 0
    while any(w.poll() is None for w in writers):  # a third party reads while both write
        reader.count()
        reads += 1
    outputs = [w.communicate(timeout=60) for w in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    acked = {**_acks(outputs[0][0].splitlines()), **_acks(outputs[1][0].splitlines())}
    assert len(acked) == 1600 and reads > 0
    assert reader.count() == 1600
    assert {c.reference for c in reader.find(limit=None)} == set(acked.values())
    with sqlite3.connect(store) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@contextlib.contextmanager
def read_only(path: Path):
    """Make a file unwritable, even for root (which ignores file modes): ``chattr +i``."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    chattr = shutil.which("chattr")
    done = chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0
    require(bool(done), "running as root and `chattr +i` is not available to make a file read-only")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_store_refuses_writes_and_keeps_what_it_has(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    kept = SqliteStore(path).add(submission(), "kept").reference
    with read_only(path):
        store = SqliteStore(path)
        assert store.get(kept) is not None  # staff can still read
        with pytest.raises(StoreUnavailable, match="readonly database"):
            store.add(submission(message="this one cannot be saved now"), "lost?")
    after = SqliteStore(path)
    assert [c.reference for c in after.find()] == [kept]
    after.add(submission(message="this one can be saved again"), "later")  # fixed → works again
    assert after.count() == 2


def test_a_full_disk_refuses_the_write_and_keeps_every_acknowledged_comment(tmp_path):
    # SQLite's own "database or disk is full" (SQLITE_FULL), reached by capping the file a few
    # pages above its empty schema with the max_page_count pragma: a real full database,
    # without a tiny filesystem (and whatever tables later migrations add).
    SqliteStore(tmp_path / "full.sqlite3").count()
    with sqlite3.connect(tmp_path / "full.sqlite3") as con:
        schema_pages = con.execute("PRAGMA page_count").fetchone()[0]
    store = SqliteStore(tmp_path / "full.sqlite3", pragmas={"max_page_count": schema_pages + 6})
    acked = []
    with pytest.raises(StoreUnavailable, match="database or disk is full"):
        for i in range(1000):
            acked.append(store.add(submission(message=f"filling up {i} " + "意见" * 200), f"k{i}").reference)
    assert acked, "the cap was too small to store anything"
    survivor = SqliteStore(tmp_path / "full.sqlite3")
    assert {c.reference for c in survivor.find(limit=None)} == set(acked)


def test_a_store_that_cannot_be_created_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    with pytest.raises(StoreUnavailable, match="cannot open or create"):
        SqliteStore(blocker / "feedback.sqlite3").add(submission(), "k")


def test_postgresql_down_is_reported_without_the_password():
    store = PostgresStore("postgresql://arshan:s3cret@127.0.0.1:1/feedback", connect_timeout_s=2)
    with pytest.raises(StoreUnavailable, match="cannot connect") as info:
        store.add(submission(), "k")
    assert "s3cret" not in str(info.value)
