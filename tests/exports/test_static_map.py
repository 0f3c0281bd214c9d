"""Static SVG maps: valid SVG, fitted extent, legend, scale bar, north arrow, escaped text."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import LineString, Point, Polygon, box

from arshan_data.exports import static_map as sm

NS = {"svg": "http://www.w3.org/2000/svg"}
CITY = box(119.5, 46.7, 121.4, 47.7)


def layers():
    return [
        sm.MapLayer("context", [box(110, 40, 130, 55)], fill="#eee", fit=False),
        sm.MapLayer("city", [CITY], fill="#fcfbf5", stroke="#464646", legend="阿尔山市"),
        sm.MapLayer(
            "loop",
            [LineString([(119.9, 47.1), (120.4, 47.3), (120.2, 46.9), (119.9, 47.1)])],
            stroke="#eb5a14",
            width=3,
            dash=(5, 3),
            legend="全域大环线",
        ),
        sm.MapLayer(
            "stops",
            [(Point(120.4, 47.3), "天池 <5A>"), Point(119.9, 47.1)],
            fill="#fff",
            legend="景区 & 口岸",
        ),
    ]


def test_the_svg_is_well_formed_and_carries_the_map_furniture():
    svg = sm.render_svg(
        layers(),
        width=640,
        height=420,
        title="线路 <测试>",
        texts=sm.Texts(legend="图例", km="公里", north="北"),
    )
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 640 420" and "Noto Sans CJK SC" in root.get("font-family")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "线路 <测试>" in texts and "图例" in texts and "北" in texts
    assert "天池 <5A>" in texts and "景区 & 口岸" in texts  # escaped in the file, intact when parsed
    assert any(t.endswith(" 公里") for t in texts)
    assert "&lt;5A&gt;" in svg and "<5A>" not in svg
    assert root.find(".//svg:clipPath", NS) is not None
    assert len(root.findall(".//svg:circle", NS)) == 2 + 1  # two stops + the legend swatch


def test_the_extent_comes_from_the_fitted_layers_and_keeps_the_aspect():
    drawing = sm.draw_list(
        layers(), width=800, height=560, legend=False, scale_bar=False, north_arrow=False, pad_fraction=0.0
    )
    [city] = [p for p in drawing.map_items if isinstance(p, sm.Path) and p.fill == "#fcfbf5"]
    xs, ys = [x for x, _ in city.points], [y for _, y in city.points]
    x, y, w, h = drawing.map_box
    # The city fills the frame in one direction (context layer does not zoom the map out)...
    assert (max(xs) - min(xs)) == pytest.approx(w, rel=0.01) or (max(ys) - min(ys)) == pytest.approx(
        h, rel=0.01
    )
    # ...and Web Mercator keeps its shape: width/height in pixels = mercator width/height.
    (mx0, my0), (mx1, my1) = sm._merc(119.5, 46.7), sm._merc(121.4, 47.7)
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx((mx1 - mx0) / (my1 - my0), rel=0.01)
    assert min(xs) >= x - 0.5 and max(ys) <= y + h + 0.5


def test_the_scale_bar_is_a_round_length_true_at_the_centre_latitude():
    drawing = sm.draw_list(layers(), width=800, height=560)
    bar = next(
        p for p in drawing.overlay if isinstance(p, sm.Path) and p.width == 3.0 and p.stroke == "#1e1e1e"
    )
    label = next(t for t in drawing.overlay if isinstance(t, sm.Text) and t.text.endswith(" km"))
    km = float(label.text.split()[0])
    assert km in {1, 2, 5, 10, 20, 50, 100}
    # Check the bar length against the map's own scale: the city's pixel width over its ground width.
    [city] = [p for p in drawing.map_items if isinstance(p, sm.Path) and p.fill == "#fcfbf5"]
    px_width = max(x for x, _ in city.points) - min(x for x, _ in city.points)
    ground_km = (121.4 - 119.5) * 111.32 * math.cos(math.radians((46.7 + 47.7) / 2))
    bar_px = bar.points[1][0] - bar.points[0][0]
    assert bar_px / px_width * ground_km == pytest.approx(km, rel=0.03)


def test_a_bbox_overrides_the_extent_and_nothing_to_draw_is_an_error():
    drawing = sm.draw_list([sm.MapLayer("p", [Point(120, 47)])], bbox=(119, 46, 121, 48), legend=False)
    [circle] = drawing.map_items
    x, y, w, h = drawing.map_box
    assert circle.x == pytest.approx(x + w / 2, abs=1) and circle.y == pytest.approx(y + h / 2, abs=3)
    with pytest.raises(ValueError, match="nothing to draw"):
        sm.render_svg([sm.MapLayer("ctx", [CITY], fit=False)])


def test_polygons_keep_their_holes_and_multi_geometries_are_split():
    ring = Polygon(box(0, 0, 10, 10).exterior.coords, [box(4, 4, 6, 6).exterior.coords])
    drawing = sm.draw_list([sm.MapLayer("a", [ring], fill="#ccc")], legend=False)
    [path] = drawing.map_items
    assert len(path.rings) == 1
    svg = sm.to_svg(drawing)
    assert 'fill-rule="evenodd"' in svg


def test_the_map_furniture_scales_for_a_slide_and_the_map_keeps_its_scale_bar_true():
    plain = sm.draw_list(layers(), width=960, height=540)
    big = sm.draw_list(layers(), width=960, height=540, furniture=1.5)

    def sizes(d):
        return sorted(t.size for t in d.overlay if isinstance(t, sm.Text))

    assert [round(s * 1.5, 3) for s in sizes(plain)] == [round(s, 3) for s in sizes(big)]
    assert big.map_box[2] < plain.map_box[2]  # the wider legend beside the map leaves less room
    assert any(t.text.endswith(" km") for t in big.overlay if isinstance(t, sm.Text))
