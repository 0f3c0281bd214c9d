"""汇报模式: slide order and the URL round trip, every slide in both languages, the presenter view,
the chrome hidden only while presenting, the map panel's print download — and 投屏跟随: the
presenter's share button starts a session in the feedback store and each slide they turn to is
written there; an audience view ``?follow=CODE`` shows the slide the store holds, has no buttons
of its own, and says clearly (in both languages) when a code is wrong or has ended."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from shapely.geometry import Point

from arshan_data.feedback import presentation as pres
from arshan_data.feedback.repository import open_repository
from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection
from arshan_data.plan import slides
from arshan_data.plan.catalog import load_catalog
from arshan_data.ui.frame import CHROMELESS_CSS

from .. import factories
from .conftest import all_text
from .plan_page import open_page

PAGE = "pages/present.py"
TOTAL = len(slides.SLIDES)
CATALOG = load_catalog()


def headline(at) -> str:
    return html.unescape(
        next(str(el.proto.body) for el in at.get("html") if "pr-headline" in str(el.proto.body))
    )


def expected_headline(number: int, lang: str = "zh") -> str:
    return slides.content(slides.SLIDES[number - 1], CATALOG, lang).headline


def styles(at) -> str:
    return "\n".join(str(el.proto.body) for el in at.get("html") if "<style>" in str(el.proto.body))


def test_a_link_opens_slide_n_and_the_buttons_keep_the_url_in_step(app):
    at = open_page(app, PAGE, slide="7")
    assert not at.exception
    assert expected_headline(7) in headline(at) and "7 / 13" in headline(at)
    assert at.query_params["slide"] == "7"
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] == "8" and expected_headline(8) in headline(at)
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()
    assert at.query_params["slide"] == "6" and "6 / 13" in headline(at)
    at.selectbox(key="present_index").set_value(12).run()
    assert at.query_params["slide"] == "12" and expected_headline(12) in headline(at)


def test_the_first_and_last_slides_disable_going_further(app):
    at = open_page(app, PAGE)
    assert "1 / 13" in headline(at) and at.button(key="present_prev").disabled
    assert "slide" not in at.query_params  # opening the page does not rewrite its URL
    at = open_page(app, PAGE, slide=str(TOTAL))
    assert at.button(key="present_next").disabled and not at.button(key="present_prev").disabled


@pytest.mark.parametrize(
    ("asked", "shown", "words"),
    [("99", TOTAL, "没有第 99 张"), ("0", 1, "从第 1 张开始"), ("x", 1, "“x”无效")],
)
def test_a_number_out_of_range_opens_the_nearest_slide_and_says_so(app, asked, shown, words):
    at = open_page(app, PAGE, slide=asked)
    assert not at.exception
    assert at.query_params["slide"] == str(shown)
    assert f"{shown} / {TOTAL}" in headline(at)
    assert any(words in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_renders_in_both_languages(app, lang):
    at = open_page(app, PAGE, lang=lang, slide="1")
    for number in range(1, TOTAL + 1):
        assert not at.exception, (number, at.exception)
        shown = slides.content(slides.SLIDES[number - 1], CATALOG, lang)
        assert shown.headline in headline(at) and f"{number} / {TOTAL}" in headline(at)
        text = all_text(at)
        for fig in shown.figures:
            assert fig.value in text
        slide = shown.slide
        if slide.kind == "map":
            [chart] = at.get("deck_gl_json_chart")
            spec = json.loads(chart.proto.json)
            assert spec["initialViewState"]["zoom"] == slide.map.view.zoom
            assert spec["initialViewState"]["transitionDuration"] == slides.TRANSITION_MS
            assert spec["mapStyle"] == "__MAP_STYLE__"  # no basemap: nothing fetched
        elif slide.kind == "chart":
            assert len(at.get("plotly_chart")) == 2  # projector size and regular size (CSS picks one)
        assert shown.notes not in html.unescape(text)  # the audience never sees the speaker notes
        if number < TOTAL:
            at.button(key="present_next").click().run()


@pytest.fixture
def pattern_app(app, tiny_settings):
    """The app with a pattern layer holding one feature of each element."""
    layer = get_layer("pattern")
    elements = [e for step in slides.PATTERN_STEPS for e in step]
    features = [
        factories.feature(
            layer, f"pattern-{e}", Point(120.0 + k * 0.01, 47.2), element=e, fidelity="schematic"
        )
        for k, e in enumerate(elements)
    ]
    write_feature_collection(tiny_settings.sources_dir / layer.source, features)
    build_layers(tiny_settings)
    return app


def test_the_pattern_slides_add_elements_to_one_map(pattern_app):
    at = open_page(pattern_app, PAGE, slide="3")
    shown = []
    for _ in range(4):
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        shown.append(
            {
                layer["id"].split("~")[1]
                for layer in spec["layers"]
                if layer["id"].startswith("pattern~") and not layer["id"].endswith("halo")
            }
        )
        at.button(key="present_next").click().run()
    assert shown == [
        {"one_barrier"},
        {"one_barrier", "two_belts"},
        {"one_barrier", "two_belts", "one_core", "one_axis"},
        {"one_barrier", "two_belts", "one_core", "one_axis", "one_loop", "two_zones", "multiple_points"},
    ]


def test_the_audience_view_hides_the_chrome_and_other_pages_keep_it(app):
    at = open_page(app, PAGE)
    assert CHROMELESS_CSS.strip()[:40] in styles(at)
    other = open_page(app, "pages/overview.py")
    assert CHROMELESS_CSS.strip()[:40] not in styles(other)
    presenter = open_page(app, PAGE, view="presenter")
    assert CHROMELESS_CSS.strip()[:40] not in styles(presenter)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_presenter_view_shows_notes_the_next_slide_and_the_list(app, lang):
    at = open_page(app, PAGE, lang=lang, view="presenter", slide="7")
    assert not at.exception
    text = html.unescape(all_text(at))
    shown = slides.content(slides.SLIDES[6], CATALOG, lang)
    upcoming = slides.content(slides.SLIDES[7], CATALOG, lang)
    assert shown.notes in text
    assert upcoming.headline in text
    assert len(at.get("imgs")) >= 2 or len(at.get("image")) >= 2
    labels = [b.label for b in at.button]
    assert [f"{k}. {slides.content(s, CATALOG, lang).title}" for k, s in enumerate(slides.SLIDES, 1)] == [
        label for label in labels if label[:2].rstrip(".").isdigit()
    ]
    at.button(key="present_goto_13").click().run()
    assert at.query_params["slide"] == "13" and at.query_params["view"] == "presenter"
    assert slides.content(slides.SLIDES[12], CATALOG, lang).notes in html.unescape(all_text(at))
    assert any(t in all_text(at) for t in ("这是最后一张。", "This is the last slide."))


def test_plan_maps_offer_a_printable_a4_and_a3_map(app):
    at = open_page(app, "pages/pattern.py")
    labels = [el.proto.label for el in at.get("download_button")]
    assert "打印地图（PDF，A4）" in labels and "打印地图（PDF，A3）" in labels


# ----------------------------------------------------------------------------- 投屏跟随


@pytest.fixture
def store(tiny_settings):
    repo = open_repository(tiny_settings.feedback_store)
    yield repo
    repo.close()


def test_the_presenter_shares_and_every_slide_they_turn_to_reaches_the_store(app, store):
    at = open_page(app, PAGE, view="presenter", slide="2")
    assert not at.exception
    at.button(key="present_share").click().run()
    [code] = set(re.findall(r"follow=([0-9A-Z]{6})", all_text(at)))
    assert code in all_text(at)  # read out in the room as well as linked
    token = at.query_params["share"]
    assert token and token not in all_text(at)  # the presenter's key is never shown as a link
    assert store.presentation(code).slide == 2
    at.button(key="present_next").click().run()
    assert store.presentation(code).slide == 3
    at.button(key="present_goto_9").click().run()
    assert (store.presentation(code).slide, store.presentation(code).lang) == (9, "zh")
    again = open_page(app, PAGE, view="presenter", slide="11", share=token)  # the presenter reloads
    assert not again.exception and store.presentation(code).slide == 11


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_audience_view_shows_the_slide_the_store_holds_without_buttons(app, store, lang):
    shared = store.create_presentation(4, "zh")
    at = open_page(app, PAGE, lang=lang, follow=shared.code.lower())
    assert not at.exception
    assert expected_headline(4, lang) in headline(at) and f"4 / {TOTAL}" in headline(at)
    assert not [b for b in at.button if b.key in ("present_next", "present_prev")]
    assert shared.code in all_text(at)
    store.move_presentation(shared.token, 8, "zh")
    at.run()  # what the page's poll does when the slide changed
    assert expected_headline(8, lang) in headline(at) and f"8 / {TOTAL}" in headline(at)


@pytest.mark.parametrize(
    ("lang", "words", "other"),
    [
        ("zh", "投屏代码“ZZZ222”无效或已失效", "is not valid or has ended"),
        ("en", "The presentation code “ZZZ222” is not valid", "无效或已失效"),
    ],
)
def test_a_wrong_or_ended_code_says_so_in_both_languages(app, store, lang, words, other):
    at = open_page(app, PAGE, lang=lang, follow="zzz222")
    assert not at.exception
    assert any(words in e.value for e in at.error)
    assert other in all_text(at)
    assert not at.get("deck_gl_json_chart") and not [b for b in at.button if b.key == "present_next"]
    old = store.create_presentation(3, "zh", at=dt.datetime.now(dt.UTC) - pres.TTL - dt.timedelta(minutes=1))
    hostile = open_page(app, PAGE, lang=lang, follow="![x](http://evil.example/p.png)")
    assert any(words.replace("ZZZ222", "?") in e.value for e in hostile.error)
    assert "evil.example" not in all_text(hostile)
    ended = open_page(app, PAGE, lang=lang, follow=old.code)
    assert any(words.replace("ZZZ222", old.code) in e.value for e in ended.error)
