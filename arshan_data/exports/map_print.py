"""Registry layers as static-map layers: the same features, colours and symbols as the deck.gl
maps, for the SVG/PDF renderer in ``static_map``. Pure functions, no Streamlit.

    frames (layer id → GeoDataFrame) ──static_layers──▶ [static_map.MapLayer] ──draw_list──▶ Drawing

Styles follow ``maps.STYLES``: areas as a light tint of the layer colour, planned lines dashed,
upgrades bold, schematic features hollow or dotted; a split layer (the pattern's elements) is
drawn part by part in its parts' colours. ``view_bbox`` turns a deck.gl camera into the extent a
reader sees, so a printed map shows what the screen showed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import geopandas as gpd

from arshan_data.exports import static_map as sm
from arshan_data.geodata import geo
from arshan_data.geodata.layers import (
    BACKDROP,
    CITY_BOUNDARY,
    NEIGHBOURS,
    REGIONAL_CONTEXT,
    RGBA,
    RIVERS,
    Style,
    drawing_order,
    get_layer,
)
from arshan_data.geodata.views import View
from arshan_data.i18n import t
from arshan_data.maps.deck import dimension
from arshan_data.maps.labels import declutter, point_labels

#: A split layer for print: layer id → (column, ((value, legend label, colour), ...)).
PrintSplit = Mapping[str, tuple[str, Sequence[tuple[str, str, RGBA]]]]
#: Dash patterns (in line widths) as on the screen maps.
DASH = {"planned": 3.0, "schematic": 1.5}
#: Point radius and line width on paper relative to the screen's pixels.
POINT_FACTOR, LINE_FACTOR = 0.8, 0.8
WORLD_PX = 512.0  # deck.gl: the world is 512 px wide at zoom 0


def hex_color(rgba: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


def tint(rgba: Sequence[int], alpha: float) -> str:
    """The colour at ``alpha`` (0–1) over white, as an opaque hex colour (prints predictably)."""
    return hex_color([round(255 - (255 - c) * alpha) for c in rgba[:3]])


def view_bbox(view: View, width_px: float, height_px: float) -> tuple[float, float, float, float]:
    """The lon/lat extent a deck.gl ``view`` shows in a ``width_px`` × ``height_px`` map."""
    scale = WORLD_PX * 2**view.zoom / (2 * math.pi)  # px per radian of longitude / mercator unit
    cx = math.radians(view.longitude)
    cy = math.log(math.tan(math.pi / 4 + math.radians(view.latitude) / 2))
    dx, dy = width_px / 2 / scale, height_px / 2 / scale

    def lat(y: float) -> float:
        return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)

    return (math.degrees(cx - dx), lat(cy - dy), math.degrees(cx + dx), lat(cy + dy))


def zoom_for(bbox: tuple[float, float, float, float], width_px: float) -> float:
    """The deck.gl zoom at which ``bbox`` is ``width_px`` wide (for label decluttering)."""
    span = max(math.radians(bbox[2] - bbox[0]), 1e-9)
    return math.log2(width_px * 2 * math.pi / span / WORLD_PX)


def layer_title(layer_id: str, lang: str) -> str:
    layer = get_layer(layer_id)
    return layer.title_zh if lang == "zh" else layer.title_en


def texts(lang: str) -> sm.Texts:
    return sm.Texts(
        legend=t("present.print.legend", lang),
        km=t("present.print.km", lang),
        north=t("present.print.north", lang),
    )


def _simplified(gdf: gpd.GeoDataFrame, layer_id: str) -> list:
    tolerance = get_layer(layer_id).simplify_m
    return [
        geo.simplify_for_display(g, tolerance) if tolerance and g.geom_type != "Point" else g
        for g in gdf.geometry
    ]


def _layer_parts(
    layer_id: str,
    gdf: gpd.GeoDataFrame,
    color: RGBA,
    style: Style,
    legend: str | None,
    *,
    fit: bool,
    labels: Mapping[str, str],
    label_size: float = 11.0,
) -> list[sm.MapLayer]:
    """One static layer per (schematic?, status) group, like ``maps.feature_layers``; the legend
    line goes with the first group."""
    if gdf.empty:
        return []
    out = []
    schematic = gdf["fidelity"] == "schematic"
    status = gdf["status"].fillna("") if "status" in gdf else None
    keys = sorted(
        {(bool(s), (status.iloc[i] if status is not None else "")) for i, s in enumerate(schematic)}
    )
    for is_schematic, stat in keys:
        mask = (schematic == is_schematic) & ((status == stat) if status is not None else True)
        part = gdf[mask]
        geoms = _simplified(part, layer_id)
        features = [
            (g, labels[fid]) if fid in labels else g for g, fid in zip(geoms, part["id"], strict=True)
        ]
        points = all(g.geom_type == "Point" for g in geoms)
        width = style.line_width_px * LINE_FACTOR * (1.8 if stat == "upgrade" else 1.0)
        if points:
            layer = sm.MapLayer(
                f"{layer_id}~{int(is_schematic)}{stat}",
                features,
                stroke=hex_color(color) if is_schematic else "#ffffff",
                fill="#ffffff" if is_schematic else hex_color(color),
                width=1.6 if is_schematic else 1.0,
                radius=style.point_radius_px * POINT_FACTOR,
                legend=legend,
                fit=fit,
                label_size=label_size,
            )
        else:
            areas = any(g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)
            fill = None
            if areas:
                fill = (
                    hex_color(style.fill)
                    if style.fill
                    else tint(color, style.fill_alpha / 255 / (2 if is_schematic else 1))
                )
            dash = None
            if stat == "planned" or is_schematic:
                unit = DASH["planned" if stat == "planned" else "schematic"] * max(width, 1.0)
                dash = (unit, unit * (2 / 3 if stat == "planned" else 1.0))
            layer = sm.MapLayer(
                f"{layer_id}~{int(is_schematic)}{stat}",
                features,
                stroke=hex_color(color),
                fill=fill,
                width=width,
                dash=dash,
                legend=legend,
                fit=fit,
                label_size=label_size,
            )
        out.append(layer)
        legend = None
    return out


def static_layers(
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    split: PrintSplit | None = None,
    labelled: Sequence[str] = (),
    bbox: tuple[float, float, float, float] | None = None,
    map_width_px: float = 800.0,
    label_px: float = 11.0,
) -> list[sm.MapLayer]:
    """Static layers for ``frames`` in drawing order (backdrop first, points last), with the
    legend naming each layer (a split layer: each part) and labels on ``labelled`` layers,
    decluttered as on the screen map."""
    split = split or {}
    labels: dict[str, str] = {}
    present = [lid for lid in labelled if lid in frames]
    if present:
        box = bbox or _extent(frames)
        view = View((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, zoom_for(box, map_width_px))
        groups = declutter([point_labels(frames[lid], lang) for lid in present], view, label_px)
        for lid, kept in zip(present, groups, strict=True):
            names = {
                text: fid
                for fid, (_, _, text) in zip(frames[lid]["id"], point_labels(frames[lid], lang), strict=True)
            }
            labels.update({names[text]: text for _, _, text in kept if text in names})
    out: list[sm.MapLayer] = []
    for layer_id in drawing_order(frames):
        gdf = frames[layer_id]
        style = get_layer(layer_id).style
        if layer_id == NEIGHBOURS:
            out.append(
                sm.MapLayer(
                    "neighbours",
                    _simplified(gdf, layer_id),
                    stroke="#b9b9b4",
                    fill="#e5e5e0",
                    width=0.6,
                    fit=False,
                )
            )
            continue
        fit = layer_id not in (RIVERS, REGIONAL_CONTEXT) and layer_id not in split
        if layer_id == CITY_BOUNDARY:
            out.append(
                sm.MapLayer(
                    "city_boundary",
                    _simplified(gdf, layer_id),
                    stroke="#464646",
                    fill="#fcfbf5",
                    width=1.2,
                    legend=layer_title(layer_id, lang),
                )
            )
            continue
        if layer_id in split:
            column, parts = split[layer_id]
            pieces = [(label, color, gdf[gdf[column].astype(str) == value]) for value, label, color in parts]
            for label, color, part in sorted(pieces, key=lambda p: -dimension(p[2])):
                out += _layer_parts(
                    layer_id, part, color, style, label, fit=False, labels=labels, label_size=label_px
                )
            continue
        out += _layer_parts(
            layer_id,
            gdf,
            style.color,
            style,
            layer_title(layer_id, lang),
            fit=fit,
            labels=labels,
            label_size=label_px,
        )
    return out


def _extent(frames: Mapping[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    boxes = [gdf.total_bounds for lid, gdf in frames.items() if lid not in BACKDROP and not gdf.empty] or [
        gdf.total_bounds for gdf in frames.values() if not gdf.empty
    ]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
