"""长者模式: the header's switch is on every page, starts from ``?senior=true`` in the URL, and is
bound to that URL parameter (``bind="query-params"``, like the language is kept in ``lang``)."""

from __future__ import annotations

from arshan_data.i18n import t
from arshan_data.ui.reading import SENIOR_KEY

from ..conftest import REPO

TOWNS = str(REPO / "pages" / "towns.py")


def switch(at):
    return at.toggle(key=SENIOR_KEY)


def test_the_switch_is_in_the_header_and_off_by_default(app):
    at = app(TOWNS)
    assert not at.exception
    assert switch(at).label == t("reading.senior", "zh")
    assert switch(at).value is False
    assert SENIOR_KEY not in at.query_params


def test_the_switch_is_labelled_in_english_on_an_english_page(app):
    at = app(TOWNS, lang="en")
    assert switch(at).label == t("reading.senior", "en")


def test_a_link_with_senior_true_opens_in_the_mode(app):
    at = app(TOWNS, senior="true")
    assert not at.exception
    assert switch(at).value is True


def test_the_switch_is_bound_to_the_senior_url_parameter(app):
    """The browser writes the URL when the reader turns it on (tests/browser/test_reading.py):
    the switch tells it which parameter; a turned-on switch stays on through the next run."""
    at = app(TOWNS, lang="en")
    assert switch(at).proto.query_param_key == SENIOR_KEY
    at = switch(at).set_value(True).run()
    assert not at.exception
    assert switch(at).value is True
    assert at.query_params.get("lang") == "en"  # the language stays
