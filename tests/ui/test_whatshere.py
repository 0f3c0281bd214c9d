"""The 'What is here?' page on a small city built in code: links, search, refusal, both languages."""

from __future__ import annotations

import json

import pyproj
import pytest
from shapely.geometry import LineString, Point

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import LAYERS_BY_ID
from arshan_data.geodata.sources import write_feature_collection

from .. import factories
from ..conftest import private_copy
from .conftest import all_text

PAGE = "pages/whatshere.py"
GEOD = pyproj.Geod(ellps="WGS84")
P = (120.0, 47.2)  # factories.INSIDE_POINT: the test city's default features sit here


def offset(bearing: float, km: float) -> Point:
    x, y, _ = GEOD.fwd(*P, bearing, km * 1000.0)
    return Point(x, y)


def write(root, layer_id: str, features: list[tuple[str, object, dict]]) -> None:
    layer = LAYERS_BY_ID[layer_id]
    write_feature_collection(
        root / "sources" / layer.source,
        [factories.feature(layer, fid, geom, **props) for fid, geom, props in features],
    )


@pytest.fixture(scope="module")
def module_world(tmp_path_factory):
    """The tiny dataset, with a town seat, a key town, a central-city zone and places at known
    distances from P (overrides the shared fixture for this module's ``app``)."""
    tmp_path = tmp_path_factory.mktemp("world")
    settings = factories.write_sources(tmp_path)
    write(
        tmp_path,
        "seats",
        [
            (
                "seat-wq",
                Point(P),
                {
                    "name_zh": "温泉街道",
                    "name_en": "Wenquan Subdistrict (seat)",
                    "catalog_id": "wenquan_street",
                    "fidelity": "surveyed",
                },
            ),
            (
                "seat-tc",
                offset(200, 9.0),
                {"name_zh": "天池镇", "name_en": "Tianchi Town (seat)", "catalog_id": "tianchi_town"},
            ),
        ],
    )
    write(
        tmp_path,
        "central_city",
        [
            (
                "cc-core",
                Point(P).buffer(0.01),
                {"name_zh": "测试城市中心", "name_en": "Test city centre", "fidelity": "schematic"},
            ),
        ],
    )
    write(
        tmp_path,
        "pattern",
        [
            (
                "pt-core",
                Point(P).buffer(0.02),
                {
                    "name_zh": "阿尔山中心城区",
                    "name_en": "Arxan central city",
                    "fidelity": "schematic",
                    "element": "one_core",
                },
            ),
        ],
    )
    write(
        tmp_path,
        "scenic_areas",
        [
            ("scenic-near", offset(90, 3.0), {"name_zh": "近景区", "name_en": "Near scenic area"}),
            (
                "scenic-far",
                offset(0, 9.5),
                {"name_zh": "远景区", "name_en": "Far scenic area", "fidelity": "schematic"},
            ),
        ],
    )
    write(
        tmp_path,
        "protected_areas",
        [
            (
                "pa-sw",
                offset(225, 5.0),
                {"name_zh": "西南湿地公园", "name_en": "South-west wetland park", "fidelity": "schematic"},
            ),
        ],
    )
    write(
        tmp_path,
        "roads",
        [
            (
                "road-ew",
                LineString([(119.91, 47.18), (120.09, 47.18)]),
                {"name_zh": "测试公路", "name_en": "Test road"},
            ),
        ],
    )
    build_layers(settings)
    return settings


@pytest.fixture
def tiny_settings(module_world, tmp_path):
    """This module's world, as a private copy the test may change."""
    return private_copy(module_world, tmp_path)


def open_page(app, **query):
    at = app(PAGE, **query)
    assert not at.exception, at.exception
    return at


def deck(at) -> dict:
    [chart] = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_renders_in_both_languages(app, lang):
    at = open_page(app, lang=lang)
    text = all_text(at)
    assert ("此处规划" if lang == "zh" else "What is here?") in text
    assert ("还没有选择位置" if lang == "zh" else "No place chosen yet") in text
    ids = {layer["id"] for layer in deck(at)["layers"]}
    assert {"wh-grid", "city_boundary", "seats"} <= ids
    assert not any(isinstance(v, str) and v.startswith("http") for v in json.dumps(deck(at)).split('"'))


def test_a_point_in_a_link_lists_what_contains_it_and_what_is_near_with_distances(app):
    at = open_page(app, at="120.000,47.200", lang="en")
    text = all_text(at)
    assert "Point asked about: 120.000°E, 47.200°N" in text
    # The town: the nearest seat, its role and the central city's functions from the catalog.
    assert "Wenquan Subdistrict (seat) · at the seat" in text
    assert "Nearest seat, not an administrative boundary" in text
    assert "Build an international tourism distribution centre" in text
    assert "Comprehensive political, economic and cultural centre" in text
    # The zones containing the point, flagged as indicative.
    assert "Arxan central city" in text and "Test city centre" in text
    assert "Indicative only, not a basis for approval" in text
    # Nearby, with distances (km, one decimal) and directions.
    assert "3.0 km · E</span><b>Near scenic area</b>" in text
    assert "5.0 km · SW</span><b>South-west wetland park</b>" in text
    assert "9.5 km · N</span><b>Far scenic area</b>" in text
    assert "Test road" in text and "Position may be off by several km" in text
    assert "the plan lists the protected areas by name only" in text.lower()
    # The map centres on the point and marks it.
    spec = deck(at)
    assert spec["initialViewState"]["longitude"] == pytest.approx(120.0)
    assert {"wh-point", "wh-radius", "wh-near"} <= {layer["id"] for layer in spec["layers"]}
    assert at.query_params["at"] == "120.000,47.200"


def test_a_smaller_radius_drops_the_far_features(app):
    at = open_page(app, at="120.000,47.200", lang="en")
    at.button_group(key="wh_radius").set_value(5.0).run()
    text = all_text(at)
    assert "Near scenic area" in text and "Far scenic area" not in text
    assert at.query_params["r"] == "5"


def test_a_point_outside_the_city_is_refused_and_nothing_else_is_shown(app):
    at = open_page(app, at="120.500,47.200")
    text = all_text(at)
    assert "在阿尔山市行政区界之外" in text and "东经 120.500°、北纬 47.200°" in text
    assert "所属乡镇或街道" not in text and "温泉街道" not in text
    assert [e.value for e in at.error]
    assert "wh-point" not in {layer["id"] for layer in deck(at)["layers"]}


def test_a_broken_link_gets_a_message_not_an_exception(app):
    at = open_page(app, at="not-a-point")
    assert "链接中的位置无法识别" in all_text(at)
    at = open_page(app, place="no-such-place")
    assert "链接中的地点在地图数据中找不到" in all_text(at)


def test_a_place_in_a_link_answers_at_that_place(app):
    at = open_page(app, place="scenic-near", lang="en")
    text = all_text(at)
    assert "Place asked about: Near scenic area" in text
    assert "Wenquan Subdistrict (seat) · 3.0 km · W" in text
    assert at.selectbox(key="wh_pick").value == "scenic-near"
    assert at.query_params["place"] == "scenic-near"


def test_picking_a_place_in_the_search_box_updates_the_result(app):
    at = open_page(app, at="120.000,47.200", lang="en")
    assert "Point asked about" in all_text(at)
    at.selectbox(key="wh_pick").set_value("seat-tc").run()
    assert not at.exception
    text = all_text(at)
    assert "Place asked about: Tianchi Town (seat)" in text
    assert "Tianchi Town (seat) · at the seat" in text
    assert "Eco-tourism" in text  # Tianchi's functions from the catalog
    assert "place" in at.query_params and "at" not in at.query_params
    assert deck(at)["initialViewState"]["latitude"] < 47.2  # re-centred on Tianchi
