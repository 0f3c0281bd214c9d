"""汇报模式 in a real browser: every slide fits a 1280×720 and a 1920×1080 screen (the controls
are on screen, nothing runs off the right edge), the menu and site header are hidden, ← / → change
slides and the URL, maps draw — and nothing is fetched from another host (the offline guard)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from arshan_data.plan import slides

from . import helpers

pytestmark = pytest.mark.browser

TOTAL = len(slides.SLIDES)


def layout(page) -> dict:
    return page.evaluate("""() => {
        const box = s => {
            const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
        const next = box('.st-key-present_next'), head = box('.pr-headline');
        const shown = s => {
            const e = document.querySelector(s); return !!e && getComputedStyle(e).display !== 'none'
            && e.getBoundingClientRect().height > 0; };
        const parts = '.pr-headline, .pr-figure, .st-key-present_stage';
        return {bottom: next ? next.bottom : 1e9, right: Math.max(...[...document.querySelectorAll(parts)]
                    .map(e => e.getBoundingClientRect().right)), headTop: head ? head.top : -1,
                sidebar: shown('[data-testid=stSidebar]'), siteTitle: shown('.site-title'),
                width: innerWidth, height: innerHeight};
    }""")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_fits_the_screen_without_the_site_chrome(app_server, new_context, size, lang):
    width, height = size
    page = new_context(app_server, width=width, height=height).new_page()
    helpers.open_app(page, f"/present?slide=1{'' if lang == 'zh' else '&lang=en'}")
    for number in range(1, TOTAL + 1):
        expect(page.locator(".pr-counter")).to_have_text(f"{number} / {TOTAL}")
        helpers.wait_idle(page)
        box = layout(page)
        assert not box["sidebar"] and not box["siteTitle"], f"slide {number}: the site chrome shows"
        assert box["headTop"] >= 0 and box["bottom"] <= box["height"] + 1, (
            f"slide {number} ({lang}, {width}×{height}): the controls end at {box['bottom']:.0f} px"
        )
        assert box["right"] <= box["width"] + 1, f"slide {number}: something runs off the right edge"
        if slides.SLIDES[number - 1].kind == "map":
            share, _ = helpers.wait_map_drawn(
                page.get_by_test_id("stDeckGlJsonChart").first, helpers.background_of(page), at_least=0.05
            )
            assert share >= 0.05, f"slide {number}: the map draws nothing"
        if number < TOTAL:
            page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(rf"/present\?(.*&)?slide={TOTAL}(&|$)"))
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".pr-counter")).to_have_text(f"{TOTAL - 1} / {TOTAL}")
