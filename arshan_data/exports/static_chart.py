"""The plan pages' plotly charts drawn natively, for PDF and SVG: a ``go.Figure`` from a builder
in ``charts`` / ``charts_places`` in, ``static_map`` primitives out. No Streamlit, no browser.

Plotly's own static export needs kaleido and a Chrome at run time; these charts are simple
enough to draw from the figure's data instead — the same numbers, labels and colours the
screen shows, because they are read from the very figure the page displays. Two trace types
are supported, the ones the plan pages use:

* horizontal ``Bar`` traces (values, categories, colours; text outside the bar; annotations
  written above each bar, as in the three-control-lines chart);
* ``Sunburst`` (ids, labels, parents, colours; each leaf counts one, as plotly sizes it when no
  values are given): the inner rings labelled inside, the outer ring's labels outside, spread
  so that they do not overlap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import plotly.graph_objects as go

from arshan_data.exports.static_map import Circle, Drawing, Path, Text, _text_width

INK, MUTED, GRID = "#1e1e1e", "#555555", "#dddddd"
_TAG = re.compile(r"<[^>]+>")


def lines(label: str) -> list[tuple[str, bool]]:
    """A plotly label as (text, bold) lines: ``<br>`` breaks, ``<b>`` bold, other tags dropped."""
    out = []
    for part in re.split(r"<br\s*/?>", str(label or "")):
        bold = "<b>" in part
        out.append((_TAG.sub("", part).strip(), bold))
    return [(text, bold) for text, bold in out if text]


def _nice_step(span: float, count: int = 5) -> float:
    raw = span / max(count, 1)
    exp = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(step * exp for step in (1, 2, 2.5, 5, 10) if step * exp >= raw)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:g}"


def _bar(fig: go.Figure, width: float, height: float, size: float) -> list:
    traces = [tr for tr in fig.data if isinstance(tr, go.Bar) and tr.orientation == "h"]
    if not traces:
        raise ValueError("no horizontal bar trace")
    categories: list = []
    for trace in traces:
        categories += [c for c in trace.y if c not in categories]
    reversed_axis = fig.layout.yaxis.autorange == "reversed"
    order = categories if reversed_axis else categories[::-1]  # top to bottom
    tick_labels = fig.layout.yaxis.showticklabels is not False
    annotations = {
        a.y: lines(a.text) for a in (fig.layout.annotations or ()) if a.xref == "x" and a.yref == "y"
    }
    values = [v for trace in traces for v in trace.x]
    x_range = fig.layout.xaxis.range or (0, max(values) * 1.15)
    label_w = max((_text_width(str(c), size) for c in categories), default=0) + 10 if tick_labels else size
    axis_title = lines(fig.layout.xaxis.title.text if fig.layout.xaxis.title else "")
    bottom = size * (2.6 if axis_title else 1.6)
    left, right, top = label_w, width - 10, 4.0
    row_h = (height - bottom - top) / max(len(order), 1)
    annotation_h = max((len(v) for v in annotations.values()), default=0) * size * 1.25
    thickness = min(row_h - annotation_h - 4, row_h * 0.55) if annotations else row_h * 0.62
    thickness = max(thickness, size * 0.6)

    def x_of(value: float) -> float:
        return left + (value - x_range[0]) / (x_range[1] - x_range[0]) * (right - left)

    items: list = []
    step = _nice_step(x_range[1] - x_range[0])
    tick = math.ceil(x_range[0] / step) * step
    while tick <= x_range[1] + 1e-9:
        x = x_of(tick)
        items.append(Path(((x, top), (x, height - bottom)), False, GRID, None, 0.8, None, 1.0))
        items.append(
            Text(x, height - bottom + size * 1.15, _fmt(tick), size * 0.8, MUTED, anchor="middle", halo=False)
        )
        tick += step
    if axis_title:
        items.append(
            Text(
                (left + right) / 2,
                height - size * 0.35,
                axis_title[0][0],
                size * 0.85,
                MUTED,
                anchor="middle",
                halo=False,
            )
        )
    for trace in traces:
        colours = trace.marker.color
        texts = list(trace.text) if trace.text is not None and not isinstance(trace.text, str) else []
        for i, (value, category) in enumerate(zip(trace.x, trace.y, strict=True)):
            row = order.index(category)
            y_bottom = top + row_h * (row + 1) - (row_h - thickness) / (2 if not annotations else 6)
            y_top = y_bottom - thickness
            colour = colours[i] if isinstance(colours, (list, tuple)) else (colours or "#0072B2")
            x0, x1 = x_of(0 if x_range[0] <= 0 else x_range[0]), max(x_of(value), x_of(0) + 1.2)
            items.append(
                Path(
                    ((x0, y_top), (x1, y_top), (x1, y_bottom), (x0, y_bottom)),
                    True,
                    None,
                    colour,
                    0,
                    None,
                    1.0,
                )
            )
            if texts and i < len(texts) and texts[i] not in (None, ""):
                items.append(
                    Text(
                        x1 + 5,
                        (y_top + y_bottom) / 2 + size * 0.35,
                        str(texts[i]),
                        size,
                        INK,
                        weight=700,
                        halo=False,
                    )
                )
            if tick_labels:
                items.append(
                    Text(
                        left - 6,
                        (y_top + y_bottom) / 2 + size * 0.35,
                        str(category),
                        size,
                        INK,
                        anchor="end",
                        halo=False,
                    )
                )
            for k, (text, bold) in enumerate(reversed(annotations.get(category, []))):
                items.append(
                    Text(
                        x0,
                        y_top - 5 - k * size * 1.25,
                        text,
                        size,
                        INK,
                        weight=700 if bold else 400,
                        halo=False,
                    )
                )
    items.append(Path(((left, top), (left, height - bottom)), False, "#999999", None, 1.0, None, 1.0))
    return items


def _sector(cx: float, cy: float, r0: float, r1: float, a0: float, a1: float, fill: str) -> Path:
    steps = max(2, int(abs(a1 - a0) / (math.pi / 90)))
    outer = [
        (cx + r1 * math.sin(a0 + (a1 - a0) * k / steps), cy - r1 * math.cos(a0 + (a1 - a0) * k / steps))
        for k in range(steps + 1)
    ]
    inner = (
        [
            (cx + r0 * math.sin(a1 - (a1 - a0) * k / steps), cy - r0 * math.cos(a1 - (a1 - a0) * k / steps))
            for k in range(steps + 1)
        ]
        if r0 > 0
        else [(cx, cy)]
    )
    return Path(
        tuple((round(x, 2), round(y, 2)) for x, y in outer + inner), True, "#ffffff", fill, 1.2, None, 1.0
    )


_CLOSING = "”’，、。：；）》」!?,.:;)"


def _join(text_lines: list[tuple[str, bool]]) -> tuple[str, bool]:
    """A label's lines as one line (words joined by a space, Chinese directly)."""
    out = ""
    for text, _ in text_lines:
        out += (
            " "
            if out and (out[-1].isascii() and out[-1].isalnum() or text[:1].isascii() and text[:1].isalnum())
            else ""
        ) + text
    return out, any(b for _, b in text_lines)


def _split(label: str, n: int) -> list[str]:
    """``label`` in ``n`` lines of similar length: between words if it has spaces, else between
    characters, never with closing punctuation at a line's start."""
    if " " in label:
        words, lines = label.split(" "), list[str]()
        per = len(label) / n
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > per * 1.15 and len(lines) < n - 1:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return [*lines, line]
    per = math.ceil(len(label) / n)
    lines = [label[k : k + per] for k in range(0, len(label), per)]
    for k in range(1, len(lines)):
        while lines[k] and lines[k][0] in _CLOSING:
            lines[k - 1] += lines[k][0]
            lines[k] = lines[k][1:]
    return [line for line in lines if line]


def _fit_lines(text_lines: list[tuple[str, bool]], room: float) -> list[tuple[str, bool]]:
    """Break a label again into at most three lines of similar length, so that it fits a piece
    ``room`` wide at the largest possible size."""
    joined, bold = _join(text_lines)
    best, best_size = text_lines, 0.0
    for n in (1, 2, 3):
        candidate = [(line, bold) for line in _split(joined, n)]
        widest = max(_text_width(line, 1.0) for line, _ in candidate)
        size = min(room / max(widest, 1e-6), room / (len(candidate) * 1.25))
        if size > best_size * 1.05:
            best, best_size = candidate, size
    return best


def _spread(wanted: list[float], heights: list[float], low: float, high: float) -> list[float]:
    """Tops of label blocks, in order, as near ``wanted`` as they can be without overlapping
    (block i is ``heights[i]`` tall) and within [low, high]; squeezed evenly when they cannot fit."""
    out = [max(low, w) for w in wanted]
    for i in range(1, len(out)):
        out[i] = max(out[i], out[i - 1] + heights[i - 1])
    if out and out[-1] + heights[-1] > high:
        out[-1] = high - heights[-1]
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - heights[i])
    if out and out[0] < low:
        factor = min(1.0, (high - low) / max(sum(heights), 1e-6))
        out, y = [], low
        for h in heights:
            out.append(y)
            y += h * factor
    return out


def _sunburst(fig: go.Figure, width: float, height: float, size: float) -> list:
    trace = next(tr for tr in fig.data if isinstance(tr, go.Sunburst))
    ids, labels, parents = list(trace.ids), list(trace.labels), list(trace.parents)
    colours = list(trace.marker.colors) if trace.marker.colors is not None else ["#cccccc"] * len(ids)
    children: dict[str, list[int]] = {}
    for i, parent in enumerate(parents):
        children.setdefault(parent, []).append(i)

    def leaves(i: int) -> int:
        kids = children.get(ids[i], [])
        return sum(leaves(k) for k in kids) if kids else 1

    roots = children.get("", [])
    depth_of = {}
    stack = [(i, 0) for i in roots]
    while stack:
        i, d = stack.pop()
        depth_of[i] = d
        stack += [(k, d + 1) for k in children.get(ids[i], [])]
    depth = max(depth_of.values()) + 1
    max_label_w = width * 0.24

    def outer_lines(i: int) -> list[tuple[str, bool]]:
        joined, bold = _join(lines(labels[i]))
        for n in (1, 2, 3, 4):
            candidate = _split(joined, n)
            if max(_text_width(line, size * 0.95) for line in candidate) <= max_label_w:
                break
        return [(line, bold) for line in candidate]

    label_room = (
        max(
            (
                _text_width(line, size * 0.95)
                for i, d in depth_of.items()
                if d == depth - 1
                for line, _ in outer_lines(i)
            ),
            default=0,
        )
        + 16
    )
    cx, cy = width / 2, height / 2
    radius = min(height / 2 - 4, (width - 2 * label_room) / 2)
    # Radii: the root's disc, then equal rings out to ``radius``.
    root_r = radius * (0.34 if depth > 2 else 0.45)
    ring = (radius - root_r) / max(depth - 1, 1)

    def radii(d: int) -> tuple[float, float]:
        return (0.0, root_r) if d == 0 else (root_r + ring * (d - 1), root_r + ring * d)

    items: list = []
    outer_labels: list[tuple[float, float, list]] = []  # angle, outer radius, lines

    def draw(i: int, a0: float, a1: float) -> None:
        d = depth_of[i]
        r0, r1 = radii(d)
        fill = colours[i] if colours[i] else "#cccccc"
        if d == 0:
            items.append(Circle(cx, cy, r1, "#ffffff", fill, 1.2, 1.0))
        else:
            items.append(_sector(cx, cy, r0, r1, a0, a1, fill))
        mid = (a0 + a1) / 2
        text_lines = lines(labels[i])
        if d == depth - 1 and d > 0:
            outer_labels.append((mid, r1, outer_lines(i)))
        else:
            rm = 0 if d == 0 else (r0 + r1) / 2
            x, y = cx + rm * math.sin(mid), cy - rm * math.cos(mid)
            dark = d > 0 and fill.lower() not in ("#ffffff", "white")
            # Room inside the piece: the chord at mid-radius (the disc's diameter for the root).
            room = (
                2 * r1 * 0.86 if d == 0 else min(2 * rm * math.sin(min(a1 - a0, math.pi) / 2), r1 - r0) * 0.92
            )
            text_lines = _fit_lines(text_lines, room)
            longest = max((_text_width(text, 1.0) for text, _ in text_lines), default=1.0)
            fsize = max(min(size * (1.05 if d == 0 else 0.95), room / max(longest, 1e-6)), size * 0.5)
            n = len(text_lines)
            for k, (text, bold) in enumerate(text_lines):
                items.append(
                    Text(
                        x,
                        y + (k - (n - 1) / 2) * fsize * 1.2 + fsize * 0.35,
                        text,
                        fsize,
                        "#ffffff" if dark else INK,
                        anchor="middle",
                        weight=700 if bold or d == 0 else 400,
                        halo=False,
                    )
                )
        kids = children.get(ids[i], [])
        total = sum(leaves(k) for k in kids) or 1
        start = a0
        for k in kids:
            span = (a1 - a0) * leaves(k) / total
            draw(k, start, start + span)
            start += span

    for i in roots:
        draw(i, 0.0, 2 * math.pi)
    gap = size * 1.25
    for side in (1, -1):
        group = sorted(
            [(a, r, ls) for a, r, ls in outer_labels if (math.sin(a) >= 0) == (side == 1)],
            key=lambda g: -math.cos(g[0]),
        )
        heights = [max(len(ls), 1) * gap + size * 0.3 for _, _, ls in group]
        wanted = [cy - (r + 10) * math.cos(a) - h / 2 for (a, r, _), h in zip(group, heights, strict=True)]
        tops = _spread(wanted, heights, 2.0, height - 2.0)
        for (a, r, ls), top, h in zip(group, tops, heights, strict=True):
            y = top + h / 2 - (len(ls) - 1) * gap / 2
            ex, ey = cx + r * math.sin(a), cy - r * math.cos(a)
            lx = cx + side * (radius + 8)
            items.append(
                Path(
                    ((ex, ey), (cx + (r + 6) * math.sin(a), cy - (r + 6) * math.cos(a)), (lx, y)),
                    False,
                    "#888888",
                    None,
                    0.8,
                    None,
                    1.0,
                )
            )
            for k, (text, bold) in enumerate(ls):
                items.append(
                    Text(
                        lx + side * 4,
                        y + size * 0.35 + k * gap,
                        text,
                        size * 0.95,
                        INK,
                        anchor="start" if side == 1 else "end",
                        weight=700 if bold else 400,
                        halo=False,
                    )
                )
    return items


def draw_chart(
    fig: go.Figure, *, width: float, height: float, size: float = 12.0, font_family: str = ""
) -> Drawing:
    """The chart as primitives in a ``width`` × ``height`` box (points or pixels), text at ``size``."""
    if any(isinstance(tr, go.Sunburst) for tr in fig.data):
        items = _sunburst(fig, width, height, size)
    else:
        items = _bar(fig, width, height, size)
    return Drawing(int(width), int(height), "#ffffff", (0, 0, width, height), tuple(items), (), font_family)


def supported(fig: go.Figure) -> bool:
    return all(
        isinstance(tr, go.Sunburst) or (isinstance(tr, go.Bar) and tr.orientation == "h") for tr in fig.data
    ) and bool(fig.data)


def chart_texts(drawing: Drawing) -> Sequence[str]:
    return [item.text for item in drawing.map_items if isinstance(item, Text)]
