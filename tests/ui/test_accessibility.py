"""无障碍声明 / Accessibility: the standards, how the site is checked, the known limits read from
the audit's allow-list, and the plan's own e-mail and phone for reporting a barrier."""

from __future__ import annotations

import pytest

from arshan_data import accessibility
from arshan_data.i18n import t

from ..conftest import REPO
from .conftest import all_text, page_html

PAGE = str(REPO / "pages" / "accessibility.py")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_statement_names_standards_checks_limits_and_contact(app, lang):
    at = app(PAGE, **({} if lang == "zh" else {"lang": lang}))
    assert not at.exception
    text = all_text(at)
    assert t("accessibility.heading", lang) in text
    assert "WCAG 2.2" in text and "GB/T 37668-2019" in text
    assert accessibility.AXE_VERSION in text
    assert t("reading.senior", lang) in text  # the 长者模式 switch is explained
    limits = accessibility.known_limits()
    assert limits
    for limit in limits:
        assert limit.limit[lang] in text
    # the plan's own channels (plan text p. 45), not made up
    assert "aesgtj@126.com" in text and "0482-7122988" in text


def test_the_chinese_title_of_gbt_37668_is_marked_as_chinese_on_the_english_page(app):
    at = app(PAGE, lang="en")
    blocks = "\n".join(page_html(at))
    assert '<span lang="zh-CN">信息技术 互联网内容无障碍可访问性技术要求与测试方法</span>' in blocks
    assert t("accessibility.standard.gbt", "en") in blocks


def test_the_english_title_of_wcag_is_marked_as_english_on_the_chinese_page(app):
    blocks = "\n".join(page_html(app(PAGE)))
    assert '<span lang="en">Web Content Accessibility Guidelines (WCAG) 2.2</span>' in blocks
