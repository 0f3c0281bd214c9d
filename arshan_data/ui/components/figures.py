"""Plan figures on a page: a figure card with its value as the plan prints it, and the plan
page(s) every block comes from."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import streamlit as st

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
