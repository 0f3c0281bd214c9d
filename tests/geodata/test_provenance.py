"""Every layer's source, licence, CRS and date is stated once and shown in data/README.md."""

from arshan_data.geodata.layers import LAYERS
from arshan_data.geodata.provenance import DATASETS, datasets_for, fidelity_markdown, markdown_tables

from ..conftest import REPO


def test_data_readme_carries_the_current_provenance_tables():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert markdown_tables() in readme, (
        "run `python -m arshan_data provenance` and paste it into data/README.md"
    )


def test_data_readme_defines_the_fidelity_levels_in_the_words_the_site_uses():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert fidelity_markdown() in readme, (
        "run `python -m arshan_data provenance` and paste its fidelity block into data/README.md"
    )
    block = fidelity_markdown()
    for words in ("authoritative", "community database", "OpenFlights", "1:3,000,000", "not a location"):
        assert words in block, words


def test_every_layer_has_datasets_with_licence_crs_and_date():
    for layer in LAYERS:
        for dataset in datasets_for(layer.id):
            assert dataset.licence and dataset.crs and dataset.date, (layer.id, dataset.id)
    assert {"cnmaps", "wdb2", "geonames", "openflights", "digitised", "official"} <= set(DATASETS)
