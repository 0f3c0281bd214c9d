"""The plain edition's comment pages: a demo period says it is one, and the public record says
where each comment was tied to, as the interactive pages do."""

from __future__ import annotations

import pytest

from arshan_data.config import load_settings
from arshan_data.feedback.model import Submission
from arshan_data.feedback.sqlite_store import SqliteStore
from arshan_data.geodata.grid import Location, cell_centre, cell_id, cell_index
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import t
from arshan_data.plan.catalog import load_catalog
from arshan_data.web import meta
from arshan_data.web.plain.pages import Context, feedback, heard


def context(env: dict[str, str], lang: str, store=None, repo=None) -> Context:
    settings = load_settings(env=env)
    return Context(load_catalog(), lang, store, settings, meta.Site.of(settings), {}, lambda: repo)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plain_feedback_page_labels_a_demo_period_and_not_a_configured_one(lang):
    demo = feedback(context({}, lang))
    assert f"<h2>{t('feedback.period.demo', lang)}</h2>" in demo
    period = {"ARSHAN_COMMENT_START": "2023-02-03", "ARSHAN_COMMENT_END": "2023-03-04"}
    official = feedback(context(period, lang))
    assert t("feedback.period.demo", lang) not in official
    assert f"<h2>{t('feedback.period.heading', lang)}</h2>" in official


def test_the_plain_public_record_shows_the_place_of_a_comment(tiny_world, tmp_path):
    here = Location(cell_id(*cell_index(120.0, 47.2)), *cell_centre(*cell_index(120.0, 47.2)))
    repo = SqliteStore(tmp_path / "feedback.sqlite3")
    receipt = repo.add(
        Submission(
            "suggestion",
            "tourism",
            "景区的公共厕所太少，建议增加。",
            element_id="scenic_areas-1",
            location=here,
        ),
        "k",
    )
    repo.answer(receipt.reference, "我们会研究。", publish=True)
    html = heard(context({}, "en", MapStore(tiny_world.layers_dir), repo))
    assert t("feedback.place.at", "en", place="Test seats-1", cell=here.cell_id) in html
    assert "About: Test scenic_areas-1 · " in html
