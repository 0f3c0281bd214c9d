"""数据与来源 — every layer, its feature count and health, and where the data comes from."""

from __future__ import annotations

import streamlit as st

from arshan_data.geodata.inventory import accuracy_table, dataset_table, fidelity_levels, layer_inventory
from arshan_data.i18n import t
from arshan_data.ui.components.tables import data_table
from arshan_data.ui.state import current_lang, map_store


def render() -> None:
    lang = current_lang()
    st.header(t("data.heading", lang))
    st.write(t("data.intro", lang))
    for fidelity in ("surveyed", "approximate", "schematic"):
        st.markdown(f"- {t(f'fidelity.explain.{fidelity}', lang)}")
    st.subheader(t("data.fidelity.heading", lang))
    st.write(t("data.fidelity.intro", lang))
    st.table(fidelity_levels(lang).set_index(t("data.fidelity.col.level", lang)))
    st.subheader(t("data.accuracy.heading", lang))
    st.table(accuracy_table(lang).set_index(t("data.col.name", lang)))
    st.subheader(t("data.layers", lang))
    data_table(layer_inventory(map_store(), lang), width="stretch")
    st.caption(t("data.layers_note", lang))
    st.subheader(t("data.datasets", lang))
    data_table(dataset_table(lang), width="stretch")
    st.caption(t("data.plan_source", lang))
