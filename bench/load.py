"""Cold start, memory per idle session and concurrent sessions, against real servers."""

from __future__ import annotations

import asyncio
import random
import statistics
import time

from .pages import pct, warm_up
from .server import Server, app_server
from .stclient import StreamlitClient


# ----------------------------------------------------------------------------- cold start
async def _open(port: int, page: str) -> float:
    client = StreamlitClient("127.0.0.1", port)
    await client.connect()
    try:
        return (await client.run(page_name=page)).seconds
    finally:
        await client.close()


def cold_start(page: str, repeats: int, env: dict[str, str]) -> dict:
    """Process start → health check answering → ``script_finished`` of the first run of ``page``
    (after Streamlit's first-request rerun into app.py's frame, arshan_data.ui.entry)."""
    health, first, total = [], [], []
    for _ in range(repeats):
        server = app_server()
        server.env.update(env)
        with server:
            healthy = server.wait_healthy()
            run = asyncio.run(_open(server.port, page))
            total.append(time.perf_counter() - server.started_at)
            health.append(healthy)
            first.append(run)
    return {
        "page": page,
        "n": repeats,
        "median_s": round(statistics.median(total), 2),
        "max_s": round(max(total), 2),
        "health_median_s": round(statistics.median(health), 2),
        "first_run_median_s": round(statistics.median(first), 2),
    }


# ----------------------------------------------------------------------------- idle memory
async def _idle_sessions(port: int, pages: list[str], count: int) -> list[StreamlitClient]:
    clients = []
    for i in range(count):
        client = StreamlitClient("127.0.0.1", port)
        await client.connect()
        await client.run(page_name=pages[i % len(pages)])
        clients.append(client)
    return clients


def idle_memory(server: Server, pages: list[str], count: int, settle: float = 3.0) -> dict:
    """RSS before and after ``count`` sessions that opened a page (pages in turn) and went idle."""

    async def go():
        await warm_up(server.port, pages)
        await asyncio.sleep(settle)
        before = server.rss_mb()
        clients = await _idle_sessions(server.port, pages, count)
        await asyncio.sleep(settle)
        for client in clients:  # read what the server still sent (it would queue otherwise)
            await client.drain(0.05)
        after = server.rss_mb()
        for client in clients:
            await client.close()
        await asyncio.sleep(settle)
        return before, after, server.rss_mb()

    before, after, closed = asyncio.run(go())
    return {
        "sessions": count,
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(after, 1),
        "rss_after_close_mb": round(closed, 1),
        "per_session_mb": round((after - before) / count, 2),
    }


# ----------------------------------------------------------------------------- concurrency
async def _session(
    port: int,
    page: str,
    delay: float,
    reruns: int,
    think: tuple[float, float],
    rng: random.Random,
    timeout: float,
) -> dict:
    await asyncio.sleep(delay)
    out = {"page": page, "first": None, "reruns": [], "error": None}
    client = StreamlitClient("127.0.0.1", port)
    start = time.perf_counter()
    try:
        await client.connect(timeout=timeout)
        await client.run(page_name=page, timeout=timeout)
        out["first"] = time.perf_counter() - start  # connect + first run: the page load
        for _ in range(reruns):
            await asyncio.sleep(rng.uniform(*think))
            out["reruns"].append((await client.run(timeout=timeout)).seconds)
    except Exception as exc:  # a failed session counts against the level
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        await client.close()
    return out


def concurrency_level(
    server: Server,
    pages: list[str],
    sessions: int,
    *,
    reruns: int,
    ramp_s: float,
    think: tuple[float, float],
    timeout: float,
    seed: int = 7,
) -> dict:
    rng = random.Random(seed + sessions)

    async def go():
        cpu0 = time.process_time()
        tasks = [
            _session(
                server.port,
                pages[i % len(pages)],
                rng.uniform(0, ramp_s),
                reruns,
                think,
                random.Random(rng.random()),
                timeout,
            )
            for i in range(sessions)
        ]
        started = time.perf_counter()
        results = await asyncio.gather(*tasks)
        return results, time.perf_counter() - started, time.process_time() - cpu0

    from .pages import cpu_seconds

    server_cpu0 = cpu_seconds(server.proc.pid)
    results, wall, client_cpu = asyncio.run(go())
    server_cpu = cpu_seconds(server.proc.pid) - server_cpu0
    failed = [r for r in results if r["error"]]
    firsts = [r["first"] for r in results if r["first"] is not None]
    reruns_s = [x for r in results for x in r["reruns"]]
    # A failed session counts as a page load over any bound.
    loads = firsts + [float("inf")] * len(failed)
    everything = loads + reruns_s
    return {
        "sessions": sessions,
        "failed": len(failed),
        "errors": sorted({r["error"] for r in failed})[:3],
        "page_load_p50_s": round(pct(loads, 0.5), 3),
        "page_load_p95_s": round(pct(loads, 0.95), 3),
        "rerun_p50_s": round(pct(reruns_s, 0.5), 3) if reruns_s else None,
        "rerun_p95_s": round(pct(reruns_s, 0.95), 3) if reruns_s else None,
        "all_p95_s": round(pct(everything, 0.95), 3),
        "max_s": round(max(everything), 3),
        "wall_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_share": round(server_cpu / wall, 2),
        "client_cpu_s": round(client_cpu, 1),
        "rss_mb": round(server.rss_mb(), 1),
    }


def concurrency(
    server: Server,
    pages: list[str],
    levels: list[int],
    *,
    bound_s: float,
    reruns: int,
    ramp_s: float,
    think: tuple[float, float],
    log=print,
) -> dict:
    """Ramp the number of simultaneous sessions until the p95 of page loads and reruns passes
    ``bound_s``; the last level within the bound is what the server sustains."""
    asyncio.run(warm_up(server.port, pages))
    out = []
    sustained = 0
    for sessions in levels:
        level = concurrency_level(
            server,
            pages,
            sessions,
            reruns=reruns,
            ramp_s=ramp_s,
            think=think,
            timeout=max(30.0, 10 * bound_s),
        )
        level["within_bound"] = level["failed"] == 0 and level["all_p95_s"] <= bound_s
        log(
            f"  {sessions:4d} sessions: page load p95 {level['page_load_p95_s']:.2f} s, rerun p95 "
            f"{level['rerun_p95_s']} s, all p95 {level['all_p95_s']:.2f} s, failed {level['failed']}, "
            f"server CPU {level['server_cpu_share']:.0%}"
        )
        out.append(level)
        if not level["within_bound"]:
            break
        sustained = sessions
        time.sleep(2)
    return {
        "bound_p95_s": bound_s,
        "sustained_sessions": sustained,
        "levels": out,
        "model": {
            "pages": "every page but the staff desk, in turn",
            "arrival": f"uniform over {ramp_s} s",
            "reruns_per_session": reruns,
            "think_time_s": list(think),
            "page_load": "WebSocket connect + first run to script_finished",
            "p95_over": "page loads and reruns together; a failed session counts as over",
        },
    }
