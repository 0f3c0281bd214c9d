"""The site's accessibility: the standards it aims at, the audit's rule tags, and its known limits.

The known limits are the entries of ``tests/browser/axe-allowlist.yaml``: the violations of
axe-core's rules that the browser audit (``tests/browser/test_accessibility.py``) allows because
they lie inside Streamlit's own frontend. The statement page (无障碍声明) lists the same entries,
so what the site says about itself and what the audit allows cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from arshan_data.config import REPO_ROOT
from arshan_data.i18n import HTML_LANG, t

#: The allow-list of the browser audit (also the statement's known limits).
ALLOWLIST = REPO_ROOT / "tests" / "browser" / "axe-allowlist.yaml"
#: axe-core's rule tags the audit runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
#: axe-core's version the audit uses (package.json pins it; a test keeps them in step).
AXE_VERSION = "4.14.1"
#: What an allow-list entry must say.
FIELDS = ("rule", "target", "why", "upstream", "limit")


@dataclasses.dataclass(frozen=True)
class KnownLimit:
    #: The axe-core rule id (``list``, ``color-contrast``, ...).
    rule: str
    #: A CSS selector: a violating element that is, or lies inside, this element is allowed.
    target: str
    #: Why the app cannot fix it (for developers).
    why: str
    #: The upstream issue's address, or what was searched when none was found.
    upstream: str
    #: The limit in words for readers, per language (``{"zh": ..., "en": ...}``).
    limit: dict[str, str]

    def rule_url(self) -> str:
        """Deque's page on the rule (what it checks and why it matters)."""
        minor = ".".join(AXE_VERSION.split(".")[:2])
        return f"https://dequeuniversity.com/rules/axe/{minor}/{self.rule}"


def parse_limits(text: str) -> tuple[KnownLimit, ...]:
    """The entries of an allow-list; an entry that lacks a field, or a reader's text in one of
    the languages, is an error (a limit nobody explains is not a known limit)."""
    entries = yaml.safe_load(text) or []
    if not isinstance(entries, list):
        raise ValueError("the axe allow-list must be a list of entries")
    limits = []
    for number, entry in enumerate(entries, 1):
        missing = [f for f in FIELDS if not (entry or {}).get(f)]
        if missing:
            raise ValueError(f"axe allow-list entry {number} lacks {', '.join(missing)}")
        limit = entry["limit"]
        if not isinstance(limit, dict) or not all(limit.get(lang) for lang in ("zh", "en")):
            raise ValueError(f"axe allow-list entry {number}: limit needs zh and en text")
        limits.append(
            KnownLimit(
                rule=str(entry["rule"]),
                target=str(entry["target"]),
                why=" ".join(str(entry["why"]).split()),
                upstream=str(entry["upstream"]),
                limit={lang: " ".join(str(limit[lang]).split()) for lang in ("zh", "en")},
            )
        )
    return tuple(limits)


@cache
def known_limits(path: Path = ALLOWLIST) -> tuple[KnownLimit, ...]:
    """The allow-listed violations."""
    return parse_limits(path.read_text(encoding="utf-8"))


# --- the statement (无障碍声明) -----------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Standard:
    #: The standard's code, as cited ("WCAG 2.2", "GB/T 37668-2019").
    code: str
    #: Its title in its own language (``title_lang``): marked with that ``lang`` on a page in the
    #: other language, so that a screen reader reads it in its own language.
    title: str
    title_lang: str
    #: Translation keys: the title in the page's language (when it is not the title's own) and
    #: the level aimed at (None: the standard has no levels).
    title_key: str | None = None
    level_key: str | None = None
    #: Where the standard is published (None: no stable public address).
    url: str | None = None


#: The standards the site aims at (the statement's first section).
STANDARDS: tuple[Standard, ...] = (
    Standard(
        "WCAG 2.2",
        "Web Content Accessibility Guidelines (WCAG) 2.2",
        "en",
        level_key="accessibility.standard.wcag",
        url="https://www.w3.org/TR/WCAG22/",
    ),
    Standard(
        "GB/T 37668-2019",
        "信息技术 互联网内容无障碍可访问性技术要求与测试方法",
        "zh",
        title_key="accessibility.standard.gbt",
    ),
)


def standard_html(standard: Standard, lang: str) -> str:
    """One standard as a list item's HTML: its code (linked when it has an address), its title
    (in another language than the page's: marked with its ``lang`` and followed by the
    translation) and the level aimed at."""
    esc = html.escape
    code = f"<strong>{esc(standard.code)}</strong>"
    if standard.url:
        code = f'<a href="{esc(standard.url, quote=True)}">{code}</a>'
    if standard.title_lang == lang:
        words = esc(standard.title)
    else:
        words = f'<span lang="{HTML_LANG[standard.title_lang]}">{esc(standard.title)}</span>'
        if standard.title_key:
            words += f" ({esc(t(standard.title_key, lang))})"
    level = f" — {esc(t(standard.level_key, lang))}" if standard.level_key else ""
    return f"{code} {words}{level}"


@dataclasses.dataclass(frozen=True)
class Contact:
    """Where to report a barrier: the plan's own e-mail and phone (plan text p. 45)."""

    email: str
    phone: str
    #: The office hours as the catalog holds them (``{"zh": ..., "en": ..., "page": ...}``).
    office_hours: Mapping[str, Any]
    page: int | None


def barrier_contact(catalog: Mapping[str, Any]) -> Contact | None:
    """The plan's contact from the catalog (``implementation.public_comment.contact``); None when
    the catalog has none (the statement then leaves the e-mail and phone out, never invents them)."""
    comment = (catalog.get("implementation") or {}).get("public_comment") or {}
    contact = comment.get("contact") or {}
    if not contact.get("email") and not contact.get("phone"):
        return None
    return Contact(
        email=str(contact.get("email") or ""),
        phone=str(contact.get("phone") or ""),
        office_hours=contact.get("office_hours") or {},
        page=contact.get("page"),
    )
