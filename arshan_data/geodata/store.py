"""The map cache: GeoParquet layers loaded into an in-process DuckDB, the only module using duckdb.

One ``MapStore`` per server process. Each layer file is copied into an in-memory table the
first time it is asked for, and again whenever the file changes on disk (its mtime or size),
so a rebuilt layer appears without a restart. A missing or damaged file raises
``LayerUnavailable`` naming the file; the other layers keep working.
"""

from __future__ import annotations

import atexit
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from arshan_data.geodata.layers import LAYERS_BY_ID, REQUIRED_COLUMNS, get_layer


class LayerUnavailable(RuntimeError):
    """A layer file cannot be used. ``file`` and ``reason`` are shown to the reader."""

    def __init__(self, layer_id: str, file: Path, reason: str):
        self.layer_id, self.file, self.reason = layer_id, file, reason
        super().__init__(f"{file}: {reason}")


def _plain(value):
    """DuckDB lists arrive as numpy arrays; the rest of the code wants plain Python values."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_OPEN_STORES: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    # Closing before the interpreter tears down keeps duckdb's bindings from reporting leaks.
    for store in list(_OPEN_STORES):
        store.close()


class MapStore:
    def __init__(self, layers_dir: Path):
        self.layers_dir = Path(layers_dir)
        self._con = duckdb.connect(":memory:")
        _OPEN_STORES.add(self)
        self._lock = threading.RLock()
        self._stamps: dict[str, tuple[int, int]] = {}
        self._frames: dict[tuple[str, tuple[int, int]], gpd.GeoDataFrame] = {}
        #: A damaged file is not re-read until it changes: (stamp, error) per layer.
        self._failures: dict[str, tuple[tuple[int, int], LayerUnavailable]] = {}
        #: How many times each layer was (re)loaded from disk — visible to tests and the bench.
        self.load_counts: dict[str, int] = {}

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # --- loading ---------------------------------------------------------------------------
    def path(self, layer_id: str) -> Path:
        return self.layers_dir / get_layer(layer_id).filename

    def _stamp(self, layer_id: str) -> tuple[int, int]:
        path = self.path(layer_id)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise LayerUnavailable(layer_id, path, "file is missing") from None
        return (st.st_mtime_ns, st.st_size)

    def _ensure(self, layer_id: str) -> tuple[int, int]:
        stamp = self._stamp(layer_id)
        with self._lock:
            if self._stamps.get(layer_id) == stamp:
                return stamp
            failed = self._failures.get(layer_id)
            if failed and failed[0] == stamp:
                raise failed[1]
            try:
                return self._load(layer_id, stamp)
            except LayerUnavailable as exc:
                self._failures[layer_id] = (stamp, exc)
                raise

    def _load(self, layer_id: str, stamp: tuple[int, int]) -> tuple[int, int]:
        path = self.path(layer_id)
        try:
            self._con.execute(
                f'CREATE OR REPLACE TABLE "{layer_id}" AS SELECT * FROM read_parquet(?)',
                [str(path)],
            )
            columns = {row[0] for row in self._con.execute(f'DESCRIBE "{layer_id}"').fetchall()}
        except duckdb.Error as exc:
            self._forget(layer_id)
            reason = str(exc).splitlines()[0][:200]
            raise LayerUnavailable(layer_id, path, f"file is damaged or not Parquet ({reason})") from None
        missing = [c for c in (*REQUIRED_COLUMNS, "geometry") if c not in columns]
        if missing:
            self._forget(layer_id)
            raise LayerUnavailable(layer_id, path, f"file lacks column(s) {', '.join(missing)}")
        self._frames = {k: v for k, v in self._frames.items() if k[0] != layer_id}
        self._stamps[layer_id] = stamp
        self.load_counts[layer_id] = self.load_counts.get(layer_id, 0) + 1
        return stamp

    def _forget(self, layer_id: str) -> None:
        self._con.execute(f'DROP TABLE IF EXISTS "{layer_id}"')
        self._stamps.pop(layer_id, None)
        self._frames = {k: v for k, v in self._frames.items() if k[0] != layer_id}

    def version(self, layer_id: str) -> str:
        """Changes whenever the layer file changes: use it in cache keys of derived data."""
        mtime, size = self._ensure(layer_id)
        return f"{layer_id}:{mtime}:{size}"

    # --- queries -----------------------------------------------------------------------------
    def _select(self, layer_id: str, where: str = "", params: list | None = None) -> gpd.GeoDataFrame:
        sql = (
            f'SELECT * EXCLUDE (geometry, bbox), ST_AsWKB(geometry) AS __wkb FROM "{layer_id}" '
            f"{where} ORDER BY id"
        )
        cursor = self._con.cursor()
        try:
            df = cursor.execute(sql, params or []).df()
        finally:
            cursor.close()
        geometry = shapely.from_wkb([bytes(b) for b in df.pop("__wkb")])
        for column in df.columns:
            if df[column].dtype == object:
                df[column] = df[column].map(_plain)
        # Plain object columns with None for missing values: simple for callers and for JSON.
        df = df.astype(object).where(pd.notna(df), None)
        return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")

    def layer(self, layer_id: str) -> gpd.GeoDataFrame:
        """All features of a layer, sorted by id (a cached frame: do not modify it)."""
        stamp = self._ensure(layer_id)
        key = (layer_id, stamp)
        with self._lock:
            frame = self._frames.get(key)
        if frame is None:
            frame = self._select(layer_id)
            with self._lock:
                self._frames[key] = frame
        return frame

    def readable(
        self, layer_ids: Iterable[str], only: Mapping[str, Iterable[str]] | None = None
    ) -> dict[str, gpd.GeoDataFrame]:
        """The named layers that can be read (an unreadable one is left out: ``status`` and the
        page's own note say why), each cut to the feature ids in ``only`` where it names it."""
        only = only or {}
        frames = {}
        for layer_id in layer_ids:
            try:
                gdf = self.layer(layer_id)
            except LayerUnavailable:
                continue
            frames[layer_id] = gdf[gdf["id"].isin(list(only[layer_id]))] if layer_id in only else gdf
        return frames

    def feature(self, layer_id: str, feature_id: str) -> dict | None:
        frame = self.layer(layer_id)
        match = frame[frame["id"] == feature_id]
        return None if match.empty else match.iloc[0].to_dict()

    def where(self, layer_id: str, **equals) -> gpd.GeoDataFrame:
        """Features whose columns equal the given values, e.g. ``where("roads", status="planned")``."""
        self._ensure(layer_id)
        columns = set(self.layer(layer_id).columns)
        unknown = sorted(set(equals) - columns)
        if unknown:
            raise KeyError(f"layer {layer_id} has no column(s) {', '.join(unknown)}")
        clause = " AND ".join(f'"{name}" = ?' for name in equals)
        return self._select(layer_id, f"WHERE {clause}" if clause else "", list(equals.values()))

    def search(self, text: str, layer_ids: list[str], limit: int = 20) -> pd.DataFrame:
        """Features whose Chinese or English name contains ``text`` (case-insensitive)."""
        needle = text.strip()
        if not needle:
            return pd.DataFrame(columns=["layer", "id", "name_zh", "name_en"])
        parts, params = [], []
        for layer_id in layer_ids:
            self._ensure(layer_id)
            parts.append(
                f"SELECT '{layer_id}' AS layer, id, name_zh, name_en FROM \"{layer_id}\" "
                "WHERE contains(lower(name_zh), lower(?)) OR contains(lower(name_en), lower(?))"
            )
            params += [needle, needle]
        cursor = self._con.cursor()
        try:
            return cursor.execute(
                " UNION ALL ".join(parts) + f" ORDER BY length(name_zh), id LIMIT {int(limit)}", params
            ).df()
        finally:
            cursor.close()

    def status(self) -> dict[str, str | None]:
        """Each registered layer: None when usable, else the reason it is not."""
        result: dict[str, str | None] = {}
        for layer_id in LAYERS_BY_ID:
            try:
                self._ensure(layer_id)
                result[layer_id] = None
            except LayerUnavailable as exc:
                result[layer_id] = str(exc)
        return result
