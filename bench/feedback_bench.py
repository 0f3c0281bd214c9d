"""Feedback store benchmark: insert latency, many writers at once, and the staff list with
100,000 stored comments.

    .venv/bin/python -m bench.feedback_bench [--rows 100000] [--inserts 1000] [--no-postgres]
        [--writers 20] [--per-writer 200]

For each store (SQLite file; PostgreSQL in a throw-away schema when one answers):
- ``insert_ms``: one ``repo.add`` at a time, each committed (fsync) before the next — what a
  citizen waits for between "send" and the receipt, minus the page redraw;
- ``insert_20_threads_ms``: the same with 20 threads at once (contention);
- ``writers``: a burst like a busy evening after a news item — ``--writers`` threads (20) each
  submitting ``--per-writer`` comments (200) as fast as they can, in one app process and in two
  processes on the same store at once: ``not_saved`` counts the submissions a citizen would be
  told were not saved (``StoreUnavailable``: the write lock not got within the busy timeout),
  ``saved_ms`` the latency of the others (target for SQLite: 0 not saved, p99 ≤ 200 ms);
- then the store is filled to ``--rows`` comments in bulk (``import_many``) and we time
  ``staff_query_ms``: what the staff list needs per rerun (count, first 100 rows, counts by
  topic/day/cell) plus building the table's DataFrame, and ``search_query_ms`` (a text search);
- ``staff_page_rerun_ms``: the whole staff page rerendered by AppTest (signed in, 100 rows,
  map, charts, export buttons), i.e. Streamlit's script time, not the browser's drawing.
Results go to ``bench/results/feedback.json``. Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from arshan_data.feedback.export import comment_row  # noqa: E402
from arshan_data.feedback.model import STANCES, TOPICS, CommentFilter, Submission  # noqa: E402
from arshan_data.feedback.repository import StoreUnavailable, open_repository  # noqa: E402
from arshan_data.geodata.grid import Location, cell_centre, cell_id, cell_index  # noqa: E402

RESULTS = REPO / "bench" / "results" / "feedback.json"
#: ``--only-writers`` writes here, leaving the full results alone.
WRITERS_RESULTS = REPO / "bench" / "results" / "feedback-writers.json"
PG_URL = os.environ.get("ARSHAN_TEST_POSTGRES_URL") or "postgresql://127.0.0.1:5432/test"
WORDS = (
    "公路",
    "景区",
    "停车场",
    "公交",
    "温泉",
    "森林",
    "保护",
    "村庄",
    "道路",
    "厕所",
    "游客",
    "冬季",
    "冰雪",
    "口岸",
    "铁路",
    "机场",
    "白狼镇",
    "伊尔施",
    "天池",
    "规划",
    "建议",
    "增加",
    "减少",
    "维修",
    "安全",
)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def pick(q):
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {
        "n": len(ordered),
        "p50": pick(0.50),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "mean": round(statistics.fmean(ordered), 3),
        "max": round(ordered[-1], 3),
    }


def fake(rng: random.Random, i: int) -> Submission:
    text = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 80))) + f"（第{i}条）"
    location = None
    if rng.random() < 0.3:
        ix, iy = cell_index(rng.uniform(119.6, 121.2), rng.uniform(46.6, 47.6))
        location = Location(cell_id(ix, iy), *cell_centre(ix, iy))
    personal = rng.random() < 0.2
    return Submission(
        stance=rng.choice(STANCES),
        topic=rng.choice(TOPICS),
        message=text,
        location=location,
        name="测试用户" if personal else None,
        contact="13912345678" if personal else None,
        contact_kind="mobile" if personal else None,
        consent=personal,
        client_hash=f"c{i % 5000}",
    )


def time_inserts(repo, count: int, threads: int, rng: random.Random) -> dict:
    subs = [fake(rng, i) for i in range(count)]
    samples: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        start = time.perf_counter()
        repo.add(subs[i], f"bench-{threads}-{uuid.uuid4().hex}")
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            samples.append(elapsed)

    if threads == 1:
        for i in range(count):
            one(i)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(one, range(count)))
    return percentiles(samples)


def write_burst(store: str, writers: int, per_writer: int, prefix: str, start_at: float = 0.0) -> dict:
    """``writers`` threads × ``per_writer`` submissions on one repository (one app process).

    Returns the raw latencies of the saved ones and the count of "not saved"."""
    repo = open_repository(store)
    repo.count()  # schema in place before the clock starts
    rng = random.Random(prefix)
    subs = [fake(rng, i) for i in range(writers * per_writer)]
    saved: list[float] = []
    not_saved = 0
    lock = threading.Lock()

    def writer(w: int) -> None:
        nonlocal not_saved
        for i in range(w * per_writer, (w + 1) * per_writer):
            start = time.perf_counter()
            try:
                repo.add(subs[i], f"{prefix}-{i}")
            except StoreUnavailable:
                with lock:
                    not_saved += 1
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                saved.append(elapsed)

    time.sleep(max(0.0, start_at - time.time()))  # processes start their burst together
    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(writer, range(writers)))
    repo.close()
    return {"saved_ms": saved, "not_saved": not_saved}


def writers_bench(store: str, writers: int, per_writer: int, processes: int) -> dict:
    """The burst in ``processes`` separate processes at once; latencies pooled."""
    if processes == 1:
        runs = [write_burst(store, writers, per_writer, f"w1-{uuid.uuid4().hex[:8]}")]
    else:
        start_at = time.time() + 3.0
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "bench.feedback_bench", "--writer-process", store,
                 str(writers), str(per_writer), f"w{processes}-{p}-{uuid.uuid4().hex[:8]}", str(start_at)],
                cwd=REPO, stdout=subprocess.PIPE, text=True,
            )
            for p in range(processes)
        ]  # fmt: skip
        runs = []
        for proc in procs:
            out, _ = proc.communicate(timeout=1800)
            if proc.returncode != 0:
                raise RuntimeError(f"writer process failed ({proc.returncode})")
            runs.append(json.loads(out.strip().splitlines()[-1]))
    saved = [ms for run in runs for ms in run["saved_ms"]]
    return {
        "processes": processes,
        "submissions": processes * writers * per_writer,
        "not_saved": sum(run["not_saved"] for run in runs),
        "saved_ms": percentiles(saved) if saved else None,
    }


def fill(repo, rows: int, rng: random.Random) -> float:
    have = repo.count(CommentFilter(include_deleted=True))
    start = time.perf_counter()
    base = dt.datetime(2023, 2, 3, tzinfo=dt.UTC)
    batch = 5_000
    for first in range(have, rows, batch):
        items = [
            (fake(rng, i), f"fill-{i}", base + dt.timedelta(seconds=rng.randint(0, 30 * 86400)))
            for i in range(first, min(rows, first + batch))
        ]
        repo.import_many(items)
    return round(time.perf_counter() - start, 2)


def time_staff_queries(repo, repeats: int = 10) -> tuple[dict, dict]:
    filt = CommentFilter()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        repo.count(filt)
        comments = repo.find(filt, limit=100)
        repo.counts_by_topic(filt)
        repo.counts_by_day(filt)
        repo.counts_by_cell(filt)
        pd.DataFrame([comment_row(c, "zh") for c in comments])
        samples.append((time.perf_counter() - start) * 1000)
    search = []
    for word in ("停车场", "AR-0000-0000", "天池", "冰雪", "白狼镇"):
        start = time.perf_counter()
        repo.count(CommentFilter(text=word))
        repo.find(CommentFilter(text=word), limit=100)
        search.append((time.perf_counter() - start) * 1000)
    return percentiles(samples), percentiles(search)


def time_staff_page(store: str, layers_dir: Path, repeats: int = 5) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from arshan_data.feedback.auth import hash_password

    password = "benchmark staff password"
    os.environ.update(
        ARSHAN_FEEDBACK_STORE=store,
        ARSHAN_LAYERS_DIR=str(layers_dir),
        ARSHAN_STAFF_PASSWORD_HASH=hash_password(password, iterations=10_000),
    )
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.switch_page("pages/staff.py").run()
    at.text_input(key="staff_password").input(password)
    start = time.perf_counter()
    at.button[0].click().run()
    first = (time.perf_counter() - start) * 1000
    assert not at.exception and at.dataframe and len(at.dataframe[0].value) == 100, (
        "staff page did not render"
    )
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        samples.append((time.perf_counter() - start) * 1000)
    return {"first_after_login_ms": round(first, 1), **percentiles(samples)}


def layers_for_app(tmp: Path) -> Path:
    real = REPO / "data" / "layers"
    if (real / "city_boundary.parquet").exists():
        return real
    from arshan_data.geodata.build import build_layers
    from tests import factories

    settings = factories.write_sources(tmp / "tiny")
    build_layers(settings)
    return settings.layers_dir


def bench_store(name: str, store: str, args, layers_dir: Path) -> dict:
    rng = random.Random(6)
    repo = open_repository(store)
    result = {"store": name}
    repo.count()  # create the schema outside the timings
    result["insert_ms"] = time_inserts(repo, args.inserts, 1, rng)
    result["insert_20_threads_ms"] = time_inserts(repo, args.inserts, 20, rng)
    result["writers"] = {"writers": args.writers, "per_writer": args.per_writer, "runs": []}
    for processes in (1, 2):
        run = writers_bench(store, args.writers, args.per_writer, processes)
        result["writers"]["runs"].append(run)
        p99 = (run["saved_ms"] or {}).get("p99")
        print(f"  {name}: {args.writers} writers × {args.per_writer}, {processes} process(es): "
              f"{run['not_saved']} not saved, saved p99 {p99} ms", flush=True)  # fmt: skip
    if args.only_writers:
        repo.close()
        return result
    result["bulk_fill_s"] = fill(repo, args.rows, rng)
    result["rows"] = repo.count(CommentFilter(include_deleted=True))
    result["staff_query_ms"], result["search_query_ms"] = time_staff_queries(repo)
    repo.close()
    result["staff_page_rerun_ms"] = time_staff_page(store, layers_dir)
    print(json.dumps(result, ensure_ascii=False, indent=1), flush=True)
    return result


def postgres_schema() -> tuple[str, str] | None:
    try:
        import psycopg

        schema = f"fbbench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
            version = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as exc:
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        return None
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}", f"{schema} (PostgreSQL {version})"


def drop_schema(url: str) -> None:
    import psycopg

    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--inserts", type=int, default=1_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--per-writer", type=int, default=200)
    parser.add_argument("--only-writers", action="store_true", help="only the burst of writers")
    parser.add_argument(
        "--writer-process", nargs=5, metavar=("STORE", "W", "N", "PREFIX", "AT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.writer_process:  # one process of the multi-process burst
        store, writers, per_writer, prefix, at = args.writer_process
        print(json.dumps(write_burst(store, int(writers), int(per_writer), prefix, float(at))))
        return 0
    report = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "sqlite": sqlite3.sqlite_version,
            # Other work on the machine skews the numbers: compare runs at a similar load.
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {"rows": args.rows, "inserts": args.inserts},
        "stores": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        layers_dir = layers_for_app(tmp)
        report["layers"] = "data/layers" if layers_dir == REPO / "data" / "layers" else "tiny test layers"
        report["stores"].append(bench_store("sqlite", str(tmp / "feedback.sqlite3"), args, layers_dir))
        pg = None if args.no_postgres else postgres_schema()
        if pg:
            url, label = pg
            try:
                result = bench_store("postgresql", url, args, layers_dir)
                result["schema"] = label
                report["stores"].append(result)
            finally:
                drop_schema(url)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out = WRITERS_RESULTS if args.only_writers else RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
