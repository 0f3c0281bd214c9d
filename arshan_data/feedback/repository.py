"""The one interface all feedback code stores and reads comments through.

Two implementations share it and one contract test suite: ``SqliteStore`` (the embedded
default, a file) and ``PostgresStore`` (several app processes behind a load balancer), chosen
by ``Settings.feedback_store``: a ``postgresql://`` URL or a file path.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from arshan_data.feedback.model import (
    AuditEntry,
    Comment,
    CommentFilter,
    Personal,
    Receipt,
    Submission,
)
from arshan_data.feedback.presentation import Presentation, SharedPresentation

#: Crockford base32 without I, L, O, U: easy to read out over the phone.
_REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class StoreUnavailable(RuntimeError):
    """The store cannot be read or written now (read-only file, full disk, server down).

    The citizen is told their comment was *not* saved; the operator finds the cause (chained
    exception) in the log.
    """


class UnknownComment(KeyError):
    """No comment has this reference."""


def new_reference() -> str:
    """A random reference like ``AR-7K3Q-X9M2``: reveals nothing about how many comments exist."""
    chars = "".join(secrets.choice(_REF_ALPHABET) for _ in range(8))
    return f"AR-{chars[:4]}-{chars[4:]}"


def new_idempotency_key() -> str:
    return secrets.token_hex(16)


@runtime_checkable
class FeedbackRepository(Protocol):
    """Every method commits before it returns; every storage failure is ``StoreUnavailable``."""

    # --- citizens ----------------------------------------------------------------------------
    def add(self, submission: Submission, idem_key: str, *, at: dt.datetime | None = None) -> Receipt:
        """Store once per ``idem_key``: a repeat returns the first receipt with ``new=False``."""

    def is_duplicate(
        self, fingerprint: str, client_hash: str | None, since: dt.datetime, idem_key: str
    ) -> bool:
        """The same text from the same client since ``since`` under another idempotency key."""

    # --- reading -----------------------------------------------------------------------------
    def get(self, reference: str) -> Comment | None: ...

    def find(
        self, filt: CommentFilter = CommentFilter(), *, limit: int | None = 200, offset: int = 0
    ) -> list[Comment]:
        """Newest first."""

    def count(self, filt: CommentFilter = CommentFilter()) -> int: ...

    def counts_by_topic(self, filt: CommentFilter = CommentFilter()) -> dict[str, int]: ...

    def counts_by_day(self, filt: CommentFilter = CommentFilter()) -> dict[dt.date, int]:
        """Per local (UTC+8) calendar day."""

    def counts_by_cell(self, filt: CommentFilter = CommentFilter()) -> list[tuple[str, float, float, int]]:
        """``(cell_id, lon, lat, count)`` for located comments."""

    # --- staff -------------------------------------------------------------------------------
    def set_status(self, reference: str, status: str) -> None: ...

    def answer(self, reference: str, text: str, *, publish: bool = False) -> None:
        """Store the official answer; the status becomes ``answered``."""

    def set_published(self, reference: str, published: bool) -> None:
        """Only an answered comment can be published (``ValueError`` otherwise)."""

    def delete(self, reference: str) -> None:
        """Soft delete: hidden from lists and the public record, kept in the store."""

    def restore(self, reference: str) -> None: ...

    # --- personal data -----------------------------------------------------------------------
    def personal(self, reference: str) -> Personal | None: ...

    def contacts(self, filt: CommentFilter = CommentFilter()) -> list[Personal]:
        """Name and contact of every matching comment that has them (the separate export)."""

    def erase_personal(self, reference: str) -> None:
        """Remove name, contact, consent and the client hash of one comment; the text stays."""

    # --- staff sign-in lock-out (shared by every app process on this store) ------------------
    def reserve_login(self, keys: Iterable[str], *, max_failures: int, lockout_s: float) -> float:
        """Reserve one sign-in attempt for every key (account, client) in one atomic step,
        *before* the password is checked: 0 when reserved, else the seconds to wait. Failures
        plus attempts still being checked count, so parallel tries cannot pass the limit."""

    def finish_login(self, keys: Iterable[str], ok: bool, *, max_failures: int, lockout_s: float) -> float:
        """Report a reserved attempt: success clears the keys' failures, a failure counts one.
        Returns the lock-out now in force (0 when none)."""

    # --- audit log ---------------------------------------------------------------------------
    def audit(self, who: str, action: str, reference: str | None = None, detail: str = "") -> AuditEntry:
        """Record one staff sign-in or action (``model.AUDIT_ACTIONS``) with the time in UTC."""

    def audit_log(self, *, limit: int | None = 500) -> list[AuditEntry]:
        """Newest first."""

    # --- presentations shared with their audience (``feedback.presentation``) -----------------
    def create_presentation(
        self, slide: int, lang: str, *, at: dt.datetime | None = None
    ) -> SharedPresentation:
        """Start sharing a presentation at ``slide``: a fresh public code and the presenter's
        token (the store keeps only its hash); expired sessions are cleared on the way."""

    def presentation(self, code: str, *, at: dt.datetime | None = None) -> Presentation | None:
        """The session of a code (any case; None when unknown, malformed or expired): read-only."""

    def move_presentation(
        self, token: str, slide: int, lang: str, *, at: dt.datetime | None = None
    ) -> Presentation | None:
        """The presenter moves to ``slide`` (and ``lang``), which also keeps the session alive for
        ``presentation.TTL``; None when the token is not a live session's."""

    # --- operations --------------------------------------------------------------------------
    def import_many(self, items: Iterable[tuple[Submission, str, dt.datetime]]) -> int:
        """Bulk load ``(submission, idem_key, created_at)`` in one transaction (imports, bench)."""

    def schema_version(self) -> int: ...

    def close(self) -> None: ...


def open_repository(store: str, **options) -> FeedbackRepository:
    """The store named by configuration: a ``postgresql://`` URL or a SQLite file path."""
    if store.startswith(("postgresql://", "postgres://")):
        from arshan_data.feedback.postgres_store import PostgresStore

        return PostgresStore(store, **options)
    from arshan_data.feedback.sqlite_store import SqliteStore

    return SqliteStore(store, **options)
