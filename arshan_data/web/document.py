"""The interactive pages' HTML document, made a real one: ``lang``, title, description, share
card and a ``<noscript>`` pointer to the plain edition, per page and language.

How Streamlit 1.67 serves the document: every page path (``/towns``) falls back to the single
SPA ``index.html`` (``<html lang="en">``, ``<title>Streamlit</title>``, nothing else), gzip'd on
page paths but not on ``/``. This middleware (user middleware, so it runs before Streamlit's):

- considers only GET/HEAD of page-looking paths (no reserved prefix, no file extension);
- asks Streamlit for the plain document (drops ``Accept-Encoding``, ``Range`` and the
  conditional headers, forwards HEAD as GET so there is a body to rewrite);
- rewrites only a 200 ``text/html`` answer holding Streamlit's ``<div id="root">`` (404s,
  redirects and the app's own HTML routes pass through untouched);
- answers with its own strong ETag, 304 on ``If-None-Match``, ``Content-Length``,
  ``Vary: Accept-Encoding``, ``Cache-Control: no-cache`` and br/gzip per ``Accept-Encoding``,
  keeping every other header Streamlit set; a path that is no page of the site is a 404 (the
  app still loads and says so).

Streamlit's frontend later sets ``document.title`` from ``st.set_page_config`` (``ui.frame``
passes ``site.document_title``, the same string) and never touches ``lang`` or the meta tags;
``ui.frame`` keeps ``lang`` in step with the language switch.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import re
from collections.abc import Callable
from urllib.parse import parse_qs

from arshan_data import site
from arshan_data.i18n import DEFAULT_LANG, t
from arshan_data.plan.catalog import Catalog
from arshan_data.web import meta
from arshan_data.web.compress import brotli, choose_encoding

#: Streamlit's own path prefixes: never a page.
RESERVED = ("/_stcore", "/static/", "/media/", "/component/", "/app/static/", "/auth/", "/oauth2callback")
DROP_REQUEST = {b"accept-encoding", b"range", b"if-range", b"if-none-match", b"if-modified-since"}
DROP_RESPONSE = {
    b"content-length",
    b"content-encoding",
    b"etag",
    b"last-modified",
    b"vary",
    b"accept-ranges",
    b"cache-control",
}
ROOT_MARKER = b'<div id="root"></div>'


def page_of(path: str, base: str) -> str | None:
    """The page name a request path asks for (``""`` for the root), or None when the path is
    not a page (a file, Streamlit's own paths, a nested path, outside the base URL)."""
    if base:
        if path == base:
            path = "/"
        elif path.startswith(base + "/"):
            path = path[len(base) :]
        else:
            return None
    if any(path.startswith(p) or path == p.rstrip("/") for p in RESERVED):
        return None
    name = path.strip("/")
    if "/" in name or "." in name or (path != "/" and path.endswith("/")):
        return None  # files, nested paths; Streamlit redirects "/towns/" itself
    return name


def lang_of(query_string: bytes) -> str:
    values = parse_qs(query_string.decode("latin-1")).get("lang") or [""]
    return meta.requested_lang(values[0]) or DEFAULT_LANG


def render(doc: bytes, head: meta.Head, lang: str) -> bytes:
    """Streamlit's ``index.html`` with this page's head and ``<noscript>``."""
    esc = html.escape
    tags = meta.head_tags(head, esc)
    noscript = (
        f'<noscript><p lang="{head.lang}">{esc(t("plain.noscript", lang))} '
        f'<a href="{esc(head.plain_link)}">{esc(t("plain.noscript.link", lang))}</a></p></noscript>'
        if head.plain_link
        else ""
    )
    s = doc.decode("utf-8")
    s, n_lang = re.subn(r'<html lang="[^"]*">', f'<html lang="{head.lang}">', s, count=1)
    s, n_title = re.subn(r"<title>.*?</title>", lambda _: tags, s, count=1, flags=re.S)
    s, n_noscript = re.subn(r"<noscript>.*?</noscript>", lambda _: noscript, s, count=1, flags=re.S)
    if not (n_lang and n_title):
        raise ValueError("Streamlit's index.html changed: <html lang> or <title> not found")
    if not n_noscript:
        s = s.replace('<div id="root">', noscript + '\n    <div id="root">', 1)
    return s.encode("utf-8")


class DocumentHead:
    """Pure ASGI middleware; see the module docstring."""

    def __init__(
        self, app, *, catalog: Callable[[], Catalog], where: Callable[[], meta.Site], cache_size: int = 256
    ) -> None:
        self.app = app
        self._catalog = catalog
        self._where = where
        self._cache: dict[tuple, tuple[bytes, str]] = {}
        self._cache_size = cache_size

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        where = self._where()
        name = page_of(scope.get("path", ""), where.base)
        if name is None:
            return await self.app(scope, receive, send)

        request = {k.lower(): v for k, v in scope["headers"]}
        forwarded = dict(scope)
        forwarded["method"] = "GET"
        forwarded["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() not in DROP_REQUEST]
        start: dict | None = None
        chunks: list[bytes] = []
        passthrough = False

        async def capture(message):
            nonlocal start, passthrough
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                html_ok = headers.get(b"content-type", b"").startswith(b"text/html")
                if message["status"] == 200 and html_ok and b"content-encoding" not in headers:
                    start = message
                else:
                    passthrough = True
                    await send(message)
            elif message["type"] == "http.response.body":
                if not passthrough:
                    chunks.append(message.get("body", b""))
                elif scope["method"] == "HEAD":  # we asked with GET: drop the body
                    if not message.get("more_body"):
                        await send({"type": "http.response.body", "body": b""})
                else:
                    await send(message)
            else:
                await send(message)

        await self.app(forwarded, receive, capture)
        if passthrough or start is None:
            return
        doc = b"".join(chunks)
        if ROOT_MARKER not in doc:  # not Streamlit's document: unchanged
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            return await _send(send, scope, start["status"], kept, doc)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in DROP_RESPONSE]
        entry = site.DEFAULT_PAGE if name == "" else site.page(name)
        lang = lang_of(scope.get("query_string", b""))
        encoding = choose_encoding(request.get(b"accept-encoding", b"").decode("latin-1"), brotli is not None)
        shown = entry or site.DEFAULT_PAGE
        key = (hashlib.sha1(doc, usedforsecurity=False).digest(), shown.url_path, lang, encoding)
        hit = self._cache.get(key)
        if hit is None:
            body = render(doc, meta.page_head(shown, lang, self._catalog(), where), lang)
            tag = hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20]
            etag = f'"{tag}-{encoding}"' if encoding else f'"{tag}"'
            if encoding == "br":
                body = brotli.compress(body, quality=11)
            elif encoding == "gzip":
                body = gzip.compress(body, 9, mtime=0)
            if len(self._cache) >= self._cache_size:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = hit = (body, etag)
        body, etag = hit
        headers += [(b"cache-control", b"no-cache"), (b"vary", b"Accept-Encoding"), (b"etag", etag.encode())]
        if encoding:
            headers.append((b"content-encoding", encoding.encode()))
        if etag_matches(request.get(b"if-none-match", b"").decode("latin-1"), etag):
            keep = (b"vary", b"cache-control", b"etag", b"set-cookie")
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [h for h in headers if h[0].lower() in keep],
                }
            )
            return await send({"type": "http.response.body", "body": b""})
        await _send(send, scope, 200 if entry is not None else 404, headers, body)


def etag_matches(if_none_match: str, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return if_none_match.strip() == "*" or etag in tags


async def _send(send, scope, status: int, headers: list, body: bytes) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
