"""axe-core in the page: the npm package pinned in package.json (never a CDN), injected into the
page and run with the WCAG 2.0/2.1/2.2 A and AA rules. The walks (walks.py) audit every
interactive page with it; test_accessibility.py reads their results and audits the plain pages."""

from __future__ import annotations

from playwright.sync_api import Page

from arshan_data import accessibility

from ..conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

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


def available() -> bool:
    return AXE.exists()


def audit(page: Page, where: str, viewport: dict[str, int]) -> list[dict]:
    """One record with ``rule`` None (this page and size were audited), then one per violating
    element found, allowed or not."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    allow = [{"rule": e.rule, "target": e.target} for e in accessibility.known_limits()]
    found = page.evaluate(AUDIT_JS, [list(accessibility.AXE_TAGS), allow])
    size = f"{viewport['width']}x{viewport['height']}"
    return [{"page": where, "viewport": size, "rule": None}] + [
        dict(item, page=where, viewport=size) for item in found
    ]
