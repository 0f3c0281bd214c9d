"""Route-planning benchmark on the real data: how long one route takes to compute.

    .venv/bin/python -m bench.routes_bench [--routes 2000] [--seed 7] [--layers DIR]

Builds the network once (the page caches it per data version), then times, over many random
routes (1–6 scenic areas, a random start among scenic areas and seats, a random direction,
with or without the return to the start):
- ``plan_ms``: ``routes.plan_route`` — what the page waits for on every change of the planner;
- ``geojson_ms``: ``routes.route_geojson`` — the export (and the geometry of the route map);
- ``printable_ms`` (on a sample): ``route_print.summary_html`` — the printable page with its SVG map.
Reads data/sources by default (always current), or built layers with ``--layers``. Results go
to ``bench/results/routes.json``. Not a test: numbers vary by machine. Target: plan_ms well
under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import geopandas as gpd  # noqa: E402

from arshan_data.geodata.sources import read_feature_collection  # noqa: E402
from arshan_data.tourism import route_print  # noqa: E402
from arshan_data.tourism import routing as routes  # noqa: E402

RESULTS = REPO / "bench" / "results" / "routes.json"
SOURCES = {
    "tourism_loops": "tourism_loops.geojson",
    "roads": "roads.geojson",
    "scenic_areas": "scenic_areas.geojson",
    "seats": "seats.geojson",
    "city_boundary": "open/city_boundary.geojson",
    "neighbours": "open/neighbours.geojson",
    "border": "open/border.geojson",
}


def load(layers_dir: Path | None) -> dict[str, gpd.GeoDataFrame]:
    frames = {}
    for layer_id, source in SOURCES.items():
        if layers_dir is not None:
            frames[layer_id] = gpd.read_parquet(layers_dir / f"{layer_id}.parquet")
        else:
            features = read_feature_collection(REPO / "data" / "sources" / source)
            frames[layer_id] = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return frames


def stats(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=2000)
    parser.add_argument("--printable", type=int, default=40, help="sample size for the printable page")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layers", type=Path, default=None, help="read built layers from this folder")
    args = parser.parse_args(argv)

    frames = load(args.layers)
    t0 = time.perf_counter()
    net = routes.build_network(
        frames["tourism_loops"], frames["roads"], frames["scenic_areas"], frames["seats"]
    )
    build_ms = (time.perf_counter() - t0) * 1000

    rng = random.Random(args.seed)
    scenic, starts = list(net.scenic_ids), list(net.start_ids)
    requests = []
    for _ in range(args.routes):
        stops = rng.sample(scenic, rng.randint(1, min(6, len(scenic))))
        requests.append(
            (
                stops,
                rng.choice(starts),
                rng.choice(("auto", "clockwise", "counterclockwise")),
                rng.random() < 0.5,
            )
        )
    for stops, start, direction, back in requests[:20]:  # warm-up (imports, caches)
        routes.route_geojson(net, routes.plan_route(net, stops, start, direction, back))

    plan_ms, geojson_ms, planned = [], [], []
    for stops, start, direction, back in requests:
        t = time.perf_counter()
        route = routes.plan_route(net, stops, start, direction, back)
        plan_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        routes.route_geojson(net, route)
        geojson_ms.append((time.perf_counter() - t) * 1000)
        planned.append(route)
    printable_ms = []
    context = {k: frames[k] for k in ("neighbours", "city_boundary", "border", "tourism_loops")}
    for route in planned[: args.printable]:
        t = time.perf_counter()
        route_print.summary_html(net, route, context, "zh", link="https://example.invalid/tourism")
        printable_ms.append((time.perf_counter() - t) * 1000)

    result = {
        "what": "arshan_data.routes on the real loop (data/sources unless --layers)",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
        },
        "loop_km": round(net.length_km, 1),
        "sections": len(net.sections),
        "scenic_areas": len(scenic),
        "starts": len(starts),
        "seed": args.seed,
        "network_build_ms": round(build_ms, 1),
        "plan_route": stats(plan_ms),
        "route_geojson": stats(geojson_ms),
        "summary_html": stats(printable_ms),
        "target": "plan_route median and p95 well under 50 ms",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    print(
        f"loop {result['loop_km']} km, {result['sections']} sections, {len(scenic)} scenic areas, "
        f"{len(starts)} starts; network built once in {result['network_build_ms']} ms"
    )
    print(f"{'step':<16}{'n':>6}{'median ms':>12}{'p95 ms':>10}{'max ms':>10}")
    for name in ("plan_route", "route_geojson", "summary_html"):
        s = result[name]
        print(f"{name:<16}{s['n']:>6}{s['median_ms']:>12.3f}{s['p95_ms']:>10.3f}{s['max_ms']:>10.3f}")
    print(f"written to {RESULTS.relative_to(REPO)}")
    return result


if __name__ == "__main__":
    main()
