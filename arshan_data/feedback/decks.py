"""Maps for feedback: the ~1 km cell picker and the staff map of comment counts (no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd

from arshan_data.geodata.grid import DLAT, DLON, CityGrid, Location, cell_corner, parse_cell_id
from arshan_data.geodata.layers import CITY_BOUNDARY
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.i18n import t
from arshan_data.maps.deck import SpecDeck, build_deck, feature_layers
from arshan_data.maps.labels import label_layers, place_labels

PICKER_LAYER = "fb-cells"
COUNTS_LAYER = "fb-counts"


def _backdrop(boundary: gpd.GeoDataFrame | None, lang: str) -> list[dict]:
    if boundary is None or boundary.empty:
        return []
    return feature_layers(CITY_BOUNDARY, boundary, lang, pickable=False)


def _square_from_corner() -> str:
    """A deck.gl JSON accessor drawing a cell's square from its south-west corner ``{x, y}``.

    Sending corners (2 numbers a cell) and drawing squares in the browser keeps the picker's
    JSON small. In ``@@=`` expressions names are fields of the datum (``-`` is the datum
    itself), so the corner travels as an object with ``x`` and ``y``.
    """
    dx, dy = round(DLON, 7), round(DLAT, 7)
    return f"@@=[[x, y], [x + {dx}, y], [x + {dx}, y + {dy}], [x, y + {dy}]]"


def _corner(lon: float, lat: float, **extra) -> dict:
    return {"x": lon, "y": lat, **extra}


#: How close the picker zooms in on a chosen cell (a 1 km square is then ~30 px wide).
CHOSEN_ZOOM = 11.5


def cell_picker_deck(
    grid: CityGrid,
    boundary: gpd.GeoDataFrame | None,
    lang: str,
    *,
    labels: Sequence[tuple[float, float, str]] = (),
    basemap: str = "none",
    chosen: Location | None = None,
) -> SpecDeck:
    """Every cell of the city drawn faintly and pickable; the picked datum is the cell's corner.

    At the whole-city view a 1 km square is 1–2 px, so once a place or cell is chosen the map
    zooms to it and marks it; the reader can then pick a neighbouring square to correct it.
    """
    cells = {
        "@@type": "PolygonLayer",
        "id": PICKER_LAYER,
        "data": [_corner(*c) for c in grid.corners()],
        "getPolygon": _square_from_corner(),
        "filled": True,
        "stroked": True,
        "getFillColor": [46, 139, 87, 30],
        "getLineColor": [46, 139, 87, 90],
        "getLineWidth": 25,
        "lineWidthUnits": "meters",
        "lineWidthMinPixels": 0,
        "pickable": True,
        "autoHighlight": True,
        "highlightColor": [230, 110, 0, 200],
    }
    marker = None
    view = CITY_VIEW
    if chosen is not None:
        index = parse_cell_id(chosen.cell_id)
        assert index is not None, chosen  # a grid cell's own id
        marker = {
            "@@type": "PolygonLayer",
            "id": "fb-chosen",
            "data": [_corner(*cell_corner(*index))],
            "getPolygon": _square_from_corner(),
            "filled": True,
            "stroked": True,
            "getFillColor": [230, 110, 0, 150],
            "getLineColor": [200, 80, 0, 255],
            "getLineWidth": 2,
            "lineWidthUnits": "pixels",
            "pickable": False,
        }
        view = View(chosen.lon, chosen.lat, CHOSEN_ZOOM)
    [placed] = place_labels([labels], view, keep=[0])  # the seats: never dropped, never piled
    layers = [*_backdrop(boundary, lang), cells, marker, *label_layers("fb-places", placed, view)]
    # No tooltip: a cell has nothing to say until it is picked (the form then names it).
    return SpecDeck(build_deck(layers, view, lang, basemap).spec, tooltip=None)


def _ramp(count: int, top: int) -> list[int]:
    share = min(1.0, count / max(top, 1))
    return [int(250 - 60 * share), int(200 - 150 * share), int(60 - 40 * share), int(110 + 130 * share)]


def comment_count_deck(
    counts: Sequence[tuple[str, float, float, int]],
    boundary: gpd.GeoDataFrame | None,
    lang: str,
    *,
    basemap: str = "none",
) -> SpecDeck:
    """One square per ~1 km cell with comments, darker for more; the tooltip gives the count."""
    top = max((n for *_, n in counts), default=1)
    data = []
    for cell_id, _lon, _lat, n in counts:
        index = parse_cell_id(cell_id)
        if index is None:
            continue
        data.append(
            _corner(
                *cell_corner(*index),
                c=_ramp(n, top),
                n=t("staff.map.count", lang, count=n),
                n2=cell_id,
                k="",
                s="",
            )
        )
    layer = {
        "@@type": "PolygonLayer",
        "id": COUNTS_LAYER,
        "data": data,
        "getPolygon": _square_from_corner(),
        "getFillColor": "@@=c",
        "filled": True,
        "stroked": False,
        "pickable": True,
    }
    return build_deck([*_backdrop(boundary, lang), layer], CITY_VIEW, lang, basemap)


def picked_cell(grid: CityGrid, selection: dict | None):
    """The cell a reader picked on the picker map (Streamlit's selection state), or None."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for picked in objects.get(PICKER_LAYER) or []:
        datum = picked.get("object", picked) if isinstance(picked, dict) else picked
        if isinstance(datum, dict) and {"x", "y"} <= datum.keys():
            return grid.cell_from_corner((datum["x"], datum["y"]))
    return None
