"""The 中文/English switch: the page turns English, the URL gets ``lang=en``, and both survive
moving to another page through the sidebar (recorded by the English walk, walks.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from arshan_data.i18n import t
from arshan_data.site import PAGES

from .walks import page_url

pytestmark = pytest.mark.browser


def lang_param(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("lang", [])


def test_the_switch_turns_the_page_english_and_puts_lang_in_the_url(en_walk):
    assert en_walk.switched_title == t("app.title", "en")
    assert lang_param(en_walk.switched_url) == ["en"], en_walk.switched_url


@pytest.mark.parametrize("entry", PAGES, ids=[e.url_path for e in PAGES])
def test_english_persists_through_the_sidebar(en_walk, entry):
    record = en_walk.pages[entry.url_path]
    if record.failure:
        pytest.fail(f"{page_url(entry)} could not be walked: {record.failure}")
    assert record.site_title == t("app.title", "en"), f"{page_url(entry)} is not in English"
    assert lang_param(record.url) == ["en"], f"{page_url(entry)}: the URL lost lang=en: {record.url}"


def test_switching_back_to_chinese_drops_lang_from_the_url(en_walk):
    assert en_walk.back_title == t("app.title", "zh")
    assert lang_param(en_walk.back_url) == [], en_walk.back_url


TRUNCATED_NAV_TITLES_JS = """() => Array.from(document.querySelectorAll('[data-testid=stSidebarNavLink]'))
    .filter(a => { const p = a.querySelector('p'); if (!p) return false;
        const box = a.getBoundingClientRect(), text = p.getBoundingClientRect();
        return p.scrollWidth > p.clientWidth + 1 || text.right > box.right + 1
            || text.bottom > box.bottom + 1; })
    .map(a => a.innerText.trim())"""


@pytest.mark.parametrize("width, height", [(1920, 1080), (390, 844)])
def test_every_sidebar_title_is_shown_whole(app_server, new_context, width, height, lang="en"):
    # "Transport and public ser…" at 1920 px: long titles wrap (English has the longest).
    from playwright.sync_api import expect

    from . import helpers

    page = new_context(app_server, width=width, height=height).new_page()
    helpers.open_app(page, "/transport" + ("?lang=en" if lang == "en" else ""))
    nav = page.get_by_test_id("stSidebarNav")
    if not nav.is_visible():  # a phone: the sidebar opens from its button
        page.get_by_test_id("stExpandSidebarButton").click()
    expect(nav).to_be_visible()
    expect(nav.get_by_text(t("transport.page.title", lang), exact=True)).to_be_visible()
    assert page.evaluate(TRUNCATED_NAV_TITLES_JS) == []
