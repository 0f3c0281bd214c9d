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
