"""Small, valid source datasets built in code, so tests never depend on the shipped data."""

from __future__ import annotations

from pathlib import Path

from shapely.geometry import LineString, Point, Polygon, box, mapping

from arshan_data.config import Settings
from arshan_data.geodata.layers import LAYERS, Layer
from arshan_data.geodata.sources import write_feature_collection

#: A 15 km × 22 km test "city" near the real one.
BOUNDARY = box(119.9, 47.1, 120.1, 47.3)
INSIDE_POINT = Point(120.0, 47.2)
INSIDE_LINE = LineString([(119.95, 47.15), (120.05, 47.25)])
INSIDE_AREA = Polygon([(119.96, 47.16), (120.04, 47.16), (120.04, 47.24), (119.96, 47.24)])


def feature(layer: Layer, fid: str, geom, **overrides) -> dict:
    props = {
        "id": fid,
        "name_zh": f"测试{fid}",
        "name_en": f"Test {fid}",
        "kind": "test",
        "plan_ref": "测试 p.1",
        "status": "existing" if layer.has_status else None,
        "fidelity": "approximate",
        "source": "tests/factories.py",
        "description_zh": "测试要素",
        "description_en": "Test feature",
    }
    for column in layer.extra_columns:
        props[column] = (
            ["冰雪"]
            if column == "themes"
            else (True if column == "on_loop" else (1 if column == "population" else "x"))
        )
    if layer.id == "city_boundary":
        props["area_km2"] = 330.0
    props.update(overrides)
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def default_geometry(layer: Layer):
    if layer.id == "city_boundary":
        return BOUNDARY
    if "Point" in layer.geometry:
        return INSIDE_POINT
    if "LineString" in layer.geometry:
        return INSIDE_LINE
    return INSIDE_AREA


def write_sources(root: Path, *, skip: tuple[str, ...] = ()) -> Settings:
    """One valid feature per registered layer; returns settings pointing at ``root``."""
    sources = root / "sources"
    for layer in LAYERS:
        if layer.id in skip:
            continue
        write_feature_collection(
            sources / layer.source, [feature(layer, f"{layer.id}-1", default_geometry(layer))]
        )
    return Settings(
        sources_dir=sources,
        layers_dir=root / "layers",
        official_dir=root / "official",
        feedback_store=str(root / "feedback.sqlite3"),
    )
