"""Validation, the location grid, plan elements and the client key: pure rules, no store."""

import datetime as dt

import pytest
import shapely
from shapely.geometry import box

from arshan_data.feedback.elements import plan_elements
from arshan_data.feedback.model import (
    MESSAGE_MAX,
    FormInput,
    Location,
    ValidationError,
    comment_window,
    contact_kind,
    message_fingerprint,
    validate,
)
from arshan_data.feedback.ratelimit import LOCAL_CLIENT, RateLimiter, client_hash, client_key
from arshan_data.geodata.grid import DLAT, DLON, CityGrid, cell_index, parse_cell_id
from arshan_data.geodata.layers import ELEMENT_LAYERS

from .conftest import HOSTILE

CELLS = {"c1_1": Location("c1_1", 120.0, 47.0)}
ELEMENTS = {"scenic-tianchi"}


def form(**overrides) -> FormInput:
    values = dict(stance="suggestion", topic="tourism", message="天池景区需要更多的停车位和公共厕所。")
    values.update(overrides)
    return FormInput(**values)


def errors_of(f: FormInput) -> dict:
    try:
        validate(f, elements=ELEMENTS, cells=CELLS)
    except ValidationError as exc:
        return exc.errors
    return {}


@pytest.mark.parametrize(
    "overrides, field, code",
    [
        ({"message": ""}, "message", "message_required"),
        ({"message": "   \n\t "}, "message", "message_required"),
        ({"message": "太短了"}, "message", "message_too_short"),
        ({"message": "x" * (MESSAGE_MAX + 1)}, "message", "message_too_long"),
        ({"stance": None}, "stance", "stance_required"),
        ({"stance": "maybe"}, "stance", "stance_required"),
        ({"topic": "weather"}, "topic", "topic_required"),
        ({"element_id": "scenic-atlantis"}, "element", "element_unknown"),
        ({"cell_id": "c999_999"}, "location", "location_outside"),
        ({"contact": "12345"}, "contact", "contact_invalid"),
        ({"contact": "someone@", "consent": True}, "contact", "contact_invalid"),
        ({"contact": "13912345678"}, "consent", "consent_required"),
        ({"name": "名" * 81}, "name", "name_too_long"),
    ],
)
def test_each_bad_field_gets_its_own_error(overrides, field, code):
    assert errors_of(form(**overrides)) == {field: code}


def test_every_problem_is_reported_at_once():
    errors = errors_of(form(stance=None, topic=None, message="", contact="x"))
    assert set(errors) == {"stance", "topic", "message", "contact"}


def test_a_valid_comment_keeps_the_text_exactly_as_typed():
    typed = "  " + HOSTILE + "\n第二行  "
    sub = validate(
        form(
            message=typed,
            element_id="scenic-tianchi",
            cell_id="c1_1",
            name=" 张三 ",
            contact="0482-7122988",
            consent=True,
        ),
        elements=ELEMENTS,
        cells=CELLS,
    )
    assert sub.message == typed
    assert sub.location == CELLS["c1_1"]
    assert (sub.name, sub.contact, sub.contact_kind, sub.consent) == (
        "张三",
        "0482-7122988",
        "landline",
        True,
    )


def test_consent_is_needed_only_with_a_contact():
    sub = validate(form(name="李四", consent=False), elements=ELEMENTS, cells=CELLS)
    assert sub.name == "李四" and sub.contact is None and not sub.consent
    # Ticking consent without a contact stores no consent.
    assert not validate(form(consent=True), elements=ELEMENTS, cells=CELLS).consent


@pytest.mark.parametrize(
    "contact, kind",
    [
        ("13912345678", "mobile"),
        ("139 1234 5678", "mobile"),
        ("+8613912345678", "mobile"),
        ("139-1234-5678", "mobile"),
        ("0482-7122988", "landline"),
        ("04827122988", "landline"),
        ("010-12345678", "landline"),
        ("zhang.san@example.cn", "email"),
        ("a+b@mail.126.com", "email"),
        ("12912345678", None),
        ("1391234567", None),
        ("0482-71229", None),
        ("7122988", None),
        ("zhang@localhost", None),
        ("@example.com", None),
        ("张三@例子.中国", None),
        ("", None),
    ],
)
def test_contacts_chinese_phones_and_email(contact, kind):
    assert contact_kind(contact) == kind


def test_fingerprint_ignores_case_width_and_spacing():
    assert message_fingerprint("Hello  World\n") == message_fingerprint("hello world")
    assert message_fingerprint("ＡＢＣ１２３") == message_fingerprint("abc123")
    assert message_fingerprint("hello world") != message_fingerprint("hello word")


@pytest.mark.parametrize(
    "today, accept_late, state",
    [
        (dt.date(2023, 2, 2), True, "before"),
        (dt.date(2023, 2, 3), True, "open"),
        (dt.date(2023, 3, 4), False, "open"),
        (dt.date(2023, 3, 5), True, "late"),
        (dt.date(2023, 3, 5), False, "closed"),
    ],
)
def test_comment_window(today, accept_late, state):
    assert comment_window(dt.date(2023, 2, 3), dt.date(2023, 3, 4), accept_late, today) == state


# --- the ~1 km grid ---------------------------------------------------------------------------
CITY = box(119.9, 47.1, 120.1, 47.3)


def test_grid_cells_are_about_one_km_and_cover_the_city():
    grid = CityGrid(CITY)
    # 0.2° × 0.2° at 47.2° N is about 15.2 km × 22.3 km: 16 × 23 cells with the edges.
    assert 300 <= len(grid) <= 16 * 24
    assert DLAT * 111.32 == pytest.approx(1.0)
    boxes = [
        box(ix * DLON, iy * DLAT, (ix + 1) * DLON, (iy + 1) * DLAT)
        for ix, iy in map(parse_cell_id, grid.cells)
    ]
    assert shapely.union_all(boxes).covers(CITY)
    for cell, square in zip(grid.cells.values(), boxes, strict=True):  # the stored point is the cell's centre
        assert square.centroid.distance(shapely.Point(cell.lon, cell.lat)) < 1e-4


def test_a_point_snaps_to_its_cell_centre_within_a_km():
    grid = CityGrid(CITY)
    cell = grid.cell_of(120.0123, 47.2345)
    assert cell is not None and cell.cell_id == "c{}_{}".format(*cell_index(120.0123, 47.2345))
    assert abs(cell.lon - 120.0123) <= DLON / 2 and abs(cell.lat - 47.2345) <= DLAT / 2


def test_places_outside_the_city_have_no_cell():
    grid = CityGrid(CITY)
    assert grid.cell_of(121.0, 47.2) is None
    assert grid.get("c0_0") is None


def test_a_picked_corner_maps_back_to_its_cell():
    grid = CityGrid(CITY)
    for corner, cell in zip(grid.corners(), grid.cells.values(), strict=True):
        assert grid.cell_from_corner(corner) == cell


def test_a_pick_on_the_map_names_its_cell_and_the_deck_is_compact():
    from arshan_data.feedback.decks import PICKER_LAYER, cell_picker_deck, picked_cell

    grid = CityGrid(CITY)
    cell = grid.cell_of(120.0123, 47.2345)
    corner = next(c for c in cell_picker_deck(grid, None, "zh").spec["layers"] if c["id"] == PICKER_LAYER)
    datum = next(d for d in corner["data"] if grid.cell_from_corner((d["x"], d["y"])) == cell)
    # What st.pydeck_chart puts in session state after a click on that square.
    assert (
        picked_cell(grid, {"selection": {"indices": {PICKER_LAYER: [7]}, "objects": {PICKER_LAYER: [datum]}}})
        == cell
    )
    assert picked_cell(grid, {"selection": {"objects": {}}}) is None
    assert picked_cell(grid, None) is None
    zoomed = cell_picker_deck(grid, None, "zh", chosen=cell).spec
    assert zoomed["initialViewState"]["zoom"] > 11
    assert any(layer["id"] == "fb-chosen" for layer in zoomed["layers"])
    assert len(cell_picker_deck(grid, None, "zh")._json) < 40 * len(grid)  # ~30 B a cell


# --- plan elements ------------------------------------------------------------------------------
def test_plan_elements_come_from_the_map_layers(tiny_settings):
    from arshan_data.feedback.elements import elements_from_store
    from arshan_data.geodata.store import MapStore

    elements = elements_from_store(MapStore(tiny_settings.layers_dir))
    assert set(elements) == {f"{layer}-1" for layer in ELEMENT_LAYERS}
    scenic = elements["scenic_areas-1"]
    assert (scenic.topic, scenic.name("zh"), scenic.name("en")) == (
        "tourism",
        "测试scenic_areas-1",
        "Test scenic_areas-1",
    )
    assert "city_boundary-1" not in elements  # context layers are not plan elements


def test_a_duplicate_element_id_keeps_the_one_of_the_layer_registered_first(tiny_settings):
    from arshan_data.geodata.store import MapStore

    store = MapStore(tiny_settings.layers_dir)
    scenic = store.layer("scenic_areas").copy()
    scenic["id"] = "roads-1"  # the roads layer comes first in the registry
    elements = plan_elements({"scenic_areas": scenic, "roads": store.layer("roads")})
    assert elements["roads-1"].layer == "roads"


# --- client key and rate limit -------------------------------------------------------------------
@pytest.mark.parametrize(
    "address, key",
    [
        (None, LOCAL_CLIENT),
        ("", LOCAL_CLIENT),
        ("203.0.113.7", "ip:203.0.113.7"),
        ("::ffff:203.0.113.7", "ip:203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "ip:2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "ip:2001:db8:1:2::/64"),
    ],
)
def test_client_key(address, key):
    assert client_key(address) == key


def test_client_hash_is_keyed_and_not_the_address():
    assert client_hash("ip:203.0.113.7", "s1") != client_hash("ip:203.0.113.7", "s2")
    assert "203.0.113.7" not in client_hash("ip:203.0.113.7", "s1")


def test_rate_limit_is_a_sliding_window_per_client():
    now = [0.0]
    limiter = RateLimiter(5, 600, clock=lambda: now[0])
    assert all(limiter.try_acquire("a") for _ in range(5))
    assert not limiter.try_acquire("a")
    assert limiter.try_acquire("b")  # another client is not affected
    assert limiter.retry_after("a") == pytest.approx(600)
    now[0] = 599.9
    assert not limiter.try_acquire("a")
    now[0] = 600.1
    assert limiter.try_acquire("a")
