"""The site's pages, declared once: file, URL path, title, menu section and icon of each, in menu
order. The interactive menu (``ui.frame``), page links and the tests read this list.
"""

from __future__ import annotations

import dataclasses

from arshan_data.config import REPO_ROOT


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

    @property
    def file(self) -> str:
        """The page file's absolute path, as ``st.Page`` and ``st.page_link`` take it."""
        return str(REPO_ROOT / "pages" / self.script)


#: Every page of the site, in menu order. Titles are translation keys.
PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "overview.py", "page.overview", "overview", "nav.section.plan", ":material/home:", default=True
    ),
    PageEntry("pattern.py", "pattern.page.title", "pattern", "nav.section.plan", ":material/layers:"),
    PageEntry("ecology.py", "ecology.page.title", "ecology", "nav.section.plan", ":material/forest:"),
    PageEntry("towns.py", "towns.page.title", "towns", "nav.section.plan", ":material/location_city:"),
    PageEntry("transport.py", "transport.page.title", "transport", "nav.section.plan", ":material/commute:"),
    PageEntry(
        "heritage.py", "heritage.page.title", "heritage", "nav.section.plan", ":material/account_balance:"
    ),
    PageEntry(
        "implementation.py",
        "implementation.page.title",
        "implementation",
        "nav.section.plan",
        ":material/account_tree:",
    ),
    PageEntry("whatshere.py", "whatshere.page.title", "whatshere", "nav.section.plan", ":material/pin_drop:"),
    PageEntry(
        "indicators.py", "indicators.page.title", "indicators", "nav.section.plan", ":material/monitoring:"
    ),
    PageEntry("tourism.py", "tourism.page.title", "tourism", "nav.section.tools", ":material/route:"),
    PageEntry(
        "feedback.py", "feedback.page.title", "feedback", "nav.section.tools", ":material/rate_review:"
    ),
    PageEntry("heard.py", "heard.page.title", "heard", "nav.section.tools", ":material/forum:"),
    PageEntry("present.py", "present.page.title", "present", "nav.section.tools", ":material/co_present:"),
    PageEntry("data.py", "page.data", "data", "nav.section.about", ":material/dataset:"),
    PageEntry(
        "staff.py", "staff.page.title", "staff", "staff.nav.section", ":material/admin_panel_settings:"
    ),
)


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
