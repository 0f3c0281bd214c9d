"""The first interaction counts (issue 15 §3): on a freshly loaded 此处规划 map the very first
tap answers, and opening a page never rewrites its URL by itself (a rerun the app starts on
its own after load can swallow the reader's first click)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from arshan_data.i18n import t

from . import helpers

pytestmark = pytest.mark.browser

#: "查询位置：东经 …°，北纬 …°（所点方格的中心…）": the answer to a tap on the grid.
ANSWER = re.compile(
    re.escape(t("whatshere.at.cell", "zh", lon="LON", lat="LAT"))
    .replace("LON", r"[\d.]+")
    .replace("LAT", r"[\d.]+")
)


@pytest.mark.parametrize("size", [(390, 844), (1920, 1080)], ids=["phone", "desktop"])
def test_the_first_tap_on_a_fresh_whatshere_map_answers(app_server, new_context, size):
    width, height = size
    page = new_context(app_server, width=width, height=height, has_touch=width < 800).new_page()
    helpers.open_app(page, "/whatshere")
    map_ = page.locator(helpers.MAP)
    helpers.wait_map_drawn(map_, helpers.background_of(page))
    box = map_.bounding_box()
    assert box is not None
    # The centre of the map at the city view is inside the city: a grid cell.
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    if width < 800:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/whatshere\?(.*&)?at=[\d.]+%2C[\d.]+"))


@pytest.mark.parametrize("path", ["/", "/towns", "/whatshere", "/tourism", "/present"])
def test_opening_a_page_does_not_rewrite_its_url(app_server, new_context, path):
    page = new_context(app_server).new_page()
    urls: list[str] = []
    page.on("framenavigated", lambda frame: urls.append(frame.url) if frame == page.main_frame else None)
    helpers.open_app(page, path)
    helpers.maps_drawn(page)
    helpers.wait_idle(page)
    assert page.url == app_server.url + path, f"{path}: the page wrote {page.url} by itself"
    assert "?" not in "".join(urls), f"{path}: the URL changed by itself: {urls}"
