"""The accessibility audit: axe-core (the npm package pinned in package.json, never a CDN) run in
Chromium on every page of the site, interactive and plain edition, in Chinese and English, at
1920×1080 and 390×844, with the WCAG 2.0/2.1/2.2 A and AA rules.

One browser context per language walks the interactive pages through the sidebar (client-side
navigation: the JavaScript, and axe with it, is loaded once), audits each page at 1920×1080,
resizes the same page to 390×844 and audits it again; then it reads every plain page. All
results go to ``artifacts/axe-<lang>.json``; a test fails listing every violation that
``axe-allowlist.yaml`` does not allow (rule, element, page, viewport).
"""

from __future__ import annotations

import json
from collections.abc import Generator

import pytest
from playwright.sync_api import Page

from arshan_data import accessibility, site
from arshan_data.i18n import t

from ..conftest import REPO, require
from . import helpers
from .walks import DESKTOP, PHONE, PageRecord, _arrived, _go_to, page_url, run_together

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "artifacts"
LANGS = ("zh", "en")

#: Runs axe with the WCAG A/AA tags; marks each violating element that an allow-list entry
#: covers (the element is, or lies inside, the entry's target).
AUDIT_JS = """
async ([tags, allow]) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  const found = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const first = node.target[0];
      const el = typeof first === 'string' ? document.querySelector(first) : null;
      const entry = allow.find((a) => a.rule === v.id && el && el.closest(a.target));
      found.push({
        rule: v.id, impact: node.impact || v.impact, help: v.help,
        target: node.target.map(String).join(' >> '), html: node.html.slice(0, 300),
        summary: (node.failureSummary || '').slice(0, 400), allowed: entry ? entry.target : null,
      });
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def axe_path():
    require(
        AXE.exists(),
        f"{AXE.relative_to(REPO)} is missing: run `npm ci` (scripts/test-setup.sh does when npm exists)",
    )
    return AXE


def audit(page: Page, where: str, viewport: dict[str, int]) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    allow = [{"rule": e.rule, "target": e.target} for e in accessibility.known_limits()]
    found = page.evaluate(AUDIT_JS, [list(accessibility.AXE_TAGS), allow])
    size = f"{viewport['width']}x{viewport['height']}"
    return [{"page": where, "viewport": size, "rule": None}] + [
        dict(item, page=where, viewport=size) for item in found
    ]


def interactive_walk(context, lang: str, results: list[dict]) -> Generator[None, None, None]:
    """Every page in menu order through the sidebar, each audited at both sizes (yields while a
    page loads, so the other language's walk can audit meanwhile)."""
    page = context.new_page()
    page.goto("/" if lang == "zh" else f"/?lang={lang}", wait_until="commit")
    yield
    for index, entry in enumerate(site.PAGES):
        if index or not entry.default:
            _go_to(page, entry, lang, PageRecord())
            yield
        _arrived(page, entry)
        helpers.wait_idle(page)
        assert page.locator(".site-title").inner_text() == t("app.title", lang), page.url
        where = page_url(entry, **({} if lang == "zh" else {"lang": lang}))
        results += audit(page, where, DESKTOP)
        page.set_viewport_size(PHONE)
        helpers.wait_idle(page)
        results += audit(page, where, PHONE)
        page.set_viewport_size(DESKTOP)
        helpers.wait_idle(page)
    page.close()


def plain_walk(context, lang: str, results: list[dict]) -> Generator[None, None, None]:
    page = context.new_page()
    for entry in site.PLAIN_PAGES:
        where = site.plain_path(entry) + ("" if lang == "zh" else f"?lang={lang}")
        page.set_viewport_size(DESKTOP)
        reply = page.goto(where)
        assert reply is not None and reply.status == 200, where
        results += audit(page, where, DESKTOP)
        page.set_viewport_size(PHONE)
        results += audit(page, where, PHONE)
        yield
    page.close()


def chained(*steps: Generator) -> Generator[None, None, None]:
    for step in steps:
        yield from step


@pytest.fixture(scope="module")
def axe_results(axe_path, browser, offline_guard, app_server):
    """``{lang: ({"interactive": [...], "plain": [...]}, failure)}``: per audit one record with
    ``rule`` None (page and viewport audited) and one per violating element found, allowed or
    not; also written to ``artifacts/axe-<lang>.json``."""
    from .conftest import open_context

    contexts = {lang: open_context(browser, offline_guard, app_server, f"{lang} axe") for lang in LANGS}
    results: dict[str, dict[str, list[dict]]] = {lang: {"interactive": [], "plain": []} for lang in LANGS}
    try:
        outcome = run_together(
            {
                lang: chained(
                    interactive_walk(context, lang, results[lang]["interactive"]),
                    plain_walk(context, lang, results[lang]["plain"]),
                )
                for lang, context in contexts.items()
            }
        )
    finally:
        for context in contexts.values():
            context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in LANGS:
        record = dict(results[lang], failure=None if outcome[lang] is None else repr(outcome[lang]))
        (ARTIFACTS / f"axe-{lang}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1))
    return {lang: (results[lang], outcome[lang]) for lang in LANGS}


def described(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['rule']} ({v['impact']}) on {v['target']} — {v['page']} at {v['viewport']}: {v['help']}"
        f"\n      {v['html'][:160]}"
        for v in violations
    )


@pytest.mark.parametrize("edition", ["interactive", "plain"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_accessibility_violation_outside_the_allow_list(axe_results, lang, edition):
    results, failure = axe_results[lang]
    if isinstance(failure, BaseException):
        raise failure
    pages = site.PAGES if edition == "interactive" else site.PLAIN_PAGES
    audited = {(v["page"], v["viewport"]) for v in results[edition]}
    assert len(audited) == 2 * len(pages), f"not every page was audited at both sizes: {sorted(audited)}"
    blocking = [v for v in results[edition] if v["rule"] and not v["allowed"]]
    assert not blocking, (
        f"{len(blocking)} accessibility violations ({lang}, {edition} edition; all results in "
        f"artifacts/axe-{lang}.json):\n{described(blocking)}"
    )


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
    found = audit(page, "/plain/towns", DESKTOP)
    rules = {v["rule"] for v in found if v["rule"] and not v["allowed"]}
    assert {"image-alt", "color-contrast"} <= rules, found
