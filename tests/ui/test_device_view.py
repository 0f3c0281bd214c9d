"""Maps open zoomed out on a phone, so the whole city fits a ~360 px wide map."""

from types import SimpleNamespace

import pytest

from arshan_data.geodata.views import CITY_VIEW
from arshan_data.ui.components import map_view

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


@pytest.mark.parametrize(
    "agent, zoom",
    [
        (IPHONE, CITY_VIEW.zoom + map_view.PHONE_ZOOM_OFFSET),
        (ANDROID, CITY_VIEW.zoom + map_view.PHONE_ZOOM_OFFSET),
        (DESKTOP, CITY_VIEW.zoom),
        (None, CITY_VIEW.zoom),
    ],
)
def test_view_follows_the_screen_class(monkeypatch, agent, zoom):
    headers = {"User-Agent": agent} if agent else {}
    monkeypatch.setattr(map_view.st, "context", SimpleNamespace(headers=headers))
    view = map_view.for_device(CITY_VIEW)
    assert view.zoom == pytest.approx(zoom)
    assert (view.longitude, view.latitude) == (CITY_VIEW.longitude, CITY_VIEW.latitude)


def city_bounds():
    from arshan_data.config import load_settings
    from arshan_data.geodata.layers import CITY_BOUNDARY
    from arshan_data.geodata.store import MapStore

    return MapStore(load_settings(env={}).layers_dir).layer(CITY_BOUNDARY).total_bounds


@pytest.mark.parametrize(
    "agent, width, height", [(IPHONE, 358, 520), (DESKTOP, 1210, 520), (DESKTOP, 860, 520)], ids=str
)
def test_the_city_fits_the_map_and_fills_it(monkeypatch, agent, width, height):
    """The whole city inside the map with a margin, on a phone (390-px screen) and on a 1920-px
    and a 1280-px screen; and it fills most of the map's narrower side (not a third of it)."""
    from arshan_data.geodata.views import visible_bounds

    monkeypatch.setattr(map_view.st, "context", SimpleNamespace(headers={"User-Agent": agent}))
    view = map_view.for_device(CITY_VIEW)
    west, south, east, north = visible_bounds(view, width, height)
    minx, miny, maxx, maxy = city_bounds()
    assert west < minx and east > maxx and south < miny and north > maxy, (view, (west, south, east, north))
    shown = max((maxx - minx) / (east - west), (maxy - miny) / (north - south))
    assert shown > 0.7, f"the city fills only {shown:.0%} of the map's {width}×{height} px"


@pytest.mark.parametrize("agent", [IPHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_seat_and_village_name_is_drawn_inside_the_map(monkeypatch, agent, lang):
    """The towns map's key names (five towns' seats, the subdistricts, the port, the three
    villages) are all drawn, each wholly inside the map as the reader's screen class frames it."""
    from arshan_data.config import load_settings
    from arshan_data.geodata.layers import SEATS, VILLAGES
    from arshan_data.geodata.store import MapStore
    from arshan_data.geodata.views import project
    from arshan_data.maps.deck import compose_deck
    from arshan_data.maps.labels import short_name, text_width_px

    monkeypatch.setattr(map_view.st, "context", SimpleNamespace(headers={"User-Agent": agent}))
    store = MapStore(load_settings(env={}).layers_dir)
    frames = {lid: store.layer(lid) for lid in (SEATS, VILLAGES)}
    view, (width, height) = map_view.for_device(CITY_VIEW), map_view.device_frame(520)
    spec = compose_deck(frames, lang, view=view, labelled=(SEATS, VILLAGES), frame_px=(width, height)).spec
    cx, cy = project(view.longitude, view.latitude, view.zoom)
    drawn = []
    for layer in spec["layers"]:
        if layer["id"].endswith("~labels"):
            for d in layer["data"]:
                x, y = project(*d["p"], view.zoom)
                x, y = x - cx + width / 2 + d["o"][0], y - cy + height / 2 + d["o"][1]
                w, h = text_width_px(d["t"], layer["getSize"]), layer["getSize"] + 4
                assert 0 <= x - w / 2 and x + w / 2 <= width and 0 <= y - h / 2 and y + h / 2 <= height, d
                drawn.append(d["t"])
    names = [short_name(n) for lid in (SEATS, VILLAGES) for n in frames[lid][f"name_{lang}"]]
    assert sorted(drawn) == sorted(names)
