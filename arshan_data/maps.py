"""Map building: layer data in, a pydeck ``Deck`` out. Pure functions, no Streamlit.

Why not plain ``pydeck.Layer``: pydeck turns every string or list-of-strings property into a
JavaScript expression, so ``characterSet`` (needed for Chinese labels) and ``fontFamily`` break,
and its indented JSON with random layer ids is 3–5× larger and defeats Streamlit's message cache.
So layers are plain deck.gl JSON dicts with explicit ids, serialised once, compactly, by
``SpecDeck``. The spec carries Streamlit's "no basemap" placeholder unless an operator
configured tiles, so by default the browser fetches nothing from any other host.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import re
import urllib.parse
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pydeck as pdk
import shapely
from shapely.geometry import mapping

from . import geo
from .i18n import t

#: Streamlit's sentinel for "no basemap" (any other empty value makes it load a Carto style).
NO_BASEMAP = "__MAP_STYLE__"
BASEMAP_STYLES = {
    "carto-positron": "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json",
    "carto-voyager": "https://basemaps.cartocdn.com/gl/voyager-gl-style/style.json",
}
#: Font stack for map labels; deck.gl rasterises glyphs with the browser's canvas, so the first
#: family the reader's system has wins (Noto CJK on Linux, YaHei on Windows, PingFang on Apple).
LABEL_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

RGBA = tuple[int, int, int, int]


@dataclasses.dataclass(frozen=True)
class View:
    longitude: float
    latitude: float
    zoom: float
    pitch: float = 0
    bearing: float = 0

    def as_dict(self) -> dict:
        return {"longitude": self.longitude, "latitude": self.latitude, "zoom": self.zoom,
                "pitch": self.pitch, "bearing": self.bearing}


CITY_VIEW = View(120.42, 47.12, 7.3)


@dataclasses.dataclass(frozen=True)
class Style:
    """How one layer is drawn. ``color`` is the main colour; the rest follow from it."""

    color: RGBA
    #: Fill colour for areas (default: ``color`` at ``fill_alpha``).
    fill: RGBA | None = None
    line_width_px: float = 2.0
    point_radius_px: float = 6.0
    fill_alpha: int = 70
    z: int = 50  # drawing order: low first


STYLES: dict[str, Style] = {
    "neighbours": Style((185, 185, 180, 255), (229, 229, 224, 255), line_width_px=1.0, z=0),
    "city_boundary": Style((70, 70, 70, 255), (252, 251, 245, 255), line_width_px=2.0, z=5),
    "border": Style((200, 30, 30, 255), line_width_px=3.0, z=6),
    "rivers": Style((40, 120, 200, 255), line_width_px=2.0, z=10),
    "pattern": Style((46, 139, 87, 255), line_width_px=3.0, z=15),
    "landscape_zones": Style((160, 110, 60, 255), line_width_px=1.5, z=16),
    "tourism_clusters": Style((230, 120, 40, 255), line_width_px=1.5, z=17),
    "land_projects": Style((150, 90, 160, 255), line_width_px=2.0, z=18),
    "central_city": Style((200, 60, 90, 255), line_width_px=3.0, z=19),
    "port_structure": Style((200, 60, 90, 255), line_width_px=3.0, z=19),
    "protected_areas": Style((34, 139, 34, 255), line_width_px=1.5, point_radius_px=7, z=20),
    "roads": Style((120, 80, 40, 255), line_width_px=3.0, z=30),
    "railways": Style((40, 40, 40, 255), line_width_px=2.5, z=31),
    "tourism_loops": Style((235, 90, 20, 255), line_width_px=4.0, z=32),
    "villages": Style((120, 90, 170, 255), point_radius_px=5, z=40),
    "heritage": Style((150, 40, 40, 255), point_radius_px=6, z=41),
    "scenic_areas": Style((230, 110, 0, 255), point_radius_px=7, z=42),
    "airports": Style((30, 70, 160, 255), point_radius_px=7, z=43),
    "stations": Style((40, 40, 40, 255), point_radius_px=4, z=43),
    "seats": Style((180, 20, 40, 255), point_radius_px=7, z=45),
    "regional_context": Style((90, 90, 90, 255), point_radius_px=5, z=45),
}
DEFAULT_STYLE = Style((90, 90, 90, 255))
#: The spatial pattern's elements (the ``element`` column of the pattern layer), one colour each,
#: chosen to read as what they are (barrier green, river belts blue, core red …).
PATTERN_ELEMENT_COLORS: dict[str, RGBA] = {
    "one_barrier": (46, 125, 50, 255), "two_belts": (21, 101, 192, 255), "one_core": (198, 40, 40, 255),
    "one_axis": (239, 108, 0, 255), "one_loop": (123, 31, 162, 255), "two_zones": (141, 110, 99, 255),
    "multiple_points": (0, 105, 92, 255),
}
#: Layers drawn only as backdrop (not clickable, no tooltip).
BACKDROP = ("neighbours", "city_boundary", "border", "rivers")
#: Dash pattern (in line widths) per status and for schematic lines/outlines.
DASH = {"planned": [3, 2], "schematic": [1.5, 1.5]}
#: Display simplification per layer (metres); points are never simplified.
SIMPLIFY_M = {"neighbours": 400.0, "city_boundary": 150.0, "border": 100.0}
COORD_DECIMALS = 4  # ~10 m: below any feature's fidelity


class SpecDeck(pdk.Deck):
    """A Deck whose JSON is computed once, compactly, from a plain deck.gl JSON spec."""

    def __init__(self, spec: dict, tooltip: dict | None = None):
        super().__init__(layers=[], map_provider=None, tooltip=tooltip or False)
        self.spec = spec
        self._json = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))

    def to_json(self) -> str:  # what st.pydeck_chart sends to the browser
        return self._json


def _rounded(geom, decimals: int = COORD_DECIMALS):
    return shapely.set_precision(geom, 10.0**-decimals, mode="pointwise")


def status_label(status: str | None, lang: str) -> str:
    return t(f"status.{status}", lang) if status else ""


def feature_properties(row: dict, lang: str) -> dict:
    """The few fields a map feature carries to the browser (details are looked up by id)."""
    other = "en" if lang == "zh" else "zh"
    return {
        "id": row["id"],
        "n": row.get(f"name_{lang}") or row.get("name_zh") or "",
        "n2": row.get(f"name_{other}") or "",
        "k": t(f"fidelity.{row['fidelity']}", lang),
        "s": status_label(row.get("status"), lang),
    }


def geojson_features(gdf: gpd.GeoDataFrame, layer_id: str, lang: str) -> list[dict]:
    tolerance = SIMPLIFY_M.get(layer_id, 0.0)
    features = []
    for row in gdf.to_dict("records"):
        geom = row["geometry"]
        if tolerance and geom.geom_type != "Point":
            geom = geo.simplify_for_display(geom, tolerance)
        features.append(
            {"type": "Feature", "geometry": mapping(_rounded(geom)),
             "properties": feature_properties(row, lang)}
        )
    return features


def _geojson_layer(layer_key: str, features: list[dict], style: Style, *, pickable: bool,
                   schematic: bool, planned: bool, upgrade: bool) -> dict:
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


def feature_layers(layer_id: str, gdf: gpd.GeoDataFrame, lang: str, *,
                   pickable: bool | None = None, style: Style | None = None,
                   key: str | None = None) -> list[dict]:
    """deck.gl layers for one registry layer, split so that fidelity and status show in style.

    Ids are ``<key>`` for located features and ``<key>~schematic`` / ``<key>~planned`` etc.,
    stable across reruns (Streamlit then resends nothing when the map did not change).
    """
    style = style or STYLES.get(layer_id, DEFAULT_STYLE)
    key = key or layer_id
    pickable = layer_id not in BACKDROP if pickable is None else pickable
    if gdf.empty:
        return []
    layers = []
    status = gdf["status"].fillna("") if "status" in gdf else None
    groups = gdf.groupby([gdf["fidelity"] == "schematic", status if status is not None else ""], sort=True)
    for (schematic, stat), part in groups:
        suffix = "".join(s for s in (("~schematic" if schematic else ""), (f"~{stat}" if stat else "")))
        layers.append(
            _geojson_layer(
                f"{key}{suffix}", geojson_features(part, layer_id, lang), style,
                pickable=pickable, schematic=bool(schematic), planned=stat == "planned",
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
        "@@type": "ScatterplotLayer", "id": f"{key}~halo",
        "data": [[round(p.x, 4), round(p.y, 4)] for p in approx.geometry],
        "getPosition": "@@=-", "getRadius": radius_m, "radiusUnits": "meters",
        "getFillColor": [r, g, b, 32], "stroked": False, "pickable": False,
    }


def label_layer(key: str, labels: Sequence[tuple[float, float, str]], *, size_px: float = 14,
                color: RGBA = (30, 30, 30, 255), offset_px: tuple[int, int] = (0, -16),
                ) -> dict | None:
    """Text labels. ``characterSet`` lists exactly the glyphs used, so Chinese renders."""
    if not labels:
        return None
    chars = sorted(set("".join(text for _, _, text in labels)))
    return {
        "@@type": "TextLayer", "id": f"{key}~labels",
        "data": [{"p": [round(x, 4), round(y, 4)], "t": text} for x, y, text in labels],
        "getPosition": "@@=p", "getText": "@@=t", "getSize": size_px, "sizeUnits": "pixels",
        "getColor": list(color), "fontFamily": LABEL_FONTS, "characterSet": chars,
        "fontWeight": 600, "getPixelOffset": list(offset_px),
        "outlineWidth": 3, "outlineColor": [255, 255, 255, 230],
        "fontSettings": {"sdf": True, "fontSize": 48, "buffer": 6},
        "pickable": False, "billboard": True,
    }


_PARENTHESIS = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")


def short_name(name: str) -> str:
    """A map label: the name without a trailing remark in brackets ("天池镇（镇政府驻地）")."""
    return _PARENTHESIS.sub("", name) or name


def point_labels(gdf: gpd.GeoDataFrame, lang: str) -> list[tuple[float, float, str]]:
    labels = []
    for row in gdf.to_dict("records"):
        point = row["geometry"].representative_point()
        labels.append((point.x, point.y, short_name(row.get(f"name_{lang}") or row["name_zh"])))
    return labels


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    scale = 512 * 2**zoom / (2 * math.pi)
    return (scale * (math.radians(lon) + math.pi),
            scale * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))))


def declutter(groups: Sequence[Sequence[tuple[float, float, str]]], view: View, size_px: float = 14,
              ) -> list[list[tuple[float, float, str]]]:
    """Drop labels that would overlap at the view's zoom; earlier groups and labels win.

    Done here rather than with deck.gl's CollisionFilterExtension, which hid every label in
    headless Chromium (it reads back a GPU framebuffer). A dropped label's feature is still on
    the map, with its name in the tooltip, the feature list and the table.
    """
    taken: list[tuple[float, float, float, float]] = []
    kept_groups = []
    for group in groups:
        kept = []
        for lon, lat, text in group:
            x, y = _pixel(lon, lat, view.zoom)
            width = sum(size_px if ord(ch) > 0x2E7F else size_px * 0.6 for ch in text) + 6
            box = (x - width / 2, y - 16 - size_px, x + width / 2, y - 16 + 4)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                continue
            taken.append(box)
            kept.append((lon, lat, text))
        kept_groups.append(kept)
    return kept_groups


def tooltip(lang: str) -> dict:
    """One tooltip for every pickable layer; values are HTML-escaped by Streamlit."""
    return {
        "html": "<b>{n}</b><br/>{n2}<br/><span style='opacity:.8'>{k} {s}</span>",
        "style": {"fontSize": "14px", "maxWidth": "280px"},
    }


#: Tianditu (天地图), the national map service: vector map and its Chinese labels as Web Mercator
#: WMTS tiles on eight hosts. CGCS2000, its datum, agrees with WGS84 within centimetres, so our
#: layers sit on it without the GCJ-02 offset of commercial Chinese maps.
TIANDITU_TILES = ("https://t{host}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                  "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
                  "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}")
TIANDITU_ATTRIBUTION = "天地图 · 国家地理信息公共服务平台 (www.tianditu.gov.cn)"


def tianditu_style(key: str) -> str:
    """A MapLibre style with Tianditu's vector map (vec) and labels (cva), as a ``data:`` URL:
    nothing to host, and the browser asks only Tianditu's hosts for tiles (with the key)."""
    def source(layer: str) -> dict:
        tiles = [TIANDITU_TILES.format(host=i, layer=layer, key=urllib.parse.quote(key, safe=""))
                 for i in range(8)]
        return {"type": "raster", "tiles": tiles, "tileSize": 256, "maxzoom": 18,
                "attribution": TIANDITU_ATTRIBUTION}

    style = {"version": 8, "sources": {"tdt-vec": source("vec"), "tdt-cva": source("cva")},
             "layers": [{"id": "tdt-vec", "type": "raster", "source": "tdt-vec"},
                        {"id": "tdt-cva", "type": "raster", "source": "tdt-cva"}]}
    payload = base64.b64encode(json.dumps(style, separators=(",", ":")).encode()).decode()
    return "data:application/json;base64," + payload


def map_style(basemap: str) -> str:
    """The deck's ``mapStyle``: a named basemap's style URL, a style given as a ``data:`` URL
    (``tianditu_style``, via ``Settings.basemap_style``), or Streamlit's "no basemap" sentinel."""
    if basemap.startswith("data:application/json"):
        return basemap
    return BASEMAP_STYLES.get(basemap, NO_BASEMAP)


def build_deck(layers: Iterable[dict | None], view: View, lang: str, basemap: str = "none", *,
               transition_ms: int = 0) -> SpecDeck:
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


def ordered(layer_ids: Iterable[str]) -> list[str]:
    return sorted(layer_ids, key=lambda lid: STYLES.get(lid, DEFAULT_STYLE).z)


#: A layer drawn part by part: layer id → (column, ((value, colour), ...)) — e.g. the pattern
#: layer's ``element`` column, one colour per element.
SplitSpec = dict[str, tuple[str, Sequence[tuple[str, RGBA]]]]


def dimension(gdf: gpd.GeoDataFrame) -> int:
    """2 for areas, 1 for lines, 0 for points only (what a split part is drawn as)."""
    types = set(gdf.geom_type)
    return 2 if types & {"Polygon", "MultiPolygon"} else 1 if types & {"LineString", "MultiLineString"} else 0


def compose_deck(frames: dict[str, gpd.GeoDataFrame], lang: str, *, view: View = CITY_VIEW,
                 basemap: str = "none", labelled: Iterable[str] = (), split: SplitSpec | None = None,
                 label_px: float = 14, transition_ms: int = 0) -> SpecDeck:
    """A map of several registry layers: backdrop first, halos under their points, labels on top.

    A layer in ``split`` is drawn part by part in its parts' colours (areas under lines under
    points), with stable ids ``<layer>~<value>``; ``label_px`` sizes the labels (a projector
    wants them larger); ``transition_ms`` see ``build_deck``.
    """
    split = split or {}
    layers: list[dict | None] = []
    for layer_id in ordered(frames):
        gdf = frames[layer_id]
        style = STYLES.get(layer_id, DEFAULT_STYLE)
        if layer_id not in split:
            if layer_id not in BACKDROP:
                layers.append(halo_layer(layer_id, gdf, style))
            layers += feature_layers(layer_id, gdf, lang)
            continue
        column, values = split[layer_id]
        pieces = [(value, color, gdf[gdf[column].astype(str) == value]) for value, color in values]
        for value, color, part in sorted(pieces, key=lambda p: -dimension(p[2])):
            part_style = dataclasses.replace(style, color=tuple(color), fill=None)
            key = f"{layer_id}~{value}"
            layers.append(halo_layer(key, part, part_style))
            layers += feature_layers(layer_id, part, lang, style=part_style, key=key)
    labelled = [layer_id for layer_id in labelled if layer_id in frames]
    groups = declutter([point_labels(frames[layer_id], lang) for layer_id in labelled], view, label_px)
    for layer_id, labels in zip(labelled, groups):
        layers.append(label_layer(layer_id, labels, size_px=label_px,
                                  offset_px=(0, -round(label_px + 2))))
    return build_deck(layers, view, lang, basemap, transition_ms=transition_ms)


@dataclasses.dataclass(frozen=True)
class LegendEntry:
    layer_id: str
    color: RGBA
    title: str
    text: str
    shape: str  # point | line | area
    #: Every feature shown is schematic: the swatch is drawn like the map draws them (hollow
    #: ring, dotted line, pale area with a dotted edge).
    schematic: bool = False


def legend_entries(layer_ids: Iterable[str], lang: str) -> list[LegendEntry]:
    from .layers import get_layer  # noqa: PLC0415 - avoid a cycle at import time

    entries = []
    for layer_id in ordered(layer_ids):
        layer = get_layer(layer_id)
        style = STYLES.get(layer_id, DEFAULT_STYLE)
        shape = ("point" if layer.geometry[0] == "Point" else
                 "line" if layer.geometry[0] == "LineString" else "area")
        entries.append(LegendEntry(layer_id, style.color,
                                   layer.title_zh if lang == "zh" else layer.title_en,
                                   t(f"legend.{layer_id}", lang), shape))
    return entries
