"""A planned route on a map: the interactive deck.gl map, and the static drawing for print."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import shapely
from shapely.geometry import Point, shape

from arshan_data.exports import static_map
from arshan_data.geodata import geo
from arshan_data.geodata.layers import (
    BACKDROP,
    BORDER,
    CITY_BOUNDARY,
    NEIGHBOURS,
    TOURISM_LOOPS,
    drawing_order,
    get_layer,
)
from arshan_data.geodata.views import CITY_VIEW, fit_view
from arshan_data.i18n import t
from arshan_data.maps.deck import SpecDeck, build_deck, feature_layers
from arshan_data.maps.labels import label_layer, short_name
from arshan_data.tourism.route_tables import format_km, format_minutes, place_name
from arshan_data.tourism.routing import Network, Route, leg_geometry, route_geojson

#: The route on maps: a strong magenta that no layer style uses.
ROUTE_COLOR = (214, 20, 120, 235)
ROUTE_HEX = "#d61478"
START_HEX = "#1e1e1e"
#: The interactive map frames the route with this share of its size free on each side.
ROUTE_PADDING = 0.1
ROUTE_MAX_ZOOM = 11.0


def route_bounds(net: Network, route: Route) -> tuple[float, float, float, float]:
    geoms = [leg_geometry(net, leg) for leg in route.legs]
    geoms.append(Point(net.places[route.start_id].lonlat))
    return shapely.GeometryCollection(geoms).bounds


def route_deck_layers(net: Network, route: Route, lang: str) -> list[dict]:
    """deck.gl layers drawing the route on top of a map: the legs and numbered stops."""
    doc = route_geojson(net, route)
    for feature in doc["features"]:
        p = feature["properties"]
        p.update(
            {
                "id": f"leg-{p['seq']}",
                "n": f"{p['seq']}. {place_name(net, p['from'], lang)} → {place_name(net, p['to'], lang)}",
                "n2": format_km(p["km_approx"], lang),
                "k": format_minutes(p["minutes_approx"], lang),
                "s": "",
            }
        )
    r, g, b, a = ROUTE_COLOR
    layers: list[dict | None] = [
        {
            "@@type": "GeoJsonLayer",
            "id": "route~legs",
            "data": {"type": "FeatureCollection", "features": doc["features"]},
            "pickable": True,
            "autoHighlight": True,
            "highlightColor": [255, 215, 0, 220],
            "stroked": True,
            "filled": False,
            "getLineColor": [r, g, b, a],
            "getLineWidth": 6,
            "lineWidthUnits": "pixels",
            "lineWidthMinPixels": 3,
            "capRounded": True,
            "jointRounded": True,
        }
    ]
    start = net.places[route.start_id]
    stops = [(start.lonlat, t("tourism.map.start", lang, name=place_name(net, start.id, lang)))]
    for k, stop_id in enumerate(route.order, start=1):
        stops.append((net.places[stop_id].lonlat, f"{k} {place_name(net, stop_id, lang)}"))
    layers.append(
        {
            "@@type": "ScatterplotLayer",
            "id": "route~stops",
            "data": [{"p": [round(x, 4), round(y, 4)]} for (x, y), _ in stops],
            "getPosition": "@@=p",
            "getRadius": 8,
            "radiusUnits": "pixels",
            "stroked": True,
            "getFillColor": [255, 255, 255, 255],
            "getLineColor": [r, g, b, 255],
            "getLineWidth": 3,
            "lineWidthUnits": "pixels",
            "pickable": False,
        }
    )
    layers.append(
        label_layer(
            "route~stops", [(x, y, text) for (x, y), text in stops], size_px=14, color=(120, 0, 60, 255)
        )
    )
    return [layer for layer in layers if layer]


def route_deck(
    net: Network,
    route: Route,
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    basemap: str = "none",
    *,
    width_px: int = 480,
    height_px: int = 400,
) -> SpecDeck:
    """The route map: backdrop and the grand loop (from ``frames``), the route on top."""
    layers: list[dict | None] = []
    for layer_id in drawing_order(frames):
        gdf = frames[layer_id]
        if layer_id == TOURISM_LOOPS:
            gdf = gdf[gdf["kind"] == "grand_loop"]
        layers += feature_layers(
            layer_id, gdf, lang, key=f"route-{layer_id}", pickable=False if layer_id in BACKDROP else None
        )
    layers += route_deck_layers(net, route, lang)
    view = (
        fit_view(
            route_bounds(net, route),
            width_px=width_px,
            height_px=height_px,
            padding=ROUTE_PADDING,
            max_zoom=ROUTE_MAX_ZOOM,
        )
        if route.legs
        else CITY_VIEW
    )
    return build_deck(layers, view, lang, basemap)


def _geoms(frames: Mapping[str, gpd.GeoDataFrame], layer_id: str, kind: str | None = None) -> list:
    """A layer's geometries for print, simplified like the web map's backdrop (maps.SIMPLIFY_M)."""
    gdf = frames.get(layer_id)
    if gdf is None or gdf.empty:
        return []
    if kind is not None and "kind" in gdf:
        gdf = gdf[gdf["kind"] == kind]
    tolerance = get_layer(layer_id).simplify_m
    return [geo.simplify_for_display(g, tolerance) if tolerance else g for g in gdf.geometry]


def route_svg(
    net: Network,
    route: Route,
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    width: int = 760,
    height: int = 470,
    title: str | None = None,
) -> str:
    """The route as a static SVG map (for print): neighbours, city, loop, route, stops, legend."""
    return static_map.to_svg(
        route_drawing(net, route, frames, lang, width=width, height=height, title=title),
        element_id="route-map",
    )


def route_drawing(
    net: Network,
    route: Route,
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    width: int = 760,
    height: int = 470,
    title: str | None = None,
) -> static_map.Drawing:
    """The route map as drawing primitives (see ``static_map``), for SVG or a raster backend."""
    sm = static_map
    city = _geoms(frames, CITY_BOUNDARY)
    legs = [shape(f["geometry"]) for f in route_geojson(net, route)["features"]]
    start = net.places[route.start_id]
    stop_points = [
        (Point(net.places[s].lonlat), f"{k} {place_name(net, s, lang)}")
        for k, s in enumerate(route.order, start=1)
    ]
    labelled = [Point(start.lonlat)] + [pt for pt, _ in stop_points]

    def crowded(point: Point) -> bool:  # a label within ~4 km of a stop's label would overlap it
        return any(geo.distance_km(point, other) < 4.0 for other in labelled)

    others = [
        (Point(p.lonlat), None if crowded(Point(p.lonlat)) else short_name(p.name(lang)))
        for pid, p in net.places.items()
        if p.kind == "scenic_area" and pid not in route.order and pid != route.start_id
    ]
    layers = [
        sm.MapLayer(
            "neighbours",
            [g for g in _geoms(frames, NEIGHBOURS)],
            stroke="#b9b9b4",
            fill="#ecece8",
            width=0.8,
            fit=False,
        ),
        sm.MapLayer(
            "city",
            city,
            stroke="#464646",
            fill="#fcfbf5",
            width=1.4,
            legend=t("tourism.print.legend.city", lang),
        ),
        sm.MapLayer(
            "border",
            _geoms(frames, BORDER),
            stroke="#c81e1e",
            width=2.0,
            fit=False,
            legend=t("tourism.print.legend.border", lang) if _geoms(frames, BORDER) else None,
        ),
        sm.MapLayer(
            "loop",
            _geoms(frames, TOURISM_LOOPS, "grand_loop"),
            stroke="#eb5a14",
            width=2.4,
            dash=(5, 3),
            legend=t("tourism.print.legend.loop", lang),
        ),
        sm.MapLayer("route", legs, stroke=ROUTE_HEX, width=4.5, legend=t("tourism.print.legend.route", lang)),
        sm.MapLayer(
            "others",
            others,
            stroke="#e66e00",
            fill="#ffffff",
            radius=3.5,
            width=1.5,
            label_size=10.5,
            label_color="#6b4a20",
            legend=t("tourism.print.legend.scenic", lang) if others else None,
        ),
        sm.MapLayer(
            "stops",
            stop_points,
            stroke=ROUTE_HEX,
            fill="#ffffff",
            radius=5.5,
            width=2.5,
            label_size=12.5,
            label_color="#78003c",
            legend=t("tourism.print.legend.stop", lang),
        ),
        sm.MapLayer(
            "start",
            [(Point(start.lonlat), t("tourism.map.start", lang, name=place_name(net, start.id, lang)))],
            stroke="#ffffff",
            fill=START_HEX,
            radius=6,
            width=1.5,
            label_size=12.5,
            legend=t("tourism.print.legend.start", lang),
        ),
    ]
    texts = sm.Texts(
        legend=t("tourism.print.legend", lang),
        km=t("tourism.print.km", lang),
        north=t("tourism.print.north", lang),
    )
    bbox = city[0].bounds if len(city) == 1 else None
    return sm.draw_list(
        layers, width=width, height=height, bbox=bbox, title=title, texts=texts, legend_inside=True
    )
