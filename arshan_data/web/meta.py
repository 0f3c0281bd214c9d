"""What the server says about a page before any script runs: its language, title, description,
share card (Open Graph) and canonical address, from the site's page list and the plan catalog.

Shared by the interactive pages' document (``web.document``), the plain edition, the sitemap and
the share images, so that all of them say the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from arshan_data import site
from arshan_data.config import Settings
from arshan_data.i18n import DEFAULT_LANG, HTML_LANG, LANGS
from arshan_data.plan.catalog import Catalog, text

#: Open Graph's locale of each language.
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
#: Where a page's share image is served (no base URL): ``/og/towns-zh.png``.
OG_PREFIX = "og"


def requested_lang(value: str | None) -> str | None:
    """The language a URL's ``lang`` asks for, or None for a value the site has no language for."""
    value = (value or "").strip().lower()
    if not value:
        return DEFAULT_LANG
    return value if value in LANGS else None


@dataclasses.dataclass(frozen=True)
class Site:
    """The addresses the server writes into documents."""

    #: The public address readers use (``ARSHAN_PUBLIC_URL``), without a trailing slash.
    public_url: str
    #: Streamlit's ``server.baseUrlPath`` as ``""`` or ``"/arxan"``.
    base: str = ""

    @classmethod
    def of(cls, settings: Settings, base_url_path: str = "") -> Site:
        base = (base_url_path or "").strip("/")
        return cls(settings.public_url.rstrip("/"), f"/{base}" if base else "")

    def path(self, path: str, lang: str = DEFAULT_LANG, **query: str) -> str:
        """A same-origin link (base URL included) with ``lang`` when it is not the default."""
        params = dict(query)
        if lang != DEFAULT_LANG:
            params["lang"] = lang
        return self.base + path + (f"?{urlencode(params)}" if params else "")

    def url(self, path: str, lang: str = DEFAULT_LANG, **query: str) -> str:
        """The same link as an absolute URL on the public address (og:url, sitemap)."""
        return self.public_url + self.path(path, lang, **query)


def catalog_text(catalog: Catalog, keys: tuple[str, ...], lang: str) -> str:
    node: Any = catalog
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return ""
        node = node[key]
    return text(node, lang)


@dataclasses.dataclass(frozen=True)
class Head:
    lang: str
    title: str
    description: str
    #: Absolute URLs.
    canonical: str
    image: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL)
    plain_link: str  # same-origin link to the page's plain edition
    site_name: str


def page_head(
    entry: site.PageEntry, lang: str, catalog: Catalog, where: Site, *, plain: bool = False
) -> Head:
    """The head of ``entry``'s interactive page (``plain=False``) or of its plain edition."""
    path = site.plain_path(entry) if plain else site.page_path(entry)
    return Head(
        lang=HTML_LANG[lang],
        title=site.document_title(entry, lang),
        description=catalog_text(catalog, entry.description, lang),
        canonical=where.url(path, lang),
        image=where.url(f"/{OG_PREFIX}/{entry.url_path}-{lang}.png"),
        alternates=tuple((HTML_LANG[code], where.url(path, code)) for code in LANGS),
        plain_link=where.path(site.plain_path(entry), lang) if entry.plain else "",
        site_name=text(catalog["meta"]["title"], lang),
    )


def head_tags(head: Head, escape: Callable[[str], str]) -> str:
    """``<title>``, description, canonical, hreflang alternates and the Open Graph card."""
    tags = [
        f"<title>{escape(head.title)}</title>",
        f'<meta name="description" content="{escape(head.description)}">',
        f'<link rel="canonical" href="{escape(head.canonical)}">',
        *(f'<link rel="alternate" hreflang="{code}" href="{escape(url)}">' for code, url in head.alternates),
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{escape(head.site_name)}">',
        f'<meta property="og:title" content="{escape(head.title)}">',
        f'<meta property="og:description" content="{escape(head.description)}">',
        f'<meta property="og:image" content="{escape(head.image)}">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="630">',
        f'<meta property="og:url" content="{escape(head.canonical)}">',
        f'<meta property="og:locale" content="{OG_LOCALE["zh" if head.lang == "zh-CN" else "en"]}">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    return "\n    ".join(tags)
