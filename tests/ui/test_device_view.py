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
