"""The shared map panel: deep links select a feature, layers switch, details show their source."""

import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from .conftest import all_text, page_html


def deck_layer_ids(at):
    [chart] = at.get("deck_gl_json_chart")
    return {layer["id"] for layer in json.loads(chart.proto.json)["layers"]}


def test_a_deep_link_opens_the_feature_details(app):
    at = app(feature="seats-1", lang="en")
    assert not at.exception
    text = all_text(at)
    assert "Test seats-1" in text
    assert "Source of position" in text and "tests/factories.py" in text
    assert "Approximate: placed from a cited public source" in text
    assert at.selectbox(key="overview_feature").value == "seats-1"


def test_an_unknown_feature_in_a_link_is_ignored(app):
    at = app(feature="no-such-thing")
    assert not at.exception
    assert at.selectbox(key="overview_feature").value is None


def test_switching_a_layer_off_removes_it_from_the_map_and_the_url(app):
    at = app()
    assert "seats" in deck_layer_ids(at)
    at.button_group(key="overview_layers").set_value(["rivers"]).run()
    assert "seats" not in deck_layer_ids(at)
    assert "rivers" in deck_layer_ids(at)


def test_layers_from_a_link_are_restored(app):
    at = app(layers="seats")
    ids = deck_layer_ids(at)
    assert "seats" in ids and "rivers" not in ids


def test_picking_from_the_list_shows_details_without_a_map(app):
    at = app(lang="en")
    at.selectbox(key="overview_feature").set_value("seats-1").run()
    assert "Test seats-1" in all_text(at)


# ----------------------------------------------------------------------------- split layers


def _split_page():
    from arshan_data.ui.components.map_panel import Split, map_panel

    split = Split(
        "element",
        {"one_core": "Core", "one_axis": "Axis"},
        {"one_core": "The central city.", "one_axis": "Where towns grow."},
        {"one_core": (200, 0, 0, 255)},
    )
    map_panel("split", ("city_boundary", "pattern"), "en", toggleable=("pattern",), split={"pattern": split})


@pytest.fixture
def split_app(monkeypatch, tiny_settings):
    from shapely.geometry import Point

    from arshan_data.geodata.build import build_layers
    from arshan_data.geodata.layers import get_layer
    from arshan_data.geodata.sources import write_feature_collection

    from .. import factories

    layer = get_layer("pattern")
    write_feature_collection(
        tiny_settings.sources_dir / layer.source,
        [
            factories.feature(layer, "p-core", factories.INSIDE_AREA, element="one_core"),
            factories.feature(layer, "p-axis", factories.INSIDE_LINE, element="one_axis"),
            factories.feature(layer, "p-odd", Point(120.0, 47.2), element="not_in_the_labels"),
        ],
    )
    build_layers(tiny_settings)
    monkeypatch.setenv("ARSHAN_LAYERS_DIR", str(tiny_settings.layers_dir))
    st.cache_resource.clear()

    def make(**query):
        at = AppTest.from_function(_split_page, default_timeout=90)
        for name, value in query.items():
            at.query_params[name] = value
        return at.run()

    yield make
    st.cache_resource.clear()


def test_a_split_layer_has_one_switch_colour_and_legend_line_per_value(split_app):
    at = split_app()
    assert not at.exception
    switches = at.button_group(key="split_layers")
    assert switches.options == ["Core", "Axis", "not_in_the_labels"]  # an unknown value still gets a switch
    ids = deck_layer_ids(at)
    assert {"pattern~one_core", "pattern~one_axis", "pattern~not_in_the_labels"} <= ids
    [chart] = at.get("deck_gl_json_chart")
    layers = {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}
    assert layers["pattern~one_core"]["getLineColor"][:3] == [200, 0, 0]
    assert layers["pattern~one_axis"]["getLineColor"][:3] != [200, 0, 0]
    order = [layer["id"] for layer in json.loads(chart.proto.json)["layers"]]
    assert order.index("pattern~one_core") < order.index("pattern~one_axis")  # areas under lines
    text = all_text(at)
    assert "The central city." in text and "Where towns grow." in text


def test_switching_a_part_off_removes_its_features_legend_and_picker_entry(split_app):
    at = split_app()
    at.button_group(key="split_layers").set_value(["pattern.one_axis"]).run()
    ids = deck_layer_ids(at)
    assert "pattern~one_axis" in ids and not any(i.startswith("pattern~one_core") for i in ids)
    assert "The central city." not in all_text(at)
    assert at.selectbox(key="split_feature").options[1:] == ["Test p-axis"]
    assert at.query_params["layers"] == "pattern.one_axis"


def test_a_link_restores_the_parts_it_names(split_app):
    at = split_app(layers="pattern.one_core,pattern.nonsense")
    assert at.button_group(key="split_layers").value == ["pattern.one_core"]
    ids = deck_layer_ids(at)
    assert "pattern~one_core" in ids and "pattern~one_axis" not in ids


def legend_swatches(at) -> dict[str, str]:
    """Legend line title → the swatch's classes."""
    found = {}
    for body in page_html(at):
        for classes, title in re.findall(r"<span class='sw ([^']*)'[^>]*></span><b>([^<]*)</b>", body):
            found[title] = classes
    return found


def test_the_legend_draws_schematic_parts_and_layers_as_the_map_does(split_app, tiny_settings):
    """A part whose features are all schematic gets the hollow/dotted swatch, a located one the
    solid swatch; the same for whole layers (the boundary here is located)."""
    from arshan_data.geodata.build import build_layers
    from arshan_data.geodata.layers import get_layer
    from arshan_data.geodata.sources import write_feature_collection

    from .. import factories

    layer = get_layer("pattern")
    write_feature_collection(
        tiny_settings.sources_dir / layer.source,
        [
            factories.feature(
                layer, "p-core", factories.INSIDE_AREA, element="one_core", fidelity="schematic"
            ),
            factories.feature(
                layer, "p-axis", factories.INSIDE_LINE, element="one_axis", fidelity="approximate"
            ),
        ],
    )
    build_layers(tiny_settings)
    st.cache_resource.clear()
    at = split_app()
    assert not at.exception
    swatches = legend_swatches(at)
    assert swatches["Core"] == "sw-area sw-schematic"
    assert swatches["Axis"] == "sw-line"
    assert "sw-schematic" not in swatches["Arxan City boundary"]
