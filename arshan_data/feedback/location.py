"""Where a comment is about, to about 1 km: a fixed grid of cells over the city.

Streamlit reports a click on a map only when it hits a drawn object, so the form draws every
cell and the reader picks one. A cell id is ``c<ix>_<iy>`` on a grid anchored at 0°/0° with
1 km steps at the city's latitude, so ids never change when the boundary is redrawn.
Pure: shapely only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely

from .model import Location

CELL_KM = 1.0
KM_PER_DEG_LAT = 111.32
#: Latitude the east-west step is measured at (Arxan lies at 46.6°–47.7° N).
REF_LAT = 47.1
DLAT = CELL_KM / KM_PER_DEG_LAT
DLON = CELL_KM / (KM_PER_DEG_LAT * math.cos(math.radians(REF_LAT)))
_ID_DECIMALS = 5


def cell_index(lon: float, lat: float) -> tuple[int, int]:
    return math.floor(lon / DLON), math.floor(lat / DLAT)


def cell_id(ix: int, iy: int) -> str:
    return f"c{ix}_{iy}"


def parse_cell_id(value: str) -> tuple[int, int] | None:
    if not value.startswith("c") or "_" not in value:
        return None
    try:
        ix, iy = value[1:].split("_", 1)
        return int(ix), int(iy)
    except ValueError:
        return None


def cell_centre(ix: int, iy: int) -> tuple[float, float]:
    return round((ix + 0.5) * DLON, _ID_DECIMALS), round((iy + 0.5) * DLAT, _ID_DECIMALS)


def cell_corner(ix: int, iy: int) -> tuple[float, float]:
    """South-west corner: what deck.gl's GridCellLayer positions a cell by."""
    return round(ix * DLON, _ID_DECIMALS), round(iy * DLAT, _ID_DECIMALS)


class CityGrid:
    """The cells that touch the city boundary, with a lookup from a point or a picked cell."""

    def __init__(self, boundary):
        self.boundary = boundary
        shapely.prepare(boundary)
        minx, miny, maxx, maxy = boundary.bounds
        ix0, iy0 = cell_index(minx, miny)
        ix1, iy1 = cell_index(maxx, maxy)
        xs, ys = np.meshgrid(np.arange(ix0, ix1 + 1), np.arange(iy0, iy1 + 1))
        xs, ys = xs.ravel(), ys.ravel()
        boxes = shapely.box(xs * DLON, ys * DLAT, (xs + 1) * DLON, (ys + 1) * DLAT)
        inside = shapely.intersects(boundary, boxes)
        self.cells: dict[str, Location] = {}
        for ix, iy in zip(xs[inside].tolist(), ys[inside].tolist()):
            lon, lat = cell_centre(ix, iy)
            self.cells[cell_id(ix, iy)] = Location(cell_id(ix, iy), lon, lat)

    def __len__(self) -> int:
        return len(self.cells)

    def get(self, cid: str | None) -> Location | None:
        return self.cells.get(cid or "")

    def cell_of(self, lon: float, lat: float) -> Location | None:
        """The cell holding a point, or None when the point is outside the city."""
        if not shapely.contains_xy(self.boundary, lon, lat):
            return None
        return self.cells.get(cell_id(*cell_index(lon, lat)))

    def corners(self) -> list[list[float]]:
        """``[lon, lat]`` south-west corners of every cell, for the pickable map layer."""
        out = []
        for cid in self.cells:
            ix, iy = parse_cell_id(cid)
            out.append(list(cell_corner(ix, iy)))
        return out

    def cell_from_corner(self, corner: Iterable[float]) -> Location | None:
        """The cell a map pick returned (the picked datum is its corner)."""
        lon, lat = list(corner)[:2]
        # The corner lies on the cell's edge: nudge inward before flooring.
        return self.cells.get(cell_id(*cell_index(lon + DLON / 2, lat + DLAT / 2)))
