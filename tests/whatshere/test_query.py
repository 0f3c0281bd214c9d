"""'What is here?': the query on the real built layers and on small frames built in code."""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import pyproj
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from arshan_data.geodata.grid import DLAT, DLON, CityGrid, cell_index, steps
from arshan_data.geodata.layers import LAYERS
from arshan_data.plan.catalog import load_catalog
from arshan_data.whatshere import query as wh

from ..conftest import REPO

GEOD = pyproj.Geod(ellps="WGS84")
CITY = box(119.9, 47.1, 120.1, 47.3)
P = (120.0, 47.2)


def offset(lon: float, lat: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lon, lat) along ``bearing`` (geodesic)."""
    x, y, _ = GEOD.fwd(lon, lat, bearing, km * 1000.0)
    return x, y


def frame(rows: list[dict]) -> gpd.GeoDataFrame:
    """A layer frame as MapStore gives it: the required columns, plain objects, WGS84."""
    base = {
        "name_zh": None,
        "name_en": None,
        "kind": "test",
        "plan_ref": "测试 p.1",
        "status": None,
        "fidelity": "approximate",
        "source": "tests",
        "description_zh": None,
        "description_en": None,
        "catalog_id": None,
    }
    records = [{**base, "name_zh": f"名{r['id']}", "name_en": f"Name {r['id']}", **r} for r in rows]
    return gpd.GeoDataFrame(records, geometry=[r.pop("geometry") for r in records], crs="EPSG:4326")


SMALL_CATALOG = {
    "towns": {
        "town_system": {
            "central_city": {
                "id": "central_city",
                "zh": "中心城区",
                "en": "Central city",
                "page": 18,
                "functions": [{"id": "hub", "zh": "综合中心", "en": "Hub", "page": 18}],
                "subdistricts": [
                    {
                        "id": "sub_a",
                        "zh": "甲街道",
                        "en": "Sub A",
                        "page": 18,
                        "role": {"zh": "宜居", "en": "Liveable"},
                    }
                ],
                "port": {"id": "border_port", "zh": "口岸", "en": "Port", "page": 18, "functions": []},
            },
            "key_towns": [
                {
                    "id": "town_b",
                    "zh": "乙镇",
                    "en": "Town B",
                    "page": 18,
                    "functions": [{"id": "eco", "zh": "生态旅游", "en": "Eco-tourism", "page": 18}],
                    "interpretation": {"zh": "解读", "en": "Our reading"},
                }
            ],
        }
    },
}


@pytest.fixture
def small():
    """A 15 km × 22 km city; features at known distances and bearings from P."""
    return {
        "city_boundary": frame([{"id": "city", "geometry": CITY, "fidelity": "surveyed"}]),
        "seats": frame(
            [
                {
                    "id": "seat-a",
                    "geometry": Point(offset(*P, 45.0, 3.0)),
                    "catalog_id": "sub_a",
                    "fidelity": "surveyed",
                },
                {"id": "seat-b", "geometry": Point(offset(*P, 180.0, 6.0)), "catalog_id": "town_b"},
            ]
        ),
        "pattern": frame(
            [
                {
                    "id": "core",
                    "geometry": Point(*P).buffer(0.02),
                    "fidelity": "schematic",
                    "element": "one_core",
                },
                {
                    "id": "copy",
                    "geometry": Point(offset(*P, 90.0, 1.0)),
                    "fidelity": "schematic",
                    "element": "multiple_points",
                },
                {
                    "id": "axis",
                    "geometry": LineString([offset(*P, 270.0, 2.0), offset(*P, 0.0, 8.0)]),
                    "fidelity": "schematic",
                    "element": "one_axis",
                },
            ]
        ),
        "central_city": frame(
            [{"id": "group-a", "geometry": Point(*P).buffer(0.01), "fidelity": "schematic"}]
        ),
        "tourism_clusters": frame(
            [{"id": "far-cluster", "geometry": box(119.92, 47.25, 119.94, 47.27), "fidelity": "schematic"}]
        ),
        "landscape_zones": frame(
            [
                {"id": "lz-near", "geometry": Point(offset(*P, 135.0, 4.0)), "fidelity": "schematic"},
                {"id": "lz-far", "geometry": Point(offset(*P, 315.0, 9.5)), "fidelity": "schematic"},
            ]
        ),
        "protected_areas": frame(
            [{"id": "pa", "geometry": Point(offset(*P, 225.0, 5.0)), "fidelity": "schematic"}]
        ),
        "scenic_areas": frame(
            [
                {"id": "scenic-near", "geometry": Point(offset(*P, 90.0, 2.0))},
                {"id": "scenic-far", "geometry": Point(offset(*P, 0.0, 9.0))},
            ]
        ),
        "heritage": frame([{"id": "her", "geometry": Point(offset(*P, 300.0, 12.0))}]),
        "roads": frame(
            [
                {
                    "id": "road",
                    "geometry": LineString([(119.9, P[1] - 0.03), (120.1, P[1] - 0.03)]),
                    "status": "existing",
                }
            ]
        ),
    }


# ----------------------------------------------------------------------------- small frames


def test_distances_and_bearings_are_right_for_a_constructed_case(small):
    result = wh.plan_elements_at(*P, small, SMALL_CATALOG, radius_km=10)
    scenic = {h.id: h for h in result.nearby["scenic_areas"]}
    assert scenic["scenic-near"].distance_km == pytest.approx(2.0, abs=0.01)
    assert scenic["scenic-near"].bearing_deg == pytest.approx(90.0, abs=0.5)
    assert scenic["scenic-near"].compass == "E"
    assert scenic["scenic-far"].distance_km == pytest.approx(9.0, abs=0.02)
    assert scenic["scenic-far"].compass == "N"
    [pa] = result.nearby["protected_areas"]
    assert (round(pa.distance_km, 2), pa.compass) == (5.0, "SW")
    # A line: the distance and bearing are to its nearest part (due south here).
    [road] = result.nearby["roads"]
    km_south = GEOD.inv(*P, P[0], P[1] - 0.03)[2] / 1000.0
    assert road.distance_km == pytest.approx(km_south, abs=0.01)
    assert road.compass == "S" and road.bearing_deg == pytest.approx(180.0, abs=0.5)


def test_nearby_features_are_sorted_and_cut_at_the_radius(small):
    near = wh.plan_elements_at(*P, small, SMALL_CATALOG, radius_km=10)
    assert [h.id for h in near.nearby["scenic_areas"]] == ["scenic-near", "scenic-far"]
    assert near.nearby["heritage"] == ()  # 12 km away
    wide = wh.plan_elements_at(*P, small, SMALL_CATALOG, radius_km=20)
    assert [h.id for h in wide.nearby["heritage"]] == ["her"]
    tight = wh.plan_elements_at(*P, small, SMALL_CATALOG, radius_km=2.5)
    assert [h.id for h in tight.nearby["scenic_areas"]] == ["scenic-near"]


def test_the_nearest_seat_is_the_town_with_its_functions(small):
    seat = wh.plan_elements_at(*P, small, SMALL_CATALOG).seat
    assert seat.hit.id == "seat-a" and seat.rank == "subdistrict" and seat.in_central_city
    assert seat.hit.distance_km == pytest.approx(3.0, abs=0.01) and seat.hit.compass == "NE"
    kinds = {block.kind: [item["zh"] for item in block.items] for block in seat.functions}
    assert kinds == {"role": ["宜居"], "central_city": ["综合中心"]}
    south = wh.plan_elements_at(*offset(*P, 180.0, 5.5), small, SMALL_CATALOG).seat
    assert south.hit.id == "seat-b" and south.rank == "key_town" and not south.in_central_city
    [block] = south.functions
    assert block.kind == "town" and block.items[0]["en"] == "Eco-tourism" and block.interpretation["en"]


def test_containing_areas_and_the_nearest_landscape_label(small):
    result = wh.plan_elements_at(*P, small, SMALL_CATALOG)
    assert {(h.layer_id, h.id) for h in result.areas} == {("pattern", "core"), ("central_city", "group-a")}
    assert all(h.distance_km == 0 and h.bearing_deg is None for h in result.areas)
    assert result.landscape_zone.id == "lz-near" and result.landscape_zone.compass == "SE"
    # Containing areas are not repeated as "near"; the far cluster is near, with a distance.
    plan = {h.id: h for h in result.nearby["plan"]}
    assert "core" not in plan and "group-a" not in plan and plan["far-cluster"].distance_km > 5
    assert plan["axis"].distance_km < 2.0
    # pattern's 多点 are copies of other layers' points: never reported.
    assert "copy" not in {h.id for h in result.hits()}
    away = wh.plan_elements_at(*offset(*P, 315.0, 9.0), small, SMALL_CATALOG, radius_km=2)
    assert away.landscape_zone.id == "lz-far" and away.areas == ()


def test_schematic_results_are_flagged_indicative_and_approximate_ones_marked(small):
    result = wh.plan_elements_at(*P, small, SMALL_CATALOG)
    assert all(h.indicative for h in result.areas)
    [pa] = result.nearby["protected_areas"]
    assert pa.indicative and not pa.approximate
    scenic = result.nearby["scenic_areas"][0]
    assert scenic.approximate and not scenic.indicative
    assert not result.seat.hit.indicative and not result.seat.hit.approximate  # surveyed
    assert result.any_indicative


def test_a_point_outside_the_city_is_refused_with_a_message(small):
    with pytest.raises(wh.OutsideCity) as refused:
        wh.plan_elements_at(120.2, 47.2, small, SMALL_CATALOG)
    assert refused.value.distance_km == pytest.approx(7.6, abs=0.2)
    assert "outside the Arxan city boundary" in str(refused.value)
    with pytest.raises(ValueError):
        wh.plan_elements_at(float("nan"), 47.2, small, SMALL_CATALOG)
    with pytest.raises(ValueError):
        wh.plan_elements_at(*P, small, SMALL_CATALOG, radius_km=0)


def test_a_picked_place_is_the_point_and_not_its_own_neighbour(small):
    layer_id, row, lon, lat = wh.place_point(small, "scenic-near")
    assert layer_id == "scenic_areas" and row["id"] == "scenic-near"
    result = wh.plan_elements_at(lon, lat, small, SMALL_CATALOG, place_id="scenic-near")
    assert result.place.id == "scenic-near" and result.place.distance_km == 0
    assert "scenic-near" not in {h.id for h in result.nearby["scenic_areas"]}
    assert wh.place_point(small, "nope") is None
    ids = [option[0] for option in wh.place_options(small)]
    assert ids[0] == "seat-a" and "copy" not in ids and "city" not in ids


def test_missing_layers_are_skipped_but_the_boundary_is_needed(small):
    result = wh.plan_elements_at(*P, {"city_boundary": small["city_boundary"]}, {})
    assert result.seat is None and result.areas == () and all(v == () for v in result.nearby.values())
    with pytest.raises(ValueError):
        wh.plan_elements_at(*P, {}, {})


@pytest.mark.parametrize(
    ("bearing", "word"),
    [
        (0, "N"),
        (22.4, "N"),
        (22.6, "NE"),
        (90, "E"),
        (135, "SE"),
        (180, "S"),
        (225, "SW"),
        (270, "W"),
        (315, "NW"),
        (337.6, "N"),
        (359.9, "N"),
        (None, None),
    ],
)
def test_compass_words(bearing, word):
    assert wh.compass(bearing) == word


def test_the_point_in_the_url():
    assert wh.parse_at("120.12345,47.2") == (120.12345, 47.2)
    assert wh.format_at(120.12345, 47.2) == "120.123,47.200"
    for bad in (None, "", "120", "a,b", "1,2,3", "200,47", "120,nan", "inf,47"):
        assert wh.parse_at(bad) is None


# ----------------------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def real():
    from arshan_data.geodata.store import MapStore

    store = MapStore(REPO / "data" / "layers")
    frames = {layer.id: store.layer(layer.id) for layer in LAYERS}
    yield frames, load_catalog()
    store.close()


def _seat_point(frames, seat_id):
    geom = frames["seats"].set_index("id").geometry[seat_id]
    return geom.x, geom.y


def test_a_point_in_the_central_city_returns_the_central_city_and_its_functions(real):
    frames, catalog = real
    lon, lat = _seat_point(frames, "seat-wenquan")
    result = wh.plan_elements_at(lon + 0.002, lat + 0.002, frames, catalog)
    areas = {(h.layer_id, h.id) for h in result.areas}
    assert ("pattern", "pattern-core-central-city") in areas  # 一核
    assert any(layer_id == "central_city" for layer_id, _ in areas)
    assert result.seat.hit.id in ("seat-wenquan", "seat-yirshi") and result.seat.in_central_city
    central = catalog["towns"]["town_system"]["central_city"]
    blocks = {block.kind: block for block in result.seat.functions}
    assert [i["zh"] for i in blocks["central_city"].items] == [f["zh"] for f in central["functions"]]
    assert blocks["central_city"].pages == (18,)
    nature = [i["zh"] for i in catalog["central_city"]["functions"]["items"]]
    assert [i["zh"] for i in blocks["central_city_nature"].items] == nature
    # Everything from the plan's diagrams is indicative; the seat is located, not a diagram
    # (approximate: its position comes from GeoNames, a community database).
    assert all(h.indicative for h in result.areas)
    assert result.seat.hit.fidelity == "approximate" and not result.seat.hit.indicative


def test_a_key_town_reports_its_own_functions(real):
    frames, catalog = real
    result = wh.plan_elements_at(*_seat_point(frames, "seat-tianchi"), frames, catalog)
    assert result.seat.hit.id == "seat-tianchi" and result.seat.rank == "key_town"
    [block] = result.seat.functions
    tianchi = next(t for t in catalog["towns"]["town_system"]["key_towns"] if t["id"] == "tianchi_town")
    assert [i["zh"] for i in block.items] == [f["zh"] for f in tianchi["functions"]]


def test_a_point_outside_the_real_city_is_refused(real):
    frames, catalog = real
    with pytest.raises(wh.OutsideCity) as refused:
        wh.plan_elements_at(122.05, 46.08, frames, catalog)  # Ulanhot
    assert refused.value.distance_km > 100


@pytest.mark.slow
def test_every_named_place_in_the_city_can_be_asked_about(real):
    frames, catalog = real
    boundary = wh.city_boundary(frames)
    for feature_id, *_ in wh.place_options(frames):
        layer_id, row, lon, lat = wh.place_point(frames, feature_id)
        if boundary.covers(Point(lon, lat)):
            result = wh.plan_elements_at(lon, lat, frames, catalog, place_id=feature_id)
            assert result.place is not None and result.place.id == feature_id
            assert result.seat is not None
            assert all(math.isfinite(h.distance_km) for h in result.hits())


# ----------------------------------------------------------------------------- the 2 km grid


def test_a_coarser_grid_keeps_the_one_km_grid_unchanged():
    assert steps() == (DLON, DLAT)
    dlon2, dlat2 = steps(2.0)
    assert dlon2 == pytest.approx(2 * DLON) and dlat2 == pytest.approx(2 * DLAT)
    assert cell_index(120.0123, 47.2345) == cell_index(120.0123, 47.2345, 1.0)
    coarse, fine = CityGrid(CITY, cell_km=2.0), CityGrid(CITY)
    assert fine.cell_km == 1.0 and (fine.dlon, fine.dlat) == (DLON, DLAT)
    assert len(fine) / 4.6 < len(coarse) < len(fine) / 3.4
    boxes = [box(ix * dlon2, iy * dlat2, (ix + 1) * dlon2, (iy + 1) * dlat2) for ix, iy in coarse.indices()]
    assert shapely.union_all(boxes).covers(CITY)
    cell = coarse.cell_of(120.0123, 47.2345)
    assert abs(cell.lon - 120.0123) <= dlon2 / 2 and abs(cell.lat - 47.2345) <= dlat2 / 2
    for corner, location in zip(coarse.corners(), coarse.cells.values(), strict=True):
        assert coarse.cell_from_corner(corner) == location
    with pytest.raises(ValueError):
        steps(0)


def test_the_plan_pages_a_result_cites(small):
    result = wh.plan_elements_at(*P, small, SMALL_CATALOG)
    assert wh.plan_pages(result.areas) == (1,)  # the frames cite "测试 p.1"
    hit = dataclasses.replace(
        result.areas[0], plan_ref="优化国土空间总体格局·01.总体格局 p.13; 09.中蒙口岸规划 p.38–40"
    )
    assert wh.plan_pages([hit, dataclasses.replace(hit, plan_ref=None)]) == (13, 38, 39, 40)
