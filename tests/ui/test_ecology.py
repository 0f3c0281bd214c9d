"""生态与资源: protected areas on a map and in a table, the farming pattern, resources, restoration."""

import pytest

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection
from arshan_data.plan.catalog import load_catalog

from .. import factories
from .conftest import all_text
from .plan_page import deck_layer_ids, open_page

PAGE = "pages/ecology.py"
PROTECTED = [a["zh"] for a in load_catalog()["ecology"]["ecological_space"]["protected_areas"]]


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                *PROTECTED,
                "一屏：大兴安岭南麓生态屏障",
                "岭北",
                "岭南",
                "白狼镇",
                "发展林下住宿产业、农场经济、林下康养度假、树皮画加工产业",
                "五岔沟镇",
                "开发高端生态林下产品，集中发展特色林下经济",
                "苗木培育",
                "593120.49 公顷",
                "210.57 平方公里",
                "合 31.58 万亩",
                "对哈拉哈河、洮儿河及其支流按照二级水源地保护要求进行保护",
                "鼓励开采地热及优质矿泉水矿产",
                "水域生态修复重点区",
                "中蒙界河河流廊道生态修复工程",
                "哈拉哈河源头区矿山生态修复工程",
                "乡村全域土地综合整治区",
                "伊尔施街道、温泉街道",
                "城乡建设用地增减挂钩天池镇项目",
                "“岭”按大兴安岭理解",
                "来源：规划文本第 15 页",
                "来源：规划文本第 16 页",
                "来源：规划文本第 29 页",
                "来源：规划文本第 33 页",
            ],
        ),
        (
            "en",
            [
                "Inner Mongolia Dulaer Nature Reserve",
                "Inner Mongolia Wuchagou Wetland Park",
                "North of the ridge",
                "Bailang Town",
                "Develop modern crop farming and animal breeding",
                "593,120.49 ha",
                "210.57 km²",
                "grade-II water sources",
                "Key zone for mine ecological restoration",
                "Source: plan text, p. 28",
            ],
        ),
    ],
)
def test_ecology_page_shows_protected_areas_farming_resources_and_restoration(app, lang, expected):
    at = open_page(app, PAGE, lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet


def test_protected_areas_table_lists_all_eight_with_level_kind_and_map_fidelity(app, tiny_settings):
    layer = get_layer("protected_areas")
    write_feature_collection(
        tiny_settings.sources_dir / layer.source,
        [
            factories.feature(
                layer, "pa-dulaer", factories.INSIDE_POINT, catalog_id="dulaer_nr", fidelity="schematic"
            ),
            factories.feature(
                layer, "pa-geopark", factories.INSIDE_POINT, name_zh="内蒙古阿尔山国家地质公园"
            ),
        ],
    )
    build_layers(tiny_settings)
    at = open_page(app, PAGE)
    [table] = [frame.value for frame in at.dataframe if "级别" in frame.value.columns]
    assert list(table["名称"]) == PROTECTED
    rows = table.set_index("名称")
    assert rows.loc["内蒙古杜拉尔自治区级自然保护区", "级别"] == "自治区级"
    assert rows.loc["内蒙古杜拉尔自治区级自然保护区", "类型"] == "自然保护区"
    assert rows.loc["内蒙古杜拉尔自治区级自然保护区", "地图位置精度"] == "示意"
    assert rows.loc["内蒙古阿尔山国家地质公园", "地图位置精度"] == "大致位置"
    assert rows.loc["内蒙古五岔沟自治区湿地公园", "地图位置精度"] == "地图上暂无"
    assert set(rows["规划页码"]) == {"规划文本第15页"}


def test_the_farming_towns_are_on_the_map_and_the_projects_map_is_split_by_kind(app, tiny_settings):
    seats = get_layer("seats")
    write_feature_collection(
        tiny_settings.sources_dir / seats.source,
        [
            factories.feature(
                seats, "seat-bailang", factories.INSIDE_POINT, catalog_id="bailang_town", name_zh="白狼镇"
            ),
            factories.feature(seats, "seat-wenquan", factories.INSIDE_POINT, name_zh="温泉街道"),
        ],
    )
    projects = get_layer("land_projects")
    write_feature_collection(
        tiny_settings.sources_dir / projects.source,
        [
            factories.feature(projects, "lp-zone", factories.INSIDE_AREA, kind="restoration_zone"),
            factories.feature(projects, "lp-project", factories.INSIDE_POINT, kind="consolidation_project"),
        ],
    )
    build_layers(tiny_settings)
    at = open_page(app, PAGE)
    assert not at.exception
    assert at.selectbox(key="ecology_feature").options[1:] == [
        "测试protected_areas-1",
        "白狼镇",
    ]  # not 温泉街道
    assert at.button_group(key="ecology_projects_layers").options == ["生态修复重点区", "国土整治项目"]
    assert {"land_projects~restoration_zone", "land_projects~consolidation_project"} <= deck_layer_ids(at, 1)
    assert "水域、林地和矿山三类生态修复重点区域" in all_text(at)


def test_a_link_to_the_resources_opens_them_first_and_comments_go_to_ecology(app):
    at = open_page(app, PAGE, section="resources")
    assert at.subheader[0].value == "资源保护利用"
    comment = [link.proto for link in at.get("page_link") if link.proto.page == "feedback"]
    assert comment[0].query_string == "topic=ecology&lang=zh"
