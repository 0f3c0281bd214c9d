"""Maps on a page: the layers loaded (a clear note for one that cannot be), the deck built once
per process and data version, drawn with tap-to-select, and its plain-table alternative."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import streamlit as st

from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.i18n import t
from arshan_data.maps.deck import SpecDeck, compose_deck
from arshan_data.maps.tables import feature_table
from arshan_data.plan.catalog import heading_names
from arshan_data.ui.state import basemap, catalog, map_store


def load_layers(layer_ids, lang: str) -> dict[str, gpd.GeoDataFrame]:
    """The named layers that can be loaded; a clear note for each that cannot."""
    frames = {}
    for layer_id in layer_ids:
        try:
            frames[layer_id] = map_store().layer(layer_id)
        except LayerUnavailable as exc:
            layer = get_layer(layer_id)
            title = layer.title_zh if lang == "zh" else layer.title_en
            reason_key = (
                "layer.error.reason.missing" if "missing" in exc.reason else "layer.error.reason.damaged"
            )
            st.error(
                t("layer.error", lang, layer=title, reason=t(reason_key, lang, file=exc.file.name)),
                icon=":material/error:",
            )
    return frames


def layer_versions(layer_ids) -> tuple[str, ...]:
    """Cache key part that changes when any of the layer files changes."""
    versions = []
    for layer_id in layer_ids:
        try:
            versions.append(map_store().version(layer_id))
        except LayerUnavailable:
            versions.append(f"{layer_id}:unavailable")
    return tuple(versions)


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_deck(
    layer_ids: tuple[str, ...],
    only: tuple[tuple[str, tuple[str, ...]], ...],
    labelled: tuple[str, ...],
    view: View,
    lang: str,
    versions: tuple[str, ...],
    basemap: str,
    frame_px: tuple[float, float] | None = None,
) -> SpecDeck:
    # ``versions`` is only part of the cache key: a changed layer file makes a new deck.
    frames = map_store().readable(layer_ids, dict(only))
    return compose_deck(
        frames,
        lang,
        view=view,
        basemap=basemap,
        labelled=[lid for lid in labelled if lid in frames],
        frame_px=frame_px,
    )


#: A phone's map is ~360 px wide instead of ~800: zoom out by this much so the same area shows.
PHONE_ZOOM_OFFSET = -0.75
_PHONE = re.compile(r"Mobi|Android|iPhone|iPod|HarmonyOS", re.I)


def for_device(view: View) -> View:
    """The view adjusted to the reader's screen class (from the User-Agent: the server cannot
    see the screen width, and deck.gl's JSON has no 'fit bounds')."""
    if is_phone():
        return dataclasses.replace(view, zoom=view.zoom + PHONE_ZOOM_OFFSET)
    return view


def is_phone() -> bool:
    """The reader's screen class, from the User-Agent."""
    agent = st.context.headers.get("User-Agent", "") if st.context.headers is not None else ""
    return bool(_PHONE.search(agent or ""))


#: The width a map is assumed to have, for keeping its labels inside it: a phone's map on a
#: 390-px screen, and the main column of a 1280-px screen (wider screens show more round it).
PHONE_MAP_WIDTH_PX, DESKTOP_MAP_WIDTH_PX = 358, 860


def device_frame(height_px: float) -> tuple[float, float]:
    return (PHONE_MAP_WIDTH_PX if is_phone() else DESKTOP_MAP_WIDTH_PX, height_px)


def deck_for(
    layer_ids,
    lang: str,
    *,
    labelled=(),
    view: View = CITY_VIEW,
    only: Mapping[str, Sequence[str]] | None = None,
    frame_px: tuple[float, float] | None = None,
) -> SpecDeck:
    """The map of these layers (``only``: keep just these feature ids of a layer), built once per
    process, language and filter until a layer file changes — not on every rerun."""
    layer_ids = tuple(layer_ids)
    only_key = tuple(sorted((lid, tuple(ids)) for lid, ids in (only or {}).items()))
    return _cached_deck(
        layer_ids, only_key, tuple(labelled), view, lang, layer_versions(layer_ids), basemap(), frame_px
    )


#: On a newly opened map the reader's first tap was ignored (issue 15 §3; 3 of 3 tries, mouse
#: and touch). Measured in Chromium: deck.gl 9.2's first pick on a fresh canvas compiles its
#: picking shaders inside the ``pointerdown`` handler (0.5–0.8 s on a loaded 2-core machine, later
#: picks 30–90 ms), so the press outlasts the tap recogniser's 250 ms and no click is reported
#: (the pick itself finds the cell). This gives every new deck canvas that first pick itself, as
#: soon as it is drawn: a hover at its top-left corner (pointer and mouse events: deck.gl listens
#: to both), the pointer leaving again two frames later (so no highlight stays). deck.gl cannot
#: say when its layers are ready to pick, so the hover is repeated a few times in the first
#: 16 seconds (a slow phone, or a busy machine, draws its layers late); it stops at the reader's
#: first press. No Streamlit internals: plain DOM events on the canvas deck.gl listens to.
FIRST_TAP_JS = """<script>
(() => {
  if (window.__arxanFirstTap) return;
  window.__arxanFirstTap = true;
  const DELAYS_MS = [150, 600, 1500, 3000, 6000, 10000, 16000];
  const primed = new WeakSet();
  const send = (target, box, kind, x, y) => {
    const init = {bubbles: !kind.endsWith('leave'), cancelable: true, clientX: box.left + x,
      clientY: box.top + y, view: window};
    const pointer = {...init, pointerType: 'mouse', isPrimary: true};
    target.dispatchEvent(new PointerEvent('pointer' + kind, pointer));
    target.dispatchEvent(new MouseEvent('mouse' + kind, init));
  };
  const poke = (canvas) => {
    if (!canvas.isConnected || canvas.__arxanPressed) return;
    const box = canvas.getBoundingClientRect();
    if (!box.width || !box.height) return;
    send(canvas, box, 'move', 1, 1);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (canvas.__arxanPressed) return;  // the reader pressed meanwhile: leave their gesture alone
      for (const target of [canvas, canvas.parentElement]) if (target) send(target, box, 'leave', -1, -1);
    }));
  };
  const prime = (canvas) => {
    if (primed.has(canvas)) return;
    primed.add(canvas);
    canvas.addEventListener('pointerdown', (e) => { if (e.isTrusted) canvas.__arxanPressed = true; }, true);
    for (const ms of DELAYS_MS) setTimeout(() => poke(canvas), ms);
  };
  const scan = () => document.querySelectorAll('[data-testid=stDeckGlJsonChart] canvas').forEach(prime);
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; scan(); });
  }).observe(document.body, {childList: true, subtree: true});
  scan();
})();
</script>"""


#: Gives every map its accessible name and description (issue 12 §3). Streamlit's map element
#: takes the keyboard focus but has no name; ``map_description`` writes, beside a map, a
#: paragraph for screen readers naming the map's widget key (``data-map``). This script makes
#: that map a named region (``role``, ``aria-label``, ``aria-describedby``: attributes only, on
#: the element Streamlit draws for the key, ``.st-key-<key>``) and makes the paragraph's link
#: open the map's table (the expander in ``.st-key-<table key>``) and move the focus to it.
MAP_NAMES_JS = """<script>
(() => {
  if (window.__arxanMapNames) return;
  window.__arxanMapNames = true;
  const name = () => document.querySelectorAll('p.map-desc[data-map]').forEach((p) => {
    const map = document.querySelector(`.st-key-${p.dataset.map} [data-testid=stDeckGlJsonChart]`);
    if (!map || map.getAttribute('aria-label') === p.dataset.name) return;
    map.setAttribute('role', 'region');
    map.setAttribute('aria-label', p.dataset.name);
    map.setAttribute('aria-describedby', p.id);
  });
  document.addEventListener('click', (e) => {
    const link = e.target.closest && e.target.closest('a.map-desc-link[data-table]');
    if (!link) return;
    const summary = document.querySelector(`.st-key-${link.dataset.table} summary`);
    if (!summary) return;
    e.preventDefault();
    const details = summary.closest('details');
    if (details && !details.open) summary.click();
    summary.scrollIntoView({block: 'start'});
    summary.focus();
  });
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; name(); });
  }).observe(document.body, {childList: true, subtree: true});
  name();
})();
</script>"""


def first_tap_counts() -> None:
    """Make the first tap on every map of the page count (``FIRST_TAP_JS``) and give every map
    its name and description (``MAP_NAMES_JS``): call once per page run; the scripts start once
    per browser tab and watch for new maps."""
    st.html(FIRST_TAP_JS + MAP_NAMES_JS, unsafe_allow_javascript=True, width="content")


def map_description(map_key: str, name: str, text: str, lang: str, *, table_key: str | None = None) -> str:
    """The HTML of a map's description for screen readers (``MAP_NAMES_JS`` names the map
    drawn under ``map_key`` after it): ``text``, and with ``table_key`` a link to the map's
    table (hidden like the text until it has the keyboard focus). Goes inside another block's
    HTML (the legend), so that it adds no element, and no gap, to the page."""
    link = (
        f" <a class='map-desc-link' href='#{html.escape(table_key)}' data-table='{html.escape(table_key)}'>"
        f"{html.escape(t('map.a11y.to_table', lang))}</a>"
        if table_key
        else ""
    )
    return (
        f"<p class='map-desc' id='{html.escape(map_key)}-desc' data-map='{html.escape(map_key)}' "
        f"data-name='{html.escape(name, quote=True)}'>{html.escape(text)}{link}</p>"
    )


def show_map(deck: SpecDeck, key: str, *, height: int = 520, selectable: bool = True):
    """Draw a deck; returns the selected feature's properties when the reader tapped one."""
    if not selectable:
        st.pydeck_chart(deck, height=height)
        return None
    event = st.pydeck_chart(deck, height=height, on_select="rerun", selection_mode="single-object", key=key)
    objects: dict = event.get("selection", {}).get("objects", {}) if event else {}
    for layer_key, picked in objects.items():
        if picked:
            obj = picked[0]
            props = obj.get("properties", obj)
            return {"deck_layer": layer_key, **props}
    return None


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_feature_table(
    _frames: dict[str, gpd.GeoDataFrame], key: tuple, layer_ids: tuple[str, ...], lang: str
) -> tuple[pd.DataFrame, pa.Table]:
    """The table and its Arrow form: Streamlit converts a pandas frame to Arrow on every run
    (about a tenth of the towns page's run time, profiled); given the Arrow table it does not."""
    table = feature_table(_frames, lang, heading_names(catalog()))
    return table, pa.Table.from_pandas(table, preserve_index=False)


def map_table(
    frames: dict[str, gpd.GeoDataFrame],
    lang: str,
    *,
    expanded: bool = False,
    key: tuple | None = None,
    container_key: str | None = None,
) -> pd.DataFrame:
    """The plain-table alternative to a map: the same features, one row each.

    ``key``: a hashable description of ``frames`` (layers, filters, data version, as the map
    panel makes it); with it the table is built once per process and shared (read-only), not
    on every rerun. ``container_key``: the key of the block holding the table (the target of
    ``map_description``'s link)."""
    if key is None:
        table = shown = feature_table(frames, lang, heading_names(catalog()))
    else:
        table, shown = _cached_feature_table(frames, key, tuple(frames), lang)
    with st.container(key=container_key), st.expander(t("map.table", lang), expanded=expanded):
        st.dataframe(shown, hide_index=True, width="stretch")
    return table
