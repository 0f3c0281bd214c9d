"""Routes and middleware for ``st.App`` (see the package docstring), and the per-process
resources they read: settings, the map store, the catalog and the feedback store.

User routes come before Streamlit's (``st.App`` puts them first), and Streamlit's last route is
the SPA fallback that answers every unknown path with its ``index.html``; without these routes
``/robots.txt`` and ``/sitemap.xml`` would be HTML with status 200.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import tomllib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import anyio
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from arshan_data import site
from arshan_data.config import Settings, load_settings
from arshan_data.feedback.repository import FeedbackRepository, open_repository
from arshan_data.geodata.layers import LAYERS
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import DEFAULT_LANG, LANGS, t
from arshan_data.plan.catalog import Catalog, load_catalog
from arshan_data.web import meta, og
from arshan_data.web.client import ForwardedForGuard
from arshan_data.web.compress import CACHE_DIR, PrecompressedStatic
from arshan_data.web.document import DocumentHead, etag_matches
from arshan_data.web.offline import CrossOriginGuard
from arshan_data.web.plain import layout
from arshan_data.web.plain.catalog_html import esc
from arshan_data.web.plain.pages import RENDERERS, Context, NotFound

log = logging.getLogger(__name__)
Option = Callable[[str], Any]
#: Pages whose plain edition changes without a data change (the record, today's period).
UNCACHED = frozenset({"heard", "feedback"})


class Resources:
    """What the routes read, made once per process on first use (thread-safe)."""

    def __init__(self, option: Option) -> None:
        self.option = option
        self._lock = threading.Lock()
        self._pages: OrderedDict[tuple, bytes] = OrderedDict()
        self._images: OrderedDict[tuple, bytes] = OrderedDict()

    @functools.cached_property
    def settings(self) -> Settings:
        return load_settings(secrets=read_secrets(self.option))

    @functools.cached_property
    def store(self) -> MapStore:
        return MapStore(self.settings.layers_dir)

    @functools.cached_property
    def catalog(self) -> Catalog:
        return load_catalog(self.settings.catalog_dir)

    @functools.cached_property
    def where(self) -> meta.Site:
        return meta.Site.of(self.settings, str(self.option("server.baseUrlPath") or ""))

    @functools.cached_property
    def repository(self) -> FeedbackRepository:
        return open_repository(self.settings.feedback_store)

    def data_version(self) -> tuple[str, ...]:
        versions = []
        for layer in LAYERS:
            try:
                versions.append(self.store.version(layer.id))
            except Exception:  # an unreadable layer: its page says so; the key still changes
                versions.append("-")
        return tuple(versions)

    def cached(self, cache: OrderedDict, key: tuple, make: Callable[[], bytes], size: int = 128) -> bytes:
        with self._lock:
            hit = cache.get(key)
            if hit is not None:
                cache.move_to_end(key)
                return hit
        value = make()
        with self._lock:
            cache[key] = value
            while len(cache) > size:
                cache.popitem(last=False)
        return value


def read_secrets(option: Option) -> dict:
    """Streamlit's secrets files (``secrets.files``), read the way ``st.secrets`` merges them:
    later files win. Only the ``[arshan]`` section matters here."""
    merged: dict = {}
    for name in option("secrets.files") or []:
        path = Path(str(name)).expanduser()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


def _lang(request: Request) -> str | None:
    return meta.requested_lang(request.query_params.get("lang"))


def _html(body: str, request: Request, status: int = 200, cache: str = "no-cache") -> Response:
    data = body.encode("utf-8")
    etag = '"' + hashlib.sha1(data, usedforsecurity=False).hexdigest()[:20] + '"'
    headers = {"Cache-Control": cache, "ETag": etag, "Vary": "Accept-Encoding"}
    if status == 200 and etag_matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    return Response(data, status_code=status, media_type="text/html; charset=utf-8", headers=headers)


def not_found_page(res: Resources, lang: str, message: str) -> str:
    where = res.where
    body = (
        f"<h1>{esc(t('plain.404.heading', lang))}</h1><p>{esc(message)}</p>"
        f'<ul><li><a href="{esc(where.path(site.plain_path(site.DEFAULT_PAGE), lang))}">'
        f"{esc(t('plain.404.plain_home', lang))}</a></li>"
        f'<li><a href="{esc(where.path("/", lang))}">{esc(t("plain.404.home", lang))}</a></li></ul>'
    )
    return layout.document(None, lang, body, res.catalog, where, title=t("plain.404.heading", lang))


def routes(option: Option) -> list[Route]:
    res = Resources(option)
    base = str(option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""

    async def plain(request: Request) -> Response:
        name = request.path_params["page"]
        lang = _lang(request)
        entry = site.page(name)
        if lang is None:
            return _html(not_found_page(res, DEFAULT_LANG, t("plain.404.lang", DEFAULT_LANG)), request, 404)
        if entry is None or not entry.plain:
            return _html(not_found_page(res, lang, t("plain.404.page", lang)), request, 404)
        query = {k: v for k, v in request.query_params.items() if k != "lang"}

        def make() -> bytes:
            ctx = Context(
                res.catalog, lang, res.store, res.settings, res.where, query, lambda: res.repository
            )
            body = RENDERERS[entry.url_path](ctx)
            return layout.document(entry, lang, body, res.catalog, res.where, query=query).encode("utf-8")

        try:
            if entry.url_path in UNCACHED:
                page = await anyio.to_thread.run_sync(make)
            else:
                key = (entry.url_path, lang, tuple(sorted(query.items())), res.data_version())
                page = await anyio.to_thread.run_sync(res.cached, res._pages, key, make)
        except NotFound as missing:
            return _html(not_found_page(res, lang, t(missing.message_key, lang)), request, 404)
        return _html(page.decode("utf-8"), request)

    async def stylesheet(request: Request) -> Response:
        return Response(
            layout.CSS,
            media_type="text/css; charset=utf-8",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    async def plain_index(request: Request) -> Response:
        lang = _lang(request) or DEFAULT_LANG
        return Response(
            status_code=307, headers={"Location": res.where.path(site.plain_path(site.DEFAULT_PAGE), lang)}
        )

    async def share_image(request: Request) -> Response:
        name, _, lang = request.path_params["name"].rpartition("-")
        entry = site.page(name)
        if entry is None or lang not in LANGS or entry.url_path in site.PRIVATE_PAGES:
            return PlainTextResponse("Not Found", status_code=404)

        def make() -> bytes:
            return og.share_png(entry, lang, res.catalog, res.store)

        key = (entry.url_path, lang, res.data_version())
        png = await anyio.to_thread.run_sync(res.cached, res._images, key, make, 32)
        return Response(png, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})

    async def robots(request: Request) -> Response:
        lines = ["User-agent: *"]
        for private in site.PRIVATE_PAGES:
            lines.append(f"Disallow: {prefix}/{private}")
        lines += [
            f"Disallow: {prefix}/_stcore/",
            f"Disallow: {prefix}/media/",
            f"Disallow: {prefix}/component/",
            f"Allow: {prefix}/",
            f"Sitemap: {res.where.url('/sitemap.xml')}",
        ]
        return PlainTextResponse("\n".join(lines) + "\n", headers={"Cache-Control": "public, max-age=3600"})

    async def sitemap(request: Request) -> Response:
        items = []
        for entry in site.PLAIN_PAGES:
            for path in (site.plain_path(entry), site.page_path(entry)):
                alternates = "".join(
                    f'<xhtml:link rel="alternate" hreflang="{meta.HTML_LANG[code]}" '
                    f'href="{xml_escape(res.where.url(path, code))}"/>'
                    for code in LANGS
                )
                for code in LANGS:
                    items.append(f"<url><loc>{xml_escape(res.where.url(path, code))}</loc>{alternates}</url>")
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(items) + "\n</urlset>\n"
        )
        return Response(body, media_type="application/xml", headers={"Cache-Control": "public, max-age=3600"})

    async def default_page(request: Request) -> Response:
        # The default page lives at "/"; Streamlit would answer its own name with a
        # "Page not found" pop-up over it. Links and bookmarks to it land on the page instead.
        query = request.url.query
        return Response(status_code=301, headers={"Location": f"{prefix}/" + (f"?{query}" if query else "")})

    plain_prefix = f"{prefix}/{site.PLAIN_PREFIX}"
    return [
        Route(f"{prefix}/{site.DEFAULT_PAGE.url_path}", default_page, methods=["GET", "HEAD"]),
        Route(f"{prefix}/{site.DEFAULT_PAGE.url_path}/", default_page, methods=["GET", "HEAD"]),
        # robots.txt is only ever fetched at the host's root, whatever the base URL
        Route("/robots.txt", robots, methods=["GET"]),
        Route(f"{prefix}/sitemap.xml", sitemap, methods=["GET"]),
        Route(f"{prefix}/{meta.OG_PREFIX}/{{name}}.png", share_image, methods=["GET"]),
        Route(f"{plain_prefix}/{layout.STYLESHEET}", stylesheet, methods=["GET"]),
        Route(plain_prefix, plain_index, methods=["GET"]),
        Route(f"{plain_prefix}/", plain_index, methods=["GET"]),
        Route(f"{plain_prefix}/{{page}}", plain, methods=["GET"]),
    ]


def middleware(option: Option) -> list[Middleware]:
    """Outermost first: the trusted-proxy rule (``web/client.py``), the WebSocket origin guard,
    the document head, compressed static files."""
    res = Resources(option)
    base = str(option("server.baseUrlPath") or "")
    return [
        Middleware(ForwardedForGuard),
        Middleware(CrossOriginGuard, option=option),
        Middleware(DocumentHead, catalog=lambda: res.catalog, where=lambda: res.where),
        Middleware(PrecompressedStatic, cache_dir=str(CACHE_DIR), base_url=base, warm="background"),
    ]


__all__ = ["middleware", "routes"]
