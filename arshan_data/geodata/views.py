"""Map cameras: where a map looks (centre and zoom, as deck.gl takes them) and how to frame an
area in a map of a given size. Pure: no map library."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

#: deck.gl's world is 512 px wide at zoom 0.
WORLD_PX = 512.0


@dataclasses.dataclass(frozen=True)
class View:
    longitude: float
    latitude: float
    zoom: float
    pitch: float = 0
    bearing: float = 0

    def as_dict(self) -> dict[str, float]:
        return {
            "longitude": self.longitude,
            "latitude": self.latitude,
            "zoom": self.zoom,
            "pitch": self.pitch,
            "bearing": self.bearing,
        }


#: The whole city, as the plan pages' maps open.
CITY_VIEW = View(120.44, 47.16, 7.6)


def mercator_y(lat: float) -> float:
    """Web Mercator's y for a latitude (radians of the unit sphere), clamped near the poles."""
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """deck.gl's world pixels of a point at ``zoom`` (x east, y south, from the world's
    north-west corner): 512 px wide at zoom 0, doubling with each zoom step."""
    scale = WORLD_PX * 2.0**zoom
    x = (lon + 180.0) / 360.0 * scale
    y = (1 - mercator_y(lat) / math.pi) / 2 * scale
    return x, y


def visible_bounds(view: View, width_px: float, height_px: float) -> tuple[float, float, float, float]:
    """``(minx, miny, maxx, maxy)`` a map of this size shows around ``view`` (north up)."""
    cx, cy = project(view.longitude, view.latitude, view.zoom)
    scale = WORLD_PX * 2.0**view.zoom

    def unproject(x: float, y: float) -> tuple[float, float]:
        lon = x / scale * 360.0 - 180.0
        lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / scale))) - math.pi / 2)
        return lon, lat

    west, north = unproject(cx - width_px / 2, cy - height_px / 2)
    east, south = unproject(cx + width_px / 2, cy + height_px / 2)
    return west, south, east, north


def fit_view(
    bounds: Sequence[float],
    *,
    width_px: float = 360,
    height_px: float = 420,
    padding: float = 0.15,
    max_zoom: float = 13.0,
    min_zoom: float = 3.0,
) -> View:
    """A view that shows ``(minx, miny, maxx, maxy)`` on a map of about this size, with
    ``padding`` (a share of the width and of the height) left free on each side.

    The width defaults to a phone's map (390-px screen less margins): a wider screen then shows
    more around the same centre, and map labels at the edge stay readable on the phone.
    """
    minx, miny, maxx, maxy = bounds
    usable_w, usable_h = width_px * (1 - 2 * padding), height_px * (1 - 2 * padding)
    span_x = max(maxx - minx, 1e-6) / 360 * WORLD_PX
    span_y = max(mercator_y(maxy) - mercator_y(miny), 1e-8) / (2 * math.pi) * WORLD_PX
    zoom = min(math.log2(usable_w / span_x), math.log2(usable_h / span_y), max_zoom)
    centre_y = (mercator_y(miny) + mercator_y(maxy)) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return View(round((minx + maxx) / 2, 4), round(lat, 4), round(max(zoom, min_zoom), 2))
