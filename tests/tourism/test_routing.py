"""Route planning along the tourism loop: on a synthetic square built in code and on the real data."""

from __future__ import annotations

import itertools
import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, shape

from arshan_data.geodata import geo
from arshan_data.geodata.sources import read_feature_collection
from arshan_data.plan.catalog import load_catalog
from arshan_data.tourism import routing as routes
from arshan_data.tourism.routing import RouteError, build_network, plan_route, route_geojson

from ..conftest import REPO

KM = 1000.0


def lonlat(x_km: float, y_km: float) -> Point:
    """A point given in km in the local metric frame, as lon/lat."""
    return geo.from_local(Point(x_km * KM, y_km * KM))


def line(*pts) -> LineString:
    return geo.from_local(LineString([(x * KM, y * KM) for x, y in pts]))


# A 10 km square loop, vertices counter-clockwise from the SW corner (chainage 0):
# south side G1 (national), east side S1 (provincial), north side X1 (county), west side: no road.
SQUARE = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
SPEED = routes.SPEEDS_KMH


def square_network(**kwargs):
    loops = [
        {"id": "loop-sq", "kind": "grand_loop", "geometry": line(*SQUARE)},
        {"id": "loop-inner", "kind": "inner_loop", "geometry": line((2, 2), (3, 3))},
    ]
    roads = [
        {
            "id": "r-south",
            "ref": "G1",
            "road_class": "national",
            "status": "existing",
            "fidelity": "approximate",
            "geometry": line((0, 0), (10, 0)),
        },
        {
            "id": "r-east",
            "ref": "S1",
            "road_class": "provincial",
            "status": "existing",
            "fidelity": "approximate",
            "geometry": line((10, 0), (10, 10)),
        },
        {
            "id": "r-north",
            "ref": "X1",
            "road_class": "county",
            "status": "existing",
            "fidelity": "schematic",
            "geometry": line((10, 10), (0, 10)),
        },
        {
            "id": "r-spur",
            "ref": "X2",
            "road_class": "county",
            "status": "existing",
            "fidelity": "approximate",
            "geometry": line((10, 5), (16, 5)),
        },
        {
            "id": "r-planned",
            "ref": "G9",
            "road_class": "expressway",
            "status": "planned",
            "fidelity": "schematic",
            "geometry": line((0, 0), (0, 10)),
        },
        {
            "id": "r-lonely",
            "ref": "X3",
            "road_class": "county",
            "status": "existing",
            "fidelity": "schematic",
            "geometry": line((-8, -8), (-12, -8)),
        },
    ]
    scenic = [
        {"id": "sa-a", "name_zh": "甲", "name_en": "A", "access_road": None, "geometry": lonlat(5, 0)},
        {"id": "sa-b", "name_zh": "乙", "name_en": "B", "access_road": None, "geometry": lonlat(10, 5)},
        {"id": "sa-c", "name_zh": "丙", "name_en": "C", "access_road": None, "geometry": lonlat(5, 10.5)},
        {"id": "sa-d", "name_zh": "丁", "name_en": "D", "access_road": None, "geometry": lonlat(0, 5)},
        # Off the loop, reached by X2: 6 km along it from the east side, then 0.5 km straight.
        {"id": "sa-e", "name_zh": "戊", "name_en": "E", "access_road": "r-spur", "geometry": lonlat(16, 5.5)},
        # Off the loop with no access road, and off the loop with a road that never meets it.
        {"id": "sa-f", "name_zh": "己", "name_en": "F", "access_road": None, "geometry": lonlat(-8, 5)},
        {
            "id": "sa-g",
            "name_zh": "庚",
            "name_en": "G",
            "access_road": "r-lonely",
            "geometry": lonlat(-10, -9),
        },
    ]
    seats = [
        {"id": "seat-1", "name_zh": "镇", "name_en": "Town", "geometry": lonlat(0, -0.3)},
        {"id": "seat-2", "name_zh": "村", "name_en": "Village", "geometry": lonlat(5.8, 0.3)},
        {"id": "seat-far", "name_zh": "远", "name_en": "Far", "geometry": lonlat(60, 60)},
    ]
    return build_network(loops, roads, scenic, seats, **kwargs)


@pytest.fixture(scope="module")
def square():
    return square_network()


ON_LOOP = ["sa-a", "sa-b", "sa-c", "sa-d"]


# ----------------------------------------------------------------------------- the network


def test_the_square_is_measured_and_split_into_its_roads(square):
    assert square.length_km == pytest.approx(40.0, rel=2e-3)
    assert not square.forward_is_clockwise  # drawn counter-clockwise
    labels = [(s.label, s.road_class, round(s.start_m / KM), round(s.end_m / KM)) for s in square.sections]
    assert labels == [
        ("G1", "national", 0, 10),
        ("S1", "provincial", 10, 20),
        ("X1", "county", 20, 30),
        ("connector", "connector", 30, 40),
    ]  # the planned road on the west side is ignored


def test_places_are_projected_on_the_loop_or_reached_by_their_access_road(square):
    p = square.places
    assert [round(p[s].chainage_m / KM, 1) for s in ON_LOOP] == [5.0, 15.0, 25.0, 35.0]
    assert p["sa-c"].on_loop and p["sa-c"].offset_m == pytest.approx(500, abs=2)  # within 3 km
    e = p["sa-e"]
    assert e.reachable and not e.on_loop
    assert (e.spur.ref, round(e.spur.along_m / KM, 2), round(e.spur.straight_m / KM, 2)) == ("X2", 6.0, 0.5)
    assert e.chainage_m / KM == pytest.approx(15.0, abs=0.01)
    assert not p["sa-f"].reachable and p["sa-f"].reason == "no_access_road"
    assert not p["sa-g"].reachable and p["sa-g"].reason == "access_road_misses_loop"
    assert not p["seat-far"].reachable
    assert square.start_ids == ("sa-a", "sa-b", "sa-c", "sa-d", "sa-e", "seat-1", "seat-2")


def test_a_loop_that_does_not_close_is_refused():
    with pytest.raises(ValueError, match="not closed"):
        build_network(
            [{"id": "open", "kind": "grand_loop", "geometry": line((0, 0), (10, 0), (10, 10))}], [], []
        )


# ----------------------------------------------------------------------------- routes


def leg_ids(route):
    return [(leg.from_id, leg.to_id) for leg in route.legs]


@pytest.mark.parametrize("direction", ["clockwise", "counterclockwise"])
def test_loop_length_equals_the_sum_of_legs_round_every_area_and_back(square, direction):
    route = plan_route(square, ON_LOOP, start="sa-a", direction=direction, return_to_start=True)
    assert len(route.legs) == 4 and route.legs[-1].to_id == "sa-a"
    assert sum(leg.loop_km for leg in route.legs) == pytest.approx(square.length_km)
    assert route.total_km == pytest.approx(square.length_km)
    for leg in route.legs:  # every leg's pieces add up, and so do the times
        assert sum(p.km for p in leg.pieces) == pytest.approx(leg.km)
        assert leg.minutes == pytest.approx(sum(p.km / SPEED[p.road_class] * 60 for p in leg.pieces))


def test_the_spur_is_driven_out_and_back(square):
    route = plan_route(
        square, [*ON_LOOP, "sa-e"], start="sa-a", direction="counterclockwise", return_to_start=True
    )
    assert route.order == ("sa-b", "sa-e", "sa-c", "sa-d")
    assert route.loop_km == pytest.approx(square.length_km)
    assert route.total_km == pytest.approx(square.length_km + 2 * 6.5, rel=1e-3)
    to_e, from_e = route.legs[1], route.legs[2]
    assert (to_e.loop_km, to_e.spur_km) == (pytest.approx(0, abs=1e-6), pytest.approx(6.5, rel=1e-3))
    assert [(p.label, round(p.km, 2), p.spur) for p in to_e.pieces] == [
        ("X2", 6.0, True),
        ("spur", 0.5, True),
    ]
    assert [(p.label, round(p.km, 2)) for p in from_e.pieces] == [
        ("spur", 0.5),
        ("X2", 6.0),
        ("S1", 5.0),
        ("X1", 5.0),
    ]
    assert to_e.minutes == pytest.approx(6.0 / SPEED["county"] * 60 + 0.5 / SPEED["spur"] * 60, rel=1e-3)


def test_reversing_the_direction_visits_in_reverse_order_with_the_same_total(square):
    ccw = plan_route(square, ON_LOOP, start="sa-a", direction="counterclockwise", return_to_start=True)
    cw = plan_route(square, ON_LOOP, start="sa-a", direction="clockwise", return_to_start=True)
    assert ccw.order == ("sa-b", "sa-c", "sa-d")
    assert cw.order == tuple(reversed(ccw.order))
    assert cw.total_km == pytest.approx(ccw.total_km)
    assert [leg.km for leg in cw.legs] == pytest.approx([leg.km for leg in reversed(ccw.legs)])
    assert cw.shorter is None  # a closed tour is as long either way


def cyclic(order: list[str]) -> list[str]:
    k = order.index(min(order))
    return order[k:] + order[:k]


@pytest.mark.parametrize("start", ON_LOOP)
def test_rotating_the_start_gives_the_same_cyclic_order(square, start):
    route = plan_route(square, ON_LOOP, start=start, direction="counterclockwise", return_to_start=True)
    assert cyclic([start, *route.order]) == ["sa-a", "sa-b", "sa-c", "sa-d"]
    assert route.total_km == pytest.approx(square.length_km)


def test_a_one_stop_route(square):
    here = plan_route(square, ["sa-b"], start="sa-b")
    assert here.legs == () and here.total_km == 0 and here.total_minutes == 0
    assert plan_route(square, ["sa-b"], start="sa-b", return_to_start=True).total_km == 0
    there = plan_route(square, ["sa-b"], start="seat-1")
    assert len(there.legs) == 1
    assert there.direction == "counterclockwise" and there.total_km == pytest.approx(15.0, rel=1e-3)
    assert [(p.label, round(p.km, 1)) for p in there.legs[0].pieces] == [("G1", 10.0), ("S1", 5.0)]


def test_the_shorter_direction_is_suggested_and_taken_on_auto(square):
    route = plan_route(square, ["sa-d"], start="sa-a")
    assert route.shorter == "clockwise" and route.direction == "clockwise"
    assert route.km_by_direction["clockwise"] == pytest.approx(10.0, rel=1e-3)
    assert route.km_by_direction["counterclockwise"] == pytest.approx(30.0, rel=1e-3)
    forced = plan_route(square, ["sa-d"], start="sa-a", direction="counterclockwise")
    assert forced.direction == "counterclockwise" and forced.shorter == "clockwise"
    assert forced.total_km == pytest.approx(30.0, rel=1e-3)


def test_a_leg_across_the_loop_start_wraps_round(square):
    route = plan_route(square, ["sa-b"], start="sa-d", direction="counterclockwise")
    assert route.total_km == pytest.approx(20.0, rel=1e-3)
    assert [(p.label, round(p.km, 1)) for p in route.legs[0].pieces] == [
        ("connector", 5.0),
        ("G1", 10.0),
        ("S1", 5.0),
    ]


def test_a_stop_just_behind_the_start_is_a_short_step_back(square):
    # seat-2 is at chainage 5.8 km, sa-a at 5 km: 0.8 km behind going counter-clockwise.
    close = plan_route(square, ["sa-a", "sa-b"], start="seat-2", direction="counterclockwise")
    assert close.order == ("sa-a", "sa-b")
    assert [round(leg.km, 1) for leg in close.legs] == [0.8, 10.0]  # not 39.2 km round the loop
    assert close.legs[0].forward != close.legs[1].forward
    assert [p.label for p in close.legs[0].pieces] == ["G1"]


def test_an_unknown_scenic_area_is_refused_with_its_id_and_the_valid_ids(square):
    with pytest.raises(ValueError) as raised:
        plan_route(square, ["sa-a", "sa-nowhere"], start="sa-a")
    message = str(raised.value)
    assert "'sa-nowhere'" in message and "valid ids: sa-a, sa-b, sa-c, sa-d, sa-e, sa-f, sa-g" in message
    assert raised.value.code == "unknown_stop" and raised.value.ids == ("sa-nowhere",)
    with pytest.raises(RouteError) as raised:  # a seat is a start, not a stop
        plan_route(square, ["seat-1"], start="sa-a")
    assert raised.value.code == "unknown_stop"


def test_an_empty_selection_and_bad_starts_are_refused(square):
    with pytest.raises(RouteError, match="No scenic area selected; choose at least one of: sa-a"):
        plan_route(square, [], start="sa-a")
    with pytest.raises(RouteError, match="Unknown start 'nowhere'"):
        plan_route(square, ["sa-a"], start="nowhere")
    with pytest.raises(RouteError, match="'seat-far' is off the loop") as raised:
        plan_route(square, ["sa-a"], start="seat-far")
    assert raised.value.code == "start_off_loop"
    with pytest.raises(RouteError, match="Unknown direction"):
        plan_route(square, ["sa-a"], start="sa-a", direction="sideways")


def test_an_area_off_the_loop_without_access_is_reported_not_routed(square):
    route = plan_route(square, ["sa-f", "sa-b", "sa-g"], start="sa-a")
    assert route.unreachable == ("sa-f", "sa-g")
    assert route.order == ("sa-b",)


def test_duplicates_are_visited_once(square):
    route = plan_route(square, ["sa-b", "sa-b", "sa-c"], start="sa-a", direction="counterclockwise")
    assert route.order == ("sa-b", "sa-c")


def test_the_geojson_export_has_one_feature_per_leg_along_the_route(square):
    route = plan_route(square, ["sa-c", "sa-e"], start="seat-1", direction="counterclockwise")
    doc = json.loads(json.dumps(route_geojson(square, route), ensure_ascii=False))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(route.legs) == 2
    first, second = doc["features"]
    assert first["properties"]["to"] == "sa-e" and second["properties"]["to"] == "sa-c"
    assert first["properties"]["km_approx"] == pytest.approx(21.5, abs=0.1)  # 15 + 6.5
    geom = shape(first["geometry"])
    assert geom.geom_type == "LineString"
    assert geo.length_km(geom) == pytest.approx(route.legs[0].km, rel=0.01)
    end = Point(geom.coords[-1])
    assert geo.distance_km(end, lonlat(16, 5.5)) < 0.01
    assert doc["summary"]["total_km_approx"] == round(route.total_km, 1)
    assert doc["summary"]["speeds_kmh_assumed"] == routes.SPEEDS_KMH


# ----------------------------------------------------------------------------- the real data


def source_frame(name: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame.from_features(
        read_feature_collection(REPO / "data" / "sources" / name), crs="EPSG:4326"
    )


@pytest.fixture(scope="module")
def real():
    return build_network(
        source_frame("tourism_loops.geojson"),
        source_frame("roads.geojson"),
        source_frame("scenic_areas.geojson"),
        source_frame("seats.geojson"),
    )


def test_the_real_loop_links_every_scenic_area_of_the_plan(real):
    assert 120 < real.length_km < 260
    assert real.forward_is_clockwise  # the source is drawn clockwise from 温泉街
    assert all(real.places[s].reachable for s in real.scenic_ids)
    refs = {ref for s in real.sections for ref in s.refs}
    assert {"G302", "S203", "S308", "X432"} <= refs
    port = real.places["scenic-port"]  # p.23: the loop links the port's 4A scenic area
    assert port.on_loop and port.offset_m < routes.OFF_LOOP_KM * 1000


def test_real_loop_round_every_scenic_area_and_back(real):
    ids = list(real.scenic_ids)
    for direction in routes.DIRECTIONS:
        route = plan_route(real, ids, start=ids[0], direction=direction, return_to_start=True)
        assert len(route.legs) == len(ids)
        assert route.loop_km == pytest.approx(real.length_km)
        spurs = sum(2 * real.places[s].spur.length_m / KM for s in ids if real.places[s].spur)
        assert route.total_km == pytest.approx(real.length_km + spurs)
    cw = plan_route(real, ids, start=ids[0], direction="clockwise", return_to_start=True)
    ccw = plan_route(real, ids, start=ids[0], direction="counterclockwise", return_to_start=True)
    assert cw.order == tuple(reversed(ccw.order))
    assert cw.total_km == pytest.approx(ccw.total_km)
    for start in ids[1:]:
        rotated = plan_route(real, ids, start=start, direction="clockwise", return_to_start=True)
        assert cyclic([start, *rotated.order]) == cyclic([ids[0], *cw.order])


def test_real_one_way_routes_take_the_shorter_direction(real):
    for a, b in itertools.permutations(["scenic-tianchi", "scenic-aolunbukan", "scenic-port"], 2):
        route = plan_route(real, [b], start=a)
        assert route.total_km == pytest.approx(min(route.km_by_direction.values()))
        assert route.direction == (route.shorter or "clockwise")
    with pytest.raises(RouteError, match="scenic-nowhere"):
        plan_route(real, ["scenic-nowhere"], start="seat-wenquan")


def test_the_shipped_loop_source_is_complete_and_linked_to_the_catalog():
    features = read_feature_collection(REPO / "data" / "sources" / "tourism_loops.geojson")
    tourism = load_catalog()["transport"]["tourism_transport"]
    inner_ids = {item["id"] for item in tourism["inner_loops"]["items"]}
    kinds = {}
    for f in features:
        p = f["properties"]
        for key in (
            "id",
            "name_zh",
            "name_en",
            "kind",
            "plan_ref",
            "fidelity",
            "source",
            "description_zh",
            "description_en",
            "catalog_id",
        ):
            assert p.get(key), (p["id"], key)
        assert p["status"] is None and p["fidelity"] == "schematic"
        kinds.setdefault(p["kind"], []).append(p["catalog_id"])
    assert kinds["grand_loop"] == [tourism["grand_loop"]["id"]]
    assert set(kinds["inner_loop"]) <= inner_ids and len(kinds["inner_loop"]) == 5
    [grand] = [f for f in features if f["properties"]["kind"] == "grand_loop"]
    assert shape(grand["geometry"]).is_closed
