"""Validate the built layers (``python -m arshan_data check``, with the plan's checks).

Reads exactly what the app reads (``data/layers/*.parquet``) and reports every problem with
the file and feature at fault; the command exits non-zero when there is any. Here: the schema
(``schema``) and fidelity and provenance (``fidelity``); what needs the plan text and catalog
(statuses, statements, cited pages, the grand loop) is ``plan.check``.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq

from arshan_data.config import Settings
from arshan_data.geodata import fidelity
from arshan_data.geodata.layers import CITY_BOUNDARY, LAYERS, Layer
from arshan_data.geodata.schema import Problem, duplicate_ids_across, validate_frame

GEOPARQUET_VERSION = "1.1.0"


def read_layer_file(layer: Layer, path: Path) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    label = str(path)
    if not path.exists():
        return None, [Problem(label, None, "is missing; run `python -m arshan_data build`.")]
    try:
        meta = pq.read_schema(path).metadata or {}
        geo_meta = json.loads(meta.get(b"geo", b"{}"))
        gdf = gpd.read_parquet(path)
    except Exception as exc:  # any reader failure means a damaged file
        reason = str(exc).splitlines()[0][:160]
        return None, [
            Problem(
                label,
                None,
                (
                    f"cannot be read as GeoParquet ({type(exc).__name__}: {reason}); the file is damaged "
                    "— rebuild it with `python -m arshan_data build`."
                ),
            )
        ]
    problems = []
    if geo_meta.get("version") != GEOPARQUET_VERSION:
        problems.append(
            Problem(
                label,
                None,
                (f"GeoParquet version is {geo_meta.get('version')!r}, expected {GEOPARQUET_VERSION}."),
            )
        )
    return gdf, problems


def read_layers(settings: Settings) -> tuple[dict[str, gpd.GeoDataFrame], list[Problem]]:
    """Every built layer that can be read, and the problems of those that cannot."""
    problems: list[Problem] = []
    frames: dict[str, gpd.GeoDataFrame] = {}
    for layer in LAYERS:
        gdf, found = read_layer_file(layer, settings.layers_dir / layer.filename)
        problems += found
        if gdf is not None:
            frames[layer.id] = gdf
    return frames, problems


def check_layers(settings: Settings) -> list[Problem]:
    frames, problems = read_layers(settings)
    boundary_frame = frames.get(CITY_BOUNDARY)
    boundary = boundary_frame.geometry.union_all() if boundary_frame is not None else None
    for layer in LAYERS:
        if layer.id in frames:
            label = str(settings.layers_dir / layer.filename)
            problems += validate_frame(layer, frames[layer.id], label, boundary)
            problems += fidelity.check_frame(layer, frames[layer.id], label)
    problems += duplicate_ids_across(
        (str(settings.layers_dir / f"{lid}.parquet"), gdf) for lid, gdf in frames.items()
    )
    return problems
