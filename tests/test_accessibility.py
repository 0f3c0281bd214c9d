"""The accessibility audit's allow-list (tests/browser/axe-allowlist.yaml) is the site's list of
known limits: every entry explains itself, and the audit uses the axe-core version it says."""

from __future__ import annotations

import json

import pytest

from arshan_data import accessibility

from .conftest import REPO


def test_every_known_limit_says_what_why_where_upstream_and_for_readers():
    limits = accessibility.known_limits()
    assert limits, "the allow-list is empty: drop the statement's known-limits section instead"
    for limit in limits:
        assert limit.rule and limit.target and limit.why and limit.upstream
        assert limit.limit["zh"] and limit.limit["en"]
        assert limit.rule_url().endswith(f"/{limit.rule}")


@pytest.mark.parametrize(
    "entry, complaint",
    [
        ("- {rule: list, target: nav, upstream: x, limit: {zh: 甲, en: a}}", "lacks why"),
        ("- {rule: list, target: nav, why: y, upstream: x, limit: {zh: 甲}}", "zh and en"),
        ("rule: list", "must be a list"),
    ],
)
def test_an_entry_that_does_not_explain_itself_is_refused(entry, complaint):
    with pytest.raises(ValueError, match=complaint):
        accessibility.parse_limits(entry)


def test_the_audit_uses_the_pinned_axe_core():
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["axe-core"] == accessibility.AXE_VERSION
    assert lock["packages"]["node_modules/axe-core"]["version"] == accessibility.AXE_VERSION
