"""`python -m arshan_data check` names the file and feature at fault for each bad input."""

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from arshan_data.__main__ import main
from arshan_data.geodata.build import write_parquet
from arshan_data.geodata.check import check_layers


def rewrite(settings, layer_id, mutate):
    path = settings.layers_dir / f"{layer_id}.parquet"
    gdf = gpd.read_parquet(path)
    write_parquet(mutate(gdf), path)
    return path


def messages(settings):
    return [str(p) for p in check_layers(settings)]


def test_valid_layers_pass(tiny_settings):
    assert messages(tiny_settings) == []


def test_feature_outside_the_boundary(tiny_settings):
    def move(gdf):
        gdf.loc[0, "geometry"] = Point(121.0, 47.2)  # ~68 km east of the test city
        return gdf

    path = rewrite(tiny_settings, "scenic_areas", move)
    [msg] = messages(tiny_settings)
    assert msg.startswith(f"{path}: feature 'scenic_areas-1': lies outside the city boundary (by about")


def test_wrong_crs(tiny_settings):
    path = rewrite(tiny_settings, "villages", lambda g: g.to_crs("EPSG:3857"))
    found = messages(tiny_settings)
    assert f"{path}: CRS is EPSG:3857, expected EPSG:4326 (WGS84 lon/lat)." in found[0]


def test_missing_field(tiny_settings):
    path = rewrite(tiny_settings, "heritage", lambda g: g.drop(columns=["source"]))
    assert messages(tiny_settings) == [f"{path}: missing column(s): source."]


def test_empty_required_field(tiny_settings):
    def blank(gdf):
        gdf.loc[0, "fidelity"] = None
        return gdf

    path = rewrite(tiny_settings, "airports", blank)
    assert messages(tiny_settings) == [
        f"{path}: feature 'airports-1': field 'fidelity' is empty; every feature needs it."
    ]


def test_duplicate_id(tiny_settings):
    def double(gdf):
        return gpd.GeoDataFrame(pd.concat([gdf, gdf], ignore_index=True), crs=gdf.crs)

    path = rewrite(tiny_settings, "seats", double)
    assert messages(tiny_settings) == [f"{path}: feature 'seats-1': duplicate id: ids must be unique."]


def test_corrupt_parquet(tiny_settings):
    path = tiny_settings.layers_dir / "roads.parquet"
    path.write_bytes(path.read_bytes()[:200])
    [msg] = messages(tiny_settings)
    assert msg.startswith(f"{path}: cannot be read as GeoParquet (")
    assert msg.endswith("rebuild it with `python -m arshan_data build`.")


def test_command_exits_non_zero_and_prints_the_problem(tiny_settings, monkeypatch, capsys):
    (tiny_settings.layers_dir / "stations.parquet").unlink()
    for name, value in {
        "LAYERS_DIR": tiny_settings.layers_dir,
        "SOURCES_DIR": tiny_settings.sources_dir,
    }.items():
        monkeypatch.setenv(f"ARSHAN_{name}", str(value))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "stations.parquet: is missing; run `python -m arshan_data build`." in err
    assert "check failed" in err
