"""Map labels: crowded places are placed round their points (with a leader line further out),
never piled up; the key places of a map are never left out."""

import itertools

import pytest

from arshan_data.config import load_settings
from arshan_data.geodata.layers import SEATS, VILLAGES
from arshan_data.geodata.store import MapStore
from arshan_data.geodata.views import CITY_VIEW, View, project
from arshan_data.maps.deck import compose_deck
from arshan_data.maps.labels import label_layers, place_labels, point_labels, text_width_px


def boxes(placed, view, size_px=14):
    out = []
    for p in placed:
        x, y = project(p.lon, p.lat, view.zoom)
        w, h = text_width_px(p.text, size_px), size_px + 4
        out.append((p.text, (x + p.dx - w / 2, y + p.dy - h / 2, x + p.dx + w / 2, y + p.dy + h / 2)))
    return out


def overlapping(named_boxes):
    return [
        (a, b)
        for (a, p), (b, q) in itertools.combinations(named_boxes, 2)
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


@pytest.fixture(scope="module")
def shipped():
    store = MapStore(load_settings(env={}).layers_dir)
    return {lid: store.layer(lid) for lid in (SEATS, VILLAGES)}


def test_the_crowded_city_centre_gets_every_seat_named_without_overlap(shipped):
    """林海、新城、伊尔施 and 天池镇's seat lie within 15 px of each other on the city map:
    each keeps its name, and no two names overlap."""
    labels = point_labels(shipped[SEATS], "zh")
    [placed] = place_labels([labels], CITY_VIEW, keep=[0])
    assert sorted(p.text for p in placed) == sorted(text for _, _, text in labels)
    assert overlapping(boxes(placed, CITY_VIEW)) == []
    assert any(p.leader for p in placed)  # the cluster needs at least one label moved out


def test_seats_and_villages_together_keep_every_name_apart(shipped):
    groups = [point_labels(shipped[SEATS], "en"), point_labels(shipped[VILLAGES], "en")]
    placed = place_labels(groups, CITY_VIEW, keep=[0, 1])
    assert [len(g) for g in placed] == [len(g) for g in groups]
    assert overlapping(boxes([p for g in placed for p in g], CITY_VIEW)) == []


def test_a_label_with_no_room_is_left_out_unless_its_layer_is_a_key_place():
    view = View(120.0, 47.0, 3.0)  # 40 places on one pixel: not all their names fit round it
    many = [(120.0 + i * 1e-5, 47.0, f"地名{i:02d}") for i in range(40)]
    [dropped] = place_labels([many], view)
    [kept] = place_labels([many], view, keep=[0])
    assert 0 < len(dropped) < 40 and len(kept) == 40
    assert overlapping(boxes(dropped, view)) == []


def test_a_label_moved_out_is_joined_to_its_point_by_a_line():
    view = View(120.0, 47.0, 8.0)
    labels = [
        (120.0, 47.0, "甲地"),
        (120.0005, 47.0, "乙地"),
        (120.001, 47.0, "丙地"),
        (120.0, 47.0005, "丁地"),
    ]
    [placed] = place_labels([labels], view, keep=[0])
    layers = {layer["id"]: layer for layer in label_layers("x", placed, view)}
    moved = [p for p in placed if p.leader]
    assert moved and len(layers["x~leaders"]["data"]) == len(moved)
    starts = {tuple(line["s"]) for line in layers["x~leaders"]["data"]}
    assert starts == {(round(p.lon, 5), round(p.lat, 5)) for p in moved}
    assert len(layers["x~labels"]["data"]) == len(labels)


def test_the_towns_map_labels_all_five_towns_and_the_port(shipped):
    spec = compose_deck({SEATS: shipped[SEATS]}, "zh", labelled=(SEATS,)).spec
    [labels] = [layer for layer in spec["layers"] if layer["id"] == "seats~labels"]
    named = {d["t"] for d in labels["data"]}
    assert {"天池镇", "伊尔施街道", "新城街道", "林海街道", "阿尔山口岸", "白狼镇"} <= named
