"""The site by keyboard alone (issue 12, item 3): the skip link, no single-key shortcuts, the
comment form and the route planner — only ``page.keyboard`` (Tab, Shift+Tab, Enter, Space, arrow
keys and typing into the field the focus is in), no clicks and no ``fill``.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from arshan_data.feedback.model import REFERENCE_RE, STANCES, TOPICS
from arshan_data.i18n import t

from . import helpers

pytestmark = pytest.mark.browser
REFERENCE = re.compile(REFERENCE_RE.pattern.strip("^$"))
#: Tab presses before giving up on reaching a control (a page has well under this many stops).
MAX_TABS = 200

#: Counts changes of Streamlit's script-run state from now on (a rerun sets it at once).
COUNT_RUNS_JS = """() => {
  window.__arxanRuns = 0;
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => { window.__arxanRuns += 1; })
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def focus_in(page: Page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && !!document.activeElement.closest(s)", selector)


def runs(page: Page) -> int:
    return page.evaluate("() => window.__arxanRuns")


def after_rerun(page: Page, seen: int) -> None:
    """Until the run an action started (the counter went past ``seen``) has finished."""
    page.wait_for_function(f"() => window.__arxanRuns > {seen}")
    helpers.wait_idle(page)


def skip_to_main(page: Page) -> None:
    """The first Tab stop is the skip link, shown once it has the focus and in the page's
    language; Enter moves the focus to the main content."""
    page.keyboard.press("Tab")
    skip = page.locator("#arxan-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text(t("app.skip_to_content", "zh"))
    expect(skip).to_be_in_viewport()
    assert_focus_visible(page, "the skip link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "stMain"


def choose_first(page: Page) -> None:
    """In the focused select box: open its list (arrow down), take the first option (Enter)."""
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("Enter")


def tab_to(page: Page, selector: str, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab with ``back``) until the focus is inside ``selector``; the control
    must show where the focus is (``assert_focus_visible``)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if focus_in(page, selector):
            assert_focus_visible(page, selector)
            return
    raise AssertionError(f"{MAX_TABS} Tab presses never reached {selector}")


def assert_focus_visible(page: Page, what: str) -> None:
    """The focused control looks different from the same control without the focus (a ring, an
    outline, a border colour): its widget photographed focused, then with the focus taken away
    for a moment (and given back, so the next Tab goes on from it)."""
    box = page.evaluate("""() => {
        const e = document.activeElement;
        const r = (e.closest('[data-testid=stElementContainer]') || e).getBoundingClientRect();
        return {x: Math.max(0, r.x - 6), y: Math.max(0, r.y - 6), width: r.width + 12, height: r.height + 12};
    }""")
    focused = page.screenshot(clip=box, animations="disabled", caret="hide")
    page.evaluate("() => { window.__arxanFocused = document.activeElement; document.activeElement.blur(); }")
    blurred = page.screenshot(clip=box, animations="disabled", caret="hide")
    page.evaluate("() => window.__arxanFocused.focus()")
    assert focused != blurred, f"no visible focus on {what}"


def test_skip_link_shortcuts_comment_form_and_route_planner_by_keyboard(app_server, new_context):
    page = new_context(app_server, width=1280, height=900).new_page()
    helpers.open_app(page, "/feedback")

    # The first Tab stop is the skip link, visible once focused, in the page's language; Enter
    # puts the focus on the main content, and the next Tab stays in it (not the menu).
    skip_to_main(page)
    page.keyboard.press("Tab")
    assert focus_in(page, "[data-testid=stMain]")

    # No single-key shortcuts: a bare r (Streamlit's rerun) and c (clear cache) do nothing.
    page.evaluate(COUNT_RUNS_JS)
    for key in ("r", "c", "R"):
        page.keyboard.press(key)
    page.wait_for_timeout(800)  # a rerun would flip the run state within a frame
    assert runs(page) == 0, "a single key reran the page"
    expect(page.get_by_role("dialog")).to_have_count(0)

    # The comment form: a stance (Space, then an arrow key), a topic (arrow down, Enter), the
    # message typed, submitted with Enter on the button.
    tab_to(page, ".st-key-fb_stance")
    page.keyboard.press("Space")
    after_rerun(page, 0)  # the counter sees a rerun: its 0 above is not blindness
    done = runs(page)  # counted before the key: its run may end before the next line
    page.keyboard.press("ArrowRight")
    after_rerun(page, done)
    stance = page.locator(".st-key-fb_stance label:has(input:checked)")
    expect(stance).to_have_text(t(f"feedback.stance.{STANCES[1]}", "zh"))
    tab_to(page, ".st-key-fb_topic")
    done = runs(page)
    choose_first(page)
    after_rerun(page, done)
    expect(page.locator(".st-key-fb_topic input")).to_have_value(t(f"feedback.topic.{TOPICS[0]}", "zh"))
    tab_to(page, ".st-key-fb_message textarea")
    message = f"键盘测试：希望景区之间的步道标识更清楚。{uuid.uuid4().hex[:8]}"
    page.keyboard.type(message)
    done = runs(page)
    page.keyboard.press("Tab")  # leaving the field sends its text
    after_rerun(page, done)
    tab_to(page, ".st-key-fb_submit button")
    page.keyboard.press("Enter")
    helpers.wait_idle(page)
    expect(page.get_by_text(t("feedback.receipt.title", "zh"))).to_be_visible()
    code = page.get_by_test_id("stCode").first.inner_text()
    assert REFERENCE.fullmatch(code.strip()), f"no reference number on the receipt: {code!r}"
    expect(page.get_by_test_id("stCode").nth(1)).to_contain_text(message)

    # The route planner: a stop picked from the list with the arrow keys and Enter.
    helpers.open_app(page, "/tourism")
    expect(page.get_by_text(t("tourism.result.total_km", "zh"))).to_have_count(0)
    skip_to_main(page)  # past the menu's 16 links
    # On the way: the map is a region named for a screen reader, and the (hidden) link in its
    # description, shown once focused, opens the map's table and puts the focus there.
    map_name = re.compile("^" + re.escape(t("map.a11y.name", "zh", layers="")))
    expect(page.locator(".st-key-tourism_map").get_by_role("region", name=map_name)).to_have_count(1)
    tab_to(page, "a.map-desc-link[data-table=tourism_table]")
    expect(page.locator("a.map-desc-link[data-table=tourism_table]")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-tourism_table details")).to_have_attribute("open", "")
    assert focus_in(page, ".st-key-tourism_table")
    # The table inside is drawn a moment after the expander opens: Tab on once it is there.
    expect(page.locator(".st-key-tourism_table [data-testid=stDataFrame]").first).to_be_visible()
    helpers.wait_idle(page)
    assert focus_in(page, ".st-key-tourism_table"), "the table's first draw took the focus away"
    tab_to(page, ".st-key-tourism_stops")
    choose_first(page)
    page.keyboard.press("Escape")
    helpers.wait_idle(page)
    expect(page.get_by_text(t("tourism.result.total_km", "zh"), exact=True)).to_be_visible()
    expect(page.locator(".tl-card").first).to_be_visible()
    assert helpers.error_texts(page) == []
