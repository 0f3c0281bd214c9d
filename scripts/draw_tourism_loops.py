"""Draw the tourism loops (plan p.23) as data/sources/tourism_loops.geojson.

Run from the repository root:  .venv/bin/python scripts/draw_tourism_loops.py

* The 全域大环线 (grand loop) is ONE closed LineString assembled from the road geometries in
  data/sources/roads.geojson: the plan names G302, S203, S308 and X432 (p.23). Where two pieces
  do not meet, they are joined by the shortest straight connector between them, except between
  伊尔施 and 天池, where the documented road X313 is used (a 45 km straight line through the
  forest park would be no road at all). Every connector is measured and named in ``source``;
  the fidelity of the loop is the weakest of its parts (``schematic``), and the description
  gives each section's fidelity and length. The loop starts and ends at 温泉街 and runs
  clockwise on the map.
* The five inner loops (水上旅游专线, 低空游览专线, 观光小火车, 骑行环线, 森林浴道) have no route in
  the plan (transport.yaml ``plan_silent``): each is a schematic line placed near what public
  sources associate with it, with the reason in ``source``.

Re-running after a change in roads, scenic areas, seats, railways, airports or rivers propagates
the change. data/sources/RESEARCH.md ("Tourism loops") records the decisions.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point, mapping, shape
from shapely.ops import substring

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arshan_data.geodata import geo  # noqa: E402
from arshan_data.geodata.sources import read_feature_collection, write_feature_collection  # noqa: E402

SOURCES = ROOT / "data" / "sources"
OUT = SOURCES / "tourism_loops.geojson"
PLAN_REF = "01.综合交通体系 p.23"
#: Two road pieces closer than this (metres) are taken to meet; no connector is drawn.
SNAP_M = 50.0
#: Half-width of the low-altitude circuit (metres): out north of the Halaha valley, back south.
CIRCUIT_HALF_WIDTH_M = 4000.0
ROADS_CITE = "road geometry from data/sources/roads.geojson (see RESEARCH.md 'Road geometry')"


# ------------------------------------------------------------------------------ inputs

def load(name: str) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in read_feature_collection(SOURCES / name)}


ROADS = load("roads.geojson")
SCENIC = load("scenic_areas.geojson")
SEATS = load("seats.geojson")
RAIL = load("railways.geojson")
STATIONS = load("stations.geojson")
AIRPORTS = load("airports.geojson")
RIVERS = load("open/rivers.geojson")
BOUNDARY = shapely.union_all([shape(f["geometry"]) for f in load("open/city_boundary.geojson").values()])


def local(fid: str, features: dict[str, dict]):
    return geo.to_local(shape(features[fid]["geometry"]))


def road(fid: str) -> LineString:
    return local(fid, ROADS)


def km(metres: float) -> str:
    return f"{metres / 1000:.1f}"


# ------------------------------------------------------------------------------ grand loop

def cut(line: LineString, a: float, b: float) -> LineString:
    """The part of ``line`` between positions ``a`` and ``b`` (metres), reversed when b < a."""
    return substring(line, a, b)


def join(pieces: list[tuple[str, LineString]]) -> tuple[list[tuple[float, float]], list[dict]]:
    """Chain road pieces (each already cut and oriented) into one ring, with connectors.

    Returns the ring's coordinates and a list of sections (label, kind, length in metres).
    Consecutive pieces that do not meet (gap > SNAP_M) are joined by the straight segment
    between the end of one and the start of the next.
    """
    coords: list[tuple[float, float]] = []
    sections: list[dict] = []
    for i, (label, piece) in enumerate(pieces):
        pts = list(piece.coords)
        if coords:
            gap = Point(coords[-1]).distance(Point(pts[0]))
            if gap > SNAP_M:
                sections.append({"label": "connector", "length": gap,
                                 "between": (pieces[i - 1][0], label)})
            else:
                pts = pts[1:]
        coords += pts
        sections.append({"label": label, "length": piece.length})
    gap = Point(coords[-1]).distance(Point(coords[0]))
    if gap > SNAP_M:
        sections.append({"label": "connector", "length": gap, "between": (pieces[-1][0], pieces[0][0])})
    coords.append(coords[0])
    return coords, sections


def nearest_positions(a: LineString, b: LineString) -> tuple[float, float, float]:
    """Positions on a and b of the shortest line between them, and its length (metres)."""
    pa, pb = shapely.shortest_line(a, b).coords
    return a.project(Point(pa)), b.project(Point(pb)), Point(pa).distance(Point(pb))


def grand_loop() -> tuple[LineString, list[dict], dict[str, float]]:
    g302, x313, s308, x432 = road("road-g302"), road("road-x313"), road("road-s308"), road("road-x432")
    gaps = {}
    # G302 from junction J (where X432 leaves it, south of the city) north through 温泉街 to the
    # point nearest X313; in our road data G302 and S203 share the road between 温泉街 and 伊尔施.
    j_on_g302 = g302.project(Point(x432.coords[0]))
    g302_at, x313_at, gaps["g302_x313"] = nearest_positions(g302, x313)
    # X313 from 伊尔施 to its point nearest the 天池 end of S308 (S308 starts at the lake).
    tianchi_end = Point(s308.coords[0])
    x313_to, s308_at = x313.project(tianchi_end), 0.0
    gaps["x313_s308"] = x313.interpolate(x313_to).distance(tianchi_end)
    # S308 (天池 → 好森沟 → 白狼), then the shortest connector to X432, which runs back to J.
    s308_to, x432_at, gaps["s308_x432"] = nearest_positions(s308, x432)
    pieces = [
        ("G302", cut(g302, j_on_g302, g302_at)),
        ("X313", cut(x313, x313_at, x313_to)),
        ("S308", cut(s308, s308_at, s308_to)),
        ("X432", cut(x432, x432_at, 0.0)),
    ]
    coords, sections = join(pieces)
    ring = LineString(coords)
    if shapely.LinearRing(coords).is_ccw:  # store it clockwise on the map
        ring = ring.reverse()
        sections = sections[::-1]
    # Start (and end) at 温泉街: rotate the ring to the vertex nearest the subdistrict seat.
    wenquan = local("seat-wenquan", SEATS)
    ring_coords = list(ring.coords)[:-1]
    start = min(range(len(ring_coords)), key=lambda k: Point(ring_coords[k]).distance(wenquan))
    ring_coords = ring_coords[start:] + ring_coords[:start]
    return LineString(ring_coords + [ring_coords[0]]), sections, gaps


FIDELITY = {"G302": "approximate", "X313": "approximate", "S308": "schematic", "X432": "schematic",
            "connector": "schematic"}


def grand_loop_feature() -> dict:
    ring, sections, gaps = grand_loop()
    total = ring.length
    parts_en, parts_zh = [], []
    for s in sections:
        if s["label"] == "connector":
            a, b = s["between"]
            parts_en.append(f"straight connector {a}–{b} {km(s['length'])} km (schematic)")
            parts_zh.append(f"{a}与{b}之间直线连接{km(s['length'])}公里（示意）")
        elif s["label"] == "X313":
            parts_en.append(f"X313 {km(s['length'])} km (approximate; connector road, not named by the plan)")
            parts_zh.append(f"X313 {km(s['length'])}公里（大致位置；连接道路，规划未列）")
        else:
            f = FIDELITY[s["label"]]
            shared = "; through 温泉街, shared with S203 from 温泉街 to 伊尔施" if s["label"] == "G302" else ""
            shared_zh = "，经温泉街，温泉街至伊尔施段与S203共线" if s["label"] == "G302" else ""
            parts_en.append(f"{s['label']} {km(s['length'])} km ({f}{shared})")
            parts_zh.append(f"{s['label']} {km(s['length'])}公里（{'大致位置' if f == 'approximate' else '示意'}{shared_zh}）")
    source = (
        f"schematic overall: assembled by scripts/draw_tourism_loops.py from the road geometries of "
        f"data/sources/roads.geojson ({ROADS_CITE}). The plan (p.23) builds the loop on G302, S203, "
        f"S308 and X432 but gives no alignment (transport.yaml plan_silent). Ring, clockwise from 温泉街: "
        f"G302 (road-g302; between 温泉街 and 伊尔施 the same road as S203, road-s203) north to 伊尔施 → "
        f"X313 (road-x313, the documented 伊尔施–天池 road, used as the connector because the four "
        f"numbered roads do not meet there; a straight line would cross the forest park) → S308 "
        f"(road-s308, itself schematic) 天池 → 好森沟 → 白狼 → X432 (road-x432, schematic) → junction J "
        f"on G302 south of the city. Connectors where the roads do not meet (shortest straight line "
        f"between the pieces): G302–X313 {km(gaps['g302_x313'])} km at 伊尔施; X313–S308 "
        f"{km(gaps['x313_s308'])} km at 天池; S308–X432 {km(gaps['s308_x432'])} km between 白狼 and "
        f"奥伦布坎 (no road digitised; travel notes visit 奥伦布坎 and 白狼峰 in sequence, "
        f"https://bh2255.com/zh-hans/articles/travel-notes-aershan-journey-heart-1 and "
        f"http://authenticallynatalie.com/arxan/200252404036272128, and the plan pairs them in "
        f"白狼奥伦布坎国家湿地公园, p.15). The S203 section 温泉街–白狼 is not on the ring: with X432 on "
        f"it, S203 would make a second ring. Fidelity = the weakest part (schematic)."
    )
    description_en = (
        f"The grand tourism loop (plan p.23: G302, S203, S308, X432), {km(total)} km as drawn. "
        f"Sections clockwise from junction J on G302 south of the city: " + "; ".join(parts_en)
        + ". Distances along it are approximate; the loop's alignment is not published."
    )
    description_zh = (
        f"全域大环线（规划第23页：G302、S203、S308、X432），按示意线长约{km(total)}公里。"
        f"自城区以南G302上的路口（J）起顺时针各段：" + "；".join(parts_zh) + "。沿线距离均为估算，规划未公布环线线位。"
    )
    return feature(
        "loop-grand", "全域大环线", "Grand tourism loop", "grand_loop", ring, source,
        description_zh, description_en, "grand_loop",
    )


# ------------------------------------------------------------------------------ inner loops

def to_wgs(geom):
    return geo.round_coords(geo.from_local(geom), 5)


def feature(fid, name_zh, name_en, kind, geom_local, source, description_zh, description_en,
            catalog_id) -> dict:
    geom = to_wgs(geom_local)
    if not geo.buffer_km(BOUNDARY, 0.8).contains(geom):
        raise SystemExit(f"{fid}: drawn outside the city")
    props = {
        "id": fid, "name_zh": name_zh, "name_en": name_en, "kind": kind, "plan_ref": PLAN_REF,
        "status": None, "fidelity": "schematic", "source": source,
        "description_zh": description_zh, "description_en": description_en, "catalog_id": catalog_id,
    }
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


NO_ROUTE = "schematic: the plan names this line (p.23) but gives no route (transport.yaml plan_silent)."


def water_line() -> dict:
    """Along the Halaha from the forest-park reach (where X313 follows the river) down to 伊尔施."""
    halaha = local("river-halaha", RIVERS)
    x313 = road("road-x313")
    yirshi = local("seat-yirshi", SEATS)
    # Upstream end: the river point nearest the X313 vertex farthest up the valley that is
    # still within 3 km of the river (the road follows the river through the forest park).
    dense = x313.segmentize(200.0)
    near = [Point(c) for c in dense.coords if Point(c).distance(halaha) <= 3000.0]
    upstream = max(near, key=lambda p: p.x)
    a, b = halaha.project(upstream), halaha.project(yirshi)
    line = substring(halaha, min(a, b), max(a, b))
    source = (
        f"{NO_ROUTE} Placed on the Halaha River (course from CIA World Data Bank II via "
        f"data/sources/open/rivers.geojson, good to a few km) from the forest-park reach, where X313 "
        f"runs along the river, down to 伊尔施. Reasons: rafting is offered on the Halaha's middle "
        f"and lower reaches, 'ten-odd minutes' drive from Arxan' (https://travel.isgoodgood.cn/"
        f"neimenggu-look/xinganmeng-look/8240.html), and '哈拉哈水上漂游' at the 27th bridge on the "
        f"forest-park road (http://www.icaiaat.com/jingdian/24275); the plan's 哈拉哈河生态文旅产业带 "
        f"(p.19) follows the same river. Not a surveyed waterway."
    )
    return feature(
        "loop-water", "水上旅游专线", "Dedicated water tourism line", "inner_loop", line, source,
        f"内部小环线之一（规划第23页“水上旅旅游专线”）。规划未给出线路；示意沿哈拉哈河自森林公园河段至伊尔施，约{km(line.length)}公里。",
        f"One of the inner loops (p.23). The plan gives no route; drawn schematically along the Halaha "
        f"from the forest-park reach to Yirshi, about {km(line.length)} km.",
        "water_tourism_line",
    )


def low_altitude() -> dict:
    """A sightseeing circuit from 伊尔施 airport over 天池 and back over the Halaha valley."""
    airport = local("airport-yirshi", AIRPORTS)
    tianchi = local("scenic-tianchi", SCENIC)
    # An ellipse whose long axis runs from the airport to the lake: out on one side, back on
    # the other (over the Halaha valley), passing exactly over both.
    cx, cy = (airport.x + tianchi.x) / 2, (airport.y + tianchi.y) / 2
    half = airport.distance(tianchi) / 2
    ux, uy = (tianchi.x - airport.x) / (2 * half), (tianchi.y - airport.y) / (2 * half)
    coords = []
    for k in range(48):
        t = math.pi + 2 * math.pi * k / 48  # start at the airport
        along, across = half * math.cos(t), CIRCUIT_HALF_WIDTH_M * math.sin(t)
        coords.append((cx + along * ux - across * uy, cy + along * uy + across * ux))
    ring = LineString(coords + [coords[0]])
    source = (
        f"{NO_ROUTE} Drawn as a closed circuit from 伊尔施 airport (airport-yirshi, OpenFlights "
        f"position) over the 天池 crater lake (scenic-tianchi) and back over the Halaha valley. "
        f"Reasons: the plan upgrades 伊尔施 airport and plans the 五岔沟 general-aviation airport (p.21–22), "
        f"the only aviation bases it names; the volcanic lakes of the geopark are the area's best-known "
        f"aerial sight. No public flight route for Arxan was found."
    )
    return feature(
        "loop-low-altitude", "低空游览专线", "Dedicated low-altitude sightseeing route", "inner_loop",
        ring, source,
        f"内部小环线之一（规划第23页）。规划未给出航线；示意为自伊尔施机场经天池上空返回的环线，约{km(ring.length)}公里。",
        f"One of the inner loops (p.23). The plan gives no route; drawn schematically as a circuit from "
        f"Yirshi airport over Tianchi and back, about {km(ring.length)} km.",
        "low_altitude_route",
    )


def sightseeing_train() -> dict:
    """On the Bai–A railway between 阿尔山站 and 白狼."""
    rail = local("rail-baia", RAIL)
    station = local("sta-arxan", STATIONS)
    bailang = local("seat-bailang", SEATS)
    a, b = rail.project(station), rail.project(bailang)
    line = substring(rail, a, b)
    source = (
        f"{NO_ROUTE} Placed on the Bai–A railway (rail-baia, itself schematic) between 阿尔山站 "
        f"(sta-arxan) and 白狼 (seat-bailang). Reasons: 阿尔山站 (1937) is itself a visited sight "
        f"('中国最美火车站', e.g. http://jiangsulong.com/a/2020/0729/0H9162MI2020_2.html) and lies in the "
        f"central city; the line continues to 白狼, the plan's forest-folk culture town (p.18–19), past "
        f"the 南兴安 tunnel relics. Whether the plan means a new line or trips on an existing railway "
        f"is not said."
    )
    return feature(
        "loop-train", "观光小火车", "Sightseeing mini-train", "inner_loop", line, source,
        f"内部小环线之一（规划第23页）。规划未给出线路；示意沿白阿铁路自阿尔山站至白狼，约{km(line.length)}公里。",
        f"One of the inner loops (p.23). The plan gives no route; drawn schematically on the Bai–A "
        f"railway from Arxan station to Bailang, about {km(line.length)} km.",
        "sightseeing_train",
    )


def cycling_loop() -> dict:
    """Round the central city on existing roads: 温泉街 → 伊尔施 on G302/S203, south on the G331
    western bypass to junction J, and north on G302 back to 温泉街."""
    g302, g331, x432 = road("road-g302"), road("road-g331"), road("road-x432")
    wenquan, yirshi = local("seat-wenquan", SEATS), local("seat-yirshi", SEATS)
    j = Point(x432.coords[0])  # junction J on G302 south of the city
    a, b = g302.project(wenquan), g302.project(yirshi)
    north = substring(g302, a, b)
    # G331 runs north → south: from its point nearest the north end down to J.
    c, d = g331.project(Point(north.coords[-1])), g331.project(j)
    bypass = substring(g331, c, d)
    back = substring(g302, g302.project(j), a)
    coords = list(north.coords) + list(bypass.coords) + list(back.coords)
    ring = LineString(coords)
    if Point(coords[0]).distance(Point(coords[-1])) > SNAP_M:
        raise SystemExit("cycling loop does not close")
    ring = LineString(coords[:-1] + [coords[0]])
    source = (
        f"{NO_ROUTE} Drawn on existing roads round the central city (plan p.18: 温泉街, 伊尔施, 林海, "
        f"新城 and the port): north from 温泉街 to 伊尔施 on G302/S203 (road-g302), south on the G331 "
        f"western bypass (road-g331) to junction J south of the city, and north on G302 back to 温泉街. "
        f"Reasons: it links the four subdistricts and the 阿尔山站 area without a new alignment; cyclists' "
        f"logs document these roads (https://www.meipian.cn/5e0vi0ko ; the 18 km 阿尔山站–伊尔施 figure "
        f"in RESEARCH.md). Not a designated cycle route."
    )
    return feature(
        "loop-cycling", "骑行环线", "Cycling loop", "inner_loop", ring, source,
        f"内部小环线之一（规划第23页）。规划未给出线路；示意为沿既有道路环绕中心城区（温泉街—伊尔施）的环线，约{km(ring.length)}公里。",
        f"One of the inner loops (p.23). The plan gives no route; drawn schematically on existing roads "
        f"round the central city (Wenquan Street–Yirshi), about {km(ring.length)} km.",
        "cycling_loop",
    )


def forest_bathing() -> dict:
    """A short closed trail beside 好森沟 national forest park's point."""
    haosengou = local("scenic-haosengou", SCENIC)
    s308 = road("road-s308")
    # Centre 3 km from the park point, on the side away from S308, radius 1.5 km.
    near = s308.interpolate(s308.project(haosengou))
    dx, dy = haosengou.x - near.x, haosengou.y - near.y
    norm = (dx * dx + dy * dy) ** 0.5
    if norm < 1.0:  # the point is on the road: step east, between the road's two arms
        dx, dy, norm = 1.0, 0.0, 1.0
    centre = Point(haosengou.x + 3000.0 * dx / norm, haosengou.y + 3000.0 * dy / norm)
    ring = LineString(centre.buffer(1500.0, quad_segs=4).exterior.coords)
    ring = LineString(chaikin(list(ring.coords)[:-1], rounds=2, closed=True))
    source = (
        f"{NO_ROUTE} Drawn as a short closed trail (about {km(ring.length)} km) beside 好森沟 "
        f"(scenic-haosengou, itself schematic). Reasons: the plan calls 好森沟 a national forest park "
        f"(p.15) and asks for its tourism facilities to be raised to 5A requirements (p.30); forest "
        f"bathing belongs in such a park. No published trail was found."
    )
    return feature(
        "loop-forest-bathing", "森林浴道", "Forest-bathing trail", "inner_loop", ring, source,
        f"内部小环线之一（规划第23页）。规划未给出线路；示意为好森沟国家森林公园旁的短程环形步道，约{km(ring.length)}公里。",
        f"One of the inner loops (p.23). The plan gives no route; drawn schematically as a short "
        f"circular trail by Haosengou national forest park, about {km(ring.length)} km.",
        "forest_bathing_trail",
    )


def chaikin(coords: list[tuple[float, float]], rounds: int = 2, closed: bool = False):
    """Corner-cutting smoothing; closed rings come back closed."""
    pts = list(coords)
    for _ in range(rounds):
        out = [] if closed else [pts[0]]
        n = len(pts) if closed else len(pts) - 1
        for i in range(n):
            (x0, y0), (x1, y1) = pts[i], pts[(i + 1) % len(pts)]
            out += [(0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1),
                    (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1)]
        if not closed:
            out.append(pts[-1])
        pts = out
    return pts + [pts[0]] if closed else pts


def main() -> None:
    features = [grand_loop_feature(), water_line(), low_altitude(), sightseeing_train(),
                cycling_loop(), forest_bathing()]
    write_feature_collection(OUT, features)
    for f in features:
        g = shape(f["geometry"])
        print(f"{f['properties']['id']:22} {g.geom_type:11} {geo.length_km(g):6.1f} km  closed={g.is_closed}")


if __name__ == "__main__":
    main()
