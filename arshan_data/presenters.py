"""Turn catalog entries and layer rows into what a reader sees: labels, values, table rows.

Pure functions (no Streamlit), shared by the pages, the slides and the exports.
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd

from .i18n import strings, t
from .layers import get_layer


@dataclasses.dataclass(frozen=True)
class ShownFigure:
    label: str
    value: str
    help: str
    note: str


def format_number(value, lang: str) -> str:
    """As the plan prints it in Chinese (7397.67); with thousands separators in English."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 1000):
        text = f"{int(value):,}" if lang == "en" else str(int(value))
        return text
    if lang == "en":
        decimals = len(str(value).split(".")[1]) if "." in str(value) else 0
        return f"{value:,.{decimals}f}"
    return str(value)


def format_figure(figure: dict, lang: str) -> ShownFigure:
    unit = t(f"unit.{figure['unit']}", lang)
    # A year is never written with a thousands separator ("2035", not "2,035").
    value = str(figure["value"]) if figure["unit"] == "year" else format_number(figure["value"], lang)
    shown_value = f"{value} {unit}".strip() if unit != "%" else f"{value}%"
    notes = []
    if figure.get("share_pct") is not None:
        notes.append(t("figure.share_of_city", lang, share=figure["share_pct"]))
    if figure.get("wan_mu") is not None:
        notes.append(t("figure.wan_mu", lang, wan_mu=figure["wan_mu"]))
    rule = figure.get("rule") or {}
    return ShownFigure(
        label=figure.get(lang) or figure["zh"],
        value=shown_value,
        help=rule.get(lang) or rule.get("zh") or "",
        note=" · ".join(notes),
    )


def label(key_prefix: str, value: str | None, lang: str) -> str:
    """A translated label for a vocabulary value (e.g. ``kind.town``), or the value itself."""
    if not value:
        return ""
    key = f"{key_prefix}.{value}"
    return strings(lang).get(key, value)


def feature_table(frames: dict[str, gpd.GeoDataFrame], lang: str) -> pd.DataFrame:
    rows = []
    for layer_id, gdf in frames.items():
        layer = get_layer(layer_id)
        for row in gdf.drop(columns="geometry").to_dict("records"):
            rows.append({
                t("map.col.name", lang): row.get(f"name_{lang}") or row["name_zh"],
                t("map.col.kind", lang): layer.title_zh if lang == "zh" else layer.title_en,
                t("map.col.fidelity", lang): t(f"fidelity.{row['fidelity']}", lang),
                t("map.col.status", lang): label("status", row.get("status"), lang),
                t("map.col.plan_ref", lang): row.get("plan_ref") or "",
                t("map.col.source", lang): row.get("source") or "",
            })
    return pd.DataFrame(rows)


def feature_details(row: dict, layer_id: str, lang: str) -> list[tuple[str, str]]:
    """The rows of a feature's detail card: what a reader needs to judge it, in order."""
    layer = get_layer(layer_id)
    details = [
        (t("map.detail.layer", lang), layer.title_zh if lang == "zh" else layer.title_en),
        (t("map.detail.description", lang), row.get(f"description_{lang}") or row.get("description_zh") or ""),
        (t("map.detail.plan_ref", lang), row.get("plan_ref") or ""),
        (t("map.detail.status", lang), label("status", row.get("status"), lang)),
        (t("map.detail.fidelity", lang), t(f"fidelity.explain.{row['fidelity']}", lang)),
        (t("map.detail.source", lang), row.get("source") or ""),
    ]
    return [(name, value) for name, value in details if value]


FIDELITIES = ("surveyed", "approximate", "schematic")


def layer_inventory(store, lang: str) -> pd.DataFrame:
    """One row per registered layer: its features by fidelity, the datasets it draws on and
    whether it could be read (the reason when not). ``store`` is a ``db.MapStore``."""
    from .layers import LAYERS  # noqa: PLC0415
    from .provenance import datasets_for  # noqa: PLC0415

    status = store.status()
    rows = []
    for layer in LAYERS:
        problem = status[layer.id]
        counts = store.layer(layer.id)["fidelity"].value_counts() if problem is None else pd.Series(dtype=int)
        rows.append({
            t("data.col.layer", lang): layer.title_zh if lang == "zh" else layer.title_en,
            t("data.col.features", lang): int(counts.sum()),
            **{t(f"fidelity.{f}", lang): int(counts.get(f, 0)) for f in FIDELITIES},
            t("data.col.datasets", lang): "; ".join(d.shown_name(lang) for d in datasets_for(layer.id)),
            t("data.col.status", lang): t("data.ok", lang) if problem is None else problem,
        })
    return pd.DataFrame(rows)


def dataset_table(lang: str) -> pd.DataFrame:
    """The datasets the maps are made from, with publisher, licence, CRS and date (attribution)."""
    from .provenance import DATASETS  # noqa: PLC0415

    return pd.DataFrame([{
        t("data.col.name", lang): d.shown_name(lang),
        t("data.col.publisher", lang): d.publisher,
        t("data.col.licence", lang): d.licence,
        t("data.col.crs", lang): d.crs,
        t("data.col.date", lang): d.date,
        t("data.col.note", lang): d.shown_note(lang),
    } for d in DATASETS.values()])


def is_indicative(row: dict) -> bool:
    """Schematic features are diagrams: anything derived from them is indicative only."""
    return row.get("fidelity") == "schematic"
