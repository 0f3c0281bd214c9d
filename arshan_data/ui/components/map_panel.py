"""The map panel every plan page uses: layers on/off, tap for details, legend, table, downloads, QR.

The view is in the URL (``layers`` and ``feature``, with the header's ``lang``), so a shared
link or a printed QR code opens the same map with the same feature selected.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Collection, Mapping, Sequence

import geopandas as gpd
import streamlit as st

from arshan_data import site
from arshan_data.exports.downloads import layers_geojson, table_csv
from arshan_data.exports.map_pdf import map_pdf
from arshan_data.geodata.layers import BACKDROP, NEIGHBOURS, RGBA, get_layer
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.i18n import t
from arshan_data.maps.deck import SpecDeck, compose_deck, dimension
from arshan_data.maps.legend import LegendEntry, legend_entries, symbol_keys
from arshan_data.maps.tables import feature_details, is_indicative, map_summary
from arshan_data.plan.catalog import heading_names
from arshan_data.ui.components.map_view import (
    deck_for,
    device_frame,
    for_device,
    layer_versions,
    load_layers,
    map_description,
    map_table,
    show_map,
)
from arshan_data.ui.components.share_box import share_box
from arshan_data.ui.state import basemap, catalog, map_store

LAYERS_PARAM = "layers"
FEATURE_PARAM = "feature"


#: Colours for the parts of a split layer when the page gives none (after Okabe & Ito).
SPLIT_COLORS = (
    (0, 114, 178, 255),
    (0, 158, 115, 255),
    (213, 94, 0, 255),
    (204, 121, 167, 255),
    (230, 159, 0, 255),
    (86, 180, 233, 255),
    (140, 109, 49, 255),
    (60, 60, 60, 255),
)


@dataclasses.dataclass(frozen=True)
class Split:
    """Show one layer as several switches, one per value of ``column`` (e.g. the ``element`` of
    the pattern layer), each with its own colour and legend line.

    ``labels`` gives the values in order with their switch titles; ``notes`` a one-sentence
    legend text each; ``colors`` overrides the default palette. A value found in the data but
    not in ``labels`` still gets a switch (titled by the value), so no feature is ever hidden.
    """

    column: str
    labels: Mapping[str, str]
    notes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    colors: Mapping[str, tuple[int, int, int, int]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class _Part:
    layer_id: str
    value: str
    label: str
    note: str
    color: tuple[int, int, int, int]

    @property
    def token(self) -> str:  # the switch and the URL's ``layers`` entry: "pattern.one_core"
        return f"{self.layer_id}.{self.value}"


def _parts(layer_id: str, split: Split) -> list[_Part]:
    values = list(split.labels)
    try:
        found = map_store().layer(layer_id)[split.column].dropna().astype(str).unique()
    except (LayerUnavailable, KeyError):
        found = []
    values = [v for v in values if v in set(found)] + sorted(set(found) - set(values))
    return [
        _Part(
            layer_id,
            v,
            split.labels.get(v, v),
            split.notes.get(v, ""),
            split.colors.get(v, SPLIT_COLORS[i % len(SPLIT_COLORS)]),
        )
        for i, v in enumerate(values)
    ]


_dimension = dimension


@st.cache_resource(show_spinner=False, max_entries=128)
def _split_deck(
    layer_ids: tuple[str, ...],
    only: tuple[tuple[str, tuple[str, ...]], ...],
    parts: tuple[tuple[str, str, tuple[tuple[str, RGBA], ...]], ...],
    labelled: tuple[str, ...],
    view: View,
    lang: str,
    versions: tuple[str, ...],
    basemap: str,
    frame_px: tuple[float, float] | None = None,
) -> SpecDeck:
    """Like ``deck_for``, but a split layer is drawn part by part in its own colours
    (areas under lines under points), with stable ids ``<layer>~<value>``."""
    frames = map_store().readable(layer_ids, dict(only))
    return compose_deck(
        frames,
        lang,
        view=view,
        basemap=basemap,
        labelled=labelled,
        split={lid: (column, values) for lid, column, values in parts},
        frame_px=frame_px,
    )


@dataclasses.dataclass
class MapResult:
    #: The selected feature's full row plus ``layer_id``; None when nothing is selected.
    selected: dict | None
    #: The visible layers' features (after ``only`` filtering).
    frames: dict[str, gpd.GeoDataFrame]


def _initial_layers(key: str, toggleable: Sequence[str], default_on: Sequence[str], url: bool) -> list[str]:
    raw = st.query_params.get(LAYERS_PARAM) if url else None
    if raw is not None:
        wanted = [lid for lid in raw.split(",") if lid in toggleable]
        return wanted
    return [lid for lid in default_on if lid in toggleable]


def _layer_title(layer_id: str, lang: str) -> str:
    layer = get_layer(layer_id)
    return layer.title_zh if lang == "zh" else layer.title_en


def legend(
    layer_ids: Sequence[str],
    lang: str,
    parts: Mapping[str, Sequence[LegendEntry]] | None = None,
    schematic: Collection[str] = (),
    description: str = "",
) -> None:
    """One line per layer (a split layer: one line per part shown), then the symbol key.
    ``schematic``: layers whose features shown are all schematic (their swatch says so);
    ``description``: the map's description for screen readers (``map_description``'s HTML)."""
    rows, parts = [], parts or {}
    entries: list[LegendEntry] = []
    for entry in legend_entries([lid for lid in layer_ids if lid != NEIGHBOURS], lang):
        if entry.layer_id in schematic:
            entry = dataclasses.replace(entry, schematic=True)
        entries += parts.get(entry.layer_id, [entry])
    for entry in entries:
        r, g, b, _ = entry.color
        kind = f"sw-{entry.shape}" + (" sw-schematic" if entry.schematic else "")
        swatch = f"<span class='sw {kind}' style='--c: rgb({r},{g},{b})'></span>"
        rows.append(
            f"<div class='legend-row'>{swatch}<b>{html.escape(entry.title)}</b>"
            f"<span>{html.escape(entry.text)}</span></div>"
        )
    symbols = " · ".join(html.escape(t(f"legend.symbols.{s}", lang)) for s in symbol_keys(layer_ids))
    st.html(
        f"<div class='legend'>{description}{''.join(rows)}<div class='legend-symbols'>{symbols}</div></div>"
    )


def _pick_options(frames: dict[str, gpd.GeoDataFrame]) -> dict[str, tuple[str, dict]]:
    options = {}
    for layer_id, gdf in frames.items():
        if layer_id in BACKDROP:
            continue
        for row in gdf.drop(columns="geometry").to_dict("records"):
            options[row["id"]] = (layer_id, row)
    return options


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_pick_options(
    _frames: dict[str, gpd.GeoDataFrame], frames_key: tuple
) -> dict[str, tuple[str, dict]]:
    """``_pick_options`` once per process for the features ``frames_key`` names (read-only, shared)."""
    return _pick_options(_frames)


def _share(key: str, lang: str, params: dict[str, str | None]) -> None:
    page_path = st.context.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] if st.context.url else ""
    if page_path and ":" in page_path:  # the root page: no path segment after the host
        page_path = ""
    share_box(page_path, params, lang, texts="map.share", qr_name=f"{key}-qr.png", qr_key=f"{key}_qr_dl")


def map_panel(
    key: str,
    layer_ids: Sequence[str],
    lang: str,
    *,
    toggleable: Sequence[str] = (),
    default_on: Sequence[str] | None = None,
    labelled: Sequence[str] = (),
    view: View = CITY_VIEW,
    height: int = 520,
    only: Mapping[str, Sequence[str]] | None = None,
    details_extra: Callable[[dict, str], None] | None = None,
    url: bool = True,
    split: Mapping[str, Split] | None = None,
) -> MapResult:
    """Draw a map of ``layer_ids`` (those in ``toggleable`` can be switched on and off).

    ``split={"pattern": Split("element", labels, notes)}`` turns a layer into one switch, one
    colour and one legend line per value of a column; its switches are ``pattern.<value>``
    (also in the URL) and ``default_on`` may name the layer (all parts) or single parts.
    """
    view = for_device(view)
    split = split or {}
    parts = {lid: _parts(lid, spec) for lid, spec in split.items() if lid in layer_ids}
    parts = {lid: ps for lid, ps in parts.items() if ps}  # unreadable layer: one switch, and its error
    toggleable = [lid for lid in layer_ids if lid in toggleable]
    switches = [s for lid in toggleable for s in ([p.token for p in parts[lid]] if lid in parts else [lid])]
    default_on = list(toggleable if default_on is None else default_on)
    default_on = [s for s in switches if s in default_on or s.split(".", 1)[0] in default_on]
    titles = {p.token: p.label for ps in parts.values() for p in ps}
    toggle_key = f"{key}_layers"
    if switches:
        if toggle_key not in st.session_state:
            st.session_state[toggle_key] = _initial_layers(key, switches, default_on, url)
        st.pills(
            t("map.layers", lang),
            switches,
            selection_mode="multi",
            key=toggle_key,
            format_func=lambda s: titles.get(s) or _layer_title(s, lang),
        )
    on = set(st.session_state.get(toggle_key, []))
    shown_parts = {
        lid: [p for p in ps if lid not in toggleable or p.token in on] for lid, ps in parts.items()
    }
    visible = [
        lid
        for lid in layer_ids
        if (shown_parts.get(lid) if lid in parts else lid not in toggleable or lid in on)
    ]

    frames = load_layers(visible, lang)
    only_ids = {lid: tuple(ids) for lid, ids in (only or {}).items()}
    for layer_id, ids in only_ids.items():
        if layer_id in frames:
            frames[layer_id] = frames[layer_id][frames[layer_id]["id"].isin(ids)]
    split_on = {lid: ps for lid, ps in shown_parts.items() if lid in frames}
    for layer_id, ps in split_on.items():
        column = split[layer_id].column
        frames[layer_id] = frames[layer_id][frames[layer_id][column].astype(str).isin([p.value for p in ps])]
    if split_on:
        deck = _split_deck(
            tuple(visible),
            tuple(sorted(only_ids.items())),
            tuple(
                (lid, split[lid].column, tuple((p.value, p.color) for p in ps))
                for lid, ps in split_on.items()
            ),
            tuple(labelled),
            view,
            lang,
            layer_versions(visible),
            basemap(),
            device_frame(height),
        )
    else:
        deck = deck_for(
            visible, lang, labelled=labelled, view=view, only=only_ids, frame_px=device_frame(height)
        )
    tapped = show_map(deck, key=f"{key}_map", height=height)

    # What ``frames`` holds, as a key for per-process caches (the picker's rows, the table):
    # the layers loaded, the ``only`` and split filters, the data version.
    frames_key = (
        tuple(frames),
        tuple(sorted(only_ids.items())),
        tuple((lid, split[lid].column, tuple(p.value for p in ps)) for lid, ps in split_on.items()),
        layer_versions(visible),
    )
    options = _cached_pick_options(frames, frames_key)
    pick_key, last_tap_key = f"{key}_feature", f"{key}_last_tap"
    if pick_key not in st.session_state:
        wanted = st.query_params.get(FEATURE_PARAM) if url else None
        st.session_state[pick_key] = wanted if wanted in options else None
    tapped_id = tapped.get("id") if tapped else None
    if tapped_id and tapped_id != st.session_state.get(last_tap_key) and tapped_id in options:
        st.session_state[pick_key] = tapped_id
    st.session_state[last_tap_key] = tapped_id
    if st.session_state[pick_key] not in options:
        st.session_state[pick_key] = None

    data_frames = {lid: gdf for lid, gdf in frames.items() if lid != NEIGHBOURS}
    legend(
        visible,
        lang,
        {
            lid: [_legend_entry(p, frames[lid], split[lid].column, frames_key) for p in ps]
            for lid, ps in split_on.items()
        },
        schematic=_schematic_layers(frames, frames_key),
        description=map_description(
            f"{key}_map", *map_summary(data_frames, lang), lang, table_key=f"{key}_table"
        ),
    )
    if any((gdf["fidelity"] == "schematic").any() for gdf in frames.values()):
        st.caption(t("map.schematic_note", lang))

    names = {fid: (row.get(f"name_{lang}") or row["name_zh"]) for fid, (_, row) in options.items()}
    st.selectbox(
        t("map.pick", lang),
        [None, *options],
        key=pick_key,
        format_func=lambda fid: t("map.pick.none", lang) if fid is None else names[fid],
        placeholder=t("map.pick.none", lang),
    )
    selected = None
    if st.session_state[pick_key]:
        layer_id, row = options[st.session_state[pick_key]]
        selected = {"layer_id": layer_id, **row}
        feature_card(selected, lang, details_extra)

    params = {}
    if url:
        # The URL names the layers only when the reader changed them from the page's default
        # (``layers=`` with nothing after it: all off): a page that writes its defaults into
        # the URL on first load changes the address by itself, with a rerun racing the
        # reader's first click (issue 15 §3).
        chosen = [s for s in switches if s in on]
        params = {
            LAYERS_PARAM: ",".join(chosen) if switches and set(chosen) != set(default_on) else None,
            FEATURE_PARAM: st.session_state[pick_key],
        }
        for name, value in params.items():
            if value is not None:
                if st.query_params.get(name) != value:
                    st.query_params[name] = value
            elif name in st.query_params and (name != LAYERS_PARAM or switches):
                del st.query_params[name]
    table = map_table(data_frames, lang, key=frames_key, container_key=f"{key}_table")
    cols = st.columns(2)
    # The files are made when clicked (deferred): made eagerly, they cost CPU on every rerun and
    # the browser downloaded each one as it drew its button (~1.1 MB on the towns page).
    cols[0].download_button(
        t("map.download.csv", lang),
        lambda: table_csv(table),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/table:",
    )
    cols[1].download_button(
        t("map.download.geojson", lang),
        lambda: layers_geojson(data_frames),
        file_name=f"{key}.geojson",
        mime="application/geo+json",
        key=f"{key}_geojson",
        on_click="ignore",
        icon=":material/map:",
    )
    _print_downloads(
        key,
        frames,
        lang,
        view=view,
        height=height,
        labelled=labelled,
        split={
            lid: (split[lid].column, tuple((p.value, p.label, p.color) for p in ps))
            for lid, ps in split_on.items()
        },
    )
    if url:
        _share(key, lang, params)
    return MapResult(selected, frames)


def _page_title(lang: str) -> str:
    """The current page's menu title (for a printed map's heading), else the site's title."""
    path = (st.context.url or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    entry = site.page(path) or site.DEFAULT_PAGE
    return t(entry.title_key, lang)


def _print_downloads(
    key: str,
    frames: dict[str, gpd.GeoDataFrame],
    lang: str,
    *,
    view: View,
    height: int,
    labelled: Sequence[str],
    split: dict,
) -> None:
    """ "Print map" as a one-page A4 or A3 PDF of the layers on and the view shown, with title,
    legend, scale bar, north arrow, the draft caveat and the source line — drawn only when
    clicked (``exports.map_pdf``)."""
    title = _page_title(lang)
    cat = catalog()

    def make(paper: str):
        return lambda: map_pdf(
            frames,
            lang,
            title=title,
            catalog=cat,
            paper=paper,
            view=view,
            view_px=(1000, height),
            split=split,
            labelled=labelled,
        )

    cols = st.columns(2)
    for col, paper in zip(cols, ("A4", "A3"), strict=False):
        col.download_button(
            t("present.print.download", lang, paper=paper),
            make(paper),
            file_name=f"{key}-map-{paper}.pdf",
            mime="application/pdf",
            key=f"{key}_print_{paper}",
            on_click="ignore",
            icon=":material/print:",
        )


def _legend_entry(part: _Part, gdf: gpd.GeoDataFrame, column: str, frames_key: tuple) -> LegendEntry:
    shape, schematic = _part_symbol(gdf, frames_key, part.layer_id, column, part.value)
    return LegendEntry(part.layer_id, part.color, part.label, part.note, shape, schematic)


@st.cache_resource(show_spinner=False, max_entries=512)
def _part_symbol(
    _gdf: gpd.GeoDataFrame, frames_key: tuple, layer_id: str, column: str, value: str
) -> tuple[str, bool]:
    """Point, line or area, and whether all schematic: the legend symbol of one part of a split
    layer (once per data version)."""
    part = _gdf[_gdf[column].astype(str) == value]
    return ("point", "line", "area")[_dimension(part)], bool(len(part)) and bool(
        (part["fidelity"] == "schematic").all()
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def _schematic_layers(_frames: Mapping[str, gpd.GeoDataFrame], frames_key: tuple) -> frozenset[str]:
    """The layers whose features shown are all schematic (once per data version and filter)."""
    return frozenset(
        lid for lid, gdf in _frames.items() if len(gdf) and (gdf["fidelity"] == "schematic").all()
    )


def feature_card(row: dict, lang: str, extra: Callable[[dict, str], None] | None = None) -> None:
    """Name, description, plan reference, fidelity and source of one feature (escaped text)."""
    with st.container(border=True):
        other = "en" if lang == "zh" else "zh"
        st.subheader(row.get(f"name_{lang}") or row["name_zh"])
        if row.get(f"name_{other}"):
            st.caption(row[f"name_{other}"])
        if is_indicative(row):
            st.warning(t("map.indicative", lang), icon=":material/draw:")
        rows = "".join(
            f"<dt>{html.escape(name)}</dt><dd>{html.escape(str(value))}</dd>"
            for name, value in feature_details(row, row["layer_id"], lang, heading_names(catalog()))
        )
        st.html(f"<dl class='feature-details'>{rows}</dl>")
        if extra:
            extra(row, lang)
