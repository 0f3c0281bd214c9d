"""长者模式 in the real browser: the header's switch puts ``senior=true`` in the URL and the page
gets large text (at least 20 px on a phone), line height of at least 1.5, text contrast of at
least 7:1 (computed from the computed colours), targets of at least 44×44 px, and no sideways
scrolling at 390 px and at 200 % zoom (a 195 px wide layout drawn at device scale 2)."""

from __future__ import annotations

import re

import pytest

from arshan_data.i18n import t
from arshan_data.ui.reading import SENIOR_KEY

from . import helpers
from .conftest import screenshot_path

pytestmark = pytest.mark.browser

#: What a reader sees in the main column: every visible text (not drawn in a map, chart or data
#: grid canvas) with its size, line height and contrast against the first opaque background
#: behind it; the targets (buttons, links, fields, switches) smaller than 44×44 px; and how wide
#: the document and the main column scroll.
MEASURE_JS = r"""
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ({r, g, b}) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const main = document.querySelector('[data-testid=stMain]');
  const skip = ['[data-testid=stDeckGlJsonChart]', '[data-testid=stDataFrame]', 'svg', '.stPlotlyChart',
                '[data-testid=stIFrame]'].join(', ');
  const texts = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || !el.getClientRects().length || el.closest(skip)) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || /Material/.test(s.fontFamily)) continue;
    const size = parseFloat(s.fontSize);
    texts.push({text: n.data.trim().slice(0, 50), tag: el.tagName, size,
      line: s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / size,
      contrast: Math.round(ratio(parse(s.color), behind(el)) * 100) / 100});
  }
  const targets = [...main.querySelectorAll('button, a[href], input, [role=radio], [role=switch]')]
    .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => { const r = e.getBoundingClientRect();
      return {what: (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40),
              width: Math.round(r.width), height: Math.round(r.height)}; });
  return {texts, targets, inner: window.innerWidth, doc: document.documentElement.scrollWidth,
          main: main.scrollWidth, main_client: main.clientWidth};
}
"""
PAGES = ["/towns", "/"]


def measure(page) -> dict:
    helpers.scroll_to_top(page)
    return page.evaluate(MEASURE_JS)


def switch(page):
    return page.locator(f".st-key-{SENIOR_KEY} input")


def assert_senior(found: dict, where: str) -> None:
    body = [x for x in found["texts"] if x["tag"] in ("P", "LI")]
    assert body, f"{where}: no body text found"
    small = [x for x in found["texts"] if x["size"] < 20]
    assert not small, f"{where}: text under 20 px in 长者模式: {small[:8]}"
    tight = [x for x in body if x["line"] < 1.5]
    assert not tight, f"{where}: line height under 1.5: {tight[:8]}"
    faint = [x for x in found["texts"] if x["contrast"] < 7]
    assert not faint, f"{where}: text contrast under 7:1: {faint[:8]}"
    tiny = [x for x in found["targets"] if x["width"] < 44 or x["height"] < 44]
    assert not tiny, f"{where}: targets under 44×44 px: {tiny[:8]}"
    assert_no_sideways_scroll(found, where)


def assert_no_sideways_scroll(found: dict, where: str) -> None:
    assert found["doc"] <= found["inner"], (
        f"{where}: the page scrolls sideways ({found['doc']} > {found['inner']} px)"
    )
    assert found["main"] <= found["main_client"], (
        f"{where}: the main column scrolls sideways ({found['main']} > {found['main_client']} px)"
    )


def test_the_switch_turns_the_mode_on_and_keeps_it_in_the_url(new_context, app_server):
    from playwright.sync_api import expect

    page = new_context(app_server, width=390, height=844).new_page()
    helpers.open_app(page, "/towns")
    normal = measure(page)
    assert min(x["size"] for x in normal["texts"] if x["tag"] == "P") < 20  # the mode changes something
    page.locator(f".st-key-{SENIOR_KEY}").get_by_text(t("reading.senior", "zh")).click()
    expect(switch(page)).to_be_checked()
    expect(page).to_have_url(re.compile(rf"[?&]{SENIOR_KEY}=true\b"))
    helpers.wait_idle(page)
    assert_senior(measure(page), "/towns at 390×844")
    page.screenshot(path=screenshot_path("towns-zh-390x844-senior.png"))
    page.reload()  # the URL keeps it
    helpers.wait_idle(page)
    expect(switch(page)).to_be_checked()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width, height, scale", [(390, 844, 1), (195, 422, 2)], ids=["390px", "200pc-zoom"])
def test_the_mode_meets_its_promises(new_context, app_server, path, width, height, scale):
    page = new_context(app_server, width=width, height=height, device_scale_factor=scale).new_page()
    helpers.open_app(page, f"{path}?{SENIOR_KEY}=true&lang=en")
    assert_senior(measure(page), f"{path} at {width}px, scale {scale}")
