"""Tests of the plan catalog (data/plan/*.yaml) and its loader/checker (arshan_data.catalog)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from decimal import Decimal

import pytest

from arshan_data.plan import catalog as cat
from arshan_data.plan.catalog import (
    CatalogError,
    check_catalog,
    figure,
    load_catalog,
    plan_page_ref,
    plan_text_path,
    read_plan_text,
    text,
)

from ..conftest import REPO


@pytest.fixture(scope="module")
def plan_text() -> str:
    return read_plan_text()


@pytest.fixture
def catalog() -> dict:
    """A private copy: tests break it freely without touching the loader's cache."""
    return copy.deepcopy(load_catalog())


def _problems_mentioning(problems: list[str], *needles: str) -> list[str]:
    return [p for p in problems if all(n in p for n in needles)]


# ----------------------------------------------------------------------------- shipped catalog


def test_shipped_catalog_passes_check(catalog, plan_text):
    assert check_catalog(catalog, plan_text) == []


def test_catalog_has_every_chapter_file(catalog):
    assert set(catalog) >= {
        "meta",
        "overview",
        "figures",
        "pattern",
        "ecology",
        "towns",
        "transport",
        "services",
        "heritage",
        "central_city",
        "port",
        "implementation",
    }


@pytest.mark.parametrize(
    "fid, value, unit, page",
    [
        ("land_area", 7397.67, "km2", 3),
        ("central_city_area", 13.78, "km2", 3),
        ("eco_redline", 6374.15, "km2", 14),
        ("basic_farmland", 86.04, "km2", 14),
        ("urban_boundary", 22.96, "km2", 14),
        ("cropland_target", 210.57, "km2", 16),
        ("forest_target", 593120.49, "ha", 30),
        ("heritage_national", 4, "count", 27),
        ("heritage_region", 1, "count", 27),
        ("heritage_municipal", 15, "count", 27),
        ("target_year", 2035, "year", 3),
        ("near_term_year", 2025, "year", 3),
        ("vision_year", 2050, "year", 3),
        ("comment_period_days", 30, "days", 45),
    ],
)
def test_required_figures(catalog, fid, value, unit, page):
    fig = figure(fid, catalog)
    assert (fig["value"], fig["unit"], fig["page"]) == (value, unit, page)
    assert fig["zh"] and fig["en"]


def test_binding_control_figures(catalog):
    binding = {f["id"] for f in catalog["figures"]["figures"] if f["binding"]}
    assert binding == {"eco_redline", "basic_farmland", "urban_boundary", "cropland_target", "forest_target"}
    assert figure("eco_redline", catalog)["share_pct"] == 86.16
    assert (figure("basic_farmland", catalog)["wan_mu"], figure("basic_farmland", catalog)["share_pct"]) == (
        12.91,
        1.16,
    )
    assert figure("urban_boundary", catalog)["share_pct"] == 0.31
    assert figure("cropland_target", catalog)["wan_mu"] == 31.58


# ----------------------------------------------------------------------------- arithmetic


def _iv(x) -> tuple[Decimal, Decimal]:
    """Independent of the module: the interval a printed number stands for."""
    d = Decimal(repr(x))
    half = Decimal(1).scaleb(d.as_tuple().exponent) / 2
    return d - half, d + half


@pytest.mark.parametrize("fid", ["eco_redline", "basic_farmland", "urban_boundary"])
def test_share_of_land_area_holds(catalog, fid):
    fig, land = figure(fid, catalog), figure("land_area", catalog)
    (v0, v1), (l0, l1), (s0, s1) = _iv(fig["value"]), _iv(land["value"]), _iv(fig["share_pct"])
    assert v0 / l1 * 100 <= s1 and v1 / l0 * 100 >= s0
    assert round(fig["value"] / land["value"] * 100, 2) == fig["share_pct"]


@pytest.mark.parametrize("fid", ["basic_farmland", "cropland_target"])
def test_wan_mu_conversion_holds(catalog, fid):
    fig = figure(fid, catalog)
    (v0, v1), (w0, w1) = _iv(fig["value"]), _iv(fig["wan_mu"])
    assert v0 * Decimal("0.15") <= w1 and v1 * Decimal("0.15") >= w0


def test_cropland_needs_interval_arithmetic(catalog):
    # 210.57 × 0.15 = 31.5855 rounds to 31.59, yet the plan prints 31.58: only the interval
    # reading (210.565..210.575 → 31.58475..31.58625) makes the two agree.
    fig = figure("cropland_target", catalog)
    assert round(Decimal("210.57") * Decimal("0.15"), 2) != Decimal(repr(fig["wan_mu"]))
    assert check_catalog(catalog, read_plan_text()) == []


def test_every_figure_number_occurs_in_plan_text(catalog, plan_text):
    for fig in catalog["figures"]["figures"]:
        for key in ("value", "share_pct", "wan_mu"):
            if key in fig:
                printed = repr(fig[key])
                assert re.search(rf"(?<![\d.]){re.escape(printed)}(?!\d|\.\d)", plan_text), (
                    fig["id"],
                    key,
                    printed,
                )


# ----------------------------------------------------------------------------- negative cases


def test_share_that_does_not_add_up(catalog, plan_text):
    figure("urban_boundary", catalog)["share_pct"] = 1.16  # printed in the plan, but for farmland
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "urban_boundary", "share_pct")
    assert len(problems) == 1


def test_wan_mu_that_does_not_add_up(catalog, plan_text):
    figure("cropland_target", catalog)["wan_mu"] = 12.91
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "cropland_target", "wan_mu")
    assert len(problems) == 1


def test_number_absent_from_text(catalog, plan_text):
    figure("forest_target", catalog)["value"] = 593120.5
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "forest_target", "593120.5", "does not occur")


def test_partial_number_match_is_not_enough(catalog, plan_text):
    figure("heritage_municipal", catalog)["value"] = 7397.6  # a prefix of 7397.67
    assert _problems_mentioning(check_catalog(catalog, plan_text), "heritage_municipal", "does not occur")


def test_missing_en(catalog, plan_text):
    del catalog["ecology"]["ecological_space"]["headline"]["en"]
    del catalog["towns"]["town_system"]["key_towns"][1]["en"]
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "id=tianchi_town", "no en")
    assert _problems_mentioning(problems, "ecological_space.headline", "no en")


def test_missing_zh(catalog, plan_text):
    del catalog["heritage"]["heritage"]["themes"][0]["zh"]
    assert _problems_mentioning(check_catalog(catalog, plan_text), "id=military_sites", "no zh")


def test_duplicate_id(catalog, plan_text):
    areas = catalog["ecology"]["ecological_space"]["protected_areas"]
    areas[1]["id"] = areas[0]["id"]
    assert _problems_mentioning(check_catalog(catalog, plan_text), "duplicate id", "dulaer_nr")


def test_non_ascii_id(catalog, plan_text):
    catalog["heritage"]["townscape"]["zones"][0]["id"] = "天池"
    assert _problems_mentioning(check_catalog(catalog, plan_text), "not ASCII snake_case")


@pytest.mark.parametrize("bad", [36, 46, 0, "14", 14.0])
def test_bad_page(catalog, plan_text, bad):
    catalog["transport"]["projects"][0]["page"] = bad
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "id=yirshi_airport", "page")


def test_bad_also_page(catalog, plan_text):
    figure("basic_farmland", catalog)["also_pages"] = [16, 38, 99]
    problems = check_catalog(catalog, plan_text)
    assert _problems_mentioning(problems, "id=basic_farmland", "99")
    assert len(problems) == 1  # 38 is a declared unnumbered page


def test_item_without_page(catalog, plan_text):
    del catalog["port"]["structure"]["axes"]["items"][0]["page"]
    assert _problems_mentioning(check_catalog(catalog, plan_text), "id=industry_axis", "no page")


def test_invented_chinese_is_caught(catalog, plan_text):
    catalog["overview"]["principles"]["items"][0]["zh"] = "生态第一、创新驱动"
    assert _problems_mentioning(
        check_catalog(catalog, plan_text), "id=ecology_first", "not found in the plan text"
    )


def test_dangling_reference(catalog, plan_text):
    catalog["pattern"]["three_lines"]["items"][0]["figure_ids"] = ["eco_redline_2020"]
    assert _problems_mentioning(check_catalog(catalog, plan_text), "eco_redline_2020", "unknown id")


def test_missing_required_figure(catalog, plan_text):
    catalog["figures"]["figures"] = [f for f in catalog["figures"]["figures"] if f["id"] != "vision_year"]
    catalog["overview"]["periods"]["items"][2].pop("figure_ids")
    assert _problems_mentioning(check_catalog(catalog, plan_text), "vision_year", "missing")


def test_bad_unit(catalog, plan_text):
    figure("land_area", catalog)["unit"] = "sq_km"
    assert _problems_mentioning(check_catalog(catalog, plan_text), "land_area", "unit")


# ----------------------------------------------------------------------------- loading


def test_corrupt_yaml_raises_catalog_error_naming_file(tmp_path):
    (tmp_path / "good.yaml").write_text("a: {zh: 一, en: one}\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("a: [1, 2\nb: }\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.yaml"):
        load_catalog(tmp_path)


def test_non_mapping_yaml_raises(tmp_path):
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"list\.yaml.*mapping"):
        load_catalog(tmp_path)


def test_undecodable_file_raises(tmp_path):
    (tmp_path / "latin.yaml").write_bytes("a: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CatalogError, match=r"latin\.yaml"):
        load_catalog(tmp_path)


def test_missing_or_empty_dir_raises(tmp_path):
    with pytest.raises(CatalogError):
        load_catalog(tmp_path / "nowhere")
    with pytest.raises(CatalogError):
        load_catalog(tmp_path)


def test_load_merges_by_stem_and_caches(tmp_path):
    (tmp_path / "one.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "two.yaml").write_text("y: {zh: 二, en: two}\n", encoding="utf-8")
    loaded = load_catalog(tmp_path)
    assert loaded == {"one": {"x": 1}, "two": {"y": {"zh": "二", "en": "two"}}}
    assert load_catalog(str(tmp_path)) is loaded
    assert load_catalog() is load_catalog(cat.CATALOG_DIR)


def test_yaml_files_keep_chinese_unescaped():
    for f in cat.CATALOG_DIR.glob("*.yaml"):
        raw = f.read_text(encoding="utf-8")
        assert "阿尔山" in raw or "生态" in raw, f.name
        assert not re.search(r"\\u[0-9a-fA-F]{4}", raw), f.name


# ----------------------------------------------------------------------------- plan text & pages


def test_the_vendored_plan_text_is_byte_for_byte_the_published_one():
    """Checked in every clone: the copy's SHA-256 is the one recorded from the published draft."""
    digest = hashlib.sha256(plan_text_path().read_bytes()).hexdigest()
    assert digest == cat.plan_text_checksum()


def test_plan_text_path_is_inside_repo():
    path = plan_text_path()
    assert path.is_file() and REPO in path.resolve().parents


def test_page_markers(plan_text):
    markers = cat.page_markers(plan_text)
    assert markers == set(range(1, 45)) - {12, 36, 38, 41}
    pages = cat.valid_pages(load_catalog(), plan_text)
    assert pages == set(range(1, 46)) - {36}


def test_text_and_page_ref(catalog):
    fig = figure("eco_redline", catalog)
    assert text(fig, "zh") == "生态保护红线"
    assert text(fig, "en") == "Ecological protection redline"
    assert text({"zh": "天池镇"}, "en") == "天池镇"
    assert text(None, "en") == "" and text("G302", "en") == "G302"
    assert plan_page_ref(fig, "zh") == "规划文本第14页"
    assert plan_page_ref(fig, "en") == "Plan p. 14"
    assert plan_page_ref(45, "en") == "Plan p. 45"
    assert plan_page_ref({"zh": "x"}, "en") == ""
    with pytest.raises(KeyError):
        figure("no_such_figure", catalog)


# ----------------------------------------------------------------------------- content


def test_comment_period_dates(catalog):
    period = catalog["implementation"]["public_comment"]["period"]
    start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
    assert (period["start"], period["end"]) == ("2023-02-03", "2023-03-04")
    assert (end - start).days + 1 == period["days"] == figure("comment_period_days", catalog)["value"]
    contact = catalog["implementation"]["public_comment"]["contact"]
    assert contact["email"] == "aesgtj@126.com" and contact["postcode"] == "137400"
    assert contact["phone"] == "0482-7122988"
    assert [c["id"] for c in catalog["implementation"]["public_comment"]["channels"]] == [
        "post",
        "phone",
        "email",
    ]


def test_draft_caveat_on_last_page(catalog):
    status = catalog["meta"]["status"]
    assert status["draft_caveat"]["zh"].startswith("本次为成果草案版，所有数据、图片和内容以最终批复为准")
    assert status["draft_caveat"]["page"] == status["image_rights"]["page"] == 45


def test_lists_have_the_plan_counts(catalog):
    assert len(catalog["overview"]["principles"]["items"]) == 6
    assert [s["zh"] for s in catalog["overview"]["strategies"]["items"]] == [
        "区域协同",
        "对外开放",
        "生态保护",
        "产业提升",
    ]
    assert len(catalog["ecology"]["ecological_space"]["protected_areas"]) == 8
    assert len(catalog["heritage"]["townscape"]["zones"]) == 9
    assert [t["zh"] for t in catalog["heritage"]["heritage"]["themes"]] == [
        "军事遗址文化",
        "边境文化",
        "林俗文化",
        "圣泉文化",
    ]
    assert len(catalog["towns"]["town_system"]["key_towns"]) == 4
    assert len(catalog["towns"]["villages"]["table"]["rows"]) == 3
    assert [e["zh"] for e in catalog["pattern"]["overall_pattern"]["elements"]] == [
        "一屏",
        "两带",
        "一核",
        "一轴",
        "一环",
        "二区",
        "多点",
    ]
    assert len(catalog["implementation"]["mechanisms"]["items"]) == 3
    assert all(len(m["bullets"]) == 3 for m in catalog["implementation"]["mechanisms"]["items"])
    assert len(catalog["services"]["service_system"]["wenquan_international_centres"]) == 4


def test_transport_modes_and_statuses(catalog):
    projects = {p["id"]: p for p in catalog["transport"]["projects"]}
    assert {p["mode"] for p in projects.values()} == {"air", "rail", "road"}
    assert all(p["status"] in {"existing", "upgrade", "planned", "unstated"} for p in projects.values())
    assert projects["yirshi_airport"]["status"] == "upgrade"
    assert projects["g302"]["status"] == projects["g331"]["status"] == "upgrade"
    assert projects["g1216"]["status"] == projects["wuchagou_airport"]["status"] == "planned"
    for rid in ("liangshan_rail", "zalantun_arxan_rail"):
        assert projects[rid]["status"] == "unstated" and projects[rid]["plan_silent"]["en"]
    loop = catalog["transport"]["tourism_transport"]["grand_loop"]
    assert [r["id"] for r in loop["roads"]] == ["g302", "s203", "s308", "x432"]


def test_interpretations_are_bilingual(catalog):
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("interpretation", "plan_silent"):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(catalog)
    assert len(found) > 20
    assert all(isinstance(v, dict) and v.get("zh") and v.get("en") for v in found)
