"""Charts of the town, transport and heritage pages: data in, ``go.Figure`` out. No Streamlit.

Labels arrive already in the reader's language; the builders only lay them out so that they
read on a 390-px phone (horizontal bars, values printed on the bars, legend below) and on a
projector.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
#: One colour per category in order of appearance (colour-blind-safe Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
LEVEL_COLOURS = ("#8c2d04", "#cc4c02", "#fe9929")


def _layout(fig: go.Figure, *, height: int, x_title: str, legend: bool, x_max: float) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 24, "t": 8, "b": 8},
        font={"family": FONT_FAMILY, "size": 15},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.28,
            "x": 0,
            "xanchor": "left",
            "title": {"text": ""},
        },
        bargap=0.3,
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    # Room on the right for the value printed past the longest bar.
    fig.update_xaxes(
        title={"text": x_title, "standoff": 6},
        range=[0, max(x_max, 1) * 1.25],
        gridcolor="#e5e5e5",
        zeroline=True,
        zerolinecolor="#999",
        automargin=True,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, ticksuffix=" ")
    return fig


def village_population_chart(villages: Sequence[Mapping], *, x_title: str) -> go.Figure:
    """Resident population per village, one bar each, coloured by category.

    ``villages``: ``{"name", "category", "population"}`` in display order.
    """
    categories = list(dict.fromkeys(v["category"] for v in villages))
    fig = go.Figure()
    for i, category in enumerate(categories):
        rows = [v for v in villages if v["category"] == category]
        fig.add_bar(
            x=[v["population"] for v in rows],
            y=[v["name"] for v in rows],
            orientation="h",
            name=category,
            marker_color=PALETTE[i % len(PALETTE)],
            text=[f"{v['population']:,}" for v in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra>" + category + "</extra>",
        )
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=[v["name"] for v in villages])
    return _layout(
        fig,
        height=150 + 46 * len(villages),
        x_title=x_title,
        legend=bool(categories),
        x_max=max((v["population"] for v in villages), default=0),
    )


def heritage_levels_chart(levels: Sequence[Mapping], *, x_title: str) -> go.Figure:
    """How many protected sites the plan counts at each level. ``levels``: ``{"name", "count"}``."""
    fig = go.Figure(
        go.Bar(
            x=[lv["count"] for lv in levels],
            y=[lv["name"] for lv in levels],
            orientation="h",
            marker_color=[LEVEL_COLOURS[i % len(LEVEL_COLOURS)] for i in range(len(levels))],
            text=[str(lv["count"]) for lv in levels],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 18},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(dtick=5)
    return _layout(
        fig,
        height=90 + 56 * len(levels),
        x_title=x_title,
        legend=False,
        x_max=max((lv["count"] for lv in levels), default=0),
    )
