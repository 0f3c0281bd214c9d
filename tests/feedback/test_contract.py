"""The repository contract: every test runs against SQLite and against a real PostgreSQL."""

import dataclasses
import datetime as dt
import sys

import pytest

from arshan_data.feedback.model import PUBLIC_RECORD, REFERENCE_RE, CommentFilter
from arshan_data.feedback.repository import (
    FeedbackRepository,
    StoreUnavailable,
    UnknownComment,
    open_repository,
)

from .conftest import HERE, HOSTILE, submission

UTC = dt.UTC


def migrations_of(repo):
    return sys.modules[type(repo).__module__]


def test_first_use_creates_a_versioned_schema(repo, store_url):
    assert isinstance(repo, FeedbackRepository)
    assert repo.count() == 0
    latest = migrations_of(repo).LATEST
    assert latest >= 2 and repo.schema_version() == latest
    again = open_repository(store_url)  # a second process opening the same store
    assert again.schema_version() == latest and again.count() == 0
    again.close()


def test_an_older_store_is_migrated_on_first_use_and_keeps_its_comments(store_url, monkeypatch):
    module = sys.modules[type(open_repository(store_url)).__module__]
    with monkeypatch.context() as old_app:
        old_app.setattr(module, "MIGRATIONS", module.MIGRATIONS[:1])
        old_app.setattr(module, "LATEST", 1)
        old = open_repository(store_url)
        ref = old.add(submission(location=HERE), "from-version-1").reference
        assert old.schema_version() == 1
        old.close()
    new = open_repository(store_url)
    assert new.get(ref).cell_id == HERE.cell_id
    assert new.schema_version() == module.LATEST
    assert new.counts_by_cell() == [(HERE.cell_id, HERE.lon, HERE.lat, 1)]
    new.close()


def test_a_comment_reads_back_exactly_as_typed(repo):
    typed = HOSTILE + "\n\n第二段：阿尔山天池  \t"
    receipt = repo.add(submission(message=typed, element_id="scenic-tianchi", location=HERE, lang="en"), "k1")
    assert receipt.new and REFERENCE_RE.match(receipt.reference)
    comment = repo.get(receipt.reference)
    assert comment.message == typed
    assert (comment.stance, comment.topic, comment.element_id, comment.lang) == (
        "suggestion",
        "tourism",
        "scenic-tianchi",
        "en",
    )
    assert (comment.cell_id, comment.lon, comment.lat) == (HERE.cell_id, HERE.lon, HERE.lat)
    assert (comment.status, comment.published, comment.answer, comment.deleted_at) == (
        "new",
        False,
        None,
        None,
    )
    assert comment.created_at == receipt.created_at and comment.created_at.tzinfo is not None
    assert repo.get("AR-0000-0000") is None


def test_a_repeated_idempotency_key_stores_one_comment(repo):
    first = repo.add(
        submission(name="张三", contact="13912345678", contact_kind="mobile", consent=True), "same"
    )
    again = repo.add(submission(message="a different retry body, same key"), "same")
    assert again == dataclasses.replace(first, new=False)
    assert repo.count() == 1
    assert repo.get(first.reference).message == submission().message
    assert len(repo.contacts()) == 1


def test_references_are_unique_random_and_readable(repo):
    refs = {
        repo.add(submission(message=f"comment number {i} about roads"), f"k{i}").reference for i in range(40)
    }
    assert len(refs) == 40
    assert all(REFERENCE_RE.match(ref) for ref in refs)


def test_personal_data_is_kept_apart_from_the_comment(repo):
    with_contact = repo.add(
        submission(name="王五", contact="wang@example.cn", contact_kind="email", consent=True), "a"
    ).reference
    name_only = repo.add(submission(message="只留了名字的一条意见内容", name="赵六"), "b").reference
    anonymous = repo.add(submission(message="匿名的一条意见，没有个人信息"), "c").reference
    comment_fields = {f.name for f in dataclasses.fields(repo.get(with_contact))}
    assert not comment_fields & {"name", "contact", "contact_kind", "consent_at", "client_hash"}
    person = repo.personal(with_contact)
    assert (person.name, person.contact, person.contact_kind) == ("王五", "wang@example.cn", "email")
    assert person.consent_at is not None
    assert repo.personal(name_only).name == "赵六" and repo.personal(name_only).consent_at is None
    assert repo.personal(anonymous) is None
    assert [p.reference for p in repo.contacts()] == [with_contact]
    assert {c.reference: c.has_personal for c in repo.find()} == {
        with_contact: True,
        name_only: True,
        anonymous: False,
    }


def test_erasing_personal_data_keeps_the_comment(repo):
    ref = repo.add(
        submission(name="张三", contact="13912345678", contact_kind="mobile", consent=True), "k"
    ).reference
    other = repo.add(submission(message="另一条意见，个人信息不应被删", name="李四"), "k2").reference
    repo.erase_personal(ref)
    assert repo.personal(ref) is None and repo.contacts() == []
    comment = repo.get(ref)
    assert comment.message == submission().message and comment.personal_erased_at is not None
    assert not comment.has_personal
    assert repo.personal(other).name == "李四"
    # The keyed client hash goes too, so the comment can no longer be tied to a connection.
    assert not repo.is_duplicate(
        submission().fingerprint, "client-a", dt.datetime(2000, 1, 1, tzinfo=UTC), "new"
    )
    with pytest.raises(UnknownComment):
        repo.erase_personal("AR-0000-0000")


def test_status_workflow(repo):
    ref = repo.add(submission(), "k").reference
    repo.set_status(ref, "read")
    assert repo.get(ref).status == "read"
    with pytest.raises(ValueError, match="writing an answer"):
        repo.set_status(ref, "answered")
    with pytest.raises(ValueError, match="unknown status"):
        repo.set_status(ref, "archived")
    with pytest.raises(ValueError, match="only an answered comment"):
        repo.set_published(ref, True)
    repo.answer(ref, "感谢您的意见，我们将在详细规划中研究。", publish=True)
    comment = repo.get(ref)
    assert (comment.status, comment.published, comment.answer) == (
        "answered",
        True,
        "感谢您的意见，我们将在详细规划中研究。",
    )
    assert comment.answered_at is not None
    repo.set_status(ref, "spam")  # spam is never public
    assert (repo.get(ref).status, repo.get(ref).published) == ("spam", False)
    with pytest.raises(UnknownComment):
        repo.set_status("AR-0000-0000", "read")


def test_the_public_record_is_answered_published_and_not_deleted(repo):
    refs = {
        name: repo.add(submission(message=f"public record test comment {name}"), name).reference
        for name in ("published", "unpublished", "unanswered", "deleted")
    }
    repo.answer(refs["published"], "答复一", publish=True)
    repo.answer(refs["unpublished"], "答复二", publish=False)
    repo.answer(refs["deleted"], "答复三", publish=True)
    repo.delete(refs["deleted"])
    assert [c.reference for c in repo.find(PUBLIC_RECORD)] == [refs["published"]]
    assert repo.count(PUBLIC_RECORD) == 1
    assert repo.counts_by_topic(PUBLIC_RECORD) == {"tourism": 1}
    repo.set_published(refs["published"], False)
    assert repo.find(PUBLIC_RECORD) == []


def test_soft_delete_hides_and_restore_brings_back(repo):
    ref = repo.add(submission(), "k").reference
    repo.delete(ref)
    assert repo.count() == 0 and repo.find() == []
    assert repo.get(ref).deleted_at is not None  # still in the store
    assert [c.reference for c in repo.find(CommentFilter(include_deleted=True))] == [ref]
    repo.restore(ref)
    assert repo.count() == 1 and repo.get(ref).deleted_at is None


def test_filters_by_topic_status_element_date_and_text(repo):
    at = dt.datetime(2023, 2, 3, 16, 30, tzinfo=UTC)  # 2023-02-04 00:30 in Arxan (UTC+8)
    a = repo.add(
        submission(topic="transport", message="修建通往伊尔施的公路 ROAD", element_id="road-g331"), "a", at=at
    ).reference
    b = repo.add(
        submission(topic="tourism", message="天池景区的停车场太小了"), "b", at=at - dt.timedelta(hours=1)
    ).reference
    repo.set_status(b, "read")

    def refs(**kw):
        return {c.reference for c in repo.find(CommentFilter(**kw))}

    assert refs(topics=("transport",)) == {a}
    assert refs(topics=("transport", "tourism")) == {a, b}
    assert refs(statuses=("read",)) == {b}
    assert refs(element_id="road-g331") == {a}
    assert refs(date_from=dt.date(2023, 2, 4)) == {a}
    assert refs(date_to=dt.date(2023, 2, 3)) == {b}
    assert refs(date_from=dt.date(2023, 2, 3), date_to=dt.date(2023, 2, 4)) == {a, b}
    assert refs(text="road") == {a}  # case-insensitive
    assert refs(text="停车场") == {b}
    assert refs(text=b.lower()) == {b}  # a reference read out over the phone
    assert refs(text="100%_") == set()
    assert repo.count(CommentFilter(topics=("tourism",))) == 1


def test_counts_by_topic_day_and_cell(repo):
    day1 = dt.datetime(2023, 2, 10, 1, 0, tzinfo=UTC)
    repo.add(submission(topic="tourism", location=HERE), "a", at=day1)
    repo.add(submission(topic="tourism", message="second comment on tourism", location=HERE), "b", at=day1)
    repo.add(
        submission(topic="heritage", message="a comment about heritage"), "c", at=day1 + dt.timedelta(days=1)
    )
    assert repo.counts_by_topic() == {"tourism": 2, "heritage": 1}
    assert repo.counts_by_day() == {dt.date(2023, 2, 10): 2, dt.date(2023, 2, 11): 1}
    assert repo.counts_by_cell() == [(HERE.cell_id, HERE.lon, HERE.lat, 2)]


def test_duplicates_are_the_same_text_from_the_same_client_recently(repo):
    now = dt.datetime.now(UTC)
    sub = submission(message="Same   text, same client")
    repo.add(sub, "first")
    fp = submission(message="same text, SAME client").fingerprint
    assert repo.is_duplicate(fp, "client-a", now - dt.timedelta(hours=24), "second")
    assert not repo.is_duplicate(fp, "client-a", now - dt.timedelta(hours=24), "first")  # a retry
    assert not repo.is_duplicate(fp, "client-b", now - dt.timedelta(hours=24), "second")
    assert not repo.is_duplicate(fp, "client-a", now + dt.timedelta(minutes=1), "second")


def test_lists_are_newest_first_and_paged(repo):
    start = dt.datetime(2023, 2, 5, tzinfo=UTC)
    refs = [
        repo.add(
            submission(message=f"paged comment number {i:02d}"), f"k{i}", at=start + dt.timedelta(minutes=i)
        ).reference
        for i in range(25)
    ]
    newest_first = refs[::-1]
    assert [c.reference for c in repo.find(limit=10)] == newest_first[:10]
    assert [c.reference for c in repo.find(limit=10, offset=20)] == newest_first[20:]
    assert len(repo.find(limit=None)) == 25


def test_bulk_import_is_idempotent_too(repo):
    at = dt.datetime(2023, 2, 20, tzinfo=UTC)
    items = [(submission(message=f"imported comment {i} by post"), f"post-{i}", at) for i in range(10)]
    assert repo.import_many(items) == 10
    assert repo.import_many(items) == 0
    assert repo.count() == 10


def test_a_store_written_by_a_newer_app_is_refused(repo, store_url):
    repo.count()
    with repo._transaction() as tx:  # what a future version of the app would leave behind
        tx.execute(
            "INSERT INTO schema_migrations VALUES (99, 'from the future', ?)",
            [repo._ts(dt.datetime.now(UTC))],
        )
    newer = open_repository(store_url)
    with pytest.raises(StoreUnavailable, match="newer than this app"):
        newer.count()
    newer.close()


def test_a_reference_drawn_twice_is_drawn_again_not_lost(repo, monkeypatch):
    """References are random: when a new one is already taken, the comment is stored with
    another (one comment through ``add``, a whole batch through ``import_many``)."""
    from arshan_data.feedback import sqlbase

    first = repo.add(submission(message="the first comment, which takes a reference"), "k-first")
    draws = iter([first.reference, "AR-0000-0001", first.reference, "AR-0000-0002", "AR-0000-0003"])
    monkeypatch.setattr(sqlbase, "new_reference", lambda: next(draws))
    second = repo.add(submission(message="the second comment, unlucky with its first draw"), "k-second")
    assert second.new and second.reference == "AR-0000-0001"
    at = dt.datetime(2023, 2, 20, tzinfo=UTC)
    batch = [(submission(message=f"imported comment {i} by post"), f"post-{i}", at) for i in range(2)]
    assert repo.import_many(batch) == 2
    assert repo.count() == 4
    assert {c.reference for c in repo.find(limit=None)} == {
        first.reference,
        "AR-0000-0001",
        "AR-0000-0002",
        "AR-0000-0003",
    }


# --- one text normalisation for both stores (issue 16, items 7 and 10) ----------------------------
def test_control_characters_are_removed_and_text_is_nfc_on_both_stores(repo):
    typed = "请修\x00缮温泉街\x07的路面。\r\n第二行\t缩进 Cafe\u0301\x1b[31m"
    ref = repo.add(submission(message=typed, name="张\x00三", contact="139\x0012345678"), "nul").reference
    comment = repo.get(ref)
    assert comment.message == "请修缮温泉街的路面。\n第二行\t缩进 Caf\u00e9[31m"
    person = repo.personal(ref)
    assert (person.name, person.contact) == ("张三", "13912345678")
    repo.answer(ref, "已\x00收到。", publish=True)
    assert repo.get(ref).answer == "已收到。"
    assert [c.reference for c in repo.find(CommentFilter(text="修缮温泉街"))] == [ref]


def test_a_lone_surrogate_is_refused_before_anything_is_written(repo):
    with pytest.raises(ValueError, match="surrogate"):
        repo.add(submission(message="建议增加\ud800停车场和公交"), "surrogate")
    assert repo.count() == 0
    assert repo.find(CommentFilter(text="\ud800")) == []  # a search for one finds nothing, quietly


# --- the audit log (issue 16, item 9) --------------------------------------------------------------
def test_the_audit_log_keeps_who_what_when_and_which_comment(repo):
    ref = repo.add(submission(), "audited").reference
    before = dt.datetime.now(UTC) - dt.timedelta(seconds=5)
    repo.audit("planner@arxan.gov.cn", "signin", detail="single sign-on")
    repo.audit("planner@arxan.gov.cn", "answer", ref, "published")
    repo.audit("planner@arxan.gov.cn", "delete", ref, "=cmd|' /C calc'!A0")
    log = repo.audit_log()
    assert [(e.who, e.action, e.reference) for e in log] == [
        ("planner@arxan.gov.cn", "delete", ref),
        ("planner@arxan.gov.cn", "answer", ref),
        ("planner@arxan.gov.cn", "signin", None),
    ]
    assert all(e.at.utcoffset() == dt.timedelta(0) and e.at >= before for e in log)
    assert log[0].detail == "=cmd|' /C calc'!A0" and len(repo.audit_log(limit=1)) == 1
    with pytest.raises(ValueError, match="unknown audit action"):
        repo.audit("x", "launch-missiles")
