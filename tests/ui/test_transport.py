"""The transport and public services page: projects by status on the map and in a table, regional
links, tourism transport, the life circle and the service-centre hierarchy."""

import json

import pytest
from shapely.geometry import LineString, Point

from arshan_data import site
from arshan_data.geodata.build import build_layers
from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.sources import write_feature_collection

from .. import factories
from ..conftest import private_copy
from .conftest import all_text, page_html

PAGE = "pages/transport.py"


@pytest.fixture(scope="module")
def module_world(tmp_path_factory):
    """The tiny dataset, with transport features and regional cities linked to the catalog."""
    tmp_path = tmp_path_factory.mktemp("world")
    settings = factories.write_sources(tmp_path)
    line = LineString([(119.95, 47.15), (120.05, 47.25)])
    linked = {
        "roads": [("roads-1", "g1216", "planned", line), ("roads-2", "s308", "existing", line)],
        "airports": [("airports-1", "yirshi_airport", "upgrade", Point(120.0, 47.2))],
        "railways": [("railways-1", "liangshan_rail", "planned", line)],
        "regional_context": [
            ("regional_context-1", "hailar", None, Point(119.7, 49.2)),
            ("regional_context-2", "ulanhot", None, Point(122.0, 46.1)),
        ],
    }
    for layer_id, features in linked.items():
        layer = get_layer(layer_id)
        write_feature_collection(
            settings.sources_dir / layer.source,
            [
                factories.feature(layer, fid, geom, catalog_id=catalog_id, status=status)
                for fid, catalog_id, status, geom in features
            ],
        )
    build_layers(settings)
    return settings


@pytest.fixture
def tiny_settings(module_world, tmp_path):
    """This module's world, as a private copy the test may change."""
    return private_copy(module_world, tmp_path)


def deck(at, key):
    [chart] = [c for c in at.get("deck_gl_json_chart") if key in c.proto.id]
    return json.loads(chart.proto.json)


def projects_table(at, column):
    [table] = [df.value for df in at.dataframe if column in df.value.columns]
    return table


def under_card(at):
    return [b for b in page_html(at) if "feature-functions" in b]


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "G1216乌阿高速",
                "G1013海张高速",
                "伊尔施国际机场",
                "五岔沟通用机场",
                "两山铁路",
                "G302",
                "G331",
                "提升/改扩建",
                "规划未写明",
                "本站释读",
                "全域大环线",
                "S203",
                "S308",
                "X432",
                "5A级景区",
                "内部小环线",
                "水上旅旅游专线",
                "旅旅游",
                "15min社区生活圈",
                "艺术化",
                "国际旅游服务中心",
                "国际文化交流中心",
                "国际冰雪运动中心",
                "国际健康管理中心",
                "县级",
                "乡镇级",
                "其他各镇",
                "伊尔施街道 · 林海街道 · 新城街道",
                "乌阿海满",
                "来源：规划文本第 21 页",
                "来源：规划文本第 25 页",
            ],
        ),
        (
            "en",
            [
                "G1216 Ulanhot–Arxan Expressway",
                "Yirshi International Airport",
                "Upgrade",
                "Planned",
                "Not stated in the plan",
                "Grand loop",
                "5A scenic area",
                "15-minute community life circle",
                "International health management centre",
                "County level",
                "Township level",
                "Ulanhot–Arxan–Hailar–Manzhouli",
                "Source: plan text, p. 23",
            ],
        ),
    ],
)
def test_transport_page_shows_projects_loops_and_services(app, lang, expected):
    at = app(PAGE, lang=lang, layers="roads,railways,stations,airports")
    assert not at.exception
    text = all_text(at)
    assert [snippet for snippet in expected if snippet not in text] == []
    assert not at.error


def test_the_project_table_gives_mode_status_and_pages_as_the_catalog_records_them(app):
    at = app(PAGE)
    table = projects_table(at, "规划页码").set_index("项目")
    assert (
        table.loc["伊尔施国际机场", "状态"] == "提升/改扩建" and table.loc["伊尔施国际机场", "方式"] == "航空"
    )
    assert table.loc["G1216乌阿高速", "状态"] == "规划" and table.loc["G1216乌阿高速", "规划页码"] == "21、22"
    assert table.loc["两山铁路", "状态"] == "规划未写明"
    assert table.loc["G302", "状态"] == "提升/改扩建"
    assert list(table["方式"]) == sorted(table["方式"], key=["航空", "铁路", "公路"].index)


def test_status_is_drawn_by_style_and_the_legend_explains_it(app):
    at = app(PAGE, layers="roads,railways,stations,airports")
    ids = {layer["id"] for layer in deck(at, "transport_map")["layers"]}
    assert {"roads~planned", "roads~existing", "airports~upgrade", "railways~planned"} <= ids
    legend = next(b for b in page_html(at) if "legend-row" in b)
    assert "虚线为规划公路" in legend and "加粗" in legend


def test_picking_a_project_shows_its_status_and_our_reading(app):
    at = app(PAGE, lang="en", layers="roads,railways,stations,airports")
    assert under_card(at) == []
    at.selectbox(key="transport_feature").set_value("airports-1").run()
    [shown] = under_card(at)
    assert "Yirshi International Airport" in shown and "Upgrade" in shown and "Rebuild and expand" in shown
    assert "we follow page 21" in all_text(at)
    at.selectbox(key="transport_feature").set_value("roads-2").run()
    [shown] = under_card(at)
    assert "Part of" in shown and "Grand loop" in shown


def test_regional_map_is_zoomed_out_to_the_cities_the_plan_names(app):
    at = app(PAGE)
    spec = deck(at, "transport_region_map")
    assert spec["initialViewState"]["zoom"] < 7
    labels = next(layer for layer in spec["layers"] if layer["id"] == "regional_context~labels")
    assert len(labels["data"]) == 2
    at.selectbox(key="transport_region_feature").set_value("regional_context-1").run()
    assert any("海拉尔旅游集散中心城市" in body for body in under_card(at))


def test_the_tourism_page_is_linked_only_when_it_exists(app):
    at = app(PAGE)
    registered = any(page.script == "tourism.py" for page in site.PAGES)
    links = [link.proto.page for link in at.get("page_link")]
    assert ("tourism" in links) == registered
    assert links.count("feedback") == 4  # a comment link under each section


def test_without_a_tourism_page_the_section_says_nothing_about_it(app, monkeypatch):
    monkeypatch.setattr(site, "PAGES", tuple(page for page in site.PAGES if page.script != "tourism.py"))
    at = app(PAGE)
    assert not at.exception
    assert "tourism" not in [link.proto.page for link in at.get("page_link")]
    assert "旅游部门专页" not in all_text(at)
