"""数据与来源 — every layer, its feature count and health, and where the data comes from."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..i18n import t
from ..layers import LAYERS
from .state import current_lang, map_store


def render() -> None:
    lang = current_lang()
    st.header(t("data.heading", lang))
    st.write(t("data.intro", lang))
    for fidelity in ("surveyed", "approximate", "schematic"):
        st.markdown(f"- {t(f'fidelity.explain.{fidelity}', lang)}")
    st.subheader(t("data.layers", lang))
    status = map_store().status()
    rows = []
    for layer in LAYERS:
        problem = status[layer.id]
        count = len(map_store().layer(layer.id)) if problem is None else 0
        rows.append({
            t("data.col.layer", lang): layer.title_zh if lang == "zh" else layer.title_en,
            t("data.col.features", lang): count,
            t("data.col.status", lang): t("data.ok", lang) if problem is None else problem,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
