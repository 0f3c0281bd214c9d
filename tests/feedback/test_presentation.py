"""A presentation shared with its audience, on both stores: the public code reads the presenter's
slide (from another process too), only the presenter's token moves it, sessions expire, and the
store never holds the token itself."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from arshan_data.feedback import presentation as pres
from arshan_data.feedback.repository import open_repository

from .conftest import submission

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_the_audience_reads_the_slide_the_presenter_moved_to_from_another_process(repo, store_url):
    shared = repo.create_presentation(1, "zh", at=T0)
    assert pres.normalise_code(shared.code) == shared.code
    audience = open_repository(store_url)  # e.g. another app process behind the load balancer
    seen = audience.presentation(shared.code, at=T0)
    assert (seen.slide, seen.lang) == (1, "zh")
    moved = repo.move_presentation(shared.token, 4, "en", at=T0 + dt.timedelta(minutes=3))
    assert (moved.code, moved.slide, moved.lang) == (shared.code, 4, "en")
    seen = audience.presentation(shared.code, at=T0 + dt.timedelta(minutes=3))
    assert (seen.slide, seen.lang, seen.updated_at) == (4, "en", T0 + dt.timedelta(minutes=3))
    audience.close()


def test_a_code_is_read_as_typed_in_any_case_or_with_a_dash(repo):
    code = repo.create_presentation(2, "zh", at=T0).code
    for typed in (code.lower(), f"{code[:3]}-{code[3:]}", f" {code} "):
        assert repo.presentation(typed, at=T0).slide == 2
    for wrong in ("", "ABC", code + "X", "0O1IL5"[: pres.CODE_LENGTH], "<script>"):
        assert repo.presentation(wrong, at=T0) is None


def test_only_the_presenters_token_moves_the_slide(repo):
    shared = repo.create_presentation(1, "zh", at=T0)
    other = repo.create_presentation(7, "zh", at=T0)
    assert repo.move_presentation(shared.code, 5, "zh", at=T0) is None  # the public code is read-only
    assert repo.move_presentation("not-a-token", 5, "zh", at=T0) is None
    assert repo.move_presentation(other.token, 9, "zh", at=T0).code == other.code
    assert repo.presentation(shared.code, at=T0).slide == 1
    assert repo.presentation(other.code, at=T0).slide == 9


def test_a_session_expires_twelve_hours_after_the_last_move(repo):
    shared = repo.create_presentation(1, "zh", at=T0)
    later = T0 + dt.timedelta(hours=11)
    repo.move_presentation(shared.token, 2, "zh", at=later)
    assert repo.presentation(shared.code, at=T0 + pres.TTL + dt.timedelta(hours=1)).slide == 2
    gone = later + pres.TTL
    assert repo.presentation(shared.code, at=gone) is None
    assert repo.move_presentation(shared.token, 3, "zh", at=gone) is None  # cannot be revived


def test_codes_are_random_and_the_store_keeps_only_a_hash_of_the_token(repo):
    shares = [repo.create_presentation(1, "zh", at=T0) for _ in range(40)]
    codes = {s.code for s in shares}
    assert len(codes) == 40 and all(len(c) == pres.CODE_LENGTH for c in codes)
    assert len({s.token for s in shares}) == 40 and all(len(s.token) >= 22 for s in shares)
    with repo._transaction(write=False) as tx:
        rows = [tuple(map(str, row)) for row in tx.execute("SELECT * FROM presentations").fetchall()]
    stored = " ".join(" ".join(row) for row in rows)
    assert not any(s.token in stored for s in shares)


def test_sharing_again_clears_expired_sessions(repo):
    old = repo.create_presentation(1, "zh", at=T0)
    repo.create_presentation(1, "zh", at=T0 + pres.TTL + dt.timedelta(seconds=1))
    with repo._transaction(write=False) as tx:
        codes = {row[0] for row in tx.execute("SELECT code FROM presentations").fetchall()}
    assert old.code not in codes and len(codes) == 1


@pytest.mark.parametrize(("slide", "lang"), [(0, "zh"), (-2, "zh"), (True, "zh"), (2, ""), (2, "zh'; --")])
def test_a_bad_slide_or_language_is_refused(repo, slide, lang):
    with pytest.raises(ValueError):
        repo.create_presentation(slide, lang)
    shared = repo.create_presentation(1, "zh")
    with pytest.raises(ValueError):
        repo.move_presentation(shared.token, slide, lang)


def test_a_store_of_the_previous_version_gains_presentations_and_keeps_its_comments(store_url, monkeypatch):
    module = sys.modules[type(open_repository(store_url)).__module__]
    before = max(n for n, _, _ in module.MIGRATIONS if n < module.LATEST)
    with monkeypatch.context() as old_app:
        old_app.setattr(module, "MIGRATIONS", [m for m in module.MIGRATIONS if m[0] <= before])
        old_app.setattr(module, "LATEST", before)
        old = open_repository(store_url)
        ref = old.add(submission(), "before-presentations").reference
        old.close()
    new = open_repository(store_url)
    assert new.schema_version() == module.LATEST and new.get(ref) is not None
    assert new.presentation(new.create_presentation(3, "en").code).slide == 3
    new.close()
