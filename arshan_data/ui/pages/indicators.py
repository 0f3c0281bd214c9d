"""规划指标 — every figure of the plan in one place, binding ones first, each linked to where it is shown."""

from __future__ import annotations

from html import escape as esc

import streamlit as st

from arshan_data.i18n import t
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.figures import format_figure
from arshan_data.ui.components import plan_blocks
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.state import catalog, current_lang

#: Where each figure is shown on the site: (page url_path, section, link label key). A figure
#: not listed here is still shown; a link whose page is not on the site is left out.
LINKS: dict[str, tuple[tuple[str, str | None, str], ...]] = {
    "eco_redline": (("pattern", "three_lines", "indicators.link.three_lines"),),
    "basic_farmland": (
        ("pattern", "three_lines", "indicators.link.three_lines"),
        ("ecology", "farming", "indicators.link.farming"),
    ),
    "urban_boundary": (("pattern", "three_lines", "indicators.link.three_lines"),),
    "cropland_target": (
        ("ecology", "resources", "indicators.link.resources"),
        ("ecology", "farming", "indicators.link.farming"),
    ),
    "forest_target": (("ecology", "resources", "indicators.link.resources"),),
    "land_area": (("overview", "scope", "indicators.link.scope"),),
    "central_city_area": (("overview", "scope", "indicators.link.scope"),),
    "plan_start_year": (("overview", "scope", "indicators.link.scope"),),
    "target_year": (("overview", "scope", "indicators.link.scope"),),
    "near_term_year": (("overview", "scope", "indicators.link.scope"),),
    "vision_year": (("overview", "scope", "indicators.link.scope"),),
    "heritage_national": (("heritage", None, "indicators.link.heritage"),),
    "heritage_region": (("heritage", None, "indicators.link.heritage"),),
    "heritage_municipal": (("heritage", None, "indicators.link.heritage"),),
    "village_pop_arxan": (("towns", None, "indicators.link.towns"),),
    "village_pop_yirshi": (("towns", None, "indicators.link.towns"),),
    "village_pop_xikou": (("towns", None, "indicators.link.towns"),),
    "comment_period_days": (("feedback", None, "indicators.link.feedback"),),
}
COLUMNS = 3


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("indicators.heading", lang))
    st.write(t("indicators.intro", lang))
    binding, other = plan_views.indicator_figures(cat)
    total = len(binding) + len(other)
    query = st.text_input(
        t("indicators.search.label", lang),
        key="q",
        placeholder=t("indicators.search.placeholder", lang),
        icon=":material/search:",
        bind="query-params",
        max_chars=60,
    )
    if query.strip():
        binding = plan_views.search_figures(binding, query, lang)
        other = plan_views.search_figures(other, query, lang)
        found = len(binding) + len(other)
        if found:
            st.caption(t("indicators.search.found", lang, found=found, total=total))
        else:
            st.info(t("indicators.search.none", lang, query=query.strip()), icon=":material/search_off:")

    if binding:
        st.subheader(t("indicators.binding.heading", lang))
        st.caption(t("indicators.binding.intro", lang))
        _grid(binding, lang, rules=True)
    if other:
        st.subheader(t("indicators.other.heading", lang))
        _grid(other, lang, rules=False)
    st.divider()
    plan_blocks.comment("other", None, lang)


def _grid(figures: list[dict], lang: str, *, rules: bool) -> None:
    for start in range(0, len(figures), COLUMNS):
        cols = st.columns(COLUMNS, gap="small")
        for col, fig in zip(cols, figures[start : start + COLUMNS], strict=False):
            with col, st.container(border=True):
                _card(fig, lang, rules=rules)


def _card(fig: dict, lang: str, *, rules: bool) -> None:
    shown = format_figure(fig, lang)
    body = (
        f"<div class='fig-label'>{esc(shown.label)}</div>"
        f"<div class='fig-value'>{esc(shown.value)}</div>"
        + (f"<div class='fig-note'>{esc(shown.note)}</div>" if shown.note else "")
    )
    if rules and shown.help:
        body += f"<p class='pp-rule-text'>{esc(shown.help)}</p>"
    st.html(body)
    plan_source([fig["page"], *fig.get("also_pages", [])], lang)
    for url_path, section, label_key in LINKS.get(fig["id"], ()):
        plan_blocks.page_link(
            url_path, t(label_key, lang), lang, icon=":material/arrow_forward:", section=section
        )
    plan_blocks.own_words(fig, lang)
