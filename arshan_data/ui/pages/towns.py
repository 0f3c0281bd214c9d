"""城镇与村庄 — the 1+4 town system, the village table, the central city and the port."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from arshan_data.geodata.layers import (
    BACKDROP,
    CENTRAL_CITY,
    PORT_STRUCTURE,
    SEATS,
    VILLAGES,
)
from arshan_data.geodata.views import View, fit_view
from arshan_data.i18n import t
from arshan_data.plan import catalog as plan
from arshan_data.plan import places
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.place_charts import village_population_chart
from arshan_data.ui.components.feedback_link import comment_link
from arshan_data.ui.components.figures import figure_card, plan_source, svg_chart
from arshan_data.ui.components.map_panel import map_panel
from arshan_data.ui.components.place_blocks import (
    chips,
    chips_html,
    contents,
    layer_bounds,
    layer_present,
    layer_records,
    note,
    notes,
    plan_quote,
)
from arshan_data.ui.state import catalog, current_lang

#: Fallback views while a structure layer is not drawn yet: the Yirshi–Wenquan urban area, the port.
CENTRAL_CITY_VIEW = View(119.86, 47.23, 9.4)
PORT_VIEW = View(119.63, 47.243, 11.5)
CENTRAL_PARTS = ("core", "axes", "groups")
PORT_PARTS = ("cores", "axes", "groups")


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("towns.heading", lang))
    st.write(t("towns.intro", lang))
    contents(
        [
            ("town-system", t("towns.section.system", lang)),
            ("villages", t("towns.section.villages", lang)),
            ("central-city", t("towns.section.central", lang)),
            ("port", t("towns.section.port", lang)),
        ],
        lang,
    )
    _town_system(cat, lang)
    _villages(cat, lang)
    _central_city(cat, lang)
    _port(cat, lang)


# ----------------------------------------------------------------------------- 1+4 towns


def _structure_html(item: Mapping, labels, lang: str) -> str:
    body = text(item.get("text") or item.get("focus"), lang)
    return (
        f"<div class='feature-functions'><b>{html.escape(text(item, lang))}</b>"
        + (f"<div>{html.escape(body)}</div>" if body else "")
        + (chips_html(labels, lang) if labels else "")
        + "</div>"
    )


def _details(cat: Catalog):
    """Under a tapped feature: a town's functions (or role) in the plan and whose reading that
    is; a structure element's plan text and labels."""
    towns = places.town_index(cat)
    town_items = {tid: town.item for tid, town in towns.items()}
    central = cat["central_city"]["structure"]
    central_items = places.structure_items(central, CENTRAL_PARTS)
    port_items = places.structure_items(cat["port"]["structure"], PORT_PARTS)
    group_labels = {group["id"]: labels for group, labels in places.group_labels(central)}

    def show(row: dict, lang: str) -> None:
        layer_id = row["layer_id"]
        if layer_id == SEATS:
            item = places.link(row, town_items)
            if item is None:
                return
            town = towns[item["id"]]
            heading = t("towns.functions", lang) if town.functions else t("towns.role", lang)
            values = town.functions or ([town.role] if town.role else [])
            st.html(
                f"<div class='feature-functions'><b>{html.escape(heading)}</b>"
                f"{chips_html(values, lang)}</div>"
            )
            if town.interpretation:
                note("interpretation", town.interpretation, lang)
        elif layer_id in (CENTRAL_CITY, PORT_STRUCTURE):
            items = central_items if layer_id == CENTRAL_CITY else port_items
            item = places.link(row, items)
            if item is None:
                return
            st.html(_structure_html(item, group_labels.get(item["id"], []), lang))
            notes(item, lang, ("interpretation",))
        else:
            return
        plan_source(item["page"], lang)

    return show


def _town_card(town: places.Town, lang: str) -> None:
    with st.container(border=True):
        st.html(
            f"<div class='town-card'><div class='town-name'>{html.escape(text(town.item, lang))}</div>"
            f"{chips_html(town.functions, lang)}</div>"
        )
        if town.interpretation:
            note("interpretation", town.interpretation, lang)


def _town_system(cat: Catalog, lang: str) -> None:
    system = cat["towns"]["town_system"]
    st.subheader(t("towns.section.system", lang), anchor="town-system")
    plan_quote(system["headline"], lang)
    st.caption(t("towns.system.map_caption", lang))
    layers = (*BACKDROP, *([CENTRAL_CITY] if layer_present(CENTRAL_CITY) else []), SEATS)
    result = map_panel(
        "towns",
        layers,
        lang,
        toggleable=[lid for lid in layers if lid not in BACKDROP],
        labelled=(SEATS,),
        details_extra=_details(cat),
    )
    plan_source(system["map"]["page"], lang)

    towns = places.town_system(cat)
    central = system["central_city"]
    st.markdown(f"#### {text(central, lang)}")
    plan_quote(central["composition"], lang)
    plan_quote(central["roles"], lang)
    cols = st.columns(2)
    with cols[0]:
        _town_card(towns[0], lang)
    with cols[1]:
        _town_card(next(town for town in towns if town.rank == "port"), lang)
    subdistricts = [town for town in towns if town.rank == "subdistrict"]
    st.html(
        "<div class='subdistricts'>"
        + "".join(
            f"<div><b>{html.escape(text(town.item, lang))}</b> · {html.escape(text(town.role, lang))}</div>"
            for town in subdistricts
        )
        + "</div>"
    )
    st.markdown(f"#### {t('towns.key_towns', lang)}")
    plan_quote(system["key_towns_text"], lang)
    key_towns = [town for town in towns if town.rank == "key_town"]
    for start in range(0, len(key_towns), 2):
        cols = st.columns(2)
        for col, town in zip(cols, key_towns[start : start + 2], strict=False):
            with col:
                _town_card(town, lang)
    plan_source(central["page"], lang)
    _comment("towns", result, lang)


def _comment(topic: str, result, lang: str) -> None:
    comment_link(topic, result.selected["id"] if result and result.selected else None, lang)


# ----------------------------------------------------------------------------- villages


@st.cache_resource(show_spinner=False, max_entries=32)
def _village_chart(lang: str, category_zh: str | None, x_title: str):
    rows = places.filter_villages(places.village_rows(catalog()), category_zh)
    data = [
        {"name": text(row, lang), "category": text(row["category"], lang), "population": row["population"]}
        for row in rows
    ]
    return village_population_chart(data, x_title=x_title)


def _villages(cat: Catalog, lang: str) -> None:
    villages = cat["towns"]["villages"]
    table = villages["table"]
    st.subheader(t("towns.section.villages", lang), anchor="villages")
    plan_quote(villages["headline"], lang)
    plan_quote(villages["text"], lang)
    plan_source(villages["headline"]["page"], lang)

    rows = places.village_rows(cat)
    categories = {c["zh"]: c for c in places.village_categories(rows)}
    chosen = st.pills(
        t("towns.villages.filter", lang),
        list(categories),
        key="towns_village_cat",
        format_func=lambda zh: text(categories[zh], lang),
    )
    shown = places.filter_villages(rows, chosen)
    st.markdown(f"#### {text(table['title'], lang)}")
    st.caption(t("towns.villages.count", lang, shown=len(shown), total=len(rows)))
    st.dataframe(
        pd.DataFrame(places.village_records(shown, table["columns"], lang)), hide_index=True, width="stretch"
    )
    st.info(text(table["plan_silent"], lang), icon=":material/info:")
    plan_source(table["title"]["page"], lang)

    population = next(col for col in table["columns"] if col["id"] == "population")
    svg_chart(_village_chart(lang, chosen, text(population, lang)), lang, key="towns_village_chart")

    village_items = places.index(rows)
    ids = places.linked_feature_ids(layer_records(VILLAGES), village_items, [row["id"] for row in shown])
    st.markdown(f"#### {text(villages['map'], lang)}")
    # Villages only: a town seat drawn on top would hide the village point 1–2 km from it.
    result = map_panel(
        "towns_villages", (*BACKDROP, VILLAGES), lang, labelled=(VILLAGES,), only={VILLAGES: ids}, url=False
    )
    plan_source(villages["map"]["page"], lang)
    _comment("towns", result, lang)


# ----------------------------------------------------------------------------- central city


def _central_city(cat: Catalog, lang: str) -> None:
    central = cat["central_city"]
    structure = central["structure"]
    st.subheader(t("towns.section.central", lang), anchor="central-city")

    st.markdown(f"#### {text(central['nature']['heading'], lang)}")
    plan_quote(central["nature"]["statement"], lang)
    figure_card(plan.figure("central_city_area", cat), lang)
    st.markdown(f"#### {text(central['functions']['heading'], lang)}")
    chips(central["functions"]["items"], lang)
    for item in central["functions"]["items"]:
        notes(item, lang, ("note", "interpretation"))
    plan_source(central["functions"]["heading"]["page"], lang)

    st.markdown(f"#### {text(structure['heading'], lang)}")
    for part in (structure["core"]["text"], structure["axes"]["text"], structure["groups"]["text"]):
        plan_quote(part, lang)
    groups = places.group_labels(structure)
    for start in range(0, len(groups), 3):  # three across on a projector, stacked on a phone
        for col, (group, labels) in zip(st.columns(3), groups[start : start + 3], strict=False):
            with col, st.container(border=True):
                st.html(
                    f"<div class='town-card'><div class='town-name'>{html.escape(text(group, lang))}</div>"
                    f"{chips_html(labels, lang)}</div>"
                )
                notes(group, lang, ("interpretation",))
    unassigned = places.unassigned_labels(structure)
    if unassigned:
        st.caption(t("towns.central.unassigned", lang))
        chips(unassigned, lang)
    notes(structure, lang, ("interpretation", "plan_silent"))
    plan_source(structure["heading"]["page"], lang)

    result = _structure_map("towns_central", CENTRAL_CITY, structure, CENTRAL_CITY_VIEW, cat, lang)

    land_use = central["land_use"]
    st.markdown(f"#### {text(land_use['heading'], lang)}")
    for group in land_use["groups"]:
        plan_quote(group["text"], lang)
    notes(land_use, lang, ("plan_silent",))
    plan_source(land_use["heading"]["page"], lang)
    _comment("towns", result, lang)


def _structure_map(key: str, layer_id: str, structure: Mapping, fallback: View, cat: Catalog, lang: str):
    """The map of a structure (central city, port) framed on its layer, over the seats; the
    ``fallback`` view while the layer is not there."""
    structure_layer = [layer_id] if layer_present(layer_id) else []
    bounds = layer_bounds(structure_layer) if structure_layer else None
    st.markdown(f"#### {text(structure['map'], lang)}")
    result = map_panel(
        key,
        (*BACKDROP, *structure_layer, SEATS),
        lang,
        labelled=(*structure_layer, SEATS),
        view=fit_view(bounds) if bounds else fallback,
        details_extra=_details(cat),
        url=False,
    )
    plan_source(structure["map"]["page"], lang)
    return result


# ----------------------------------------------------------------------------- port


def _port(cat: Catalog, lang: str) -> None:
    port = cat["port"]
    nature, structure = port["nature"], port["structure"]
    st.subheader(t("towns.section.port", lang), anchor="port")

    st.markdown(f"#### {text(nature['heading'], lang)}")
    for block in (nature["overall_positioning"], nature["target_positioning"]):
        st.caption(text(block["heading"], lang))
        chips(block["items"], lang)
        for item in block["items"]:
            notes(item, lang, ("note",))
    plan_source(nature["heading"]["page"], lang)

    st.markdown(f"#### {text(structure['heading'], lang)}")
    plan_quote(structure["headline"], lang)
    for part in ("cores", "axes", "groups"):
        plan_quote(structure[part]["text"], lang)
    notes(structure, lang, ("plan_silent",))
    plan_source(structure["headline"]["page"], lang)

    result = _structure_map("towns_port", PORT_STRUCTURE, structure, PORT_VIEW, cat, lang)

    land_use = port["land_use"]
    st.markdown(f"#### {text(land_use['heading'], lang)}")
    plan_quote(land_use["text"], lang)
    notes(land_use, lang, ("plan_silent",))
    plan_source(land_use["heading"]["page"], lang)
    _comment("towns", result, lang)
