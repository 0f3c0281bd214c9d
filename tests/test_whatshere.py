"""CityGrid at other cell sizes (the 'what is here' map uses 2 km cells)."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import box

from arshan_data.feedback.location import DLAT, DLON, CityGrid, cell_index, steps

CITY = box(119.9, 47.1, 120.1, 47.3)


# ----------------------------------------------------------------------------- the 2 km grid


def test_a_coarser_grid_keeps_the_one_km_grid_unchanged():
    assert steps() == (DLON, DLAT)
    dlon2, dlat2 = steps(2.0)
    assert dlon2 == pytest.approx(2 * DLON) and dlat2 == pytest.approx(2 * DLAT)
    assert cell_index(120.0123, 47.2345) == cell_index(120.0123, 47.2345, 1.0)
    coarse, fine = CityGrid(CITY, cell_km=2.0), CityGrid(CITY)
    assert fine.cell_km == 1.0 and (fine.dlon, fine.dlat) == (DLON, DLAT)
    assert len(fine) / 4.6 < len(coarse) < len(fine) / 3.4
    boxes = [box(ix * dlon2, iy * dlat2, (ix + 1) * dlon2, (iy + 1) * dlat2) for ix, iy in coarse.indices()]
    assert shapely.union_all(boxes).covers(CITY)
    cell = coarse.cell_of(120.0123, 47.2345)
    assert abs(cell.lon - 120.0123) <= dlon2 / 2 and abs(cell.lat - 47.2345) <= dlat2 / 2
    for corner, location in zip(coarse.corners(), coarse.cells.values()):
        assert coarse.cell_from_corner(corner) == location
    with pytest.raises(ValueError):
        steps(0)
