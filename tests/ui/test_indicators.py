"""规划指标: every figure of the plan in one place, binding ones first, linked to where it is shown."""

import pytest

from arshan_data.site import PAGES

from .conftest import all_text
from .plan_page import open_page, page_links

PAGE = "pages/indicators.py"


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "约束性指标",
                "生态保护红线",
                "6374.15 平方公里",
                "占市域 86.16%",
                "永久基本农田",
                "86.04 平方公里",
                "合 12.91 万亩",
                "城镇开发边界",
                "22.96 平方公里",
                "规划目标年耕地保有量",
                "210.57 平方公里",
                "合 31.58 万亩",
                "林地保有量面积",
                "593120.49 公顷",
                "至规划目标年林地保有量面积不低于593120.49公顷",
                "7397.67 平方公里",
                "13.78 平方公里",
                "2035 年",
                "30 天",
                "来源：规划文本第 14、16 页",
                "来源：规划文本第 16、31 页",
            ],
        ),
        (
            "en",
            [
                "Binding figures",
                "Ecological protection redline",
                "6,374.15 km²",
                "86.16% of the city",
                "Forest land to be retained",
                "593,120.49 ha",
                "7,397.67 km²",
                "30 days",
            ],
        ),
    ],
)
def test_indicator_panel_shows_every_figure_with_its_page(app, lang, expected):
    at = open_page(app, PAGE, lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet


def test_binding_figures_come_first(app):
    text = all_text(open_page(app, PAGE))
    assert text.index("593120.49 公顷") < text.index("7397.67 平方公里")


def test_each_binding_figure_links_to_its_chart_and_links_go_only_to_pages_on_the_site(app):
    at = open_page(app, PAGE)
    links = page_links(at)
    assert links["在“三线划定”图表中查看"] == ("pattern", "section=three_lines")
    assert links["在“资源保护利用”中查看"] == ("ecology", "section=resources")
    on_site = {entry.url_path for entry in PAGES} | {""}  # "" is the default page (overview)
    assert {page for page, _ in links.values()} <= on_site
    chart_links = [link for link in at.get("page_link") if link.proto.page == "pattern"]
    assert len(chart_links) == 3  # redline, farmland and urban boundary


def test_english_links_keep_the_language(app):
    links = page_links(open_page(app, PAGE, "en"))
    assert links["See it in the three control lines chart"] == ("pattern", "section=three_lines&lang=en")


def test_the_search_box_narrows_the_figures_and_says_how_many_match(app):
    at = open_page(app, PAGE)
    at.text_input(key="q").input("耕地").run()
    text = all_text(at)
    assert "规划目标年耕地保有量" in text and "210.57 平方公里" in text
    assert "生态保护红线" not in text and "7397.67 平方公里" not in text
    assert "项符合" in text


def test_a_search_by_plan_page_and_in_english(app):
    at = open_page(app, PAGE, "en", q="p.31")
    text = all_text(at)
    assert "Cropland" in text and "Ecological protection redline" not in text
    at.text_input(key="q").input("redline").run()
    assert "6,374.15 km²" in all_text(at)


def test_a_search_that_matches_nothing_says_so_and_shows_no_empty_headings(app):
    at = open_page(app, PAGE, "en", q="zzzz")
    text = all_text(at)
    assert "No figure of the plan matches “zzzz”" in text
    assert "Binding figures" not in text
