"""What a reader can download: tables as CSV that Excel opens with Chinese intact, layers as GeoJSON.

Cells that a spreadsheet would read as a formula (``= + - @``) get a leading ``'``, so a name or
comment can never run as a formula on a staff member's machine.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

#: A cell starting with one of these is a formula (or becomes one) in Excel / LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Text that would start a formula gets a leading ``'``; numbers and None pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else escape_cell(v) for v in row])
    # UTF-8 with a byte-order mark: Excel then reads Chinese correctly.
    return buffer.getvalue().encode("utf-8-sig")


def table_csv(table: pd.DataFrame) -> bytes:
    return csv_bytes(table.columns, table.itertuples(index=False, name=None))


def _json_value(value):
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def layers_geojson(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """The features of several layers as one FeatureCollection, every property kept (incl. source)."""
    features = []
    for layer_id, gdf in frames.items():
        for row in gdf.to_dict("records"):
            geom = row.pop("geometry")
            props = {"layer": layer_id, **{k: _json_value(v) for k, v in row.items()}}
            features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
