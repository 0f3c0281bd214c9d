"""Two sessions through every page of the site, one per language, recorded for the tests.

Each walk is one browser context moving through the sidebar (the way a reader does; the
JavaScript is loaded once, which keeps the group fast on a small machine):

- ``zh``: opens ``/`` and visits every page in menu order; on each it records the error boxes,
  how much of every map is drawn, missing glyphs and whether the staff login shows, takes a
  1920×1080 screenshot, then draws the page again at 390×844 (maps and screenshot) and goes back
  to 1920×1080; the accessibility audit (``axe.audit``) runs on every page at both sizes, in
  both walks;
- ``en``: opens ``/`` in Chinese, switches to English with the header's switch (screenshots of
  the English overview at both sizes) and visits every page through the sidebar, recording the
  same plus the URL and the site title (the language must survive each move); at the end it
  switches back to Chinese.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Generator

import geopandas as gpd
from playwright.sync_api import Page, expect

from arshan_data.config import load_settings
from arshan_data.geodata.layers import get_layer
from arshan_data.i18n import t
from arshan_data.maps.labels import LABEL_FONTS, point_labels
from arshan_data.site import PAGES, PageEntry

from . import axe, helpers
from .conftest import screenshot_path

DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


def page_url(entry: PageEntry, **query: str) -> str:
    """The page's address: the default page is served at ``/`` (``/overview`` is "page not found")."""
    path = "/" if entry.default else f"/{entry.url_path}"
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@dataclasses.dataclass
class PageRecord:
    url: str = ""
    site_title: str = ""
    errors: list[str] = dataclasses.field(default_factory=list)
    maps: list[float] = dataclasses.field(default_factory=list)  # drawn share per map, 1920×1080
    phone_maps: list[float] | None = None  # the same at 390×844 (zh walk)
    glyphs: dict = dataclasses.field(default_factory=dict)
    password_field: bool = False
    #: Pixels of the site header hidden under Streamlit's toolbar, per viewport width.
    header_hidden_px: dict[int, float] = dataclasses.field(default_factory=dict)
    screenshots: list[str] = dataclasses.field(default_factory=list)
    failure: str | None = None  # the page could not be walked (timeout, crash): why
    reached_by: str = "sidebar"  # or "url": after a page without the menu (a projector view)
    seconds: dict[str, float] = dataclasses.field(default_factory=dict)  # where the time went
    #: The accessibility audit (``axe.audit``) at 1920×1080 and 390×844; None without axe-core.
    axe: list[dict] | None = None


@dataclasses.dataclass
class Walk:
    lang: str
    pages: dict[str, PageRecord] = dataclasses.field(default_factory=dict)
    #: English walk: the switch to English and back (URL and title after each).
    switched_url: str = ""
    switched_title: str = ""
    back_url: str = ""
    back_title: str = ""
    #: Chinese walk, on the overview: the CJK font probe and the map labels (see below).
    fonts: dict = dataclasses.field(default_factory=dict)
    labels: dict = dataclasses.field(default_factory=dict)


def header_hidden_px(page: Page) -> float:
    """How far the top of the site's header (subtitle and language switch) lies under the toolbar."""
    return page.evaluate("""() => {
        const toolbar = document.querySelector('[data-testid=stHeader]').getBoundingClientRect();
        const tops = [...document.querySelectorAll('.st-key-lang, [data-testid=stCaptionContainer]')]
            .slice(0, 2).map(e => e.getBoundingClientRect().top);
        return Math.max(0, toolbar.bottom - Math.min(...tops));
    }""")


def _go_to(page: Page, entry: PageEntry, lang: str, record: PageRecord) -> None:
    """Through the sidebar; by URL (``lang`` in it) only from a page that hides the menu."""
    if page.get_by_test_id("stSidebar").evaluate("e => getComputedStyle(e).display") == "none":
        record.reached_by = "url"
        page.goto(page_url(entry, **({} if lang == "zh" else {"lang": lang})), wait_until="commit")
    else:
        page.get_by_test_id("stSidebarNav").get_by_role(
            "link", name=t(entry.title_key, lang), exact=True
        ).click()


def _arrived(page: Page, entry: PageEntry) -> None:
    expect(page).to_have_url(re.compile(rf"/{'' if entry.default else re.escape(entry.url_path)}(\?|$)"))


def _record(page: Page, entry: PageEntry, lang: str, record: PageRecord, *, phone: bool) -> None:
    clock = [time.monotonic()]

    def lap(step: str) -> None:
        clock.append(time.monotonic())
        record.seconds[step] = round(clock[-1] - clock[-2], 2)

    helpers.wait_idle(page)
    lap("load")
    record.url = page.url
    record.site_title = page.locator(".site-title").inner_text()
    record.errors = helpers.error_texts(page)
    record.maps = helpers.maps_drawn(page)
    lap("maps")
    record.glyphs = helpers.missing_glyphs(page)
    record.password_field = page.locator("input[type=password]").is_visible()
    lap("glyphs")
    helpers.scroll_to_top(page)
    record.header_hidden_px[DESKTOP["width"]] = header_hidden_px(page)
    shot = screenshot_path(f"{entry.url_path}-{lang}-1920x1080.png")
    page.screenshot(path=shot, animations="disabled")
    record.screenshots.append(shot.name)
    lap("screenshot")
    where = page_url(entry, **({} if lang == "zh" else {"lang": lang}))
    if axe.available():
        record.axe = axe.audit(page, where, DESKTOP)
        lap("axe")
    page.set_viewport_size(PHONE)
    helpers.wait_idle(page)
    if phone:
        record.phone_maps = helpers.maps_drawn(page)
        helpers.scroll_to_top(page)
        record.header_hidden_px[PHONE["width"]] = header_hidden_px(page)
        shot = screenshot_path(f"{entry.url_path}-{lang}-390x844.png")
        page.screenshot(path=shot, animations="disabled")
        record.screenshots.append(shot.name)
    if record.axe is not None:
        record.axe += axe.audit(page, where, PHONE)
    page.set_viewport_size(DESKTOP)
    helpers.wait_idle(page)
    lap("phone")


#: The CJK font probe. ``document.fonts.check()`` cannot do this: it answers true even for a
#: font that is not installed. An installed font changes the width of a Latin line against the
#: bare fallback (checked against a made-up name as the control).
FONT_JS = """
() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font, text) => { ctx.font = font; return ctx.measureText(text).width; };
  const latin = 'The quick brown fox 0123456789';
  const title = document.querySelector('.site-title'), style = getComputedStyle(title);
  return {
    noto_installed: width('20px "Noto Sans CJK SC", monospace', latin) !== width('20px monospace', latin),
    control_missing: width('20px "No Such Font 4711", monospace', latin) === width('20px monospace', latin),
    cjk_width: width('20px "Noto Sans CJK SC"', '阿尔山市国土空间总体规划'),
    title_width: width(`${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, title.innerText),
    title_font: style.fontFamily,
  };
}
"""
#: Label ink (``helpers.dark_pixels``) the overview map must show with its seat labels on.
MIN_LABEL_INK = 200


def seat_labels(lang: str) -> str:
    seats = gpd.read_parquet(load_settings(env={}).layers_dir / "seats.parquet")
    return "".join(text for _, _, text in point_labels(seats, lang))


def _labels_on_and_off(page: Page) -> dict:
    """The overview map's label ink with the seats (and their labels) on, then switched off with
    the layer switch; and the label characters that have no glyph in the labels' font stack."""
    map_ = page.locator(helpers.MAP).first
    helpers.scroll_to_top(page)
    _, png = helpers.wait_map_drawn(map_, helpers.background_of(page))
    on, deadline = helpers.dark_pixels(png), time.monotonic() + 30
    while on < MIN_LABEL_INK and time.monotonic() < deadline:  # labels follow their glyph atlas
        on = helpers.dark_pixels(map_.screenshot())
    glyphs = helpers.missing_glyphs(page, [(LABEL_FONTS, seat_labels("zh"))])
    font = f"600 40px {LABEL_FONTS}"
    page.locator(".st-key-overview_layers").get_by_role("button", name=get_layer("seats").title_zh).click()
    helpers.wait_idle(page)
    expect(page.locator(".st-key-overview_layers [aria-pressed=true]")).to_have_count(1)  # rivers only
    off, deadline = helpers.dark_pixels(map_.screenshot()), time.monotonic() + 30
    while off > on / 10 and time.monotonic() < deadline:  # the map redraws a moment after the run
        off = helpers.dark_pixels(map_.screenshot())
    return {
        "on": on,
        "off": off,
        "missing": glyphs["missing"].get(font, []),
        "blank": glyphs["blank"].get(font, []),
        "checked": len(set(seat_labels("zh"))),
    }


def walk(context, lang: str) -> Generator[None, None, Walk]:
    """The walk as steps: it yields right after asking for the next page, so that another walk
    can work while this page loads (``run_together``)."""
    result = Walk(lang)
    page = context.new_page()
    page.goto("/", wait_until="commit")
    yield
    helpers.wait_idle(page)
    if lang != "zh":
        page.locator(".st-key-lang").get_by_role("radio", name=t(f"app.lang.{lang}", lang)).click()
        expect(page).to_have_url(re.compile(rf"[?&]lang={lang}\b"))
        expect(page.locator(".site-title")).to_have_text(t("app.title", lang))
        helpers.wait_idle(page)
        result.switched_url, result.switched_title = page.url, page.locator(".site-title").inner_text()
    for index, entry in enumerate(PAGES):
        record = result.pages[entry.url_path] = PageRecord()
        try:
            if index or not entry.default:
                _go_to(page, entry, lang, record)
                yield
            _arrived(page, entry)
            # Chinese: every page at both sizes; English: the overview at both sizes.
            _record(page, entry, lang, record, phone=lang == "zh" or entry.default)
            if entry.default and lang == "zh":
                result.fonts = page.evaluate(FONT_JS)
                result.labels = _labels_on_and_off(page)
        except Exception as exc:  # recorded; the page's tests report it
            record.failure = f"{type(exc).__name__}: {str(exc)[:1500]}"
    if lang != "zh":
        default = next(e for e in PAGES if e.default)
        _go_to(page, default, lang, PageRecord())
        _arrived(page, default)
        helpers.wait_idle(page)
        page.locator(".st-key-lang").get_by_role("radio", name=t("app.lang.zh", "zh")).click()
        expect(page.locator(".site-title")).to_have_text(t("app.title", "zh"))
        helpers.wait_idle(page)
        result.back_url, result.back_title = page.url, page.locator(".site-title").inner_text()
    page.close()
    return result


def run_together(steps: dict[str, Generator]) -> dict[str, Walk | BaseException]:
    """Advance the walks in turn until each is done; a walk that breaks down does not stop the
    others (its exception is its result)."""
    results: dict[str, Walk | BaseException] = {}
    while len(results) < len(steps):
        for name, gen in steps.items():
            if name in results:
                continue
            try:
                next(gen)
            except StopIteration as done:
                results[name] = done.value
            except Exception as exc:  # reported by the tests that use this walk
                results[name] = exc
    return results
