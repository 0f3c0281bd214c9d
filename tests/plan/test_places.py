"""Joining the plan catalog to map features, and the places the town/transport/heritage pages show."""

import math

import pytest

from arshan_data.geodata.views import View, fit_view
from arshan_data.plan import places
from arshan_data.plan.catalog import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def test_town_system_lists_the_central_city_its_parts_and_the_four_key_towns(cat):
    towns = places.town_system(cat)
    assert [t.rank for t in towns] == ["central_city"] + ["subdistrict"] * 4 + ["port"] + ["key_town"] * 4
    by_id = {t.id: t for t in towns}
    assert [t.item["zh"] for t in towns if t.rank == "key_town"] == [
        "白狼镇",
        "天池镇",
        "五岔沟镇",
        "明水河镇",
    ]
    assert [f["zh"] for f in by_id["bailang_town"].functions] == ["林俗文化旅游", "冰雪运动基地"]
    assert [f["zh"] for f in by_id["border_port"].functions] == ["对外商贸中心", "旅游服务", "物流集散地"]
    assert "政治经济文化综合中心" in [f["zh"] for f in by_id["central_city"].functions]
    # Which box belongs to which town is our reading: every town with functions says so.
    assert all(t.interpretation for t in towns if t.functions)
    # Subdistricts have a role, not a function box.
    assert (
        by_id["wenquan_street"].functions == ()
        and by_id["wenquan_street"].role["zh"] == "打造国际旅游集散中心"
    )


def test_a_feature_links_to_its_catalog_item_only_through_catalog_id_in_the_right_list(cat):
    towns = {tid: town.item for tid, town in places.town_index(cat).items()}
    assert (
        places.link({"id": "seat-x", "catalog_id": "tianchi_town", "name_zh": "x"}, towns)["zh"] == "天池镇"
    )
    # Same name but no catalog_id: not linked (no guessing from names).
    assert places.link({"id": "seat-x", "catalog_id": None, "name_zh": "天池镇"}, towns) is None
    # An id from another list (a village) does not link to a town.
    assert places.link({"id": "v", "catalog_id": "xikou_village"}, towns) is None


def test_linked_feature_ids_keeps_only_the_wanted_items_in_feature_order(cat):
    villages = places.index(places.village_rows(cat))
    rows = [
        {"id": "v1", "catalog_id": "xikou_village"},
        {"id": "v2", "catalog_id": "arxan_village"},
        {"id": "v3", "catalog_id": None},
        {"id": "v4", "catalog_id": "yirshi_village"},
    ]
    assert places.linked_feature_ids(rows, villages, ["yirshi_village", "xikou_village"]) == ["v1", "v4"]
    assert places.linked_feature_ids(rows, villages, []) == []


def test_villages_filter_by_category_and_show_the_plan_columns(cat):
    rows = places.village_rows(cat)
    assert [c["zh"] for c in places.village_categories(rows)] == ["城郊融合类", "集聚提升类"]
    assert [r["zh"] for r in places.filter_villages(rows, "集聚提升类")] == ["西口村"]
    assert len(places.filter_villages(rows, "城郊融合类")) == 2
    assert places.filter_villages(rows, None) == rows
    columns = cat["towns"]["villages"]["table"]["columns"]
    [xikou] = places.village_records(places.filter_villages(rows, "集聚提升类"), columns, "zh")
    assert xikou == {
        "乡镇": "明水河镇",
        "村庄名称": "西口村",
        "村庄分类": "集聚提升类",
        "常住人口（人）": 2152,
        "职能引导": "生态观光农业+旅游服务",
    }
    [first, *_] = places.village_records(rows, columns, "en")
    assert first["Village category"] == "Suburban integration"


def test_central_city_groups_get_their_labels_and_the_unassigned_ones_are_kept_apart(cat):
    structure = cat["central_city"]["structure"]
    labels = {g["id"]: [lb["zh"] for lb in lbs] for g, lbs in places.group_labels(structure)}
    assert labels["xincheng_group"] == ["生态宜居"]
    assert labels["port_group"] == ["边检、跨境旅游、互市贸易", "国际物流、进口商品制造"]
    assert [lb["zh"] for lb in places.unassigned_labels(structure)] == [
        "公共服务提升",
        "功能聚集",
        "绿色农副产品加工",
    ]
    items = places.structure_items(structure, ("core", "axes", "groups"))
    assert {"city_centre", "east_west_urban_axis", "north_south_tourism_axis", "port_group"} <= set(items)
    port = places.structure_items(cat["port"]["structure"], ("cores", "axes", "groups"))
    assert set(port) == {
        "tourism_trade_core",
        "industry_core",
        "industry_axis",
        "transport_axis",
        "tourism_group",
        "industry_group",
    }


def test_transport_projects_are_grouped_by_mode_with_their_pages(cat):
    projects = places.transport_projects(cat)
    modes = [p["mode"] for p in projects]
    assert modes == sorted(modes, key=places.MODES.index)
    g1216 = next(p for p in projects if p["id"] == "g1216")
    assert places.project_pages(g1216) == [21, 22]
    liangshan = next(p for p in projects if p["id"] == "liangshan_rail")
    assert places.project_pages(liangshan) == [9, 22]  # page 22, also page 9: in page order
    assert {p["status"] for p in projects} <= set(places.STATUS_ORDER)


def test_heritage_counts_and_what_each_map_feature_is_in_plan_terms(cat):
    assert [(lv["id"], lv["count"]) for lv in places.heritage_levels(cat)] == [
        ("national", 4),
        ("region", 1),
        ("municipal", 15),
    ]
    relic = places.heritage_link({"heritage_kind": "relic", "catalog_id": "national"}, cat)
    assert relic.kind == "context" and relic.item["context"]["zh"].startswith("公开资料称")
    district = places.heritage_link({"heritage_kind": "historic_district", "catalog_id": "donggouli"}, cat)
    assert district.kind == "district" and district.item["zh"].startswith("东沟里")
    painting = places.heritage_link(
        {"heritage_kind": "intangible_venue", "catalog_id": "bailang_birch_bark_painting"}, cat
    )
    assert painting.kind == "intangible" and painting.item["zh"] == "白狼桦树皮画"
    assert places.heritage_link({"heritage_kind": "intangible_venue", "catalog_id": None}, cat) is None
    assert places.nominated(cat) == {"halun_arxan_therapy", "arxan_holy_water_festival"}


def _visible(view, width, height):
    """Lon/lat box a view shows on a map of this size (Web Mercator)."""
    scale = 512 * 2**view.zoom
    half_lon = width / 2 / scale * 360
    y = math.log(math.tan(math.pi / 4 + math.radians(view.latitude) / 2))
    half_y = height / 2 / scale * 2 * math.pi

    def lat(v: float) -> float:
        return math.degrees(2 * math.atan(math.exp(v)) - math.pi / 2)

    return view.longitude - half_lon, lat(y - half_y), view.longitude + half_lon, lat(y + half_y)


@pytest.mark.parametrize(
    "bounds", [(119.55, 47.15, 119.97, 47.31), (119.62, 47.23, 119.65, 47.25), (119.3, 46.6, 121.4, 47.7)]
)
def test_fit_view_shows_the_whole_area_on_a_phone_sized_map(bounds):
    view = fit_view(bounds)
    minx, miny, maxx, maxy = _visible(view, 360, 420)
    assert minx <= bounds[0] and maxx >= bounds[2] and miny <= bounds[1] and maxy >= bounds[3]
    # ...and is not zoomed out needlessly: at one more zoom level it would no longer fit.
    tighter = View(view.longitude, view.latitude, view.zoom + 1)
    tminx, tminy, tmaxx, tmaxy = _visible(tighter, 360, 420)
    assert tminx > bounds[0] or tmaxx < bounds[2] or tminy > bounds[1] or tmaxy < bounds[3]


def test_fit_view_of_a_single_point_stops_at_a_street_level_zoom():
    assert fit_view((119.63, 47.24, 119.63, 47.24)).zoom == 13.0


def test_service_places_with_the_same_role_are_shown_together(cat):
    [county, township] = cat["services"]["service_system"]["levels"]
    groups = places.group_by_role(county["places"])
    assert [[p["zh"] for p in members] for members, _ in groups] == [
        ["温泉街"],
        ["伊尔施街道", "林海街道", "新城街道"],
    ]
    assert groups[1][1]["zh"] == "重点提升公共服务设施水平，构建县级的公共服务中心"
    township_groups = places.group_by_role(township["places"])
    assert [[p["zh"] for p in members] for members, _ in township_groups] == [["其他各镇"]]


def test_regional_cities_are_the_four_cities_of_the_regional_strategy(cat):
    assert [city["id"] for city in places.regional_cities(cat)] == ["manzhouli", "arxan", "ulanhot", "hailar"]
