"""`python -m arshan_data check` holds the map features to the plan: a status or statement is
the plan's or cites a source, a cited page holds the cited words, and the grand loop reaches
every scenic area page 23 says it links. Each rule fails on a small bad feature built here."""

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from arshan_data.__main__ import main
from arshan_data.config import load_settings
from arshan_data.geodata import geo
from arshan_data.geodata.layers import (
    AIRPORTS,
    OFF_LOOP_KM,
    RAILWAYS,
    REGIONAL_CONTEXT,
    ROADS,
    SCENIC_AREAS,
    SEATS,
    TOURISM_LOOPS,
    get_layer,
)
from arshan_data.plan import catalog
from arshan_data.plan.check import (
    PlanContext,
    check_cited_pages,
    check_features,
    check_grand_loop,
    check_statements,
    check_status,
    plan_pages,
)

from ..factories import INSIDE_LINE, INSIDE_POINT, feature


@pytest.fixture(scope="module")
def ctx():
    return PlanContext.of(catalog.load_catalog(), catalog.read_plan_text())


def row(layer_id, **overrides):
    """A feature as tests/factories.py makes it, citing no plan page unless told."""
    overrides.setdefault("plan_ref", None)
    layer = get_layer(layer_id)
    geom = INSIDE_POINT if "Point" in layer.geometry else INSIDE_LINE
    return feature(layer, f"{layer_id}-bad", geom, **overrides)["properties"]


# ----------------------------------------------------------------------------- the plan's pages


def test_the_plan_text_is_read_page_by_page():
    cat = catalog.load_catalog()
    unnumbered = [e["page"] for e in cat["meta"]["pages"]["unnumbered"]]
    pages = plan_pages(catalog.read_plan_text(), unnumbered)
    assert 36 not in pages  # the text has nothing of page 36
    assert {12, 38, 41, 45} <= set(pages)  # the unnumbered pages of meta.yaml
    assert [p for p, text in pages.items() if "全域大环线" in text] == [23]
    assert [p for p, text in pages.items() if "发展现代种养业" in text] == [16]


# ----------------------------------------------------------------------------- statuses


def test_a_status_other_than_the_plans_fails(ctx):
    [msg] = check_status(get_layer(ROADS), row(ROADS, catalog_id="g302", status="existing"), ctx)
    assert msg == "status 'existing', but the plan says 'upgrade' (transport.yaml g302, p.21)."
    assert check_status(get_layer(ROADS), row(ROADS, catalog_id="g302", status="upgrade"), ctx) == []
    [msg] = check_status(get_layer(ROADS), row(ROADS, catalog_id="g1216", status=None), ctx)
    assert msg.startswith("status None, but the plan says 'planned'")


def test_a_status_the_plan_does_not_state_needs_a_cited_source(ctx):
    railways = get_layer(RAILWAYS)
    bare = row(RAILWAYS, catalog_id="zalantun_arxan_rail", status="planned", source="chord, schematic")
    [msg] = check_status(railways, bare, ctx)
    assert "the plan catalog records zalantun_arxan_rail as unstated" in msg
    assert "'Status: planned — <evidence with a URL or plan page>'" in msg
    backed = dict(bare, source="chord. Status: planned — '规划中的两山铁路' (https://example.org/a)")
    assert check_status(railways, backed, ctx) == []
    claimed = dict(bare, source="chord. Status: planned — everyone says so")
    assert len(check_status(railways, claimed, ctx)) == 1
    assert check_status(railways, dict(bare, status=None), ctx) == []


def test_a_road_the_catalog_gives_no_status_may_say_not_stated(ctx):
    roads = get_layer(ROADS)
    assert check_status(roads, row(ROADS, catalog_id="s308", status=None), ctx) == []
    [msg] = check_status(roads, row(ROADS, catalog_id="s308", status="existing"), ctx)
    assert "the plan catalog gives it no status" in msg


def test_a_name_saying_planned_needs_a_backed_planned_status(ctx):
    railways = get_layer(RAILWAYS)
    named = row(RAILWAYS, catalog_id="zalantun_arxan_rail", status=None, name_zh="扎兰屯—阿尔山铁路（规划）")
    [msg] = check_status(railways, named, ctx)
    assert msg == "name_zh says '（规划）', but its status None is not a backed 'planned'."
    ok = row(ROADS, catalog_id="g1216", status="planned", name_en="G1216 Expressway (planned)")
    assert check_status(get_layer(ROADS), ok, ctx) == []


# ----------------------------------------------------------------------------- statements


def test_a_designation_neither_in_the_plan_nor_sourced_fails(ctx):
    port = row(SEATS, plan_ref="05.城镇空间 p.18", description_zh="国家二类陆路口岸。阿尔山口岸。")
    [msg] = check_statements(port, ctx)
    assert msg.startswith("description_zh: '二类' is not on a plan page the feature cites")


def test_a_statement_from_a_public_source_says_so_and_cites_a_url(ctx):
    said = "兴安盟行政公署驻地（公开资料）。"
    ok = row(
        REGIONAL_CONTEXT, plan_ref=None, description_zh=said, source="GeoNames; 'x' (https://example.org/u)"
    )
    assert check_statements(ok, ctx) == []
    no_url = dict(ok, source="GeoNames cities1000")
    assert len(check_statements(no_url, ctx)) == 2  # 行政公署 and 驻地
    unsaid = dict(ok, description_zh="兴安盟行政公署驻地。")
    assert len(check_statements(unsaid, ctx)) == 2
    official = dict(unsaid, source="official data seats.gpkg (sha256 ab), reprojected from its CRS")
    assert check_statements(official, ctx) == []  # the bureau's data is its own source


def test_english_claims_and_new_build_need_a_source(ctx):
    seat = row(SEATS, description_en="The municipal seat of Arxan.", source="https://example.org/a")
    [msg] = check_statements(seat, ctx)
    assert msg.startswith("description_en: 'municipal seat' is not on a plan page")
    sourced = dict(seat, description_en="The municipal seat (per a public source).")
    assert check_statements(sourced, ctx) == []
    airport = row(AIRPORTS, plan_ref="01.综合交通体系 p.21–22", description_zh="规划新建的五岔沟通用机场。")
    [msg] = check_statements(airport, ctx)
    assert "'新建'" in msg


def test_spelling_out_hai_zhang_needs_a_source(ctx):
    city = row(
        REGIONAL_CONTEXT,
        plan_ref="01.综合交通体系 p.21",
        description_zh="G1013海张高速（海拉尔—张家口）的南端。",
    )
    assert check_statements(city, ctx) != []


# ----------------------------------------------------------------------------- cited pages


def test_a_plan_ref_heading_not_on_its_page_fails(ctx):
    [msg] = check_cited_pages(row(SEATS, plan_ref="规划原则·边境 p.26"), ctx)
    assert msg == "plan_ref '规划原则·边境 p.26': '规划原则' is not on page 26."
    assert check_cited_pages(row(SEATS, plan_ref="空间规划重点内容·07.资源保护利用·林地资源 p.30"), ctx) == []


def test_a_plan_ref_section_under_the_wrong_chapter_fails(ctx):
    [msg] = check_cited_pages(row(SEATS, plan_ref="空间规划重点内容·01.总体格局 p.13"), ctx)
    assert msg.endswith("'总体格局' is not a section of chapter '空间规划重点内容'.")


def test_a_cited_page_without_text_fails(ctx):
    [msg] = check_cited_pages(row(SEATS, plan_ref="08.中心城区规划 p.36"), ctx)
    assert msg == "plan_ref '08.中心城区规划 p.36': page 36 has no text in the plan."
    found = check_cited_pages(row(SCENIC_AREAS, theme_source="plan p.35–36 (温泉街组团)"), ctx)
    assert found == [
        "theme_source cites 'p.35–36', but page 36 has no text in the plan.",
        "theme_source: '温泉街组团' (p.N (…)) is not on p.35–36 of the plan.",  # it is on p.37
    ]
    assert check_cited_pages(row(SEATS, plan_ref="08.中心城区规划 p.35–37"), ctx) == []


def test_a_malformed_plan_ref_fails(ctx):
    [msg] = check_cited_pages(row(SEATS, plan_ref="page 23"), ctx)
    assert msg == "plan_ref 'page 23' is not '<heading>·<heading> p.N'."


@pytest.mark.parametrize(
    "field, good, bad",
    [
        ("source", "'发展现代种养业' (p.16)", "'发展现代种养业' (p.17)"),
        ("description_zh", "规划第23页“水上旅旅游专线”", "规划第22页“水上旅旅游专线”"),
        (
            "theme_source",
            "plan p.19 (白狼林俗景区；林俗生态文化休闲区)",
            "plan p.18 (白狼林俗景区；林俗生态文化休闲区)",
        ),
        (
            "source",
            "drawn after the plan's 空间格局规划图 (p.13; not in the text)",
            "after 空间格局规划图 (p.14; x)",
        ),
        ("description_en", "the p.23 全域大环线", "the p.22 全域大环线"),
    ],
)
def test_words_bound_to_a_page_must_be_on_it(ctx, field, good, bad):
    assert check_cited_pages(row(SCENIC_AREAS, **{field: good}), ctx) == []
    found = check_cited_pages(row(SCENIC_AREAS, **{field: bad}), ctx)
    assert found and all(msg.startswith(f"{field}: ") and "is not on p." in msg for msg in found), found


def test_quoted_words_with_a_gap_and_a_url_quote(ctx):
    gap = row(SCENIC_AREAS, source="'通过G302…构建全域大环线建设' (p.23)")
    assert check_cited_pages(gap, ctx) == []
    web = row(SCENIC_AREAS, source="'集森林、草原于一体' (http://example.org/p.3)")
    assert check_cited_pages(web, ctx) == []  # a web page's words, not the plan's


# ----------------------------------------------------------------------------- the grand loop


def loop_world(ctx, moved: str | None = None, km: float = 5.0):
    """The six p.23 scenic areas on a straight east–west loop; ``moved`` lies ``km`` north of it."""
    line = LineString([(119.90, 47.20), (120.30, 47.20)])
    rows = []
    for i, area_id in enumerate(ctx.loop_areas):
        point = Point(119.92 + 0.05 * i, 47.20)
        if area_id == moved:
            point = Point(point.x, 47.20 + km / 111.2)
        rows.append(
            {"id": f"scenic-{area_id}", "catalog_id": f"{area_id}_scenic", "on_loop": True, "geometry": point}
        )
    scenic = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    loops = gpd.GeoDataFrame([{"id": "loop-grand", "kind": "grand_loop", "geometry": line}], crs="EPSG:4326")
    return {TOURISM_LOOPS: loops, SCENIC_AREAS: scenic}


def test_a_loop_that_reaches_every_p23_scenic_area_passes(ctx):
    assert check_grand_loop(loop_world(ctx), ctx) == []


def test_a_loop_far_from_a_p23_scenic_area_names_it_and_the_distance(ctx):
    frames = loop_world(ctx, moved="port", km=14.9)
    [(layer, fid, msg)] = check_grand_loop(frames, ctx)
    assert (layer, fid) == (TOURISM_LOOPS, "loop-grand")
    assert msg.startswith("passes 14.9 km from scenic-port (口岸), which p.23 says the loop links")
    assert msg.endswith(f"at most {OFF_LOOP_KM:g} km.")
    line = geo.to_local(frames[TOURISM_LOOPS].geometry.iloc[0])
    inside = loop_world(ctx, moved="port", km=OFF_LOOP_KM - 0.2)
    assert line.distance(geo.to_local(inside[SCENIC_AREAS].geometry.iloc[3])) < OFF_LOOP_KM * 1000
    assert check_grand_loop(inside, ctx) == []


def test_a_missing_or_unflagged_p23_scenic_area_fails(ctx):
    frames = loop_world(ctx)
    scenic = frames[SCENIC_AREAS]
    frames[SCENIC_AREAS] = scenic[scenic["id"] != "scenic-bailang"]
    [(_, _, msg)] = check_grand_loop(frames, ctx)
    assert msg == "no scenic-area feature stands for 白狼景区 (bailang), which p.23 says the loop links."
    frames = loop_world(ctx)
    frames[SCENIC_AREAS].loc[0, "on_loop"] = False
    assert check_grand_loop(frames, ctx) == [
        (SCENIC_AREAS, "scenic-aolunbukan", "p.23 says the grand loop links it, but on_loop is not true.")
    ]


def test_there_must_be_exactly_one_grand_loop(ctx):
    frames = loop_world(ctx)
    frames[TOURISM_LOOPS]["kind"] = "inner_loop"
    [(_, fid, msg)] = check_grand_loop(frames, ctx)
    assert fid is None and msg.startswith("has 0 features of kind 'grand_loop'")


# ----------------------------------------------------------------------------- the command


@pytest.mark.slow
def test_the_shipped_features_pass_every_rule():
    assert [str(p) for p in check_features(load_settings())] == []


def test_the_command_reports_the_features_against_the_plan(tiny_settings, monkeypatch, capsys):
    for name, value in {
        "LAYERS_DIR": tiny_settings.layers_dir,
        "SOURCES_DIR": tiny_settings.sources_dir,
    }.items():
        monkeypatch.setenv(f"ARSHAN_{name}", str(value))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    # The test world's made-up plan_ref and its road's status with no source behind it:
    assert "feature 'roads-1': plan_ref '测试 p.1': '测试' is not on page 1." in err
    assert "feature 'roads-1': status 'existing' is not the plan's" in err
