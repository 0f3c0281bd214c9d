"""Deep links and QR codes for them (offline: segno draws the code, nothing is fetched)."""

from __future__ import annotations

import functools
import io
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno


def deep_link(base_url: str, page_path: str, params: dict[str, str | None]) -> str:
    """``base_url`` (scheme://host[:port][/prefix]) + page path + the non-empty parameters."""
    parts = urlsplit(base_url)
    prefix = parts.path.rstrip("/")
    path = f"{prefix}/{page_path.strip('/')}" if page_path else (prefix or "/")
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return urlunsplit((parts.scheme or "http", parts.netloc, path, query, ""))


def base_of(url: str) -> str:
    """scheme://host[:port] of a full URL."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@functools.lru_cache(maxsize=256)  # a map page draws its link's code on every rerun (~6 ms each)
def qr_png(url: str, *, scale: int = 8) -> bytes:
    """A QR code (error correction M, quiet zone included) printable on a notice board."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, *, scale: int = 4) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, border=4, xmldecl=False)
    return buffer.getvalue()
