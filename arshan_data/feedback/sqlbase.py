"""The SQL both stores share; each store supplies connections, migrations and a few dialect bits.

Queries are written with ``?`` placeholders; the PostgreSQL store turns them into ``%s``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from arshan_data.feedback.model import (
    AUDIT_ACTIONS,
    STATUSES,
    AuditEntry,
    Comment,
    CommentFilter,
    Personal,
    Receipt,
    Submission,
    clean_text,
    now_utc,
)
from arshan_data.feedback.presentation import (
    TTL,
    Presentation,
    SharedPresentation,
    check_move,
    new_code,
    new_token,
    normalise_code,
    token_hash,
)
from arshan_data.feedback.repository import StoreUnavailable, UnknownComment, new_reference
from arshan_data.geodata.grid import cell_centre, parse_cell_id

COMMENT_COLUMNS = (
    "c.reference, c.created_at, c.stance, c.topic, c.message, c.element_id, c.cell_id, c.lon, "
    "c.lat, c.lang, c.status, c.answer, c.answered_at, c.published, c.deleted_at, "
    "c.personal_erased_at, p.comment_id IS NOT NULL"
)
FROM = "comments c LEFT JOIN comment_personal p ON p.comment_id = c.id"
INSERT_COMMENT = (
    "INSERT INTO comments (reference, idem_key, created_at, stance, topic, element_id, cell_id, "
    "lon, lat, message, message_hash, client_hash, lang, status, published) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?) ON CONFLICT (idem_key) DO NOTHING"
)
INSERT_PERSONAL = (
    "INSERT INTO comment_personal (comment_id, name, contact, contact_kind, consent_at) "
    "VALUES (?, ?, ?, ?, ?)"
)


#: A reserved sign-in attempt that was never reported back (its process died) stops counting.
PENDING_TTL = dt.timedelta(seconds=60)


_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _cleaned(sub: Submission) -> Submission:
    """The store's own guard: the same ``clean_text`` as the form, so a caller that skipped
    validation still stores the same text in SQLite and PostgreSQL (a lone surrogate raises
    ``UnreadableText``, a ``ValueError``, before anything is written)."""
    return dataclasses.replace(
        sub,
        message=clean_text(sub.message),
        name=clean_text(sub.name) if sub.name else sub.name,
        contact=clean_text(sub.contact) if sub.contact else sub.contact,
    )


class ReferenceCollision(Exception):
    """Two comments drew the same random reference (about 1 in 10^12): draw again."""


class SqlRepository:
    """Implements ``FeedbackRepository`` on top of ``_transaction()`` from a subclass.

    ``_transaction()`` raises ``ReferenceCollision`` for a duplicate reference and
    ``StoreUnavailable`` for every other driver error.
    """

    # --- dialect hooks -------------------------------------------------------------------------
    def _transaction(self, write: bool = True):  # pragma: no cover - abstract
        """Context manager yielding an object with ``execute(sql, params)``; commits on exit."""
        raise NotImplementedError

    def _ts(self, value: dt.datetime | None):
        return value

    def _from_ts(self, value) -> dt.datetime | None:
        return value

    def _required_ts(self, value) -> dt.datetime:
        """A timestamp column that is never null (``created_at``)."""
        stamp = self._from_ts(value)
        assert stamp is not None, "a NOT NULL timestamp came back null"
        return stamp

    def _contains(self, column: str) -> str:
        raise NotImplementedError

    def _local_day(self, column: str) -> str:
        raise NotImplementedError

    def _for_update(self) -> str:
        """Row locks for a read-then-write transaction (PostgreSQL: ``FOR UPDATE``)."""
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------------------------
    def _comment(self, row) -> Comment:
        return Comment(
            reference=row[0],
            created_at=self._required_ts(row[1]),
            stance=row[2],
            topic=row[3],
            message=row[4],
            element_id=row[5],
            cell_id=row[6],
            lon=row[7],
            lat=row[8],
            lang=row[9],
            status=row[10],
            answer=row[11],
            answered_at=self._from_ts(row[12]),
            published=bool(row[13]),
            deleted_at=self._from_ts(row[14]),
            personal_erased_at=self._from_ts(row[15]),
            has_personal=bool(row[16]),
        )

    def _where(self, filt: CommentFilter) -> tuple[str, list]:
        clauses: list[str] = []
        params: list[object] = []
        if filt.public_only:
            clauses.append("c.status = 'answered' AND c.published = ? AND c.answer IS NOT NULL")
            params.append(True)
        if not filt.include_deleted or filt.public_only:
            clauses.append("c.deleted_at IS NULL")
        for column, values in (("c.topic", filt.topics), ("c.status", filt.statuses)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if filt.element_id:
            clauses.append("c.element_id = ?")
            params.append(filt.element_id)
        start, end = filt.utc_bounds()
        if start:
            clauses.append("c.created_at >= ?")
            params.append(self._ts(start))
        if end:
            clauses.append("c.created_at < ?")
            params.append(self._ts(end))
        text = _SURROGATES.sub("", filt.text).strip()
        if text:
            clauses.append(f"({self._contains('c.message')} OR upper(c.reference) = upper(?))")
            params += [text, text]
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _id(self, tx, reference: str) -> int:
        row = tx.execute("SELECT id FROM comments WHERE reference = ?", [reference]).fetchone()
        if row is None:
            raise UnknownComment(reference)
        return row[0]

    # --- citizens ------------------------------------------------------------------------------
    def add(self, submission: Submission, idem_key: str, *, at: dt.datetime | None = None) -> Receipt:
        at = at or now_utc()
        for _attempt in range(5):
            try:
                with self._transaction() as tx:
                    return self._insert(tx, submission, idem_key, at)
            except ReferenceCollision:
                continue  # a reference collision (1 in 10^12): draw another
        raise StoreUnavailable("could not draw a free reference number")

    def _insert(self, tx, sub: Submission, idem_key: str, at: dt.datetime) -> Receipt:
        sub = _cleaned(sub)
        loc = sub.location
        cursor = tx.execute(
            INSERT_COMMENT,
            [
                new_reference(),
                idem_key,
                self._ts(at),
                sub.stance,
                sub.topic,
                sub.element_id,
                loc.cell_id if loc else None,
                loc.lon if loc else None,
                loc.lat if loc else None,
                sub.message,
                sub.fingerprint,
                sub.client_hash,
                sub.lang,
                False,
            ],
        )
        inserted = cursor.rowcount == 1
        row = tx.execute(
            "SELECT id, reference, created_at FROM comments WHERE idem_key = ?", [idem_key]
        ).fetchone()
        if inserted and sub.has_personal:
            tx.execute(
                INSERT_PERSONAL,
                [row[0], sub.name, sub.contact, sub.contact_kind, self._ts(at) if sub.consent else None],
            )
        return Receipt(row[1], self._required_ts(row[2]), inserted)

    def import_many(self, items: Iterable[tuple[Submission, str, dt.datetime]]) -> int:
        """Store many comments in one transaction (e.g. those sent by post); idempotent like
        ``add``. A reference collision (at 100,000 comments about 1 in 200 batches of 5,000)
        rolls the batch back and it is stored again with new references."""
        items = list(items)
        for _attempt in range(5):
            try:
                count = 0
                with self._transaction() as tx:
                    for sub, idem_key, at in items:
                        count += self._insert(tx, sub, idem_key, at).new
                return count
            except ReferenceCollision:
                continue
        raise StoreUnavailable("could not draw free reference numbers")

    def is_duplicate(
        self, fingerprint: str, client_hash: str | None, since: dt.datetime, idem_key: str
    ) -> bool:
        with self._transaction(write=False) as tx:
            row = tx.execute(
                "SELECT 1 FROM comments WHERE message_hash = ? AND client_hash = ? "
                "AND created_at >= ? AND idem_key <> ? LIMIT 1",
                [fingerprint, client_hash, self._ts(since), idem_key],
            ).fetchone()
        return row is not None

    # --- reading -------------------------------------------------------------------------------
    def get(self, reference: str) -> Comment | None:
        with self._transaction(write=False) as tx:
            row = tx.execute(
                f"SELECT {COMMENT_COLUMNS} FROM {FROM} WHERE c.reference = ?", [reference]
            ).fetchone()
        return None if row is None else self._comment(row)

    def find(
        self, filt: CommentFilter = CommentFilter(), *, limit: int | None = 200, offset: int = 0
    ) -> list[Comment]:
        where, params = self._where(filt)
        page = ""
        if limit is not None:
            page = f" LIMIT {int(limit)} OFFSET {int(offset)}"
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                f"SELECT {COMMENT_COLUMNS} FROM {FROM} {where} ORDER BY c.created_at DESC, c.id DESC{page}",
                params,
            ).fetchall()
        return [self._comment(row) for row in rows]

    def count(self, filt: CommentFilter = CommentFilter()) -> int:
        where, params = self._where(filt)
        with self._transaction(write=False) as tx:
            return int(tx.execute(f"SELECT count(*) FROM comments c {where}", params).fetchone()[0])

    def counts_by_topic(self, filt: CommentFilter = CommentFilter()) -> dict[str, int]:
        where, params = self._where(filt)
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                f"SELECT c.topic, count(*) FROM comments c {where} GROUP BY c.topic", params
            ).fetchall()
        return {topic: int(n) for topic, n in rows}

    def counts_by_day(self, filt: CommentFilter = CommentFilter()) -> dict[dt.date, int]:
        where, params = self._where(filt)
        day = self._local_day("c.created_at")
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                f"SELECT {day}, count(*) FROM comments c {where} GROUP BY 1 ORDER BY 1", params
            ).fetchall()
        return {dt.date.fromisoformat(str(d)): int(n) for d, n in rows}

    def counts_by_cell(self, filt: CommentFilter = CommentFilter()) -> list[tuple[str, float, float, int]]:
        where, params = self._where(filt)
        where = f"{where} AND c.cell_id IS NOT NULL" if where else "WHERE c.cell_id IS NOT NULL"
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                f"SELECT c.cell_id, count(*) FROM comments c {where} GROUP BY c.cell_id ORDER BY c.cell_id",
                params,
            ).fetchall()
        out = []
        for cid, n in rows:  # the centre follows from the id, so the index alone answers
            index = parse_cell_id(cid)
            if index is not None:
                out.append((cid, *cell_centre(*index), int(n)))
        return out

    # --- staff ---------------------------------------------------------------------------------
    def _update(self, reference: str, sql: str, params: list) -> None:
        with self._transaction() as tx:
            self._id(tx, reference)
            tx.execute(
                f"UPDATE comments SET {sql}, updated_at = ? WHERE reference = ?",
                [*params, self._ts(now_utc()), reference],
            )

    def set_status(self, reference: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        if status == "answered":
            comment = self.get(reference)
            if comment is None:
                raise UnknownComment(reference)
            if not comment.answer:
                raise ValueError("a comment becomes 'answered' by writing an answer")
            self._update(reference, "status = ?", [status])
        else:
            self._update(reference, "status = ?, published = ?", [status, False])

    def answer(self, reference: str, text: str, *, publish: bool = False) -> None:
        self._update(
            reference,
            "answer = ?, answered_at = ?, status = 'answered', published = ?",
            [clean_text(text), self._ts(now_utc()), bool(publish)],
        )

    def set_published(self, reference: str, published: bool) -> None:
        if published:
            comment = self.get(reference)
            if comment is None:
                raise UnknownComment(reference)
            if comment.status != "answered" or not comment.answer:
                raise ValueError("only an answered comment can be published")
        self._update(reference, "published = ?", [bool(published)])

    def delete(self, reference: str) -> None:
        self._update(reference, "deleted_at = ?, published = ?", [self._ts(now_utc()), False])

    def restore(self, reference: str) -> None:
        self._update(reference, "deleted_at = NULL", [])

    # --- personal data -------------------------------------------------------------------------
    def _personal(self, row) -> Personal:
        return Personal(row[0], row[1], row[2], row[3], self._from_ts(row[4]))

    def personal(self, reference: str) -> Personal | None:
        with self._transaction(write=False) as tx:
            row = tx.execute(
                "SELECT c.reference, p.name, p.contact, p.contact_kind, p.consent_at "
                "FROM comment_personal p JOIN comments c ON c.id = p.comment_id WHERE c.reference = ?",
                [reference],
            ).fetchone()
        return None if row is None else self._personal(row)

    def contacts(self, filt: CommentFilter = CommentFilter()) -> list[Personal]:
        where, params = self._where(filt)
        where = f"{where} AND p.contact IS NOT NULL" if where else "WHERE p.contact IS NOT NULL"
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                "SELECT c.reference, p.name, p.contact, p.contact_kind, p.consent_at "
                f"FROM comments c JOIN comment_personal p ON p.comment_id = c.id {where} "
                "ORDER BY c.created_at DESC, c.id DESC",
                params,
            ).fetchall()
        return [self._personal(row) for row in rows]

    def erase_personal(self, reference: str) -> None:
        with self._transaction() as tx:
            comment_id = self._id(tx, reference)
            tx.execute("DELETE FROM comment_personal WHERE comment_id = ?", [comment_id])
            now = self._ts(now_utc())
            tx.execute(
                "UPDATE comments SET client_hash = NULL, personal_erased_at = ?, updated_at = ? WHERE id = ?",
                [now, now, comment_id],
            )

    # --- staff sign-in lock-out ----------------------------------------------------------------
    def _lockout_rows(self, tx, keys: list[str]) -> dict[str, list]:
        for key in keys:
            tx.execute(
                "INSERT INTO staff_lockout (key, failures, pending) VALUES (?, 0, 0) "
                "ON CONFLICT (key) DO NOTHING",
                [key],
            )
        rows = tx.execute(
            "SELECT key, failures, pending, pending_at, locked_until FROM staff_lockout "
            f"WHERE key IN ({', '.join('?' for _ in keys)}) ORDER BY key{self._for_update()}",
            keys,
        ).fetchall()
        return {
            row[0]: [int(row[1]), int(row[2]), self._from_ts(row[3]), self._from_ts(row[4])] for row in rows
        }

    def _write_lockout(self, tx, key: str, failures: int, pending: int, pending_at, locked_until) -> None:
        tx.execute(
            "UPDATE staff_lockout SET failures = ?, pending = ?, pending_at = ?, locked_until = ? "
            "WHERE key = ?",
            [failures, pending, self._ts(pending_at), self._ts(locked_until), key],
        )

    def reserve_login(self, keys: Iterable[str], *, max_failures: int, lockout_s: float) -> float:
        keys = sorted(set(keys))
        now = now_utc()
        wait = 0.0
        with self._transaction() as tx:
            rows = self._lockout_rows(tx, keys)
            for key in keys:
                failures, pending, pending_at, locked_until = rows[key]
                if locked_until is not None and locked_until > now:
                    wait = max(wait, (locked_until - now).total_seconds())
                    continue
                if locked_until is not None:  # the lock-out is over: start counting again
                    failures, locked_until = 0, None
                if pending and (pending_at is None or now - pending_at > PENDING_TTL):
                    pending = 0  # reserved by a process that died before it reported back
                rows[key] = [failures, pending, pending_at, locked_until]
                if failures + pending >= max_failures:
                    wait = max(wait, float(lockout_s))
            if wait:
                return wait
            for key in keys:
                failures, pending, _at, locked_until = rows[key]
                self._write_lockout(tx, key, failures, pending + 1, now, locked_until)
        return 0.0

    def finish_login(self, keys: Iterable[str], ok: bool, *, max_failures: int, lockout_s: float) -> float:
        keys = sorted(set(keys))
        now = now_utc()
        locked = 0.0
        with self._transaction() as tx:
            rows = self._lockout_rows(tx, keys)
            for key in keys:
                failures, pending, pending_at, locked_until = rows[key]
                pending = max(0, pending - 1)
                if ok:
                    failures, locked_until = 0, None
                else:
                    failures += 1
                    if failures >= max_failures:
                        locked_until = now + dt.timedelta(seconds=lockout_s)
                        locked = max(locked, float(lockout_s))
                self._write_lockout(tx, key, failures, pending, pending_at, locked_until)
        return locked

    # --- audit log -----------------------------------------------------------------------------
    def audit(self, who: str, action: str, reference: str | None = None, detail: str = "") -> AuditEntry:
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}; use one of {', '.join(AUDIT_ACTIONS)}")
        entry = AuditEntry(now_utc(), clean_text(who)[:200], action, reference, clean_text(detail)[:500])
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO staff_audit (at, who, action, reference, detail) VALUES (?, ?, ?, ?, ?)",
                [self._ts(entry.at), entry.who, entry.action, entry.reference, entry.detail],
            )
        return entry

    def audit_log(self, *, limit: int | None = 500) -> list[AuditEntry]:
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        with self._transaction(write=False) as tx:
            rows = tx.execute(
                f"SELECT at, who, action, reference, detail FROM staff_audit ORDER BY at DESC, id DESC{page}"
            ).fetchall()
        return [AuditEntry(self._required_ts(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    # --- presentations shared with their audience ----------------------------------------------
    def _presentation(self, row) -> Presentation:
        return Presentation(row[0], int(row[1]), row[2], self._required_ts(row[3]), self._required_ts(row[4]))

    def create_presentation(
        self, slide: int, lang: str, *, at: dt.datetime | None = None
    ) -> SharedPresentation:
        check_move(slide, lang)
        at = at or now_utc()
        token = new_token()
        for _attempt in range(5):
            code = new_code()
            with self._transaction() as tx:
                tx.execute("DELETE FROM presentations WHERE expires_at <= ?", [self._ts(at)])
                cursor = tx.execute(
                    "INSERT INTO presentations (code, token_hash, slide, lang, created_at, updated_at, "
                    "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
                    [code, token_hash(token), slide, lang, self._ts(at), self._ts(at), self._ts(at + TTL)],
                )
                if cursor.rowcount == 1:
                    return SharedPresentation(Presentation(code, slide, lang, at, at + TTL), token)
        raise StoreUnavailable("could not draw a free presentation code")

    def presentation(self, code: str, *, at: dt.datetime | None = None) -> Presentation | None:
        clean = normalise_code(code)
        if clean is None:
            return None
        with self._transaction(write=False) as tx:
            row = tx.execute(
                "SELECT code, slide, lang, updated_at, expires_at FROM presentations "
                "WHERE code = ? AND expires_at > ?",
                [clean, self._ts(at or now_utc())],
            ).fetchone()
        return None if row is None else self._presentation(row)

    def move_presentation(
        self, token: str, slide: int, lang: str, *, at: dt.datetime | None = None
    ) -> Presentation | None:
        check_move(slide, lang)
        at = at or now_utc()
        with self._transaction() as tx:
            cursor = tx.execute(
                "UPDATE presentations SET slide = ?, lang = ?, updated_at = ?, expires_at = ? "
                "WHERE token_hash = ? AND expires_at > ?",
                [slide, lang, self._ts(at), self._ts(at + TTL), token_hash(token or ""), self._ts(at)],
            )
            if cursor.rowcount != 1:
                return None
            row = tx.execute(
                "SELECT code, slide, lang, updated_at, expires_at FROM presentations WHERE token_hash = ?",
                [token_hash(token)],
            ).fetchone()
        return self._presentation(row)
