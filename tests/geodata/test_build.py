"""Building GeoParquet from sources: deterministic, validated, and open to official data."""

import hashlib
import json

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import Point

from arshan_data.config import Settings
from arshan_data.geodata import geo
from arshan_data.geodata.build import BuildError, build_layers
from arshan_data.geodata.layers import LAYERS, get_layer
from arshan_data.geodata.sources import write_feature_collection

from .. import factories


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


def test_rebuild_gives_byte_identical_files(tmp_path):
    settings = factories.write_sources(tmp_path)
    build_layers(settings, tmp_path / "a")
    build_layers(settings, tmp_path / "b")
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert len(first) == len(LAYERS)
    assert first == second


@pytest.mark.slow
def test_shipped_layers_are_the_build_of_the_shipped_sources(tmp_path):
    """data/layers must be rebuilt whenever data/sources changes (python -m arshan_data build)."""
    settings = Settings()
    build_layers(settings, tmp_path)
    assert digests(tmp_path) == digests(settings.layers_dir)


def test_built_layers_are_geoparquet_1_1_in_wgs84(tiny_settings):
    path = tiny_settings.layers_dir / "seats.parquet"
    meta = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert meta["version"] == "1.1.0"
    assert gpd.read_parquet(path).crs.to_epsg() == 4326


def test_build_refuses_bad_sources_and_writes_nothing(tmp_path):
    settings = factories.write_sources(tmp_path)
    layer = get_layer("seats")
    write_feature_collection(
        settings.sources_dir / layer.source,
        [
            factories.feature(layer, "seat-far", Point(125.0, 40.0)),
            factories.feature(layer, "seat-nameless", factories.INSIDE_POINT, name_en=""),
        ],
    )
    with pytest.raises(BuildError) as raised:
        build_layers(settings)
    text = str(raised.value)
    assert "seats.geojson: feature 'seat-far': lies outside the city boundary" in text
    assert "feature 'seat-nameless': field 'name_en' is empty" in text
    assert not settings.layers_dir.exists()


def test_missing_source_file_is_named(tmp_path):
    settings = factories.write_sources(tmp_path, skip=("airports",))
    with pytest.raises(BuildError, match=r"airports\.geojson: source file is missing"):
        build_layers(settings)


def write_official_shapefile(settings, crs: str, *, with_prj: bool = True):
    """A bureau's protected-area points in a CGCS2000 Gauss-Krüger CRS with Chinese field names."""
    wgs = gpd.GeoDataFrame(
        {
            "BSM": ["pa-official-1", "pa-official-2"],
            "MC": ["官方保护地甲", "官方保护地乙"],
            "YWMC": ["Official area A", "Official area B"],
            "JB": ["national", "national"],
        },
        geometry=[Point(119.95, 47.15), Point(120.05, 47.25)],
        crs="EPSG:4326",
    )
    settings.official_dir.mkdir(parents=True, exist_ok=True)
    target = settings.official_dir / "protected_areas.shp"
    wgs.to_crs(crs).to_file(target, engine="pyogrio", encoding="utf-8")
    if not with_prj:
        target.with_suffix(".prj").unlink()
    (settings.official_dir / "protected_areas.yaml").write_text(
        "fields: {id: BSM, name_zh: MC, name_en: YWMC, level: JB}\n"
        "defaults: {kind: protected_area, designation: nature_reserve, plan_ref: 03.生态空间 p.15}\n",
        encoding="utf-8",
    )
    return wgs


@pytest.mark.parametrize("crs", [geo.CGCS2000_GK_ZONE40, geo.CGCS2000_GK_CM120, geo.CGCS2000])
def test_official_data_in_cgcs2000_is_reprojected_and_marked_surveyed(tmp_path, crs):
    settings = factories.write_sources(tmp_path)
    original = write_official_shapefile(settings, crs)
    build_layers(settings)
    built = gpd.read_parquet(settings.layers_dir / "protected_areas.parquet")
    assert list(built["id"]) == ["pa-official-1", "pa-official-2"]
    assert set(built["fidelity"]) == {"surveyed"}
    assert all(s.startswith("official data protected_areas.shp (sha256 ") for s in built["source"])
    assert built.loc[0, "name_zh"] == "官方保护地甲"
    for got, want in zip(built.geometry, original.geometry, strict=True):
        assert geo.distance_km(got, want) < 0.01  # back where it was, to within 10 m


def test_official_data_without_crs_is_refused_with_advice(tmp_path):
    settings = factories.write_sources(tmp_path)
    write_official_shapefile(settings, geo.CGCS2000_GK_CM120, with_prj=False)
    with pytest.raises(BuildError, match=r"protected_areas\.shp: declares no CRS.*EPSG:4545"):
        build_layers(settings)
