"""The comment-count charts read right at 0, 1 and many comments: the counts axis starts at 0,
ends at the largest count (at least 1) and is ticked in whole comments only."""

from __future__ import annotations

import datetime as dt

import pytest

from arshan_data.feedback.charts import count_ticks, daily_counts_figure, topic_counts_figure
from arshan_data.feedback.model import TOPICS

DAY = dt.date(2026, 12, 3)


def ticks(axis) -> list[float]:
    """The tick values plotly draws for a linear axis with ``tick0``/``dtick`` over ``range``."""
    start, end = axis.range
    value, out = axis.tick0, []
    while value <= end:
        if value >= start:
            out.append(value)
        value += axis.dtick
    return out


def check_counts_axis(axis, largest: int) -> None:
    assert tuple(axis.range) == (0, max(1, largest))
    shown = ticks(axis)
    assert shown[0] == 0 and all(float(v).is_integer() for v in shown), shown
    assert 2 <= len(shown) <= 6, shown  # readable: never one lonely tick, never a crowd
    assert axis.tickformat == "d"


@pytest.mark.parametrize(
    "counts, largest",
    [({}, 0), ({"towns": 1}, 1), ({"towns": 7, "tourism": 3}, 7), ({"other": 1234, "towns": 5}, 1234)],
)
def test_the_topic_chart_counts_from_zero_in_whole_comments(counts, largest):
    fig = topic_counts_figure(counts, "zh", "heard.chart.received")
    check_counts_axis(fig.layout.xaxis, largest)
    assert list(fig.data[0].x) == [counts.get(topic, 0) for topic in TOPICS]  # every topic, even at 0


@pytest.mark.parametrize(
    "counts, largest",
    [({}, 0), ({DAY: 1}, 1), ({DAY: 12, DAY - dt.timedelta(days=1): 4}, 12)],
)
def test_the_daily_chart_counts_from_zero_in_whole_comments(counts, largest):
    check_counts_axis(daily_counts_figure(counts, "en").layout.yaxis, largest)


@pytest.mark.parametrize(
    "top, end, step",
    [
        (0, 1, 1),
        (1, 1, 1),
        (2, 2, 1),
        (5, 5, 1),
        (6, 6, 2),
        (10, 10, 2),
        (11, 11, 5),
        (99, 99, 20),
        (1234, 1234, 500),
    ],
)
def test_count_ticks_are_whole_steps_of_one_two_or_five(top, end, step):
    assert count_ticks(top) == (end, step)
