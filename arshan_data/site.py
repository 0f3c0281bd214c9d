"""The site's pages, declared once: file, URL path, title, menu section and icon of each, in menu
order, and what the server says about each (its plain edition, its description). The interactive
menu (``ui.frame``), the plain edition and the document head (``web``), page links and the tests
read this list.
"""

from __future__ import annotations

import dataclasses

from arshan_data.config import REPO_ROOT
from arshan_data.i18n import t

#: Where the plain (script-free) edition of a page is served: ``/plain/<url_path>``.
PLAIN_PREFIX = "plain"


@dataclasses.dataclass(frozen=True)
class PageEntry:
    #: The page's file under ``pages/`` (named like its URL path).
    script: str
    #: Translation keys of its title and of its menu section.
    title_key: str
    url_path: str
    section: str
    #: A Material icon name as ``st.Page`` takes it.
    icon: str
    #: The site's first page (served at ``/`` as well as at its own path).
    default: bool = False
    #: Whether the page has a plain edition (every public page; not the staff desk or the
    #: presentation, which are tools, not readings of the plan).
    plain: bool = True
    #: The catalog entry whose text is the page's description (``<meta name="description">``,
    #: the share card): a path of keys into the plan catalog, e.g. ``("towns", "town_system",
    #: "headline")``.
    description: tuple[str, ...] = ("meta", "title")

    @property
    def file(self) -> str:
        """The page file's absolute path, as ``st.Page`` and ``st.page_link`` take it."""
        return str(REPO_ROOT / "pages" / self.script)


#: Every page of the site, in menu order. Titles are translation keys.
PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "overview.py",
        "page.overview",
        "overview",
        "nav.section.plan",
        ":material/home:",
        default=True,
        description=("meta", "preface", "summary"),
    ),
    PageEntry(
        "pattern.py",
        "pattern.page.title",
        "pattern",
        "nav.section.plan",
        ":material/layers:",
        description=("pattern", "overall_pattern", "intro"),
    ),
    PageEntry(
        "ecology.py",
        "ecology.page.title",
        "ecology",
        "nav.section.plan",
        ":material/forest:",
        description=("ecology", "ecological_space", "headline"),
    ),
    PageEntry(
        "towns.py",
        "towns.page.title",
        "towns",
        "nav.section.plan",
        ":material/location_city:",
        description=("towns", "town_system", "headline"),
    ),
    PageEntry(
        "transport.py",
        "transport.page.title",
        "transport",
        "nav.section.plan",
        ":material/commute:",
        description=("transport", "system", "headline"),
    ),
    PageEntry(
        "heritage.py",
        "heritage.page.title",
        "heritage",
        "nav.section.plan",
        ":material/account_balance:",
        description=("heritage", "heritage", "headline"),
    ),
    PageEntry(
        "implementation.py",
        "implementation.page.title",
        "implementation",
        "nav.section.plan",
        ":material/account_tree:",
        description=("implementation", "transmission", "headline"),
    ),
    PageEntry(
        "whatshere.py",
        "whatshere.page.title",
        "whatshere",
        "nav.section.plan",
        ":material/pin_drop:",
        description=("pattern", "overall_pattern", "intro"),
    ),
    PageEntry(
        "indicators.py",
        "indicators.page.title",
        "indicators",
        "nav.section.plan",
        ":material/monitoring:",
        description=("pattern", "three_lines", "heading"),
    ),
    PageEntry(
        "tourism.py",
        "tourism.page.title",
        "tourism",
        "nav.section.tools",
        ":material/route:",
        description=("towns", "tourism_pattern", "headline"),
    ),
    PageEntry(
        "feedback.py",
        "feedback.page.title",
        "feedback",
        "nav.section.tools",
        ":material/rate_review:",
        description=("implementation", "public_comment", "invitation"),
    ),
    PageEntry(
        "heard.py",
        "heard.page.title",
        "heard",
        "nav.section.tools",
        ":material/forum:",
        description=("implementation", "public_comment", "invitation"),
    ),
    PageEntry(
        "present.py",
        "present.page.title",
        "present",
        "nav.section.tools",
        ":material/co_present:",
        plain=False,
    ),
    PageEntry(
        "data.py",
        "page.data",
        "data",
        "nav.section.about",
        ":material/dataset:",
        description=("meta", "source", "note"),
    ),
    PageEntry(
        "accessibility.py",
        "accessibility.page.title",
        "accessibility",
        "nav.section.about",
        ":material/accessibility_new:",
    ),
    PageEntry(
        "staff.py",
        "staff.page.title",
        "staff",
        "staff.nav.section",
        ":material/admin_panel_settings:",
        plain=False,
    ),
)

#: The pages with a plain edition, in menu order.
PLAIN_PAGES: tuple[PageEntry, ...] = tuple(entry for entry in PAGES if entry.plain)
#: Pages kept out of search engines (robots.txt): the staff desk.
PRIVATE_PAGES: tuple[str, ...] = ("staff",)


def page(url_path: str) -> PageEntry | None:
    """The page served at ``url_path`` (None when the site has no such page)."""
    return next((entry for entry in PAGES if entry.url_path == url_path), None)


def required_page(url_path: str) -> PageEntry:
    """The page served at ``url_path``, for code that links to a page the site always has."""
    found = page(url_path)
    if found is None:
        raise KeyError(f"the site has no page {url_path!r}; see arshan_data/site.py")
    return found


DEFAULT_PAGE = next(entry for entry in PAGES if entry.default)


def document_title(entry: PageEntry, lang: str) -> str:
    """The browser tab's title: the page's and the plan's ("城镇体系 · 阿尔山市国土空间总体规划…").
    The server writes it into the document and the interactive page sets the same one."""
    return f"{t(entry.title_key, lang)} · {t('app.title', lang)}"


def plain_path(entry: PageEntry) -> str:
    """The plain edition's path (no base URL): ``/plain/towns``."""
    return f"/{PLAIN_PREFIX}/{entry.url_path}"


def page_path(entry: PageEntry) -> str:
    """The interactive page's path (no base URL): ``/towns``; the default page is ``/`` (its
    own name redirects there, ``web/server.py``)."""
    return "/" if entry.default else f"/{entry.url_path}"
