"""The town and heritage charts: the plan's numbers on bars a phone can read."""

from arshan_data.plan.place_charts import FONT_FAMILY, heritage_levels_chart, village_population_chart

VILLAGES = [
    {"name": "阿尔山村", "category": "城郊融合类", "population": 345},
    {"name": "伊尔施村", "category": "城郊融合类", "population": 391},
    {"name": "西口村", "category": "集聚提升类", "population": 2152},
]


def test_village_chart_has_one_bar_per_village_coloured_by_category():
    fig = village_population_chart(VILLAGES, x_title="常住人口（人）")
    assert [trace.name for trace in fig.data] == ["城郊融合类", "集聚提升类"]
    assert list(fig.data[0].y) == ["阿尔山村", "伊尔施村"] and list(fig.data[0].x) == [345, 391]
    assert list(fig.data[1].text) == ["2,152"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert list(fig.layout.yaxis.categoryarray) == ["阿尔山村", "伊尔施村", "西口村"]


def test_village_chart_is_laid_out_for_a_phone():
    fig = village_population_chart(VILLAGES, x_title="Resident population")
    assert fig.layout.font.family == FONT_FAMILY and "Noto Sans CJK SC" in FONT_FAMILY
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0  # legend below the bars
    assert fig.layout.xaxis.title.text == "Resident population"
    # The value printed past the longest bar stays inside the plot.
    assert fig.layout.xaxis.range[1] > 2152 * 1.15
    assert fig.layout.height < 400


def test_a_single_category_still_shows_its_legend_entry():
    fig = village_population_chart(VILLAGES[2:], x_title="x")
    assert [trace.name for trace in fig.data] == ["集聚提升类"] and fig.layout.showlegend


def test_heritage_chart_prints_each_level_count():
    levels = [
        {"name": "国家级文物保护单位", "count": 4},
        {"name": "自治区级文物保护单位", "count": 1},
        {"name": "市级文物保护单位", "count": 15},
    ]
    fig = heritage_levels_chart(levels, x_title="个")
    [bars] = fig.data
    assert list(bars.x) == [4, 1, 15] and list(bars.text) == ["4", "1", "15"]
    assert list(bars.y) == [lv["name"] for lv in levels]
    assert fig.layout.yaxis.autorange == "reversed"  # first level on top, as the plan lists them
    assert fig.layout.xaxis.range[1] > 15
    assert not fig.layout.showlegend
