"""Map labels: a deck.gl text layer whose Chinese glyphs render, and a declutter that keeps
labels from piling up. Pure: no Streamlit."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence

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


def _lonlat(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The inverse of ``_pixel``."""
    scale = 512 * 2**zoom / (2 * math.pi)
    lon = math.degrees(x / scale - math.pi)
    lat = math.degrees(2 * math.atan(math.exp(math.pi - y / scale)) - math.pi / 2)
    return lon, lat


def text_width_px(text: str, size_px: float) -> float:
    """About how wide a label is drawn: a CJK character is square, a Latin one about 0.6 wide."""
    return sum(size_px if ord(ch) > 0x2E7F else size_px * 0.6 for ch in text) + 6


@dataclasses.dataclass(frozen=True)
class Placed:
    """A label and where it is drawn: ``dx, dy`` pixels from its point to the centre of its
    text at the view's zoom (y down). ``leader``: drawn away from its point, joined to it by a
    line (``label_layers``)."""

    lon: float
    lat: float
    text: str
    dx: float
    dy: float
    leader: bool = False


#: Directions tried round a point, first choice first: above, below, right, left, the corners.
_DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))
#: Rings of candidate positions: the first touches the point's marker; further rings get a leader.
_RINGS = 5
_GAP_PX = 8
#: Half the size of a place's marker: no label is drawn over another place's marker.
_MARKER_PX = 5
#: Passes over a crowded layout (each label moves to its best place given the others).
_PASSES = 3
#: How far inside the map's edge a label keeps.
_FRAME_MARGIN_PX = 4


def _candidates(width: float, height: float) -> list[tuple[float, float, bool]]:
    """Offsets to try, nearest first: the ring that touches the marker, then rings further out
    (a leader line each), step by step a line's height up or down and a bit sideways."""
    out = []
    for ring in range(_RINGS):
        for ux, uy in _DIRECTIONS:
            dx = ux * (width / 2 + _GAP_PX + ring * 12)
            dy = uy * (height / 2 + _GAP_PX + ring * (height + 2))
            out.append((dx, dy, ring > 0))
    first, rest = out[: len(_DIRECTIONS)], out[len(_DIRECTIONS) :]
    return first + sorted(rest, key=lambda c: math.hypot(c[0], c[1]))


Box = tuple[float, float, float, float]


def _box(cx: float, cy: float, width: float, height: float) -> Box:
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _distance(box: Box, point: tuple[float, float]) -> float:
    """How far a point lies from a box (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


@dataclasses.dataclass
class _Label:
    group: int
    lon: float
    lat: float
    text: str
    point: tuple[float, float]
    #: Candidate positions, nearest first: (box, dx, dy, leader).
    spots: list[tuple[Box, float, float, bool]]


def place_labels(
    groups: Sequence[Sequence[tuple[float, float, str]]],
    view: View,
    size_px: float = 14,
    *,
    keep: Iterable[int] = (),
    frame_px: tuple[float, float] | None = None,
) -> list[list[Placed]]:
    """Place labels so that none overlaps another or another place's marker at the view's zoom,
    and none reads as another place's name; earlier groups and labels choose first.

    Each label tries positions round its point (above, below, beside, the corners), then
    further out with a leader line back to the point. A label with no free position is dropped
    — unless its group's index is in ``keep`` (the map's key places: the seats, the villages,
    the scenic areas, a chosen feature), which are drawn at their least crowded position.
    A dropped label's feature is still on the map, with its name in the tooltip, the feature
    list and the table. Done here rather than with deck.gl's CollisionFilterExtension, which hid
    every label in headless Chromium (it reads back a GPU framebuffer).

    ``frame_px``: the map's width and height as drawn round the view's centre; a label then
    also keeps inside it (with a small margin), where it can.
    """
    keep = set(keep)
    inside: Box | None = None
    if frame_px is not None:
        cx, cy = _pixel(view.longitude, view.latitude, view.zoom)
        inside = _box(cx, cy, frame_px[0] - 2 * _FRAME_MARGIN_PX, frame_px[1] - 2 * _FRAME_MARGIN_PX)
    height = size_px + 4
    labels = []
    for index, group in enumerate(groups):
        for lon, lat, text in group:
            x, y = _pixel(lon, lat, view.zoom)
            width = text_width_px(text, size_px)
            spots = [
                (_box(x + dx, y + dy, width, height), dx, dy, lead)
                for dx, dy, lead in _candidates(width, height)
            ]
            labels.append(_Label(index, lon, lat, text, (x, y), spots))
    markers = [label.point for label in labels]
    marker_area = _MARKER_PX * _MARKER_PX

    def cost(label: _Label, spot: tuple[Box, float, float, bool], others: list[Box]) -> float:
        box, dx, dy, leader = spot
        x, y = label.point
        line = [(x + dx * k / 8, y + dy * k / 8) for k in range(1, 8)] if leader else []
        over = 0.0
        if inside is not None:  # the part of the label outside the frame
            w = min(box[2], inside[2]) - max(box[0], inside[0])
            h = min(box[3], inside[3]) - max(box[1], inside[1])
            over += (box[2] - box[0]) * (box[3] - box[1]) - max(w, 0.0) * max(h, 0.0)
        for b in others:
            w, h = min(box[2], b[2]) - max(box[0], b[0]), min(box[3], b[3]) - max(box[1], b[1])
            if w > 0 and h > 0:
                over += w * h
            # A leader line must not cross another name.
            over += sum(marker_area for px, py in line if b[0] < px < b[2] and b[1] < py < b[3])
        mine = _distance(box, label.point)
        for point in markers:
            if point == label.point:
                continue
            if _distance(box, point) < _MARKER_PX:  # drawn over another place's marker
                over += marker_area
            if any(math.dist(step, point) < _MARKER_PX + 2 for step in line):  # or its line is
                over += marker_area
            elif not leader and _distance(box, point) < mine:  # would read as that place's name
                over += marker_area
        return over

    def best(i: int, chosen: dict[int, int]) -> tuple[float, int]:
        others = [labels[j].spots[c][0] for j, c in chosen.items() if j != i]
        scored = ((cost(labels[i], spot, others), rank) for rank, spot in enumerate(labels[i].spots))
        return min(scored, key=lambda sr: (sr[0] > 0, sr[0], sr[1]))

    # Greedily in order, then a few passes in which each label moves to its best position given
    # all the others (a crowded cluster sorts itself out).
    chosen: dict[int, int] = {}
    for i, label in enumerate(labels):
        score, rank = best(i, chosen)
        if score == 0 or label.group in keep:
            chosen[i] = rank
    for _ in range(_PASSES):
        moved = False
        for i, label in enumerate(labels):
            score, rank = best(i, chosen)
            if rank != chosen.get(i) and (score == 0 or (i in chosen and label.group in keep)):
                chosen[i], moved = rank, True
        if not moved:
            break
    placed_groups: list[list[Placed]] = [[] for _ in groups]
    for i, label in enumerate(labels):
        if i in chosen:
            _, dx, dy, leader = label.spots[chosen[i]]
            placed = Placed(label.lon, label.lat, label.text, round(dx, 1), round(dy, 1), leader)
            placed_groups[label.group].append(placed)
    return placed_groups


def declutter(
    groups: Sequence[Sequence[tuple[float, float, str]]],
    view: View,
    size_px: float = 14,
) -> list[list[tuple[float, float, str]]]:
    """The labels that fit above their points without overlapping at the view's zoom (earlier
    groups and labels win); the others are left out. For static maps, which place names one
    way only; interactive maps use ``place_labels``."""
    taken: list[tuple[float, float, float, float]] = []
    kept_groups = []
    for group in groups:
        kept = []
        for lon, lat, text in group:
            x, y = _pixel(lon, lat, view.zoom)
            width = text_width_px(text, size_px)
            box = (x - width / 2, y - 16 - size_px, x + width / 2, y - 16 + 4)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                continue
            taken.append(box)
            kept.append((lon, lat, text))
        kept_groups.append(kept)
    return kept_groups


def label_layers(
    key: str,
    placed: Sequence[Placed],
    view: View,
    *,
    size_px: float = 14,
    color: RGBA = (30, 30, 30, 255),
) -> list[dict]:
    """The text layer for placed labels and, under it, the leader lines of labels drawn away
    from their points. A label beside its point keeps a pixel offset (it stays beside it as the
    reader zooms); a label with a leader is placed on the ground, where the view's zoom puts it,
    and its line runs from the point to the edge of the text, so the two stay joined at any zoom."""
    if not placed:
        return []
    text = label_layer(key, [(p.lon, p.lat, p.text) for p in placed], size_px=size_px, color=color)
    assert text is not None
    data, leaders = [], []
    for p in placed:
        if not p.leader:
            data.append({"p": [round(p.lon, 4), round(p.lat, 4)], "t": p.text, "o": [p.dx, p.dy]})
            continue
        x, y = _pixel(p.lon, p.lat, view.zoom)
        width, height = text_width_px(p.text, size_px), size_px + 4
        at = _lonlat(x + p.dx, y + p.dy, view.zoom)
        data.append({"p": [round(at[0], 5), round(at[1], 5)], "t": p.text, "o": [0, 0]})
        # The line stops where it enters the text's box (the larger of the two edge crossings).
        shrink = max(
            1 - width / 2 / abs(p.dx) if p.dx else 0.0,
            1 - height / 2 / abs(p.dy) if p.dy else 0.0,
        )
        end = _lonlat(x + p.dx * max(0.0, shrink), y + p.dy * max(0.0, shrink), view.zoom)
        leaders.append({"s": [round(p.lon, 5), round(p.lat, 5)], "e": [round(end[0], 5), round(end[1], 5)]})
    text["data"] = data
    text["getPixelOffset"] = "@@=o"
    layers = []
    if leaders:
        layers.append(
            {
                "@@type": "LineLayer",
                "id": f"{key}~leaders",
                "data": leaders,
                "getSourcePosition": "@@=s",
                "getTargetPosition": "@@=e",
                "getColor": [*color[:3], 170],
                "getWidth": 1,
                "widthUnits": "pixels",
                "pickable": False,
            }
        )
    return [*layers, text]
