"""The overview page renders in both languages with the plan's figures from the catalog."""

import pytest

from ..apptest import page_path
from .conftest import all_text


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "阿尔山市国土空间总体规划",
                "以最终批复为准",
                "7397.67 平方公里",
                "6374.15 平方公里",
                "占市域 86.16%",
                "合 12.91 万亩",
                "593120.49 公顷",
                "来源：规划文本第 14 页",
            ],
        ),
        (
            "en",
            [
                "Arxan City Territorial Spatial Master Plan",
                "subject to the plan's final approval",
                "7,397.67 km²",
                "6,374.15 km²",
                "86.16% of the city",
                "= 129,100 mu",
                "593,120.49 ha",
                "Source: plan text, p. 14",
            ],
        ),
    ],
)
def test_overview_shows_the_key_figures(app, lang, expected):
    at = app(lang=lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text


def test_language_switch_changes_the_page_and_persists_across_pages(app):
    at = app()
    assert "关键指标" in all_text(at)
    at.button_group(key="lang").set_value("en").run()
    assert "Key figures" in all_text(at)
    at.switch_page(page_path("data")).run()
    assert "Data and sources" in all_text(at)


def test_a_link_with_an_unknown_language_opens_in_chinese(app):
    at = app(lang="fr")
    assert not at.exception
    assert "关键指标" in all_text(at)


def test_a_damaged_layer_file_is_named_and_the_rest_of_the_page_works(app, tiny_settings):
    (tiny_settings.layers_dir / "seats.parquet").write_bytes(b"not parquet at all")
    at = app(lang="en")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("seats.parquet" in e and "damaged" in e for e in errors)
    text = all_text(at)
    assert "7,397.67 km²" in text  # the figures still show
    assert at.get("deck_gl_json_chart")  # and the map draws the other layers


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "范围与期限",
                "13.78平方公里",
                "2021",
                "2025",
                "2035",
                "2050",
                "远景展望至2050年",
                "世界级生态旅游康养目的地",
                "国家生态文明建设示范区",
                "中国北部森林水源涵养区",
                "阿尔山火山温泉康养度假区",
                "2025年规划目标",
                "生态保护红线得到严格落实",
                "15分钟生活圈全面建成",
                "成为具有世界影响力的生态旅游康养目的地",
                "区域协同",
                "对外开放",
                "生态保护",
                "产业提升",
                "满洲里旅游中心城市",
                "乌兰浩特旅游集散中心城市",
                "旅游+健康养老",
                "旅游+绿色产品",
                "来源：规划文本第 5 页",
                "来源：规划文本第 6 页",
                "来源：规划文本第 7、11 页",
            ],
        ),
        (
            "en",
            [
                "Scope and periods",
                "13.78 km²",
                "Long-term vision",
                "World-class destination for eco-tourism",
                "National demonstration zone for ecological civilisation",
                "Goals for 2035",
                "15-minute life circle fully built",
                "Regional coordination",
                "Industrial upgrading",
                "Hailar: tourism distribution-hub city",
                "Tourism + port",
                "Source: plan text, pp. 7, 8",
            ],
        ),
    ],
)
def test_overview_tells_scope_positioning_goals_and_strategies(app, lang, expected):
    at = app(lang=lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet


def test_overview_shows_the_full_goal_text_and_our_reading_of_the_positions(app):
    at = app()
    text = all_text(at)
    assert "全面建成碳中和“先锋城市”、国家园林城市" in text  # 2025 full text (in an expander)
    assert "本站的理解：" in text and "后两组的对应关系把握较低" in text
    assert [e.label for e in at.expander].count("规划原文") == 3


def test_overview_links_to_the_indicator_panel_and_to_comments(app):
    at = app()
    links = {link.proto.label: (link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert links["查看全部规划指标"][0] == "indicators"
    assert links["对此提意见"] == ("feedback", "topic=other&lang=zh")


def test_a_section_link_opens_the_overview_at_that_section(app):
    at = app(section="goals")
    assert [s.value for s in at.subheader][0] == "发展目标"
