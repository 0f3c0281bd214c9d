"""What a comment is and what makes one acceptable. Pure: no Streamlit, no storage.

Text is kept as typed after one normalisation (``clean_text``: control characters out, NFC);
validation looks at a stripped copy. Every rule a citizen can
break has an error code, shown beside its field as ``feedback.error.<code>``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Collection, Mapping

from arshan_data.geodata.grid import Location

#: 支持 / 异议 / 建议
STANCES = ("support", "objection", "suggestion")
#: The plan's chapters as a reader thinks of them:
#: 总体格局, 城镇与村庄, 旅游, 交通, 生态与资源, 历史文化, 其他
TOPICS = ("pattern", "towns", "tourism", "transport", "ecology", "heritage", "other")
#: Staff workflow; ``deleted_at`` (soft delete) is separate from the status.
STATUSES = ("new", "read", "answered", "spam")
CONTACT_KINDS = ("mobile", "landline", "email")

MESSAGE_MIN = 10
MESSAGE_MAX = 2000
NAME_MAX = 80
CONTACT_MAX = 120
ANSWER_MAX = 4000

#: The city's clock (China has one time zone and no daylight saving).
LOCAL_TZ = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")

MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
REFERENCE_RE = re.compile(r"^AR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


class ValidationError(ValueError):
    """One or more fields are not acceptable: ``errors`` maps field name → error code."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(", ".join(f"{field}: {code}" for field, code in self.errors.items()))


@dataclasses.dataclass(frozen=True)
class FormInput:
    """What the form sent, unchecked."""

    stance: str | None
    topic: str | None
    message: str
    element_id: str | None = None
    cell_id: str | None = None
    name: str = ""
    contact: str = ""
    consent: bool = False
    lang: str = "zh"


@dataclasses.dataclass(frozen=True)
class Submission:
    """A checked comment, ready to store."""

    stance: str
    topic: str
    message: str
    element_id: str | None = None
    location: Location | None = None
    name: str | None = None
    contact: str | None = None
    contact_kind: str | None = None
    consent: bool = False
    lang: str = "zh"
    #: Keyed hash of the client address (duplicate detection); never the address itself.
    client_hash: str | None = None

    @property
    def fingerprint(self) -> str:
        return message_fingerprint(self.message)

    @property
    def has_personal(self) -> bool:
        return bool(self.name or self.contact)


@dataclasses.dataclass(frozen=True)
class Receipt:
    reference: str
    created_at: dt.datetime
    #: False when the idempotency key was already stored (a double click or a retry).
    new: bool


@dataclasses.dataclass(frozen=True)
class Comment:
    """A stored comment without personal data: what staff lists and the public record use."""

    reference: str
    created_at: dt.datetime
    stance: str
    topic: str
    message: str
    element_id: str | None = None
    cell_id: str | None = None
    lon: float | None = None
    lat: float | None = None
    lang: str = "zh"
    status: str = "new"
    answer: str | None = None
    answered_at: dt.datetime | None = None
    published: bool = False
    deleted_at: dt.datetime | None = None
    personal_erased_at: dt.datetime | None = None
    has_personal: bool = False

    @property
    def local_date(self) -> dt.date:
        return self.created_at.astimezone(LOCAL_TZ).date()


@dataclasses.dataclass(frozen=True)
class Personal:
    """Name and contact of one comment's author: staff only, erasable on request."""

    reference: str
    name: str | None
    contact: str | None
    contact_kind: str | None
    consent_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class CommentFilter:
    topics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    element_id: str | None = None
    #: Local (UTC+8) calendar dates, both inclusive.
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    #: Substring of the message or the reference, case-insensitive.
    text: str = ""
    include_deleted: bool = False
    #: The public record: answered, published and not deleted.
    public_only: bool = False

    def utc_bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """[start, end) in UTC for the local date range."""
        start = end = None
        if self.date_from:
            start = dt.datetime.combine(self.date_from, dt.time(), LOCAL_TZ).astimezone(dt.UTC)
        if self.date_to:
            end = dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time(), LOCAL_TZ).astimezone(
                dt.UTC
            )
        return start, end


PUBLIC_RECORD = CommentFilter(public_only=True)

#: What the audit log records (``staff.audit.action.<name>`` names each for staff).
AUDIT_ACTIONS = (
    "signin",
    "signin_failed",
    "signin_locked",
    "signout",
    "status",
    "answer",
    "publish",
    "delete",
    "restore",
    "erase",
    "export",
)


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    """One staff sign-in or action: who (staff account), what, when (UTC), which comment."""

    at: dt.datetime
    who: str
    action: str
    reference: str | None = None
    detail: str = ""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def message_fingerprint(message: str) -> str:
    """Same text up to case, width and whitespace → same fingerprint (duplicate detection).

    All whitespace is dropped, not just collapsed: Chinese has no spaces between words, so
    "太少，建议" and "太少， 建议" are the same comment.
    """
    folded = unicodedata.normalize("NFKC", message).casefold()
    return hashlib.sha256("".join(folded.split()).encode("utf-8")).hexdigest()


#: How a reference number is misread or mistyped: Crockford base32 reads O as 0 and I, L as 1.
_REFERENCE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
#: The longest text the lookup field takes as a reference (anything longer is not one).
REFERENCE_INPUT_MAX = 40


def normalise_reference(text: str) -> str | None:
    """A typed reference number as it is stored (``AR-7K3Q-X9M2``), or None when the text
    cannot be one. Case, spaces and dashes do not matter; O, I and L read as 0, 1 and 1."""
    if len(text) > REFERENCE_INPUT_MAX:
        return None
    compact = re.sub(r"[\s\-_‐-―－]", "", unicodedata.normalize("NFKC", text)).upper()
    if not compact.startswith("AR"):
        return None
    body = compact[2:].translate(_REFERENCE_LOOKALIKES)
    reference = f"AR-{body[:4]}-{body[4:]}"
    return reference if len(body) == 8 and REFERENCE_RE.match(reference) else None


#: What the author of a comment is told of its status (``feedback.lookup.status.<name>``):
#: staff's own words (``spam``) never reach the public.
PUBLIC_STATUS = {"new": "received", "read": "read", "answered": "answered", "spam": "closed"}


def contact_kind(contact: str) -> str | None:
    """``mobile``, ``landline`` or ``email`` for a valid contact, else None."""
    text = contact.strip()
    if "@" in text:
        return "email" if len(text) <= 254 and EMAIL_RE.match(text) else None
    compact = re.sub(r"[\s()]", "", text)
    if MOBILE_RE.match(compact.replace("-", "")):
        return "mobile"
    if LANDLINE_RE.match(compact):
        return "landline"
    return None


#: C0 control characters except tab and newline, and DEL: removed from every text field.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class UnreadableText(ValueError):
    """The text holds a lone surrogate: no valid character, it cannot be stored anywhere."""


def clean_text(text: str) -> str:
    """The one normalisation every stored text gets, the same for SQLite and PostgreSQL.

    ``\r\n`` becomes ``\n``; NUL and the other C0 controls except tab and newline (and DEL)
    are removed (PostgreSQL refuses NUL, SQLite would keep it); the rest is Unicode NFC. A lone
    surrogate (``\ud800``, which no encoding can write) raises ``UnreadableText``.
    """
    if _SURROGATE.search(text):
        raise UnreadableText("the text holds a lone surrogate")
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text.replace("\r\n", "\n")))


def visible_length(text: str) -> int:
    """Characters a reader can see: not spaces, controls, format characters (zero-width
    spaces, joiners, direction marks) or unassigned code points."""
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "CZ")


def message_problem(message: str) -> str | None:
    length = len(message.strip())
    if length == 0 or visible_length(message) == 0:
        return "message_required"
    if length < MESSAGE_MIN:
        return "message_too_short"
    if len(message) > MESSAGE_MAX:
        return "message_too_long"
    return None


def validate(
    form: FormInput,
    *,
    elements: Collection[str],
    cells: Mapping[str, Location],
    client_hash: str | None = None,
) -> Submission:
    """A ``Submission`` from the form, or ``ValidationError`` listing every bad field.

    ``elements`` are the plan element ids a comment may name; ``cells`` the grid cells that
    lie in the city (id → centre). Anything else is refused, never silently dropped.
    """
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for field, value in (("message", form.message), ("name", form.name), ("contact", form.contact)):
        try:
            texts[field] = clean_text(value or "")
        except UnreadableText:
            errors[field], texts[field] = "text_unreadable", ""
    form = dataclasses.replace(form, message=texts["message"], name=texts["name"], contact=texts["contact"])
    if form.stance not in STANCES:
        errors["stance"] = "stance_required"
    if form.topic not in TOPICS:
        errors["topic"] = "topic_required"
    problem = message_problem(form.message or "")
    if problem:
        errors.setdefault("message", problem)
    element_id = (form.element_id or "").strip() or None
    if element_id is not None and element_id not in elements:
        errors["element"] = "element_unknown"
    location = None
    cell_id = (form.cell_id or "").strip() or None
    if cell_id is not None:
        location = cells.get(cell_id)
        if location is None:
            errors["location"] = "location_outside"
    name = (form.name or "").strip()
    if len(name) > NAME_MAX:
        errors.setdefault("name", "name_too_long")
    contact = (form.contact or "").strip()
    kind = None
    if contact:
        kind = contact_kind(contact) if len(contact) <= CONTACT_MAX else None
        if kind is None:
            errors.setdefault("contact", "contact_invalid")
        elif not form.consent:
            errors["consent"] = "consent_required"
    if errors:
        raise ValidationError(errors)
    assert form.stance is not None and form.topic is not None  # both checked above
    return Submission(
        stance=form.stance,
        topic=form.topic,
        message=form.message,
        element_id=element_id,
        location=location,
        name=name or None,
        contact=contact or None,
        contact_kind=kind,
        consent=bool(contact) and form.consent,
        lang=form.lang,
        client_hash=client_hash,
    )


def validate_answer(text: str) -> str:
    try:
        text = clean_text(text)
    except UnreadableText:
        raise ValidationError({"answer": "answer_unreadable"}) from None
    if not text.strip() or visible_length(text) == 0:
        raise ValidationError({"answer": "answer_required"})
    if len(text) > ANSWER_MAX:
        raise ValidationError({"answer": "answer_too_long"})
    return text


def comment_window(start: dt.date, end: dt.date, accept_late: bool, today: dt.date) -> str:
    """``before``, ``open``, ``late`` (ended, still accepted) or ``closed`` (ended, refused)."""
    if today < start:
        return "before"
    if today <= end:
        return "open"
    return "late" if accept_late else "closed"


def today_local() -> dt.date:
    return dt.datetime.now(LOCAL_TZ).date()
