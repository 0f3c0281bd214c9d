"""Map features as a reader reads them without the map: table rows and a feature's detail card.

Pure functions (no Streamlit), shared by the pages, the exports and the plain edition.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from arshan_data.geodata.citations import plan_ref_text
from arshan_data.geodata.layers import get_layer
from arshan_data.i18n import join, t
from arshan_data.maps.deck import status_label


def feature_table(
    frames: dict[str, gpd.GeoDataFrame], lang: str, headings: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per feature; ``headings`` (``plan.catalog.heading_names``) names the plan's
    headings of ``plan_ref`` in English."""
    rows = []
    for layer_id, gdf in frames.items():
        layer = get_layer(layer_id)
        for row in gdf.drop(columns="geometry").to_dict("records"):
            rows.append(
                {
                    t("map.col.name", lang): row.get(f"name_{lang}") or row["name_zh"],
                    t("map.col.kind", lang): layer.title(lang),
                    t("map.col.fidelity", lang): t(f"fidelity.{row['fidelity']}", lang),
                    t("map.col.status", lang): status_label(
                        row.get("status"), lang, has_status=layer.has_status
                    ),
                    t("map.col.plan_ref", lang): plan_ref_text(row.get("plan_ref"), lang, headings),
                    t("map.col.source", lang): row.get("source") or "",
                }
            )
    return pd.DataFrame(rows)


def map_summary(frames: dict[str, gpd.GeoDataFrame], lang: str) -> tuple[str, str]:
    """A map's accessible name and its one-sentence description for a screen reader: which
    layers it shows and how many features (the rows of its ``feature_table``)."""
    titles = join((get_layer(layer_id).title(lang) for layer_id in frames), lang)
    count = sum(len(gdf) for gdf in frames.values())
    return (
        t("map.a11y.name", lang, layers=titles),
        t("map.a11y.description", lang, layers=titles, count=count),
    )


def feature_details(
    row: dict, layer_id: str, lang: str, headings: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """The rows of a feature's detail card: what a reader needs to judge it, in order."""
    layer = get_layer(layer_id)
    details = [
        (t("map.detail.layer", lang), layer.title(lang)),
        (
            t("map.detail.description", lang),
            row.get(f"description_{lang}") or row.get("description_zh") or "",
        ),
        (t("map.detail.plan_ref", lang), plan_ref_text(row.get("plan_ref"), lang, headings)),
        (t("map.detail.status", lang), status_label(row.get("status"), lang, has_status=layer.has_status)),
        (t("map.detail.fidelity", lang), t(f"fidelity.explain.{row['fidelity']}", lang)),
        (t("map.detail.source", lang), row.get("source") or ""),
    ]
    return [(name, value) for name, value in details if value]


def is_indicative(row: dict) -> bool:
    """Schematic features are diagrams: anything derived from them is indicative only."""
    return row.get("fidelity") == "schematic"
