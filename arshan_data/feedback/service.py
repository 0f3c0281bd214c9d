"""Taking one comment from the form to the store, with the abuse checks in a fixed order.

Pure orchestration (no Streamlit), so every rule is testable without a browser. The order
matters: cheap bot checks first, then validation (the reader fixes fields), then duplicate
and rate checks, then the store. Only stored comments count towards the rate limit: a try
the store failed to keep is given back, so a store that recovers never leaves anyone locked
out. Nothing is stored unless every check passed, and a receipt is returned only after the
store committed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Collection, Mapping

from arshan_data.feedback.model import (
    PUBLIC_STATUS,
    FormInput,
    Receipt,
    ValidationError,
    normalise_reference,
    now_utc,
    validate,
)
from arshan_data.feedback.ratelimit import RateLimiter
from arshan_data.feedback.repository import FeedbackRepository, StoreUnavailable
from arshan_data.geodata.grid import Location

log = logging.getLogger(__name__)

SAVED, INVALID, REJECTED, UNAVAILABLE = "saved", "invalid", "rejected", "unavailable"


@dataclasses.dataclass(frozen=True)
class FormToken:
    """Made when the form is shown; kept in the session until the comment is stored."""

    idem_key: str
    shown_at: float  # time.monotonic()


@dataclasses.dataclass(frozen=True)
class Policy:
    min_submit_seconds: float
    duplicate_window: dt.timedelta


@dataclasses.dataclass(frozen=True)
class Outcome:
    kind: str
    receipt: Receipt | None = None
    errors: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Why a submission was rejected: ``bot``, ``too_fast``, ``duplicate``, ``rate_limited``.
    reason: str | None = None
    retry_after_s: float = 0.0


def submit(
    form: FormInput,
    *,
    honeypot: str,
    token: FormToken,
    client_key: str,
    client_hash: str,
    repo: FeedbackRepository,
    limiter: RateLimiter,
    policy: Policy,
    elements: Collection[str],
    cells: Mapping[str, Location],
    clock=time.monotonic,
) -> Outcome:
    if honeypot.strip():
        log.info("feedback rejected: honeypot filled (client %s)", client_hash[:8])
        return Outcome(REJECTED, reason="bot")
    if clock() - token.shown_at < policy.min_submit_seconds:
        log.info(
            "feedback rejected: sent %.1f s after the form was shown (client %s)",
            clock() - token.shown_at,
            client_hash[:8],
        )
        return Outcome(REJECTED, reason="too_fast")
    try:
        submission = validate(form, elements=elements, cells=cells, client_hash=client_hash)
    except ValidationError as exc:
        return Outcome(INVALID, errors=exc.errors)
    try:
        if repo.is_duplicate(
            submission.fingerprint, client_hash, now_utc() - policy.duplicate_window, token.idem_key
        ):
            log.info("feedback rejected: duplicate message (client %s)", client_hash[:8])
            return Outcome(REJECTED, reason="duplicate")
        if not limiter.try_acquire(client_key):
            log.info("feedback rejected: rate limit (client %s)", client_hash[:8])
            return Outcome(REJECTED, reason="rate_limited", retry_after_s=limiter.retry_after(client_key))
        try:
            receipt = repo.add(submission, token.idem_key)
        except BaseException:
            limiter.release(client_key)  # only stored comments count towards the limit
            raise
        if not receipt.new:
            limiter.release(client_key)  # a retry of a comment already stored and counted
    except StoreUnavailable:
        log.exception("feedback NOT saved: the store is unavailable; the citizen was told to retry")
        return Outcome(UNAVAILABLE)
    log.info("feedback saved: %s (%s)", receipt.reference, "new" if receipt.new else "repeat")
    return Outcome(SAVED, receipt=receipt)


# --- looking up one's own comment by its reference number (查询码) -----------------------------
FOUND, NOT_FOUND = "found", "not_found"


@dataclasses.dataclass(frozen=True)
class Lookup:
    """What the author of a comment may see of it by its reference number, and nothing else:
    never a name or contact, and the text and the answer only once staff published them."""

    kind: str  # FOUND, NOT_FOUND, INVALID, REJECTED (rate limit) or UNAVAILABLE
    reference: str | None = None
    #: ``model.PUBLIC_STATUS`` value: ``received``, ``read``, ``answered`` or ``closed``.
    status: str | None = None
    received_on: dt.date | None = None
    published: bool = False
    message: str | None = None
    answer: str | None = None
    retry_after_s: float = 0.0


def lookup(text: str, *, client_key: str, repo: FeedbackRepository, limiter: RateLimiter) -> Lookup:
    """The status (and, when published, the text and answer) of the comment whose reference
    number the reader typed. Every well-formed try counts towards ``limiter`` (its own limiter,
    not the form's), so references cannot be guessed in bulk; a deleted comment is not found,
    and "not found" says nothing about which other references exist."""
    reference = normalise_reference(text or "")
    if reference is None:
        return Lookup(INVALID)
    if not limiter.try_acquire(client_key):
        log.info("lookup refused: rate limit")
        return Lookup(REJECTED, retry_after_s=limiter.retry_after(client_key))
    try:
        comment = repo.get(reference)
    except StoreUnavailable:
        limiter.release(client_key)  # a failed read does not count against the reader
        log.exception("lookup failed: the store is unavailable")
        return Lookup(UNAVAILABLE)
    if comment is None or comment.deleted_at is not None:
        return Lookup(NOT_FOUND, reference=reference)
    public = comment.published and comment.status == "answered"
    return Lookup(
        FOUND,
        reference=reference,
        status=PUBLIC_STATUS.get(comment.status, "received"),
        received_on=comment.local_date,
        published=public,
        message=comment.message if public else None,
        answer=comment.answer if public else None,
    )
