"""Map labels: a deck.gl text layer whose Chinese glyphs render, and a declutter that keeps
labels from piling up. Pure: no Streamlit."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import geopandas as gpd

from arshan_data.geodata.layers import RGBA
from arshan_data.geodata.views import View

#: Font stack for map labels; deck.gl rasterises glyphs with the browser's canvas, so the first
#: family the reader's system has wins (Noto CJK on Linux, YaHei on Windows, PingFang on Apple).
LABEL_FONTS = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def label_layer(
    key: str,
    labels: Sequence[tuple[float, float, str]],
    *,
    size_px: float = 14,
    color: RGBA = (30, 30, 30, 255),
    offset_px: tuple[int, int] = (0, -16),
) -> dict | None:
    """Text labels. ``characterSet`` lists exactly the glyphs used, so Chinese renders."""
    if not labels:
        return None
    chars = sorted(set("".join(text for _, _, text in labels)))
    return {
        "@@type": "TextLayer",
        "id": f"{key}~labels",
        "data": [{"p": [round(x, 4), round(y, 4)], "t": text} for x, y, text in labels],
        "getPosition": "@@=p",
        "getText": "@@=t",
        "getSize": size_px,
        "sizeUnits": "pixels",
        "getColor": list(color),
        "fontFamily": LABEL_FONTS,
        "characterSet": chars,
        "fontWeight": 600,
        "getPixelOffset": list(offset_px),
        "outlineWidth": 3,
        "outlineColor": [255, 255, 255, 230],
        "fontSettings": {"sdf": True, "fontSize": 48, "buffer": 6},
        "pickable": False,
        "billboard": True,
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
    return (
        scale * (math.radians(lon) + math.pi),
        scale * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))),
    )


def declutter(
    groups: Sequence[Sequence[tuple[float, float, str]]],
    view: View,
    size_px: float = 14,
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
