"""The embedded feedback store: one SQLite file in WAL mode with ``synchronous=FULL``.

Why SQLite and not DuckDB: DuckDB locks its file exclusively, so no backup, admin tool or
second app process could open the store while the app runs. SQLite in WAL mode lets readers
and one writer at a time share the file across processes; ``synchronous=FULL`` makes every
committed comment survive a power cut. One connection per operation: cheap for SQLite, and
safe with Streamlit's short-lived script threads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
import re
import sqlite3
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from arshan_data.feedback.model import now_utc
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.feedback.sqlbase import ReferenceCollision, SqlRepository

log = logging.getLogger(__name__)

#: Each migration: (version, description, statements). Append; never edit a released one.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "comments, with personal data in a separate table",
        [
            """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            idem_key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            stance TEXT NOT NULL CHECK (stance IN ('support', 'objection', 'suggestion')),
            topic TEXT NOT NULL,
            element_id TEXT,
            cell_id TEXT,
            lon REAL,
            lat REAL,
            message TEXT NOT NULL,
            message_hash TEXT NOT NULL,
            client_hash TEXT,
            lang TEXT NOT NULL DEFAULT 'zh',
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'answered', 'spam')),
            answer TEXT,
            answered_at TEXT,
            published INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT,
            deleted_at TEXT,
            personal_erased_at TEXT)""",
            """CREATE TABLE comment_personal (
            comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
            name TEXT,
            contact TEXT,
            contact_kind TEXT,
            consent_at TEXT)""",
            "CREATE INDEX comments_created_at ON comments (created_at)",
            "CREATE INDEX comments_topic ON comments (topic, created_at)",
            "CREATE INDEX comments_status ON comments (status, created_at)",
            "CREATE INDEX comments_element ON comments (element_id)",
            "CREATE INDEX comments_message_hash ON comments (message_hash, client_hash)",
        ],
    ),
    (
        2,
        "a covering index for the staff counts (count, by topic, day and cell) at 100,000 comments",
        [
            "CREATE INDEX comments_live ON comments (deleted_at, topic, status, created_at, cell_id)",
        ],
    ),
    (
        3,
        "staff sign-in lock-out shared by every app process (failures and reserved attempts per key)",
        [
            """CREATE TABLE staff_lockout (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            pending INTEGER NOT NULL DEFAULT 0,
            pending_at TEXT,
            locked_until TEXT)""",
        ],
    ),
    (
        4,
        "audit log of staff sign-ins and actions (who, what, when, which comment)",
        [
            """CREATE TABLE staff_audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            reference TEXT,
            detail TEXT NOT NULL DEFAULT '')""",
            "CREATE INDEX staff_audit_at ON staff_audit (at)",
        ],
    ),
    (
        5,
        "presentations shared with their audience (public code, hash of the presenter's token, slide)",
        [
            """CREATE TABLE presentations (
            code TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            slide INTEGER NOT NULL CHECK (slide >= 1),
            lang TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            expires_at TEXT NOT NULL)""",
            "CREATE INDEX presentations_expires_at ON presentations (expires_at)",
        ],
    ),
]
LATEST = MIGRATIONS[-1][0]
#: How long one try for the write lock waits inside SQLite before the store's own retry.
_BUSY_STEP_MS = 5
_PRAGMA_NAME = re.compile(r"^[a-z_]+$")


class SqliteStore(SqlRepository):
    def __init__(
        self, path: str | Path, *, busy_timeout_ms: int = 10_000, pragmas: Mapping[str, int] | None = None
    ):
        """``pragmas``: extra per-connection integer pragmas, e.g. ``{"max_page_count": 50_000}``
        to cap the file's size."""
        self.path = Path(path).expanduser()
        self.busy_timeout_ms = int(busy_timeout_ms)
        self._pragmas = dict(pragmas or {})
        if any(not _PRAGMA_NAME.match(name) for name in self._pragmas):
            raise ValueError(f"bad pragma name in {sorted(self._pragmas)}")
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"

    # --- connections ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(
            self.path, timeout=self.busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            con.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA foreign_keys = ON")
            for name, value in self._pragmas.items():
                con.execute(f"PRAGMA {name} = {int(value)}")
        except BaseException:
            con.close()
            raise
        return con

    def _fail(self, what: str, exc: BaseException) -> StoreUnavailable:
        return StoreUnavailable(f"feedback store {self.path}: {what}: {exc}")

    @contextlib.contextmanager
    def _transaction(self, write: bool = True):
        self._ensure_schema()
        try:
            con = self._connect()
        except (sqlite3.Error, OSError) as exc:
            raise self._fail("cannot open", exc) from exc
        try:
            if write:
                self._begin_immediate(con)
            else:
                con.execute("BEGIN")
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()
        except sqlite3.IntegrityError as exc:
            if "comments.reference" in str(exc):
                raise ReferenceCollision(str(exc)) from exc
            raise self._fail("write refused", exc) from exc
        except sqlite3.Error as exc:
            raise self._fail("write failed" if write else "read failed", exc) from exc
        finally:
            con.close()

    def _begin_immediate(self, con: sqlite3.Connection) -> None:
        """Take the write lock, retrying with jitter while another writer holds it.

        SQLite's own busy handler sleeps in growing steps and is unfair: under 20+ writers a
        few waited the whole timeout. Here each try waits at most ``_BUSY_STEP_MS`` inside
        SQLite, then sleeps a random few milliseconds and tries again, until the store's
        ``busy_timeout_ms`` is spent. Nothing was written before BEGIN, so a retry is safe.
        """
        deadline = time.monotonic() + self.busy_timeout_ms / 1000
        con.execute(f"PRAGMA busy_timeout = {min(_BUSY_STEP_MS, self.busy_timeout_ms)}")
        attempt = 0
        while True:
            try:
                con.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                attempt += 1
                if time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0, min(0.02, 0.001 * attempt)))

    # --- schema --------------------------------------------------------------------------------
    def _version(self, con: sqlite3.Connection) -> int:
        try:
            row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise
        return int(row[0] or 0)

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            try:
                con = self._connect()
            except (sqlite3.Error, OSError) as exc:
                raise self._fail("cannot open or create", exc) from exc
            try:
                self._migrate(con)
            except sqlite3.Error as exc:
                raise self._fail("cannot prepare the schema", exc) from exc
            finally:
                con.close()
            self._schema_ready = True

    def _migrate(self, con: sqlite3.Connection) -> None:
        version = self._version(con)
        if version > LATEST:
            raise StoreUnavailable(
                f"feedback store {self.path} has schema version {version}, newer than this app "
                f"knows ({LATEST}): upgrade the app, or restore a backup made for this version."
            )
        if version == LATEST:
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                with contextlib.suppress(sqlite3.Error):
                    con.execute("PRAGMA journal_mode = WAL")
            return
        con.execute("PRAGMA journal_mode = WAL")  # persistent in the file; outside a transaction
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            version = self._version(con)  # another process may have migrated meanwhile
            for number, description, statements in MIGRATIONS:
                if number <= version:
                    continue
                for statement in statements:
                    con.execute(statement)
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [number, description, self._ts(now_utc())],
                )
                log.info("feedback store %s: applied migration %d (%s)", self.path, number, description)
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def schema_version(self) -> int:
        with self._transaction(write=False) as con:
            return self._version(con)

    # --- dialect -------------------------------------------------------------------------------
    def _ts(self, value: dt.datetime | None):
        if value is None:
            return None
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def _from_ts(self, value) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)

    def _contains(self, column: str) -> str:
        return f"instr(lower({column}), lower(?)) > 0"

    def _for_update(self) -> str:
        return ""  # BEGIN IMMEDIATE already holds the one write lock

    def _local_day(self, column: str) -> str:
        return f"date({column}, '+8 hours')"

    def close(self) -> None:
        """Nothing held open between operations."""
