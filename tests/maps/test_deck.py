"""Map specs: offline by default, stable ids, Chinese labels that render, honest styling."""

import base64
import json
import re
import urllib.parse

import geopandas as gpd
from shapely.geometry import LineString, Point

from arshan_data.config import Settings
from arshan_data.geodata.layers import SEATS, get_layer
from arshan_data.geodata.store import MapStore
from arshan_data.maps.basemaps import NO_BASEMAP, basemap_style
from arshan_data.maps.deck import compose_deck, feature_layers, halo_layer
from arshan_data.maps.labels import label_layer, point_labels

URL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}", re.I)


def frames(settings):
    store = MapStore(settings.layers_dir)
    return {lid: store.layer(lid) for lid in ("neighbours", "city_boundary", "rivers", "seats", "roads")}


def test_default_map_references_no_outside_host(tiny_settings):
    spec_json = compose_deck(frames(tiny_settings), "zh", labelled=("seats",)).to_json()
    spec = json.loads(spec_json)
    assert spec["mapStyle"] == NO_BASEMAP  # Streamlit's sentinel: anything else loads Carto
    assert URL.findall(spec_json) == []


def test_configured_basemap_is_the_only_outside_reference(tiny_settings):
    spec_json = compose_deck(frames(tiny_settings), "zh", basemap="carto-positron").to_json()
    assert set(URL.findall(spec_json)) == {"https://"}
    assert json.loads(spec_json)["mapStyle"].startswith("https://basemaps.cartocdn.com/")


def tianditu_tiles(style_url: str) -> list[str]:
    assert style_url.startswith("data:application/json;base64,")
    style = json.loads(base64.b64decode(style_url.split(",", 1)[1]))
    assert style["version"] == 8 and [layer["source"] for layer in style["layers"]] == ["tdt-vec", "tdt-cva"]
    return [url for source in style["sources"].values() for url in source["tiles"]]


def test_tianditu_is_a_style_that_names_only_tianditu_hosts_and_carries_the_key(tiny_settings):
    settings = Settings(basemap="tianditu", tianditu_key="k3y/+&x")
    spec = json.loads(compose_deck(frames(tiny_settings), "zh", basemap=basemap_style(settings)).to_json())
    tiles = tianditu_tiles(spec["mapStyle"])
    assert len(tiles) == 16  # vector map and labels, eight hosts each
    for url in tiles:
        parts = urllib.parse.urlsplit(url)
        assert parts.scheme == "https" and re.fullmatch(r"t[0-7]\.tianditu\.gov\.cn", parts.hostname), url
        query = urllib.parse.parse_qs(parts.query)
        assert query["tk"] == ["k3y/+&x"] and query["TILEMATRIXSET"] == ["w"], url
        assert "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}" in url
    assert basemap_style(Settings(basemap="carto-positron")) == "carto-positron"
    assert basemap_style(Settings()) == "none"


def test_layer_ids_are_stable_so_reruns_send_nothing_new(tiny_settings):
    first = compose_deck(frames(tiny_settings), "en", labelled=("seats",))
    second = compose_deck(frames(tiny_settings), "en", labelled=("seats",))
    assert first.to_json() == second.to_json()
    ids = [layer["id"] for layer in first.spec["layers"]]
    assert len(ids) == len(set(ids))
    assert "seats~labels" in ids


def test_json_is_compact():
    text = compose_deck({}, "zh").to_json()
    assert "\n" not in text and ": " not in text


def test_chinese_labels_carry_their_glyphs_as_a_literal_character_set():
    gdf = gpd.GeoDataFrame(
        {"name_zh": ["天池镇", "白狼镇"], "name_en": ["Tianchi", "Bailang"]},
        geometry=[Point(120.4, 47.3), Point(120.2, 47.0)],
        crs="EPSG:4326",
    )
    layer = label_layer("seats", point_labels(gdf, "zh"))
    assert layer["characterSet"] == sorted(set("天池镇白狼镇"))
    assert not isinstance(layer["fontFamily"], list) and not layer["fontFamily"].startswith("@@=")
    assert [d["t"] for d in layer["data"]] == ["天池镇", "白狼镇"]


def line_frame(**columns):
    n = len(columns["id"])
    base = {
        "name_zh": ["路"] * n,
        "name_en": ["Road"] * n,
        "status": ["existing"] * n,
        "fidelity": ["approximate"] * n,
    }
    base.update(columns)
    return gpd.GeoDataFrame(base, geometry=[LineString([(120, 47), (120.1, 47.1)])] * n, crs="EPSG:4326")


def test_status_and_schematic_fidelity_are_drawn_differently():
    gdf = line_frame(
        id=["a", "b", "c", "d"],
        status=["existing", "upgrade", "planned", "existing"],
        fidelity=["approximate", "approximate", "approximate", "schematic"],
    )
    layers = {layer["id"]: layer for layer in feature_layers("roads", gdf, "zh")}
    assert set(layers) == {"roads~existing", "roads~upgrade", "roads~planned", "roads~schematic~existing"}
    assert "extensions" not in layers["roads~existing"]
    assert layers["roads~upgrade"]["getLineWidth"] > layers["roads~existing"]["getLineWidth"]
    assert layers["roads~planned"]["getDashArray"] != layers["roads~schematic~existing"]["getDashArray"]
    assert layers["roads~schematic~existing"]["getLineColor"][3] < 255


def test_features_carry_name_fidelity_and_status_for_the_tooltip():
    gdf = line_frame(id=["a"], status=["planned"])
    [layer] = feature_layers("roads", gdf, "en")
    props = layer["data"]["features"][0]["properties"]
    assert props == {"id": "a", "n": "Road", "n2": "路", "k": "approximate", "s": " · planned"}


def test_approximate_points_get_a_halo_that_reads_the_point_itself():
    gdf = gpd.GeoDataFrame(
        {"id": ["a", "b"], "fidelity": ["approximate", "schematic"]},
        geometry=[Point(120.1, 47.2), Point(120.3, 47.3)],
        crs="EPSG:4326",
    )
    layer = halo_layer(SEATS, gdf, get_layer(SEATS).style)
    assert layer["data"] == [[120.1, 47.2]]  # only the approximate one
    assert layer["getPosition"] == "@@=-"  # deck.gl JSON: the datum itself (not a field "d")
    assert layer["radiusUnits"] == "meters"


def test_a_split_layer_is_drawn_part_by_part_with_bigger_labels_and_a_camera_glide():
    pattern = gpd.GeoDataFrame(
        {
            "id": ["a", "b"],
            "name_zh": ["一屏", "两带"],
            "name_en": ["A", "B"],
            "fidelity": ["schematic"] * 2,
            "status": [None, None],
            "element": ["one_barrier", "two_belts"],
        },
        geometry=[Point(120.0, 47.2), LineString([(120.0, 47.1), (120.1, 47.2)])],
        crs="EPSG:4326",
    )
    seats = gpd.GeoDataFrame(
        {
            "id": ["s"],
            "name_zh": ["温泉街道"],
            "name_en": ["Wenquan"],
            "fidelity": ["approximate"],
            "status": [None],
        },
        geometry=[Point(119.9, 47.2)],
        crs="EPSG:4326",
    )
    deck = compose_deck(
        {"pattern": pattern, "seats": seats},
        "zh",
        labelled=("seats",),
        label_px=22,
        split={"pattern": ("element", (("one_barrier", (1, 2, 3, 255)), ("two_belts", (4, 5, 6, 255))))},
        transition_ms=1200,
    )
    layers = {layer["id"]: layer for layer in deck.spec["layers"]}
    assert {"pattern~one_barrier~schematic", "pattern~two_belts~schematic"} <= set(layers)
    ids = list(layers)
    assert ids.index("pattern~two_belts~schematic") < ids.index(
        "pattern~one_barrier~schematic"
    )  # lines under points
    assert layers["pattern~two_belts~schematic"]["getLineColor"][:3] == [4, 5, 6]
    assert layers["seats~labels"]["getSize"] == 22
    assert deck.spec["initialViewState"]["transitionDuration"] == 1200
    assert "transitionDuration" not in compose_deck({"seats": seats}, "zh").spec["initialViewState"]
