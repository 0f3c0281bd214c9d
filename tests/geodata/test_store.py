"""The DuckDB map cache: loads once, reloads a changed file, isolates a damaged one."""

import os
import time

import geopandas as gpd
import pytest

from arshan_data.geodata.build import write_parquet
from arshan_data.geodata.store import LayerUnavailable, MapStore


def test_layers_load_once_and_come_back_sorted_with_geometry(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    seats = store.layer("seats")
    again = store.layer("seats")
    assert again is seats
    assert store.load_counts["seats"] == 1
    assert list(seats["id"]) == ["seats-1"]
    assert seats.crs.to_epsg() == 4326
    assert seats.geometry.iloc[0].geom_type == "Point"
    assert store.layer("scenic_areas").iloc[0]["themes"] == ["冰雪"]


def test_a_changed_file_is_reloaded(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    assert store.layer("villages").iloc[0]["name_en"] == "Test villages-1"
    before = store.version("villages")
    path = tiny_settings.layers_dir / "villages.parquet"
    gdf = gpd.read_parquet(path)
    gdf.loc[0, "name_en"] = "Renamed village"
    write_parquet(gdf, path)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert store.layer("villages").iloc[0]["name_en"] == "Renamed village"
    assert store.version("villages") != before
    assert store.load_counts["villages"] == 2


def test_a_damaged_file_names_itself_and_the_other_layers_keep_working(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    path = tiny_settings.layers_dir / "roads.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(LayerUnavailable) as raised:
        store.layer("roads")
    assert raised.value.file == path
    assert str(raised.value).startswith(f"{path}: file is damaged or not Parquet")
    assert len(store.layer("railways")) == 1
    status = store.status()
    assert status["railways"] is None and "roads.parquet" in status["roads"]


def test_readable_leaves_out_an_unreadable_layer_and_cuts_to_the_ids_asked_for(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    (tiny_settings.layers_dir / "roads.parquet").write_bytes(b"PAR1 this is not parquet")
    frames = store.readable(["railways", "roads", "seats"], only={"seats": ["no-such-seat"]})
    assert list(frames) == ["railways", "seats"]
    assert len(frames["railways"]) == 1 and frames["seats"].empty
    assert list(store.readable(["seats"], only={"seats": ["seats-1"]})["seats"]["id"]) == ["seats-1"]


def test_a_missing_file_is_reported_and_found_once_it_appears(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    path = tiny_settings.layers_dir / "airports.parquet"
    saved = path.read_bytes()
    path.unlink()
    with pytest.raises(LayerUnavailable, match="airports.parquet: file is missing"):
        store.layer("airports")
    path.write_bytes(saved)
    assert len(store.layer("airports")) == 1


def test_where_and_search(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)
    assert list(store.where("roads", status="existing")["id"]) == ["roads-1"]
    assert store.where("roads", status="planned").empty
    with pytest.raises(KeyError, match="no column"):
        store.where("roads", colour="red")
    found = store.search("测试scenic", ["seats", "scenic_areas"])
    assert list(found["id"]) == ["scenic_areas-1"]
    assert list(store.search("TEST SEATS", ["seats"])["layer"]) == ["seats"]
    assert store.search("   ", ["seats"]).empty
