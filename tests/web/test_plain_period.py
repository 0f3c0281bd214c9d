"""The plain edition's feedback page says when its comment period is only a demo."""

from __future__ import annotations

import pytest

from arshan_data.config import load_settings
from arshan_data.i18n import t
from arshan_data.plan.catalog import load_catalog
from arshan_data.web import meta
from arshan_data.web.plain.pages import Context, feedback


def plain_feedback(env: dict[str, str], lang: str) -> str:
    settings = load_settings(env=env)
    ctx = Context(load_catalog(), lang, None, settings, meta.Site.of(settings), {}, lambda: None)
    return feedback(ctx)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plain_feedback_page_labels_a_demo_period_and_not_a_configured_one(lang):
    demo = plain_feedback({}, lang)
    assert f"<h2>{t('feedback.period.demo', lang)}</h2>" in demo
    official = plain_feedback(
        {"ARSHAN_COMMENT_START": "2023-02-03", "ARSHAN_COMMENT_END": "2023-03-04"}, lang
    )
    assert t("feedback.period.demo", lang) not in official
    assert f"<h2>{t('feedback.period.heading', lang)}</h2>" in official
