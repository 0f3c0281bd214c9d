"""The comment form and the staff desk in the real browser.

A bad submission shows the message beside each field and no receipt; corrected, it is stored
and the receipt with its reference number appears. The staff desk refuses a wrong password (and
lets the right one in, so the refusal is not a configuration error). The test server runs with
ARSHAN_MIN_SUBMIT_SECONDS=0 and its own temporary SQLite store (conftest.AppServer).
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from arshan_data.feedback.model import MESSAGE_MAX, MESSAGE_MIN, REFERENCE_RE
from arshan_data.i18n import t

from . import helpers
from .conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser
REFERENCE = re.compile(REFERENCE_RE.pattern.strip("^$"))


def fill(page, key: str, text: str, *, element: str = "input") -> None:
    """Type into a Streamlit text widget and leave it, so its value reaches the server."""
    field = page.locator(f".st-key-{key} {element}")
    field.fill(text)
    field.press("Tab")
    helpers.wait_idle(page)


def error(lang: str, code: str):
    return t(f"feedback.error.{code}", lang, min=MESSAGE_MIN, max=MESSAGE_MAX)


def test_a_bad_comment_shows_field_messages_then_the_corrected_one_gets_a_receipt(app_server, new_context):
    page = new_context(app_server).new_page()
    helpers.open_app(page, "/feedback")
    page.locator(".st-key-fb_stance").get_by_text(t("feedback.stance.suggestion", "zh"), exact=True).click()
    helpers.wait_idle(page)
    topic = page.locator(".st-key-fb_topic input")
    topic.fill(t("feedback.topic.transport", "zh"))
    topic.press("Enter")
    helpers.wait_idle(page)
    fill(page, "fb_message", "太短了", element="textarea")
    fill(page, "fb_contact", "not-an-address")
    page.locator(".st-key-fb_submit button").click()
    helpers.wait_idle(page)

    expect(page.get_by_text(error("zh", "message_too_short"), exact=True)).to_be_visible()
    expect(page.get_by_text(error("zh", "contact_invalid"), exact=True)).to_be_visible()
    expect(page.get_by_text(t("feedback.receipt.title", "zh"))).to_have_count(0)
    assert not REFERENCE.search(page.locator("[data-testid=stMain]").inner_text())
    # The reader's text is still in the form.
    expect(page.locator(".st-key-fb_message textarea")).to_have_value("太短了")

    message = f"浏览器测试：五岔沟镇到白狼镇的道路冬季需要加强除雪。{uuid.uuid4().hex[:8]}"
    fill(page, "fb_message", message, element="textarea")
    fill(page, "fb_contact", "")
    page.locator(".st-key-fb_submit button").click()
    helpers.wait_idle(page)
    expect(page.get_by_text(t("feedback.receipt.title", "zh"))).to_be_visible()
    code = page.get_by_test_id("stCode").first.inner_text()
    assert REFERENCE.fullmatch(code.strip()), f"no reference number on the receipt: {code!r}"
    expect(page.get_by_test_id("stCode").nth(1)).to_contain_text(message)
    assert helpers.error_texts(page) == []


def test_the_staff_desk_refuses_a_wrong_password(app_server, new_context):
    page = new_context(app_server).new_page()
    helpers.open_app(page, "/staff?lang=en")
    password = page.locator("input[type=password]")
    password.fill("not the password")
    page.get_by_role("button", name=t("staff.login.submit", "en"), exact=True).click()
    helpers.wait_idle(page)
    expect(page.get_by_text(t("staff.login.wrong", "en"), exact=True)).to_be_visible()
    expect(page.locator(".st-key-staff_logout")).to_have_count(0)
    expect(password).to_be_visible()
    # The right password opens the desk: the refusal above was about the password.
    password.fill(STAFF_PASSWORD)
    page.get_by_role("button", name=t("staff.login.submit", "en"), exact=True).click()
    helpers.wait_idle(page)
    expect(page.locator(".st-key-staff_logout")).to_be_visible()


def test_the_staff_tables_own_csv_download_is_formula_safe(app_server, new_context, tmp_path):
    """The data-frame toolbar's "Download as CSV" writes the cells as the table holds them: a
    comment starting with =, +, - or @ must arrive in the spreadsheet as text (issue 16, item 5)."""
    from arshan_data.feedback.model import Submission
    from arshan_data.feedback.sqlite_store import SqliteStore

    store = SqliteStore(app_server.log_path.parent / "feedback.sqlite3")
    hostile = {
        '=HYPERLINK("http://evil.example","点我")测试意见内容',
        "+1+cmd|' /C calc'!A0 测试意见",
        "@SUM(A1:A9) 测试意见内容很长",
        "-2+3 测试意见内容很长很长",
    }
    for i, message in enumerate(sorted(hostile)):
        store.add(Submission("objection", "other", message, client_hash=f"csv-{i}"), uuid.uuid4().hex)
    context = new_context(app_server, accept_downloads=True)
    # Without the File System Access API Streamlit falls back to an ordinary download.
    context.add_init_script("delete window.showSaveFilePicker;")
    page = context.new_page()
    helpers.open_app(page, "/staff?lang=en")
    page.locator("input[type=password]").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=t("staff.login.submit", "en"), exact=True).click()
    helpers.wait_idle(page)
    table = page.locator(".st-key-staff_table [data-testid=stDataFrame]")
    expect(table).to_be_visible()
    table.hover()
    button = table.get_by_role("button", name=re.compile("Download as CSV", re.I))
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    path = tmp_path / "table.csv"
    info.value.save_as(path)
    import csv

    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    message = rows[0].index(t("staff.col.message", "en"))
    cells = {row[message] for row in rows[1:]}
    assert {"'" + m for m in hostile} <= cells, cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_a_paste_longer_than_the_limit_stays_in_the_field_with_a_message(app_server, new_context):
    """With max_chars the browser silently dropped such a paste (issue 16, item 10): now the
    text stays whole and the field says at once that it is too long."""
    page = new_context(app_server).new_page()
    helpers.open_app(page, "/feedback")
    field = page.locator(".st-key-fb_message textarea")
    field.focus()
    pasted = "粘贴的长意见。" * 300  # 2,100 characters
    page.keyboard.insert_text(pasted)  # one input event with the whole text, as a paste gives
    field.press("Tab")
    helpers.wait_idle(page)
    expect(field).to_have_value(pasted)
    expect(page.get_by_text(error("zh", "message_too_long"), exact=True)).to_be_visible()


def test_an_invalid_place_in_a_link_is_reported(app_server, new_context):
    page = new_context(app_server).new_page()
    helpers.open_app(page, "/feedback?at=999999,999999")
    expect(page.get_by_text(error("zh", "location_link_invalid"), exact=True)).to_be_visible()


@pytest.mark.parametrize("width, height", [(390, 844), (1920, 1080)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_consent_text_is_shown_in_full_on_a_phone_and_a_desktop(
    app_server, new_context, lang, width, height
):
    """Streamlit cut the checkbox label to one line ("…可随时要求…", "They are never pu…"):
    a reader must be able to read what they agree to, and the text stays the box's name."""
    page = new_context(app_server, width=width, height=height).new_page()
    helpers.open_app(page, f"/feedback?lang={lang}")
    consent = t("feedback.consent.label", lang)
    label = page.locator(".st-key-fb_consent [data-testid=stWidgetLabel]")
    label.scroll_into_view_if_needed()
    expect(label).to_be_visible()
    assert label.inner_text().strip() == consent
    expect(page.get_by_role("checkbox", name=consent, exact=True)).to_be_attached()
    clipped = label.evaluate(
        """e => [e, ...e.querySelectorAll('*')]
            .filter(x => x.scrollWidth > x.clientWidth + 1 || getComputedStyle(x).textOverflow === 'ellipsis')
            .map(x => x.tagName + '.' + x.className)"""
    )
    assert clipped == [], f"the consent text is clipped in {clipped}"
    box = label.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_on_a_phone_the_period_comes_before_the_form_and_a_reference_can_be_looked_up(
    app_server, new_context
):
    """The comment-period notice came after the whole form on a phone (issue 15); the lookup
    (查询码) answers an unknown reference with "not found" and nothing else."""
    page = new_context(app_server, width=390, height=844).new_page()
    helpers.open_app(page, "/feedback")
    # The browser-test server configures no period: the demo period, labelled as one.
    heading = page.get_by_role("heading", name=t("feedback.period.demo", "zh"))
    opening = t("feedback.period.open", "zh", start="{", end="}").split("{")[0]  # 公示期为
    notice = page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=opening)
    form = page.locator(".st-key-fb_stance")
    expect(notice).to_be_visible()
    top = [loc.bounding_box()["y"] for loc in (heading, notice, form)]
    assert top == sorted(top), f"heading, notice and form top edges: {top}"

    field = page.locator(".st-key-fb_lookup_ref input")
    field.scroll_into_view_if_needed()
    field.fill("ar-zzzz-zzzz")
    page.locator(".st-key-fb_lookup_submit button").click()
    helpers.wait_idle(page)
    expect(
        page.get_by_text(t("feedback.lookup.not_found", "zh", reference="AR-ZZZZ-ZZZZ"), exact=True)
    ).to_be_visible()
