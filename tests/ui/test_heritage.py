"""The heritage and townscape page: themes, the 东沟里 district, site counts, intangible heritage,
townscape zones — and outside context labelled as such."""

import pytest
from shapely.geometry import Point

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection

from .. import factories
from ..conftest import private_copy
from .conftest import all_text, page_html

PAGE = "pages/heritage.py"


@pytest.fixture(scope="module")
def module_world(tmp_path_factory):
    """The tiny dataset, with heritage points and a townscape zone linked to the catalog."""
    tmp_path = tmp_path_factory.mktemp("world")
    settings = factories.write_sources(tmp_path)
    heritage = get_layer("heritage")
    write_feature_collection(
        settings.sources_dir / heritage.source,
        [
            factories.feature(
                heritage,
                "heritage-1",
                Point(120.0, 47.2),
                catalog_id="national",
                heritage_kind="relic",
                level="national",
            ),
            factories.feature(
                heritage,
                "heritage-2",
                Point(120.01, 47.2),
                catalog_id="donggouli",
                heritage_kind="historic_district",
                level="autonomous_region",
            ),
            factories.feature(
                heritage,
                "heritage-3",
                Point(120.02, 47.2),
                catalog_id="arxan_holy_water_festival",
                heritage_kind="intangible_venue",
                level="unknown",
            ),
        ],
    )
    zones = get_layer("landscape_zones")
    write_feature_collection(
        settings.sources_dir / zones.source,
        [
            factories.feature(
                zones,
                "landscape_zones-1",
                Point(120.0, 47.25),
                catalog_id="canyon_zone",
                fidelity="schematic",
            )
        ],
    )
    build_layers(settings)
    return settings


@pytest.fixture
def tiny_settings(module_world, tmp_path):
    """This module's world, as a private copy the test may change."""
    return private_copy(module_world, tmp_path)


def under_card(at):
    bodies = page_html(at)
    return [b for b in bodies if "feature-functions" in b or "own-note" in b]


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "军事遗址文化",
                "边境文化",
                "林俗文化",
                "圣泉文化",
                "东沟里自治区级历史文化街区",
                "国家级文物保护单位：4 个",
                "自治区级文物保护单位：1 个",
                "市级文物保护单位：15 个",
                "规划只给出各级文物保护单位的数量，未列出名称",
                "背景资料（不是规划内容）",
                "侵华日军阿尔山要塞",
                "白狼桦树皮画",
                "哈伦阿尔山疗法",
                "阿尔山圣水节",
                "近期推进申报自治区级非遗",
                "塑造富有阿尔山特色的塞北小城",
                "①天池风貌区",
                "⑨历史文化区",
                "⑧峡谷风貌区",
                "来源：规划文本第 27 页",
                "来源：规划文本第 26 页",
            ],
        ),
        (
            "en",
            [
                "Military-site culture",
                "Holy Spring culture",
                "Donggouli Historic and Cultural District",
                "National level: 4",
                "Autonomous-region level: 1",
                "City level: 15",
                "Background (not plan content)",
                "Bailang birch-bark painting",
                "Halun Arxan therapy",
                "To be nominated for the regional list soon",
                "Saibei",
                "① Tianchi townscape zone",
                "Source: plan text, p. 27",
            ],
        ),
    ],
)
def test_heritage_page_shows_themes_district_counts_intangible_heritage_and_zones(app, lang, expected):
    at = app(PAGE, lang=lang)
    assert not at.exception
    text = all_text(at)
    assert [snippet for snippet in expected if snippet not in text] == []
    assert not at.error


def test_only_the_two_items_the_plan_names_for_nomination_carry_the_badge(app):
    at = app(PAGE)
    badges = [b for b in page_html(at) if "pl-badge" in b]
    assert len(badges) == 2
    assert any("哈伦阿尔山疗法" in b for b in badges) and any("阿尔山圣水节" in b for b in badges)
    assert not any("白狼桦树皮画" in b for b in badges)


def test_a_named_relic_on_the_map_is_labelled_as_outside_context_not_plan_text(app):
    def context_notes(at):
        return [b for b in under_card(at) if "背景资料（不是规划内容）" in b and "阿尔山车站" in b]

    at = app(PAGE)
    assert len(context_notes(at)) == 1  # under the site counts
    at.selectbox(key="heritage_feature").set_value("heritage-1").run()
    assert len(context_notes(at)) == 2  # ...and under the tapped site's card
    assert at.query_params["feature"] == "heritage-1"


def test_the_district_and_an_intangible_item_show_their_plan_entry(app):
    at = app(PAGE, lang="en")
    at.selectbox(key="heritage_feature").set_value("heritage-3").run()
    assert any(
        "Arxan Holy Water Festival" in b and "To be nominated" in b and "feature-functions" in b
        for b in under_card(at)
    )
    at.selectbox(key="heritage_feature").set_value("heritage-2").run()
    assert any(
        "Donggouli Historic and Cultural District" in b and "feature-functions" in b for b in under_card(at)
    )


def test_a_townscape_zone_shows_its_plan_number_and_name(app):
    at = app(PAGE)
    at.selectbox(key="heritage_zones_feature").set_value("landscape_zones-1").run()
    assert any("⑧峡谷风貌区" in b and "feature-functions" in b for b in under_card(at))
    assert "空心圈和点线为示意要素" in all_text(at)  # the page says schematic features are not locations


def test_comment_links_name_the_topic_and_the_selected_site(app):
    at = app(PAGE)
    at.selectbox(key="heritage_feature").set_value("heritage-2").run()
    queries = [link.proto.query_string for link in at.get("page_link") if link.proto.page == "feedback"]
    assert len(queries) == 2
    assert "topic=heritage" in queries[0] and "element=heritage-2" in queries[0]
