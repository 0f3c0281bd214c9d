"""The towns map names every seat and the port inside its box, on a phone and on a projector
(issue 15 §2): the map's box is measured in Chromium; the names' places are the label layer's
data that the server sends for that screen class, put through the map's viewport projection."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from arshan_data.config import load_settings
from arshan_data.geodata.layers import SEATS
from arshan_data.geodata.store import MapStore
from arshan_data.geodata.views import CITY_VIEW, project
from arshan_data.maps.labels import place_labels, point_labels, text_width_px
from arshan_data.ui.components import map_view

from . import helpers

pytestmark = pytest.mark.browser

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
DEVICES = {
    "phone": ({"width": 390, "height": 844, "user_agent": IPHONE, "is_mobile": True, "has_touch": True}),
    "projector": {"width": 1920, "height": 1080},
}


@pytest.mark.parametrize("device", DEVICES)
def test_the_towns_map_names_every_seat_inside_its_box(app_server, new_context, monkeypatch, device):
    options = DEVICES[device]
    page = new_context(app_server, **options).new_page()
    page.goto("/towns", wait_until="commit")
    helpers.wait_idle(page)
    map_ = page.locator(helpers.MAP).first
    map_.scroll_into_view_if_needed()
    box = map_.bounding_box()
    assert box is not None
    # What the server draws for this reader: its screen class from the User-Agent it was sent.
    agent = page.evaluate("() => navigator.userAgent")
    monkeypatch.setattr(map_view.st, "context", SimpleNamespace(headers={"User-Agent": agent}))
    view, frame = map_view.for_device(CITY_VIEW), map_view.device_frame(box["height"])
    assert frame[0] <= box["width"] + 1, (frame, box)  # the frame assumed fits in the map drawn
    seats = MapStore(load_settings(env={}).layers_dir).layer(SEATS)
    [placed] = place_labels([point_labels(seats, "zh")], view, 14, keep=[0], frame_px=frame)
    assert len(placed) == len(seats)
    cx, cy = project(view.longitude, view.latitude, view.zoom)
    for p in placed:
        x, y = project(p.lon, p.lat, view.zoom)
        x, y = x - cx + box["width"] / 2 + p.dx, y - cy + box["height"] / 2 + p.dy
        half_w, half_h = text_width_px(p.text, 14) / 2, 9
        assert half_w <= x <= box["width"] - half_w and half_h <= y <= box["height"] - half_h, (p, box)
    # And the map is drawn (not an empty box).
    _, png = helpers.wait_map_drawn(map_, helpers.background_of(page))
    assert helpers.dark_pixels(png) > 100
