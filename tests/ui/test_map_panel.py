"""The shared map panel: deep links select a feature, layers switch, details show their source."""

import json

from .conftest import all_text


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
