"""生态与资源 — protected areas, the 岭北/岭南 farming pattern, resources, restoration and consolidation."""

from __future__ import annotations

from html import escape as esc

import pandas as pd
import streamlit as st

from arshan_data.geodata.layers import (
    BORDER,
    CITY_BOUNDARY,
    LAND_PROJECTS,
    NEIGHBOURS,
    PROTECTED_AREAS,
    RIVERS,
    SEATS,
)
from arshan_data.i18n import join, t
from arshan_data.plan import catalog as plan
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_figure
from arshan_data.ui.components import plan_blocks
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.components.map_panel import Split, map_panel
from arshan_data.ui.components.place_blocks import layer_records
from arshan_data.ui.state import catalog, current_lang

MAP_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, RIVERS, PROTECTED_AREAS, SEATS)
PROJECT_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, RIVERS, LAND_PROJECTS)
SECTIONS = ("protected", "farming", "resources", "restoration")
#: The kinds of the land_projects layer, in reading order, with a colour each.
PROJECT_KINDS = (
    "restoration_zone",
    "restoration_project",
    "reforestation_focus",
    "consolidation_zone",
    "consolidation_project",
)
PROJECT_COLORS = {
    "restoration_zone": (46, 125, 50, 255),
    "restoration_project": (0, 105, 92, 255),
    "reforestation_focus": (230, 159, 0, 255),
    "consolidation_zone": (141, 110, 99, 255),
    "consolidation_project": (123, 31, 162, 255),
}


def render() -> None:
    lang = current_lang()
    cat = catalog()
    eco = cat["ecology"]
    st.header(t("ecology.heading", lang))
    st.write(t("ecology.intro", lang))
    selected = []
    for section in plan_views.section_order(SECTIONS, st.query_params.get(plan_blocks.SECTION_PARAM)):
        if section == "protected":
            selected.append(_protected(cat, lang))
        elif section == "farming":
            _farming(cat, lang)
        elif section == "resources":
            _resources(cat, lang)
        else:
            selected.append(_restoration(eco, lang))
    st.divider()
    plan_blocks.comment("ecology", next((s for s in selected if s), None), lang)


# ----------------------------------------------------------------------------- protected areas


def _protected(cat: Catalog, lang: str) -> dict | None:
    eco = cat["ecology"]
    space = eco["ecological_space"]
    st.subheader(t("ecology.protected.heading", lang))
    st.html(
        f"<div class='pp-strategy-headline'>{esc(text(space['headline'], lang))}</div>"
        + plan_blocks.bullet_list(_element_line(e, eco, lang) for e in space["elements"])
    )
    plan_blocks.own_words(next((e for e in space["elements"] if e.get("interpretation")), None), lang)
    plan_source(space["headline"]["page"], lang)

    towns = [town for region in eco["agricultural_space"]["regions"] for town in region["towns"]]
    town_ids = plan_views.town_feature_ids(towns, layer_records(SEATS))
    st.caption(t("ecology.map.towns_note", lang))
    result = map_panel(
        "ecology",
        MAP_LAYERS,
        lang,
        toggleable=(PROTECTED_AREAS, SEATS),
        labelled=(SEATS,),
        only={SEATS: tuple(town_ids.values())},
    )

    st.html(f"<div class='pp-block-title'>{esc(t('ecology.protected.table', lang))}</div>")
    rows = plan_views.protected_areas(cat, layer_records(PROTECTED_AREAS), lang)
    table = pd.DataFrame(
        [
            {
                t("ecology.col.name", lang): r.name,
                t("ecology.col.kind", lang): r.kind,
                t("ecology.col.level", lang): r.level,
                t("ecology.col.fidelity", lang): t(f"fidelity.{r.fidelity}", lang)
                if r.fidelity
                else t("ecology.not_on_map", lang),
                t("ecology.col.page", lang): plan.plan_page_ref(r.page, lang),
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    plan_source(space["map"]["page"], lang)
    return result.selected


def _element_line(element: dict, eco: dict, lang: str) -> str:
    members = [text(m, lang) for m in element.get("members", [])]
    if element.get("member_ids"):
        names = {a["id"]: text(a, lang) for a in eco["ecological_space"]["protected_areas"]}
        members = [names[i] for i in element["member_ids"] if i in names]
    return f"{text(element, lang)}{t('ecology.colon', lang)}{join(members, lang, en_separator='; ')}"


# ----------------------------------------------------------------------------- farming


def _farming(cat: Catalog, lang: str) -> None:
    agri = cat["ecology"]["agricultural_space"]
    st.subheader(t("ecology.farming.heading", lang))
    st.html(f"<div class='pp-strategy-headline'>{esc(text(agri['headline'], lang))}</div>")
    regions = sorted(agri["regions"], key=lambda r: r["id"] != "north_of_ridge")  # north first, as on a map
    cols = st.columns(len(regions), gap="medium")
    for col, region in zip(cols, regions, strict=False):
        towns = "".join(
            f"<div class='pp-town-role'><b>{esc(text(town, lang))}</b>"
            f"<span>{esc(text(town['role'], lang))}</span></div>"
            for town in region["towns"]
        )
        with col, st.container(border=True):
            st.html(
                f"<div class='pp-region-name'>{esc(text(region, lang))}</div>"
                f"<div class='pp-region-theme'>{esc(text(region['theme'], lang))}</div>{towns}"
            )
    st.html(
        f"<div class='pp-block-title'>{esc(text(agri['focus']['heading'], lang))}</div>"
        + plan_blocks.chips(text(i, lang) for i in agri["focus"]["items"])
        + f"<p class='pp-plan-text'>{esc(text(agri['targets'], lang))}</p>"
    )
    plan_blocks.own_words(agri, lang)
    plan_source(agri["headline"]["page"], lang)


# ----------------------------------------------------------------------------- resources


def _resources(cat: Catalog, lang: str) -> None:
    res = cat["ecology"]["resources"]
    st.subheader(text(res["heading"], lang), anchor="resources")
    items = res["items"]
    for start in range(0, len(items), 2):
        cols = st.columns(2, gap="medium")
        for col, item in zip(cols, items[start : start + 2], strict=False):
            with col, st.container(border=True):
                head = (
                    f"<div class='pp-strategy-name'>{esc(text(item, lang))}</div>"
                    f"<div class='pp-strategy-headline'>{esc(text(item['headline'], lang))}</div>"
                )
                for figure_id in item.get("figure_ids", []):
                    shown = format_figure(plan.figure(figure_id, cat), lang)
                    head += (
                        f"<div class='fig-label'>{esc(shown.label)}</div>"
                        f"<div class='fig-value'>{esc(shown.value)}</div>"
                        + (f"<div class='fig-note'>{esc(shown.note)}</div>" if shown.note else "")
                    )
                st.html(head + plan_blocks.bullet_list(text(r, lang) for r in item.get("rules", [])))
                with st.expander(t("plan.full_text", lang)):
                    st.html(f"<p class='pp-plan-text'>{esc(text(item['text'], lang))}</p>")
                plan_source(item["page"], lang)


# ----------------------------------------------------------------------------- restoration


def _restoration(eco: dict, lang: str) -> dict | None:
    rest, cons = eco["restoration"], eco["consolidation"]
    st.subheader(t("ecology.restoration.heading", lang))
    st.html(
        f"<div class='pp-block-title'>{esc(text(rest['heading'], lang))}</div>"
        f"<div class='pp-strategy-headline'>{esc(text(rest['headline'], lang))}</div>"
        f"<p class='pp-plan-text'>{esc(text(rest['approach'], lang))}</p>"
    )
    projects = {p["id"]: text(p, lang) for p in rest["projects"]}
    cols = st.columns(len(rest["key_zones"]), gap="small")
    for col, zone in zip(cols, rest["key_zones"], strict=False):
        with col, st.container(border=True):
            st.html(
                f"<div class='pp-strategy-name'>{esc(text(zone, lang))}</div>"
                f"<p class='pp-plan-text'>{esc(text(zone['text'], lang))}</p>"
                f"<div class='pp-block-title'>{esc(t('ecology.restoration.projects', lang))}</div>"
                + plan_blocks.bullet_list(projects[i] for i in zone.get("project_ids", []))
            )
    plan_source(rest["heading"]["page"], lang)

    st.html(f"<div class='pp-block-title'>{esc(text(cons['heading'], lang))}</div>")
    left, right = st.columns(2, gap="medium")
    with left, st.container(border=True):
        zones = "".join(
            f"<div class='pp-town-role'><b>{esc(text(z, lang))}</b><span>"
            f"{esc(join((text(a, lang) for a in z['areas']), lang, en_separator='; '))}</span></div>"
            for z in cons["zones"]
        )
        st.html(f"<div class='pp-block-title'>{esc(t('ecology.consolidation.zones', lang))}</div>{zones}")
        plan_blocks.own_words(cons["zones"][0], lang)
    with right, st.container(border=True):
        st.html(
            f"<div class='pp-block-title'>{esc(t('ecology.consolidation.projects', lang))}</div>"
            + plan_blocks.bullet_list(text(p, lang) for p in cons["projects"])
        )
        plan_blocks.own_words(next((p for p in cons["projects"] if p.get("note")), None), lang)
    plan_source(cons["heading"]["page"], lang)

    st.html(f"<div class='pp-block-title'>{esc(t('ecology.projects.map', lang))}</div>")
    split = Split(
        "kind",
        {k: t(f"ecology.projects.kind.{k}", lang) for k in PROJECT_KINDS},
        {k: t(f"ecology.projects.note.{k}", lang) for k in PROJECT_KINDS},
        PROJECT_COLORS,
    )
    result = map_panel(
        "ecology_projects",
        PROJECT_LAYERS,
        lang,
        url=False,
        height=460,
        toggleable=(LAND_PROJECTS,),
        split={LAND_PROJECTS: split},
    )
    return result.selected
