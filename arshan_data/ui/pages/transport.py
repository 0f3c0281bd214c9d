"""交通与公共服务 — airports, railways and roads by status; regional links; tourism transport;
the 15-minute life circle and the county/township service centres."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from arshan_data import site
from arshan_data.geodata.layers import (
    AIRPORTS,
    BACKDROP,
    CITY_BOUNDARY,
    RAILWAYS,
    REGIONAL_CONTEXT,
    ROADS,
    STATIONS,
    STATUSES,
)
from arshan_data.geodata.views import View, fit_view
from arshan_data.i18n import join, t
from arshan_data.plan import places
from arshan_data.plan.catalog import Catalog, text
from arshan_data.ui.components.feedback_link import comment_link
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.components.map_panel import map_panel
from arshan_data.ui.components.place_blocks import (
    chips,
    chips_html,
    contents,
    layer_bounds,
    layer_records,
    notes,
    plan_quote,
)
from arshan_data.ui.state import catalog, current_lang

NETWORK = (ROADS, RAILWAYS, STATIONS, AIRPORTS)
#: Zoomed out to the 乌阿海满 cities round Arxan (when the map has no linked cities to frame).
REGION_VIEW = View(121.0, 47.3, 5.3)


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("transport.heading", lang))
    st.write(t("transport.intro", lang))
    contents(
        [
            ("network", t("transport.section.network", lang)),
            ("regional", t("transport.section.regional", lang)),
            ("tourism-transport", t("transport.section.tourism", lang)),
            ("services", t("transport.section.services", lang)),
        ],
        lang,
    )
    _network(cat, lang)
    _regional(cat, lang)
    _tourism_transport(cat, lang)
    _services(cat, lang)


def status_label(status: str, lang: str) -> str:
    """The shared status words ("upgrade"), capitalised to stand alone in a cell or chip."""
    label = t(f"status.{status}", lang) if status in STATUSES else t("status.unstated", lang)
    return label[:1].upper() + label[1:]


# ----------------------------------------------------------------------------- network


def _details(cat: Catalog):
    """Under a tapped road, railway or airport: its status in the plan and how we read it."""
    transport = cat["transport"]
    projects = places.index(transport["projects"])
    loop = transport["tourism_transport"]["grand_loop"]
    loop_roads = places.index(loop["roads"])
    cities = places.index(places.regional_cities(cat))

    def show(row: dict, lang: str) -> None:
        if row["layer_id"] == REGIONAL_CONTEXT:
            city = places.link(row, cities)
            if city is not None:
                st.html(f"<div class='feature-functions'><b>{html.escape(text(city, lang))}</b></div>")
                plan_source(city["page"], lang)
            return
        project = places.link(row, projects)
        if project is not None:
            facts = [t(f"transport.mode.{project['mode']}", lang), status_label(project["status"], lang)]
            if project.get("action"):
                facts.append(text(project["action"], lang))
            st.html(
                f"<div class='feature-functions'><b>{html.escape(text(project, lang))}</b>"
                f"{chips_html(facts, lang)}</div>"
            )
            notes(project, lang, ("interpretation", "plan_silent", "note"))
            plan_source(places.project_pages(project), lang)
        if places.link(row, loop_roads) is not None:
            st.html(
                f"<div class='feature-functions'>{html.escape(t('transport.on_grand_loop', lang))}"
                f"{chips_html([loop], lang)}</div>"
            )
            plan_source(loop["page"], lang)

    return show


def _projects_table(cat: Catalog, lang: str) -> pd.DataFrame:
    rows = []
    for project in places.transport_projects(cat):
        pages = places.project_pages(project)
        rows.append(
            {
                t("transport.col.name", lang): text(project, lang),
                t("transport.col.mode", lang): t(f"transport.mode.{project['mode']}", lang),
                t("transport.col.status", lang): status_label(project["status"], lang),
                t("transport.col.pages", lang): join(map(str, pages), lang),
            }
        )
    return pd.DataFrame(rows)


def _network(cat: Catalog, lang: str) -> None:
    transport = cat["transport"]
    system = transport["system"]
    st.subheader(t("transport.section.network", lang), anchor="network")
    plan_quote(system["headline"], lang)
    st.caption(t("transport.map_caption", lang))
    result = map_panel(
        "transport",
        (*BACKDROP, *NETWORK),
        lang,
        toggleable=NETWORK,
        labelled=(AIRPORTS, STATIONS),
        details_extra=_details(cat),
    )
    plan_source(system["map"]["page"], lang)

    st.markdown(f"#### {t('transport.projects', lang)}")
    st.caption(t("transport.projects_caption", lang))
    st.dataframe(_projects_table(cat, lang), hide_index=True, width="stretch")
    for project in places.transport_projects(cat):
        notes(project, lang, ("interpretation", "plan_silent", "note"), subject=text(project, lang))
    with st.expander(t("transport.plan_lists", lang)):
        for item in system["lists"]:
            plan_quote(item, lang)
    plan_source(
        sorted(
            {page for project in places.transport_projects(cat) for page in places.project_pages(project)}
        ),
        lang,
    )
    comment_link("transport", result.selected["id"] if result.selected else None, lang)


# ----------------------------------------------------------------------------- regional


def _regional(cat: Catalog, lang: str) -> None:
    regional = cat["transport"]["regional"]
    st.subheader(t("transport.section.regional", lang), anchor="regional")
    plan_quote(regional["headline"], lang)
    plan_quote(regional["text"], lang)
    st.caption(t("transport.regional_caption", lang))
    # Frame the city and the 乌阿海满 cities the plan names (not every context town).
    cities = places.index(places.regional_cities(cat))
    ids = places.linked_feature_ids(layer_records(REGIONAL_CONTEXT), cities, cities)
    bounds = layer_bounds((CITY_BOUNDARY, REGIONAL_CONTEXT), only={REGIONAL_CONTEXT: ids}) if ids else None
    result = map_panel(
        "transport_region",
        (*BACKDROP, ROADS, RAILWAYS, REGIONAL_CONTEXT),
        lang,
        labelled=(REGIONAL_CONTEXT,),
        height=460,
        view=fit_view(bounds, padding=0.08) if bounds else REGION_VIEW,
        details_extra=_details(cat),
        url=False,
    )
    plan_source(regional["map"]["page"], lang)
    comment_link("transport", result.selected["id"] if result.selected else None, lang)


# ----------------------------------------------------------------------------- tourism transport


def _tourism_transport(cat: Catalog, lang: str) -> None:
    tourism = cat["transport"]["tourism_transport"]
    loop, inner = tourism["grand_loop"], tourism["inner_loops"]
    st.subheader(t("transport.section.tourism", lang), anchor="tourism-transport")
    plan_quote(tourism["headline"], lang)
    cols = st.columns(2)
    with cols[0], st.container(border=True):
        st.html(f"<div class='town-name'>{html.escape(text(loop, lang))}</div>")
        st.caption(t("transport.loop_roads", lang))
        chips(loop["roads"], lang)
        st.caption(t("transport.loop_stops", lang))
        stops = [
            " · ".join(filter(None, (text(area, lang), text(area.get("grade"), lang))))
            for area in loop["scenic_areas"]
        ]
        chips(stops, lang)
        notes(loop, lang, ("plan_silent",))
        for area in loop["scenic_areas"]:
            notes(area, lang, ("plan_silent",), subject=text(area, lang))
    with cols[1], st.container(border=True):
        st.html(f"<div class='town-name'>{html.escape(text(inner, lang))}</div>")
        chips(inner["items"], lang)
        for item in inner["items"]:
            notes(item, lang, ("note",))
        notes(inner, lang, ("plan_silent",))
    with st.expander(t("transport.loop_text", lang)):
        plan_quote(loop["text"], lang)
        plan_quote(inner["text"], lang)
    plan_source(tourism["headline"]["page"], lang)
    tourism = site.page("tourism")
    if tourism:  # the tourism bureau's own page
        st.page_link(
            tourism.file,
            label=t("transport.tourism_link", lang),
            icon=":material/route:",
            query_params={"lang": lang},
        )
    comment_link("transport", None, lang)


# ----------------------------------------------------------------------------- services


def _service_tree(system: Mapping, lang: str) -> str:
    """The county and township levels as nested boxes; places with the same role share a line."""
    centres = chips_html(system["wenquan_international_centres"], lang)
    levels = []
    for level in system["levels"]:
        rows = []
        for places_, role in places.group_by_role(level["places"]):
            names = " · ".join(html.escape(text(place, lang)) for place in places_)
            extra = centres if any(place["id"] == "wenquan_street" for place in places_) else ""
            rows.append(
                f"<div class='svc-place'><div class='svc-names'>{names}</div>"
                f"<div class='svc-role'>{html.escape(text(role, lang))}</div>{extra}</div>"
            )
        levels.append(
            f"<div class='svc-level'><div class='svc-level-name'>{html.escape(text(level, lang))}"
            f"</div>{''.join(rows)}</div>"
        )
    return f"<div class='svc-tree'>{''.join(levels)}</div>"


def _services(cat: Catalog, lang: str) -> None:
    services = cat["services"]
    circle, system = services["life_circle"], services["service_system"]
    st.subheader(t("transport.section.services", lang), anchor="services")

    st.markdown(f"#### {text(circle, lang)}")
    plan_quote(circle["headline"], lang)
    plan_quote(circle["text"], lang)
    st.caption(t("transport.principles", lang))
    chips(circle["principles"], lang)
    notes(circle, lang, ("plan_silent",))
    plan_source(places.project_pages(circle), lang)

    st.markdown(f"#### {text(system['headline'], lang)}")
    st.caption(t("transport.focus_services", lang))
    chips(system["focus_services"], lang)
    st.html(_service_tree(system, lang))
    for level in system["levels"]:
        notes(level, lang, ("interpretation", "plan_silent"), subject=text(level, lang))
    with st.expander(t("transport.services_text", lang)):
        plan_quote(system["text"], lang)
    plan_source(system["headline"]["page"], lang)
    comment_link("other", None, lang)
