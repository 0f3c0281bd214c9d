"""The path of one submission: bot checks, validation, duplicates, rate limit, then the store."""

import datetime as dt
import logging

import pytest

from arshan_data.feedback import service
from arshan_data.feedback.model import FormInput
from arshan_data.feedback.postgres_store import PostgresStore
from arshan_data.feedback.ratelimit import RateLimiter
from arshan_data.feedback.sqlite_store import SqliteStore

from .conftest import HERE

POLICY = service.Policy(min_submit_seconds=3.0, duplicate_window=dt.timedelta(hours=24))


@pytest.fixture
def store(tmp_path):
    return SqliteStore(tmp_path / "feedback.sqlite3")


def send(
    store,
    *,
    message="景区之间的公交班次太少，建议增加。",
    honeypot="",
    shown_ago=10.0,
    key="k1",
    client="ip:203.0.113.7",
    limiter=None,
    **fields,
):
    form = FormInput(
        stance=fields.pop("stance", "suggestion"),
        topic=fields.pop("topic", "transport"),
        message=message,
        **fields,
    )
    return service.submit(
        form,
        honeypot=honeypot,
        token=service.FormToken(key, shown_at=100.0 - shown_ago),
        client_key=client,
        client_hash=f"h-{client}",
        repo=store,
        limiter=limiter or RateLimiter(5, 600),
        policy=POLICY,
        elements={"scenic-tianchi"},
        cells={HERE.cell_id: HERE},
        clock=lambda: 100.0,
    )


def test_a_good_comment_is_saved_with_a_receipt(store):
    outcome = send(store, element_id="scenic-tianchi", cell_id=HERE.cell_id)
    assert outcome.kind == service.SAVED and outcome.receipt.new
    assert store.get(outcome.receipt.reference).cell_id == HERE.cell_id


@pytest.mark.parametrize(
    "kwargs, reason",
    [
        ({"honeypot": "http://spam.example"}, "bot"),
        ({"shown_ago": 1.0}, "too_fast"),
    ],
)
def test_bots_are_turned_away_neutrally_and_nothing_is_stored(store, kwargs, reason):
    outcome = send(store, **kwargs)
    assert (outcome.kind, outcome.reason) == (service.REJECTED, reason)
    assert store.count() == 0


def test_bad_fields_are_reported_and_nothing_is_stored(store):
    outcome = send(store, message="短", contact="13912345678")
    assert outcome.kind == service.INVALID
    assert outcome.errors == {"message": "message_too_short", "consent": "consent_required"}
    assert store.count() == 0


def test_the_same_text_again_from_the_same_client_is_a_duplicate(store):
    assert send(store, key="k1").kind == service.SAVED
    again = send(store, key="k2", message="景区之间的公交班次太少，  建议增加。")
    assert (again.kind, again.reason) == (service.REJECTED, "duplicate")
    assert send(store, key="k3", client="ip:198.51.100.1").kind == service.SAVED  # someone else may
    assert store.count() == 2


def test_a_retry_with_the_same_key_returns_the_same_receipt(store):
    first = send(store, key="k1")
    retry = send(store, key="k1")
    assert retry.kind == service.SAVED and retry.receipt.reference == first.receipt.reference
    assert not retry.receipt.new and store.count() == 1


def test_the_sixth_comment_in_ten_minutes_is_refused(store):
    limiter = RateLimiter(5, 600)
    for i in range(5):
        assert (
            send(store, key=f"k{i}", message=f"第{i}条关于交通的意见内容", limiter=limiter).kind
            == service.SAVED
        )
    sixth = send(store, key="k5", message="第六条关于交通的意见内容", limiter=limiter)
    assert (sixth.kind, sixth.reason) == (service.REJECTED, "rate_limited")
    assert 0 < sixth.retry_after_s <= 600
    assert store.count() == 5


def test_a_store_that_is_down_is_never_reported_as_saved(caplog):
    down = PostgresStore("postgresql://127.0.0.1:1/feedback", connect_timeout_s=2)
    with caplog.at_level(logging.ERROR, logger="arshan_data.feedback.service"):
        outcome = send(down)
    assert outcome.kind == service.UNAVAILABLE and outcome.receipt is None
    assert "NOT saved" in caplog.text and "cannot connect" in caplog.text


class Flaky:
    """A store that fails the first ``failures`` writes, then works (a disk fixed, a database back)."""

    def __init__(self, store, failures: int):
        self.store, self.failures = store, failures

    def __getattr__(self, name):
        return getattr(self.store, name)

    def add(self, *args, **kwargs):
        if self.failures:
            self.failures -= 1
            raise service.StoreUnavailable("the disk is read-only")
        return self.store.add(*args, **kwargs)


def test_failed_writes_never_use_up_the_rate_limit(store):
    limiter = RateLimiter(5, 600)
    flaky = Flaky(store, failures=7)
    for i in range(7):  # seven tries while the store is broken: all "not saved", none counted
        assert send(flaky, key=f"k{i}", limiter=limiter).kind == service.UNAVAILABLE
    outcome = send(flaky, key="k7", limiter=limiter)  # the store is fixed: the citizen gets in
    assert outcome.kind == service.SAVED and store.count() == 1
    for i in range(4):
        assert send(store, key=f"more{i}", message=f"第{i}条关于交通的意见内容", limiter=limiter).kind == (
            service.SAVED
        )
    assert (
        send(store, key="sixth", message="第六条关于交通的意见内容", limiter=limiter).reason == "rate_limited"
    )


def test_a_retry_of_a_stored_comment_is_not_counted_twice(store):
    limiter = RateLimiter(2, 600)
    for _ in range(3):
        assert send(store, key="same", limiter=limiter).kind == service.SAVED
    assert store.count() == 1
    assert send(store, key="other", message="另一条关于交通的意见内容", limiter=limiter).kind == service.SAVED


@pytest.mark.parametrize(
    "message, field_error",
    [
        ("\u200b" * 20, "message_required"),  # only zero-width spaces
        ("\u200b\u200d\ufeff\u2060 \u00a0\u3000" * 5, "message_required"),  # only invisible or blank
        ("建议增加停车场\ud800和公交班次", "text_unreadable"),  # a lone surrogate
    ],
)
def test_invisible_or_unreadable_text_is_refused_beside_the_field(store, message, field_error):
    outcome = send(store, message=message)
    assert outcome.kind == service.INVALID and outcome.errors == {"message": field_error}
    assert store.count() == 0


def test_a_lone_surrogate_in_the_name_is_refused_beside_the_name(store):
    outcome = send(store, name="张\udfff三")
    assert outcome.kind == service.INVALID and outcome.errors == {"name": "text_unreadable"}
