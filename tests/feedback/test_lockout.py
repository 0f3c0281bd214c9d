"""The staff sign-in lock-out, on SQLite and PostgreSQL: one atomic step in the store, so it
holds under parallel tries and across app processes (issue 16, items 1 and 2)."""

from __future__ import annotations

import threading

import pytest

from arshan_data.feedback.auth import LoginResult, attempt_login, hash_password, login_keys, verify_password
from arshan_data.feedback.repository import open_repository

PASSWORD = "the right staff password"
ENCODED = hash_password(PASSWORD, iterations=20_000)
LIMIT = dict(max_failures=5, lockout_s=900)


class Checks:
    """``verify_password`` that records every password it was asked to check."""

    def __init__(self):
        self.checked: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, password: str, encoded: str) -> bool:
        with self._lock:
            self.checked.append(password)
        return verify_password(password, encoded)


def login(repo, password: str, client: str = "client-a", checks=None):
    return attempt_login(
        repo,
        login_keys("password", client),
        password,
        ENCODED,
        delay_s=0,
        verify=checks or verify_password,
        **LIMIT,
    )


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(repo):
    for _ in range(4):
        assert login(repo, "wrong") == LoginResult(False, 0.0)
    checks = Checks()
    result = login(repo, "still wrong", checks=checks)
    assert result == LoginResult(False, 900.0) and checks.checked == ["still wrong"]
    right = login(repo, PASSWORD, checks=checks)
    assert not right.ok and right.locked_s > 800
    assert PASSWORD not in checks.checked  # refused before the password was looked at


def test_a_success_clears_the_count_and_other_accounts_and_clients_are_apart(repo):
    for _ in range(4):
        assert not login(repo, "wrong").ok
    assert login(repo, PASSWORD).ok
    for _ in range(4):
        assert not login(repo, "wrong").ok
    assert login(repo, PASSWORD).ok  # "in a row": the success reset the count
    other = attempt_login(
        repo, login_keys("planner@arxan.gov.cn", "client-b"), "x", ENCODED, delay_s=0, **LIMIT
    )
    assert not other.ok and other.locked_s == 0


def test_a_locked_client_is_locked_for_every_account(repo):
    for _ in range(5):
        attempt_login(repo, login_keys("a@arxan.gov.cn", "same-client"), "x", ENCODED, delay_s=0, **LIMIT)
    result = attempt_login(
        repo, login_keys("b@arxan.gov.cn", "same-client"), PASSWORD, ENCODED, delay_s=0, **LIMIT
    )
    assert not result.ok and result.locked_s > 0


def test_the_lock_out_is_shared_by_every_process_on_the_store(repo, store_url):
    other_process = open_repository(store_url)
    try:
        for _ in range(5):
            assert not login(repo, "wrong").ok
        checks = Checks()
        assert not login(other_process, PASSWORD, checks=checks).ok and not checks.checked
    finally:
        other_process.close()


def test_a_failure_takes_a_constant_delay_even_when_refused_unchecked(repo):
    slept: list[float] = []
    kwargs = dict(delay_s=30, sleep=slept.append, **LIMIT)  # the sleep is recorded, not taken
    for _ in range(6):
        attempt_login(repo, login_keys("password", "c"), "wrong", ENCODED, **kwargs)
    assert len(slept) == 6 and all(0 < s <= 30 for s in slept)
    attempt_login(repo, login_keys("password", "fresh"), PASSWORD, ENCODED, **kwargs)  # still locked
    assert len(slept) == 7


@pytest.mark.slow
def test_forty_parallel_sessions_cannot_pass_the_limit(repo, store_url):
    """40 sessions (on two store objects, as two app processes) send a password at the same
    moment: only the first five are checked; then even the right one is refused unchecked."""
    stores = [repo, open_repository(store_url)]
    try:
        stores[1].count()  # both ready (schema checked) before the race
        checks = Checks()
        start = threading.Barrier(40)
        results = []

        def session(i: int) -> None:
            start.wait()
            results.append(login(stores[i % 2], f"wrong-{i}", client=f"client-{i}", checks=checks))

        threads = [threading.Thread(target=session, args=(i,)) for i in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(results) == 40 and not any(r.ok for r in results)
        assert len(checks.checked) == LIMIT["max_failures"], checks.checked
        right = login(stores[1], PASSWORD, client="client-new", checks=checks)
        assert not right.ok and right.locked_s > 0
        assert PASSWORD not in checks.checked
    finally:
        stores[1].close()
