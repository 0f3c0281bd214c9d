"""The shared feedback store for several app processes: PostgreSQL through psycopg 3.

Chosen by a ``postgresql://`` URL in ``Settings.feedback_store``. Tables live in the first
schema of the connection's ``search_path`` (``?options=-csearch_path%3Dfeedback`` in the URL
picks one). Connections are pooled per process; a broken one is dropped, never reused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time

import psycopg
from psycopg import errors as pg_errors

from arshan_data.feedback.model import now_utc
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.feedback.sqlbase import ReferenceCollision, SqlRepository

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "comments, with personal data in a separate table",
        [
            """CREATE TABLE comments (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            reference TEXT NOT NULL,
            idem_key TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            stance TEXT NOT NULL CHECK (stance IN ('support', 'objection', 'suggestion')),
            topic TEXT NOT NULL,
            element_id TEXT,
            cell_id TEXT,
            lon DOUBLE PRECISION,
            lat DOUBLE PRECISION,
            message TEXT NOT NULL,
            message_hash TEXT NOT NULL,
            client_hash TEXT,
            lang TEXT NOT NULL DEFAULT 'zh',
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'answered', 'spam')),
            answer TEXT,
            answered_at TIMESTAMPTZ,
            published BOOLEAN NOT NULL DEFAULT FALSE,
            updated_at TIMESTAMPTZ,
            deleted_at TIMESTAMPTZ,
            personal_erased_at TIMESTAMPTZ,
            CONSTRAINT comments_reference_key UNIQUE (reference),
            CONSTRAINT comments_idem_key_key UNIQUE (idem_key))""",
            """CREATE TABLE comment_personal (
            comment_id BIGINT PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
            name TEXT,
            contact TEXT,
            contact_kind TEXT,
            consent_at TIMESTAMPTZ)""",
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
            pending_at TIMESTAMPTZ,
            locked_until TIMESTAMPTZ)""",
        ],
    ),
    (
        4,
        "audit log of staff sign-ins and actions (who, what, when, which comment)",
        [
            """CREATE TABLE staff_audit (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at TIMESTAMPTZ NOT NULL,
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
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL)""",
            "CREATE INDEX presentations_expires_at ON presentations (expires_at)",
        ],
    ),
]
LATEST = MIGRATIONS[-1][0]
#: An idle pooled connection older than this is pinged before use.
_PING_AFTER_S = 30.0


class _Tx:
    """Runs the shared ``?``-style SQL on a psycopg connection."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql.replace("?", "%s"), list(params))


class PostgresStore(SqlRepository):
    def __init__(self, url: str, *, pool_size: int = 8, connect_timeout_s: int = 5):
        self.url = url
        self.pool_size = pool_size
        self.connect_timeout_s = connect_timeout_s
        self._idle: list[tuple[psycopg.Connection, float]] = []
        self._pool_lock = threading.Lock()
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PostgresStore({_redacted(self.url)!r})"

    # --- connections ---------------------------------------------------------------------------
    def _fail(self, what: str, exc: BaseException) -> StoreUnavailable:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreUnavailable(f"feedback store {_redacted(self.url)}: {what}: {first_line}")

    def _acquire(self) -> psycopg.Connection:
        while True:
            with self._pool_lock:
                conn, since = self._idle.pop() if self._idle else (None, 0.0)
            if conn is None:
                break
            if conn.closed or conn.broken:
                continue
            if time.monotonic() - since > _PING_AFTER_S:
                try:
                    conn.execute("SELECT 1")
                except psycopg.Error:
                    conn.close()
                    continue
            return conn
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout_s)
        except psycopg.Error as exc:
            raise self._fail("cannot connect", exc) from exc

    def _release(self, conn: psycopg.Connection) -> None:
        if conn.closed or conn.broken or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.close()
            return
        with self._pool_lock:
            if len(self._idle) < self.pool_size:
                self._idle.append((conn, time.monotonic()))
                return
        conn.close()

    @contextlib.contextmanager
    def _transaction(self, write: bool = True):
        self._ensure_schema()
        conn = self._acquire()
        try:
            with conn.transaction():
                yield _Tx(conn)
        except pg_errors.UniqueViolation as exc:
            self._release(conn)
            if exc.diag.constraint_name == "comments_reference_key":
                raise ReferenceCollision(str(exc)) from exc
            raise self._fail("write refused", exc) from exc
        except psycopg.Error as exc:
            conn.close()
            raise self._fail("write failed" if write else "read failed", exc) from exc
        except BaseException:
            self._release(conn)
            raise
        else:
            self._release(conn)

    def close(self) -> None:
        with self._pool_lock:
            idle, self._idle = self._idle, []
        for conn, _ in idle:
            conn.close()

    # --- schema --------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if self._schema_ready:
                return
            conn = self._acquire()
            try:
                self._migrate(conn)
            except psycopg.Error as exc:
                conn.close()
                raise self._fail("cannot prepare the schema", exc) from exc
            except BaseException:
                conn.close()
                raise
            self._release(conn)
            self._schema_ready = True

    @staticmethod
    def _version(conn: psycopg.Connection) -> int:
        row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
        if row is None or not row[0]:
            return 0
        latest = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(latest[0]) if latest else 0

    def _migrate(self, conn: psycopg.Connection) -> None:
        version = self._version(conn)
        if version > LATEST:
            raise StoreUnavailable(
                f"feedback store {_redacted(self.url)} has schema version {version}, newer than this "
                f"app knows ({LATEST}): upgrade the app."
            )
        if version == LATEST:
            return
        with conn.transaction():
            # One migrating process at a time per schema; the others wait, then see it done.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.arshan_feedback'))")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            version = self._version(conn)
            for number, description, statements in MIGRATIONS:
                if number <= version:
                    continue
                for statement in statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (%s, %s, %s)", [number, description, now_utc()]
                )
                log.info("feedback store: applied migration %d (%s)", number, description)

    def schema_version(self) -> int:
        with self._transaction(write=False) as tx:
            return self._version(tx.conn)

    def import_many(self, items) -> int:
        """Bulk load, then refresh the planner's statistics: right after a large import they
        are missing until autovacuum runs, and the staff list took 170 ms instead of 2 ms."""
        count = super().import_many(items)
        with self._transaction() as tx:
            tx.execute("ANALYZE comments")
            tx.execute("ANALYZE comment_personal")
        return count

    # --- dialect -------------------------------------------------------------------------------
    def _from_ts(self, value) -> dt.datetime | None:
        return None if value is None else value.astimezone(dt.UTC)

    def _contains(self, column: str) -> str:
        return f"strpos(lower({column}), lower(?)) > 0"

    def _for_update(self) -> str:
        return " FOR UPDATE"

    def _local_day(self, column: str) -> str:
        return f"to_char({column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"


def _redacted(url: str) -> str:
    """The URL without a password, for logs and messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    host, db = info.get("host", ""), info.get("dbname", "")
    return f"postgresql://{host}:{info.get('port', '5432')}/{db}"
