"""Tile basemaps an operator may switch on (none by default: the browser then fetches nothing
from any other host), as the deck's ``mapStyle``."""

from __future__ import annotations

import base64
import json
import urllib.parse

from arshan_data.config import Settings

#: Streamlit's sentinel for "no basemap" (any other empty value makes it load a Carto style).
NO_BASEMAP = "__MAP_STYLE__"
BASEMAP_STYLES = {
    "carto-positron": "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json",
    "carto-voyager": "https://basemaps.cartocdn.com/gl/voyager-gl-style/style.json",
}


#: Tianditu (天地图), the national map service: vector map and its Chinese labels as Web Mercator
#: WMTS tiles on eight hosts. CGCS2000, its datum, agrees with WGS84 within centimetres, so our
#: layers sit on it without the GCJ-02 offset of commercial Chinese maps.
TIANDITU_TILES = (
    "https://t{host}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)
TIANDITU_ATTRIBUTION = "天地图 · 国家地理信息公共服务平台 (www.tianditu.gov.cn)"


def tianditu_style(key: str) -> str:
    """A MapLibre style with Tianditu's vector map (vec) and labels (cva), as a ``data:`` URL:
    nothing to host, and the browser asks only Tianditu's hosts for tiles (with the key)."""

    def source(layer: str) -> dict:
        tiles = [
            TIANDITU_TILES.format(host=i, layer=layer, key=urllib.parse.quote(key, safe="")) for i in range(8)
        ]
        return {
            "type": "raster",
            "tiles": tiles,
            "tileSize": 256,
            "maxzoom": 18,
            "attribution": TIANDITU_ATTRIBUTION,
        }

    style = {
        "version": 8,
        "sources": {"tdt-vec": source("vec"), "tdt-cva": source("cva")},
        "layers": [
            {"id": "tdt-vec", "type": "raster", "source": "tdt-vec"},
            {"id": "tdt-cva", "type": "raster", "source": "tdt-cva"},
        ],
    }
    payload = base64.b64encode(json.dumps(style, separators=(",", ":")).encode()).decode()
    return "data:application/json;base64," + payload


def map_style(basemap: str) -> str:
    """The deck's ``mapStyle``: a named basemap's style URL, a style given as a ``data:`` URL
    (``tianditu_style``, via ``Settings.basemap_style``), or Streamlit's "no basemap" sentinel."""
    if basemap.startswith("data:application/json"):
        return basemap
    return BASEMAP_STYLES.get(basemap, NO_BASEMAP)


def basemap_style(settings: Settings) -> str:
    """What the map builders' ``basemap`` argument gets: the configured basemap's name, or for
    Tianditu its style with the key (``tianditu_style``)."""
    if settings.basemap == "tianditu":
        return tianditu_style(settings.tianditu_key)
    return settings.basemap
