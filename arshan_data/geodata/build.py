"""Build the GeoParquet layers from the editable sources and any official data dropped in.

Deterministic: features sorted by id, a fixed column order and types, coordinates rounded to
1e-6°, no timestamps — a rebuild gives byte-identical files (a test holds this).

Official data: a bureau drops ``data/official/<layer>.shp|.gpkg|.geojson`` (any CRS the file
declares, e.g. CGCS2000 EPSG:4490 or a Gauss-Krüger zone such as EPSG:4545 / EPSG:4527) with an
optional ``<layer>.yaml`` that maps its field names and fills defaults. It replaces the
digitised layer, is reprojected to WGS84, checked against the same schema and marked surveyed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import yaml

from arshan_data.config import Settings
from arshan_data.geodata.layers import (
    CITY_BOUNDARY,
    LAYERS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    Layer,
    columns_for,
)
from arshan_data.geodata.schema import Problem, duplicate_ids_across, validate_frame
from arshan_data.geodata.sources import SourceError, read_feature_collection

OFFICIAL_SUFFIXES = (".gpkg", ".shp", ".geojson", ".json")
#: 1e-6° ≈ 0.1 m: far below any source's precision, and stable across platforms.
COORD_DECIMALS = 6


class BuildError(RuntimeError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclasses.dataclass(frozen=True)
class LayerInput:
    layer: Layer
    path: Path
    official: bool


def find_input(layer: Layer, settings: Settings) -> LayerInput:
    for suffix in OFFICIAL_SUFFIXES:
        candidate = settings.official_dir / f"{layer.id}{suffix}"
        if candidate.exists():
            return LayerInput(layer, candidate, official=True)
    return LayerInput(layer, settings.sources_dir / layer.source, official=False)


def _text_or_none(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(value)


def _typed(values: pd.Series, *, text: bool) -> pd.Series:
    """One type per column, decided by its non-missing values (files must not depend on order)."""
    present = [v for v in values if not (v is None or (isinstance(v, float) and pd.isna(v)))]
    if not text and present and all(isinstance(v, (list, tuple)) for v in present):
        return values.map(lambda v: list(v) if isinstance(v, (list, tuple)) else None)
    if not text and present and all(isinstance(v, bool) for v in present):
        return values.astype("boolean")
    if not text and present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        numbers = pd.to_numeric(values)
        return numbers.astype("Int64") if all(isinstance(v, int) for v in present) else numbers
    return values.map(_text_or_none).astype("string")


def _normalise(layer: Layer, gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fixed columns, order and types; sorted by id; rounded coordinates."""
    gdf = gdf.copy()
    for column in columns_for(layer):
        if column not in gdf.columns:
            gdf[column] = None
    ordered = list(columns_for(layer))
    gdf = gdf[ordered + ["geometry"]]
    for column in ordered:
        gdf[column] = _typed(gdf[column], text=column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    gdf["geometry"] = shapely.set_precision(gdf.geometry.values, 10.0**-COORD_DECIMALS, mode="pointwise")
    gdf = gdf.sort_values("id", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:4326")


def read_source(layer: Layer, path: Path) -> gpd.GeoDataFrame:
    features = read_feature_collection(path)
    if not features:
        return gpd.GeoDataFrame(
            columns=list(columns_for(layer)) + ["geometry"], geometry="geometry", crs="EPSG:4326"
        )
    # GeoJSON (RFC 7946) is WGS84 by definition; schema.validate_frame catches projected numbers.
    return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")


def read_official(layer: Layer, path: Path) -> gpd.GeoDataFrame:
    """Read a bureau's file, apply its sidecar mapping, reproject to WGS84, mark it surveyed."""
    sidecar = path.with_suffix(".yaml")
    spec = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    spec = spec or {}
    gdf = gpd.read_file(path)
    declared = spec.get("crs")
    if declared:
        gdf = gdf.set_crs(declared, allow_override=True)
    if gdf.crs is None:
        raise BuildError(
            [
                Problem(
                    str(path),
                    None,
                    (
                        "declares no CRS. Add a .prj file, or `crs: EPSG:4545` (CGCS2000 3-degree "
                        f"Gauss-Krüger, CM 120°E) or the right code to {sidecar.name}."
                    ),
                )
            ]
        )
    gdf = gdf.to_crs("EPSG:4326")
    gdf = gdf.rename(columns={src: dst for dst, src in (spec.get("fields") or {}).items()})
    for column, value in (spec.get("defaults") or {}).items():
        if column not in gdf.columns:
            gdf[column] = value
        else:
            gdf[column] = gdf[column].where(gdf[column].notna(), value)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    gdf["fidelity"] = "surveyed"
    official_source = f"official data {path.name} (sha256 {digest}), reprojected from its CRS to EPSG:4326"
    if "source" in gdf.columns:
        gdf["source"] = gdf["source"].where(gdf["source"].notna(), official_source)
    else:
        gdf["source"] = official_source
    for column in OPTIONAL_COLUMNS:
        if column not in gdf.columns:
            gdf[column] = None
    return gdf


def load_input(item: LayerInput) -> gpd.GeoDataFrame:
    if item.official:
        return read_official(item.layer, item.path)
    return read_source(item.layer, item.path)


def build_layers(settings: Settings, out_dir: Path | None = None) -> list[Path]:
    """Build every layer; raise BuildError listing every problem, writing nothing, if any."""
    out_dir = settings.layers_dir if out_dir is None else out_dir
    frames: list[tuple[LayerInput, gpd.GeoDataFrame]] = []
    problems: list[Problem] = []
    for layer in LAYERS:
        item = find_input(layer, settings)
        try:
            frames.append((item, _normalise(layer, load_input(item))))
        except SourceError as exc:
            problems.append(Problem(str(item.path), None, str(exc).split(": ", 1)[-1]))
    boundary = next(
        (gdf.geometry.union_all() for item, gdf in frames if item.layer.id == CITY_BOUNDARY), None
    )
    for item, gdf in frames:
        problems += validate_frame(item.layer, gdf, str(item.path), boundary)
    problems += duplicate_ids_across((str(i.path), g) for i, g in frames)
    if problems:
        raise BuildError(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item, gdf in frames:
        target = out_dir / item.layer.filename
        write_parquet(gdf, target)
        written.append(target)
    return written


def write_parquet(gdf: gpd.GeoDataFrame, target: Path) -> None:
    """GeoParquet 1.1 with a bbox covering column, written atomically (readers never see half)."""
    tmp = target.with_suffix(".parquet.tmp")
    gdf.to_parquet(tmp, index=False, compression="zstd", schema_version="1.1.0", write_covering_bbox=True)
    tmp.replace(target)
