"""总体格局: the pattern map element by element, and the three control lines with the plan's figures."""

import pytest
from shapely.geometry import Point

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection
from arshan_data.plan import charts
from arshan_data.plan.catalog import load_catalog
from arshan_data.plan.chart_text import chart_summary

from .. import factories
from .conftest import all_text
from .plan_page import chart_images, deck_layer_ids, open_page

PAGE = "pages/pattern.py"


@pytest.fixture
def pattern_app(app, tiny_settings):
    """The app with a pattern layer holding a barrier, a belt and two points."""
    layer = get_layer("pattern")
    features = [
        factories.feature(
            layer,
            "pattern-barrier",
            factories.INSIDE_AREA,
            element="one_barrier",
            name_zh="大兴安岭南麓生态屏障",
            fidelity="schematic",
        ),
        factories.feature(
            layer,
            "pattern-belt",
            factories.INSIDE_LINE,
            element="two_belts",
            name_zh="哈拉哈河保护带",
            fidelity="schematic",
        ),
        factories.feature(
            layer, "pattern-point-1", Point(120.0, 47.2), element="multiple_points", fidelity="schematic"
        ),
        factories.feature(
            layer, "pattern-point-2", Point(120.05, 47.22), element="multiple_points", fidelity="schematic"
        ),
    ]
    write_feature_collection(tiny_settings.sources_dir / layer.source, features)
    build_layers(tiny_settings)
    return app


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "一屏两带、一核一轴、一环二区多点",
                "坚持面上保护，点状开发",
                "大兴安岭南麓生态屏障",
                "哈拉哈河保护带、洮儿河保护带",
                "自然保护地、文旅节点、重点城镇",
                "三线划定",
                "优先划定生态保护红线",
                "6374.15 平方公里",
                "占市域 86.16%",
                "86.04 平方公里",
                "合 12.91 万亩",
                "22.96 平方公里",
                "占市域 0.31%",
                "除国家重大战略项目外",
                "面积不减、质量提升、布局稳定",
                "914.52",
                "来源：规划文本第 14 页",
                "来源：规划文本第 12、13 页",
                "示意",
            ],
        ),
        (
            "en",
            [
                "One barrier, two belts",
                "Ecological barrier of the southern foothills",
                "Halaha River protection belt; Tao",
                "6,374.15 km²",
                "86.16% of the city",
                "= 129,100 mu",
                "0.31% of the city",
                "major national strategic projects",
                "our calculation",
                "Source: plan text, p. 14",
            ],
        ),
    ],
)
def test_pattern_page_shows_the_elements_and_the_three_lines(pattern_app, lang, expected):
    at = open_page(pattern_app, PAGE, lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet
    # The three lines as a chart drawn without plotly, its numbers in its alt text.
    summary = chart_summary(charts.three_lines_chart(load_catalog(), lang), lang)
    assert summary and summary in chart_images(at) and not at.get("plotly_chart")


def test_each_element_is_a_switch_with_its_own_colour_on_the_map(pattern_app):
    at = open_page(pattern_app, PAGE)
    switches = at.button_group(key="pattern_layers")
    assert switches.options[:3] == ["一屏", "两带", "多点"]
    ids = deck_layer_ids(at)
    assert {
        "pattern~one_barrier~schematic",
        "pattern~two_belts~schematic",
        "pattern~multiple_points~schematic",
    } <= ids

    at = switches.set_value(["pattern.two_belts"]).run()
    ids = deck_layer_ids(at)
    assert "pattern~two_belts~schematic" in ids
    assert not any(i.startswith(("pattern~one_barrier", "pattern~multiple_points")) for i in ids)
    assert at.query_params["layers"] == "pattern.two_belts"
    text = all_text(at)
    assert "哈拉哈河保护带、洮儿河保护带" in text and "大兴安岭南麓生态屏障" not in text


def test_a_link_with_one_element_opens_just_that_element(pattern_app):
    at = open_page(pattern_app, PAGE, layers="pattern.multiple_points")
    ids = deck_layer_ids(at)
    assert "pattern~multiple_points~schematic" in ids
    assert not any(i.startswith("pattern~two_belts") for i in ids)


def test_a_link_from_the_indicator_panel_opens_the_three_lines_first(pattern_app):
    at = open_page(pattern_app, PAGE, section="three_lines")
    assert at.subheader[0].value == "三线划定"
    at = open_page(pattern_app, PAGE)
    assert at.subheader[0].value != "三线划定"


def test_comment_link_names_the_picked_element(pattern_app):
    at = open_page(pattern_app, PAGE)
    at.selectbox(key="pattern_feature").set_value("pattern-belt").run()
    comment = [link.proto for link in at.get("page_link") if link.proto.page == "feedback"]
    assert comment[0].query_string == "topic=pattern&lang=zh&element=pattern-belt"


def test_the_page_works_on_the_tiny_dataset_too(app):
    """An element value the catalog does not know still gets a switch (nothing is hidden)."""
    at = open_page(app, PAGE, "en")
    assert not at.exception
    assert "x" in at.button_group(key="pattern_layers").options
    assert "6,374.15 km²" in all_text(at)
