"""The map panel every plan page uses: layers on/off, tap for details, legend, table, downloads, QR.

The view is in the URL (``layers`` and ``feature``, with the header's ``lang``), so a shared
link or a printed QR code opens the same map with the same feature selected.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence

import geopandas as gpd
import streamlit as st

from .. import share
from ..downloads import layers_geojson, table_csv
from ..i18n import DEFAULT_LANG, t
from ..layers import get_layer
from ..maps import BACKDROP, CITY_VIEW, View, legend_entries
from ..presenters import feature_details, feature_table, is_indicative
from . import widgets
from .state import settings

LAYERS_PARAM = "layers"
FEATURE_PARAM = "feature"


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


def legend(layer_ids: Sequence[str], lang: str) -> None:
    rows = []
    for entry in legend_entries([lid for lid in layer_ids if lid != "neighbours"], lang):
        r, g, b, _ = entry.color
        swatch = f"<span class='sw sw-{entry.shape}' style='--c: rgb({r},{g},{b})'></span>"
        rows.append(f"<div class='legend-row'>{swatch}<b>{html.escape(entry.title)}</b>"
                    f"<span>{html.escape(entry.text)}</span></div>")
    symbols = " · ".join(html.escape(t(f"legend.symbols.{s}", lang))
                         for s in ("located", "approximate", "schematic", "planned", "upgrade"))
    st.html(f"<div class='legend'>{''.join(rows)}<div class='legend-symbols'>{symbols}</div></div>")


def _pick_options(frames: dict[str, gpd.GeoDataFrame]) -> dict[str, tuple[str, dict]]:
    options = {}
    for layer_id, gdf in frames.items():
        if layer_id in BACKDROP:
            continue
        for row in gdf.drop(columns="geometry").to_dict("records"):
            options[row["id"]] = (layer_id, row)
    return options


def _share(key: str, lang: str, params: dict[str, str | None]) -> None:
    configured = settings().public_url
    base = configured if "localhost" not in configured else share.base_of(st.context.url or configured)
    page_path = st.context.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] if st.context.url else ""
    if page_path and ":" in page_path:  # the root page: no path segment after the host
        page_path = ""
    link = share.deep_link(base, page_path, {"lang": None if lang == DEFAULT_LANG else lang, **params})
    with st.expander(t("map.share", lang), icon=":material/qr_code_2:"):
        st.caption(t("map.share.caption", lang))
        st.code(link, language=None)
        png = share.qr_png(link)
        st.image(png, width=180)
        st.download_button(t("map.share.download", lang), png, file_name=f"{key}-qr.png",
                           mime="image/png", key=f"{key}_qr_dl", on_click="ignore")


def map_panel(key: str, layer_ids: Sequence[str], lang: str, *, toggleable: Sequence[str] = (),
              default_on: Sequence[str] | None = None, labelled: Sequence[str] = (),
              view: View = CITY_VIEW, height: int = 520,
              only: dict[str, Sequence[str]] | None = None,
              details_extra: Callable[[dict, str], None] | None = None, url: bool = True) -> MapResult:
    """Draw a map of ``layer_ids`` (those in ``toggleable`` can be switched on and off)."""
    toggleable = [lid for lid in layer_ids if lid in toggleable]
    default_on = list(toggleable if default_on is None else default_on)
    toggle_key = f"{key}_layers"
    if toggleable:
        if toggle_key not in st.session_state:
            st.session_state[toggle_key] = _initial_layers(key, toggleable, default_on, url)
        st.pills(t("map.layers", lang), toggleable, selection_mode="multi", key=toggle_key,
                 format_func=lambda lid: _layer_title(lid, lang))
    on = set(st.session_state.get(toggle_key, []))
    visible = [lid for lid in layer_ids if lid not in toggleable or lid in on]

    frames = widgets.load_layers(visible, lang)
    only = {lid: tuple(ids) for lid, ids in (only or {}).items()}
    for layer_id, ids in only.items():
        if layer_id in frames:
            frames[layer_id] = frames[layer_id][frames[layer_id]["id"].isin(ids)]
    deck = widgets.deck_for(visible, lang, labelled=labelled, view=view, only=only)
    tapped = widgets.show_map(deck, key=f"{key}_map", height=height)

    options = _pick_options(frames)
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

    legend(visible, lang)
    if any((gdf["fidelity"] == "schematic").any() for gdf in frames.values()):
        st.caption(t("map.schematic_note", lang))

    names = {fid: (row.get(f"name_{lang}") or row["name_zh"]) for fid, (_, row) in options.items()}
    st.selectbox(t("map.pick", lang), [None, *options], key=pick_key,
                 format_func=lambda fid: t("map.pick.none", lang) if fid is None else names[fid])
    selected = None
    if st.session_state[pick_key]:
        layer_id, row = options[st.session_state[pick_key]]
        selected = {"layer_id": layer_id, **row}
        feature_card(selected, lang, details_extra)

    params = {}
    if url:
        params = {LAYERS_PARAM: ",".join(lid for lid in toggleable if lid in on) if toggleable else None,
                  FEATURE_PARAM: st.session_state[pick_key]}
        for name, value in params.items():
            if value:
                if st.query_params.get(name) != value:
                    st.query_params[name] = value
            elif name in st.query_params and (name != LAYERS_PARAM or toggleable):
                del st.query_params[name]
    data_frames = {lid: gdf for lid, gdf in frames.items() if lid != "neighbours"}
    table = widgets.map_table(data_frames, lang)
    cols = st.columns(2)
    cols[0].download_button(t("map.download.csv", lang), table_csv(table), file_name=f"{key}.csv",
                            mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/table:")
    cols[1].download_button(t("map.download.geojson", lang), layers_geojson(data_frames),
                            file_name=f"{key}.geojson", mime="application/geo+json", key=f"{key}_geojson",
                            on_click="ignore", icon=":material/map:")
    if url:
        _share(key, lang, params)
    return MapResult(selected, frames)


def feature_card(row: dict, lang: str, extra: Callable[[dict, str], None] | None = None) -> None:
    """Name, description, plan reference, fidelity and source of one feature (escaped text)."""
    with st.container(border=True):
        other = "en" if lang == "zh" else "zh"
        st.subheader(row.get(f"name_{lang}") or row["name_zh"])
        if row.get(f"name_{other}"):
            st.caption(row[f"name_{other}"])
        if is_indicative(row):
            st.warning(t("map.indicative", lang), icon=":material/draw:")
        rows = "".join(f"<dt>{html.escape(name)}</dt><dd>{html.escape(str(value))}</dd>"
                       for name, value in feature_details(row, row["layer_id"], lang))
        st.html(f"<dl class='feature-details'>{rows}</dl>")
        if extra:
            extra(row, lang)
