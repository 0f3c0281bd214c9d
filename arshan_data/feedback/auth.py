"""Staff login: password hashes, lock-out after failures, session expiry, who may enter.

Pure (hashlib, hmac). The hash lives in ``ARSHAN_STAFF_PASSWORD_HASH`` or secrets
``[arshan] staff_password_hash``, made with ``python -m arshan_data hash-password``; the
password itself is never stored. Sign-in attempts are counted in the feedback store (per
account and per client), so a lock-out holds across restarts and every app process.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from typing import Protocol

ALGORITHM = "pbkdf2_sha256"
#: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
DEFAULT_ITERATIONS = 600_000
MIN_ITERATIONS = 1_000
SALT_BYTES = 16


class BadHash(ValueError):
    """The configured hash is not ``pbkdf2_sha256$<iterations>$<salt>$<hash>``."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def hash_password(password: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """One string holding algorithm, iterations, salt and hash."""
    if not password:
        raise ValueError("the password is empty")
    if iterations < MIN_ITERATIONS:
        raise ValueError(f"use at least {MIN_ITERATIONS} iterations")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def parse_hash(encoded: str) -> tuple[int, bytes, bytes]:
    parts = encoded.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise BadHash(
            "the staff password hash must look like pbkdf2_sha256$<iterations>$<salt>$<hash>; "
            "make one with: python -m arshan_data hash-password"
        )
    try:
        iterations = int(parts[1])
        salt, digest = _unb64(parts[2]), _unb64(parts[3])
    except ValueError:
        raise BadHash(
            "the staff password hash is damaged (iterations, salt or hash unreadable); "
            "make a new one with: python -m arshan_data hash-password"
        ) from None
    if iterations < MIN_ITERATIONS or not salt or len(digest) != 32:
        raise BadHash(
            "the staff password hash is too weak or truncated; make a new one with: "
            "python -m arshan_data hash-password"
        )
    return iterations, salt, digest


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches; the comparison takes the same time wherever it differs."""
    try:
        iterations, salt, expected = parse_hash(encoded)
    except BadHash:
        return False
    actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(actual, expected)


class LockoutStore(Protocol):
    """Where sign-in attempts are counted: the feedback store, shared by every app process."""

    def reserve_login(self, keys: Iterable[str], *, max_failures: int, lockout_s: float) -> float: ...

    def finish_login(
        self, keys: Iterable[str], ok: bool, *, max_failures: int, lockout_s: float
    ) -> float: ...


@dataclasses.dataclass(frozen=True)
class LoginResult:
    ok: bool
    #: Seconds the account or client must wait before the next try (0 when none).
    locked_s: float = 0.0


#: Every failed sign-in takes at least this long, whether the password was checked or not.
FAILURE_DELAY_S = 1.0


def login_keys(account: str, client: str) -> tuple[str, str]:
    """Attempts are counted per account and per (hashed) client address."""
    return f"account:{account}", f"client:{client}"


def attempt_login(
    store: LockoutStore,
    keys: Iterable[str],
    password: str,
    encoded: str,
    *,
    max_failures: int,
    lockout_s: float,
    delay_s: float | None = None,
    verify: Callable[[str, str], bool] = verify_password,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """One sign-in: reserve an attempt in the store first (one atomic step there), check the
    password only when the reservation holds, then report the outcome.

    Parallel tries cannot pass ``max_failures``: attempts still being checked count as
    failures until they report back. A refused or failed try waits ``delay_s``.
    """
    keys = list(keys)
    delay = FAILURE_DELAY_S if delay_s is None else delay_s
    started = time.monotonic()

    def pause() -> None:
        rest = delay - (time.monotonic() - started)
        if rest > 0:
            sleep(rest)

    wait = store.reserve_login(keys, max_failures=max_failures, lockout_s=lockout_s)
    if wait:
        pause()
        return LoginResult(False, wait)
    ok = False
    try:
        ok = verify(password, encoded)
    finally:
        locked = store.finish_login(keys, ok, max_failures=max_failures, lockout_s=lockout_s)
    if not ok:
        pause()
    return LoginResult(ok, locked)


def session_expired(last_seen: float, now: float, minutes: float) -> bool:
    """A staff session ends after ``minutes`` without activity."""
    return now - last_seen > minutes * 60


@dataclasses.dataclass
class StaffSession:
    """One signed-in staff session, kept in the Streamlit session state.

    Mutable and shared by reference: a download prepared for this session holds the same
    object, so a sign-out or an expiry seen anywhere ends every action still pending.
    """

    who: str
    last: float
    ended: bool = False

    def active(self, now: float, minutes: float) -> bool:
        """Signed in and not idle for longer than ``minutes``."""
        return not self.ended and not session_expired(self.last, now, minutes)

    def touch(self, now: float) -> None:
        self.last = now

    def end(self) -> None:
        self.ended = True


class SessionEnded(PermissionError):
    """A staff action or download was asked for after the staff session ended."""


def guarded(
    session: StaffSession | None,
    minutes: float,
    produce: Callable[[], bytes],
    clock: Callable[[], float] = time.monotonic,
) -> Callable[[], bytes]:
    """``produce`` behind the staff gate, for a download made when it is clicked.

    The returned callable checks ``session`` first, at click time, and raises ``SessionEnded``
    without calling ``produce`` when the session has expired or was signed out: nothing is
    read from the store and no file is made.
    """

    def run() -> bytes:
        now = clock()
        if session is None or not session.active(now, minutes):
            raise SessionEnded("the staff session has ended; sign in again")
        session.touch(now)
        return produce()

    return run


class Access(enum.Enum):
    GRANTED = "granted"
    #: Show the single-sign-on button (``st.login``).
    OIDC_LOGIN = "oidc_login"
    #: Show the password form.
    PASSWORD_LOGIN = "password_login"
    #: Signed in through OIDC, but not on the staff list.
    FORBIDDEN = "forbidden"
    #: Neither OIDC nor a password hash is configured: the staff pages refuse everyone.
    NOT_CONFIGURED = "not_configured"


@dataclasses.dataclass(frozen=True)
class Visitor:
    oidc_configured: bool
    password_hash: str
    oidc_logged_in: bool = False
    oidc_email: str | None = None
    #: A password session that has not expired.
    password_session: bool = False


def allowed_emails(setting: str) -> frozenset[str]:
    return frozenset(e.strip().lower() for e in setting.split(",") if e.strip())


def staff_access(visitor: Visitor, staff_emails: str) -> Access:
    """Who may see the staff pages (tested as a table of cases in tests/feedback/test_auth.py).

    OIDC, when configured, replaces the password. An OIDC user must be on ``staff_emails``
    (comma-separated; ``*`` admits everyone the identity provider admits).
    """
    if visitor.oidc_configured:
        if not visitor.oidc_logged_in:
            return Access.OIDC_LOGIN
        allowed = allowed_emails(staff_emails)
        email = (visitor.oidc_email or "").strip().lower()
        if "*" in allowed or (email and email in allowed):
            return Access.GRANTED
        return Access.FORBIDDEN
    if not visitor.password_hash.strip():
        return Access.NOT_CONFIGURED
    return Access.GRANTED if visitor.password_session else Access.PASSWORD_LOGIN
