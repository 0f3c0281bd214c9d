"""Measurement helpers: distances and the local projection agree with geodesics, survive a
round trip, and give the same answers from many threads at once (Streamlit runs every rerun
in a new thread)."""

from __future__ import annotations

import concurrent.futures

import pyproj
import pytest
from shapely.geometry import LineString, Point

from arshan_data.geodata import geo

SEAT = Point(119.943, 47.177)  # 温泉街道 (approximate)
ULANHOT = Point(122.05, 46.08)
GEOD = pyproj.Geod(ellps="WGS84")


def geodesic_km(a: Point, b: Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000


def test_a_distance_within_the_region_matches_the_geodesic():
    assert geo.distance_km(SEAT, ULANHOT) == pytest.approx(geodesic_km(SEAT, ULANHOT), rel=0.005)
    assert geo.distance_km(SEAT, SEAT) == 0


def test_the_local_projection_round_trips():
    line = LineString([(119.5, 46.8), (120.4, 47.2), (121.0, 47.5)])
    back = geo.from_local(geo.to_local(line))
    assert back.equals_exact(line, tolerance=1e-7)  # ~1 cm
    assert geo.length_km(line) == pytest.approx(
        geodesic_km(Point(119.5, 46.8), Point(120.4, 47.2))
        + geodesic_km(Point(120.4, 47.2), Point(121.0, 47.5)),
        rel=0.005,
    )


def test_many_threads_get_the_same_answers():
    expected = geo.distance_km(SEAT, ULANHOT)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: geo.distance_km(SEAT, ULANHOT), range(64)))
    assert results == [expected] * 64
