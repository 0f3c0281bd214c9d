"""The 'what is here' map: a tappable grid over the city, the plan for context, the answer marked.

Pure (no Streamlit). Streamlit reports a tap only when it hits a pickable object, so the city
is covered by a transparent grid of ``GRID_KM`` cells (``feedback.location.CityGrid``, the
comment form's grid at a coarser size); a tap on a cell stands for the cell's centre. The
places (seats, villages, scenic areas …) are pickable on top of the grid: a tap on one stands
for that place. Everything else is drawn but not pickable, so a tap on a road or a zone falls
through to the grid.

The grid is sent as one integer per cell (``row * width + column`` from the grid's south-west
cell) and placed by a deck.gl JSON expression, about 5 bytes a cell instead of ~20 for a
``[lon, lat]`` pair. The map has no hover tooltip: a grid cell has nothing to say and
Streamlit would print a tooltip's ``{placeholders}`` literally for it; places are labelled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import geopandas as gpd
from shapely.geometry import Point, mapping

from arshan_data.geodata import geo
from arshan_data.geodata.grid import CityGrid, Location, cell_id
from arshan_data.geodata.layers import (
    CENTRAL_CITY,
    CITY_BOUNDARY,
    LANDSCAPE_ZONES,
    NEIGHBOURS,
    PATTERN,
    PLACE_LAYERS,
    RAILWAYS,
    RIVERS,
    ROADS,
    SEATS,
    drawing_order,
    get_layer,
)
from arshan_data.geodata.views import CITY_VIEW, View, fit_view
from arshan_data.maps.deck import COORD_DECIMALS, DASH, SpecDeck, build_deck, feature_layers, halo_layer
from arshan_data.maps.labels import label_layers, place_labels, point_labels, short_name
from arshan_data.whatshere.query import AREA_TYPES, Hit, Result

GRID_KM = 2.0
GRID_LAYER = "wh-grid"
#: Drawn first, never pickable.
BACKDROP_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, RIVERS)
#: The plan for context: drawn, not pickable (a tap falls through to the grid).
CONTEXT_LAYERS = (CENTRAL_CITY, ROADS, RAILWAYS)
#: pattern features drawn for context: the 一核 symbol only (the zones cover the whole city).
CONTEXT_PATTERN = ("one_core",)
#: Everything the map draws; the places (``PLACE_LAYERS``) are pickable above the grid, and a tap
#: on one is a tap at that place.
LAYERS = (*BACKDROP_LAYERS, PATTERN, *CONTEXT_LAYERS, *PLACE_LAYERS)

MARKER = (200, 20, 40, 255)
HIGHLIGHT = (255, 170, 0, 255)
ZONE_OUTLINE = (200, 20, 40, 255)
#: The map size a query's view is fitted to (px: a phone's map; a wider screen shows more around
#: it), the margin left free on each side (a share of each side), and the zoom range.
FIT_WIDTH_PX, FIT_HEIGHT_PX = 360, 420
FIT_MARGIN = 0.06
MIN_ZOOM, MAX_ZOOM = 7.5, 12.5


@dataclasses.dataclass(frozen=True)
class Base:
    """The query-independent part of the map (cached per process and language)."""

    under: tuple[dict, ...]  # backdrop, context and the grid
    over: tuple[dict, ...]  # pickable places and their labels


# ----------------------------------------------------------------------------- the grid


def _origin(grid: CityGrid) -> tuple[int, int, int]:
    indices = grid.indices()
    ix0 = min(ix for ix, _ in indices)
    iy0 = min(iy for _, iy in indices)
    width = max(ix for ix, _ in indices) - ix0 + 1
    return ix0, iy0, width


def grid_layer(grid: CityGrid) -> dict | None:
    """Every cell, pickable; the datum is the cell's number, placed by an expression.

    The fill's alpha is 1 of 255: invisible, yet picked (deck.gl does not pick a fully
    transparent cell: tried in Chromium). Hovering a cell shows it (``autoHighlight``).
    """
    if not len(grid):
        return None
    ix0, iy0, width = _origin(grid)
    data = [(iy - iy0) * width + (ix - ix0) for ix, iy in grid.indices()]
    x0, y0 = ix0 * grid.dlon, iy0 * grid.dlat
    position = (
        f"@@=[{x0!r} + (this % {width}) * {grid.dlon!r}, "
        f"{y0!r} + (this - this % {width}) / {width} * {grid.dlat!r}]"
    )
    return {
        "@@type": "GridCellLayer",
        "id": GRID_LAYER,
        "data": data,
        "getPosition": position,
        "cellSize": grid.cell_km * 1000,
        "extruded": False,
        "coverage": 1,
        "material": False,
        "getFillColor": [0, 0, 0, 1],
        "pickable": True,
        "autoHighlight": True,
        "highlightColor": [230, 110, 0, 110],
    }


def cell_from_datum(grid: CityGrid, datum) -> Location | None:
    """The cell a tap on the grid returned (its number), or None."""
    if isinstance(datum, bool) or not isinstance(datum, (int, float)) or not len(grid):
        return None
    number = int(datum)
    if number != datum or number < 0:
        return None
    ix0, iy0, width = _origin(grid)
    return grid.get(cell_id(ix0 + number % width, iy0 + number // width))


def picked(selection: Mapping | None, grid: CityGrid) -> tuple[str, object] | None:
    """What a tap chose, from Streamlit's selection state: ``("cell", Location)`` or
    ``("place", feature_id)``; None when nothing usable was picked."""
    objects = ((selection or {}).get("selection") or {}).get("objects") or {}
    for layer_key, items in objects.items():
        for item in items or ():
            if layer_key == GRID_LAYER:
                cell = cell_from_datum(grid, item.get("object", item) if isinstance(item, dict) else item)
                if cell is not None:
                    return "cell", cell
            elif isinstance(item, dict):
                props = item.get("properties") or (item.get("object") or {}).get("properties") or {}
                if props.get("id"):
                    return "place", props["id"]
    return None


# ----------------------------------------------------------------------------- the base map


def base_layers(frames: Mapping[str, gpd.GeoDataFrame], grid: CityGrid, lang: str) -> Base:
    """Backdrop, the plan for context, the grid, then the places (pickable) and seat labels."""
    under: list[dict | None] = []
    drawn = [lid for lid in (*BACKDROP_LAYERS, PATTERN, *CONTEXT_LAYERS) if lid in frames]
    for layer_id in drawing_order(drawn):
        gdf = frames[layer_id]
        if layer_id == PATTERN and "element" in gdf:
            gdf = gdf[gdf["element"].isin(CONTEXT_PATTERN)]
        under += feature_layers(layer_id, gdf, lang, pickable=False)
    under.append(grid_layer(grid))
    over: list[dict | None] = []
    for layer_id in drawing_order([lid for lid in PLACE_LAYERS if lid in frames]):
        gdf = frames[layer_id]
        style = get_layer(layer_id).style
        over.append(halo_layer(layer_id, gdf, style))
        over += feature_layers(layer_id, gdf, lang, pickable=True)
    if "seats" in frames:
        [placed] = place_labels([point_labels(frames[SEATS], lang)], CITY_VIEW, 13, keep=[0])
        over += label_layers("wh-seats", placed, CITY_VIEW, size_px=13)
    return Base(tuple(layer for layer in under if layer), tuple(layer for layer in over if layer))


# ----------------------------------------------------------------------------- one answer


def query_view(
    lon: float, lat: float, radius_km: float, *, width_px: int = FIT_WIDTH_PX, height_px: int = FIT_HEIGHT_PX
) -> View:
    """Centred on the point, zoomed so that the whole search circle (and the names in it) fits a
    ``width_px`` × ``height_px`` map with a small margin: deck.gl's world is 512 px at zoom 0."""
    circle = geo.buffer_km(Point(lon, lat), radius_km)
    fitted = fit_view(
        circle.bounds,
        width_px=width_px,
        height_px=height_px,
        padding=FIT_MARGIN,
        max_zoom=MAX_ZOOM,
        min_zoom=MIN_ZOOM,
    )
    return View(round(lon, 4), round(lat, 4), fitted.zoom)


def _feature(frames: Mapping[str, gpd.GeoDataFrame], hit: Hit):
    frame = frames.get(hit.layer_id)
    if frame is None:
        return None
    match = frame[frame["id"] == hit.id]
    return None if match.empty else match.geometry.iloc[0]


def _outline_layer(key: str, geoms: Sequence, color, width_px: float, dashed: bool) -> dict | None:
    features = [
        {"type": "Feature", "properties": {}, "geometry": mapping(geo.round_coords(geom, COORD_DECIMALS))}
        for geom in geoms
        if geom is not None and not geom.is_empty
    ]
    if not features:
        return None
    layer = {
        "@@type": "GeoJsonLayer",
        "id": key,
        "data": {"type": "FeatureCollection", "features": features},
        "pickable": False,
        "stroked": True,
        "filled": False,
        "getLineColor": list(color),
        "getLineWidth": width_px,
        "lineWidthUnits": "pixels",
        "lineWidthMinPixels": 1,
    }
    if dashed:
        layer["extensions"] = [{"@@type": "PathStyleExtension", "dash": True}]
        layer["getDashArray"] = DASH["schematic"]
        layer["dashJustified"] = True
    return layer


def query_layers(
    result: Result, frames: Mapping[str, gpd.GeoDataFrame], lang: str, view: View
) -> tuple[list[dict], list[dict]]:
    """``(under, over)``: the containing zones' outlines, the search circle and nearby lines
    (under the places); rings and labels on the nearby places and the point's marker (on top)."""
    point = Point(result.lon, result.lat)
    circle = geo.buffer_km(point, result.radius_km)
    centre = [[round(result.lon, 5), round(result.lat, 5)]]
    under: list[dict | None] = [
        {
            "@@type": "ScatterplotLayer",
            "id": "wh-radius",
            "data": centre,
            "getPosition": "@@=-",
            "getRadius": result.radius_km * 1000,
            "radiusUnits": "meters",
            "filled": True,
            "getFillColor": [200, 20, 40, 10],
            "stroked": True,
            "pickable": False,
            "getLineColor": [200, 20, 40, 150],
            "getLineWidth": 1.5,
            "lineWidthUnits": "pixels",
        }
    ]
    for schematic in (False, True):
        zones = [
            geo.simplify_for_display(geom, 150.0)
            for h in result.areas
            if h.geom_type in AREA_TYPES
            and h.indicative == schematic
            and (geom := _feature(frames, h)) is not None
        ]
        key = f"wh-zones{'~schematic' if schematic else ''}"
        under.append(_outline_layer(key, zones, ZONE_OUTLINE, 2.5, schematic))
    lines = [
        h
        for group in ("roads", "railways", "plan")
        for h in result.nearby.get(group, ())
        if not h.is_point and h.geom_type not in AREA_TYPES
    ]
    for schematic in (False, True):
        clipped = []
        for hit in lines:
            geom = _feature(frames, hit)
            if hit.indicative == schematic and geom is not None:
                clipped.append(geo.simplify_for_display(geom.intersection(circle), 60.0))
        under.append(
            _outline_layer(
                f"wh-lines{'~schematic' if schematic else ''}", clipped, (*HIGHLIGHT[:3], 170), 3.5, schematic
            )
        )

    places = [
        h
        for h in result.hits()
        if h.is_point and h.layer_id != LANDSCAPE_ZONES and (result.place is None or h.id != result.place.id)
    ]
    over: list[dict | None] = []
    if places:
        over.append(
            {
                "@@type": "ScatterplotLayer",
                "id": "wh-near",
                "pickable": False,
                "data": [[round(h.near[0], 5), round(h.near[1], 5)] for h in places],
                "getPosition": "@@=-",
                "getRadius": 12,
                "radiusUnits": "pixels",
                "filled": False,
                "stroked": True,
                "getLineColor": list(HIGHLIGHT),
                "getLineWidth": 3,
                "lineWidthUnits": "pixels",
            }
        )
    labelled = [h for h in result.hits() if h.is_point]
    labels = [(h.near[0], h.near[1], short_name(h.name(lang))) for h in labelled]
    [placed] = place_labels([labels], view, 13)
    over += label_layers("wh-near", placed, view, size_px=13)
    over.append(
        {
            "@@type": "ScatterplotLayer",
            "id": "wh-point",
            "pickable": False,
            "data": [[round(result.lon, 5), round(result.lat, 5)]],
            "getPosition": "@@=-",
            "getRadius": 8,
            "radiusUnits": "pixels",
            "getFillColor": list(MARKER),
            "stroked": True,
            "getLineColor": [255, 255, 255, 255],
            "getLineWidth": 2.5,
            "lineWidthUnits": "pixels",
        }
    )
    return [layer for layer in under if layer], [layer for layer in over if layer]


def whatshere_deck(
    base: Base,
    lang: str,
    *,
    result: Result | None = None,
    frames: Mapping[str, gpd.GeoDataFrame] | None = None,
    basemap: str = "none",
    view: View | None = None,
) -> SpecDeck:
    """The whole map: the cached base, and when there is an answer, its marks and a view on it."""
    if result is not None:
        view = view or query_view(result.lon, result.lat, result.radius_km)
        under, over = query_layers(result, frames or {}, lang, view)
    else:
        view, under, over = view or CITY_VIEW, [], []
    layers = [*base.under, *under, *base.over, *over]
    return SpecDeck(build_deck(layers, view, lang, basemap).spec, tooltip=None)
