"""A fixed grid of cells over the city: where a comment is about (to about 1 km), and where a
tap on the what-is-here map landed (2 km cells).

Streamlit reports a click on a map only when it hits a drawn object, so the maps draw every
cell and the reader picks one. A cell id is ``c<ix>_<iy>`` on a grid anchored at 0°/0° with
1 km steps at the city's latitude, so ids never change when the boundary is redrawn.

Other pages may use coarser cells (``CityGrid(boundary, cell_km=2.0)``, the "what is here" map):
every helper takes ``cell_km`` (default 1 km). Ids are then per grid size: only 1 km ids are
stored with comments. Pure: shapely only.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

import numpy as np
import shapely

CELL_KM = 1.0
KM_PER_DEG_LAT = 111.32
#: Latitude the east-west step is measured at (Arxan lies at 46.6°–47.7° N).
REF_LAT = 47.1
DLAT = CELL_KM / KM_PER_DEG_LAT
DLON = CELL_KM / (KM_PER_DEG_LAT * math.cos(math.radians(REF_LAT)))
_ID_DECIMALS = 5


@dataclasses.dataclass(frozen=True)
class Location:
    """About 1 km: the centre of a grid cell, never the exact spot a reader might live at."""

    cell_id: str
    lon: float
    lat: float


def steps(cell_km: float = CELL_KM) -> tuple[float, float]:
    """``(dlon, dlat)`` in degrees of a cell ``cell_km`` wide (``(DLON, DLAT)`` for 1 km)."""
    if cell_km == CELL_KM:
        return DLON, DLAT
    if not cell_km > 0:
        raise ValueError(f"cell size must be positive, got {cell_km!r}")
    return cell_km / (KM_PER_DEG_LAT * math.cos(math.radians(REF_LAT))), cell_km / KM_PER_DEG_LAT


def cell_index(lon: float, lat: float, cell_km: float = CELL_KM) -> tuple[int, int]:
    dlon, dlat = steps(cell_km)
    return math.floor(lon / dlon), math.floor(lat / dlat)


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


def cell_centre(ix: int, iy: int, cell_km: float = CELL_KM) -> tuple[float, float]:
    dlon, dlat = steps(cell_km)
    return round((ix + 0.5) * dlon, _ID_DECIMALS), round((iy + 0.5) * dlat, _ID_DECIMALS)


def cell_corner(ix: int, iy: int, cell_km: float = CELL_KM) -> tuple[float, float]:
    """South-west corner: what deck.gl's GridCellLayer positions a cell by."""
    dlon, dlat = steps(cell_km)
    return round(ix * dlon, _ID_DECIMALS), round(iy * dlat, _ID_DECIMALS)


class CityGrid:
    """The cells that touch the city boundary, with a lookup from a point or a picked cell."""

    def __init__(self, boundary: shapely.Geometry, cell_km: float = CELL_KM) -> None:
        self.boundary = boundary
        self.cell_km = cell_km
        self.dlon, self.dlat = steps(cell_km)
        shapely.prepare(boundary)
        minx, miny, maxx, maxy = boundary.bounds
        ix0, iy0 = cell_index(minx, miny, cell_km)
        ix1, iy1 = cell_index(maxx, maxy, cell_km)
        grid_x, grid_y = np.meshgrid(np.arange(ix0, ix1 + 1), np.arange(iy0, iy1 + 1))
        xs, ys = grid_x.ravel(), grid_y.ravel()
        boxes = shapely.box(xs * self.dlon, ys * self.dlat, (xs + 1) * self.dlon, (ys + 1) * self.dlat)
        inside = shapely.intersects(boundary, boxes)
        self.cells: dict[str, Location] = {}
        for ix, iy in zip(xs[inside].tolist(), ys[inside].tolist(), strict=True):
            lon, lat = cell_centre(ix, iy, cell_km)
            self.cells[cell_id(ix, iy)] = Location(cell_id(ix, iy), lon, lat)

    def __len__(self) -> int:
        return len(self.cells)

    def get(self, cid: str | None) -> Location | None:
        return self.cells.get(cid or "")

    def cell_of(self, lon: float, lat: float) -> Location | None:
        """The cell holding a point, or None when the point is outside the city."""
        if not shapely.contains_xy(self.boundary, lon, lat):
            return None
        return self.cells.get(cell_id(*cell_index(lon, lat, self.cell_km)))

    def indices(self) -> list[tuple[int, int]]:
        """``(ix, iy)`` of every cell, in the order of ``cells``."""
        return [self._index(cid) for cid in self.cells]

    @staticmethod
    def _index(cid: str) -> tuple[int, int]:
        index = parse_cell_id(cid)
        assert index is not None, cid  # the grid made every id itself
        return index

    def corners(self) -> list[list[float]]:
        """``[lon, lat]`` south-west corners of every cell, for the pickable map layer."""
        out = []
        for cid in self.cells:
            ix, iy = self._index(cid)
            out.append(list(cell_corner(ix, iy, self.cell_km)))
        return out

    def cell_from_corner(self, corner: Iterable[float]) -> Location | None:
        """The cell a map pick returned (the picked datum is its corner)."""
        lon, lat = list(corner)[:2]
        # The corner lies on the cell's edge: nudge inward before flooring.
        return self.cells.get(cell_id(*cell_index(lon + self.dlon / 2, lat + self.dlat / 2, self.cell_km)))
