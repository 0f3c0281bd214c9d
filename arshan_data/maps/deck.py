"""Map building: layer data in, a pydeck ``Deck`` out. Pure functions, no Streamlit.

Why not plain ``pydeck.Layer``: pydeck turns every string or list-of-strings property into a
JavaScript expression, so ``characterSet`` (needed for Chinese labels) and ``fontFamily`` break,
and its indented JSON with random layer ids is 3–5× larger and defeats Streamlit's message cache.
So layers are plain deck.gl JSON dicts with explicit ids, serialised once, compactly, by
``SpecDeck``. The spec carries Streamlit's "no basemap" placeholder unless an operator
configured tiles (``basemaps``), so by default the browser fetches nothing from any other host.
How each layer is drawn is part of its registry entry (``geodata.layers``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pydeck as pdk
import shapely
from shapely.geometry import mapping

from arshan_data.geodata import geo
from arshan_data.geodata.layers import RGBA, SCENIC_AREAS, SEATS, VILLAGES, Style, drawing_order, get_layer
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.i18n import t
from arshan_data.maps.basemaps import map_style
from arshan_data.maps.labels import label_layers, place_labels, point_labels

#: Dash pattern (in line widths) per status and for schematic lines/outlines.
DASH = {"planned": [3, 2], "schematic": [1.5, 1.5]}
COORD_DECIMALS = 4  # ~10 m: below any feature's fidelity


class SpecDeck(pdk.Deck):
    """A Deck whose JSON is computed once, compactly, from a plain deck.gl JSON spec."""

    def __init__(self, spec: dict, tooltip: dict | None = None):
        super().__init__(layers=[], map_provider=None, tooltip=tooltip or False)
        self.spec = spec
        self._json = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))

    def to_json(self) -> str:  # what st.pydeck_chart sends to the browser
        return self._json


#: Layers whose labels a map never leaves out (issue: the seats, the port, the villages and the
#: scenic areas went unnamed when they crowded): crowded, they move aside on a leader line.
KEY_PLACE_LAYERS = frozenset({SEATS, VILLAGES, SCENIC_AREAS})


def _rounded(geom, decimals: int = COORD_DECIMALS):
    return shapely.set_precision(geom, 10.0**-decimals, mode="pointwise")


def status_label(status: object, lang: str, *, has_status: bool = True) -> str:
    """A feature's plan status in words. On a layer that carries statuses (transport) a null
    status is the plan's silence, said as such (规划未写明 / "not stated in the plan"); other
    layers have none ("")."""
    if isinstance(status, str) and status:
        return t(f"status.{status}", lang)
    return t("status.unstated", lang) if has_status else ""


def feature_properties(row: dict, lang: str, *, has_status: bool = False) -> dict:
    """The few fields a map feature carries to the browser (details are looked up by id).
    ``s`` is the status with its separator (" · 规划"), empty on layers without statuses."""
    other = "en" if lang == "zh" else "zh"
    status = status_label(row.get("status"), lang, has_status=has_status)
    return {
        "id": row["id"],
        "n": row.get(f"name_{lang}") or row.get("name_zh") or "",
        "n2": row.get(f"name_{other}") or "",
        "k": t(f"fidelity.{row['fidelity']}", lang),
        "s": f" · {status}" if status else "",
    }


def geojson_features(gdf: gpd.GeoDataFrame, layer_id: str, lang: str) -> list[dict]:
    tolerance = get_layer(layer_id).simplify_m
    has_status = get_layer(layer_id).has_status
    features = []
    for row in gdf.to_dict("records"):
        geom = row["geometry"]
        if tolerance and geom.geom_type != "Point":
            geom = geo.simplify_for_display(geom, tolerance)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(_rounded(geom)),
                "properties": feature_properties(row, lang, has_status=has_status),
            }
        )
    return features


def _geojson_layer(
    layer_key: str,
    features: list[dict],
    style: Style,
    *,
    pickable: bool,
    schematic: bool,
    planned: bool,
    upgrade: bool,
) -> dict:
    r, g, b, a = style.color
    points = bool(features) and features[0]["geometry"]["type"] == "Point"
    if points:
        fill = [r, g, b, 0 if schematic else a]
    elif style.fill is not None:
        fill = list(style.fill)
    else:
        fill = [r, g, b, style.fill_alpha // 2 if schematic else style.fill_alpha]
    layer = {
        "@@type": "GeoJsonLayer",
        "id": layer_key,
        "data": {"type": "FeatureCollection", "features": features},
        "pickable": pickable,
        "autoHighlight": pickable,
        "highlightColor": [255, 215, 0, 200],
        "stroked": True,
        "filled": True,
        "pointType": "circle",
        "getFillColor": fill,
        "getLineColor": [r, g, b, 170 if schematic else a],
        "getLineWidth": style.line_width_px * (1.8 if upgrade else 1.0),
        "lineWidthUnits": "pixels",
        "lineWidthMinPixels": 1,
        "getPointRadius": style.point_radius_px,
        "pointRadiusUnits": "pixels",
    }
    if points:
        layer["getLineWidth"] = 2.5 if schematic else 1.5
        layer["getLineColor"] = [r, g, b, 255] if schematic else [255, 255, 255, 255]
    if (planned or schematic) and not points:
        layer["extensions"] = [{"@@type": "PathStyleExtension", "dash": True}]
        layer["getDashArray"] = DASH["planned" if planned else "schematic"]
        layer["dashJustified"] = True
    return layer


def feature_layers(
    layer_id: str,
    gdf: gpd.GeoDataFrame,
    lang: str,
    *,
    pickable: bool | None = None,
    style: Style | None = None,
    key: str | None = None,
) -> list[dict]:
    """deck.gl layers for one registry layer, split so that fidelity and status show in style.

    Ids are ``<key>`` for located features and ``<key>~schematic`` / ``<key>~planned`` etc.,
    stable across reruns (Streamlit then resends nothing when the map did not change).
    """
    style = style or get_layer(layer_id).style
    key = key or layer_id
    pickable = not get_layer(layer_id).backdrop if pickable is None else pickable
    if gdf.empty:
        return []
    layers = []
    status = gdf["status"].fillna("") if "status" in gdf else None
    groups = gdf.groupby([gdf["fidelity"] == "schematic", status if status is not None else ""], sort=True)
    for (schematic, stat), part in groups:
        suffix = "".join(s for s in (("~schematic" if schematic else ""), (f"~{stat}" if stat else "")))
        layers.append(
            _geojson_layer(
                f"{key}{suffix}",
                geojson_features(part, layer_id, lang),
                style,
                pickable=pickable,
                schematic=bool(schematic),
                planned=stat == "planned",
                upgrade=stat == "upgrade",
            )
        )
    return layers


def halo_layer(key: str, gdf: gpd.GeoDataFrame, style: Style, radius_m: float = 2500.0) -> dict | None:
    """A translucent disc round each *approximate* point: honest about "good to a few km"."""
    approx = gdf[(gdf["fidelity"] == "approximate") & (gdf.geometry.geom_type == "Point")]
    if approx.empty:
        return None
    r, g, b, _ = style.color
    return {
        "@@type": "ScatterplotLayer",
        "id": f"{key}~halo",
        "data": [[round(p.x, 4), round(p.y, 4)] for p in approx.geometry],
        "getPosition": "@@=-",
        "getRadius": radius_m,
        "radiusUnits": "meters",
        "getFillColor": [r, g, b, 32],
        "stroked": False,
        "pickable": False,
    }


def tooltip(lang: str) -> dict:
    """One tooltip for every pickable layer; values are HTML-escaped by Streamlit."""
    return {
        "html": "<b>{n}</b><br/>{n2}<br/><span style='opacity:.8'>{k}{s}</span>",
        "style": {"fontSize": "14px", "maxWidth": "280px"},
    }


def build_deck(
    layers: Iterable[dict | None], view: View, lang: str, basemap: str = "none", *, transition_ms: int = 0
) -> SpecDeck:
    """Assemble the deck: layers in drawing order, the view, and no basemap unless configured.

    ``transition_ms``: when the view changes on a rerun, the camera glides there in that time
    (deck.gl's default linear interpolator) instead of jumping.
    """
    view_state = view.as_dict()
    if transition_ms:
        view_state["transitionDuration"] = int(transition_ms)
    spec = {
        "mapStyle": map_style(basemap),
        "initialViewState": view_state,
        "views": [{"@@type": "MapView", "controller": True}],
        "layers": [layer for layer in layers if layer],
    }
    return SpecDeck(spec, tooltip(lang))


#: A layer drawn part by part: layer id → (column, ((value, colour), ...)) — e.g. the pattern
#: layer's ``element`` column, one colour per element.
SplitSpec = dict[str, tuple[str, Sequence[tuple[str, RGBA]]]]


def dimension(gdf: gpd.GeoDataFrame) -> int:
    """2 for areas, 1 for lines, 0 for points only (what a split part is drawn as)."""
    types = set(gdf.geom_type)
    return 2 if types & {"Polygon", "MultiPolygon"} else 1 if types & {"LineString", "MultiLineString"} else 0


def compose_deck(
    frames: dict[str, gpd.GeoDataFrame],
    lang: str,
    *,
    view: View = CITY_VIEW,
    basemap: str = "none",
    labelled: Iterable[str] = (),
    split: SplitSpec | None = None,
    label_px: float = 14,
    transition_ms: int = 0,
    frame_px: tuple[float, float] | None = None,
) -> SpecDeck:
    """A map of several registry layers: backdrop first, halos under their points, labels on top.

    A layer in ``split`` is drawn part by part in its parts' colours (areas under lines under
    points), with stable ids ``<layer>~<value>``; ``label_px`` sizes the labels (a projector
    wants them larger); ``transition_ms`` see ``build_deck``; ``frame_px`` the map's expected
    size, which labels keep inside (``place_labels``).
    """
    split = split or {}
    layers: list[dict | None] = []
    for layer_id in drawing_order(frames):
        gdf = frames[layer_id]
        style = get_layer(layer_id).style
        if layer_id not in split:
            if not get_layer(layer_id).backdrop:
                layers.append(halo_layer(layer_id, gdf, style))
            layers += feature_layers(layer_id, gdf, lang)
            continue
        column, values = split[layer_id]
        pieces = [(value, color, gdf[gdf[column].astype(str) == value]) for value, color in values]
        for value, color, part in sorted(pieces, key=lambda p: -dimension(p[2])):
            part_style = dataclasses.replace(style, color=color, fill=None)
            key = f"{layer_id}~{value}"
            layers.append(halo_layer(key, part, part_style))
            layers += feature_layers(layer_id, part, lang, style=part_style, key=key)
    labelled = [layer_id for layer_id in labelled if layer_id in frames]
    keep = [index for index, layer_id in enumerate(labelled) if layer_id in KEY_PLACE_LAYERS]
    groups = place_labels(
        [point_labels(frames[lid], lang) for lid in labelled], view, label_px, keep=keep, frame_px=frame_px
    )
    for layer_id, placed in zip(labelled, groups, strict=True):
        layers += label_layers(layer_id, placed, view, size_px=label_px)
    return build_deck(layers, view, lang, basemap, transition_ms=transition_ms)
