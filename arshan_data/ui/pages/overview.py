"""规划总览 — scope and periods, key figures, positioning, goals and the four strategies, a map."""

from __future__ import annotations

from html import escape as esc

import streamlit as st

from arshan_data.geodata.layers import BORDER, CITY_BOUNDARY, NEIGHBOURS, RIVERS, SEATS
from arshan_data.i18n import t
from arshan_data.plan import catalog as plan
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.ui.components import plan_blocks
from arshan_data.ui.components.figures import figure_card, plan_source
from arshan_data.ui.components.map_panel import map_panel
from arshan_data.ui.state import catalog, current_lang

KEY_FIGURES = plan_views.KEY_FIGURES
MAP_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, RIVERS, SEATS)
#: The plan period on a time line: (figure id, label key).
TIMELINE = (
    ("plan_start_year", "overview.periods.start"),
    ("near_term_year", None),
    ("target_year", None),
    ("vision_year", None),
)
SECTIONS = ("scope", "figures", "positioning", "goals", "strategies", "map")


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("overview.heading", lang))
    st.write(t("overview.intro", lang))
    selected = None
    for section in plan_views.section_order(SECTIONS, st.query_params.get("section")):
        if section == "map":
            selected = _map(lang)
        else:
            {
                "scope": _scope,
                "figures": _figures,
                "positioning": _positioning,
                "goals": _goals,
                "strategies": _strategies,
            }[section](cat, lang)
    st.divider()
    plan_blocks.comment("other", selected, lang)


# ----------------------------------------------------------------------------- scope and periods


def _scope(cat: Catalog, lang: str) -> None:
    ov = cat["overview"]
    st.subheader(t("overview.scope_periods", lang))
    left, right = st.columns([1, 1], gap="medium")
    with left:
        items = "".join(f"<li>{esc(text(item, lang))}</li>" for item in ov["scope"]["items"])
        st.html(
            f"<div class='pp-block-title'>{esc(text(ov['scope']['heading'], lang))}</div>"
            f"<ul class='pp-plain-list'>{items}</ul>"
        )
        plan_source(ov["scope"]["heading"]["page"], lang)
    with right:
        steps = []
        for figure_id, label_key in TIMELINE:
            fig = plan.figure(figure_id, cat)
            label = t(label_key, lang) if label_key else text(fig, lang)
            steps.append(
                f"<div class='pp-tl-step'><div class='pp-tl-year'>{fig['value']}</div>"
                f"<div class='pp-tl-label'>{esc(label)}</div></div>"
            )
        st.html(
            f"<div class='pp-block-title'>{esc(text(ov['periods']['heading'], lang))}</div>"
            f"<div class='pp-timeline'>{''.join(steps)}</div>"
        )
        items = "".join(f"<li>{esc(text(item, lang))}</li>" for item in ov["periods"]["items"])
        st.html(f"<ul class='pp-plain-list'>{items}</ul>")
        plan_blocks.own_words(plan.figure("plan_start_year", cat), lang)
        plan_source([1, ov["periods"]["heading"]["page"]], lang)


def _figures(cat: Catalog, lang: str) -> None:
    st.subheader(t("overview.key_figures", lang))
    figures = [plan.figure(fid, cat) for fid in KEY_FIGURES]
    for start in range(0, len(figures), 3):
        cols = st.columns(3)
        for col, fig in zip(cols, figures[start : start + 3], strict=False):
            with col:
                figure_card(fig, lang)
    plan_blocks.page_link(
        "indicators", t("overview.all_indicators", lang), lang, icon=":material/monitoring:"
    )


# ----------------------------------------------------------------------------- positioning


def _positioning(cat: Catalog, lang: str) -> None:
    pos = cat["overview"]["positioning"]
    st.subheader(text(pos["heading"], lang))
    tree = plan_views.positioning_tree(cat, lang)
    cores = []
    for i, core in enumerate(tree.children):
        leaves = "".join(f"<li>{esc(leaf.label)}</li>" for leaf in core.children)
        cores.append(
            f"<div class='pp-pos-core pp-pos-c{i}'>"
            f"<div class='pp-pos-core-title'>{esc(core.label)}</div>"
            f"<ul>{leaves}</ul></div>"
        )
    st.html(
        f"<div class='pp-pos-tree'>"
        f"<div class='pp-pos-top-label'>{esc(t('overview.positioning.top', lang))}</div>"
        f"<div class='pp-pos-top'>{esc(tree.label)}</div>"
        f"<div class='pp-pos-cores-label'>{esc(t('overview.positioning.cores', lang))}</div>"
        f"<div class='pp-pos-cores'>{''.join(cores)}</div></div>"
    )
    st.caption(t("overview.positioning.reading", lang, page=pos["heading"]["page"]))
    plan_blocks.own_words(pos, lang)
    plan_source(pos["heading"]["page"], lang)


# ----------------------------------------------------------------------------- goals


def _goals(cat: Catalog, lang: str) -> None:
    goals = cat["overview"]["goals"]
    st.subheader(text(goals["heading"], lang))
    years = {name: plan.figure(f"{name}_year", cat)["value"] for name in ("near_term", "target", "vision")}
    st.caption(
        t(
            "overview.goals.intro",
            lang,
            near=years["near_term"],
            target=years["target"],
            vision=years["vision"],
        )
    )
    cols = st.columns(len(goals["items"]), gap="small")
    for col, goal in zip(cols, goals["items"], strict=False):
        with col, st.container(border=True):
            points = "".join(f"<li>{esc(text(p, lang))}</li>" for p in goal.get("key_points", []))
            st.html(
                f"<div class='pp-goal-year'>{goal['year']}</div>"
                f"<div class='pp-goal-title'>{esc(text(goal, lang))}</div>"
                f"<ul class='pp-goal-points'>{points}</ul>"
            )
            with st.expander(t("plan.full_text", lang)):
                st.html(f"<p class='pp-plan-text'>{esc(text(goal['text'], lang))}</p>")
    plan_source(goals["heading"]["page"], lang)


# ----------------------------------------------------------------------------- strategies


def _strategies(cat: Catalog, lang: str) -> None:
    strategies = cat["overview"]["strategies"]
    st.subheader(text(strategies["heading"], lang))
    items = strategies["items"]
    for start in range(0, len(items), 2):
        cols = st.columns(2, gap="medium")
        for col, item in zip(cols, items[start : start + 2], strict=False):
            with col, st.container(border=True):
                _strategy(item, lang)


def _strategy(item: dict, lang: str) -> None:
    body = "" if not item.get("text") else f"<p class='pp-plan-text'>{esc(text(item['text'], lang))}</p>"
    st.html(
        f"<div class='pp-strategy-name'>{esc(text(item, lang))}</div>"
        f"<div class='pp-strategy-headline'>{esc(text(item['headline'], lang))}</div>{body}"
    )
    if item.get("cities"):
        cards = "".join(
            f"<div class='pp-mini-card'><b>{esc(text(c['city'], lang))}</b>"
            f"<span>{esc(text(c, lang))}</span></div>"
            for c in item["cities"]
        )
        st.html(
            f"<div class='pp-block-title'>{esc(t('overview.strategy.cities', lang))}</div>"
            f"<div class='pp-mini-grid'>{cards}</div>"
        )
    if item.get("key_points"):
        points = "".join(f"<li>{esc(text(p, lang))}</li>" for p in item["key_points"])
        st.html(f"<ul class='pp-plain-list'>{points}</ul>")
    if item.get("tourism_plus"):
        st.html(
            f"<div class='pp-block-title'>{esc(t('overview.strategy.tourism_plus', lang))}</div>"
            + plan_blocks.chips(text(p, lang) for p in item["tourism_plus"])
        )
    labels = item.get("industry_labels")
    if labels:
        with st.expander(t("overview.strategy.industries", lang)):
            st.html(plan_blocks.chips(text(p, lang) for p in labels["items"]))
            plan_blocks.own_words(labels, lang, expander=False)
    plan_blocks.own_words([item.get("text"), item["headline"]], lang)
    plan_source([item["page"], *item.get("also_pages", [])], lang)


# ----------------------------------------------------------------------------- map


def _map(lang: str) -> dict | None:
    st.subheader(t("overview.map", lang))
    result = map_panel("overview", MAP_LAYERS, lang, toggleable=(RIVERS, SEATS), labelled=(SEATS,))
    return result.selected
