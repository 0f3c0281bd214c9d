"""Plotly figures for the plan pages and the slides: catalog in, ``go.Figure`` out. No Streamlit.

Every builder takes ``big=True`` for a projector or a slide (larger type, taller). Labels come
from the catalog (plan facts) or ``t()`` (UI words), so each chart exists in both languages.
Show them with ``config=CONFIG``: no plotly logo, no zoom by scrolling (a phone reader scrolls
the page, not the chart).
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from arshan_data.i18n import t
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_number, wan_mu_number

#: CJK-capable fonts first: Noto on Linux, YaHei on Windows, PingFang on Apple.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
}

#: The three control lines and the rest of the city.
LINE_COLORS = {
    "eco_redline": "#2e7d32",
    "basic_farmland": "#c9a227",
    "urban_boundary": "#c0392b",
    "rest_of_city": "#b0b0a8",
}
#: Qualitative colours for hierarchies (colour-blind-safe, after Okabe & Ito).
PALETTE = ("#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31")


def font_size(big: bool) -> int:
    return 22 if big else 14


def wrap(label: str, lang: str, width: int | None = None) -> str:
    """Break a long label into lines for a narrow screen (CJK by characters, English by words)."""
    if lang == "zh":
        width = width or 9
        return "<br>".join(label[i : i + width] for i in range(0, len(label), width))
    return "<br>".join(textwrap.wrap(label, width or 18)) or label


def _layout(fig: go.Figure, *, big: bool, height: int, title: str = "") -> go.Figure:
    size = font_size(big)
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": size, "color": "#222"},
        title={"text": title, "font": {"size": size + 2}, "x": 0, "xanchor": "left"} if title else None,
        height=height,
        margin={"l": 8, "r": 8, "t": 48 if title else 8, "b": 8},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": size}},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
    )
    return fig


# ----------------------------------------------------------------------------- three control lines


def _area_text(row: plan_views.AreaShare, lang: str) -> str:
    area = f"{format_number(row.area_km2, lang)} {t('unit.km2', lang)}"
    parts = [area, t("chart.share", lang, share=format_number(row.share_pct, lang))]
    if row.wan_mu is not None:
        parts.append(t("figure.wan_mu", lang, wan_mu=wan_mu_number(row.wan_mu, lang)))
    return " · ".join(parts)


def three_lines_chart(catalog: Catalog, lang: str, *, big: bool = False) -> go.Figure:
    """Area (km²) and share of the city of the ecological redline, basic farmland, the urban
    development boundary and the rest of the city (computed by us, labelled so).

    Each bar has its name and figures written above it, left-aligned, so that nothing is cut
    off on a 390-px phone; bars are drawn to scale, so the small lines show as slivers.
    """
    rows = plan_views.three_lines(catalog, lang)[::-1]  # plotly draws the first bar at the bottom
    names = [r.label + (t("chart.computed_mark", lang) if r.computed else "") for r in rows]
    size = font_size(big)
    row_px = 150 if big else 100
    fig = go.Figure(
        go.Bar(
            x=[r.area_km2 for r in rows],
            y=[r.id for r in rows],
            orientation="h",
            width=0.38,
            marker={"color": [LINE_COLORS.get(r.id, PALETTE[0]) for r in rows]},
            customdata=[[n, _area_text(r, lang)] for n, r in zip(names, rows, strict=True)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    for name, r in zip(names, rows, strict=True):
        fig.add_annotation(
            x=0,
            y=r.id,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            yshift=row_px * 0.19 + 2,
            showarrow=False,
            align="left",
            text=f"<b>{name}</b><br>{_area_text(r, lang)}",
            font={"size": size},
        )
    fig.update_xaxes(
        title={"text": t("chart.area_km2", lang)},
        fixedrange=True,
        tickformat=",d",
        range=[0, max(r.area_km2 for r in rows) * 1.02],
        showgrid=True,
        gridcolor="#e4e4e0",
        zeroline=True,
        zerolinecolor="#999",
    )
    fig.update_yaxes(fixedrange=True, showticklabels=False, range=[-0.6, len(rows) - 0.1])
    fig.update_layout(showlegend=False)
    return _layout(fig, big=big, height=row_px * len(rows) + 60)


# ----------------------------------------------------------------------------- hierarchies


def _sunburst(ids, labels, parents, colors, *, big: bool, height: int) -> go.Figure:
    fig = go.Figure(
        go.Sunburst(
            ids=ids,
            labels=labels,
            parents=parents,
            marker={"colors": colors},
            hovertemplate="%{label}<extra></extra>",
            insidetextorientation="horizontal",
            textfont={"family": FONT_FAMILY},
        )
    )
    # Labels that would need tiny type are hidden (still on hover/tap) rather than shrunk.
    fig.update_layout(uniformtext={"minsize": font_size(big) - 3, "mode": "hide"})
    return _layout(fig, big=big, height=height)


def one_map_chart(catalog: Catalog, lang: str, *, big: bool = False) -> go.Figure:
    """The "One Map" platform's seven function modules and their functions."""
    one_map = catalog["implementation"]["one_map"]
    root = "one_map"
    width = 6 if lang == "zh" else 14
    ids, parents, colors = [root], [""], ["#ffffff"]
    labels = [wrap(text(one_map["heading"], lang), lang, width)]
    for i, module in enumerate(one_map["functions"]):
        ids.append(module["id"])
        labels.append(f"<b>{wrap(text(module, lang), lang, width)}</b>")
        parents.append(root)
        colors.append(PALETTE[i % len(PALETTE)])
        for item in module["items"]:
            ids.append(f"{module['id']}/{item['id']}")
            labels.append(wrap(text(item, lang), lang, width))
            parents.append(module["id"])
            colors.append(PALETTE[i % len(PALETTE)])
    return _sunburst(ids, labels, parents, colors, big=big, height=760 if big else 560)
