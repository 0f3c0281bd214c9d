"""Staff login: password hashes, constant-time comparison, lock-out, expiry, and who may enter."""

import hmac
import time

import pytest

from arshan_data import __main__ as cli
from arshan_data.feedback import auth
from arshan_data.feedback.auth import (
    Access,
    BadHash,
    SessionEnded,
    StaffSession,
    Visitor,
    guarded,
    hash_password,
    parse_hash,
    session_expired,
    staff_access,
    verify_password,
)

FAST = 1_000  # iterations for tests; production hashes use auth.DEFAULT_ITERATIONS


def test_a_hash_is_one_string_with_algorithm_iterations_salt_and_hash():
    encoded = hash_password("correct horse battery", iterations=FAST)
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations) == ("pbkdf2_sha256", "1000")
    assert parse_hash(encoded)[0] == FAST and len(parse_hash(encoded)[2]) == 32
    assert "correct horse" not in encoded
    assert hash_password("correct horse battery", iterations=FAST) != encoded  # a fresh salt each time


def test_the_default_cost_follows_owasp():
    assert auth.DEFAULT_ITERATIONS >= 600_000


def test_verify_accepts_only_the_password():
    encoded = hash_password("correct horse battery", iterations=FAST)
    assert verify_password("correct horse battery", encoded)
    assert not verify_password("correct horse batterY", encoded)
    assert not verify_password("", encoded)


def test_verify_compares_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    verify_password("guess", hash_password("the real one!", iterations=FAST))
    assert len(calls) == 1


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plaintext",
        "md5$1$x$y",
        "pbkdf2_sha256$lots$c2FsdA$aGFzaA",
        "pbkdf2_sha256$10$c2FsdA$" + "A" * 43,
        "pbkdf2_sha256$1000$$" + "A" * 43,
        "pbkdf2_sha256$1000$c2FsdA$short",
    ],
)
def test_a_malformed_hash_never_lets_anyone_in(bad):
    with pytest.raises(BadHash, match="hash-password"):
        parse_hash(bad)
    assert not verify_password("", bad) and not verify_password("plaintext", bad)


def test_sessions_expire_after_idle_minutes():
    assert not session_expired(last_seen=0, now=30 * 60, minutes=30)
    assert session_expired(last_seen=0, now=30 * 60 + 1, minutes=30)


HASH = "pbkdf2_sha256$1000$c2FsdA$" + "A" * 43


@pytest.mark.parametrize(
    "visitor, staff_emails, access",
    [
        # Nothing configured: nobody gets in, whatever they claim.
        (Visitor(False, ""), "", Access.NOT_CONFIGURED),
        (Visitor(False, "", password_session=True), "*", Access.NOT_CONFIGURED),
        # Password login.
        (Visitor(False, HASH), "", Access.PASSWORD_LOGIN),
        (Visitor(False, HASH, password_session=True), "", Access.GRANTED),
        (Visitor(False, HASH, oidc_logged_in=True, oidc_email="a@city.gov.cn"), "*", Access.PASSWORD_LOGIN),
        # OIDC replaces the password when configured.
        (Visitor(True, HASH, password_session=True), "*", Access.OIDC_LOGIN),
        (Visitor(True, ""), "staff@city.gov.cn", Access.OIDC_LOGIN),
        (Visitor(True, "", True, "staff@city.gov.cn"), "staff@city.gov.cn", Access.GRANTED),
        (Visitor(True, "", True, "Staff@City.gov.cn"), " staff@city.gov.cn , b@x.cn", Access.GRANTED),
        (Visitor(True, "", True, "stranger@gmail.com"), "staff@city.gov.cn", Access.FORBIDDEN),
        (Visitor(True, "", True, "stranger@gmail.com"), "", Access.FORBIDDEN),
        (Visitor(True, "", True, None), "staff@city.gov.cn", Access.FORBIDDEN),
        (Visitor(True, "", True, "anyone@idp.city"), "*", Access.GRANTED),
    ],
)
def test_who_may_open_the_staff_pages(visitor, staff_emails, access):
    assert staff_access(visitor, staff_emails) is access


def test_hash_password_command_prints_a_hash(monkeypatch, capsys):
    answers = iter(["a long staff password", "a long staff password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["hash-password"]) == 0
    printed = capsys.readouterr().out.strip()
    assert verify_password("a long staff password", printed)
    assert "a long staff password" not in printed


@pytest.mark.parametrize(
    "answers, message",
    [
        (["short"], "at least 12 characters"),
        (["a long staff password", "a long staff passwort"], "differ"),
    ],
)
def test_hash_password_command_refuses_bad_input(monkeypatch, capsys, answers, message):
    replies = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))
    assert cli.main(["hash-password"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


# --- downloads behind the staff gate (issue 16, items 3 and 4) --------------------------------------
def test_a_download_checks_the_session_when_clicked_and_reads_nothing_after_expiry():
    now = [1000.0]
    reads = []

    def contacts() -> bytes:
        reads.append(1)
        return b"name,contact\n"

    session = StaffSession("password", now[0])
    download = guarded(session, 1, contacts, clock=lambda: now[0])
    assert download() == b"name,contact\n" and len(reads) == 1
    now[0] += 59  # a click within the minute counts as activity
    assert download() and len(reads) == 2
    now[0] += 61  # then 61 s idle: the session time (1 minute) is over
    with pytest.raises(SessionEnded):
        download()
    assert len(reads) == 2


def test_a_download_made_before_signing_out_refuses_afterwards():
    session = StaffSession("planner@arxan.gov.cn", time.monotonic())
    download = guarded(session, 30, lambda: b"secret")
    session.end()
    with pytest.raises(SessionEnded):
        download()
    with pytest.raises(SessionEnded):
        guarded(None, 30, lambda: b"secret")()
