"""Per-process resources (settings, map store, catalog) and per-session state (language)."""

from __future__ import annotations

import gc

import streamlit as st

from arshan_data.config import Settings, load_settings
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import LANGS, normalise_lang
from arshan_data.maps.basemaps import basemap_style
from arshan_data.plan import catalog as plan_catalog

LANG_KEY = "lang"


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml is the normal embedded default
        return {}


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings(secrets=_secrets())


@st.cache_resource(show_spinner=False)
def map_store() -> MapStore:
    store = MapStore(settings().layers_dir)
    # The heavy modules are imported by now: freeze them out of the per-run garbage collection
    # (Streamlit runs a full gc.collect() after every script run; see NOTES-streamlit.md).
    gc.freeze()
    return store


@st.cache_resource(show_spinner=False)
def basemap() -> str:
    """The maps' ``basemap`` argument for the configured basemap (``maps.basemaps``)."""
    return basemap_style(settings())


@st.cache_resource(show_spinner=False)
def catalog() -> plan_catalog.Catalog:
    return plan_catalog.load_catalog(settings().catalog_dir)


def current_lang() -> str:
    """The session's language (set by the header's switch); before the first switch, the URL's."""
    value = st.session_state.get(LANG_KEY)
    if value in LANGS:
        return value
    return normalise_lang(st.query_params.get(LANG_KEY))
