"""The 'what is here' map: the compact tap grid decodes back to its cells, taps are read, the deck
is small, offline and stable."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from shapely.geometry import Point, box

from arshan_data.geodata import geo
from arshan_data.geodata.grid import CityGrid, cell_corner, parse_cell_id
from arshan_data.geodata.layers import LAYERS, PLACE_LAYERS
from arshan_data.geodata.views import visible_bounds
from arshan_data.maps.basemaps import NO_BASEMAP
from arshan_data.plan.catalog import load_catalog
from arshan_data.whatshere import deck as wm
from arshan_data.whatshere import query as wh

from ..conftest import REPO

CITY = box(119.9, 47.1, 120.1, 47.3)


def evaluate_position(expression: str, datum: int) -> tuple[float, float]:
    """What deck.gl computes from the ``@@=`` expression (``this`` is the datum)."""
    body = expression.removeprefix("@@=").replace("this", str(datum))
    assert re.fullmatch(r"[\d\s.+\-*/%()\[\],e]+", body), body  # arithmetic only: no calls
    x, y = eval(body)  # numbers and operators only, checked above
    return x, y


def test_the_grid_sends_one_number_a_cell_and_each_number_places_and_names_its_cell():
    grid = CityGrid(CITY, cell_km=wm.GRID_KM)
    layer = wm.grid_layer(grid)
    assert layer["id"] == wm.GRID_LAYER and layer["pickable"] and layer["cellSize"] == 2000
    assert layer["getFillColor"][3] >= 1  # a fully transparent cell is not picked by deck.gl
    assert len(layer["data"]) == len(grid) and len(set(layer["data"])) == len(grid)
    for datum, cid in zip(layer["data"], grid.cells, strict=True):
        x, y = evaluate_position(layer["getPosition"], datum)
        corner = cell_corner(*parse_cell_id(cid), wm.GRID_KM)
        # cell_corner rounds to 5 decimals
        assert x == pytest.approx(corner[0], abs=1e-5) and y == pytest.approx(corner[1], abs=1e-5)
        assert wm.cell_from_datum(grid, datum) == grid.cells[cid]
    assert len(json.dumps(layer["data"], separators=(",", ":"))) < 6 * len(grid)
    for bad in (-1, 10**9, 1.5, "3", None, True, [1, 2]):
        assert wm.cell_from_datum(grid, bad) is None


def test_a_tap_is_a_cell_or_a_place():
    grid = CityGrid(CITY, cell_km=wm.GRID_KM)
    datum = wm.grid_layer(grid)["data"][5]
    selection = {"selection": {"indices": {wm.GRID_LAYER: [5]}, "objects": {wm.GRID_LAYER: [datum]}}}
    kind, cell = wm.picked(selection, grid)
    assert kind == "cell" and cell == list(grid.cells.values())[5]
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [120, 47.2]},
        "properties": {"id": "seat-a", "n": "甲"},
    }
    assert wm.picked({"selection": {"objects": {"seats": [feature]}}}, grid) == ("place", "seat-a")
    assert wm.picked({"selection": {"objects": {}}}, grid) is None
    assert wm.picked(None, grid) is None
    assert wm.picked({"selection": {"objects": {wm.GRID_LAYER: [99999]}}}, grid) is None


@pytest.fixture(scope="module")
def real():
    from arshan_data.geodata.store import MapStore

    store = MapStore(REPO / "data" / "layers")
    frames = {layer.id: store.layer(layer.id) for layer in LAYERS}
    grid = CityGrid(wh.city_boundary(frames), cell_km=wm.GRID_KM)
    yield frames, grid, load_catalog()
    store.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deck_is_small_offline_and_stable(real, lang):
    frames, grid, catalog = real
    base = wm.base_layers(frames, grid, lang)
    empty = wm.whatshere_deck(base, lang)
    # Measured: ~2,000 cells in ~10 KB; the whole map ~116 KB, ~125-140 KB with an answer.
    grid_bytes = len(json.dumps(wm.grid_layer(grid), separators=(",", ":")))
    assert 1500 < len(grid) < 2500 and grid_bytes < 15_000
    assert len(empty.to_json().encode()) < 160_000
    result = wh.plan_elements_at(119.95, 47.18, frames, catalog, radius_km=20)
    deck = wm.whatshere_deck(base, lang, result=result, frames=frames)
    payload = deck.to_json()
    assert len(payload.encode()) < 200_000
    assert deck.spec["mapStyle"] == NO_BASEMAP and "http" not in payload
    ids = [layer["id"] for layer in deck.spec["layers"]]
    assert len(ids) == len(set(ids)) and {wm.GRID_LAYER, "wh-point", "wh-radius", "wh-near"} <= set(ids)
    # The grid is under the places, so a tap on a place is that place; context is not pickable.
    assert ids.index(wm.GRID_LAYER) < ids.index("seats")
    pickable = {layer["id"].split("~")[0] for layer in deck.spec["layers"] if layer.get("pickable")}
    assert pickable == {wm.GRID_LAYER, *PLACE_LAYERS}
    assert deck.spec["initialViewState"]["longitude"] == pytest.approx(119.95)
    for layer in deck.spec["layers"]:
        if layer["@@type"] == "TextLayer":
            assert set("".join(d["t"] for d in layer["data"])) <= set(layer["characterSet"])
    again = wm.whatshere_deck(wm.base_layers(frames, grid, lang), lang, result=result, frames=frames)
    assert again.to_json() == payload


def test_the_view_fits_the_search_circle():
    near, far = wm.query_view(120.0, 47.2, 2.0), wm.query_view(120.0, 47.2, 20.0)
    assert near.zoom > far.zoom and wm.MIN_ZOOM <= far.zoom and near.zoom <= wm.MAX_ZOOM
    assert (near.longitude, near.latitude) == (120.0, 47.2)


#: deck.gl's world is 512 px at zoom 0: the zoom at which each search circle fills a 360 × 420
#: phone map less a 6 % margin (a 256-px tile sum zoomed one step too far in).
@pytest.mark.parametrize(("radius_km", "zoom"), [(2.0, 12.05), (5.0, 10.72), (10.0, 9.72), (20.0, 8.72)])
def test_after_a_tap_the_map_shows_the_whole_search_circle_with_context(radius_km, zoom):
    lon, lat = 120.42, 47.12
    view = wm.query_view(lon, lat, radius_km)
    assert view.zoom == pytest.approx(zoom, abs=0.03)
    assert (view.longitude, view.latitude) == (lon, lat)
    circle = geo.buffer_km(Point(lon, lat), radius_km).bounds
    minx, miny, maxx, maxy = visible_bounds(view, wm.FIT_WIDTH_PX, wm.FIT_HEIGHT_PX)
    assert minx < circle[0] and maxx > circle[2] and miny < circle[1] and maxy > circle[3]
    # ...and fills it: half a zoom step closer and the circle no longer fits the phone's map.
    closer = visible_bounds(
        dataclasses.replace(view, zoom=view.zoom + 0.5), wm.FIT_WIDTH_PX, wm.FIT_HEIGHT_PX
    )
    assert closer[0] > circle[0] or closer[3] < circle[3]
