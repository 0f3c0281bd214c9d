"""总体格局 — 一屏两带、一核一轴、一环二区多点 on one map, element by element; 三线划定 as a chart."""

from __future__ import annotations

from html import escape as esc

import streamlit as st

from arshan_data.geodata.layers import (
    BORDER,
    CITY_BOUNDARY,
    NEIGHBOURS,
    PATTERN,
    PATTERN_ELEMENT_COLORS,
    RIVERS,
    SEATS,
)
from arshan_data.i18n import t
from arshan_data.plan import catalog as plan
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_figure
from arshan_data.ui.components import plan_blocks
from arshan_data.ui.components.figures import plan_source, svg_chart
from arshan_data.ui.components.map_panel import Split, map_panel
from arshan_data.ui.state import catalog, current_lang

MAP_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, RIVERS, PATTERN, SEATS)
#: One colour per element (shared with the slides and the printed maps).
ELEMENT_COLORS = PATTERN_ELEMENT_COLORS
SECTIONS = ("map", "three_lines")


def render() -> None:
    lang = current_lang()
    cat = catalog()
    overall = cat["pattern"]["overall_pattern"]
    st.header(t("pattern.heading", lang))
    st.html(
        f"<div class='pp-slogan'>{esc(text(overall['slogan'], lang))}</div>"
        f"<p class='pp-plan-text'>{esc(text(overall['intro'], lang))}</p>"
    )
    plan_source([overall["intro"]["page"], overall["slogan"]["page"]], lang)
    selected = None
    for section in plan_views.section_order(SECTIONS, st.query_params.get(plan_blocks.SECTION_PARAM)):
        if section == "map":
            selected = _map(cat, lang)
        else:
            _three_lines(cat, lang)
    st.divider()
    plan_blocks.comment("pattern", selected, lang)


def _map(cat: Catalog, lang: str) -> dict | None:
    overall = cat["pattern"]["overall_pattern"]
    st.subheader(t("pattern.map.heading", lang))
    st.caption(t("pattern.map.intro", lang))
    elements = plan_views.pattern_elements(cat, lang)
    split = Split(
        "element", {e.id: e.label for e in elements}, {e.id: e.sentence for e in elements}, ELEMENT_COLORS
    )
    result = map_panel(
        "pattern",
        MAP_LAYERS,
        lang,
        toggleable=(PATTERN, SEATS),
        default_on=(PATTERN,),
        labelled=(SEATS,),
        split={PATTERN: split},
    )
    remarks = [e for e in elements if e.remark]
    if remarks:
        with st.expander(t("pattern.map.remarks", lang), icon=":material/info:"):
            st.html(
                "".join(f"<p class='pp-own-words'><b>{esc(e.label)}</b>{esc(e.remark)}</p>" for e in remarks)
            )
    plan_source(overall["map"]["page"], lang)
    return result.selected


def _three_lines(cat: Catalog, lang: str) -> None:
    lines = cat["pattern"]["three_lines"]
    st.subheader(text(lines["heading"], lang), anchor="three-lines")
    st.write(t("pattern.three_lines.intro", lang))
    svg_chart(plan_blocks.chart("three_lines_chart", lang), lang, key="three_lines_chart")
    rest = plan_views.three_lines(cat, lang)[-1]
    st.caption(t("pattern.three_lines.rest_note", lang, area=rest.area_km2, share=rest.share_pct))
    cols = st.columns(len(lines["items"]), gap="small")
    for col, item in zip(cols, lines["items"], strict=False):
        fig = plan.figure(item["figure_ids"][0], cat)
        shown = format_figure(fig, lang)
        with col, st.container(border=True):
            st.html(
                f"<div class='fig-label'>{esc(text(item['headline'], lang))}</div>"
                f"<div class='fig-value'>{esc(shown.value)}</div>"
                f"<div class='fig-note'>{esc(shown.note)}</div>"
                f"<p class='pp-rule-text'>{esc(text(item['rule'], lang))}</p>"
            )
            plan_blocks.own_words(item["rule"], lang)
            plan_source(item["page"], lang)
