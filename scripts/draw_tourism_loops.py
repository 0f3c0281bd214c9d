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
                sections.append({"label": "connector", "length": gap, "between": (pieces[i - 1][0], label)})
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
    """The ring, clockwise from 温泉街, through (within ``SCENIC_MAX_KM`` of) all six p.23 areas.

    温泉街 –G302 (shared with S203)→ 伊尔施 –S203 north→ its point nearest the port –straight→ 口岸
    and back the same way (the port is a dead end at the border: the loop goes out and back)
    → X313 → 天池 –S308→ 好森沟 –S203 (schematic 白狼–五岔沟 section, then the located S203)→
    白狼景区 → 白狼镇 –straight→ 奥伦布坎 –X432→ junction J on G302 → 温泉街.
    """
    g302, s203, x313 = road("road-g302"), road("road-s203"), road("road-x313")
    s308, s203s, x432 = road("road-s308"), road("road-s203-south"), road("road-x432")
    port = local("scenic-port", SCENIC)
    bailang_town = local("seat-bailang", SEATS)
    gaps = {}
    # G302 from junction J (where X432 leaves it, south of the city) north through 温泉街 to the
    # point nearest X313; in our road data G302 and S203 share the road between 温泉街 and 伊尔施.
    j_on_g302 = g302.project(Point(x432.coords[0]))
    g302_at, x313_at, gaps["g302_x313"] = nearest_positions(g302, x313)
    # Port out and back: S203 north from where G302 turns off towards X313 to S203's point
    # nearest the port (the port road starts on S203's 阿尔山–杜拉尔 section; it is not digitised),
    # then a straight connector to the port scenic area, and back the same way.
    yirshi_on_s203 = s203.project(g302.interpolate(g302_at))
    port_on_s203 = s203.project(port)
    junction_p = s203.interpolate(port_on_s203)
    gaps["s203_port"] = junction_p.distance(port)
    to_port = LineString([junction_p.coords[0], port.coords[0]])
    # X313 from 伊尔施 to its point nearest the 天池 end of S308 (S308 starts at the lake).
    tianchi_end = Point(s308.coords[0])
    x313_to = x313.project(tianchi_end)
    gaps["x313_s308"] = x313.interpolate(x313_to).distance(tianchi_end)
    # S308 天池 → 好森沟 only (its second chord, 好森沟 → 白狼镇, would pass 3.3 km from the 白狼
    # scenic area); from 好森沟 the ring takes S203: the schematic 白狼–五岔沟 section north-west
    # to its 白狼 end, then the located S203 past the 白狼 scenic area to 白狼镇.
    haosengou = local("scenic-haosengou", SCENIC)
    s308_to = s308.project(haosengou)
    s203s_at, gaps["s308_s203s"] = s203s.project(haosengou), s203s.distance(s308.interpolate(s308_to))
    s203_end, s203_bailang = s203.length, s203.project(bailang_town)
    # 白狼镇 → 奥伦布坎: no road digitised; the shortest connector to X432, which runs back to J.
    x432_at = x432.project(bailang_town)
    gaps["bailang_x432"] = bailang_town.distance(x432.interpolate(x432_at))
    pieces = [
        ("G302", cut(g302, j_on_g302, g302_at)),
        ("S203 north (out)", cut(s203, yirshi_on_s203, port_on_s203)),
        ("port connector (out)", to_port),
        ("port connector (back)", to_port.reverse()),
        ("S203 north (back)", cut(s203, port_on_s203, yirshi_on_s203)),
        ("X313", cut(x313, x313_at, x313_to)),
        ("S308", cut(s308, 0.0, s308_to)),
        ("S203 白狼–五岔沟", cut(s203s, s203s_at, 0.0)),
        ("S203", cut(s203, s203_end, s203_bailang)),
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
    ring = LineString(ring_coords + [ring_coords[0]])
    for sid, max_km in SCENIC_MAX_KM.items():
        off = ring.distance(local(sid, SCENIC)) / 1000.0
        if off > max_km:
            raise SystemExit(f"loop-grand passes {off:.1f} km from {sid} (at most {max_km} km)")
    return ring, sections, gaps


#: Page 23 names six scenic areas the grand loop links; the drawn loop must pass this close
#: (km) to each (the route planner's on-loop threshold, routes.OFF_LOOP_KM).
SCENIC_MAX_KM = {
    sid: 3.0
    for sid in (
        "scenic-aolunbukan",
        "scenic-wenquan-resort",
        "scenic-tianchi",
        "scenic-port",
        "scenic-bailang",
        "scenic-haosengou",
    )
}


FIDELITY = {
    "G302": "approximate",
    "S203 north (out)": "approximate",
    "S203 north (back)": "approximate",
    "X313": "approximate",
    "S308": "schematic",
    "S203 白狼–五岔沟": "schematic",
    "S203": "approximate",
    "X432": "schematic",
    "port connector (out)": "schematic",
    "port connector (back)": "schematic",
    "connector": "schematic",
}
SECTION_ZH = {
    "G302": "G302 {km}公里（大致位置；经温泉街，温泉街至伊尔施段与S203共线）",
    "S203 north (out)": "S203北段{km}公里（大致位置；往口岸方向，往返同路）",
    "port connector (out)": "S203至口岸直线连接{km}公里（示意；口岸公路未数字化，往返同路）",
    "port connector (back)": "口岸返回S203直线连接{km}公里（示意）",
    "S203 north (back)": "S203北段返回伊尔施{km}公里（大致位置）",
    "X313": "X313 {km}公里（大致位置；连接道路，规划未列）",
    "S308": "S308天池—好森沟{km}公里（示意）",
    "S203 白狼–五岔沟": "S203五岔沟—白狼段{km}公里（示意）",
    "S203": "S203经白狼景区至白狼镇{km}公里（大致位置）",
    "X432": "X432 {km}公里（示意）",
}
SECTION_EN = {
    "G302": "G302 {km} km (approximate; through 温泉街, shared with S203 from 温泉街 to 伊尔施)",
    "S203 north (out)": "S203 north {km} km (approximate; towards the port, out and back on the same road)",
    "port connector (out)": "straight connector S203–port {km} km (schematic; the port road is not digitised)",
    "port connector (back)": "straight connector port–S203 {km} km (schematic)",
    "S203 north (back)": "S203 north back to 伊尔施 {km} km (approximate)",
    "X313": "X313 {km} km (approximate; connector road, not named by the plan)",
    "S308": "S308 天池–好森沟 {km} km (schematic)",
    "S203 白狼–五岔沟": "S203 五岔沟–白狼 section {km} km (schematic)",
    "S203": "S203 past the 白狼 scenic area to 白狼镇 {km} km (approximate)",
    "X432": "X432 {km} km (schematic)",
}
#: Names of the straight connectors between two pieces (zh, en), keyed by (piece before, piece after).
CONNECTORS = {
    ("G302", "S203 north (out)"): ("G302转S203", "G302 to S203"),
    ("S203 north (back)", "X313"): ("伊尔施S203与X313之间", "S203 to X313 at 伊尔施"),
    ("X313", "S308"): ("X313至天池（S308起点）", "X313 to 天池 (start of S308)"),
    ("S308", "S203 白狼–五岔沟"): ("好森沟S308与S203之间", "S308 to S203 at 好森沟"),
    ("S203", "X432"): ("白狼镇至奥伦布坎（X432）", "白狼镇 to 奥伦布坎 (X432); no road digitised"),
}


def grand_loop_feature() -> dict:
    ring, sections, gaps = grand_loop()
    total = ring.length
    parts_en, parts_zh = [], []
    for s in sections:
        if s["label"] == "connector":
            a, b = s["between"]
            zh, en = CONNECTORS.get((a, b)) or CONNECTORS.get((b, a)) or (f"{a}与{b}之间", f"{a} – {b}")
            parts_en.append(f"straight connector {en} {km(s['length'])} km (schematic)")
            parts_zh.append(f"{zh}直线连接{km(s['length'])}公里（示意）")
        else:
            parts_en.append(SECTION_EN[s["label"]].format(km=km(s["length"])))
            parts_zh.append(SECTION_ZH[s["label"]].format(km=km(s["length"])))
    spur_km = km(
        sum(s["length"] for s in sections if s["label"].startswith(("S203 north", "port connector")))
    )
    source = (
        f"schematic overall: assembled by scripts/draw_tourism_loops.py from the road geometries of "
        f"data/sources/roads.geojson ({ROADS_CITE}). The plan (p.23) builds the loop on G302, S203, "
        f"S308 and X432 and says it links 奥伦布坎, 温泉街, 天池, 口岸, 白狼 and 好森沟, but gives no alignment "
        f"(transport.yaml plan_silent). The ring is drawn on the roads so that it passes within 3 km of "
        f"each of those six scenic areas (data/sources/scenic_areas.geojson). Clockwise from 温泉街: G302 "
        f"(road-g302; between 温泉街 and 伊尔施 the same road as S203, road-s203) north to 伊尔施; then out "
        f"to the port and back on the same way: S203 north (road-s203) to its point nearest the port, "
        f"then a straight connector of {km(gaps['s203_port'])} km to the port scenic area (scenic-port). "
        f"No port road is digitised; the port road is known only to start on S203's 阿尔山–杜拉尔 section "
        f"(https://newton.com.tw/wiki/%E9%98%BF%E7%88%BE%E5%B1%B1%E5%8F%A3%E5%B2%B8/6627695), and the "
        f"port lies at the border, so the loop goes there and back ({spur_km} km in all). Then X313 "
        f"(road-x313, the documented 伊尔施–天池 road, used because the four numbered roads do not meet "
        f"there; a straight line would cross the forest park) → S308 (road-s308, itself schematic) 天池 → "
        f"好森沟 → S203: the schematic 白狼–五岔沟 section (road-s203-south) north-west to its 白狼 end, then "
        f"the located S203 past the 白狼 scenic area to 白狼镇 → a straight connector of "
        f"{km(gaps['bailang_x432'])} km to 奥伦布坎 (no road digitised; travel notes visit 奥伦布坎 and 白狼峰 "
        f"in sequence, https://bh2255.com/zh-hans/articles/travel-notes-aershan-journey-heart-1 and "
        f"http://authenticallynatalie.com/arxan/200252404036272128, and the plan pairs them in "
        f"白狼奥伦布坎国家湿地公园, p.15) → X432 (road-x432, schematic) → junction J on G302 south of the city. "
        f"Other straight connectors where the roads do not meet: G302/S203–X313 {km(gaps['g302_x313'])} km "
        f"at 伊尔施; X313–S308 {km(gaps['x313_s308'])} km at 天池; S308–S203 {km(gaps['s308_s203s'])} km at "
        f"好森沟. The S203 section 温泉街–白狼镇 is not on the ring: with X432 on it, S203 would make a "
        f"second ring. Fidelity = the weakest part (schematic)."
    )
    description_en = (
        f"The grand tourism loop (plan p.23: G302, S203, S308, X432), schematic, {km(total)} km as drawn, "
        f"including the out-and-back run to the port. Sections clockwise from junction J on G302 south of "
        f"the city: "
        + "; ".join(parts_en)
        + ". Drawn within 3 km of the six scenic areas p.23 names. Distances along it are approximate; "
        "the loop's alignment is not published."
    )
    description_zh = (
        f"全域大环线（规划第23页：G302、S203、S308、X432），示意线，按示意线长约{km(total)}公里（含往返口岸段）。"
        f"自城区以南G302上的路口（J）起顺时针各段："
        + "；".join(parts_zh)
        + "。示意线距第23页所列六处景区均不超过3公里。沿线距离均为估算，规划未公布环线线位。"
    )
    return feature(
        "loop-grand",
        "全域大环线",
        "Grand tourism loop",
        "grand_loop",
        ring,
        source,
        description_zh,
        description_en,
        "grand_loop",
    )


# ------------------------------------------------------------------------------ inner loops


def to_wgs(geom):
    return geo.round_coords(geo.from_local(geom), 5)


def feature(
    fid, name_zh, name_en, kind, geom_local, source, description_zh, description_en, catalog_id
) -> dict:
    geom = to_wgs(geom_local)
    if not geo.buffer_km(BOUNDARY, 0.8).contains(geom):
        raise SystemExit(f"{fid}: drawn outside the city")
    props = {
        "id": fid,
        "name_zh": name_zh,
        "name_en": name_en,
        "kind": kind,
        "plan_ref": PLAN_REF,
        "status": None,
        "fidelity": "schematic",
        "source": source,
        "description_zh": description_zh,
        "description_en": description_en,
        "catalog_id": catalog_id,
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
        "loop-water",
        "水上旅游专线",
        "Dedicated water tourism line",
        "inner_loop",
        line,
        source,
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
        "loop-low-altitude",
        "低空游览专线",
        "Dedicated low-altitude sightseeing route",
        "inner_loop",
        ring,
        source,
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
        "loop-train",
        "观光小火车",
        "Sightseeing mini-train",
        "inner_loop",
        line,
        source,
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
        "loop-cycling",
        "骑行环线",
        "Cycling loop",
        "inner_loop",
        ring,
        source,
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
        "loop-forest-bathing",
        "森林浴道",
        "Forest-bathing trail",
        "inner_loop",
        ring,
        source,
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
            out += [
                (0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1),
                (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1),
            ]
        if not closed:
            out.append(pts[-1])
        pts = out
    return pts + [pts[0]] if closed else pts


def main() -> None:
    features = [
        grand_loop_feature(),
        water_line(),
        low_altitude(),
        sightseeing_train(),
        cycling_loop(),
        forest_bathing(),
    ]
    write_feature_collection(OUT, features)
    for f in features:
        g = shape(f["geometry"])
        print(f"{f['properties']['id']:22} {g.geom_type:11} {geo.length_km(g):6.1f} km  closed={g.is_closed}")


if __name__ == "__main__":
    main()
