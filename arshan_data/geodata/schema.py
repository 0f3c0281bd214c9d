"""Validation of a layer's features against the registry: one set of rules for build and check.

Every problem names the file and the feature at fault and says what is wrong, so that an
editor of ``data/sources`` or a bureau dropping in official data knows what to fix.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from arshan_data.geodata import geo
from arshan_data.geodata.layers import FIDELITIES, NULLABLE_COLUMNS, REQUIRED_COLUMNS, STATUSES, Layer

#: How far a city feature may stray outside the boundary (boundary and digitising precision).
BOUNDARY_TOLERANCE_KM = 1.0


@dataclasses.dataclass(frozen=True)
class Problem:
    file: str
    feature: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: feature {self.feature!r}" if self.feature else self.file
        return f"{where}: {self.message}"


def _is_missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


def check_crs(gdf: gpd.GeoDataFrame, label: str) -> list[Problem]:
    if gdf.crs is None:
        return [Problem(label, None, "has no CRS; layers must be EPSG:4326 (WGS84 lon/lat).")]
    if gdf.crs.to_epsg() != 4326:
        return [
            Problem(
                label,
                None,
                f"CRS is {gdf.crs.to_string()}, expected EPSG:4326 (WGS84 lon/lat). Rebuild with "
                "`python -m arshan_data build`, which reprojects official data.",
            )
        ]
    return []


def _coordinates_look_geographic(geom: BaseGeometry) -> bool:
    if geom is None or geom.is_empty:
        return True
    minx, miny, maxx, maxy = geom.bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def validate_frame(
    layer: Layer,
    gdf: gpd.GeoDataFrame,
    label: str,
    boundary: BaseGeometry | None,
) -> list[Problem]:
    """All problems of one layer's features (empty list when the layer is fine)."""
    problems = check_crs(gdf, label)
    missing_cols = [c for c in REQUIRED_COLUMNS + layer.extra_columns if c not in gdf.columns]
    if missing_cols:
        problems.append(Problem(label, None, f"missing column(s): {', '.join(missing_cols)}."))
        return problems
    if len(gdf) == 0:
        problems.append(Problem(label, None, "has no features."))
        return problems
    tolerance_zone = (
        geo.buffer_km(boundary, BOUNDARY_TOLERANCE_KM)
        if boundary is not None and layer.scope == "city"
        else None
    )
    if tolerance_zone is not None:
        shapely.prepare(tolerance_zone)
    seen: set[str] = set()
    for position, row in enumerate(gdf.itertuples(index=False)):
        record = row._asdict()
        fid = record.get("id")
        name = str(fid) if not _is_missing(fid) else f"row {position + 1}"

        def say(msg: str, _n=name) -> None:
            problems.append(Problem(label, _n, msg))

        if _is_missing(fid):
            say("has no id.")
        elif fid in seen:
            say("duplicate id: ids must be unique.")
        else:
            seen.add(fid)
        for column in REQUIRED_COLUMNS:
            if column in NULLABLE_COLUMNS or column == "id":
                continue
            if _is_missing(record.get(column)):
                say(f"field {column!r} is empty; every feature needs it.")
        fidelity = record.get("fidelity")
        if not _is_missing(fidelity) and fidelity not in FIDELITIES:
            say(f"fidelity {fidelity!r} is not one of {', '.join(FIDELITIES)}.")
        status = record.get("status")
        if layer.has_status and not _is_missing(status) and status not in STATUSES:
            say(
                f"status {status!r} is not one of {', '.join(STATUSES)} "
                "(leave it null where the plan does not state it)."
            )
        if not layer.has_status and not _is_missing(status):
            say(f"status {status!r} given, but layer {layer.id} has no status.")
        geom = record.get("geometry")
        if geom is None or geom.is_empty:
            say("has no geometry.")
            continue
        if geom.geom_type not in layer.geometry:
            say(f"geometry is {geom.geom_type}; layer {layer.id} takes {', '.join(layer.geometry)}.")
        if not _coordinates_look_geographic(geom):
            say(
                "coordinates are not longitude/latitude degrees; the file is in another CRS "
                "(declare it, e.g. EPSG:4545, so the build can reproject)."
            )
            continue
        if not geom.is_valid:
            say(f"invalid geometry ({shapely.is_valid_reason(geom)}).")
            continue
        if tolerance_zone is not None and not tolerance_zone.contains(geom):
            outside = geom.difference(tolerance_zone)
            km = geo.distance_km(outside.representative_point(), boundary)
            say(
                f"lies outside the city boundary (by about {km:.1f} km); city layers must lie "
                "inside it — check the coordinates and their CRS."
            )
    return problems


def duplicate_ids_across(frames: Iterable[tuple[str, gpd.GeoDataFrame]]) -> list[Problem]:
    owner: dict[str, str] = {}
    problems = []
    for label, gdf in frames:
        if "id" not in gdf.columns:
            continue
        for fid in gdf["id"].dropna():
            if fid in owner and owner[fid] != label:
                problems.append(
                    Problem(label, fid, f"id also used in {owner[fid]}; ids must be unique across layers.")
                )
            owner.setdefault(fid, label)
    return problems
