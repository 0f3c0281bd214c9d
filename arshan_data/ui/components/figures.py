"""Plan figures on a page: a figure card with its value as the plan prints it, and the plan
page(s) every block comes from."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from arshan_data.exports import static_chart, static_map
from arshan_data.exports.static_map import CJK_FONT_STACK
from arshan_data.i18n import join, t
from arshan_data.plan.chart_text import chart_summary
from arshan_data.plan.figures import format_figure


def chart(fig, lang: str, **options) -> None:
    """A plotly chart (``options`` go to ``st.plotly_chart``) and under it what it shows in
    words (``plan.chart_text``: the figure's own labels and values), for a reader who cannot see
    the chart."""
    st.plotly_chart(fig, **options)
    summary = chart_summary(fig, lang)
    if summary:
        st.caption(summary)


#: The key prefix of an SVG chart's container: the style sheet sizes ``.st-key-svg-chart-*``.
SVG_CHART_KEY = "svg-chart-"


def svg_chart(fig: go.Figure, lang: str, *, key: str, width: int = 460) -> None:
    """A plan chart drawn as an SVG image (``exports.static_chart``: the same bars, numbers and
    colours as the plotly figure, as in the PDF) instead of a plotly chart, for charts whose
    numbers are printed on them: the page then loads no plotly (about 1 MB on the wire). Its
    alt text is the chart in words (``plan.chart_text``); a legend names the colours."""
    height = int(fig.layout.height or 320)
    drawing = static_chart.draw_chart(fig, width=width, height=height, size=15, font_family=CJK_FONT_STACK)
    label = chart_summary(fig, lang) or (fig.layout.title.text if fig.layout.title else "") or ""
    svg = static_map.to_svg(drawing, element_id=key, label=label)
    # As an image (st.html would strip the SVG): ``alt`` is its accessible name.
    with st.container(key=f"{SVG_CHART_KEY}{key}"):
        st.image(svg, alt=label, width="stretch")
        traces = [tr for tr in fig.data if tr.name and isinstance(tr.marker.color, str)]
        if len(traces) > 1:  # what the colours mean
            st.html(
                "<div class='chart-legend'>"
                + "".join(
                    f"<span><i aria-hidden='true' style='background:{html.escape(tr.marker.color)}'></i>"
                    f"{html.escape(tr.name)}</span>"
                    for tr in traces
                )
                + "</div>"
            )


def plan_source(pages, lang: str) -> None:
    """The plan page(s) a block comes from, shown under it."""
    pages = [pages] if isinstance(pages, int) else list(pages)
    if len(pages) == 1:
        st.caption(t("source.plan_page", lang, page=pages[0]))
    else:
        st.caption(t("source.plan_pages", lang, pages=join(map(str, pages), lang)))


def figure_card(figure: Mapping[str, Any], lang: str) -> None:
    """A plan figure as a card: label, value as printed, share/万亩 note and its plan page.

    Not ``st.metric``: it truncates long Chinese labels on narrow columns. The text here comes
    from our own catalog and is escaped anyway.
    """
    shown = format_figure(figure, lang)
    with st.container(border=True):
        st.html(
            f"<div class='fig-label'>{html.escape(shown.label)}</div>"
            f"<div class='fig-value'>{html.escape(shown.value)}</div>"
            + (f"<div class='fig-note'>{html.escape(shown.note)}</div>" if shown.note else "")
        )
        if shown.help:
            st.caption(shown.help)
        plan_source(figure["page"], lang)
