"""Looking up one's own comment by its reference number (查询码), on both stores: the status,
and the text and answer only once published; never a name or contact; rate-limited."""

from __future__ import annotations

import dataclasses

import pytest

from arshan_data.feedback import service
from arshan_data.feedback.model import normalise_reference
from arshan_data.feedback.ratelimit import RateLimiter
from arshan_data.feedback.repository import StoreUnavailable

from .conftest import submission

PERSONAL = dict(name="张三", contact="13912345678", contact_kind="mobile", consent=True)


def look(repo, text: str, limiter: RateLimiter | None = None, client: str = "ip:203.0.113.7"):
    return service.lookup(text, client_key=client, repo=repo, limiter=limiter or RateLimiter(5, 600))


def public_fields(result: service.Lookup) -> str:
    return " ".join(str(v) for v in dataclasses.asdict(result).values())


def test_a_new_comment_shows_it_was_received_and_nothing_of_its_text_or_author(repo):
    receipt = repo.add(submission(**PERSONAL), "k1")
    result = look(repo, receipt.reference)
    assert (result.kind, result.status, result.published) == (service.FOUND, "received", False)
    assert result.received_on == repo.get(receipt.reference).local_date
    shown = public_fields(result)
    assert submission().message not in shown and "张三" not in shown and "13912345678" not in shown


def test_an_answered_unpublished_comment_shows_the_status_but_not_the_answer(repo):
    receipt = repo.add(submission(), "k1")
    repo.answer(receipt.reference, "内部答复，不公开。")
    result = look(repo, receipt.reference)
    assert (result.status, result.published, result.answer, result.message) == ("answered", False, None, None)


def test_a_published_answer_is_shown_with_the_comment(repo):
    receipt = repo.add(submission(**PERSONAL), "k1")
    repo.answer(receipt.reference, "我们会研究增设公厕。", publish=True)
    result = look(repo, receipt.reference)
    assert (result.status, result.published) == ("answered", True)
    assert (result.message, result.answer) == (submission().message, "我们会研究增设公厕。")
    assert "张三" not in public_fields(result) and "13912345678" not in public_fields(result)


def test_staff_words_never_reach_the_author(repo):
    read = repo.add(submission(), "k1")
    spam = repo.add(submission(message="另一条完全不同的意见内容。", client_hash="b"), "k2")
    repo.set_status(read.reference, "read")
    repo.set_status(spam.reference, "spam")
    assert look(repo, read.reference).status == "read"
    assert look(repo, spam.reference).status == "closed"


def test_the_reference_can_be_typed_loosely(repo):
    receipt = repo.add(submission(), "k1")
    typed = receipt.reference.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert look(repo, typed).reference == receipt.reference
    assert look(repo, typed).kind == service.FOUND


@pytest.mark.parametrize("text", ["", "   ", "hello", "AR-1234", "AR-1234-567U", "AR-1234-56789", "x" * 5000])
def test_text_that_cannot_be_a_reference_is_invalid_and_does_not_count(repo, text):
    limiter = RateLimiter(1, 600)
    assert look(repo, text, limiter).kind == service.INVALID
    assert limiter.retry_after("ip:203.0.113.7") == 0  # nothing was counted


def test_unknown_and_deleted_references_are_simply_not_found(repo):
    receipt = repo.add(submission(), "k1")
    repo.delete(receipt.reference)
    deleted, unknown = look(repo, receipt.reference), look(repo, "AR-ZZZZ-ZZZZ")
    assert deleted.kind == unknown.kind == service.NOT_FOUND
    assert dataclasses.replace(deleted, reference=None) == dataclasses.replace(unknown, reference=None)


def test_lookups_are_rate_limited_per_client_found_or_not(repo):
    receipt = repo.add(submission(), "k1")
    limiter = RateLimiter(3, 600)
    kinds = [look(repo, ref, limiter).kind for ref in ("AR-ZZZZ-ZZZZ", "AR-ZZZZ-ZZZY", receipt.reference)]
    assert kinds == [service.NOT_FOUND, service.NOT_FOUND, service.FOUND]
    refused = look(repo, receipt.reference, limiter)
    assert refused.kind == service.REJECTED and refused.status is None and refused.retry_after_s > 0
    assert look(repo, receipt.reference, limiter, client="ip:198.51.100.1").kind == service.FOUND


def test_a_store_that_is_down_says_so_and_the_try_is_given_back():
    class Down:
        def get(self, reference):
            raise StoreUnavailable("down")

    limiter = RateLimiter(1, 600)
    assert look(Down(), "AR-ZZZZ-ZZZZ", limiter).kind == service.UNAVAILABLE
    assert limiter.try_acquire("ip:203.0.113.7")  # the failed lookup did not use the one try


def test_normalise_reference():
    assert normalise_reference("ar-7k3q-x9m2") == "AR-7K3Q-X9M2"
    assert normalise_reference("AR 7K3Q X9M2") == "AR-7K3Q-X9M2"
    assert normalise_reference("ＡＲ－７Ｋ３Ｑ－Ｘ９Ｍ２") == "AR-7K3Q-X9M2"  # typed on a Chinese keyboard
    assert normalise_reference("AR-OIL0-0000") == "AR-0110-0000"
    assert normalise_reference("AR-7K3U-X9M2") is None  # U is not in the alphabet
