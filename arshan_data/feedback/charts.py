"""Counts of comments as plotly figures (data in, figure out; no Streamlit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import plotly.graph_objects as go

from arshan_data.feedback.model import TOPICS
from arshan_data.i18n import t

COLOR = "#2e8b57"


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title=title, margin=dict(l=10, r=10, t=40, b=10), height=320, plot_bgcolor="white", showlegend=False
    )
    fig.update_yaxes(gridcolor="#eee", rangemode="tozero")
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
    return _layout(fig, t(title_key, lang))


def daily_counts_figure(counts: Mapping[dt.date, int], lang: str) -> go.Figure:
    days = sorted(counts)
    fig = go.Figure(go.Bar(x=[d.isoformat() for d in days], y=[counts[d] for d in days], marker_color=COLOR))
    fig.update_xaxes(type="date")
    return _layout(fig, t("staff.chart.by_day", lang))
