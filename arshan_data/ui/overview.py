"""规划总览 — scope, periods and key figures, with a map of the city."""

from __future__ import annotations

import streamlit as st

from .. import catalog as plan
from ..i18n import t
from . import widgets
from .map_panel import map_panel
from .state import catalog, current_lang

KEY_FIGURES = ("land_area", "central_city_area", "eco_redline", "basic_farmland", "urban_boundary",
               "cropland_target", "forest_target")
MAP_LAYERS = ("neighbours", "city_boundary", "border", "rivers", "seats")


def render() -> None:
    lang = current_lang()
    cat = catalog()
    st.header(t("overview.heading", lang))
    st.write(t("overview.intro", lang))

    st.subheader(t("overview.key_figures", lang))
    figures = [plan.figure(fid, cat) for fid in KEY_FIGURES]
    for start in range(0, len(figures), 3):
        cols = st.columns(3)
        for col, fig in zip(cols, figures[start:start + 3]):
            with col:
                widgets.figure_card(fig, lang)

    st.subheader(t("overview.map", lang))
    map_panel("overview", MAP_LAYERS, lang, toggleable=("rivers", "seats"), labelled=("seats",))
