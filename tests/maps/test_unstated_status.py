"""A road or railway whose status the plan does not state says so wherever a status is shown:
the tooltip, the legend's symbol key, the feature table (and so its CSV download) and the card."""

import geopandas as gpd
from shapely.geometry import LineString, Point

from arshan_data.geodata.layers import RAILWAYS, ROADS, SEATS
from arshan_data.maps.deck import feature_layers, status_label
from arshan_data.maps.legend import symbol_keys
from arshan_data.maps.tables import feature_details, feature_table


def roads(status):
    return gpd.GeoDataFrame(
        {
            "id": ["r"],
            "name_zh": ["S308省道（示意）"],
            "name_en": ["Provincial Road S308 (schematic)"],
            "fidelity": ["schematic"],
            "status": [status],
            "plan_ref": ["01.综合交通体系 p.21–23"],
            "source": ["schematic"],
        },
        geometry=[LineString([(120.0, 47.1), (120.1, 47.2)])],
        crs="EPSG:4326",
    )


def seats():
    return gpd.GeoDataFrame(
        {"id": ["s"], "name_zh": ["镇"], "name_en": ["Town"], "fidelity": ["approximate"], "status": [None]},
        geometry=[Point(120.0, 47.2)],
        crs="EPSG:4326",
    )


def test_a_null_transport_status_is_the_plans_silence_in_both_languages():
    assert status_label(None, "zh") == "规划未写明"
    assert status_label(None, "en") == "not stated in the plan"
    assert status_label("planned", "zh") == "规划"
    assert status_label(None, "zh", has_status=False) == ""


def test_the_tooltip_says_not_stated_for_a_road_and_nothing_for_a_town():
    [road] = feature_layers(ROADS, roads(None), "zh")
    assert road["data"]["features"][0]["properties"]["s"] == " · 规划未写明"
    [town] = feature_layers(SEATS, seats(), "zh")
    assert town["data"]["features"][0]["properties"]["s"] == ""


def test_the_table_and_its_download_say_not_stated_only_where_a_status_belongs():
    table = feature_table({ROADS: roads(None), SEATS: seats()}, "en").set_index("Name")
    assert table.loc["Provincial Road S308 (schematic)", "Status"] == "not stated in the plan"
    assert table.loc["Town", "Status"] == ""


def test_the_card_of_a_road_without_a_plan_status_says_so():
    details = dict(feature_details(roads(None).drop(columns="geometry").iloc[0].to_dict(), ROADS, "zh"))
    assert details["状态"] == "规划未写明"
    town = dict(feature_details(seats().drop(columns="geometry").iloc[0].to_dict(), SEATS, "zh"))
    assert "状态" not in town


def test_the_legend_explains_how_an_unstated_status_is_drawn_on_transport_maps_only():
    assert "unstated" in symbol_keys((SEATS, RAILWAYS))
    assert "unstated" not in symbol_keys((SEATS,))


def test_the_feature_table_and_card_name_the_plan_heading_in_the_readers_language():
    import geopandas as gpd
    from shapely.geometry import Point

    from arshan_data.geodata.layers import STATIONS
    from arshan_data.maps.tables import feature_details, feature_table
    from arshan_data.plan.catalog import heading_names, load_catalog

    frame = gpd.GeoDataFrame(
        {"name_zh": ["阿尔山站"], "name_en": ["Arxan station"], "fidelity": ["approximate"], "status": [None],
         "plan_ref": ["01.综合交通体系 p.21–23"], "source": ["GeoNames 123"]},
        geometry=[Point(119.9, 47.2)], crs="EPSG:4326",
    )  # fmt: skip
    names = heading_names(load_catalog())
    english = feature_table({STATIONS: frame}, "en", names)
    assert english.iloc[0]["Plan reference"] == "01. Integrated transport system, pp. 21–23"
    chinese = dict(feature_details(frame.drop(columns="geometry").iloc[0].to_dict(), STATIONS, "zh", names))
    assert "01.综合交通体系，第21–23页" in chinese.values()
