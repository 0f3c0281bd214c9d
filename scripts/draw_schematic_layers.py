"""Draw the plan's diagrams as schematic GeoJSON sources under data/sources/.

Run from the repository root:  .venv/bin/python scripts/draw_schematic_layers.py

The plan text (data/plan/source/) describes its diagrams but ships none of its maps, so these
layers are *drawn*, not located: every feature is ``fidelity: schematic``. They are built from
the located layers (seats, scenic areas, protected areas, heritage, roads, the WDB II rivers, the
city boundary and the border), so re-running the script after a position there changes
propagates the change. Hand-tuned numbers (band widths, disc radii, the barrier's centre line,
the port diagram's bearings) are constants below, each with its reason; data/sources/RESEARCH.md
("Schematic layers") explains every drawing decision and interpretation.

Writes: pattern, tourism_clusters, landscape_zones, central_city, port_structure,
land_projects (.geojson), via arshan_data.sources.write_feature_collection. Run
scripts/draw_tourism_loops.py first: the pattern's 一环 is its grand loop, generalised.

Every description says 示意 / "schematic" (``say_schematic``): the reader sees the fidelity in
the text, not only in the map style.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pyproj
import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping, shape
from shapely.ops import substring

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arshan_data.geodata import geo  # noqa: E402
from arshan_data.geodata.sources import read_feature_collection, write_feature_collection  # noqa: E402

SOURCES = ROOT / "data" / "sources"
PLAN_TEXT = ROOT / "data" / "plan" / "source" / "arxan-master-plan-2021-2035.txt"
GEOD = pyproj.Geod(ellps="WGS84")

# ------------------------------------------------------------------------------ plan refs
CH3 = "优化国土空间总体格局"
CH4 = "空间规划重点内容"
REF_PATTERN = f"{CH3}·01.总体格局 p.13"
REF_ECO = f"{CH3}·03.生态空间 p.15"
REF_TOWNS = f"{CH3}·05.城镇空间 p.18"
REF_TOURISM = f"{CH3}·05.城镇空间 p.19"
REF_LOOP = f"{CH4}·01.综合交通体系 p.23"
REF_TOWNSCAPE = f"{CH4}·03.城乡风貌引导 p.26"
REF_CONSOLIDATION = f"{CH4}·05.国土空间整治 p.28"
REF_RESTORATION = f"{CH4}·06.生态修复规划 p.29"
REF_FOREST = f"{CH4}·07.资源保护利用·林地资源 p.30"
REF_CENTRAL = f"{CH4}·08.中心城区规划 p.35"
REF_PORT = f"{CH4}·09.中蒙口岸规划 p.39"

WDB = (
    "river course from CIA World Data Bank II via data/sources/open/rivers.geojson "
    "(nominal scale ~1:3,000,000, course good to a few km)"
)
SEATS = "positions from data/sources/seats.geojson"
NO_EXTENT = "the plan gives no extent"

# ------------------------------------------------------------------------------ plan quotes
_FLAT_PLAN = re.sub(r"\s+", "", PLAN_TEXT.read_text(encoding="utf-8"))


def q(fragment: str) -> str:
    """A verbatim fragment of the plan (whitespace ignored); fails loudly if it is not in the text."""
    if re.sub(r"\s+", "", fragment) not in _FLAT_PLAN:
        raise SystemExit(f"not a verbatim plan fragment: {fragment!r}")
    return fragment


# ------------------------------------------------------------------------------ geometry helpers


def local(geom):
    return geo.to_local(geom)


def wgs(geom):
    return geo.from_local(geom)


def offset(pt: Point, bearing: float, km: float) -> Point:
    lon, lat, _ = GEOD.fwd(pt.x, pt.y, bearing, km * 1000.0)
    return Point(lon, lat)


def disc(pt: Point, km: float):
    return wgs(local(pt).buffer(km * 1000.0, quad_segs=12))


def band(line, km: float):
    """Area within ``km`` of a line (rounded ends), in WGS84."""
    return wgs(local(line).buffer(km * 1000.0, quad_segs=8))


def hull_buffer(points: list[Point], km: float):
    return wgs(shapely.MultiPoint([local(p) for p in points]).convex_hull.buffer(km * 1000.0, quad_segs=12))


def spline(coords: list[tuple[float, float]], steps: int = 12) -> list[tuple[float, float]]:
    """Uniform Catmull-Rom spline through every control point (a diagram curve that still passes
    exactly through the towns it links)."""
    pts = [coords[0], *coords, coords[-1]]
    out = [coords[0]]
    for i in range(1, len(pts) - 2):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * b
                        + (-a + c) * t
                        + (2 * a - 5 * b + 4 * c - d) * t2
                        + (-a + 3 * b - 3 * c + d) * t3
                    )
                    for a, b, c, d in ((x0, x1, x2, x3), (y0, y1, y2, y3))
                )
            )
    return out


def smooth_line(points: list[Point]) -> LineString:
    return LineString(spline([(p.x, p.y) for p in points]))


def polygons_only(geom, min_km2: float = 0.05):
    """Valid (Multi)Polygon from any geometry: polygon parts above ``min_km2`` only."""
    geom = shapely.make_valid(geom)
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for part in parts:
        polys += list(getattr(part, "geoms", [part]))
    polys = [p for p in polys if geo.area_km2(p) >= min_km2]
    if not polys:
        raise SystemExit("a drawn area vanished after clipping")
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def lines_only(geom):
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("LineString", "MultiLineString")]
    lines = []
    for part in parts:
        lines += [ln for ln in getattr(part, "geoms", [part]) if ln.length > 0]
    if not lines:
        raise SystemExit("a drawn line vanished after clipping")
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


# ------------------------------------------------------------------------------ inputs


def load(name: str) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in read_feature_collection(SOURCES / name)}


def geom_of(features: dict[str, dict], fid: str):
    return shape(features[fid]["geometry"])


BOUNDARY = shapely.union_all([shape(f["geometry"]) for f in load("open/city_boundary.geojson").values()])
_B_LOCAL = local(BOUNDARY)
#: Drawing area: the city boundary pulled 0.3 km inwards, so that simplified and rounded
#: shapes stay inside the boundary.
INSIDE = wgs(_B_LOCAL.buffer(-300).simplify(100))
#: A generalised city outline for the two broad zones and the barrier (no boundary wiggles).
GENERAL_CITY = wgs(
    _B_LOCAL.buffer(-1500).simplify(1500).buffer(700, quad_segs=4).intersection(_B_LOCAL.buffer(-300))
)

SEATS_F = load("seats.geojson")
SCENIC_F = load("scenic_areas.geojson")
PA_F = load("protected_areas.geojson")
HERITAGE_F = load("heritage.geojson")
ROADS_F = load("roads.geojson")
RIVERS_F = load("open/rivers.geojson")
BORDER = shapely.union_all([shape(f["geometry"]) for f in load("open/border.geojson").values()])

SEAT = {k.removeprefix("seat-"): geom_of(SEATS_F, k) for k in SEATS_F}
SCENIC = {k.removeprefix("scenic-"): geom_of(SCENIC_F, k) for k in SCENIC_F}
PA = {k.removeprefix("pa-"): geom_of(PA_F, k) for k in PA_F}
ROAD = {k.removeprefix("road-"): geom_of(ROADS_F, k) for k in ROADS_F}
HALAHA = geom_of(RIVERS_F, "river-halaha").intersection(INSIDE)
TAOER = geom_of(RIVERS_F, "river-taoer").intersection(INSIDE)

#: Halaha source per zh.wikipedia 哈拉哈河 infobox (47°04′51″N 120°29′16″E, "阿尔山市中部大兴安岭南麓
#: 吉里革先山南坡五道沟附近"); 1.4 km from the upstream end of the WDB II course.
HALAHA_SOURCE = Point(120.48778, 47.08083)
HALAHA_SOURCE_CITE = (
    "zh.wikipedia 哈拉哈河 infobox: source 47°04′51″N 120°29′16″E, "
    "'发源于中国阿尔山市中部大兴安岭南麓吉里革先山南坡五道沟附近' (https://zh.wikipedia.org/wiki/哈拉哈河)"
)


def clip_area(geom, min_km2: float = 0.05):
    return polygons_only(geom.intersection(INSIDE), min_km2)


#: Lines may run up to 0.5 km past the boundary (e.g. a smoothed axis cutting a boundary corner)
#: without being cut: the registry allows 1 km.
LINE_ZONE = geo.buffer_km(BOUNDARY, 0.5)


def clip_line(geom):
    """Lines: kept whole when they stay within 0.5 km of the city, else cut at the boundary;
    pieces are merged back where they touch (clipping nodes a line at its self-crossings)."""
    if not geom.within(LINE_ZONE):
        geom = geom.intersection(BOUNDARY)
    return lines_only(shapely.line_merge(lines_only(geom)))


def road_leg(road: str, a: Point, b: Point) -> LineString:
    """The part of a road line between the points nearest to ``a`` and ``b`` (in that order)."""
    line = local(ROAD[road])
    return wgs(substring(line, line.project(local(a)), line.project(local(b))))


def join(legs: list[LineString]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for leg in legs:
        cs = list(leg.coords)
        coords += cs if not coords else cs[1:]
    return coords


def generalise(line, metres: float):
    return wgs(local(line).simplify(metres))


def finish(geom):
    """Round to 5 decimals (~1 m) and make sure the result is still valid."""
    rounded = geo.round_coords(geom, 5)
    if rounded.geom_type in ("Polygon", "MultiPolygon") and not rounded.is_valid:
        rounded = polygons_only(rounded)
    return rounded


def feature(
    fid: str,
    name_zh: str,
    name_en: str,
    kind: str,
    plan_ref: str,
    source: str,
    description_zh: str,
    description_en: str,
    catalog_id: str | None,
    geom,
    **extra,
) -> dict:
    description_zh, description_en = say_schematic(description_zh, description_en)
    props = {
        "id": fid,
        "name_zh": name_zh,
        "name_en": name_en,
        "kind": kind,
        "plan_ref": plan_ref,
        "status": None,
        "fidelity": "schematic",
        "source": source,
        "description_zh": description_zh,
        "description_en": description_en,
        "catalog_id": catalog_id,
    }
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": mapping(finish(geom))}


#: Every feature here is drawn, not located: the reader sees it in the description itself.
SCHEMATIC_ZH = "示意图形，不表示实际位置或范围。"
SCHEMATIC_EN = "Schematic: not an actual location or extent."


def say_schematic(description_zh: str, description_en: str) -> tuple[str, str]:
    """Descriptions that say 示意 / "schematic" (appended where the wording does not already)."""
    if "示意" not in description_zh:
        description_zh = (
            description_zh.rstrip() + ("" if description_zh.rstrip().endswith("。") else "。") + SCHEMATIC_ZH
        )
    if "schematic" not in description_en.lower():
        description_en = (
            description_en.rstrip()
            + ("" if description_en.rstrip().endswith(".") else ".")
            + " "
            + SCHEMATIC_EN
        )
    return description_zh, description_en


def check_inside(features: list[dict], layer: str) -> None:
    zone = geo.buffer_km(BOUNDARY, 0.99)
    for f in features:
        g = shape(f["geometry"])
        if not g.is_valid or not zone.contains(g):
            raise SystemExit(f"{layer}: {f['properties']['id']} is invalid or outside the city")


# ============================================================================== pattern (p.13)


def draw_axis() -> LineString:
    """一轴: port → 天池镇 → 伊尔施 → 温泉街 → 白狼镇 → 五岔沟镇 → 明水河镇, smoothed."""
    stops = ["port", "tianchi", "yirshi", "wenquan", "bailang", "wuchagou", "mingshuihe"]
    return smooth_line([SEAT[s] for s in stops])


#: 一屏: centre line of the barrier band, hand-tuned along the Halaha / Tao'er–Chaor watershed as
#: inferred from the river courses: it passes between 温泉街 (Halaha side) and 白狼 (Tao'er side),
#: just south of the Halaha source and then north-east, the trend of the Greater Khingan.
BARRIER_CENTRE = [
    (119.93, 46.98),
    (120.05, 47.09),
    (120.27, 47.09),
    (120.50, 47.04),
    (120.68, 47.22),
    (120.80, 47.56),
]
BARRIER_HALF_WIDTH_KM = 8.0
BELT_KM = 3.0  # 两带: half-width of the river protection belts
DEV_ZONE_KM = 6.0  # 城镇发展区: half-width of the corridor round the axis


def tourism_loop_geometry():
    """一环: the detailed grand loop (loop-grand in tourism_loops.geojson, drawn on the roads by
    scripts/draw_tourism_loops.py, which must run first), generalised by 1 km. The two drawings
    are the same ring, so they cannot disagree about which places the loop reaches."""
    ring = shape(load("tourism_loops.geojson")["loop-grand"]["geometry"])
    return clip_line(generalise(ring, 1000))


def draw_pattern() -> list[dict]:
    feats = []
    p13 = "schematic, drawn after the plan's 空间格局规划图 (p.13; the map itself is not in the text copy)"
    # 一屏
    barrier = band(LineString(spline(BARRIER_CENTRE)), BARRIER_HALF_WIDTH_KM).intersection(GENERAL_CITY)
    feats.append(
        feature(
            "pattern-barrier-south-khingan",
            "大兴安岭南麓生态屏障",
            "Southern Greater Khingan ecological barrier",
            "barrier",
            f"{REF_PATTERN}; {REF_ECO}",
            f"{p13} and 生态空间规划图 (p.15) description '一屏：大兴安岭南麓生态屏障'. The plan gives no extent: drawn as a "
            f"generalised {2 * BARRIER_HALF_WIDTH_KM:.0f} km band along a hand-tuned, smoothed centre line "
            "following the NE–SW trend of the range and the watershed between the Halaha (north/west) and the "
            "Tao'er (south) as the WDB II courses show it, passing just south of the Halaha source "
            f"({HALAHA_SOURCE_CITE}). The whole city lies on the range's south-western foothills, so the "
            "barrier's real extent may be much larger. Not the ecological protection redline (86.16% of the "
            "land, p.14), whose shape is not public.",
            q("一屏：大兴安岭南麓生态屏障") + "。",
            "One barrier: the ecological barrier of the southern foothills of the Greater Khingan Range.",
            "south_khingan_barrier",
            clip_area(barrier, 1.0),
            element="one_barrier",
        )
    )
    # 两带
    for rid, river, name_zh, name_en, cid in (
        ("halaha", HALAHA, "哈拉哈河保护带", "Halaha River protection belt", "halaha_belt"),
        ("taoer", TAOER, "洮儿河保护带", "Tao'er River protection belt", "taoer_belt"),
    ):
        feats.append(
            feature(
                f"pattern-belt-{rid}",
                name_zh,
                name_en,
                "belt",
                f"{REF_PATTERN}; {REF_ECO}",
                f"{p13} description '两带：哈拉哈河保护带、洮儿河保护带'; a {BELT_KM:.0f} km buffer either side of the {WDB}, "
                f"inside the city. Width chosen for legibility; {NO_EXTENT}.",
                q("两带：哈拉哈河保护带、洮儿河保护带") + "。",
                "Two belts: the Halaha River protection belt and the Tao'er River protection belt.",
                cid,
                clip_area(band(river, BELT_KM), 1.0),
                element="two_belts",
            )
        )
    # 一核
    core_pts = [SEAT[s] for s in ("wenquan", "yirshi", "linhai", "xincheng")]
    feats.append(
        feature(
            "pattern-core-central-city",
            "阿尔山中心城区",
            "Arxan central city",
            "core",
            REF_PATTERN,
            f"{p13} description '一核：阿尔山中心城区'; convex hull of the seats of 温泉街道, 伊尔施街道, 林海街道 and 新城街道 ({SEATS}) "
            "buffered by 2 km. A diagram symbol, not the central city's extent (13.78 km² inside the urban "
            "development boundary, p.3, shape not public). The port, also part of the central city (p.18), "
            "lies 25 km west and is not inside this symbol.",
            q("一核：阿尔山中心城区") + "。",
            "One core: the Arxan central city.",
            "central_city_core",
            clip_area(hull_buffer(core_pts, 2.0)),
            element="one_core",
        )
    )
    # 一轴
    feats.append(
        feature(
            "pattern-axis-urban-development",
            "城镇发展轴",
            "Urban development axis",
            "axis",
            REF_PATTERN,
            f"{p13} description '一轴：城镇发展轴'. The plan does not say where the axis runs or which towns it links "
            "(plan_silent in pattern.yaml); drawn as a smoothed line through the central city (port, 伊尔施, 温泉街) "
            f"and the four key towns 天池镇, 白狼镇, 五岔沟镇, 明水河镇 ({SEATS}). Interpretation.",
            q("一轴：城镇发展轴") + "。",
            "One axis: the urban development axis.",
            "urban_development_axis",
            clip_line(draw_axis()),
            element="one_axis",
        )
    )
    # 一环
    feats.append(
        feature(
            "pattern-loop-tourism",
            "全域旅游环",
            "All-for-one tourism loop",
            "loop",
            f"{REF_PATTERN}; {REF_LOOP}",
            f"{p13} description '一环：全域旅游环', read as the p.23 全域大环线 on G302, S203, S308 and X432 (interpretation "
            "in pattern.yaml). The detailed loop-grand of data/sources/tourism_loops.geojson (drawn on the roads of "
            "data/sources/roads.geojson by scripts/draw_tourism_loops.py), generalised by 1 km: 温泉街 –G302→ 伊尔施 "
            "–S203→ out to the port and back (a straight connector from S203; no port road is digitised) –X313→ 天池 "
            "–S308→ 好森沟 –S203→ 白狼 → 奥伦布坎 (straight connector, no road digitised) –X432→ G302 → 温泉街; G302 and "
            "S203 share the 温泉街–伊尔施 section. X313 (not named by the plan) links 伊尔施 and 天池 because the four "
            "numbered roads do not meet there in our road data; S308 and X432 are themselves schematic. Before "
            "the generalisation the ring passes within 3 km of each of the six scenic areas p.23 names.",
            q("一环：全域旅游环") + "。",
            "One loop: the all-for-one tourism loop.",
            "all_for_one_tourism_loop",
            tourism_loop_geometry(),
            element="one_loop",
        )
    )
    # 二区
    dev = band(draw_axis(), DEV_ZONE_KM).intersection(GENERAL_CITY)
    dev = clip_area(dev, 5.0)
    conservation = clip_area(GENERAL_CITY.difference(dev), 50.0)
    feats.append(
        feature(
            "pattern-zone-urban-development",
            "城镇发展区",
            "Urban development zone",
            "zone",
            REF_PATTERN,
            f"{p13} description '二区：城镇发展区及水源生态涵养区'. Diagrammatic: {NO_EXTENT} and no boundary between the two "
            f"zones; drawn as a {2 * DEV_ZONE_KM:.0f} km corridor round the schematic urban development axis "
            "(central city, port and the four key towns). Not the urban development boundary (22.96 km², "
            "p.14), whose shape is not public.",
            q("二区：城镇发展区及水源生态涵养区") + "。",
            "Two zones: the urban development zone and the water-source ecological conservation zone.",
            "urban_development_zone",
            dev,
            element="two_zones",
        )
    )
    feats.append(
        feature(
            "pattern-zone-water-conservation",
            "水源生态涵养区",
            "Water-source ecological conservation zone",
            "zone",
            REF_PATTERN,
            f"{p13} description '二区：城镇发展区及水源生态涵养区'. Diagrammatic: {NO_EXTENT}; drawn as the rest of the "
            "generalised city outside the schematic urban development corridor, on the reading that the two "
            "zones divide the city ('全市以主体功能为重点，分区引导发展', p.12). Not the ecological protection redline.",
            q("二区：城镇发展区及水源生态涵养区") + "。",
            "Two zones: the urban development zone and the water-source ecological conservation zone.",
            "water_conservation_zone",
            conservation,
            element="two_zones",
        )
    )
    # 多点
    points_src = "schematic copy (same position, no new information) of"
    for pid, f in sorted(PA_F.items()):
        p = f["properties"]
        feats.append(
            feature(
                f"pattern-point-{pid}",
                f"多点：{p['name_zh']}",
                f"Multiple points: {p['name_en']}",
                "protected_area",
                f"{REF_PATTERN}; {REF_ECO}",
                f"{points_src} {pid} in data/sources/protected_areas.geojson (fidelity there: {p['fidelity']}); "
                "the p.13 map's '多点' include 自然保护地, read as the eight protected areas of p.15 (interpretation "
                "in ecology.yaml).",
                q("多点：自然保护地、文旅节点、重点城镇") + "。",
                "Multiple points: protected natural areas, cultural and tourism nodes, key towns.",
                p.get("catalog_id") or PA_CATALOG[pid],
                shape(f["geometry"]).representative_point(),
                element="multiple_points",
            )
        )
    for sid, f in sorted(SCENIC_F.items()):
        p = f["properties"]
        feats.append(
            feature(
                f"pattern-point-{sid}",
                f"多点：{p['name_zh']}",
                f"Multiple points: {p['name_en']}",
                "culture_tourism_node",
                f"{REF_PATTERN}; {REF_LOOP}",
                f"{points_src} {sid} in data/sources/scenic_areas.geojson (fidelity there: {p['fidelity']}). "
                "The plan does not list the 文旅节点; read as the six main attractions the p.23 grand loop links "
                "(interpretation).",
                q("多点：自然保护地、文旅节点、重点城镇") + "。",
                "Multiple points: protected natural areas, cultural and tourism nodes, key towns.",
                SCENIC_CATALOG[sid],
                shape(f["geometry"]),
                element="multiple_points",
            )
        )
    for town, cid in (
        ("bailang", "bailang_town"),
        ("tianchi", "tianchi_town"),
        ("wuchagou", "wuchagou_town"),
        ("mingshuihe", "mingshuihe_town"),
    ):
        p = SEATS_F[f"seat-{town}"]["properties"]
        feats.append(
            feature(
                f"pattern-point-seat-{town}",
                f"多点：{p['name_zh']}",
                f"Multiple points: {p['name_en']}",
                "key_town",
                f"{REF_PATTERN}; {REF_TOWNS}",
                f"{points_src} seat-{town} in data/sources/seats.geojson (fidelity there: {p['fidelity']}); the "
                "key towns are the four 重点镇 of p.18.",
                q("多点：自然保护地、文旅节点、重点城镇") + "。",
                "Multiple points: protected natural areas, cultural and tourism nodes, key towns.",
                cid,
                SEAT[town],
                element="multiple_points",
            )
        )
    return feats


PA_CATALOG = {
    "pa-dulaer": "dulaer_nr",
    "pa-geopark": "arxan_geopark",
    "pa-forest-park": "arxan_forest_park",
    "pa-halaha-wetland": "halaha_wetland_park",
    "pa-haosengou": "haosengou_forest_park",
    "pa-bailang-aolunbukan": "aolunbukan_wetland_park",
    "pa-bailang-taoer": "bailang_taoer_wetland_park",
    "pa-wuchagou-wetland": "wuchagou_wetland_park",
}
SCENIC_CATALOG = {
    "scenic-tianchi": "tianchi_scenic",
    "scenic-port": "port_scenic",
    "scenic-bailang": "bailang_scenic",
    "scenic-aolunbukan": "aolunbukan_scenic",
    "scenic-haosengou": "haosengou_scenic",
    "scenic-wenquan-resort": "wenquan_street_resort",
}


# ============================================================================== tourism clusters (p.19)


def draw_tourism_clusters() -> list[dict]:
    p19 = "schematic, drawn after the plan's 产业空间格局规划图 (p.19; the map is not in the text copy)"
    members_silent = (
        "The plan does not say which scenic areas or towns the cluster contains (plan_silent in towns.yaml)"
    )
    feats = []
    clusters = [
        (
            "border-customs",
            "中蒙边境旅游风情区",
            "China–Mongolia border tourism and local-customs zone",
            "border_customs_zone",
            ["scenic-port"],
            6.0,
            "口岸景区",
            "the Port scenic area (Arxan national gate)",
            (
                "Drawn as the port scenic area and the border reach round it: a 6 km buffer of the port point "
                "united with a 3 km strip along the border within 12 km of the port."
            ),
        ),
        (
            "volcano-forest",
            "火山奇景森林旅游区",
            "Volcanic wonders forest tourism zone",
            "volcano_forest_zone",
            ["scenic-tianchi", "pa-forest-park", "pa-geopark"],
            6.0,
            "天池景区（含阿尔山国家森林公园、国家地质公园）",
            "the Tianchi scenic area with the Arxan national forest park and national geopark",
            (
                "Drawn as the convex hull of the 天池 lake point and the forest park and geopark points, "
                "buffered by 6 km."
            ),
        ),
        (
            "forest-folk",
            "林俗生态文化休闲区",
            "Forest-folk ecological culture leisure zone",
            "forest_folk_leisure_zone",
            [
                "scenic-bailang",
                "seat-bailang",
                "pa-bailang-taoer",
                "scenic-aolunbukan",
                "pa-bailang-aolunbukan",
            ],
            4.0,
            "白狼林俗景区、白狼镇、白狼洮儿河湿地公园及奥伦布坎景区",
            (
                "the Bailang forest-folk scenic area, Bailang town, the Bailang Tao'er wetland park and the "
                "Aolunbukan scenic area"
            ),
            (
                "Drawn as the convex hull of those points buffered by 4 km. 林俗 matches the 白狼林俗景区 of p.19; "
                "奥伦布坎 is grouped here because the plan pairs it with 白狼 (白狼奥伦布坎国家湿地公园, p.15) - it could "
                "equally belong to the canyon zone."
            ),
        ),
        (
            "canyon",
            "森林峡谷探秘游览区",
            "Forest canyon exploration zone",
            "canyon_exploration_zone",
            ["scenic-haosengou", "pa-haosengou"],
            7.0,
            "好森沟景区（好森沟国家森林公园）",
            "the Haosengou scenic area (Haosengou national forest park)",
            (
                "Drawn as a 7 km buffer of the (schematic) 好森沟 points; public texts describe 好森沟's 天河峡谷 and "
                "other eroded sandstone landforms (iichajd.com/25943)."
            ),
        ),
    ]
    lookup = {
        **{k: geom_of(SCENIC_F, k) for k in SCENIC_F},
        **{k: geom_of(PA_F, k) for k in PA_F},
        **{k: geom_of(SEATS_F, k) for k in SEATS_F},
    }
    for fid, zh, en, cid, members, km, members_zh, members_en, how in clusters:
        pts = [lookup[m].representative_point() for m in members]
        area = hull_buffer(pts, km)
        if fid == "border-customs":
            near = geo.buffer_km(SEAT["port"], 12.0)
            area = area.union(band(BORDER.intersection(near), 3.0))
        feats.append(
            feature(
                f"tc-{fid}",
                zh,
                en,
                "cluster",
                REF_TOURISM,
                f"{p19} labels '组团协同' and '{zh}'. {members_silent}; interpretation: grouped "
                f"{', '.join(members)}. {how} Generalised area, {NO_EXTENT}.",
                f"{q('组团协同')}：{q(zh)}。解读（规划未列出组团成员）：本图将{members_zh}归入此组团。",
                f"Clusters coordinated: {en}. Interpretation (the plan lists no members): this map groups "
                f"{members_en} here.",
                cid,
                clip_area(area),
            )
        )
    belt_km = 2.0
    feats.append(
        feature(
            "tc-halaha-industry-belt",
            "哈拉哈河生态文旅产业带",
            "Halaha River ecological cultural-tourism industry belt",
            "industry_belt",
            REF_TOURISM,
            f"{p19} labels '环·带 联动', '全域旅游环线' and '哈拉哈河生态文旅产业带'. The plan does not say where the belt begins and "
            f"ends (plan_silent in towns.yaml); drawn as a {belt_km:.0f} km buffer either side of the whole "
            f"Halaha course inside the city, {WDB}.",
            f"{q('环·带 联动')}：{q('哈拉哈河生态文旅产业带')}。",
            "Loop and belt linked: the Halaha River ecological cultural-tourism industry belt.",
            "halaha_industry_belt",
            clip_area(band(HALAHA, belt_km), 1.0),
        )
    )
    resort = SCENIC["wenquan-resort"]
    r_km = math.sqrt(9.51 / math.pi)
    feats.append(
        feature(
            "tc-one-city-leads",
            "一城引领：温泉雪城度假区",
            "One city leading: Hot Spring Snow City resort",
            "core",
            REF_TOURISM,
            f"{p19} labels '一城引领' and '以温泉雪城度假区为核心'. A disc of {r_km:.2f} km radius (the resort's published "
            "planned area, 9.51 km², zggjgy.cn, see RESEARCH.md scenic-wenquan-resort) round the resort point "
            "in data/sources/scenic_areas.geojson; not the resort's outline.",
            f"{q('一城引领')}：{q('以温泉雪城度假区为核心')}。",
            'One city leading: centred on the "Hot Spring Snow City" resort.',
            "one_city_leads",
            clip_area(disc(resort, r_km)),
        )
    )
    return feats


# ============================================================================== landscape zones (p.26)


def nearest_on(line, pt: Point) -> Point:
    ll = local(line)
    return wgs(ll.interpolate(ll.project(local(pt))))


def draw_landscape_zones() -> list[dict]:
    p26 = (
        "schematic label anchor (a point, not an area): the plan lists the nine 风貌区 of p.26 with circled "
        "numbers but gives neither their extents nor the map (plan_silent in heritage.yaml)"
    )
    xyl = shapely.MultiPoint([local(SEAT[s]) for s in ("yirshi", "linhai", "xincheng")]).centroid
    # ⑧ 三潭峡: a ~3 km gorge of the upper Halaha in the 天池 section of the forest park, 78 km by
    # road from the city (天池: 74 km). Anchor: the WDB Halaha course nearest a point 3.5 km ESE
    # (bearing 115°) of the 天池 lake point.
    gorge = nearest_on(HALAHA, offset(SCENIC["tianchi"], 115.0, 3.5))
    # ④ on the Halaha course midway between 伊尔施 and the forest park (the reach that flows
    # through 天池镇, 林海 and 伊尔施 per zh.wikipedia).
    water = nearest_on(HALAHA, Point(120.05, 47.36))
    zones = [
        (
            "01-tianchi",
            "①天池风貌区",
            "(1) Tianchi townscape zone",
            "tianchi_zone",
            SCENIC["tianchi"],
            "at the 天池 lake point of data/sources/scenic_areas.geojson (scenic-tianchi).",
        ),
        (
            "02-eco-forest",
            "②生态林风貌区",
            "(2) Ecological forest townscape zone",
            "eco_forest_zone",
            PA["forest-park"].representative_point(),
            (
                "at the Arxan National Forest Park point (pa-forest-park, centre of its 天池-section bbox), the "
                "largest forest park (103,150 ha) and one of the two forest parks the plan's forest-land "
                "section names (p.30). 好森沟国家森林公园 (also named on p.30) would be an equally defensible anchor."
            ),
        ),
        (
            "03-grassland",
            "③草原风貌区",
            "(3) Grassland townscape zone",
            "grassland_zone",
            SEAT["mingshuihe"],
            (
                "at the 明水河镇 seat: the plan's 岭南 is '现代农牧业' and 明水河镇 is to '发展现代种养业' (p.16), the only town "
                "given livestock farming; low confidence - no public source places Arxan's grassland. The "
                "meadow valley of the lower Halaha near the port would be the other candidate."
            ),
        ),
        (
            "04-eco-water",
            "④生态水系风貌区",
            "(4) Ecological water-system townscape zone",
            "eco_water_zone",
            water,
            (
                "on the WDB II Halaha course between 伊尔施 and the forest park (the Halaha flows through 天池镇, 林海 "
                "and 伊尔施, zh.wikipedia 哈拉哈河); Arxan is the source of the Halaha and the Tao'er (p.32)."
            ),
        ),
        (
            "05-liveable-town",
            "⑤宜居小镇区",
            "(5) Liveable small-town zone",
            "liveable_town_zone",
            wgs(xyl),
            (
                "at the centroid of the 伊尔施, 林海 and 新城 seats: p.18 says '伊尔施、林海、新城三大街道重点在提升生态宜居功能' and p.35 "
                "labels '生态宜居' three times (assignment per central_city.yaml)."
            ),
        ),
        (
            "06-forest-folk",
            "⑥林俗文化村落区",
            "(6) Forest-folk culture village zone",
            "forest_folk_village_zone",
            SEAT["bailang"],
            (
                "at the 白狼镇 seat, whose centre village is 白狼林俗村 (RESEARCH.md seat-bailang); p.19 names the "
                "'白狼林俗景区'."
            ),
        ),
        (
            "07-border",
            "⑦边境风貌区",
            "(7) Border townscape zone",
            "border_zone",
            SEAT["port"],
            "at the Arxan port (seat-port, 0.3 km inside the border).",
        ),
        (
            "08-canyon",
            "⑧峡谷风貌区",
            "(8) Canyon townscape zone",
            "canyon_zone",
            gorge,
            (
                "at 三潭峡, a ~3 km gorge of the upper Halaha in the 天池 section of the forest park, 78 km by road "
                "from the city vs. 74 km to 天池 (iichajd.com/25943; demo.dalv.cn/plan/152852553816913.html), "
                "anchored on the WDB II Halaha course nearest a point 3.5 km ESE of the 天池 lake point. 好森沟's "
                "天河峡谷 would be the other candidate."
            ),
        ),
        (
            "09-historic",
            "⑨历史文化区",
            "(9) Historic and cultural zone",
            "historic_cultural_zone",
            geom_of(HERITAGE_F, "her-donggouli"),
            (
                "at the (schematic) 东沟里 historic district point (her-donggouli, 1 km E of 阿尔山站), the only "
                "historic district the plan names (p.27), next to the 阿尔山站 fortress component."
            ),
        ),
    ]
    feats = []
    for fid, zh, en, cid, pt, how in zones:
        feats.append(
            feature(
                f"lz-{fid}",
                zh,
                en,
                "landscape_zone",
                REF_TOWNSCAPE,
                f"{p26}; placed {how}",
                f"{q('强化边境地域特色，塑造阿尔山特色城镇风貌')}：九个风貌区之一，{q(zh)}（规划未给出范围；示意点，仅为标注位置）。",
                "Strengthen the distinctive character of the border region and shape a townscape particular to "
                f"Arxan: one of the nine townscape zones, {en} (the plan gives no extent; the point is a "
                "schematic label anchor only).",
                cid,
                pt,
            )
        )
    return feats


# ============================================================================== central city (p.35)


def draw_central_city() -> list[dict]:
    p35 = (
        "schematic, drawn after the plan's 阿尔山市中心城区空间结构图 (p.35; the map is not in the text copy)"
    )
    wq, yi, lh, xc, port = (SEAT[s] for s in ("wenquan", "yirshi", "linhai", "xincheng", "port"))
    feats = [
        feature(
            "cc-core-city-centre",
            "温泉雪城城市中心",
            '"Hot Spring Snow City" city centre',
            "core",
            REF_CENTRAL,
            f"{p35} description '一核：温泉雪城城市中心'; a 1 km disc round the 温泉街道 seat ({SEATS}).",
            q("一核：温泉雪城城市中心。"),
            'One core: the "Hot Spring Snow City" city centre.',
            "city_centre",
            clip_area(disc(wq, 1.0)),
        )
    ]
    axes_q = q("双轴：依托主要公路形成的东西向的城镇发展轴和南北向的旅游发展轴。")
    axes_en = (
        "Two axes: an east–west urban development axis and a north–south tourism development axis, "
        "both formed along the main roads."
    )
    # 东西向城镇发展轴: port → 伊尔施/林海, the W–E valley road to the port (not digitised: straight).
    ew = LineString([offset(port, 60.0, 0.5), yi, offset(lh, 75.0, 1.5)])
    feats.append(
        feature(
            "cc-axis-east-west-urban",
            "东西向城镇发展轴",
            "East–west urban development axis",
            "axis",
            REF_CENTRAL,
            f"{p35} description '{axes_q}' Interpretation (the plan names no route): the W–E link from the port "
            "through 伊尔施 to 林海 (the urban groups 口岸, 伊尔施, 新城, 林海); straight, as no port road is digitised; "
            f"{SEATS}.",
            axes_q,
            axes_en,
            "east_west_urban_axis",
            clip_line(ew),
        )
    )
    # 南北向旅游发展轴: 伊尔施 → 温泉街 along G302 (roads.geojson), to 2 km past the city centre.
    ns = road_leg("g302", offset(yi, 0.0, 1.0), offset(wq, 200.0, 2.0))
    feats.append(
        feature(
            "cc-axis-north-south-tourism",
            "南北向旅游发展轴",
            "North–south tourism development axis",
            "axis",
            REF_CENTRAL,
            f"{p35} description '{axes_q}' Interpretation: the NNW–SSE G302 corridor from 伊尔施 to the 温泉街 city "
            "centre (geometry: road-g302 in data/sources/roads.geojson, generalised 300 m), chosen because it "
            "joins the 伊尔施 groups to the 温泉街 resort core.",
            axes_q,
            axes_en,
            "north_south_tourism_axis",
            clip_line(generalise(ns, 300)),
        )
    )
    groups_q = q("五组团：温泉街道、新城街道、林海街道、伊尔施街道、口岸等五个功能组团。")
    groups_en = (
        "Five groups: five functional groups — Wenquan Street, Xincheng, Linhai and Yirshi "
        "subdistricts and the port."
    )
    shared_zh = "结构图标签“公共服务提升”“功能聚集”“绿色农副产品加工”属于伊尔施、林海、新城中的某个或某些组团，归属未说明"
    shared_en = (
        "the labels 'better public services', 'concentration of functions' and 'green agricultural "
        "product processing' belong to one or more of Yirshi, Linhai and Xincheng, which is not "
        "stated"
    )
    groups = [
        (
            "wenquan",
            "温泉街道组团",
            "Wenquan Street group",
            "wenquan_group",
            wq,
            1.6,
            "结构图标签（本项目解读归属）：冰雪运动、温泉度假；会议会展、旅游休闲",
            (
                "map labels (our assignment): ice and snow sports, hot-spring holidays; conferences and "
                "exhibitions, tourism and leisure"
            ),
        ),
        (
            "xincheng",
            "新城街道组团",
            "Xincheng Subdistrict group",
            "xincheng_group",
            xc,
            0.7,
            f"结构图标签（本项目解读归属）：生态宜居；{shared_zh}",
            f"map label (our assignment): ecological liveability; {shared_en}",
        ),
        (
            "linhai",
            "林海街道组团",
            "Linhai Subdistrict group",
            "linhai_group",
            lh,
            0.7,
            f"结构图标签（本项目解读归属）：生态宜居；{shared_zh}",
            f"map label (our assignment): ecological liveability; {shared_en}",
        ),
        (
            "yirshi",
            "伊尔施街道组团",
            "Yirshi Subdistrict group",
            "yirshi_group",
            yi,
            0.7,
            f"结构图标签（本项目解读归属）：生态宜居；{shared_zh}",
            f"map label (our assignment): ecological liveability; {shared_en}",
        ),
        (
            "port",
            "口岸组团",
            "Port group",
            "port_group",
            port,
            1.2,
            "结构图标签（本项目解读归属）：边检、跨境旅游、互市贸易；国际物流、进口商品制造",
            (
                "map labels (our assignment): border inspection, cross-border tourism, border-resident trade; "
                "international logistics, manufacturing of imported goods"
            ),
        ),
    ]
    for gid, zh, en, cid, pt, km, labels_zh, labels_en in groups:
        seat_fid = SEATS_F[f"seat-{gid}"]["properties"]["fidelity"]
        feats.append(
            feature(
                f"cc-group-{gid}",
                zh,
                en,
                "group",
                REF_CENTRAL,
                f"{p35} description '五组团：…'; a {km} km disc round seat-{gid} ({SEATS}; fidelity there: "
                f"{seat_fid}). The plan gives neither the extent nor the land area of the groups (plan_silent "
                "in central_city.yaml); label assignment follows the interpretation in central_city.yaml.",
                f"{groups_q}{labels_zh}。",
                f"{groups_en} {labels_en[0].upper()}{labels_en[1:]}.",
                cid,
                clip_area(disc(pt, km)),
            )
        )
    return feats


# ============================================================================== port structure (p.39)

#: The port diagram's frame: the city lies N/NE of the border here; the road to 伊尔施 leaves at
#: about 65°. Transport axis inland along that bearing; industry axis across it.
PORT_INLAND_BEARING = 65.0


def draw_port_structure() -> list[dict]:
    p39 = (
        "schematic, drawn after the plan's 阿尔山口岸空间结构图 (p.39; the map is not in the text copy) around the "
        "port position in data/sources/seats.geojson (seat-port, approximate, uncertain by a few km "
        "along the border)"
    )
    port = SEAT["port"]
    b = PORT_INLAND_BEARING
    tourism_c = offset(port, b, 0.8)
    industry_c = offset(port, b, 4.0)
    feats = []
    cores_q = "两心：以跨境旅游、跨境贸易为核心的跨境旅游商贸核心及以跨境物流为核心的的产业发展核心。"
    q(cores_q)
    feats.append(
        feature(
            "ps-core-tourism-trade",
            "跨境旅游商贸核心",
            "Cross-border tourism and trade core",
            "core",
            REF_PORT,
            f"{p39}; a 0.4 km disc 0.8 km inland of the port (the gate side, where cross-border tourism and "
            "trade happen). Placement is diagrammatic.",
            q("以跨境旅游、跨境贸易为核心的跨境旅游商贸核心") + "。",
            "A cross-border tourism and trade core centred on cross-border tourism and trade.",
            "tourism_trade_core",
            clip_area(disc(tourism_c, 0.4), 0.01),
        )
    )
    feats.append(
        feature(
            "ps-core-industry",
            "产业发展核心",
            "Industrial development core",
            "core",
            REF_PORT,
            f"{p39}; a 0.4 km disc 4 km inland of the port along the road towards 伊尔施 (a logistics core away "
            "from the gate). Placement is diagrammatic. The plan's '的的' is quoted as printed.",
            q("以跨境物流为核心的的产业发展核心") + "。",
            "An industrial development core centred on cross-border logistics.",
            "industry_core",
            clip_area(disc(industry_c, 0.4), 0.01),
        )
    )
    axes_q = q("两轴：产业发展轴、交通发展轴。")
    feats.append(
        feature(
            "ps-axis-transport",
            "交通发展轴",
            "Transport development axis",
            "axis",
            REF_PORT,
            f"{p39}. The plan does not say where the axes run (plan_silent in port.yaml); interpretation: "
            f"inland from the port along bearing {b:.0f}° (the direction of the road to 伊尔施), 7 km, through "
            "both cores.",
            axes_q,
            "Two axes: an industrial development axis and a transport development axis.",
            "transport_axis",
            clip_line(LineString([port, offset(port, b, 7.0)])),
        )
    )
    feats.append(
        feature(
            "ps-axis-industry",
            "产业发展轴",
            "Industrial development axis",
            "axis",
            REF_PORT,
            f"{p39}. The plan does not say where the axes run; interpretation: a 5 km line across the transport "
            "axis through the industrial development core.",
            axes_q,
            "Two axes: an industrial development axis and a transport development axis.",
            "industry_axis",
            clip_line(LineString([offset(industry_c, b - 90, 2.5), offset(industry_c, b + 90, 2.5)])),
        )
    )
    groups_q = q("两组团：跨境旅游组团、产业聚集组团")
    feats.append(
        feature(
            "ps-group-tourism",
            "跨境旅游组团",
            "Cross-border tourism group",
            "group",
            REF_PORT,
            f"{p39}; a 1.2 km disc round the tourism-and-trade core (gate side). The plan gives no extent or "
            "land area (plan_silent in port.yaml).",
            groups_q + "。",
            "Two groups: a cross-border tourism group and an industrial agglomeration group.",
            "tourism_group",
            clip_area(disc(offset(port, b, 1.0), 1.2)),
        )
    )
    feats.append(
        feature(
            "ps-group-industry",
            "产业聚集组团",
            "Industrial agglomeration group",
            "group",
            REF_PORT,
            f"{p39}; a 1.5 km disc round the industrial development core. The plan gives no extent or land area.",
            groups_q + "。",
            "Two groups: a cross-border tourism group and an industrial agglomeration group.",
            "industry_group",
            clip_area(disc(industry_c, 1.5)),
        )
    )
    return feats


# ============================================================================== land projects (pp.28–30)


def draw_land_projects() -> list[dict]:
    p28 = "schematic, drawn after the plan's 国土空间综合整治规划图 (p.28; the map is not in the text copy)"
    p29 = "schematic, drawn after the plan's 生态修复规划图 (p.29; the map is not in the text copy)"
    p30 = "schematic, drawn after the plan's 林地资源保护规划图 text (p.30)"
    no_bounds = (
        "no township or subdistrict boundaries are public, so the zone is a disc round the seat, not the area"
    )
    tc, yi, wq, bl = SEAT["tianchi"], SEAT["yirshi"], SEAT["wenquan"], SEAT["bailang"]
    feats = []
    feats.append(
        feature(
            "lp-zone-rural-tianchi",
            "乡村全域土地综合整治区（天池镇）",
            "Comprehensive rural land consolidation zone (Tianchi Town)",
            "consolidation_zone",
            REF_CONSOLIDATION,
            f"{p28}: '天池镇' precedes '乡村全域土地综合整治区' (pairing per ecology.yaml); {no_bounds} (2.5 km round "
            f"seat-tianchi, {SEATS}).",
            f"整治分区：{q('乡村全域土地综合整治区')}——{q('天池镇')}（按第28页文字顺序配对）。",
            "Consolidation zone: comprehensive rural land consolidation zone — Tianchi Town (paired by the "
            "order of the text on p.28).",
            "rural_land_consolidation",
            clip_area(disc(tc, 2.5)),
        )
    )
    feats.append(
        feature(
            "lp-zone-urban-inefficient",
            "城镇低效用地综合整治区（伊尔施街道、温泉街道）",
            "Consolidation zone for inefficiently used urban land (Yirshi and Wenquan Street subdistricts)",
            "consolidation_zone",
            REF_CONSOLIDATION,
            f"{p28}: '伊尔施街道、温泉街道' precede '城镇低效用地综合整治区' (pairing per ecology.yaml); {no_bounds} (1.5 km discs "
            f"round seat-yirshi and seat-wenquan, {SEATS}).",
            f"整治分区：{q('城镇低效用地综合整治区')}——{q('伊尔施街道、温泉街道')}（按第28页文字顺序配对）。",
            "Consolidation zone: inefficiently used urban land — Yirshi and Wenquan Street subdistricts "
            "(paired by the order of the text on p.28).",
            "urban_inefficient_land",
            clip_area(disc(yi, 1.5).union(disc(wq, 1.5))),
        )
    )
    feats.append(
        feature(
            "lp-project-tianchi-linkage",
            "城乡建设用地增减挂钩天池镇项目",
            "Tianchi Town project linking the increase and decrease of urban and rural construction land",
            "consolidation_project",
            REF_CONSOLIDATION,
            f"{p28}: the label appears 4 times on p.28 (probably 4 map labels; recorded once per ecology.yaml). "
            "The sites are not given: one point at seat-tianchi stands for the project.",
            q("城乡建设用地增减挂钩天池镇项目") + "（第28页图上标注4次，位置未给出）。",
            "Tianchi Town project linking the increase and decrease of urban and rural construction land "
            "(labelled 4 times on p.28; sites not given).",
            "tianchi_land_linkage",
            tc,
        )
    )
    for sid, pt, zh, en, cid in (
        (
            "yirshi",
            yi,
            "阿尔山市伊尔施街道人居环境整治工程",
            "Yirshi Subdistrict living-environment improvement project",
            "yirshi_living_environment",
        ),
        (
            "wenquan",
            wq,
            "阿尔山市温泉街道人居环境整治工程",
            "Wenquan Street Subdistrict living-environment improvement project",
            "wenquan_living_environment",
        ),
    ):
        feats.append(
            feature(
                f"lp-project-{sid}-living",
                zh,
                en,
                "consolidation_project",
                REF_CONSOLIDATION,
                f"{p28}: one label on p.28; the site is not given, so the point is seat-{sid} ({SEATS}).",
                q(zh) + "。",
                en + ".",
                cid,
                pt,
            )
        )
    # Restoration zones (p.29)
    water_q = q(
        "水域生态修复重点区：哈拉哈河流域以森林水源涵养与修复等项目为主，洮儿河流域以河流廊道修复与生物多样性保护为主，包括中蒙界河河流廊道生态修复工程。"
    )
    feats.append(
        feature(
            "lp-zone-water-restoration",
            "水域生态修复重点区",
            "Key zone for water ecosystem restoration",
            "restoration_zone",
            REF_RESTORATION,
            f"{p29}: the zone covers the Halaha and Tao'er basins; {NO_EXTENT}. Drawn as 5 km bands along both "
            f"courses, {WDB}.",
            water_q,
            "Key zone for water ecosystem restoration: forest water conservation and restoration in the Halaha "
            "basin, river-corridor restoration and biodiversity protection in the Tao'er basin; includes the "
            "China–Mongolia boundary river corridor ecological restoration project.",
            "water_restoration_zone",
            clip_area(band(HALAHA, 5.0).union(band(TAOER, 5.0)), 1.0),
        )
    )
    # The border is part of the city boundary; lines "along the border" are drawn 0.6 km inside it:
    # the boundary pulled in by 0.6 km, kept where it is within 2 km of the border.
    inner_edge = _B_LOCAL.buffer(-600, quad_segs=4).boundary
    border_in = wgs(shapely.line_merge(inner_edge.intersection(local(BORDER).buffer(2000))))
    feats.append(
        feature(
            "lp-zone-forest-restoration",
            "林地生态修复重点区",
            "Key zone for forest ecosystem restoration",
            "restoration_zone",
            REF_RESTORATION,
            f"{p29}: the plan locates the zone only through its one named project, which runs along the "
            "China–Mongolia border; drawn as an 8 km strip inside the border "
            "(data/sources/open/border.geojson). The plan gives no extent; the real zone may be elsewhere or "
            "much larger (forest covers most of the city).",
            q(
                "林地生态修复重点区：以森林生态系统修复与生物多样性保护、林草资源保护为主，包括中蒙边界生态保护与生物多样性建设工程"
            )
            + "。",
            "Key zone for forest ecosystem restoration: restoring forest ecosystems, protecting biodiversity "
            "and forest and grassland resources; includes the China–Mongolia border ecological protection and "
            "biodiversity project.",
            "forest_restoration_zone",
            clip_area(band(border_in, 7.5), 1.0),
        )
    )
    feats.append(
        feature(
            "lp-zone-mine-restoration",
            "矿山生态修复重点区",
            "Key zone for mine ecological restoration",
            "restoration_zone",
            REF_RESTORATION,
            f"{p29}: located only through its named project in the Halaha source area; drawn as a 7 km disc "
            f"round the Halaha source ({HALAHA_SOURCE_CITE}). No mine sites are public; {NO_EXTENT}.",
            q(
                "矿山生态修复重点区：开展矿山地质环境治理、废弃矿山生态修复，包括哈拉哈河源头区矿山生态修复工程。"
            ),
            "Key zone for mine ecological restoration: remediation of the geological environment of mines and "
            "ecological restoration of abandoned mines; includes the Halaha River source-area mine ecological "
            "restoration project.",
            "mine_restoration_zone",
            clip_area(disc(HALAHA_SOURCE, 7.0)),
        )
    )
    # Restoration projects (p.29)
    # Boundary-river reach: the meandering part of the border from the Nömrög reach (south of the
    # port, lat ≥ 47.175) north-westwards past the Halaha confluence (RESEARCH.md seat-port).
    reach = border_in.intersection(shapely.box(119.0, 47.175, 120.0, 48.0))
    reach_in = wgs(local(reach).simplify(300))
    feats.append(
        feature(
            "lp-project-boundary-river",
            "中蒙界河河流廊道生态修复工程",
            "China–Mongolia boundary river corridor ecological restoration project",
            "restoration_project",
            REF_RESTORATION,
            f"{p29}: drawn 0.6 km inside the border-river reach of data/sources/open/border.geojson north of "
            "47.175°N (the Nömrög reach at the port and the Halaha after the Nömrög joins it, where it becomes "
            "the border river: RESEARCH.md seat-port, zh.wikipedia 哈拉哈河), simplified 300 m. Whether other "
            "reaches are included is not stated.",
            f"{q('水域生态修复重点区')}：……{q('包括中蒙界河河流廊道生态修复工程。')}",
            "Key zone for water ecosystem restoration: … includes the China–Mongolia boundary river corridor "
            "ecological restoration project.",
            "boundary_river_corridor",
            clip_line(reach_in),
        )
    )
    feats.append(
        feature(
            "lp-project-border-biodiversity",
            "中蒙边界生态保护与生物多样性建设工程",
            "China–Mongolia border ecological protection and biodiversity project",
            "restoration_project",
            REF_RESTORATION,
            f"{p29}: drawn 0.6 km inside the whole city section of the China–Mongolia border "
            "(data/sources/open/border.geojson, simplified 300 m); the project's extent is not given.",
            f"{q('林地生态修复重点区')}：……{q('包括中蒙边界生态保护与生物多样性建设工程')}。",
            "Key zone for forest ecosystem restoration: … includes the China–Mongolia border ecological "
            "protection and biodiversity project.",
            "border_biodiversity",
            clip_line(wgs(local(border_in).simplify(300))),
        )
    )
    feats.append(
        feature(
            "lp-project-halaha-source-mines",
            "哈拉哈河源头区矿山生态修复工程",
            "Halaha River source-area mine ecological restoration project",
            "restoration_project",
            REF_RESTORATION,
            f"{p29}: a 3 km disc round the Halaha source ({HALAHA_SOURCE_CITE}); the mine sites are not public.",
            f"{q('矿山生态修复重点区')}：……{q('包括哈拉哈河源头区矿山生态修复工程。')}",
            "Key zone for mine ecological restoration: … includes the Halaha River source-area mine ecological "
            "restoration project.",
            "halaha_source_mines",
            clip_area(disc(HALAHA_SOURCE, 3.0)),
        )
    )
    # 退耕还林 (p.30)
    ref_q = q("重点在天池镇北部、白狼镇和中心城区周边实施退耕还林项目")
    ref_en = (
        "Return-to-forest projects mainly in northern Tianchi Town, Bailang Town and around the central city."
    )
    core = hull_buffer([SEAT[s] for s in ("wenquan", "yirshi", "linhai", "xincheng")], 2.0)
    ring = wgs(local(core).buffer(4000, quad_segs=8).difference(local(core)))
    north = offset(tc, 0.0, 8.0)
    for fid, zh, en, geom, how in (
        (
            "tianchi-north",
            "退耕还林重点：天池镇北部",
            "Return-to-forest focus: northern Tianchi Town",
            disc(north, 4.0),
            (
                "a 4 km disc centred 8 km north of seat-tianchi: the town's territory is not public, so "
                "'northern part' is shown north of its seat"
            ),
        ),
        (
            "bailang",
            "退耕还林重点：白狼镇",
            "Return-to-forest focus: Bailang Town",
            disc(bl, 4.0),
            "a 4 km disc round seat-bailang (town territory not public)",
        ),
        (
            "central-city",
            "退耕还林重点：中心城区周边",
            "Return-to-forest focus: around the central city",
            ring,
            "a 4 km ring round the schematic central-city core (pattern-core-central-city)",
        ),
    ):
        feats.append(
            feature(
                f"lp-reforest-{fid}",
                zh,
                en,
                "reforestation_focus",
                REF_FOREST,
                f"{p30} '{ref_q}'; {how}. Where the unstable cropland actually lies is not public.",
                ref_q + "。",
                ref_en,
                "return_to_forest_areas",
                clip_area(geom),
            )
        )
    return feats


# ============================================================================== main

LAYERS = {
    "pattern.geojson": draw_pattern,
    "tourism_clusters.geojson": draw_tourism_clusters,
    "landscape_zones.geojson": draw_landscape_zones,
    "central_city.geojson": draw_central_city,
    "port_structure.geojson": draw_port_structure,
    "land_projects.geojson": draw_land_projects,
}


def main() -> int:
    for name, draw in LAYERS.items():
        feats = draw()
        ids = [f["properties"]["id"] for f in feats]
        if len(ids) != len(set(ids)):
            raise SystemExit(f"{name}: duplicate ids")
        check_inside(feats, name)
        write_feature_collection(SOURCES / name, feats)
        print(f"{name}: {len(feats)} features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
