"""Maps for feedback: the ~1 km cell picker and the staff map of comment counts (no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd

from .. import maps
from ..i18n import t
from .location import CELL_KM, CityGrid, cell_corner, parse_cell_id
from .model import Location

PICKER_LAYER = "fb-cells"
COUNTS_LAYER = "fb-counts"


def _backdrop(boundary: gpd.GeoDataFrame | None, lang: str) -> list[dict]:
    if boundary is None or boundary.empty:
        return []
    return maps.feature_layers("city_boundary", boundary, lang, pickable=False)


#: How close the picker zooms in on a chosen cell (a 1 km square is then ~30 px wide).
CHOSEN_ZOOM = 11.5


def cell_picker_deck(grid: CityGrid, boundary: gpd.GeoDataFrame | None, lang: str, *,
                     labels: Sequence[tuple[float, float, str]] = (), basemap: str = "none",
                     chosen: Location | None = None) -> maps.SpecDeck:
    """Every cell of the city drawn faintly and pickable; the picked datum is the cell's corner.

    At the whole-city view a 1 km square is 1–2 px, so once a place or cell is chosen the map
    zooms to it and marks it; the reader can then pick a neighbouring square to correct it.
    """
    cells = {
        "@@type": "GridCellLayer", "id": PICKER_LAYER, "data": grid.corners(),
        "getPosition": "@@=d", "cellSize": CELL_KM * 1000, "extruded": False,
        "coverage": 0.92, "getFillColor": [46, 139, 87, 28], "pickable": True,
        "autoHighlight": True, "highlightColor": [230, 110, 0, 200],
    }
    marker = None
    view = maps.CITY_VIEW
    if chosen is not None:
        index = parse_cell_id(chosen.cell_id)
        marker = {"@@type": "GridCellLayer", "id": "fb-chosen", "data": [list(cell_corner(*index))],
                  "getPosition": "@@=d", "cellSize": CELL_KM * 1000, "extruded": False, "coverage": 1,
                  "getFillColor": [230, 110, 0, 170], "pickable": False}
        view = maps.View(chosen.lon, chosen.lat, CHOSEN_ZOOM)
    layers = [*_backdrop(boundary, lang), cells, marker, maps.label_layer("fb-places", labels)]
    # No tooltip: a cell has nothing to say until it is picked (the form then names it).
    return maps.SpecDeck(maps.build_deck(layers, view, lang, basemap).spec, tooltip=None)


def _ramp(count: int, top: int) -> list[int]:
    share = min(1.0, count / max(top, 1))
    return [int(250 - 60 * share), int(200 - 150 * share), int(60 - 40 * share), int(110 + 130 * share)]


def comment_count_deck(counts: Sequence[tuple[str, float, float, int]], boundary: gpd.GeoDataFrame | None,
                       lang: str, *, basemap: str = "none") -> maps.SpecDeck:
    """One square per ~1 km cell with comments, darker for more; the tooltip gives the count."""
    top = max((n for *_, n in counts), default=1)
    data = []
    for cell_id, _lon, _lat, n in counts:
        index = parse_cell_id(cell_id)
        if index is None:
            continue
        data.append({"p": list(cell_corner(*index)), "c": _ramp(n, top),
                     "n": t("staff.map.count", lang, count=n), "n2": cell_id, "k": "", "s": ""})
    layer = {
        "@@type": "GridCellLayer", "id": COUNTS_LAYER, "data": data, "getPosition": "@@=p",
        "getFillColor": "@@=c", "cellSize": CELL_KM * 1000, "extruded": False, "coverage": 1,
        "pickable": True,
    }
    return maps.build_deck([*_backdrop(boundary, lang), layer], maps.CITY_VIEW, lang, basemap)


def picked_cell(grid: CityGrid, selection: dict | None):
    """The cell a reader picked on the picker map (Streamlit's selection state), or None."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for picked in objects.get(PICKER_LAYER) or []:
        datum = picked.get("object", picked) if isinstance(picked, dict) else picked
        if isinstance(datum, (list, tuple)) and len(datum) >= 2:
            return grid.cell_from_corner(datum)
    return None
