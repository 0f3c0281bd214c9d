"""The plan charts and the views they draw: figures equal the catalog's, labels follow the language."""

import copy

import pytest

from arshan_data.plan import charts
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import figure, load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def bars(fig):
    [bar] = fig.data
    return dict(zip(bar.y, bar.x, strict=True))


def annotations(fig):
    return "\n".join(a.text for a in fig.layout.annotations)


def test_three_lines_chart_draws_the_plans_areas_and_the_computed_rest(cat):
    fig = charts.three_lines_chart(cat, "zh")
    areas = bars(fig)
    for fid in ("eco_redline", "basic_farmland", "urban_boundary"):
        assert areas[fid] == float(figure(fid, cat)["value"])
    land = float(figure("land_area", cat)["value"])
    assert areas["rest_of_city"] == pytest.approx(land - 6374.15 - 86.04 - 22.96, abs=0.006)
    assert sum(areas.values()) == pytest.approx(land, abs=0.01)


@pytest.mark.parametrize(
    "lang, expected, absent",
    [
        (
            "zh",
            [
                "生态保护红线",
                "6374.15 平方公里",
                "占市域 86.16%",
                "合 12.91 万亩",
                "占市域 0.31%",
                "（本站计算）",
                "三线以外的国土",
            ],
            ["redline"],
        ),
        (
            "en",
            [
                "Ecological protection redline",
                "6,374.15 km²",
                "86.16% of the city",
                "= 129,100 mu",
                "Rest of the city (our calculation)",
            ],
            ["生态"],
        ),
    ],
)
def test_three_lines_chart_labels_are_in_the_chosen_language(cat, lang, expected, absent):
    fig = charts.three_lines_chart(cat, lang)
    text = annotations(fig) + fig.layout.xaxis.title.text
    for snippet in expected:
        assert snippet in text
    for snippet in absent:
        assert snippet not in text


def test_charts_use_cjk_fonts_no_logo_and_bigger_type_for_projectors(cat):
    small, big = charts.three_lines_chart(cat, "zh"), charts.three_lines_chart(cat, "zh", big=True)
    assert small.layout.font.family.startswith("Noto Sans CJK SC")
    assert big.layout.font.size > small.layout.font.size >= 14
    assert big.layout.height > small.layout.height
    assert charts.CONFIG["displaylogo"] is False
    assert small.layout.dragmode is False  # a phone reader scrolls past the chart, not into it


def test_a_changed_catalog_changes_the_chart(cat):
    changed = copy.deepcopy(cat)
    figure("urban_boundary", changed)["value"] = 30.0
    areas = bars(charts.three_lines_chart(changed, "zh"))
    assert areas["urban_boundary"] == 30.0
    assert areas["rest_of_city"] == pytest.approx(7397.67 - 6374.15 - 86.04 - 30.0, abs=0.006)


@pytest.mark.parametrize(
    "lang, module, item",
    [
        ("zh", "社会公众服务", "公众监督意见征询"),
        ("en", "Public services", "Public supervision and consultation"),
    ],
)
def test_one_map_chart_holds_every_module_and_function(cat, lang, module, item):
    fig = charts.one_map_chart(cat, lang)
    [sun] = fig.data
    functions = cat["implementation"]["one_map"]["functions"]
    assert len(sun.ids) == 1 + len(functions) + sum(len(m["items"]) for m in functions)
    labels = [
        label.replace("<br>", "" if lang == "zh" else " ").replace("<b>", "").replace("</b>", "")
        for label in sun.labels
    ]
    assert module in labels and item in labels
    assert set(sun.parents) - {""} <= set(sun.ids)


def test_wrap_breaks_long_labels_for_phones():
    assert charts.wrap("以跨境旅游和人文交流为特色的知名旅游口岸区", "zh", 9).count("<br>") == 2
    assert (
        max(
            len(part)
            for part in charts.wrap("Important node on the corridor of development", "en", 18).split("<br>")
        )
        <= 18
    )


# ----------------------------------------------------------------------------- plan views


def test_three_lines_view_marks_only_the_rest_as_computed(cat):
    rows = plan_views.three_lines(cat, "zh")
    assert [r.id for r in rows] == ["eco_redline", "basic_farmland", "urban_boundary", "rest_of_city"]
    assert [r.computed for r in rows] == [False, False, False, True]
    assert [r.share_pct for r in rows[:3]] == [86.16, 1.16, 0.31]
    assert rows[1].wan_mu == 12.91 and rows[0].wan_mu is None
    assert rows[-1].share_pct == pytest.approx(914.52 / 7397.67 * 100, abs=0.01)
    assert "自然保护地" in rows[0].rule


def test_pattern_elements_explain_each_element_by_its_members(cat):
    elements = {e.id: e for e in plan_views.pattern_elements(cat, "zh")}
    assert list(elements) == [
        "one_barrier",
        "two_belts",
        "one_core",
        "one_axis",
        "one_loop",
        "two_zones",
        "multiple_points",
    ]
    assert elements["two_belts"].label == "两带"
    assert elements["two_belts"].sentence == "哈拉哈河保护带、洮儿河保护带"
    assert elements["one_axis"].remark  # the plan does not say where the axis runs
    en = {e.id: e for e in plan_views.pattern_elements(cat, "en")}
    assert en["one_core"].sentence == "Arxan central city"


def test_positioning_tree_puts_the_world_class_destination_on_top(cat):
    tree = plan_views.positioning_tree(cat, "zh")
    assert tree.label == "世界级生态旅游康养目的地"
    assert [len(c.children) for c in tree.children] == [3, 3, 3, 3]
    assert tree.children[0].label == "国家生态文明建设示范区"
    assert "中国北部森林水源涵养区" in [leaf.label for leaf in tree.children[0].children]


def test_protected_areas_join_their_map_features_by_catalog_id_or_name(cat):
    features = [
        {"id": "pa-dulaer", "catalog_id": "dulaer_nr", "name_zh": "other name", "fidelity": "schematic"},
        {
            "id": "pa-geo",
            "catalog_id": None,
            "name_zh": "内蒙古阿尔山国家地质公园",
            "fidelity": "approximate",
        },
    ]
    rows = {r.id: r for r in plan_views.protected_areas(cat, features, "zh")}
    assert len(rows) == 8
    assert (rows["dulaer_nr"].feature_id, rows["dulaer_nr"].fidelity) == ("pa-dulaer", "schematic")
    assert rows["arxan_geopark"].feature_id == "pa-geo"
    assert rows["wuchagou_wetland_park"].feature_id is None
    assert rows["dulaer_nr"].level == "自治区级" and rows["dulaer_nr"].kind == "自然保护区"


def test_transmission_passes_zones_only_to_the_city(cat):
    levels, flows = plan_views.transmission(cat, "zh")
    assert [lv.label for lv in levels] == ["兴安盟", "阿尔山市", "乡镇"]
    assert levels[2].remark  # townships have no planning zones
    to_city, to_townships = flows
    assert (to_city.source, to_city.target) == ("兴安盟", "阿尔山市")
    assert to_city.rows[0] == ("国土空间规划分区、国土用途规划分类", "功能定位、分区/用途准入")
    assert to_townships.rows[0][0] == "国土用途规划分类"
    assert to_townships.rows[1] == ("乡镇级指标", "总量控制、约束传导、反馈监督")


def test_indicator_figures_split_binding_from_the_rest(cat):
    binding, other = plan_views.indicator_figures(cat)
    assert [f["id"] for f in binding] == [
        "eco_redline",
        "basic_farmland",
        "urban_boundary",
        "cropland_target",
        "forest_target",
    ]
    assert "land_area" in [f["id"] for f in other]
    assert len(binding) + len(other) == len(cat["figures"]["figures"])


def test_section_order_moves_the_linked_section_first():
    assert plan_views.section_order(["map", "three_lines"], "three_lines") == ["three_lines", "map"]
    assert plan_views.section_order(["map", "three_lines"], None) == ["map", "three_lines"]
    assert plan_views.section_order(["map", "three_lines"], "nonsense") == ["map", "three_lines"]
