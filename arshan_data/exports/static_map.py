"""Static maps as SVG: layers in, an SVG string out. Pure (no Streamlit, no browser, no network).

For printable summaries, slides and decks, where an interactive deck.gl map cannot go. The
map is projected with Web Mercator (the projection of every web map, so shapes look familiar),
fitted into the frame, and gets a legend, a scale bar (true at the map's centre latitude) and a
north arrow. Text uses the CJK font stack, so Chinese renders wherever the SVG is shown.

    >>> from arshan_data.static_map import MapLayer, render_svg
    >>> svg = render_svg([
    ...     MapLayer("city", [boundary], fill="#fcfbf5", stroke="#464646", legend="阿尔山市"),
    ...     MapLayer("loop", [loop_line], stroke="#eb5a14", width=3, dash=(5, 3), legend="全域大环线"),
    ...     MapLayer("stops", [(point, "天池"), (point2, "口岸")], fill="#e66e00", legend="景区"),
    ... ], width=800, height=560, title="阿尔山 · 旅游线路", texts=Texts(legend="图例", km="公里"))

* ``features``: shapely geometries in lon/lat (WGS84), or ``(geometry, label)`` pairs; points
  are drawn as circles (``radius``), lines as paths, polygons filled.
* ``bbox`` (lon_min, lat_min, lon_max, lat_max) fixes the extent; by default the layers with
  ``fit=True`` decide it (so context layers such as neighbours do not zoom the map out).
* Everything outside the map frame is clipped; labels are escaped.

``draw_list`` returns the same drawing as plain primitives (pixel coordinates); ``to_svg``
writes them as SVG and ``exports.pdf.paint`` paints them into a PDF as vector graphics with
the bundled CJK font.
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Sequence

from shapely.geometry.base import BaseGeometry

#: Same families as the deck.gl labels (arshan_data.maps.LABEL_FONTS).
CJK_FONT_STACK = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
)
EARTH_RADIUS_M = 6378137.0


@dataclasses.dataclass(frozen=True)
class MapLayer:
    key: str
    features: Sequence  # geometries or (geometry, label) pairs, lon/lat
    stroke: str | None = "#333333"
    fill: str | None = None
    width: float = 1.5
    dash: tuple[float, ...] | None = None
    radius: float = 4.0  # points, pixels
    opacity: float = 1.0
    legend: str | None = None  # legend text; None = not in the legend
    label_size: float = 12.0
    label_color: str = "#1e1e1e"
    fit: bool = True  # whether this layer decides the default extent


@dataclasses.dataclass(frozen=True)
class Texts:
    """The few words the map itself writes (pass them in the reader's language)."""

    legend: str = "Legend"
    km: str = "km"
    north: str = "N"


# ----------------------------------------------------------------------------- primitives


@dataclasses.dataclass(frozen=True)
class Path:
    points: tuple[tuple[float, float], ...]
    closed: bool
    stroke: str | None
    fill: str | None
    width: float
    dash: tuple[float, ...] | None
    opacity: float
    rings: tuple[tuple[tuple[float, float], ...], ...] = ()  # holes, for polygons


@dataclasses.dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    stroke: str | None
    fill: str | None
    width: float
    opacity: float


@dataclasses.dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    color: str
    anchor: str = "start"  # start | middle | end
    weight: int = 400
    halo: bool = True


@dataclasses.dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    background: str
    map_box: tuple[float, float, float, float]  # x, y, w, h of the clipped map area
    map_items: tuple  # clipped to map_box
    overlay: tuple  # legend, scale bar, north arrow, title (not clipped)
    font_family: str


def _merc(lon: float, lat: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    return (
        EARTH_RADIUS_M * math.radians(lon),
        EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)),
    )


def _geom_and_label(item) -> tuple[BaseGeometry, str | None]:
    if isinstance(item, tuple):
        return item[0], (item[1] if len(item) > 1 else None)
    return item, None


def _bounds(layers: Sequence[MapLayer]) -> tuple[float, float, float, float]:
    boxes = []
    for layer in layers:
        if not layer.fit:
            continue
        for item in layer.features:
            geom, _ = _geom_and_label(item)
            if geom is not None and not geom.is_empty:
                boxes.append(geom.bounds)
    if not boxes:
        raise ValueError("nothing to draw: no layer with fit=True has a feature")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _nice(length: float) -> float:
    """1, 2 or 5 × 10^n not above ``length``."""
    exp = 10 ** math.floor(math.log10(length))
    for step in (5, 2, 1):
        if step * exp <= length:
            return step * exp
    return exp


def draw_list(
    layers: Sequence[MapLayer],
    *,
    width: int = 800,
    height: int = 560,
    bbox: tuple[float, float, float, float] | None = None,
    margin: float = 16.0,
    title: str | None = None,
    texts: Texts = Texts(),
    legend: bool = True,
    scale_bar: bool = True,
    north_arrow: bool = True,
    pad_fraction: float = 0.06,
    background: str = "#ffffff",
    font_family: str = CJK_FONT_STACK,
    legend_width: float = 0.0,
    legend_inside: bool = False,
    furniture: float = 1.0,
) -> Drawing:
    """The map as primitives in pixel coordinates (y down). See ``render_svg`` for the options;
    ``furniture`` scales the title, legend, scale bar and north arrow (e.g. 1.4 for a slide)."""
    k = furniture
    lon0, lat0, lon1, lat1 = bbox or _bounds(layers)
    title_h = 30.0 * k if title else 0.0
    legend_entries = [layer for layer in layers if legend and layer.legend]
    legend_w = legend_width or (_legend_width(legend_entries, texts, k) if legend_entries else 0.0)
    beside = legend_w if not legend_inside else 0.0
    box = (
        margin,
        margin + title_h,
        width - 2 * margin - beside - (margin if beside else 0),
        height - 2 * margin - title_h,
    )
    (x0, y0), (x1, y1) = _merc(lon0, lat0), _merc(lon1, lat1)
    dx, dy = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    x0, x1 = x0 - dx * pad_fraction, x1 + dx * pad_fraction
    y0, y1 = y0 - dy * pad_fraction, y1 + dy * pad_fraction
    scale = min(box[2] / (x1 - x0), box[3] / (y1 - y0))
    off_x = box[0] + (box[2] - (x1 - x0) * scale) / 2
    off_y = box[1] + (box[3] - (y1 - y0) * scale) / 2

    def px(lon: float, lat: float) -> tuple[float, float]:
        mx, my = _merc(lon, lat)
        return (round(off_x + (mx - x0) * scale, 1), round(off_y + (y1 - my) * scale, 1))

    items: list = []
    labels: list = []
    for layer in layers:
        for item in layer.features:
            geom, label = _geom_and_label(item)
            if geom is None or geom.is_empty:
                continue
            items += _primitives(geom, layer, px)
            if label:
                point = geom.representative_point() if geom.geom_type != "Point" else geom
                x, y = px(point.x, point.y)
                labels.append(
                    Text(
                        x + layer.radius + 3,
                        y + layer.label_size * 0.35,
                        str(label),
                        layer.label_size,
                        layer.label_color,
                        weight=600,
                    )
                )
    overlay: list = []
    if title:
        overlay.append(Text(margin, margin + 18 * k, title, 17.0 * k, "#1e1e1e", weight=700, halo=False))
    if legend_entries:
        legend_h = (30 + LEGEND_ROW_H * len(legend_entries)) * k
        if legend_inside:  # bottom-right corner of the map frame
            lx, ly = box[0] + box[2] - legend_w - 8, box[1] + box[3] - legend_h - 8
        else:
            lx, ly = width - margin - legend_w, box[1]
        overlay += _legend(legend_entries, texts, x=lx, y=ly, w=legend_w, k=k)
    if scale_bar:
        centre_lat = (lat0 + lat1) / 2
        metres_per_px = math.cos(math.radians(centre_lat)) / scale
        bar_m = _nice(metres_per_px * box[2] * 0.25)
        bar_px = bar_m / metres_per_px
        bx, by = box[0] + 12 * k, box[1] + box[3] - 16 * k
        label = f"{bar_m / 1000:g} {texts.km}"
        overlay += [
            Path(((bx, by), (bx + bar_px, by)), False, "#1e1e1e", None, 3.0 * k, None, 1.0),
            Path(((bx, by - 5 * k), (bx, by + 3 * k)), False, "#1e1e1e", None, 1.5 * k, None, 1.0),
            Path(
                ((bx + bar_px, by - 5 * k), (bx + bar_px, by + 3 * k)),
                False,
                "#1e1e1e",
                None,
                1.5 * k,
                None,
                1.0,
            ),
            Text(bx + bar_px / 2, by - 8 * k, label, 11.0 * k, "#1e1e1e", anchor="middle"),
        ]
    if north_arrow:  # top-right, or top-left when the legend sits inside on the right
        nx, ny = (box[0] + 22 * k if legend_inside else box[0] + box[2] - 22 * k), box[1] + 14 * k
        overlay += [
            Path(
                ((nx, ny), (nx - 8 * k, ny + 24 * k), (nx, ny + 18 * k), (nx + 8 * k, ny + 24 * k)),
                True,
                "#1e1e1e",
                "#1e1e1e",
                1.0,
                None,
                1.0,
            ),
            Text(nx, ny + 40 * k, texts.north, 12.0 * k, "#1e1e1e", anchor="middle", weight=700),
        ]
    return Drawing(width, height, background, box, tuple(items + labels), tuple(overlay), font_family)


def _primitives(geom: BaseGeometry, layer: MapLayer, px) -> list:
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        out = []
        for part in geom.geoms:
            out += _primitives(part, layer, px)
        return out
    if kind == "Point":
        x, y = px(geom.x, geom.y)
        return [Circle(x, y, layer.radius, layer.stroke, layer.fill, layer.width, layer.opacity)]
    if kind in ("LineString", "LinearRing"):
        return [
            Path(
                tuple(px(*c[:2]) for c in geom.coords),
                False,
                layer.stroke,
                None,
                layer.width,
                layer.dash,
                layer.opacity,
            )
        ]
    if kind == "Polygon":
        holes = tuple(tuple(px(*c[:2]) for c in ring.coords) for ring in geom.interiors)
        return [
            Path(
                tuple(px(*c[:2]) for c in geom.exterior.coords),
                True,
                layer.stroke,
                layer.fill,
                layer.width,
                layer.dash,
                layer.opacity,
                holes,
            )
        ]
    return []


LEGEND_ROW_H = 22.0


def _text_width(text: str, size: float) -> float:
    """Rough width of a text in pixels: CJK glyphs are square, others about 0.6 em."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def _legend_width(layers: Sequence[MapLayer], texts: Texts, k: float = 1.0) -> float:
    widest = max(
        [_text_width(layer.legend or "", 12.0) for layer in layers] + [_text_width(texts.legend, 13.0)]
    )
    return (widest + 52.0) * k


def _legend(
    layers: Sequence[MapLayer], texts: Texts, *, x: float, y: float, w: float, k: float = 1.0
) -> list:
    row_h = LEGEND_ROW_H * k
    bottom = y + 30 * k + row_h * len(layers)
    items: list = [
        Path(((x, y), (x + w, y), (x + w, bottom), (x, bottom)), True, "#bbbbbb", "#ffffff", 1.0, None, 0.92),
        Text(x + 10 * k, y + 20 * k, texts.legend, 13.0 * k, "#1e1e1e", weight=700, halo=False),
    ]
    for row, layer in enumerate(layers):
        cy = y + 30 * k + row_h * row + row_h / 2
        sx = x + 12 * k
        if (
            all(
                _geom_and_label(f)[0].geom_type.endswith("Point")
                for f in layer.features
                if _geom_and_label(f)[0] is not None
            )
            and layer.features
        ):
            items.append(
                Circle(
                    sx + 10 * k, cy, min(layer.radius, 7.0) * k, layer.stroke, layer.fill, layer.width, 1.0
                )
            )
        elif layer.fill:
            items.append(
                Path(
                    (
                        (sx, cy - 6 * k),
                        (sx + 20 * k, cy - 6 * k),
                        (sx + 20 * k, cy + 6 * k),
                        (sx, cy + 6 * k),
                    ),
                    True,
                    layer.stroke,
                    layer.fill,
                    min(layer.width, 2.0),
                    layer.dash,
                    layer.opacity,
                )
            )
        else:
            items.append(
                Path(((sx, cy), (sx + 20 * k, cy)), False, layer.stroke, None, layer.width, layer.dash, 1.0)
            )
        items.append(Text(sx + 30 * k, cy + 4 * k, layer.legend or "", 12.0 * k, "#1e1e1e", halo=False))
    return items


# ----------------------------------------------------------------------------- SVG backend


def _attr(name: str, value) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


def _svg_item(item) -> str:
    if isinstance(item, Path):

        def ring(points):
            return "M" + " L".join(f"{x:g},{y:g}" for x, y in points) + (" Z" if item.closed else "")

        d = " ".join(ring(r) for r in (item.points, *item.rings))
        attrs = _attr("d", d)
        attrs += _attr("fill", item.fill if (item.closed and item.fill) else "none")
        if item.stroke:
            attrs += _attr("stroke", item.stroke) + _attr("stroke-width", f"{item.width:g}")
            attrs += ' stroke-linejoin="round" stroke-linecap="round"'
        if item.dash:
            attrs += _attr("stroke-dasharray", " ".join(f"{v:g}" for v in item.dash))
        if item.rings:
            attrs += ' fill-rule="evenodd"'
        if item.opacity < 1:
            attrs += _attr("opacity", f"{item.opacity:g}")
        return f"<path{attrs}/>"
    if isinstance(item, Circle):
        attrs = _attr("cx", f"{item.x:g}") + _attr("cy", f"{item.y:g}") + _attr("r", f"{item.r:g}")
        attrs += _attr("fill", item.fill or "none")
        if item.stroke:
            attrs += _attr("stroke", item.stroke) + _attr("stroke-width", f"{item.width:g}")
        if item.opacity < 1:
            attrs += _attr("opacity", f"{item.opacity:g}")
        return f"<circle{attrs}/>"
    if isinstance(item, Text):
        attrs = (
            _attr("x", f"{item.x:g}")
            + _attr("y", f"{item.y:g}")
            + _attr("font-size", f"{item.size:g}")
            + _attr("fill", item.color)
            + _attr("text-anchor", item.anchor)
        )
        if item.weight != 400:
            attrs += _attr("font-weight", item.weight)
        if item.halo:
            attrs += ' stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
        return f"<text{attrs}>{html.escape(item.text)}</text>"
    raise TypeError(f"unknown primitive {item!r}")


def to_svg(drawing: Drawing, *, element_id: str = "map", label: str | None = None) -> str:
    """The drawing as an SVG document; ``label``: its accessible name (``aria-label``)."""
    x, y, w, h = drawing.map_box
    clip = f"{element_id}-clip"
    name = f' aria-label="{html.escape(label, quote=True)}"' if label else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width}" height="{drawing.height}" '
        f'viewBox="0 0 {drawing.width} {drawing.height}" '
        f'font-family="{html.escape(drawing.font_family, quote=True)}" '
        f'role="img"{name}>',
        f'<rect width="100%" height="100%" fill="{html.escape(drawing.background, quote=True)}"/>',
        f'<clipPath id="{clip}"><rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"/></clipPath>',
        f'<g clip-path="url(#{clip})">',
        *(_svg_item(item) for item in drawing.map_items),
        "</g>",
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="none" stroke="#999999" '
        'stroke-width="1"/>',
        *(_svg_item(item) for item in drawing.overlay),
        "</svg>",
    ]
    return "\n".join(parts)


def render_svg(
    layers: Sequence[MapLayer],
    *,
    width: int = 800,
    height: int = 560,
    bbox: tuple[float, float, float, float] | None = None,
    title: str | None = None,
    texts: Texts = Texts(),
    legend: bool = True,
    scale_bar: bool = True,
    north_arrow: bool = True,
    background: str = "#ffffff",
    font_family: str = CJK_FONT_STACK,
    element_id: str = "map",
    legend_inside: bool = False,
    furniture: float = 1.0,
) -> str:
    """An SVG document (string) of ``layers``, drawn in order (first = bottom).

    ``width``/``height`` in CSS pixels; ``bbox`` in lon/lat (default: the extent of the layers
    with ``fit=True``, padded 6 %); ``title`` above the map; ``texts`` the legend heading and
    units in the reader's language; ``legend_inside`` puts the legend in the map's bottom-right
    corner instead of beside it (the map then uses the full width); ``furniture`` scales title,
    legend, scale bar and north arrow; ``element_id`` keeps ids unique when several SVGs share a
    page.
    """
    drawing = draw_list(
        layers,
        width=width,
        height=height,
        bbox=bbox,
        title=title,
        texts=texts,
        legend=legend,
        scale_bar=scale_bar,
        north_arrow=north_arrow,
        background=background,
        font_family=font_family,
        legend_inside=legend_inside,
        furniture=furniture,
    )
    return to_svg(drawing, element_id=element_id)


# ----------------------------------------------------------------------------- raster backend (Pillow)
