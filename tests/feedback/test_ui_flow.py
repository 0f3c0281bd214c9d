"""The comment flow people trust (issue 15 §4): what a reader sees around the form, the place
a comment was tied to, and looking up one's own comment by its reference number."""

from __future__ import annotations

import datetime as dt

import pytest

from arshan_data.i18n import t
from arshan_data.ui.pages.feedback import format_date

from .conftest import HERE, submission
from .test_ui_feedback import fill, markdown_texts, page, send, stored, walk
from .test_ui_feedback import store_path as store_path  # the fixture: a fresh app on the test world

pytestmark = pytest.mark.usefixtures("store_path")


def order_of(at, predicate, after: int = -1) -> int:
    """Position (in drawing order) of the first element of the page after ``after`` that matches."""
    return next(i for i, node in enumerate(walk(at.main)) if i > after and predicate(node))


# --- the period notice and where the other channels are -----------------------------------------
def set_period(monkeypatch, start: int, end: int, late: bool = True) -> tuple[dt.date, dt.date]:
    """A configured comment period ``start``..``end`` days from today."""
    today = dt.date.today()
    first, last = today + dt.timedelta(days=start), today + dt.timedelta(days=end)
    monkeypatch.setenv("ARSHAN_COMMENT_START", str(first))
    monkeypatch.setenv("ARSHAN_COMMENT_END", str(last))
    monkeypatch.setenv("ARSHAN_ACCEPT_LATE_COMMENTS", str(late).lower())
    return first, last


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_period_notice_comes_before_the_form_so_a_phone_shows_it_first(monkeypatch, lang):
    first, last = set_period(monkeypatch, -5, 5)
    at = page("feedback", lang=lang)
    notice = t("feedback.period.open", lang, start=format_date(first, lang), end=format_date(last, lang))
    # Streamlit's columns stack on a phone in drawing order: the notice must come before them.
    heading = order_of(at, lambda n: getattr(n, "value", None) == t("feedback.heading", lang))
    columns = order_of(at, lambda n: type(n).__name__ == "Column", after=heading)
    assert order_of(at, lambda n: getattr(n, "value", None) == notice) < columns
    assert columns < order_of(at, lambda n: getattr(n, "key", None) == "fb_stance")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_intro_and_the_closed_form_point_to_the_channels_by_their_heading(monkeypatch, lang):
    set_period(monkeypatch, -40, -10, late=False)
    at = page("feedback", lang=lang)
    heading = t("feedback.channels.heading", lang)
    texts = markdown_texts(at)
    assert heading in [s.value for s in at.subheader]
    assert t("feedback.form_closed", lang, channels=heading) in texts
    assert t("feedback.intro", lang, channels=heading) in texts
    assert heading in t("feedback.intro", lang, channels=heading)
    # No "beside"/"on the right": on a phone the channels are below the form.
    for word in ("旁边", "右侧", "alongside", "on the right"):
        assert not any(word in x for x in texts), word


# --- a fresh install's demo period ----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fresh_install_shows_an_open_form_in_a_period_labelled_as_a_demo(lang):
    at = page("feedback", lang=lang)  # no ARSHAN_COMMENT_* at all
    subheaders = [s.value for s in at.subheader]
    assert t("feedback.period.demo", lang) in subheaders
    assert t("feedback.period.heading", lang) not in subheaders
    open_notice = t("feedback.period.open", lang, start="{start}", end="{end}").split("{start}")[0]
    assert [s.value for s in at.success if s.value.startswith(open_notice)]
    assert [w for w in at.text_area if w.key == "fb_message"]  # the form is open


def test_a_configured_period_is_not_labelled_as_a_demo(monkeypatch):
    set_period(monkeypatch, -5, 5)
    at = page("feedback")
    subheaders = [s.value for s in at.subheader]
    assert t("feedback.period.heading", "zh") in subheaders
    assert t("feedback.period.demo", "zh") not in subheaders


# --- the unconfigured staff page ------------------------------------------------------------------
#: What only an operator needs: commands, variable and section names, file paths.
OPERATOR_WORDS = (
    "ARSHAN_",
    "hash-password",
    "python",
    "secrets",
    "[auth]",
    "[arshan]",
    "docs/",
    "pip ",
    "Authlib",
)


def everything_shown(at) -> str:
    return " ".join(markdown_texts(at) + [str(x.value) for x in at.text] + [str(x.value) for x in at.code])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_unconfigured_staff_page_says_only_that_staff_access_is_not_set_up(lang, caplog):
    at = page("staff", lang=lang)
    assert [e.value for e in at.error] == [t("staff.not_configured", lang)]
    shown = everything_shown(at)
    for word in OPERATOR_WORDS:
        assert word not in shown, word
    assert "ARSHAN_STAFF_PASSWORD_HASH" in caplog.text  # the operator finds the how-to in the log


def test_a_broken_password_hash_is_explained_in_the_log_not_on_the_page(monkeypatch, caplog):
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", "pbkdf2_sha256$not-a-hash")
    at = page("staff", lang="en")
    assert [e.value for e in at.error] == [t("staff.login.bad_hash", "en")]
    shown = everything_shown(at)
    for word in OPERATOR_WORDS:
        assert word not in shown, word
    assert not at.text_input  # no password field to try
    assert "hash-password" in caplog.text


# --- the place in the receipt and the public record -----------------------------------------------
def test_the_receipt_says_what_and_where_the_comment_was_about():
    at = fill(page("feedback"))
    at.selectbox(key="fb_element").set_value("roads-1")
    at.selectbox(key="fb_place").set_value("scenic_areas-1").run()
    cell = at.session_state["fb_cell"]
    send(at)
    assert t("feedback.receipt.title", "zh") in [s.value for s in at.success]
    shown = markdown_texts(at)
    assert any(x.startswith("针对：测试roads-1 · ") for x in shown), shown
    # The test city's named places all stand on one point: the cell is "at" the first of them.
    assert t("feedback.place.at", "zh", place="测试seats-1", cell=cell) in shown


def test_a_receipt_without_a_place_says_none_was_chosen():
    at = send(fill(page("feedback", lang="en")))
    assert t("feedback.place.none", "en") in markdown_texts(at)


def test_the_public_record_shows_the_place_of_each_published_comment(store_path):
    store = stored(store_path)
    placed = store.add(submission(element_id="scenic_areas-1", location=HERE), "placed")
    plain = store.add(submission(message="没有位置的一条意见，也已经答复。", client_hash="client-b"), "plain")
    for receipt in (placed, plain):
        store.answer(receipt.reference, "已收到，谢谢。", publish=True)
    at = page("heard", lang="en")
    captions = [c.value for c in at.caption]
    place = t("feedback.place.at", "en", place="Test seats-1", cell=HERE.cell_id)
    assert captions.count(place) == 1  # the located comment only
    assert sum(x.startswith("About: Test scenic_areas-1 · ") for x in captions) == 1


# --- looking up one's own comment by its reference number -----------------------------------------
def look_up(at, text: str):
    at.text_input(key="fb_lookup_ref").input(text)
    at.button(key="fb_lookup_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_reference_on_the_receipt_finds_the_comment_and_later_its_published_answer(store_path):
    at = send(fill(page("feedback"), fb_name="张三", fb_contact="13912345678", fb_consent=True))
    reference = at.code[0].value
    look_up(at, reference.lower())
    shown = everything_shown(at)
    assert t("feedback.lookup.status.received", "zh") in shown and reference in shown
    assert "张三" not in shown and "13912345678" not in shown
    # Staff answer and publish it; the same look-up now shows the answer, still no personal data.
    stored(store_path).answer(reference, "我们会在旺季增加班次。", publish=True)
    look_up(at, reference)
    texts = [x.value for x in at.text]
    assert "我们会在旺季增加班次。" in texts
    assert t("feedback.lookup.status.answered", "zh") in markdown_texts(at)
    assert "13912345678" not in everything_shown(at)


def test_an_unpublished_answer_is_not_shown_to_whoever_has_the_reference(store_path):
    store = stored(store_path)
    receipt = store.add(
        submission(**{"name": "李四", "contact": "li@example.cn", "contact_kind": "email", "consent": True}),
        "x",
    )
    store.answer(receipt.reference, "只给工作人员看的答复。")
    at = look_up(page("feedback", lang="en"), receipt.reference)
    shown = everything_shown(at)
    assert t("feedback.lookup.status.answered", "en") in shown
    assert t("feedback.lookup.not_published", "en") in shown
    for private in ("只给工作人员看的答复。", submission().message, "李四", "li@example.cn"):
        assert private not in shown, private


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_or_malformed_reference_gets_a_clear_message(lang):
    at = look_up(page("feedback", lang=lang), "AR-ZZZZ-ZZZZ")
    assert [
        w.value
        for w in at.warning
        if w.value == t("feedback.lookup.not_found", lang, reference="AR-ZZZZ-ZZZZ")
    ]
    look_up(at, "我的意见")
    assert t("feedback.lookup.invalid", lang) in [e.value for e in at.error]


def test_look_ups_are_rate_limited_without_touching_the_comment_budget(store_path, monkeypatch):
    monkeypatch.setenv("ARSHAN_RATE_LIMIT_COUNT", "2")
    at = page("feedback")
    for _ in range(2):
        look_up(at, "AR-ZZZZ-ZZZZ")
    look_up(at, "AR-ZZZZ-ZZZZ")
    assert t("feedback.lookup.rate_limited", "zh", minutes=10) in [w.value for w in at.warning]
    send(fill(at))  # the form's own limit is untouched
    assert t("feedback.receipt.title", "zh") in [s.value for s in at.success]
