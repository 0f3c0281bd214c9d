"""The pages as a reader and as staff use them, driven with AppTest (widgets by key)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from arshan_data.feedback import auth
from arshan_data.feedback.auth import StaffSession, hash_password
from arshan_data.feedback.model import REFERENCE_RE
from arshan_data.feedback.sqlite_store import SqliteStore
from arshan_data.i18n import t
from arshan_data.ui.components.feedback_link import comment_params

from ..apptest import SCRIPT, open_app, page_path
from ..conftest import REPO
from .conftest import HOSTILE, HOSTILE_PARTS, submission
from .test_durability import read_only

MESSAGE = "温泉街到白狼镇的公交车太少，建议旺季增加班次。"
PASSWORD = "staff password for tests"


@pytest.fixture
def store_path(tiny_settings, tmp_path, monkeypatch):
    """A fresh app process as far as Streamlit's caches go, on the tiny test layers."""
    for name in [n for n in os.environ if n.startswith("ARSHAN_")]:
        monkeypatch.delenv(name)
    path = tmp_path / "feedback.sqlite3"
    monkeypatch.setenv("ARSHAN_LAYERS_DIR", str(tiny_settings.layers_dir))
    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", str(path))
    monkeypatch.setenv("ARSHAN_MIN_SUBMIT_SECONDS", "0")
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def page(name: str, **query) -> AppTest:
    at = open_app(name, timeout=60, **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def fill(at: AppTest, message: str = MESSAGE, **extra) -> AppTest:
    at.radio(key="fb_stance").set_value(extra.pop("stance", "suggestion"))
    at.selectbox(key="fb_topic").set_value(extra.pop("topic", "transport"))
    at.text_area(key="fb_message").input(message)
    for key, value in extra.items():
        widget = at.checkbox(key=key) if key == "fb_consent" else at.text_input(key=key)
        widget.check() if key == "fb_consent" else widget.input(value)
    return at


def send(at: AppTest) -> AppTest:
    at.button(key="fb_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(path) -> SqliteStore:
    return SqliteStore(path)


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def error_after(at: AppTest, key: str) -> str | None:
    """The error drawn right after the widget ``key`` (i.e. beside the field), if any."""
    nodes = list(walk(at.main))
    index = next(i for i, n in enumerate(nodes) if getattr(n, "key", None) == key)
    following = nodes[index + 1] if index + 1 < len(nodes) else None
    return following.value if type(following).__name__ == "Error" else None


def markdown_texts(at: AppTest) -> list[str]:
    """Everything Streamlit renders as Markdown (where a comment must never appear)."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "header", "subheader")
    return [str(el.value) for kind in kinds for el in getattr(at, kind)]


def assert_plain_only(at: AppTest) -> None:
    for text in markdown_texts(at):
        for part in HOSTILE_PARTS:
            assert part not in text, f"user text rendered as Markdown: {text!r}"


# --- the form -----------------------------------------------------------------------------------
def test_resident_can_submit_a_comment_with_a_place_and_gets_a_receipt(store_path):
    at = fill(page("feedback"), fb_name="张三", fb_contact="13912345678", fb_consent=True)
    at.selectbox(key="fb_place").set_value("scenic_areas-1").run()
    cell = at.session_state["fb_cell"]
    assert any(text.startswith(f"已选位置：方格 {cell}（约东经120.0") for text in markdown_texts(at))
    send(at)
    assert t("feedback.receipt.title", "zh") in [s.value for s in at.success]  # beside the open period's
    reference, echoed = at.code[0].value, at.code[1].value
    assert REFERENCE_RE.match(reference) and echoed == MESSAGE
    store = stored(store_path)
    comment = store.get(reference)
    assert (comment.message, comment.topic, comment.stance) == (MESSAGE, "transport", "suggestion")
    assert comment.cell_id == cell and abs(comment.lon - 120.0) < 0.01 and abs(comment.lat - 47.2) < 0.01
    assert store.personal(reference).contact == "13912345678"
    assert store.count() == 1
    # Back to an empty form for the next comment.
    at.button(key="fb_another").click().run()
    assert at.text_area(key="fb_message").value == "" and not at.code


def test_a_retry_of_a_stored_comment_keeps_one_copy_and_the_same_reference(store_path):
    at = send(fill(page("feedback")))
    reference = at.code[0].value
    # The receipt was lost (say, the connection dropped) and the same form is sent again.
    del at.session_state["fb_receipt"]
    at.run()
    send(fill(at))
    assert at.code[0].value == reference
    assert stored(store_path).count() == 1


def test_bad_input_is_explained_beside_each_field_and_nothing_is_stored(store_path):
    at = page("feedback")
    at.text_area(key="fb_message").input("太短")
    at.text_input(key="fb_contact").input("0482-71")
    send(at)
    assert error_after(at, "fb_stance") == t("feedback.error.stance_required", "zh")
    assert error_after(at, "fb_topic") == t("feedback.error.topic_required", "zh")
    assert error_after(at, "fb_message") == t("feedback.error.message_too_short", "zh", min=10)
    assert error_after(at, "fb_contact") == t("feedback.error.contact_invalid", "zh")
    assert at.text_area(key="fb_message").value == "太短"  # the text stays
    # Fix the contact but forget consent.
    fill(at, fb_contact="zhang@example.cn")
    send(at)
    assert error_after(at, "fb_consent") == t("feedback.error.consent_required", "zh")
    assert error_after(at, "fb_message") is None
    assert not store_path.exists() or stored(store_path).count() == 0


def test_an_overlong_paste_is_kept_in_the_field_and_refused_with_a_message(store_path):
    # With max_chars the browser silently dropped a paste that exceeded it (the field stayed
    # empty). Now the whole text stays, the field says at once that it is too long, and
    # nothing is stored until it is shortened.
    at = page("feedback")
    at.text_area(key="fb_message").input("长" * 2001).run()
    too_long = t("feedback.error.message_too_long", "zh", max=2000)
    assert at.text_area(key="fb_message").value == "长" * 2001
    assert error_after(at, "fb_message") == too_long
    at.radio(key="fb_stance").set_value("objection")
    at.selectbox(key="fb_topic").set_value("other")
    send(at)
    assert error_after(at, "fb_message") == too_long
    assert at.text_area(key="fb_message").value == "长" * 2001
    assert not store_path.exists() or stored(store_path).count() == 0
    at.text_area(key="fb_message").input("长" * 2000).run()
    assert error_after(at, "fb_message") is None
    send(at)
    assert stored(store_path).get(at.code[0].value).message == "长" * 2000


def test_a_link_from_a_plan_page_fills_in_topic_and_element(store_path):
    at = page("feedback", topic="tourism", element="scenic_areas-1")
    assert at.selectbox(key="fb_topic").value == "tourism"
    assert at.selectbox(key="fb_element").value == "scenic_areas-1"
    at = page("feedback", element="roads-1")  # the topic follows the element
    assert at.selectbox(key="fb_topic").value == "transport"
    assert comment_params("tourism", "scenic_areas-1", "en") == {
        "topic": "tourism",
        "lang": "en",
        "element": "scenic_areas-1",
    }
    with pytest.raises(ValueError, match="unknown feedback topic"):
        comment_params("weather", None, "zh")


def test_a_link_with_a_point_preselects_its_cell_and_says_when_the_point_is_invalid(store_path):
    at = page("feedback", topic="other", at="120.000,47.200")  # inside the tiny test city
    cell = at.session_state["fb_cell"]
    assert cell and cell.startswith("c")
    assert comment_params("other", None, "zh", (120.0, 47.2))["at"] == "120.000,47.200"
    invalid = t("feedback.error.location_link_invalid", "zh")
    for bad in ("125.0,40.0", "not-a-point", "1,2,3", "999999,999999", "nan,nan", "inf,47.2", "1" * 5000):
        at = page("feedback", at=bad)
        assert "fb_cell" not in at.session_state
        assert invalid in [e.value for e in at.error], bad  # the reader is told the link's place is invalid


def test_an_element_that_does_not_exist_is_refused(store_path):
    at = page("feedback", topic="tourism", element="scenic-atlantis")
    assert at.selectbox(key="fb_element").value is None
    assert error_after(at, "fb_element") == t("feedback.error.element_unknown", "zh")


def test_a_location_outside_the_city_is_refused(store_path):
    at = fill(page("feedback"))
    at.session_state["fb_cell"] = "c0_0"  # a tampered client
    send(at)
    assert t("feedback.error.location_outside", "zh") in [e.value for e in at.error]
    assert not store_path.exists() or stored(store_path).count() == 0


def test_comment_on_this_link_opens_the_form(store_path):
    def plan_page():
        from pathlib import Path

        import streamlit as st

        import arshan_data
        from arshan_data.ui.components.feedback_link import comment_link

        pages = Path(arshan_data.__file__).parent.parent / "pages"
        st.navigation(
            [st.Page(lambda: None, title="plan"), st.Page(str(pages / "feedback.py"))], position="hidden"
        )
        comment_link("tourism", "scenic_areas-1", "en")

    at = AppTest.from_function(plan_page, default_timeout=60).run()
    link = at.get("page_link")[0]
    assert link.proto.label == "Comment on this"
    assert "topic=tourism" in link.proto.query_string and "element=scenic_areas-1" in link.proto.query_string


# --- abuse --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda at, mp: at.text_input(key="fb_website").input("http://spam.example"), "bot"),
        (lambda at, mp: mp.setenv("ARSHAN_MIN_SUBMIT_SECONDS", "60"), "too_fast"),
    ],
)
def test_bots_get_a_neutral_answer_and_nothing_is_stored(store_path, monkeypatch, setup, reason):
    at = fill(page("feedback"))
    setup(at, monkeypatch)
    st.cache_resource.clear()
    send(at)
    assert [w.value for w in at.warning if w.value == t(f"feedback.rejected.{reason}", "zh")]
    assert not at.code and at.text_area(key="fb_message").value == MESSAGE
    assert not store_path.exists() or stored(store_path).count() == 0


def test_the_third_comment_within_the_window_is_refused(store_path, monkeypatch):
    monkeypatch.setenv("ARSHAN_RATE_LIMIT_COUNT", "2")
    at = page("feedback")
    for i in range(2):
        send(fill(at, message=f"第{i}条：{MESSAGE}"))
        assert at.code, "saved"
        at.button(key="fb_another").click().run()
    send(fill(at, message=f"第3条：{MESSAGE}"))
    assert t("feedback.rejected.rate_limited", "zh", minutes=10) in [w.value for w in at.warning]
    assert stored(store_path).count() == 2


def test_the_same_comment_twice_is_recognised(store_path):
    at = send(fill(page("feedback")))
    at.button(key="fb_another").click().run()
    send(fill(at, message=MESSAGE + " "))
    assert t("feedback.rejected.duplicate", "zh") in [w.value for w in at.warning]
    assert stored(store_path).count() == 1


# --- the store failing ----------------------------------------------------------------------------
def _full_disk(store_path, monkeypatch):
    # Simulated: the store's insert raises SQLite's own SQLITE_FULL error (a real full disk is
    # exercised in test_durability via max_page_count; a tiny filesystem needs root mounts).
    def insert(self, *args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SqliteStore, "_insert", insert)


def _postgres_down(store_path, monkeypatch):
    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", "postgresql://127.0.0.1:1/feedback?connect_timeout=2")


@pytest.mark.parametrize("break_store", [_full_disk, _postgres_down, "read_only"])
def test_a_store_that_cannot_be_written_keeps_the_text_and_says_so(
    store_path, monkeypatch, caplog, break_store
):
    if break_store == "read_only":
        stored(store_path).count()  # the file exists
        guard = read_only(store_path)
        guard.__enter__()
    else:
        break_store(store_path, monkeypatch)
    try:
        st.cache_resource.clear()
        with caplog.at_level(logging.ERROR):
            at = send(fill(page("feedback")))
    finally:
        if break_store == "read_only":
            guard.__exit__(None, None, None)
    assert at.error[-1].value == t("feedback.notice.unavailable", "zh")
    assert t("feedback.receipt.title", "zh") not in [s.value for s in at.success] and not at.code
    assert at.text_area(key="fb_message").value == MESSAGE
    assert "NOT saved" in caplog.text
    if break_store != _postgres_down:
        assert stored(store_path).count() == 0


# --- what the page shows -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "start, end, late, state, form",
    [
        (-5, 5, True, "open", True),
        (-40, -10, True, "late", True),
        (-40, -10, False, "closed", False),
        (3, 30, True, "before", False),
    ],
)
def test_the_comment_period_comes_from_configuration(store_path, monkeypatch, start, end, late, state, form):
    today = dt.date.today()
    monkeypatch.setenv("ARSHAN_COMMENT_START", str(today + dt.timedelta(days=start)))
    monkeypatch.setenv("ARSHAN_COMMENT_END", str(today + dt.timedelta(days=end)))
    monkeypatch.setenv("ARSHAN_ACCEPT_LATE_COMMENTS", str(late).lower())
    at = page("feedback", lang="en")
    texts = markdown_texts(at)
    start_text = (today + dt.timedelta(days=start)).strftime("%-d %B %Y")
    assert any(start_text in x and ("ended" in x) == (state in ("late", "closed")) for x in texts)
    assert bool([w for w in at.text_area if w.key == "fb_message"]) == form


def test_the_plans_own_channels_are_shown(store_path):
    texts = " ".join(markdown_texts(page("feedback", lang="en")))
    for fact in ("aesgtj@126.com", "0482-7122988", "137400", "Wenquan Street", "9:00–11:00"):
        assert fact in texts


def test_a_hostile_comment_is_only_ever_plain_text(store_path, monkeypatch):
    at = send(fill(page("feedback"), message=HOSTILE))
    assert at.code[1].value == HOSTILE
    assert_plain_only(at)
    store = stored(store_path)
    reference = at.code[0].value
    store.answer(reference, "答复：" + HOSTILE, publish=True)

    heard = page("heard")
    assert HOSTILE in [x.value for x in heard.text]
    assert_plain_only(heard)

    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    st.cache_resource.clear()
    staff = staff_page()
    assert HOSTILE in staff.dataframe[0].value[t("staff.col.message", "zh")].tolist()
    staff.selectbox(key="staff_ref").set_value(reference).run()
    assert HOSTILE in [x.value for x in staff.text]
    assert_plain_only(staff)


def test_what_we_heard_shows_published_answers_without_personal_data(store_path):
    store = stored(store_path)
    shown = store.add(
        submission(name="张三", contact="13912345678", contact_kind="mobile", consent=True), "a"
    )
    hidden = store.add(submission(message="还没有答复的一条意见内容"), "b")
    store.answer(shown.reference, "我们会研究增设公厕。", publish=True)
    at = page("heard")
    texts = [x.value for x in at.text]
    assert submission().message in texts and "我们会研究增设公厕。" in texts
    assert "还没有答复的一条意见内容" not in texts
    everything = " ".join(texts + markdown_texts(at))
    assert "张三" not in everything and "13912345678" not in everything
    assert hidden.reference not in everything  # an unanswered comment is not in the record at all
    assert [m.value for m in at.metric] == ["2", "1"]


# --- staff --------------------------------------------------------------------------------------
def signed_in(at: AppTest) -> bool:
    return any(b.key == "staff_logout" for b in at.button)


def idle(at: AppTest, minutes: float) -> None:
    """As if the signed-in staff member had done nothing for ``minutes``."""
    session = at.session_state["staff_session"]
    at.session_state["staff_session"] = StaffSession(session.who, session.last - minutes * 60)


def staff_page() -> AppTest:
    """The staff page, signed in with the test password."""
    at = open_app("staff", timeout=60)
    at.text_input(key="staff_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert signed_in(at)
    return at


def test_staff_pages_refuse_everyone_when_no_login_is_configured(store_path):
    at = page("staff")
    assert at.error[0].value == t("staff.not_configured", "zh")
    assert not at.dataframe and not at.text_input


def test_staff_sign_in_lock_out_and_idle_timeout(store_path, monkeypatch, tmp_path):
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    monkeypatch.setenv("ARSHAN_STAFF_MAX_FAILURES", "2")
    monkeypatch.setattr(auth, "FAILURE_DELAY_S", 0.0)
    at = page("staff")
    at.text_input(key="staff_password").input("wrong one")
    at.button[0].click().run()
    assert at.error[-1].value == t("staff.login.wrong", "zh")
    at.text_input(key="staff_password").input(PASSWORD + "!")
    at.button[0].click().run()
    assert at.error[-1].value == t("staff.login.locked", "zh", minutes=15)
    assert not [w for w in at.text_input if w.key == "staff_password"]  # even the right one must wait

    st.cache_resource.clear()  # a restarted process (or another one) keeps the lock-out: it is in the store
    at = page("staff")
    at.text_input(key="staff_password").input(PASSWORD)
    at.button[0].click().run()
    assert not signed_in(at) and at.error[-1].value == t("staff.login.locked", "zh", minutes=15)

    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", str(tmp_path / "another-store.sqlite3"))
    st.cache_resource.clear()
    at = page("staff")
    at.text_input(key="staff_password").input(PASSWORD)
    at.button[0].click().run()
    assert signed_in(at) and at.session_state["staff_session"].who == "password"
    idle(at, 31)
    at.run()
    assert at.info[0].value == t("staff.session_expired", "zh", minutes=30)
    assert at.text_input(key="staff_password")


@pytest.mark.parametrize(
    "user, emails, expected",
    [
        ({"is_logged_in": True, "email": "planner@arxan.gov.cn"}, "planner@arxan.gov.cn", "granted"),
        ({"is_logged_in": True, "email": "stranger@example.com"}, "planner@arxan.gov.cn", "staff.forbidden"),
        ({"is_logged_in": False}, "*", "staff.oidc.prompt"),
    ],
)
def test_single_sign_on_replaces_the_password_when_configured(
    store_path, monkeypatch, user, emails, expected
):
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    monkeypatch.setenv("ARSHAN_STAFF_EMAILS", emails)
    at = AppTest.from_file(str(SCRIPT), default_timeout=60)
    at.secrets["arshan"] = {}
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "arshan",
        "client_secret": "s",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    at.user = user
    at.switch_page(page_path("staff")).run()
    assert not at.exception
    assert not [w for w in at.text_input if w.key == "staff_password"]  # no password form with OIDC
    if expected == "granted":
        assert signed_in(at) and t("staff.signed_in", "zh", who="planner@arxan.gov.cn") in markdown_texts(at)
    else:
        assert t(expected, "zh") in markdown_texts(at)


def test_staff_handle_a_comment_from_list_to_published_answer(store_path, monkeypatch):
    store = stored(store_path)
    ref = store.add(
        submission(
            name="张三",
            contact="13912345678",
            contact_kind="mobile",
            consent=True,
            element_id="scenic_areas-1",
        ),
        "a",
    ).reference
    store.add(submission(topic="heritage", message="保护好白狼镇的老房子"), "b")
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    at = staff_page()
    assert len(at.dataframe[0].value) == 2
    at.multiselect(key="staff_topics").set_value(["tourism"]).run()
    assert at.dataframe[0].value[t("staff.col.reference", "zh")].tolist() == [ref]
    at.selectbox(key="staff_ref").set_value(ref).run()
    assert "13912345678" in " ".join(x.value for x in at.text)  # staff see the contact
    at.button(key=f"staff_mark_read_{ref}").click().run()
    assert store.get(ref).status == "read"
    at.text_area(key=f"staff_answer_{ref}").input("已转交文旅部门研究。")
    at.checkbox(key=f"staff_publish_{ref}").check()
    at.button(key=f"staff_save_{ref}").click().run()
    comment = store.get(ref)
    assert (comment.status, comment.answer, comment.published) == ("answered", "已转交文旅部门研究。", True)
    at.checkbox(key=f"staff_erase_ok_{ref}").check().run()
    at.button(key=f"staff_erase_{ref}").click().run()
    assert store.personal(ref) is None and store.get(ref).message == submission().message
    at.button(key=f"staff_delete_{ref}").click().run()
    assert store.get(ref).deleted_at is not None and store.count() == 1
    # Map, counts and exports, one view at a time; the contacts export only after saying why.
    at.session_state["staff_view"] = "map"
    at.run()
    assert at.get("deck_gl_json_chart") and not at.get("plotly_chart") and not at.dataframe[1:]
    at.session_state["staff_view"] = "charts"
    at.run()
    assert len(at.get("plotly_chart")) == 2
    at.session_state["staff_view"] = "export"
    at.run()
    assert len(at.get("download_button")) == 2
    at.checkbox(key="staff_contacts_ok").check().run()
    assert len(at.get("download_button")) == 3


def test_staff_filter_by_date_range_and_search(store_path, monkeypatch):
    store = stored(store_path)
    at_time = dt.datetime(2023, 2, 10, 2, 0, tzinfo=dt.UTC)
    old = store.add(submission(message="二月十日的意见：修缮温泉街"), "a", at=at_time).reference
    new = store.add(submission(message="今天的意见：增加停车场"), "b").reference
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    at = staff_page()

    def refs() -> list:
        return at.dataframe[0].value[t("staff.col.reference", "zh")].tolist() if at.dataframe else []

    assert set(refs()) == {old, new}
    at.date_input(key="staff_dates").set_value((dt.date(2023, 2, 10), dt.date(2023, 2, 10))).run()
    assert refs() == [old]
    at.date_input(key="staff_dates").set_value((dt.date(2023, 2, 11), dt.date(2023, 2, 12))).run()
    assert refs() == [] and t("staff.empty", "zh") in markdown_texts(at)
    at.date_input(key="staff_dates").set_value(()).run()
    at.text_input(key="staff_text").input("停车场").run()
    assert refs() == [new]
    at.text_input(key="staff_text").input(old.lower()).run()
    assert refs() == [old]


# --- the staff gate runs before every staff action (issue 16, items 3 and 4) ----------------------
def staff_with_one_comment(store_path, monkeypatch) -> tuple[AppTest, SqliteStore, str]:
    store = stored(store_path)
    ref = store.add(
        submission(name="张三", contact="13912345678", contact_kind="mobile", consent=True), "a"
    ).reference
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    at = staff_page()
    at.selectbox(key="staff_ref").set_value(ref).run()
    return at, store, ref


def assert_expired_and_signed_out(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert t("staff.session_expired", "zh", minutes=30) in markdown_texts(at)
    assert not signed_in(at) and at.text_input(key="staff_password")
    assert "13912345678" not in " ".join(x.value for x in at.text)


def test_delete_after_the_session_expired_deletes_nothing(store_path, monkeypatch):
    at, store, ref = staff_with_one_comment(store_path, monkeypatch)
    idle(at, 31)
    at.button(key=f"staff_delete_{ref}").click().run()
    assert_expired_and_signed_out(at)
    assert store.get(ref).deleted_at is None
    assert t("staff.done.delete", "zh") not in markdown_texts(at)


def test_answer_and_publish_after_the_session_expired_store_nothing(store_path, monkeypatch):
    at, store, ref = staff_with_one_comment(store_path, monkeypatch)
    at.text_area(key=f"staff_answer_{ref}").input("已转交文旅部门研究。")
    at.checkbox(key=f"staff_publish_{ref}").check()
    idle(at, 31)
    at.button(key=f"staff_save_{ref}").click().run()
    assert_expired_and_signed_out(at)
    comment = store.get(ref)
    assert (comment.status, comment.answer, comment.published) == ("new", None, False)


def test_an_action_after_signing_out_changes_nothing(store_path, monkeypatch):
    at, store, ref = staff_with_one_comment(store_path, monkeypatch)
    session = at.session_state["staff_session"]
    session.end()  # signed out (e.g. in another tab of the same session)
    at.session_state["staff_session"] = session
    at.button(key=f"staff_mark_spam_{ref}").click().run()
    assert not signed_in(at)
    assert store.get(ref).status == "new"


def test_a_second_session_without_sign_in_gets_no_contacts(store_path, monkeypatch):
    staff, _store, _ref = staff_with_one_comment(store_path, monkeypatch)
    staff.session_state["staff_view"] = "export"
    staff.run()
    staff.checkbox(key="staff_contacts_ok").check().run()
    assert len(staff.get("download_button")) == 3
    other = page("staff")  # another browser, same server process, never signed in
    other.session_state["staff_view"] = "export"
    other.session_state["staff_contacts_ok"] = True
    other.run()
    assert not other.get("download_button") and not signed_in(other)
    assert "13912345678" not in " ".join(x.value for x in other.text)


# --- the audit trail (issue 16, item 9) ------------------------------------------------------------
def test_staff_sign_ins_and_actions_are_in_the_audit_log_and_the_server_log(store_path, monkeypatch, caplog):
    monkeypatch.setattr(auth, "FAILURE_DELAY_S", 0.0)
    monkeypatch.setenv("ARSHAN_STAFF_PASSWORD_HASH", hash_password(PASSWORD, iterations=1000))
    store = stored(store_path)
    ref = store.add(submission(), "a").reference
    with caplog.at_level(logging.INFO, logger="arshan_data.audit"):
        at = page("staff")
        at.text_input(key="staff_password").input("wrong")
        at.button[0].click().run()
        at.text_input(key="staff_password").input(PASSWORD)
        at.button[0].click().run()
        at.selectbox(key="staff_ref").set_value(ref).run()
        at.button(key=f"staff_mark_read_{ref}").click().run()
        at.text_area(key=f"staff_answer_{ref}").input("已转交文旅部门研究。")
        at.checkbox(key=f"staff_publish_{ref}").check()
        at.button(key=f"staff_save_{ref}").click().run()
        at.button(key=f"staff_delete_{ref}").click().run()
    log = store.audit_log()
    assert [(e.action, e.reference) for e in reversed(log)] == [
        ("signin_failed", None),
        ("signin", None),
        ("status", ref),
        ("answer", ref),
        ("publish", ref),
        ("delete", ref),
    ]
    assert {e.who for e in log} == {"password"} and log[3].detail == "read"
    lines = [r.getMessage() for r in caplog.records if r.name == "arshan_data.audit"]
    assert len(lines) == 6 and all(line.startswith("staff audit: who=password") for line in lines)
    assert f"action=delete reference={ref}" in lines[-1]
    # viewable on the desk, newest first, with its export
    at.session_state["staff_view"] = "audit"
    at.run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert shown[t("staff.audit.col.action", "zh")].tolist()[0] == t("staff.audit.action.delete", "zh")
    assert shown[t("staff.audit.col.reference", "zh")].tolist()[0] == ref
    assert [b for b in at.get("download_button")]


def test_the_app_logs_with_utc_timestamps(capsys):
    import re

    from arshan_data.ui import logs

    logs.configure()
    logs.configure()  # once per process, however often it is called
    handlers = [h for h in logging.getLogger("arshan_data").handlers if h.get_name() == logs.HANDLER_NAME]
    assert len(handlers) == 1 and logging.getLogger("arshan_data").getEffectiveLevel() == logging.INFO
    record = logging.LogRecord("arshan_data.audit", logging.INFO, __file__, 1, "staff audit: x", (), None)
    line = handlers[0].format(record)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ INFO arshan_data.audit: staff audit: x$", line), line


MARKDOWN_CALLS = {
    "markdown",
    "write",
    "caption",
    "error",
    "warning",
    "info",
    "success",
    "title",
    "header",
    "subheader",
    "toast",
    "html",
}
USER_FIELDS = {"message", "answer", "contact"}


@pytest.mark.parametrize(
    "module", ["pages/feedback", "pages/heard", "staff/desk", "staff/comment", "staff/login"]
)
def test_user_text_never_reaches_a_markdown_call(module):
    """A static guard for the AppTests above: no Markdown-rendering call is given a comment's
    text, answer or contact (those go to st.text, st.code or tables)."""
    import ast

    path = REPO / "arshan_data" / "ui" / f"{module}.py"  # a module that moved fails here, loudly
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in ast.walk(tree):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in MARKDOWN_CALLS
        ):
            continue
        for node in ast.walk(ast.Module(body=[ast.Expr(a) for a in call.args], type_ignores=[])):
            field = (
                node.attr
                if isinstance(node, ast.Attribute)
                else (
                    node.slice.value
                    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
                    else None
                )
            )
            assert field not in USER_FIELDS, (
                f"{module}.py line {call.lineno}: st.{call.func.attr} gets {field}"
            )
