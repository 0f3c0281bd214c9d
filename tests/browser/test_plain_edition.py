"""The plain edition read in a real browser with JavaScript switched off, behind the offline
guard; and the interactive page's document language following the language switch."""

from __future__ import annotations

import pytest

from arshan_data import site

from .conftest import screenshot_path

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width, height", [(390, 844), (1920, 1080)])
def test_a_plain_page_reads_without_javascript(new_context, app_server, width, height):
    from playwright.sync_api import expect

    context = new_context(app_server, width=width, height=height, java_script_enabled=False)
    page = context.new_page()
    reply = page.goto("/plain/towns")
    assert reply is not None and reply.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("text=以最终批复为准").first).to_be_visible()
    svg = page.locator("figure svg").first
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] <= width  # the map fits the screen
    table = page.locator("table:has(caption)").first
    expect(table).to_be_visible()
    expect(table.locator("th[scope=col]").first).to_be_visible()
    page.screenshot(path=screenshot_path(f"plain-towns-{width}.png"), full_page=False)
    # to the English edition and to the interactive page, without a script
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Interactive maps")).to_have_attribute("href", "/towns?lang=en")


def test_every_plain_page_loads_in_the_browser_with_nothing_from_outside(new_context, app_server):
    context = new_context(app_server, java_script_enabled=False)
    page = context.new_page()
    for entry in site.PLAIN_PAGES:
        for query in ("", "?lang=en"):
            reply = page.goto(f"/plain/{entry.url_path}{query}")
            assert reply is not None and reply.status == 200, entry.url_path
    # new_context fails the test if any request left the app


def test_the_document_language_follows_the_switch(new_context, app_server):
    from playwright.sync_api import expect

    page = new_context(app_server).new_page()
    page.goto("/towns")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("a.plain-edition-link")).to_have_attribute("href", "plain/towns")
    page.get_by_text("English", exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title(site.document_title(site.required_page("towns"), "en"))
    expect(page.locator("a.plain-edition-link")).to_have_attribute("href", "plain/towns?lang=en")
