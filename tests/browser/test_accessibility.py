"""The accessibility audit: axe-core (the npm package pinned in package.json, never a CDN) run in
Chromium on every page of the site, interactive and plain edition, in Chinese and English, at
1920×1080 and 390×844, with the WCAG 2.0/2.1/2.2 A and AA rules.

The interactive pages are audited by the two walks (walks.py: one browser context per language
through the sidebar, each page at both sizes), so no page is loaded twice for it; the plain
pages by one context per language here. All results go to ``artifacts/axe-<lang>.json``; a test
fails listing every violation that ``axe-allowlist.yaml`` does not allow (rule, element, page,
viewport).
"""

from __future__ import annotations

import json

import pytest

from arshan_data import site

from ..conftest import REPO, require
from . import axe
from .walks import DESKTOP, PHONE

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "artifacts"
LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def axe_path():
    require(
        axe.available(),
        f"{axe.AXE.relative_to(REPO)} is missing: run `npm ci --omit=dev` "
        "(scripts/test-setup.sh does when npm exists)",
    )
    return axe.AXE


def interactive_results(walked) -> list[dict]:
    failures = {path: record.failure for path, record in walked.pages.items() if record.failure}
    assert not failures, f"pages the walk could not audit: {failures}"
    return [item for record in walked.pages.values() for item in (record.axe or [])]


@pytest.fixture(scope="module")
def plain_results(axe_path, browser, offline_guard, app_server):
    """``{lang: [...]}`` for the plain pages, each at both sizes."""
    from .conftest import open_context

    results: dict[str, list[dict]] = {}
    for lang in LANGS:
        context = open_context(browser, offline_guard, app_server, f"{lang} plain axe")
        page, found = context.new_page(), []
        try:
            for entry in site.PLAIN_PAGES:
                where = site.plain_path(entry) + ("" if lang == "zh" else f"?lang={lang}")
                page.set_viewport_size(DESKTOP)
                reply = page.goto(where)
                assert reply is not None and reply.status == 200, where
                found += axe.audit(page, where, DESKTOP)
                page.set_viewport_size(PHONE)
                found += axe.audit(page, where, PHONE)
        finally:
            context.close()
        results[lang] = found
    return results


def described(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['rule']} ({v['impact']}) on {v['target']} — {v['page']} at {v['viewport']}: {v['help']}"
        f"\n      {v['html'][:160]}"
        for v in violations
    )


def check(results: list[dict], pages, lang: str, edition: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{lang}-{edition}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    audited = {(v["page"], v["viewport"]) for v in results}
    assert len(audited) == 2 * len(pages), f"not every page was audited at both sizes: {sorted(audited)}"
    blocking = [v for v in results if v["rule"] and not v["allowed"]]
    assert not blocking, (
        f"{len(blocking)} accessibility violations ({lang}, {edition} edition; all results in "
        f"artifacts/axe-{lang}-{edition}.json):\n{described(blocking)}"
    )


def test_no_violation_outside_the_allow_list_on_the_chinese_pages(axe_path, zh_walk):
    check(interactive_results(zh_walk), site.PAGES, "zh", "interactive")


def test_no_violation_outside_the_allow_list_on_the_english_pages(axe_path, en_walk):
    check(interactive_results(en_walk), site.PAGES, "en", "interactive")


@pytest.mark.parametrize("lang", LANGS)
def test_no_violation_outside_the_allow_list_on_the_plain_pages(plain_results, lang):
    check(plain_results[lang], site.PLAIN_PAGES, lang, "plain")


def test_the_audit_sees_a_violation(new_context, app_server, axe_path):
    """The audit can fail: an image without a text alternative and low-contrast text on a page
    are reported, and not as allowed."""
    page = new_context(app_server).new_page()
    page.goto("/plain/towns")
    page.evaluate("""() => {
        const main = document.querySelector('main') || document.body;
        main.insertAdjacentHTML('beforeend',
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">' +
            '<p style="color:#ccc;background:#fff">faint text</p>');
    }""")
    found = axe.audit(page, "/plain/towns", DESKTOP)
    rules = {v["rule"] for v in found if v["rule"] and not v["allowed"]}
    assert {"image-alt", "color-contrast"} <= rules, found
