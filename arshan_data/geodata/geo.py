"""Coordinate reference systems, datum fixes, measurement and simplification (pure functions).

All stored geometry is WGS84 lon/lat (EPSG:4326). Metric work (areas, distances, buffers)
uses a Lambert azimuthal equal-area projection centred on the city, which keeps distances and
areas within a fraction of a percent across the 142 km × 118 km city.
"""

from __future__ import annotations

import concurrent.futures
import math

import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
#: Equal-area projection centred on Arxan (metres).
LOCAL_CRS = "+proj=laea +lat_0=47.15 +lon_0=120.45 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
#: CGCS2000 geographic and its 3-degree Gauss-Krüger zone for Arxan (central meridian 120°E).
CGCS2000 = "EPSG:4490"
CGCS2000_GK_CM120 = "EPSG:4545"
CGCS2000_GK_ZONE40 = "EPSG:4527"

_TO_LOCAL = pyproj.Transformer.from_crs(WGS84, LOCAL_CRS, always_xy=True)
_FROM_LOCAL = pyproj.Transformer.from_crs(LOCAL_CRS, WGS84, always_xy=True)
#: pyproj sets a transformer up again in every thread that uses it (~10 ms), and Streamlit runs
#: each rerun in a new thread: measured, that was a third of the tourism page's run time. So
#: the two local transforms run on one long-lived thread, where they are set up once.
_PROJ_THREAD = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="arshan-proj")


def _transform(transformer: pyproj.Transformer, coords: np.ndarray) -> np.ndarray:
    def run() -> np.ndarray:
        return np.column_stack(transformer.transform(coords[:, 0], coords[:, 1]))

    return _PROJ_THREAD.submit(run).result()


# --- GCJ-02 ("Mars coordinates") used by Amap/Tencent; the published inverse is iterative. ----
_A = 6378245.0
_EE = 0.00669342162296594323


def _gcj_delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = lon - 105.0, lat - 35.0
    pi = math.pi
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    rad = lat / 180.0 * pi
    magic = 1 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * pi)
    return dlon, dlat


def wgs84_to_gcj02(coords: np.ndarray) -> np.ndarray:
    lon, lat = coords[:, 0], coords[:, 1]
    dlon, dlat = _gcj_delta(lon, lat)
    return np.column_stack([lon + dlon, lat + dlat])


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """Inverse of the GCJ-02 offset by fixed-point iteration (converges to < 1e-9° here)."""
    target = np.asarray(coords, dtype=float)
    guess = target.copy()
    for _ in range(8):
        guess = guess - (wgs84_to_gcj02(guess) - target)
    return guess


def gcj02_geometry_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, gcj02_to_wgs84)


# --- Metric helpers --------------------------------------------------------------------------


def to_local(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda c: _transform(_TO_LOCAL, c))


def from_local(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda c: _transform(_FROM_LOCAL, c))


def area_km2(geom: BaseGeometry) -> float:
    return to_local(geom).area / 1e6


def distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Shortest distance between two geometries in km (0 when they touch or overlap)."""
    return to_local(a).distance(to_local(b)) / 1000.0


def length_km(geom: BaseGeometry) -> float:
    return to_local(geom).length / 1000.0


_GEOD = pyproj.Geod(ellps="WGS84")


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north."""
    azimuth, _, _ = _GEOD.inv(lon1, lat1, lon2, lat2)
    return azimuth % 360.0


def buffer_km(geom: BaseGeometry, km: float) -> BaseGeometry:
    return from_local(to_local(geom).buffer(km * 1000.0))


def simplify_for_display(geom: BaseGeometry, tolerance_m: float) -> BaseGeometry:
    """Topology-preserving simplification in metres; returns the geometry in WGS84."""
    if tolerance_m <= 0:
        return geom
    return from_local(to_local(geom).simplify(tolerance_m, preserve_topology=True))


def round_coords(geom: BaseGeometry, decimals: int = 5) -> BaseGeometry:
    """Round to ``decimals`` places (5 ≈ 1 m): stable files and compact map specs."""
    return shapely.set_precision(geom, 10.0**-decimals, mode="pointwise")
