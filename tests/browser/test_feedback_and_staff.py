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
