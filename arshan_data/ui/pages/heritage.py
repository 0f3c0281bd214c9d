"""历史文化与风貌 — cultural themes, the 东沟里 district, protected sites by level, intangible
heritage, and the nine townscape zones with the 塞北小城 idea."""

from __future__ import annotations

import html
from collections.abc import Mapping

import streamlit as st

from arshan_data.geodata.layers import (
    BACKDROP,
    HERITAGE,
    LANDSCAPE_ZONES,
)
from arshan_data.i18n import t
from arshan_data.plan import places
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.place_charts import heritage_levels_chart
from arshan_data.ui.components.feedback_link import comment_link
from arshan_data.ui.components.figures import plan_source, svg_chart
from arshan_data.ui.components.map_panel import map_panel
from arshan_data.ui.components.place_blocks import chips, chips_html, contents, note, notes, plan_quote
from arshan_data.ui.state import catalog, current_lang


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("heritage.heading", lang))
    st.write(t("heritage.intro", lang))
    contents(
        [
            ("conservation", t("heritage.section.conservation", lang)),
            ("townscape", t("heritage.section.townscape", lang)),
        ],
        lang,
    )
    _conservation(cat, lang)
    _townscape(cat, lang)


# ----------------------------------------------------------------------------- conservation


@st.cache_resource(show_spinner=False, max_entries=4)
def _levels_chart(lang: str):
    levels = [
        {"name": text(level, lang), "count": level["count"]} for level in places.heritage_levels(catalog())
    ]
    return heritage_levels_chart(levels, x_title=t("heritage.chart_x", lang))


def _badge(label: str) -> str:
    return f"<span class='pl-badge'>{html.escape(label)}</span>"


def _details(cat: Catalog):
    """Under a tapped heritage point: what it is in the plan's terms — and when its name comes
    from outside the plan, a plain label saying so."""
    nominated = places.nominated(cat)

    def show(row: dict, lang: str) -> None:
        if row["layer_id"] == LANDSCAPE_ZONES:
            zone = places.link(row, places.index(cat["heritage"]["townscape"]["zones"]))
            if zone is not None:
                st.html(f"<div class='feature-functions'><b>{html.escape(_zone_name(zone, lang))}</b></div>")
                plan_source(zone["page"], lang)
            return
        linked = places.heritage_link(row, cat)
        if linked is None:
            return
        item = linked.item
        if linked.kind == "context":  # the protected sites: counted in the plan, never named
            note("context", item["context"], lang, item.get("context_source"))
            note("plan_silent", item["plan_silent"], lang)
            plan_source(item["heading"]["page"], lang)
            return
        badge = _badge(t("heritage.nominated", lang)) if item["id"] in nominated else ""
        st.html(f"<div class='feature-functions'><b>{html.escape(text(item, lang))}</b> {badge}</div>")
        notes(item, lang, ("note",))
        plan_source(item["page"], lang)

    return show


def _conservation(cat: Catalog, lang: str) -> None:
    heritage = cat["heritage"]["heritage"]
    st.subheader(t("heritage.section.conservation", lang), anchor="conservation")
    plan_quote(heritage["headline"], lang)

    st.markdown(f"#### {t('heritage.themes', lang)}")
    chips(heritage["themes"], lang)
    plan_source(heritage["headline"]["page"], lang)

    district = heritage["historic_district"]
    st.markdown(f"#### {t('heritage.district', lang)}")
    with st.container(border=True):
        st.html(f"<div class='town-name'>{html.escape(text(district, lang))}</div>")
        notes(district, lang, ("note",))
        plan_source(district["page"], lang)

    sites = heritage["protected_sites"]
    st.markdown(f"#### {text(sites['heading'], lang)}")
    levels = places.heritage_levels(cat)
    st.html(
        "<div class='count-line'>"
        + " · ".join(
            html.escape(t("heritage.count", lang, level=text(level, lang), count=level["count"]))
            for level in levels
        )
        + "</div>"
    )
    svg_chart(_levels_chart(lang), lang, key="heritage_levels_chart")
    note("plan_silent", sites["plan_silent"], lang)
    plan_source(sites["heading"]["page"], lang)
    note("context", sites["context"], lang, sites.get("context_source"))

    intangible = heritage["intangible"]
    nominated = places.nominated(cat)
    st.markdown(f"#### {text(intangible['heading'], lang)}")
    plan_quote(intangible["text"], lang)
    cols = st.columns(len(intangible["items"]))
    for col, item in zip(cols, intangible["items"], strict=False):
        with col, st.container(border=True):
            badge = _badge(t("heritage.nominated", lang)) if item["id"] in nominated else ""
            st.html(f"<div class='town-name'>{html.escape(text(item, lang))}</div>{badge}")
    plan_quote(intangible["near_term_nomination"], lang)
    notes(intangible, lang, ("plan_silent",))
    plan_source(intangible["heading"]["page"], lang)

    st.markdown(f"#### {text(heritage['map'], lang)}")
    st.caption(t("heritage.map_caption", lang))
    result = map_panel(
        "heritage", (*BACKDROP, HERITAGE), lang, labelled=(HERITAGE,), details_extra=_details(cat)
    )
    plan_source(heritage["map"]["page"], lang)
    comment_link("heritage", result.selected["id"] if result.selected else None, lang)


# ----------------------------------------------------------------------------- townscape


def _zone_name(zone: Mapping, lang: str) -> str:
    """ "①天池风貌区": the plan numbers its zones with circled digits."""
    number = zone.get("number")
    circled = chr(0x2460 + number - 1) if isinstance(number, int) and 1 <= number <= 20 else ""
    return f"{circled}{' ' if circled and lang == 'en' else ''}{text(zone, lang)}"


def _townscape(cat: Catalog, lang: str) -> None:
    townscape = cat["heritage"]["townscape"]
    st.subheader(t("heritage.section.townscape", lang), anchor="townscape")
    plan_quote(townscape["headline"], lang)
    st.html(f"<div class='idea'>{html.escape(text(townscape['idea'], lang))}</div>")
    plan_quote(townscape["text"], lang)
    plan_source(townscape["heading"]["page"], lang)

    st.markdown(f"#### {t('heritage.zones', lang)}")
    st.html(chips_html([_zone_name(zone, lang) for zone in townscape["zones"]], lang))
    notes(townscape, lang, ("plan_silent",))
    result = map_panel(
        "heritage_zones",
        (*BACKDROP, LANDSCAPE_ZONES),
        lang,
        labelled=(LANDSCAPE_ZONES,),
        details_extra=_details(cat),
        url=False,
    )
    plan_source(townscape["zones"][0]["page"], lang)
    comment_link("heritage", result.selected["id"] if result.selected else None, lang)
