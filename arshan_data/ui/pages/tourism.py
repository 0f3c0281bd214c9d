"""全域旅游 — the grand loop and inner loops, the tourism pattern, a route planner, themes and
seasons, the regional context. Route logic: ``tourism.routing``; display: ``tourism.route_*``
and ``tourism.scenic``."""

from __future__ import annotations

import html
import json

import streamlit as st

from arshan_data.exports import share
from arshan_data.geodata.layers import (
    BORDER,
    CITY_BOUNDARY,
    NEIGHBOURS,
    RAILWAYS,
    REGIONAL_CONTEXT,
    RIVERS,
    ROADS,
    SCENIC_AREAS,
    SEATS,
    TOURISM_CLUSTERS,
    TOURISM_LOOPS,
)
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.geodata.views import View
from arshan_data.i18n import DEFAULT_LANG, join, t
from arshan_data.plan.catalog import Catalog, text
from arshan_data.tourism import route_map, route_print, route_tables
from arshan_data.tourism import routing as routes
from arshan_data.tourism.scenic import SEASONS, THEMES, catalog_item, loop_position, scenic_cards, start_label
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.components.map_panel import map_panel
from arshan_data.ui.components.map_view import layer_versions, load_layers, show_map
from arshan_data.ui.components.share_box import link_text
from arshan_data.ui.components.tables import data_table
from arshan_data.ui.state import basemap, catalog, current_lang, map_store, settings

MAP_LAYERS = (
    NEIGHBOURS,
    CITY_BOUNDARY,
    BORDER,
    RIVERS,
    TOURISM_CLUSTERS,
    ROADS,
    TOURISM_LOOPS,
    SCENIC_AREAS,
    SEATS,
)
TOGGLEABLE = (RIVERS, TOURISM_CLUSTERS, ROADS, TOURISM_LOOPS, SEATS)
DEFAULT_ON = (TOURISM_LOOPS, ROADS, TOURISM_CLUSTERS)
NETWORK_LAYERS = (TOURISM_LOOPS, ROADS, SCENIC_AREAS, SEATS)
PRINT_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, TOURISM_LOOPS)
REGION_LAYERS = (NEIGHBOURS, CITY_BOUNDARY, BORDER, RAILWAYS, REGIONAL_CONTEXT, SEATS)
#: Ulanhot, Hailar, Manzhouli, Choibalsan and Arxan in one view (about 700 × 380 px).
REGION_VIEW = View(118.4, 47.85, 5.25)
REGION_CITIES = ("ctx-ulanhot", "ctx-hailar", "ctx-manzhouli", "ctx-choibalsan", "ctx-sumber")

# URL parameters of the route (the map panel owns ``layers`` and ``feature``).
STOPS, START, DIR, RETURN = "stops", "start", "dir", "ret"
K_STOPS, K_START, K_DIR, K_RET = "tourism_stops", "tourism_start", "tourism_dir", "tourism_ret"
# Not "tourism_last_tap": the map panel keeps its own "<key>_last_tap" for the same map.
K_LOADED, K_PROBLEMS, K_LAST_TAP = "tourism_url_loaded", "tourism_url_problems", "tourism_route_last_tap"
DIRECTION_CHOICES = ("auto", "clockwise", "counterclockwise")
DEFAULT_START = "seat-wenquan"

PAGE_CSS = """<style>
.tl-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .5rem;
  margin: .3rem 0 .5rem; }
.tl-card { border: 1px solid #ddd; border-radius: 6px; padding: .45rem .7rem; background: #fff; }
.tl-card .v { font-size: 1.45rem; font-weight: 700; line-height: 1.25; }
.tl-card .l { color: #555; font-size: .85rem; }
.tl-pattern h4 { margin: 0 0 .25rem; font-size: 1.05rem; }
.tl-pattern ul { margin: .1rem 0 .2rem; padding-left: 1.1rem; }
.tl-scenic { line-height: 1.5; }
.tl-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr));
  gap: .7rem; }
.tl-grid .tl-scenic { border: 1px solid #ddd; border-radius: 8px; padding: .6rem .8rem; background: #fff; }
.tl-scenic .name { font-weight: 700; font-size: 1.05rem; }
.tl-scenic dl { margin: .3rem 0 0; }
.tl-scenic dt { color: #555; font-weight: 600; font-size: .85rem; margin-top: .35rem; }
.tl-scenic dd { margin: 0; overflow-wrap: anywhere; }
.tl-src { color: #666; font-size: .85rem; overflow-wrap: anywhere; }
.tl-none { color: #8a5a00; }
@media (max-width: 640px) { .tl-card .v { font-size: 1.2rem; } }
</style>"""


# ----------------------------------------------------------------------------- data


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_network(versions: tuple[str, ...]) -> routes.Network:
    store = map_store()
    return routes.build_network(*(store.layer(lid) for lid in NETWORK_LAYERS))


def network() -> tuple[routes.Network | None, str]:
    """The route network, or None and the reason (a missing layer or no grand loop in the data)."""
    try:
        return _cached_network(layer_versions(NETWORK_LAYERS)), ""
    except LayerUnavailable as exc:
        return None, exc.file.name
    except ValueError as exc:
        return None, str(exc)


def _available(layer_ids) -> list[str]:
    out = []
    for layer_id in layer_ids:
        try:
            map_store().layer(layer_id)
        except LayerUnavailable:
            continue
        out.append(layer_id)
    return out


def _frames(layer_ids) -> dict:
    return map_store().readable(layer_ids)


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_route_deck(
    _net: routes.Network,
    _route: routes.Route,
    route_key: tuple,
    lang: str,
    versions: tuple[str, ...],
    basemap: str,
):
    """The route map, built once per process for a route (``route_key``: start, stops in order,
    direction, return), language and data version — not on every rerun (the backdrop's
    simplification alone took ~30% of the page's run)."""
    return route_map.route_deck(_net, _route, _frames(PRINT_LAYERS), lang, basemap)


def route_deck(net: routes.Network, route: routes.Route, lang: str):
    key = (route.start_id, route.order, route.direction, route.return_to_start)
    return _cached_route_deck(net, route, key, lang, layer_versions(NETWORK_LAYERS + PRINT_LAYERS), basemap())


# ----------------------------------------------------------------------------- page


def render() -> None:
    lang = current_lang()
    cat = catalog()
    tt = cat["transport"]["tourism_transport"]
    st.html(PAGE_CSS)
    st.header(t("tourism.heading", lang))
    st.write(t("tourism.intro", lang))
    st.info(text(tt["headline"], lang), icon=":material/route:")
    plan_source(tt["headline"]["page"], lang)

    net, problem = network()
    loops_section(lang, tt, net)
    pattern_section(lang, cat)
    planner_section(lang, net, problem)
    themes_section(lang, cat, net)
    region_section(lang, cat)


def loops_section(lang: str, tt: dict, net: routes.Network | None) -> None:
    st.subheader(t("tourism.loops.heading", lang))
    # The schematic clusters are shown when the data has them; the rest always (a missing file
    # is named by the panel).
    layers = [lid for lid in MAP_LAYERS if lid != TOURISM_CLUSTERS or _available([lid])]
    result = map_panel(
        "tourism",
        layers,
        lang,
        toggleable=TOGGLEABLE,
        default_on=DEFAULT_ON,
        labelled=(SCENIC_AREAS,),
        details_extra=_feature_extra,
    )
    st.session_state["tourism_tapped"] = result.selected
    st.caption(t("tourism.loops.tap_hint", lang))

    grand, inner = tt["grand_loop"], tt["inner_loops"]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{html.escape(text(grand, lang))}**")
        st.write(text(grand["text"], lang))
        roads = join((r[lang] for r in grand["roads"]), lang)
        st.caption(t("tourism.loops.roads", lang, roads=roads))
        items = []
        for sa in grand["scenic_areas"]:
            grade = text(sa.get("grade"), lang) if sa.get("grade") else t("tourism.grade.none", lang)
            items.append(f"<li>{html.escape(text(sa, lang))} — {html.escape(grade)}</li>")
        st.html(f"<ul class='tl-scenic'>{''.join(items)}</ul>")
        st.caption(t("tourism.plan_silent", lang, note=text(grand["plan_silent"], lang)))
        if net is not None:
            st.caption(t("tourism.loops.length", lang, km=route_tables.format_km(net.length_km, lang)))
        plan_source(grand["page"], lang)
    with right:
        st.markdown(f"**{html.escape(text(inner, lang))}**")
        st.write(text(inner["text"], lang))
        chips = "".join(f"<li>{html.escape(text(item, lang))}</li>" for item in inner["items"])
        st.html(f"<ul class='tl-scenic'>{chips}</ul>")
        st.caption(t("tourism.plan_silent", lang, note=text(inner["plan_silent"], lang)))
        st.caption(t("tourism.loops.inner_schematic", lang))
        plan_source(inner["page"], lang)


def _feature_extra(row: dict, lang: str) -> None:
    if row.get("layer_id") != SCENIC_AREAS:
        return
    net, _ = network()
    if net is None or row["id"] not in net.places:
        return
    st.caption(loop_position(net, row["id"], lang))


def pattern_section(lang: str, cat: Catalog) -> None:
    pattern = cat["towns"]["tourism_pattern"]
    st.subheader(t("tourism.pattern.heading", lang))
    st.write(text(pattern["headline"], lang))
    cols = st.columns(4)
    for col, element in zip(cols, pattern["elements"], strict=False):
        members = (
            (element.get("text") and [element["text"]])
            or element.get("scenic_areas")
            or element.get("members")
            or element.get("clusters")
            or []
        )
        items = "".join(f"<li>{html.escape(text(m, lang))}</li>" for m in members)
        with col, st.container(border=True):
            st.html(
                f"<div class='tl-pattern'><h4>{html.escape(text(element, lang))}</h4><ul>{items}</ul></div>"
            )
            if element.get("plan_silent"):
                st.caption(t("tourism.plan_silent", lang, note=text(element["plan_silent"], lang)))
    st.caption(t("tourism.pattern.map_note", lang))
    plan_source(pattern["headline"]["page"], lang)


# ----------------------------------------------------------------------------- route planner


def _load_url(net: routes.Network) -> None:
    """Once per session: the route in the URL (stops, start, dir, ret) becomes the widgets' state."""
    if st.session_state.get(K_LOADED):
        return
    st.session_state[K_LOADED] = True
    problems = []
    raw = st.query_params.get(STOPS) or ""
    wanted = [s.strip() for s in raw.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in net.scenic_ids]
    if unknown:
        problems.append(("unknown_stops", unknown))
    st.session_state[K_STOPS] = list(dict.fromkeys(s for s in wanted if s in net.scenic_ids))
    start = st.query_params.get(START)
    if start and start not in net.start_ids:
        problems.append(("unknown_start", [start]))
        start = None
    st.session_state[K_START] = start or _default_start(net)
    direction = st.query_params.get(DIR) or "auto"
    if direction not in DIRECTION_CHOICES:
        problems.append(("unknown_dir", [direction]))
        direction = "auto"
    st.session_state[K_DIR] = direction
    st.session_state[K_RET] = st.query_params.get(RETURN) == "1"
    st.session_state[K_PROBLEMS] = problems


def _default_start(net: routes.Network) -> str:
    return DEFAULT_START if DEFAULT_START in net.start_ids else net.start_ids[0]


def _write_url(net: routes.Network) -> dict[str, str | None]:
    """The route into the URL, defaults left out: opening the page does not rewrite its address
    (a self-made change after load races the reader's first click, issue 15 §3)."""
    start = st.session_state.get(K_START)
    params = {
        STOPS: ",".join(st.session_state.get(K_STOPS) or []) or None,
        START: None if start == _default_start(net) else start,
        DIR: None if st.session_state.get(K_DIR) == "auto" else st.session_state.get(K_DIR),
        RETURN: "1" if st.session_state.get(K_RET) else None,
    }
    for name, value in params.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]
    return params


def _add_tapped(net: routes.Network) -> None:
    """A scenic area tapped on the main map joins the route (once per tap)."""
    tapped = st.session_state.get("tourism_tapped")
    tapped_id = tapped["id"] if tapped and tapped.get("layer_id") == SCENIC_AREAS else None
    if tapped_id and tapped_id != st.session_state.get(K_LAST_TAP) and tapped_id in net.scenic_ids:
        stops = list(st.session_state.get(K_STOPS) or [])
        if tapped_id not in stops:
            st.session_state[K_STOPS] = [*stops, tapped_id]
    st.session_state[K_LAST_TAP] = tapped_id


def planner_section(lang: str, net: routes.Network | None, problem: str) -> None:
    st.subheader(t("tourism.planner.heading", lang))
    if net is None:
        st.info(t("tourism.planner.unavailable", lang, reason=problem), icon=":material/info:")
        return
    _load_url(net)
    _add_tapped(net)
    for code, ids in st.session_state.pop(K_PROBLEMS, None) or []:  # said once, after opening the link
        st.error(
            t(
                f"tourism.url.{code}",
                lang,
                ids=", ".join(ids),
                valid=", ".join(net.scenic_ids if code == "unknown_stops" else net.start_ids),
            ),
            icon=":material/link_off:",
        )
    st.caption(t("tourism.planner.intro", lang))
    st.multiselect(
        t("tourism.planner.stops", lang),
        list(net.scenic_ids),
        key=K_STOPS,
        format_func=lambda pid: route_tables.place_name(net, pid, lang),
        placeholder=t("tourism.planner.stops.placeholder", lang),
    )
    c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
    with c1:
        st.selectbox(
            t("tourism.planner.start", lang),
            list(net.start_ids),
            key=K_START,
            format_func=lambda pid: start_label(net, pid, lang),
        )
    with c2:
        st.segmented_control(
            t("tourism.planner.direction", lang),
            DIRECTION_CHOICES,
            key=K_DIR,
            required=True,
            format_func=lambda d: t(f"tourism.dir.choice.{d}", lang),
        )
    st.toggle(t("tourism.planner.return", lang), key=K_RET)
    params = _write_url(net)
    stops = st.session_state.get(K_STOPS) or []
    if not stops:
        st.info(t("tourism.planner.empty", lang), icon=":material/touch_app:")
        _speeds(lang)
        return
    try:
        route = routes.plan_route(
            net,
            stops,
            st.session_state[K_START],
            st.session_state[K_DIR] or "auto",
            bool(st.session_state.get(K_RET)),
        )
    except routes.RouteError as exc:
        st.error(
            t(f"tourism.error.{exc.code}", lang, ids=", ".join(exc.ids), valid=", ".join(exc.valid)),
            icon=":material/error:",
        )
        return
    _show_route(lang, net, route, params)


def _show_route(lang: str, net: routes.Network, route: routes.Route, params: dict) -> None:
    cards = [
        (route_tables.format_km(route.total_km, lang), t("tourism.result.total_km", lang)),
        (route_tables.format_minutes(route.total_minutes, lang), t("tourism.result.total_time", lang)),
        (route_tables.direction_label(route.direction, lang), t("tourism.result.direction", lang)),
        (str(len(route.order)), t("tourism.result.stops", lang)),
    ]
    st.html(
        "<div class='tl-cards'>"
        + "".join(
            f"<div class='tl-card'><div class='v'>{'≈ ' if k < 2 else ''}{html.escape(v)}</div>"
            f"<div class='l'>{html.escape(lbl)}</div></div>"
            for k, (v, lbl) in enumerate(cards)
        )
        + "</div>"
    )
    st.caption(route_tables.shorter_note(route, lang))
    if route.unreachable:
        names = join((route_tables.place_name(net, s, lang) for s in route.unreachable), lang)
        st.warning(t("tourism.unreachable", lang, names=names), icon=":material/wrong_location:")
    if not route.legs:
        st.info(t("tourism.result.no_legs", lang), icon=":material/info:")
    else:
        show_map(route_deck(net, route, lang), key="tourism_route_map", height=420, selectable=False)
        data_table(route_tables.legs_table(net, route, lang), width="stretch")
        st.caption(t("tourism.result.approximate", lang))
    _speeds(lang)
    _exports(lang, net, route, params)


def _speeds(lang: str) -> None:
    with st.expander(t("tourism.speeds.heading", lang), icon=":material/speed:"):
        st.caption(t("tourism.speeds.caption", lang))
        st.dataframe(route_tables.speeds_table(lang), hide_index=True)


def _route_link(lang: str, params: dict) -> str:
    configured = settings().public_url
    url = st.context.url or configured
    base = configured if "localhost" not in configured else share.base_of(url)
    return share.deep_link(base, "tourism", {"lang": None if lang == DEFAULT_LANG else lang, **params})


def _exports(lang: str, net: routes.Network, route: routes.Route, params: dict) -> None:
    st.markdown(f"**{t('tourism.export.heading', lang)}**")
    link = _route_link(lang, params)

    # The files are made when clicked (deferred): made eagerly, they cost CPU on every rerun and
    # the browser downloaded both as it drew their buttons.
    def geojson() -> bytes:
        return json.dumps(routes.route_geojson(net, route), ensure_ascii=False, indent=1).encode("utf-8")

    def page() -> bytes:
        loop_source = ""
        try:
            loops = map_store().layer(TOURISM_LOOPS)
            grand = loops[loops["kind"] == "grand_loop"]
            loop_source = str(grand.iloc[0][f"description_{lang}"] or "") if not grand.empty else ""
        except LayerUnavailable:
            pass
        return route_print.summary_html(
            net, route, _frames(PRINT_LAYERS), lang, link=link, loop_source=loop_source
        ).encode("utf-8")

    cols = st.columns(3)
    cols[0].download_button(
        t("tourism.export.geojson", lang),
        geojson,
        file_name="arxan-route.geojson",
        mime="application/geo+json",
        key="tourism_dl_geojson",
        on_click="ignore",
        icon=":material/map:",
    )
    cols[1].download_button(
        t("tourism.export.html", lang),
        page,
        file_name=f"arxan-route-{lang}.html",
        mime="text/html",
        key="tourism_dl_html",
        on_click="ignore",
        icon=":material/print:",
    )
    frames = _frames(PRINT_LAYERS)  # the PDF is drawn only when the reader asks for it
    cols[2].download_button(
        t("tourism.export.pdf", lang),
        lambda: route_print.summary_pdf(net, route, frames, lang, link=link),
        file_name=f"arxan-route-{lang}.pdf",
        mime="application/pdf",
        key="tourism_dl_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    st.caption(t("tourism.export.caption", lang))
    with st.expander(t("tourism.share", lang), icon=":material/qr_code_2:"):
        st.caption(t("tourism.share.caption", lang))
        link_text(link)
        png = share.qr_png(link)
        st.image(png, width=180)
        st.download_button(
            t("map.share.download", lang),
            lambda: png,
            file_name="arxan-route-qr.png",
            mime="image/png",
            key="tourism_route_qr_dl",
            on_click="ignore",
        )


# ----------------------------------------------------------------------------- themes & seasons


def themes_section(lang: str, cat: Catalog, net: routes.Network | None) -> None:
    st.subheader(t("tourism.themes.heading", lang))
    st.caption(t("tourism.themes.intro", lang))
    scenic = load_layers([SCENIC_AREAS], lang).get("scenic_areas")  # names a missing file
    if scenic is None:
        return
    themes = st.pills(
        t("tourism.themes.theme", lang),
        list(THEMES),
        selection_mode="multi",
        key="tourism_themes",
        format_func=lambda slug: t(f"tourism.theme.{slug}", lang),
    )
    seasons = st.pills(
        t("tourism.themes.season", lang),
        list(SEASONS),
        selection_mode="multi",
        key="tourism_seasons",
        format_func=lambda s: t(f"tourism.season.{s}", lang),
    )
    cards = scenic_cards(scenic, cat, lang, themes=themes or (), seasons=seasons or (), net=net)
    if not cards:
        st.info(t("tourism.themes.none", lang), icon=":material/filter_alt_off:")
    if cards:
        st.html(f"<div class='tl-grid'>{''.join(cards)}</div>")
    st.caption(t("tourism.themes.seasons_note", lang))
    plan_source([19, 23], lang)


# ----------------------------------------------------------------------------- regional context


def region_section(lang: str, cat: Catalog) -> None:
    st.subheader(t("tourism.region.heading", lang))
    for item_id in ("wuahaiman_node", "cross_border_tourism_zone"):
        item = catalog_item(cat, item_id)
        if item:
            st.markdown(
                f"- {html.escape(text(item, lang))} "
                "<span class='tl-src'>("
                f"{html.escape(t('source.plan_page', lang, page=item['page']))})</span>",
                unsafe_allow_html=True,
            )
    regional = next(
        (
            s
            for s in cat["overview"]["strategies"]["items"]
            if any(c.get("id") == "ulanhot" for c in s.get("cities", []))
        ),
        None,
    )
    if regional:
        st.write(text(regional["text"], lang))
        st.html(
            "<ul class='tl-scenic'>"
            + "".join(f"<li>{html.escape(text(c, lang))}</li>" for c in regional["cities"])
            + "</ul>"
        )
        plan_source(regional["text"]["page"], lang)
    layers = _available(REGION_LAYERS)
    result_only = {
        "regional_context": REGION_CITIES,
        "railways": ("rail-liangshan",),
        "seats": ("seat-port", "seat-wenquan"),
    }
    map_panel(
        "tourism_region",
        layers,
        lang,
        labelled=(REGIONAL_CONTEXT, SEATS),
        view=REGION_VIEW,
        height=380,
        only=result_only,
        url=False,
    )
    opening = catalog_item(cat, "liangshan_railway")
    if opening:
        st.write(t("tourism.region.mongolia", lang, railway=text(opening, lang)))
        plan_source(opening["page"], lang)
    frames = _frames((REGIONAL_CONTEXT, SEATS))
    if frames.get(REGIONAL_CONTEXT) is not None and frames.get(SEATS) is not None:
        table = route_tables.straight_distances(
            frames[SEATS], "seat-wenquan", frames[REGIONAL_CONTEXT], REGION_CITIES, lang
        )
        if not table.empty:
            st.dataframe(table, hide_index=True)
            st.caption(t("tourism.region.straight", lang))
