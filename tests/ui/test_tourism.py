"""The tourism page: loops, route planner (legs, totals, URL round trip, exports), in both languages.

The module's own dataset (built in code) adds a square grand loop with roads and three scenic
areas to the tiny one-feature-per-layer dataset, so that routes have something to measure.
"""

from __future__ import annotations

import json

import pytest
import streamlit as st
from shapely.geometry import LineString, Point, shape
from streamlit.testing.v1 import AppTest

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection

from .. import factories
from ..apptest import open_app
from ..conftest import private_copy
from .conftest import all_text, page_html

PAGE = "pages/tourism.py"
# A square loop inside the test boundary (119.9–120.1 E, 47.1–47.3 N), drawn clockwise from SW.
SW, NW, NE, SE = (119.92, 47.12), (119.92, 47.28), (120.05, 47.28), (120.05, 47.12)


def _write(settings, layer_id: str, features: list[dict]) -> None:
    write_feature_collection(settings.sources_dir / get_layer(layer_id).source, features)


@pytest.fixture(scope="module")
def module_world(tmp_path_factory):
    """Replaces the shared tiny dataset in this module (the ``app`` fixture then uses it too)."""
    tmp_path = tmp_path_factory.mktemp("world")
    return route_dataset(tmp_path)


def route_dataset(tmp_path):
    """The tiny dataset plus a grand loop, roads along it and scenic areas on and off it."""
    settings = factories.write_sources(tmp_path)
    loops, roads = get_layer("tourism_loops"), get_layer("roads")
    scenic, seats = get_layer("scenic_areas"), get_layer("seats")
    _write(
        settings,
        "tourism_loops",
        [
            factories.feature(
                loops,
                "loop-grand",
                LineString([SW, NW, NE, SE, SW]),
                kind="grand_loop",
                status=None,
                fidelity="schematic",
                catalog_id="grand_loop",
            ),
            factories.feature(
                loops,
                "loop-water",
                LineString([(119.95, 47.2), (120.0, 47.22)]),
                kind="inner_loop",
                status=None,
                fidelity="schematic",
            ),
        ],
    )

    def road(fid, ref, cls, pts):
        return factories.feature(roads, fid, LineString(pts), ref=ref, road_class=cls)

    _write(
        settings,
        "roads",
        [
            road("road-west", "G302", "national", [SW, NW]),
            road("road-north", "S308", "provincial", [NW, NE]),
            road("road-east", "X432", "county", [NE, SE]),
            road("road-south", "S203", "provincial", [SE, SW]),
            road("road-spur", "X313", "county", [(120.05, 47.2), (120.096, 47.2)]),
        ],
    )

    def area(fid, zh, en, pt, **overrides):
        props = dict(
            name_zh=zh,
            name_en=en,
            kind="scenic_area",
            themes=["冰雪"],
            grade="4A",
            best_season_zh=None,
            best_season_en=None,
            theme_source="test source",
            theme_note_zh="测试来源",
            theme_note_en="test source",
            season_source=None,
            season_note_zh=None,
            season_note_en=None,
            access_road=None,
        )
        return factories.feature(scenic, fid, Point(pt), **(props | overrides))

    _write(
        settings,
        "scenic_areas",
        [
            area("scenic-north", "北景区", "North area", (119.985, 47.28)),
            area(
                "scenic-east",
                "东景区",
                "East area",
                (120.05, 47.2),
                best_season_zh="6月至8月",
                best_season_en="June to August",
                season_source="test season",
                season_note_zh="测试季节",
                season_note_en="test season",
            ),
            area("scenic-far", "远景区", "Far area", (120.098, 47.203), access_road="road-spur"),
        ],
    )
    _write(
        settings,
        "seats",
        [
            factories.feature(
                seats, "seat-wenquan", Point(119.921, 47.121), name_zh="温泉街", name_en="Wenquan"
            ),
        ],
    )
    build_layers(settings)
    return settings


@pytest.fixture
def tiny_settings(module_world, tmp_path):
    """This module's world, as a private copy the test may change."""
    return private_copy(module_world, tmp_path)


@pytest.fixture
def page(monkeypatch, tiny_settings):
    """The tourism page opened directly (like following a link), with URL parameters."""
    monkeypatch.setenv("ARSHAN_LAYERS_DIR", str(tiny_settings.layers_dir))
    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", tiny_settings.feedback_store)
    st.cache_resource.clear()
    st.cache_data.clear()

    def make(**query) -> AppTest:
        return open_app(PAGE, **query)

    yield make
    st.cache_resource.clear()


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "全域旅游",
                "全域大环线",
                "通过G302、S203 、S308、X432构建全域大环线建设",
                "一城引领",
                "组团协同",
                "线路规划",
                "主题与季节",
                "乌阿海满",
                "来源：规划文本第 23 页",
            ],
        ),
        (
            "en",
            [
                "All-for-one tourism",
                "Grand loop",
                "Build the grand loop on G302, S203, S308 and X432",
                "One city leading",
                "Clusters coordinated",
                "Route planner",
                "Themes and seasons",
                "Ulanhot–Arxan–Hailar–Manzhouli",
                "Source: plan text, p. 23",
            ],
        ),
    ],
)
def test_the_page_renders_in_both_languages(page, lang, expected):
    at = page(lang=lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet


def legs_frame(at):
    frames = [f.value for f in at.dataframe if "From" in f.value.columns or "从" in f.value.columns]
    assert len(frames) == 1
    return frames[0]


def test_a_route_through_two_scenic_areas_shows_legs_and_totals(page):
    at = page(lang="en")
    at.multiselect(key="tourism_stops").set_value(["scenic-north", "scenic-east"]).run()
    assert not at.exception
    legs = legs_frame(at)
    # Auto takes the shorter way: counter-clockwise, east side first (~32.6 km against ~36.6 km).
    assert list(legs["To"]) == ["East area", "North area"]
    assert list(legs["From"]) == ["Wenquan", "East area"]
    total = legs["Leg (km, approx.)"].sum()
    assert 30 < total < 35
    text = all_text(at)
    assert "Total distance (approx.)" in text and "Driving time (approx.)" in text
    assert "Planned in the shorter direction (counter-clockwise)" in text
    assert "S203" in legs["Roads (km)"].iloc[0] and "X432" in legs["Roads (km)"].iloc[0]
    assert qp(at, "stops") == "scenic-north,scenic-east"  # the route is in the URL


def qp(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_the_url_restores_the_route(page):
    at = page(
        lang="en", stops="scenic-east,scenic-north", start="seat-wenquan", dir="counterclockwise", ret="1"
    )
    assert not at.exception
    assert at.multiselect(key="tourism_stops").value == ["scenic-east", "scenic-north"]
    assert at.selectbox(key="tourism_start").value == "seat-wenquan"
    assert at.toggle(key="tourism_ret").value is True
    legs = legs_frame(at)
    assert list(legs["To"]) == ["East area", "North area", "Wenquan"]  # counter-clockwise, back home
    assert qp(at, "stops") == "scenic-east,scenic-north" and qp(at, "dir") == "counterclockwise"


def test_an_unknown_stop_in_the_url_gives_a_clear_message(page):
    at = page(lang="en", stops="scenic-north,scenic-atlantis")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "scenic-atlantis" in errors and "Valid ids: scenic-east, scenic-far, scenic-north" in errors
    assert at.multiselect(key="tourism_stops").value == ["scenic-north"]  # the rest of the route stays
    assert len(legs_frame(at)) == 1


def test_an_off_loop_area_is_reached_by_its_access_road(page):
    at = page(lang="en", stops="scenic-far")
    legs = legs_frame(at)
    assert legs["On spurs (km, approx.)"].iloc[0] > 1.0
    assert "X313" in legs["Roads (km)"].iloc[0]


class _Downloads(dict):
    """File name → bytes; a deferred download (made when clicked) is made when first read."""

    def __init__(self):
        super().__init__()
        self.deferred = {}

    def __missing__(self, name):
        data = self.deferred[name]()
        return data.encode("utf-8") if isinstance(data, str) else data


@pytest.fixture
def downloads(monkeypatch):
    """What the page's download buttons hold, by file name (recorded as Streamlit stores them)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files = _Downloads()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            files.deferred[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def test_the_geojson_export_parses_and_has_one_feature_per_leg(page, downloads):
    at = page(lang="zh", stops="scenic-north,scenic-east", ret="1")
    assert not at.exception
    doc = json.loads(downloads["arxan-route.geojson"])
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(legs_frame(at)) == 3
    assert all(shape(f["geometry"]).geom_type == "LineString" for f in doc["features"])
    assert [f["properties"]["to"] for f in doc["features"]] == ["scenic-north", "scenic-east", "seat-wenquan"]
    summary_html = downloads["arxan-route-zh.html"].decode("utf-8")
    assert "<svg" in summary_html and "全域大环线（示意）" in summary_html and "@page" in summary_html
    assert "北景区" in summary_html and "估算" in summary_html


def test_a_page_without_a_grand_loop_explains_and_keeps_working(page, tiny_settings):
    _write(
        tiny_settings,
        "tourism_loops",
        [factories.feature(get_layer("tourism_loops"), "tourism_loops-1", factories.INSIDE_LINE)],
    )
    build_layers(tiny_settings)
    at = page(lang="en", stops="scenic-north")
    assert not at.exception
    assert "no usable grand loop" in all_text(at)
    assert "Themes and seasons" in all_text(at)


def cards(at) -> str:
    return " ".join(b for b in page_html(at) if "<div class='tl-scenic'>" in b)


def test_theme_and_season_filters(page):
    at = page(lang="en")
    shown = cards(at)
    assert all(name in shown for name in ("North area", "East area", "Far area"))
    assert "No cited source" in shown and "Source: test source" in shown and "Source: test season" in shown
    at.button_group(key="tourism_seasons").set_value(["summer"]).run()
    shown = cards(at)
    assert "East area" in shown and "North area" not in shown and "Far area" not in shown
    at.button_group(key="tourism_seasons").set_value(["winter"]).run()
    assert cards(at) == "" and "No scenic area matches." in all_text(at)


def test_a_scenic_area_picked_on_the_map_joins_the_route_once(page):
    at = page(lang="en")
    # The map panel's pick (the same path as a tap on the map) adds the scenic area...
    at.selectbox(key="tourism_feature").set_value("scenic-east").run()
    assert at.multiselect(key="tourism_stops").value == ["scenic-east"]
    assert len(legs_frame(at)) == 1
    # ...and removing it again is not undone while it stays picked on the map.
    at.multiselect(key="tourism_stops").set_value([]).run()
    assert at.multiselect(key="tourism_stops").value == []
    # A loop picked on the map is not a stop.
    at.selectbox(key="tourism_feature").set_value("loop-grand").run()
    assert at.multiselect(key="tourism_stops").value == []
