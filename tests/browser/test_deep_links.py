"""Deep links (shared links, printed QR codes) open the stated view.

The first one runs on a server no browser has opened yet (the browser tests are ordered so the
session's server is still fresh; otherwise a second server starts): with a ``pages/`` folder,
Streamlit used to run ``/towns`` without app.py's frame on the first request after a restart
(arshan_data/ui/entry.py fixes that).
"""

from __future__ import annotations

import colorsys
import io
import re
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from arshan_data.config import load_settings
from arshan_data.geodata.layers import PATTERN_ELEMENT_COLORS
from arshan_data.i18n import t
from arshan_data.plan import catalog
from arshan_data.plan import summaries as plan_views

from . import helpers

pytestmark = pytest.mark.browser

#: Pattern elements the link asks for; the others must be off.
SHOWN = ("one_barrier", "one_loop")
#: Elements whose colour has a hue no other feature of the map has (the rest share theirs with
#: the border, the rivers or each other), so the map's pixels tell whether they are drawn.
BY_HUE = ("one_barrier", "one_loop", "one_axis", "multiple_points")


def a_seat() -> dict:
    seats = gpd.read_parquet(load_settings(env={}).layers_dir / "seats.parquet")
    return seats.drop(columns="geometry").to_dict("records")[0]


def test_deep_link_on_a_fresh_server(fresh_server, new_context):
    seat = a_seat()
    page = new_context(fresh_server).new_page()
    page.goto(f"/towns?lang=en&feature={seat['id']}")  # the server's first page request
    helpers.wait_idle(page)
    expect(page.locator(".site-title")).to_have_text(t("app.title", "en"))  # the frame is there
    expect(page.locator(".st-key-lang")).to_be_visible()
    expect(page.get_by_role("heading", name=t("towns.heading", "en"), exact=True)).to_be_visible()
    # The feature is picked and its detail card is open.
    expect(page.locator(".st-key-towns_feature").get_by_role("combobox")).to_have_value(seat["name_en"])
    expect(page.get_by_role("heading", name=seat["name_en"], exact=True)).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("lang") == ["en"] and query.get("feature") == [seat["id"]], page.url
    assert helpers.error_texts(page) == []


def count_hue(png: bytes, rgb: tuple[int, int, int], degrees: float = 12) -> int:
    """Pixels of about the hue of ``rgb`` (and clearly coloured): a schematic feature is drawn
    lighter or dotted, in its element's hue."""
    hsv = np.asarray(Image.open(io.BytesIO(png)).convert("RGB").convert("HSV")).astype(int)
    hue = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))[0] * 255
    distance = np.abs(hsv[..., 0] - hue)
    distance = np.minimum(distance, 255 - distance)
    return int(((distance <= degrees * 255 / 360) & (hsv[..., 1] >= 70) & (hsv[..., 2] >= 50)).sum())


def test_a_pattern_link_shows_only_the_named_layers(app_server, new_context):
    labels = {
        e.id: e.label
        for e in plan_views.pattern_elements(catalog.load_catalog(load_settings(env={}).catalog_dir), "zh")
    }
    page = new_context(app_server).new_page()
    helpers.open_app(page, "/pattern?layers=" + ",".join(f"pattern.{e}" for e in SHOWN))
    pills = page.locator(".st-key-pattern_layers button")
    expect(pills.first).to_be_visible()
    pressed = [
        pills.nth(i).inner_text().strip()
        for i in range(pills.count())
        if pills.nth(i).get_attribute("aria-pressed") == "true"
    ]
    assert sorted(pressed) == sorted(labels[e] for e in SHOWN)
    legend = page.locator(".legend").first.inner_text()
    for element, label in labels.items():
        assert (re.search(rf"(^|\n){re.escape(label)}", legend) is not None) == (element in SHOWN), (
            element,
            legend,
        )
    # And the map draws exactly those: their colours are there, the others' are not.
    _, png = helpers.wait_map_drawn(page.locator(helpers.MAP).first, helpers.background_of(page))
    for element in BY_HUE:
        found = count_hue(png, PATTERN_ELEMENT_COLORS[element][:3])
        if element in SHOWN:
            assert found > 150, f"{element} is not drawn ({found} px of its colour)"
        else:
            assert found < 30, f"{element} is drawn ({found} px of its colour) though the link leaves it off"
    assert helpers.error_texts(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_by_its_own_name_opens_without_a_not_found_pop_up(app_server, new_context, lang):
    # "/overview" once drew Streamlit's English "Page not found" dialog over the overview.
    page = new_context(app_server).new_page()
    page.goto("/overview" + ("?lang=en" if lang == "en" else ""))
    helpers.wait_idle(page)
    expect(page.get_by_role("heading", name=t("overview.heading", lang), exact=True)).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert urlsplit(page.url).path == "/", page.url
    assert "Page not found" not in page.locator("body").inner_text()
