"""Counts of comments as plotly figures (data in, figure out; no Streamlit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import plotly.graph_objects as go

from arshan_data.feedback.model import TOPICS
from arshan_data.i18n import t

COLOR = "#2e8b57"


def count_ticks(top: int) -> tuple[int, int]:
    """``(axis end, tick step)`` for a counts axis whose largest value is ``top``: the axis runs
    from 0 to ``max(1, top)`` and the step is a whole 1, 2 or 5 × 10ⁿ giving at most 6 ticks,
    so 0 or 1 comment never draws a negative axis or a tick at 0.5."""
    end = max(1, int(top))
    step = 1
    while end / step > 5:
        step = _next_step(step)
    return end, step


def _next_step(step: int) -> int:
    """1 → 2 → 5 → 10 → 20 → 50 → …"""
    digits = len(str(step)) - 1
    lead = step // 10**digits
    return {1: 2, 2: 5, 5: 10}[lead] * 10**digits


def _layout(fig: go.Figure, title: str, counts_axis: str, top: int) -> go.Figure:
    fig.update_layout(
        title=title, margin=dict(l=10, r=10, t=40, b=10), height=320, plot_bgcolor="white", showlegend=False
    )
    end, step = count_ticks(top)
    counts = dict(
        range=[0, end], tick0=0, dtick=step, tickformat="d", rangemode="nonnegative", gridcolor="#eee"
    )
    (fig.update_xaxes if counts_axis == "x" else fig.update_yaxes)(**counts)
    return fig


def topic_counts_figure(
    counts: Mapping[str, int], lang: str, title_key: str = "staff.chart.by_topic"
) -> go.Figure:
    labels = [t(f"feedback.topic.{topic}", lang) for topic in TOPICS]
    values = [int(counts.get(topic, 0)) for topic in TOPICS]
    fig = go.Figure(
        go.Bar(x=values, y=labels, orientation="h", marker_color=COLOR, text=values, textposition="auto")
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, t(title_key, lang), "x", max(values, default=0))


def daily_counts_figure(counts: Mapping[dt.date, int], lang: str) -> go.Figure:
    days = sorted(counts)
    fig = go.Figure(go.Bar(x=[d.isoformat() for d in days], y=[counts[d] for d in days], marker_color=COLOR))
    fig.update_xaxes(type="date")
    return _layout(fig, t("staff.chart.by_day", lang), "y", max(counts.values(), default=0))
