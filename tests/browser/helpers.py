"""Waiting for Streamlit, reading maps' pixels and finding missing glyphs in the real browser."""

from __future__ import annotations

import io
import time

from PIL import Image, ImageChops
from playwright.sync_api import Locator, Page, expect

from arshan_data.i18n import t

#: The app is connected and no script run is going on (Streamlit's own test attributes).
APP_IDLE = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
MAP = "[data-testid=stDeckGlJsonChart]"
#: An error box: a crash (stException) or an st.error alert.
ERROR_BOX = "[data-testid=stException], [data-testid=stAlertContentError]"
#: How far (0-255, any channel) a pixel must be from the map's background to count as drawn.
INK_TOLERANCE = 12


def wait_idle(page: Page) -> None:
    """The site header is drawn, the last script run has finished, nothing is stale and every
    lazily loaded element (maps, charts: a ``stSkeleton`` until their code arrives) is in place."""
    expect(page.locator(".site-title")).to_be_attached()  # attached: a projector page hides it
    page.locator(APP_IDLE).wait_for(state="attached")
    expect(page.locator("[data-stale=true]")).to_have_count(0)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)


def open_app(page: Page, path: str) -> None:
    page.goto(path)
    wait_idle(page)


def site_title(lang: str) -> str:
    return t("app.title", lang)


def error_texts(page: Page) -> list[str]:
    boxes = page.locator(ERROR_BOX)
    return [boxes.nth(i).inner_text().strip()[:300] for i in range(boxes.count())]


def scroll_to_top(page: Page) -> None:
    """Streamlit scrolls an inner container, not the window: bring the page's top into view."""
    page.evaluate("""() => {
        const boxes = '[data-testid=stMain], [data-testid=stAppViewContainer], section, div';
        for (const el of document.querySelectorAll(boxes)) {
            if (el.scrollTop > 0) el.scrollTop = 0;
        }
        window.scrollTo(0, 0);
    }""")
    expect(page.locator("[data-testid=stMainBlockContainer]")).to_be_in_viewport()


# --- map pixels --------------------------------------------------------------------------------
def background_of(page: Page) -> tuple[int, int, int]:
    """The colour behind the maps: the app's background (the maps have no basemap)."""
    rgb = page.locator("[data-testid=stApp]").evaluate("e => getComputedStyle(e).backgroundColor")
    numbers = [int(float(x)) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return tuple(numbers)


def ink(png: bytes, background: tuple[int, int, int], tolerance: int = INK_TOLERANCE) -> float:
    """The share of pixels that differ from ``background`` by more than ``tolerance``."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    bands = [
        band.point(lambda v, b=b: 255 if abs(v - b) > tolerance else 0)
        for band, b in zip(image.split(), background, strict=True)
    ]
    drawn = Image.merge("RGB", bands).convert("L").point(lambda v: 255 if v else 0)
    return drawn.histogram()[255] / (image.width * image.height)


def dark_pixels(png: bytes, below: int = 55) -> int:
    """Pixels darker than ``below`` in every channel: the map labels' ink (rgb(30,30,30));
    nothing else on the maps is that dark (the darkest line is the boundary, rgb(70,70,70))."""
    r, g, b = Image.open(io.BytesIO(png)).convert("RGB").split()
    brightest = ImageChops.lighter(r, ImageChops.lighter(g, b))
    return brightest.point(lambda v: 255 if v < below else 0).histogram()[255]


def wait_map_drawn(
    map_: Locator, background: tuple[int, int, int], *, at_least: float = 0.05, timeout_s: float = 30
) -> tuple[float, bytes]:
    """Screenshot the map until at least ``at_least`` of its pixels are drawn (deck.gl draws a
    moment after the element appears); returns the share and the last screenshot."""
    map_.scroll_into_view_if_needed()
    expect(map_.locator("canvas").first).to_be_visible()
    deadline = time.monotonic() + timeout_s
    while True:
        png = map_.screenshot(animations="disabled")
        share = ink(png, background)
        if share >= at_least or time.monotonic() > deadline:
            return share, png


def maps_drawn(page: Page, **kwargs) -> list[float]:
    """The drawn share of every map on the page (each waited for)."""
    background = background_of(page)
    maps = page.locator(MAP)
    return [wait_map_drawn(maps.nth(i), background, **kwargs)[0] for i in range(maps.count())]


# --- glyphs ------------------------------------------------------------------------------------
#: For every visible text on the page, grouped by the font it is drawn in: the characters the
#: font stack (with the browser's fallback) draws as the "missing glyph" box, or not at all.
#: The reference box is an unassigned code point (U+0378) in the same font; a character whose
#: rendering is identical to it has no glyph in any font. ``document.fonts.check()`` cannot
#: tell: it answers true for fonts that are not installed at all.
MISSING_GLYPHS_JS = r"""
async (extra) => {
  await Promise.race([document.fonts.ready, new Promise((done) => setTimeout(done, 15000))]);
  const groups = new Map();
  const add = (font, text) => {
    if (!groups.has(font)) groups.set(font, new Set());
    for (const ch of text) groups.get(font).add(ch);
  };
  const app = document.querySelector('[data-testid=stApp]');
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.data.trim() || el.closest('script, style, noscript')) continue;
    const style = getComputedStyle(el);
    if (/Material/i.test(style.fontFamily) || style.visibility === 'hidden') continue;
    if (!el.getClientRects().length) continue;
    add(`${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`, node.data);
  }
  for (const [font, text] of extra) add(`600 40px ${font}`, text);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (font, ch) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = font; ctx.textBaseline = 'top'; ctx.fillStyle = '#000';
    ctx.fillText(ch, 4, 4);
    return ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3).join(',');
  };
  const skip = /[\p{Z}\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u;
  const result = {missing: {}, blank: {}, checked: 0};
  for (const [font, chars] of groups) {
    const tofu = draw(font, '\u0378');
    const empty = new Array(64 * 64).fill(0).join(',');
    for (const ch of chars) {
      if (skip.test(ch)) continue;
      result.checked++;
      const drawn = draw(font, ch);
      if (drawn === tofu) (result.missing[font] ||= []).push(ch);
      else if (drawn === empty) (result.blank[font] ||= []).push(ch);
    }
  }
  return result;
}
"""


def missing_glyphs(page: Page, extra: list[tuple[str, str]] = ()) -> dict:
    """``{"missing": {font: [chars]}, "blank": {...}, "checked": n}`` for the page's visible text
    and for ``extra`` (font family, text) pairs such as the map labels."""
    return page.evaluate(MISSING_GLYPHS_JS, [list(pair) for pair in extra])
