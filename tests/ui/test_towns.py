"""The towns and villages page: the 1+4 towns with their functions, the village table and maps."""

import json

import pytest
from shapely.geometry import Point

from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection

from .. import factories
from ..conftest import private_copy
from .conftest import all_text, page_html

PAGE = "pages/towns.py"


@pytest.fixture(scope="module")
def module_world(tmp_path_factory):
    """The tiny dataset, with seats, villages and central-city features that link to the catalog."""
    tmp_path = tmp_path_factory.mktemp("world")
    settings = factories.write_sources(tmp_path)
    linked = {
        "seats": [("seats-1", "bailang_town"), ("seats-2", "wenquan_street"), ("seats-3", None)],
        "villages": [
            ("villages-1", "arxan_village"),
            ("villages-2", "yirshi_village"),
            ("villages-3", "xikou_village"),
        ],
        "central_city": [("central_city-1", "port_group")],
    }
    for layer_id, features in linked.items():
        layer = get_layer(layer_id)
        write_feature_collection(
            settings.sources_dir / layer.source,
            [
                factories.feature(
                    layer,
                    fid,
                    Point(120.0 + i / 100, 47.2)
                    if layer.id != "central_city"
                    else factories.default_geometry(layer),
                    catalog_id=catalog_id,
                )
                for i, (fid, catalog_id) in enumerate(features)
            ],
        )
    build_layers(settings)
    return settings


@pytest.fixture
def tiny_settings(module_world, tmp_path):
    """This module's world, as a private copy the test may change."""
    return private_copy(module_world, tmp_path)


def deck_feature_ids(at, key):
    """Ids of the features a map (by its widget key) draws."""
    [chart] = [c for c in at.get("deck_gl_json_chart") if key in c.proto.id]
    ids = set()
    for layer in json.loads(chart.proto.json)["layers"]:
        data = layer.get("data")
        if isinstance(data, dict):
            ids |= {f["properties"]["id"] for f in data["features"]}
    return ids


def readings(at, words):
    bodies = page_html(at)
    return [body for body in bodies if "note-interpretation" in body and words in body]


def functions_under_card(at):
    return [b for b in page_html(at) if "feature-functions" in b]


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "白狼镇",
                "天池镇",
                "五岔沟镇",
                "明水河镇",
                "林俗文化旅游",
                "冰雪运动基地",
                "生态旅游",
                "林畜产品加工基地",
                "绿色生态农产品种植加工基地",
                "政治经济文化综合中心",
                "对外商贸中心",
                "构建“1+4”城镇体系结构",
                "本站释读",
                "西口村",
                "2152",
                "城郊融合类",
                "集聚提升类",
                "文本中的表格只有3行",
                "“一核双轴五组团”",
                "温泉雪城城市中心",
                "公共服务提升",
                "“两心两轴两组团“",
                "跨境旅游商贸核心",
                "13.78 平方公里",
                "来源：规划文本第 18 页",
                "来源：规划文本第 17 页",
                "来源：规划文本第 35 页",
                "来源：规划文本第 39 页",
            ],
        ),
        (
            "en",
            [
                "Bailang Town",
                "Tianchi Town",
                "Wuchagou Town",
                "Mingshuihe Town",
                "Forest-folk culture tourism",
                "Ice and snow sports base",
                "Eco-tourism",
                "Our reading",
                "Xikou Village",
                "2152",
                "Suburban integration",
                "only 3 rows",
                "one core, two axes, five groups",
                "two cores, two axes, two groups",
                "a cross-border tourism and trade core",
                "13.78 km²",
                "Source: plan text, p. 18",
            ],
        ),
    ],
)
def test_towns_page_shows_the_town_system_villages_central_city_and_port(app, lang, expected):
    at = app(PAGE, lang=lang)
    assert not at.exception
    text = all_text(at)
    missing = [snippet for snippet in expected if snippet not in text]
    assert missing == []
    assert not at.error


def test_picking_a_town_shows_its_functions_under_the_feature_card(app):
    at = app(PAGE)
    assert functions_under_card(at) == []
    assert len(readings(at, "归于白狼镇")) == 1
    at.selectbox(key="towns_feature").set_value("seats-1").run()
    [shown] = functions_under_card(at)
    assert "林俗文化旅游" in shown and "冰雪运动基地" in shown
    # Whose reading it is shows under the card too (the town cards further down already say it once).
    assert len(readings(at, "归于白狼镇")) == 2
    assert at.query_params["feature"] == "seats-1"  # a shared link opens the same town


def test_a_subdistrict_shows_its_role_and_an_unlinked_seat_shows_no_plan_functions(app):
    at = app(PAGE, lang="en", feature="seats-2")
    [shown] = functions_under_card(at)
    assert "Role in the plan" in shown and "Build an international tourism distribution centre" in shown
    at.selectbox(key="towns_feature").set_value("seats-3").run()
    assert not at.exception
    assert functions_under_card(at) == []


def test_a_central_city_group_on_the_zoomed_map_shows_its_labels(app):
    at = app(PAGE)
    at.selectbox(key="towns_central_feature").set_value("central_city-1").run()
    [shown] = functions_under_card(at)
    assert "口岸" in shown and "边检、跨境旅游、互市贸易" in shown


def test_the_village_category_filter_changes_the_table_and_the_village_map(app):
    at = app(PAGE)
    [table] = [df.value for df in at.dataframe if "村庄名称" in df.value.columns]
    assert list(table["村庄名称"]) == ["阿尔山村", "伊尔施村", "西口村"]
    assert {"villages-1", "villages-2", "villages-3"} <= deck_feature_ids(at, "towns_villages_map")

    at.button_group(key="towns_village_cat").set_value("集聚提升类").run()
    [table] = [df.value for df in at.dataframe if "村庄名称" in df.value.columns]
    assert list(table["村庄名称"]) == ["西口村"] and list(table["常住人口（人）"]) == [2152]
    drawn = deck_feature_ids(at, "towns_villages_map")
    assert "villages-3" in drawn and not {"villages-1", "villages-2"} & drawn
    assert "显示 1 个村庄，共 3 个" in all_text(at)

    at.button_group(key="towns_village_cat").set_value(None).run()
    [table] = [df.value for df in at.dataframe if "村庄名称" in df.value.columns]
    assert len(table) == 3


def test_comment_link_carries_the_topic_and_the_selected_feature(app):
    at = app(PAGE, feature="seats-1")
    links = [link for link in at.get("page_link") if "feedback" in str(link.proto.page)]
    assert len(links) == 4  # one per section: towns, villages, central city, port
    first = links[0].proto
    assert "topic=towns" in first.query_string and "element=seats-1" in first.query_string


def test_the_share_box_writes_the_link_out_without_a_code_block(app):
    # st.code made every page with a share box download Streamlit's syntax highlighter
    # (about 400 kB compressed) on a phone's first visit.
    at = app(PAGE, lang="en", feature="seats-1")
    assert not at.get("code")
    links = [body for body in page_html(at) if "class='share-link'" in body]
    assert links and all("<a href='http" in body and "feature=seats-1" in body for body in links), links
