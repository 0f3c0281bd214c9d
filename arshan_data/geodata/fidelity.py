"""Fidelity and provenance held to what the data says (part of ``python -m arshan_data check``).

- Every dataset a feature's ``source`` names is in the provenance table (``provenance.DATASETS``)
  and listed for the feature's layer in the registry, so that data/README.md and the data page
  name every dataset the maps are made from.
- No feature claims a better fidelity than the datasets it names allow (``max_fidelity``), and a
  ``surveyed`` feature's source never says its position is derived or given to 1–2 decimals.
- A ``schematic`` feature says so in words: 示意 in ``description_zh``, "schematic" in
  ``description_en`` (the table, the card and the downloads show these, not the map's style).

The rules are data/README.md's "Fidelity levels".
"""

from __future__ import annotations

import re

import geopandas as gpd

from arshan_data.geodata.layers import FIDELITIES, Layer
from arshan_data.geodata.provenance import DATASETS, OFFICIAL, fidelity_ceiling, named_datasets
from arshan_data.geodata.schema import Problem

#: Words in a ``source`` that mean the position is not as measured: never ``surveyed``.
COARSE_OR_DERIVED = re.compile(
    r"\b[12]-decimal|\bderived\b|rounded to 0\.1°|\b(?:one|two) decimals?\b", re.IGNORECASE
)
SCHEMATIC_ZH = "示意"
SCHEMATIC_EN = "schematic"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def check_feature(layer: Layer, row: dict) -> list[str]:
    """What is wrong with one feature's fidelity and provenance (empty when nothing)."""
    out = []
    source = _text(row.get("source"))
    fidelity = row.get("fidelity")
    listed, unlisted = named_datasets(source)
    for name in unlisted:
        out.append(
            f"source names {name}, which is not in the provenance table: add it to DATASETS in "
            "arshan_data/geodata/provenance.py (licence, CRS, date, max_fidelity) first."
        )
    allowed = set(layer.datasets) | {OFFICIAL}
    for dataset_id in listed:
        if dataset_id not in allowed:
            out.append(
                f"source names {DATASETS[dataset_id].name} ({dataset_id!r}), which layer {layer.id} does "
                f"not list in its datasets (arshan_data/geodata/layers.py)."
            )
    ceiling = fidelity_ceiling(listed)
    if (
        fidelity in FIDELITIES
        and ceiling is not None
        and FIDELITIES.index(fidelity) < FIDELITIES.index(ceiling)
    ):
        weakest = [d for d in listed if DATASETS[d].max_fidelity == ceiling]
        out.append(
            f"fidelity {fidelity!r}, but its source names {', '.join(DATASETS[d].name for d in weakest)}, "
            f"which allows {ceiling!r} at best (data/README.md, Fidelity levels)."
        )
    coarse = COARSE_OR_DERIVED.search(source)
    if fidelity == "surveyed" and coarse:
        out.append(
            f"fidelity 'surveyed', but its source says {coarse.group(0)!r}: a derived or coarse "
            "position is 'approximate' at best."
        )
    if fidelity == "schematic":
        if SCHEMATIC_ZH not in _text(row.get("description_zh")):
            out.append(f"schematic, but description_zh does not say {SCHEMATIC_ZH}.")
        if SCHEMATIC_EN not in _text(row.get("description_en")).lower():
            out.append(f"schematic, but description_en does not say {SCHEMATIC_EN!r}.")
    return out


def check_frame(layer: Layer, gdf: gpd.GeoDataFrame, label: str) -> list[Problem]:
    problems = []
    for row in gdf.drop(columns="geometry", errors="ignore").to_dict("records"):
        for message in check_feature(layer, row):
            problems.append(Problem(label, str(row.get("id")), message))
    return problems
