"""A presentation shared with its audience: the presenter's current slide, kept in the feedback
store so that an audience view on another machine, or served by another app process behind the
load balancer, follows it. Pure: no Streamlit, no storage.

Two secrets of different power:

* the **code** (``K7Q2MX``: six characters from an alphabet without look-alikes) is public: it is
  in the audience link and read out in the room; it only *reads* the slide number. 30^6 ≈ 729
  million codes against a handful of live sessions, and the audience page limits failed codes
  per client (``ui.feedback_resources.follow_limiter``), so codes cannot be found in bulk;
* the **token** (128 random bits) stays with the presenter (their session and URL); only it
  *moves* the slide. The store keeps its SHA-256, never the token itself.

A session expires ``TTL`` after the presenter last moved it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets

#: No 0/O, 1/I/L, U: easy to read off a projector and to type.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
#: A session lives this long after its last move (a meeting day).
TTL = dt.timedelta(hours=12)
#: The longest language code a session may carry (the site has zh and en).
LANG_MAX = 8


@dataclasses.dataclass(frozen=True)
class Presentation:
    """What the audience reads: the code, the presenter's slide (1-based) and language."""

    code: str
    slide: int
    lang: str
    updated_at: dt.datetime
    expires_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class SharedPresentation:
    """What the presenter gets when sharing: the session and the token that moves it."""

    presentation: Presentation
    token: str

    @property
    def code(self) -> str:
        return self.presentation.code


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(16)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_code(text: str | None) -> str | None:
    """The code as typed or linked (any case, spaces, a dash) or None when it cannot be one."""
    if not text:
        return None
    code = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def check_move(slide: int, lang: str) -> None:
    """A slide is a positive number and a language a short code (``ValueError`` otherwise)."""
    if isinstance(slide, bool) or not isinstance(slide, int) or slide < 1:
        raise ValueError(f"a slide number starts at 1, not {slide!r}")
    if not lang or len(lang) > LANG_MAX or not lang.isalpha():
        raise ValueError(f"not a language code: {lang!r}")
