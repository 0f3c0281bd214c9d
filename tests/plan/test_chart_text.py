"""A chart in words: the labels and values the chart draws, as a reader without the chart
hears them, in both languages."""

import plotly.graph_objects as go
import pytest

from arshan_data.plan import charts
from arshan_data.plan.catalog import load_catalog
from arshan_data.plan.chart_text import MAX_ITEMS, chart_items, chart_summary


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_three_lines_summary_says_each_bars_name_and_figure(catalog, lang):
    fig = charts.three_lines_chart(catalog, lang)
    summary = chart_summary(fig, lang)
    for name, value in fig.data[0].customdata:
        assert name in summary and value in summary


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sunburst_summary_names_each_branch_with_what_it_holds(catalog, lang):
    fig = charts.one_map_chart(catalog, lang)
    trace = fig.data[0]
    branches = [i for i, parent in enumerate(trace.parents) if parent == trace.ids[0]]
    items = chart_items(fig, lang)
    assert len(items) == len(branches)
    assert all("<" not in item for item in items)  # no markup read out


def test_a_long_chart_names_the_first_items_and_the_count():
    fig = go.Figure(go.Bar(x=[f"village {i}" for i in range(30)], y=list(range(30)), text=None))
    summary = chart_summary(fig, "en")
    assert "village 0 0" in summary and f"village {MAX_ITEMS - 1}" in summary
    assert f"village {MAX_ITEMS} " not in summary and "30" in summary
