"""What the data page lists: every layer with its features by fidelity and its datasets, and
the datasets with publisher, licence, CRS and date (attribution)."""

from __future__ import annotations

import pandas as pd

from arshan_data.geodata.layers import FIDELITIES, LAYERS
from arshan_data.geodata.provenance import DATASETS, datasets_for
from arshan_data.i18n import t


def layer_inventory(store, lang: str) -> pd.DataFrame:
    """One row per registered layer: its features by fidelity, the datasets it draws on and
    whether it could be read (the reason when not). ``store`` is a ``geodata.store.MapStore``."""
    status = store.status()
    rows = []
    for layer in LAYERS:
        problem = status[layer.id]
        counts = store.layer(layer.id)["fidelity"].value_counts() if problem is None else pd.Series(dtype=int)
        rows.append(
            {
                t("data.col.layer", lang): layer.title(lang),
                t("data.col.features", lang): int(counts.sum()),
                **{t(f"fidelity.{f}", lang): int(counts.get(f, 0)) for f in FIDELITIES},
                t("data.col.datasets", lang): "; ".join(d.shown_name(lang) for d in datasets_for(layer.id)),
                t("data.col.status", lang): t("data.ok", lang) if problem is None else problem,
            }
        )
    return pd.DataFrame(rows)


def dataset_table(lang: str) -> pd.DataFrame:
    """The datasets the maps are made from, with publisher, licence, CRS and date (attribution)."""
    return pd.DataFrame(
        [
            {
                t("data.col.name", lang): d.shown_name(lang),
                t("data.col.publisher", lang): d.publisher,
                t("data.col.licence", lang): d.licence,
                t("data.col.crs", lang): d.crs,
                t("data.col.date", lang): d.date,
                t("data.col.note", lang): d.shown_note(lang),
            }
            for d in DATASETS.values()
        ]
    )


def fidelity_levels(lang: str) -> pd.DataFrame:
    """What each fidelity level means: what earns it and how far off the position may be
    (the definitions of data/README.md, in the reader's language)."""
    return pd.DataFrame(
        [
            {
                t("data.fidelity.col.level", lang): t(f"fidelity.{level}", lang),
                t("data.fidelity.col.earns", lang): t(f"data.fidelity.earns.{level}", lang),
                t("data.fidelity.col.error", lang): t(f"data.fidelity.error.{level}", lang),
            }
            for level in FIDELITIES
        ]
    )


def accuracy_table(lang: str) -> pd.DataFrame:
    """Each dataset's positional accuracy and the best fidelity a feature drawn from it may claim."""
    return pd.DataFrame(
        [
            {
                t("data.col.name", lang): d.shown_name(lang),
                t("data.col.max_fidelity", lang): t(f"fidelity.{d.max_fidelity}", lang),
                t("data.col.accuracy", lang): d.shown_accuracy(lang),
            }
            for d in DATASETS.values()
        ]
    )
