"""此处规划 — tap a point (or pick a place) and see every plan element at or near it.

The query is pure (``arshan_data.whatshere``), the map is built by ``arshan_data.whatshere_map``;
this module keeps the state: the point or place asked about (``?at=lon,lat`` or
``?place=<id>`` in the URL, so a link opens the same answer), the search radius (``?r=``), and
the map's key, which changes with every new question so that a fresh map opens centred on it.
Names come from our data but are still shown as escaped HTML, text or tables.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from arshan_data.exports.downloads import table_csv
from arshan_data.geodata.citations import plan_ref_text
from arshan_data.geodata.grid import CityGrid, Location
from arshan_data.geodata.layers import CITY_BOUNDARY, ELEMENT_LAYERS, SEATS, get_layer
from arshan_data.i18n import t
from arshan_data.plan.catalog import heading_names, text
from arshan_data.ui.components.feedback_link import comment_link
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.components.map_panel import feature_card
from arshan_data.ui.components.map_view import layer_versions, load_layers
from arshan_data.ui.components.share_box import share_box
from arshan_data.ui.feedback_resources import city_grid
from arshan_data.ui.state import basemap, catalog, current_lang, map_store
from arshan_data.whatshere import deck as wm
from arshan_data.whatshere import query as wh

#: What is asked: ``{"at": (lon, lat), "cell": bool}``, ``{"place": id}``, ``{"bad": True}`` or None.
QUERY = "wh_query"
PICK = "wh_pick"
RADIUS = "wh_radius"
GEN = "wh_map_gen"
AT_PARAM, PLACE_PARAM, RADIUS_PARAM = "at", "place", "r"
PAGE_PATH = "whatshere"
MAP_HEIGHT = 460
#: Every layer the query and the map read.
LAYERS = tuple(
    dict.fromkeys(
        (
            CITY_BOUNDARY,
            SEATS,
            *wh.ZONE_LAYERS,
            *(lid for _, ids in wh.NEARBY_GROUPS for lid in ids),
            *wh.SEARCHABLE_LAYERS,
            *wm.LAYERS,
        )
    )
)


# ----------------------------------------------------------------------------- cached resources


def tap_grid() -> CityGrid | None:
    """The 2 km tap grid over the city (per process), or None without a city boundary."""
    return city_grid(wm.GRID_KM)


def _frames() -> dict:
    return map_store().readable(LAYERS)


@st.cache_resource(show_spinner=False, max_entries=8)
def _base(lang: str, versions: tuple[str, ...]) -> wm.Base:
    """The grid, backdrop, plan context and places: built once per process and language."""
    grid = tap_grid()
    assert grid is not None  # the map is drawn only when the grid could be made
    return wm.base_layers(_frames(), grid, lang)


@st.cache_resource(show_spinner=False, max_entries=256)
def _answer(
    lon: float, lat: float, radius_km: float, place_id: str | None, versions: tuple[str, ...]
) -> wh.Result:
    return wh.plan_elements_at(lon, lat, _frames(), catalog(), radius_km=radius_km, place_id=place_id)


@st.cache_resource(show_spinner=False, max_entries=64)
def _deck(
    lang: str,
    versions: tuple[str, ...],
    basemap: str,
    point: tuple[float, float] | None,
    radius_km: float,
    place_id: str | None,
):
    """The map for one answer (or none), from the cached base: only the marks are new."""
    base = _base(lang, versions)
    if point is None:
        return wm.whatshere_deck(base, lang, basemap=basemap)
    result = _answer(point[0], point[1], radius_km, place_id, versions)
    return wm.whatshere_deck(base, lang, result=result, frames=_frames(), basemap=basemap)


# ----------------------------------------------------------------------------- state


def _radius_from_url() -> float:
    try:
        value = float(st.query_params.get(RADIUS_PARAM) or wh.DEFAULT_RADIUS_KM)
    except ValueError:
        value = wh.DEFAULT_RADIUS_KM
    return value if value in wh.RADII_KM else wh.DEFAULT_RADIUS_KM


def _query_from_url() -> dict | None:
    place = st.query_params.get(PLACE_PARAM)
    if place:
        return {"place": place}
    at = st.query_params.get(AT_PARAM)
    if at:
        point = wh.parse_at(at)
        return {"at": point, "cell": False} if point else {"bad": True}
    return None


def _init_state() -> None:
    if QUERY not in st.session_state:
        st.session_state[QUERY] = _query_from_url()
    if st.session_state.get(RADIUS) not in wh.RADII_KM:
        st.session_state[RADIUS] = _radius_from_url()
    st.session_state.setdefault(GEN, 0)


def _new_question(query: dict | None) -> None:
    st.session_state[QUERY] = query
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1  # a fresh map, centred on the answer


def _on_pick() -> None:
    chosen = st.session_state.get(PICK)
    _new_question({"place": chosen} if chosen else None)


def _on_map(map_key: str) -> None:
    grid = tap_grid()
    chosen = wm.picked(st.session_state.get(map_key), grid) if grid is not None else None
    if chosen is None:
        return
    kind, value = chosen
    if isinstance(value, Location):
        _new_question({"at": (round(value.lon, 3), round(value.lat, 3)), "cell": True})
    else:
        _new_question({"place": value})


def _sync_url(query: dict | None, radius: float) -> None:
    wanted = {
        AT_PARAM: None,
        PLACE_PARAM: None,
        RADIUS_PARAM: None if radius == wh.DEFAULT_RADIUS_KM else f"{radius:g}",
    }
    if query and query.get("place"):
        wanted[PLACE_PARAM] = query["place"]
    elif query and query.get("at"):
        wanted[AT_PARAM] = wh.format_at(*query["at"])
    for name, value in wanted.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


# ----------------------------------------------------------------------------- formatting


def _km(value: float) -> str:
    return f"{value:.1f}"


def _direction(hit: wh.Hit, lang: str) -> str:
    return t(f"whatshere.dir.{hit.compass}", lang) if hit.compass else t("whatshere.dir.here", lang)


def _note(hit: wh.Hit, lang: str) -> str:
    if hit.indicative:
        return t("whatshere.note.indicative", lang)
    if hit.approximate:
        return t("whatshere.note.approximate", lang)
    return ""


def fidelity_text(hit: wh.Hit, lang: str) -> str:
    """The fidelity and what it means for the reader, in one cell: "示意，不作为审批依据",
    "大致位置 · 位置误差可达数公里" or "实测数据"."""
    if hit.indicative:
        return t("whatshere.note.indicative", lang)
    label = t(f"fidelity.{hit.fidelity}", lang)
    return f"{label} · {_note(hit, lang)}" if hit.approximate else label


def _layer_title(layer_id: str, lang: str) -> str:
    layer = get_layer(layer_id)
    return layer.title_zh if lang == "zh" else layer.title_en


#: Page-specific styles for the result lists (names are escaped; classes are ours).
CSS = """<style>
.wh-list { list-style: none; padding: 0 !important; margin: 0.1rem 0 0.5rem !important; }
.wh-list li { padding: 0.3rem 0; margin: 0 !important; border-bottom: 1px solid #ececec; line-height: 1.5; }
.wh-d { display: inline-block; min-width: 7.5em; margin-right: 0.4rem; color: #9b1c1c; font-weight: 600;
  font-variant-numeric: tabular-nums; }
.wh-k { color: #555; font-size: 0.9em; margin-left: 0.3rem; }
.wh-f { display: inline-block; font-size: 0.8rem; border-radius: 3px; padding: 0 0.35rem; margin-left: 0.3rem;
  background: #eceff3; color: #3d4a5c; border: 1px solid #c8d0da; }
.wh-f-schematic { background: #fff3cd; color: #6b4e00; border-color: #f0d98c; }
</style>"""


def hit_list(hits, lang: str, *, with_layer: bool = False, with_distance: bool = True) -> str:
    """Features as an escaped HTML list: distance and direction, name, type, fidelity note.
    A list wraps on a 390 px phone where a five-column table would scroll sideways."""
    items = []
    for hit in hits:
        distance = t("whatshere.distance", lang, km=_km(hit.distance_km), dir=_direction(hit, lang))
        where = f"<span class='wh-d'>{html.escape(distance)}</span>" if with_distance else ""
        kind = (
            f"<span class='wh-k'>{html.escape(_layer_title(hit.layer_id, lang))}</span>" if with_layer else ""
        )
        fidelity = (
            f"<span class='wh-f wh-f-{html.escape(hit.fidelity)}'>"
            f"{html.escape(fidelity_text(hit, lang))}</span>"
        )
        items.append(f"<li>{where}<b>{html.escape(hit.name(lang))}</b>{kind}{fidelity}</li>")
    return f"<ul class='wh-list'>{''.join(items)}</ul>"


def results_table(result: wh.Result, lang: str) -> pd.DataFrame:
    """Everything reported, one row per feature, for the CSV download."""
    groups = []
    if result.place:
        groups.append((t("whatshere.group.place", lang), [result.place]))
    if result.seat:
        groups.append((t("whatshere.group.seat", lang), [result.seat.hit]))
    groups.append((t("whatshere.group.zone", lang), list(result.areas)))
    if result.landscape_zone:
        groups.append((t("whatshere.group.landscape", lang), [result.landscape_zone]))
    groups += [(t(f"whatshere.group.{group}", lang), list(hits)) for group, hits in result.nearby.items()]
    rows = []
    for title, hits in groups:
        for hit in hits:
            rows.append(
                {
                    t("whatshere.col.group", lang): title,
                    t("whatshere.col.name", lang): hit.name(lang),
                    t("whatshere.col.layer", lang): _layer_title(hit.layer_id, lang),
                    t("whatshere.col.distance", lang): round(hit.distance_km, 2),
                    t("whatshere.col.direction", lang): _direction(hit, lang),
                    t("whatshere.col.fidelity", lang): t(f"fidelity.{hit.fidelity}", lang),
                    t("whatshere.col.note", lang): _note(hit, lang),
                    t("whatshere.col.plan_ref", lang): plan_ref_text(
                        hit.plan_ref, lang, heading_names(catalog())
                    ),
                }
            )
    return pd.DataFrame(rows)


def _cite(hits, lang: str) -> None:
    pages = wh.plan_pages(hits)
    if pages:
        plan_source(list(pages), lang)


def _chips(items, lang: str) -> str:
    return (
        "<div class='pl-chips'>"
        + "".join(f"<span class='pl-chip'>{html.escape(text(item, lang))}</span>" for item in items)
        + "</div>"
    )


# ----------------------------------------------------------------------------- blocks


def _seat_block(seat: wh.Seat | None, lang: str) -> None:
    st.subheader(t("whatshere.section.town", lang))
    if seat is None:
        return
    hit = seat.hit
    line = (
        t("whatshere.seat.here", lang, name=hit.name(lang))
        if hit.distance_km < 0.05
        else t(
            "whatshere.seat.line",
            lang,
            name=hit.name(lang),
            km=_km(hit.distance_km),
            dir=_direction(hit, lang),
        )
    )
    fidelity = t("whatshere.seat.fidelity", lang, value=fidelity_text(hit, lang))
    st.html(
        f"<div class='town-name'>{html.escape(line)}</div><div class='own-note'>{html.escape(fidelity)}</div>"
    )
    st.caption(t("whatshere.seat.note", lang))
    if seat.far:
        st.caption(t("whatshere.seat.far", lang, km=_km(hit.distance_km)))
    if seat.unit is None:
        st.caption(t("whatshere.seat.no_unit", lang))
        return
    if seat.in_central_city:
        st.caption(t("whatshere.seat.in_central_city", lang))
    ours = html.escape(t("whatshere.interpretation", lang))
    for block in seat.functions:
        heading = html.escape(t(f"whatshere.functions.{block.kind}", lang))
        st.html(f"<div class='feature-functions'><b>{heading}</b>{_chips(block.items, lang)}</div>")
        if block.interpretation:
            st.html(
                f"<div class='own-note'><span class='note-label'>{ours}</span> "
                f"{html.escape(text(block.interpretation, lang))}</div>"
            )
        if block.pages:
            plan_source(list(block.pages), lang)


def _zones_block(result: wh.Result, lang: str) -> None:
    st.subheader(t("whatshere.section.zones", lang))
    if result.areas:
        st.html(hit_list(result.areas, lang, with_layer=True, with_distance=False))
        if any(hit.indicative for hit in result.areas):
            st.caption(t("whatshere.zones.note", lang))
        _cite(result.areas, lang)
    else:
        st.caption(t("whatshere.zones.none", lang))
    zone = result.landscape_zone
    if zone is not None:
        st.text(
            t(
                "whatshere.landscape",
                lang,
                name=zone.name(lang),
                km=_km(zone.distance_km),
                dir=_direction(zone, lang),
            )
        )
    else:
        st.caption(t("whatshere.landscape.none", lang, km=f"{result.radius_km:g}"))


def _nearby_block(result: wh.Result, lang: str) -> None:
    st.subheader(t("whatshere.section.nearby", lang, km=f"{result.radius_km:g}"))
    st.caption(t("whatshere.distance_note", lang))
    for group, layer_ids in wh.NEARBY_GROUPS:
        hits = result.nearby.get(group, ())
        st.markdown(f"**{t(f'whatshere.group.{group}', lang)}**")
        if hits:
            st.html(hit_list(hits, lang, with_layer=len(layer_ids) > 1))
            _cite(hits, lang)
        else:
            st.caption(t("whatshere.group.none", lang, km=f"{result.radius_km:g}"))
        if group == "protected_areas":
            st.caption(t("whatshere.protected.note", lang))


def _share(params: dict[str, str | None], lang: str) -> None:
    share_box(PAGE_PATH, params, lang, texts="whatshere.share", qr_name="whatshere-qr.png", qr_key="wh_qr_dl")


def _show(result: wh.Result, query: dict, frames: Mapping, lang: str) -> None:
    if result.place is not None:
        st.text(t("whatshere.at.place", lang, name=result.place.name(lang)))
        place = wh.place_point(frames, result.place.id)
        if place is not None:
            layer_id, row, _, _ = place
            row = {"layer_id": layer_id, **{k: v for k, v in row.items() if k != "geometry"}}
            with st.expander(t("whatshere.place.details", lang), icon=":material/info:"):
                feature_card(row, lang)
    else:
        key = "whatshere.at.cell" if query.get("cell") else "whatshere.at.point"
        st.text(t(key, lang, lon=f"{result.lon:.3f}", lat=f"{result.lat:.3f}"))
    if result.any_indicative:
        st.warning(t("whatshere.indicative_banner", lang), icon=":material/draw:")
    left, right = st.columns(2, gap="large")
    with left:
        _seat_block(result.seat, lang)
    with right:
        _zones_block(result, lang)
    _nearby_block(result, lang)
    table = results_table(result, lang)
    with st.expander(t("whatshere.table", lang), icon=":material/table:"):
        st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        t("whatshere.download", lang),
        table_csv(table),
        file_name="whatshere.csv",
        mime="text/csv",
        key="wh_csv",
        on_click="ignore",
        icon=":material/table:",
    )
    if result.place is not None and result.place.layer_id in ELEMENT_LAYERS:
        comment_link(
            ELEMENT_LAYERS[result.place.layer_id], result.place.id, lang, label=t("whatshere.comment", lang)
        )
    else:
        comment_link("other", None, lang, label=t("whatshere.comment", lang), at=(result.lon, result.lat))
    params: dict[str, str | None] = (
        {PLACE_PARAM: result.place.id}
        if result.place is not None
        else {AT_PARAM: wh.format_at(result.lon, result.lat)}
    )
    if result.radius_km != wh.DEFAULT_RADIUS_KM:
        params[RADIUS_PARAM] = f"{result.radius_km:g}"
    _share(params, lang)


# ----------------------------------------------------------------------------- the page


@st.cache_resource(show_spinner=False, max_entries=8)
def _place_options(_frames: Mapping, versions: tuple[str, ...]) -> dict[str, tuple[str, str, str]]:
    """The search box's places, once per process and data version (a third of the page's run
    time when made on every rerun, profiled). Shared: do not modify."""
    return {fid: (layer_id, zh, en) for fid, layer_id, zh, en in wh.place_options(_frames)}


def render() -> None:
    lang = current_lang()
    st.html(CSS)
    st.header(t("whatshere.heading", lang))
    st.write(t("whatshere.intro", lang))
    frames = load_layers(LAYERS, lang)
    grid = tap_grid()
    if "city_boundary" not in frames or grid is None:
        st.error(t("whatshere.no_boundary", lang), icon=":material/error:")
        return
    _init_state()
    query = st.session_state[QUERY]

    options = _place_options(frames, layer_versions(tuple(frames)))
    if query and query.get("place") and query["place"] not in options:
        query = st.session_state[QUERY] = {"bad_place": True}
    st.session_state[PICK] = query.get("place") if query else None

    def label(fid: str) -> str:
        layer_id, zh, en = options[fid]
        first, second = (en or zh, zh) if lang == "en" else (zh, en)
        return " · ".join(part for part in (first, second, _layer_title(layer_id, lang)) if part)

    search, radius_col = st.columns([3, 2], vertical_alignment="bottom")
    search.selectbox(
        t("whatshere.search", lang),
        list(options),
        key=PICK,
        format_func=label,
        placeholder=t("whatshere.search.placeholder", lang),
        on_change=_on_pick,
    )
    radius_col.segmented_control(
        t("whatshere.radius", lang),
        wh.RADII_KM,
        key=RADIUS,
        required=True,
        format_func=lambda km: t("whatshere.radius.option", lang, km=f"{km:g}"),
        width="stretch",
    )
    radius = st.session_state[RADIUS]

    versions = layer_versions(LAYERS)
    result, problem = None, None
    if query and query.get("at"):
        point, place_id = query["at"], None
    elif query and query.get("place"):
        found = wh.place_point(frames, query["place"])
        assert found is not None  # a place the search itself offered
        _, _, lon, lat = found
        point, place_id = (lon, lat), query["place"]
    else:
        point = place_id = None
    if point is not None:
        try:
            result = _answer(point[0], point[1], radius, place_id, versions)
        except wh.OutsideCity as refused:
            problem = t(
                "whatshere.outside",
                lang,
                lon=f"{refused.lon:.3f}",
                lat=f"{refused.lat:.3f}",
                km=_km(refused.distance_km),
            )

    # A refusal or a broken link is said before the map, where the reader looks first.
    if problem:
        st.error(problem, icon=":material/wrong_location:")
    elif query and (query.get("bad") or query.get("bad_place")):
        st.warning(
            t("whatshere.bad_link" if query.get("bad") else "whatshere.unknown_place", lang),
            icon=":material/link_off:",
        )
    deck = _deck(lang, versions, basemap(), point if result is not None else None, radius, place_id)
    map_key = f"wh_map_{st.session_state[GEN]}"
    st.pydeck_chart(
        deck,
        height=MAP_HEIGHT,
        on_select=functools.partial(_on_map, map_key),
        selection_mode="single-object",
        key=map_key,
    )
    st.caption(t("whatshere.map.help", lang))
    if result is not None:
        _show(result, query, frames, lang)
    elif not problem and not (query and (query.get("bad") or query.get("bad_place"))):
        st.info(t("whatshere.empty", lang), icon=":material/touch_app:")
    _sync_url(query if result is not None or problem else None, radius)
