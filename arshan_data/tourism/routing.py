"""Route planning along the 全域大环线 (grand tourism loop) by linear referencing. Pure functions.

The loop is one closed line. Every place (scenic area, town seat) is projected onto it in
metres (``geo.to_local``): its *chainage* is the distance along the loop from the loop's first
vertex. A place farther than ``OFF_LOOP_KM`` from the loop is *off-loop*: it is reached by a
spur along its stated access road (scenic areas: the ``access_road`` column), from the point
where that road meets the loop, plus a straight remainder where no road is digitised; the spur
is driven out and back. An off-loop place without a known access road is reported, not routed.

A route visits the chosen stops in one direction round the loop (clockwise or
counter-clockwise on the map), in the order they come, optionally returning to the start;
``direction="auto"`` takes the shorter. Each leg lists the roads it runs on (found by matching
the loop to the roads layer), its length and an estimated driving time from ``SPEEDS_KMH``.

Every distance is approximate: the loop is partly schematic (see its ``source``), and times
use speeds we assume (the plan gives none).

    >>> net = build_network(loops, roads, scenic_areas, seats)       # once per data version
    >>> route = plan_route(net, ["scenic-tianchi", "scenic-port"], start="seat-wenquan")
    >>> route.total_km, route.direction, [leg.to_id for leg in route.legs]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping
from shapely.ops import substring

from arshan_data.geodata import geo
from arshan_data.geodata.layers import OFF_LOOP_KM  # a place farther off the loop is off-loop

#: Average driving speeds (km/h) per road class. OUR ASSUMPTIONS, not the plan's (it gives no
#: speeds): typical for the road class in a mountain and forest area, below the legal limits.
#: ``connector`` = a loop section where no road is digitised (drawn straight between two roads);
#: ``spur`` = the straight last part of an access to an off-loop place (no road digitised).
#: The page shows this table.
SPEEDS_KMH: dict[str, float] = {
    "expressway": 90.0,
    "national": 70.0,
    "provincial": 60.0,
    "county": 40.0,
    "connector": 40.0,
    "spur": 30.0,
}
ROAD_CLASS_ORDER = ("expressway", "national", "provincial", "county")
#: A road within this distance of the loop is taken to run along it or to meet it (metres).
JOIN_TOLERANCE_M = 300.0
#: A road runs *along* the loop where their directions differ by less than ~25° (cos 0.9).
PARALLEL_COS = 0.9
#: Roads this much farther from the loop than the nearest one are taken to run beside it, not on
#: it (metres); nearer ones share the section (e.g. G302 and S203 drawn on the same road).
CO_ALIGNED_M = 80.0
#: Loop sections shorter than this (metres) are merged into the previous one (junction noise).
MIN_SECTION_M = 2000.0
#: Town seats have no stated access road: the nearest existing road within this distance that
#: meets the loop is used.
SEAT_ACCESS_MAX_KM = 15.0
#: A stop this close behind the start (metres; town scale) is reached by a short step back,
#: not by going round the whole loop.
SAME_SPOT_M = 1500.0
DIRECTIONS = ("clockwise", "counterclockwise")
FIDELITY_RANK = {"surveyed": 0, "approximate": 1, "schematic": 2}


class RouteError(ValueError):
    """A route request that cannot be planned; ``code`` and ``ids`` let a page say it in its language."""

    def __init__(self, code: str, message: str, ids: Sequence[str] = (), valid: Sequence[str] = ()):
        super().__init__(message)
        self.code = code
        self.ids = tuple(ids)
        self.valid = tuple(valid)


# ----------------------------------------------------------------------------- the network


@dataclasses.dataclass(frozen=True)
class Section:
    """A stretch of the loop on the same road(s): chainage ``start_m``–``end_m``."""

    start_m: float
    end_m: float
    refs: tuple[str, ...]  # e.g. ("G302", "S203"); () for a connector
    road_class: str  # national | provincial | county | ... | connector
    fidelity: str

    @property
    def label(self) -> str:
        return "/".join(self.refs) if self.refs else "connector"


@dataclasses.dataclass(frozen=True)
class Spur:
    """How an off-loop place is reached from the loop (one way)."""

    road_id: str
    ref: str
    road_class: str
    along_m: float  # along the access road
    straight_m: float  # straight, where no road is digitised
    geometry: LineString  # local metres, from the loop to the place

    @property
    def length_m(self) -> float:
        return self.along_m + self.straight_m


@dataclasses.dataclass(frozen=True)
class Place:
    id: str
    name_zh: str
    name_en: str
    kind: str  # scenic_area | seat
    lonlat: tuple[float, float]
    chainage_m: float  # where it (or its spur) meets the loop
    offset_m: float  # straight-line distance to the loop
    spur: Spur | None
    reachable: bool
    reason: str = ""  # why an off-loop place is not reachable

    @property
    def on_loop(self) -> bool:
        return self.reachable and self.spur is None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclasses.dataclass(frozen=True)
class Network:
    loop_id: str
    line: LineString  # local metres, closed
    length_m: float
    sections: tuple[Section, ...]
    #: True when increasing chainage runs clockwise on the map.
    forward_is_clockwise: bool
    places: dict[str, Place]
    threshold_m: float

    @property
    def scenic_ids(self) -> tuple[str, ...]:
        return tuple(pid for pid, p in self.places.items() if p.kind == "scenic_area")

    @property
    def start_ids(self) -> tuple[str, ...]:
        """Places a route can start from: every reachable scenic area and seat."""
        return tuple(pid for pid, p in self.places.items() if p.reachable)

    @property
    def length_km(self) -> float:
        return self.length_m / 1000.0


def _records(frame) -> list[dict]:
    """Rows of a GeoDataFrame (or an iterable of dicts) as dicts with a ``geometry``."""
    if hasattr(frame, "to_dict"):
        return frame.to_dict("records")
    return list(frame)


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _single_line(geom) -> LineString:
    if isinstance(geom, MultiLineString):
        merged = shapely.line_merge(geom)
        if isinstance(merged, LineString):
            return merged
        return max(merged.geoms, key=lambda g: g.length)
    return geom


def build_network(loops, roads, scenic_areas, seats=(), *, threshold_km: float = OFF_LOOP_KM) -> Network:
    """The loop, its road sections and every place's position on it (all in local metres).

    ``loops``: features with ``kind == "grand_loop"`` (exactly one, a closed line);
    ``roads``: features with ``id, ref, road_class, status, fidelity``; ``scenic_areas`` with
    ``access_road``; ``seats`` optional. GeoDataFrames or lists of dicts, lon/lat WGS84.
    """
    grand = [r for r in _records(loops) if r.get("kind") == "grand_loop"]
    if len(grand) != 1:
        raise ValueError(f"expected one feature of kind 'grand_loop', found {len(grand)}")
    loop_row = grand[0]
    line = _single_line(geo.to_local(loop_row["geometry"]))
    first, last = Point(line.coords[0]), Point(line.coords[-1])
    if first.distance(last) > 50.0:
        raise ValueError(
            f"{loop_row['id']}: the grand loop is not closed (ends {first.distance(last):.0f} m apart)"
        )
    if first.distance(last) > 0:
        line = LineString([*line.coords, line.coords[0]])
    shapely.prepare(line)
    road_rows = []
    for row in _records(roads):
        if row.get("status") == "planned" or row["geometry"] is None:
            continue  # a planned road cannot be driven yet
        road_rows.append({**row, "local": _single_line(geo.to_local(row["geometry"]))})
    sections = tuple(_sections(line, road_rows))
    threshold_m = threshold_km * 1000.0
    places: dict[str, Place] = {}
    roads_by_id = {r["id"]: r for r in road_rows}
    for row in _records(scenic_areas):
        access = [_text(row.get("access_road"))]
        places[row["id"]] = _place(
            row, "scenic_area", line, threshold_m, [roads_by_id[a] for a in access if a in roads_by_id]
        )
    for row in _records(seats):
        point = geo.to_local(row["geometry"])
        nearby = sorted(
            (r for r in road_rows if r["local"].distance(point) <= SEAT_ACCESS_MAX_KM * 1000),
            key=lambda r: r["local"].distance(point),
        )
        places[row["id"]] = _place(row, "seat", line, threshold_m, nearby)
    forward_cw = not shapely.LinearRing(line.coords).is_ccw
    return Network(str(loop_row["id"]), line, line.length, sections, forward_cw, places, threshold_m)


def _sections(line: LineString, road_rows: list[dict]) -> list[Section]:
    """Split the loop where the roads running along it change (a connector where none does)."""
    dense = line.segmentize(250.0)
    coords = np.asarray(dense.coords)
    starts = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
    mids = shapely.points((coords[:-1] + coords[1:]) / 2.0)
    seg = np.diff(coords, axis=0)
    seg /= np.maximum(np.hypot(*seg.T), 1e-9)[:, None]
    near, dist = {}, {}
    for row in road_rows:
        road = row["local"]
        close = shapely.distance(mids, road) <= JOIN_TOLERANCE_M
        # Along, not across: the road's direction at its nearest point within ~25° of the loop's.
        at = shapely.line_locate_point(road, mids)
        ahead = shapely.get_coordinates(shapely.line_interpolate_point(road, at + 50.0))
        behind = shapely.get_coordinates(shapely.line_interpolate_point(road, at - 50.0))
        vec = ahead - behind
        vec /= np.maximum(np.hypot(*vec.T), 1e-9)[:, None]
        near[row["id"]] = close & (np.abs(np.sum(vec * seg, axis=1)) >= PARALLEL_COS)
        dist[row["id"]] = shapely.distance(mids, road)
    labels = []
    for k in range(len(mids)):
        rows = [r for r in road_rows if near[r["id"]][k]]
        if rows:  # the road the loop follows, and any drawn on the same line (a shared section)
            best = min(dist[r["id"]][k] for r in rows)
            rows = [r for r in rows if dist[r["id"]][k] <= best + CO_ALIGNED_M]
        labels.append(_label(rows))
    runs: list[list] = []  # [start, end, label]
    for k, label in enumerate(labels):
        if runs and runs[-1][2] == label:
            runs[-1][1] = starts[k + 1]
        else:
            runs.append([starts[k], starts[k + 1], label])
    # Junction noise: a short run joins its predecessor (or its successor, at the start).
    merged: list[list] = []
    for run in runs:
        short = run[1] - run[0] < MIN_SECTION_M and run[2][0]  # connectors are never merged away
        if merged and (short or merged[-1][2] == run[2]):
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    if len(merged) > 1 and merged[0][1] - merged[0][0] < MIN_SECTION_M and merged[0][2][0]:
        merged[1][0] = merged[0][0]
        merged.pop(0)
    merged[-1][1] = line.length
    return [Section(float(a), float(b), *label) for a, b, label in merged]


def _speed_class(row: dict) -> str:
    """A road's class for its speed: its own when the speed table knows it, else county."""
    road_class = row.get("road_class")
    return road_class if isinstance(road_class, str) and road_class in SPEEDS_KMH else "county"


def _label(rows: list[dict]) -> tuple[tuple[str, ...], str, str]:
    if not rows:
        return ((), "connector", "schematic")
    rank = {c: i for i, c in enumerate(ROAD_CLASS_ORDER)}
    rows = sorted(rows, key=lambda r: (rank.get(str(r.get("road_class")), 9), str(r.get("ref"))))
    refs = tuple(dict.fromkeys(str(r.get("ref") or r["id"]) for r in rows))
    road_class = _speed_class(rows[0])
    fidelity = min(
        (str(r.get("fidelity") or "schematic") for r in rows), key=lambda f: FIDELITY_RANK.get(f, 3)
    )
    return (refs, road_class, fidelity)


def _place(row: dict, kind: str, line: LineString, threshold_m: float, access_rows: list[dict]) -> Place:
    lon, lat = row["geometry"].x, row["geometry"].y
    point = geo.to_local(row["geometry"])
    offset = line.distance(point)
    base = dict(
        id=row["id"],
        name_zh=str(row.get("name_zh") or row["id"]),
        name_en=str(row.get("name_en") or ""),
        kind=kind,
        lonlat=(lon, lat),
        offset_m=offset,
    )
    if offset <= threshold_m:
        return Place(**base, chainage_m=line.project(point), spur=None, reachable=True)
    # The shortest spur over the access roads (a scenic area's stated one; a seat's nearby roads).
    spurs = [s for s in (_spur(line, point, r) for r in access_rows) if s is not None]
    if not spurs:
        reason = "access_road_misses_loop" if access_rows else "no_access_road"
        return Place(**base, chainage_m=line.project(point), spur=None, reachable=False, reason=reason)
    spur = min(spurs, key=lambda s: s.length_m)
    return Place(**base, chainage_m=line.project(Point(spur.geometry.coords[0])), spur=spur, reachable=True)


def _spur(line: LineString, point: Point, road_row: dict) -> Spur | None:
    """Along ``road`` from where it meets the loop to its point nearest ``point``, then straight."""
    road = road_row["local"]
    dense = road.segmentize(100.0)
    coords = np.asarray(dense.coords)
    positions = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
    gaps = shapely.distance(shapely.points(coords), line)
    touching = gaps <= JOIN_TOLERANCE_M
    if not touching.any():
        return None
    target = dense.project(point)
    # Runs of consecutive vertices near the loop; take the run nearest the place along the
    # road, and in it the vertex nearest the place among those closest to the loop (a road that
    # crosses or leaves the loop meets it where the gap is smallest; one that runs along it
    # leaves it at the end nearer the place).
    idx = np.flatnonzero(touching)
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
    run = min(runs, key=lambda r: np.min(np.abs(positions[r] - target)))
    best = run[gaps[run] <= gaps[run].min() + 50.0]
    junction_pos = float(positions[best][np.argmin(np.abs(positions[best] - target))])
    on_road = dense.interpolate(junction_pos)
    on_loop = line.interpolate(line.project(on_road))
    along = substring(dense, junction_pos, target)
    end = dense.interpolate(target)
    coords_out = [
        on_loop.coords[0],
        *(along.coords if along.length > 0 else [on_road.coords[0]]),
        point.coords[0],
    ]
    geometry = LineString(coords_out)
    straight = on_loop.distance(on_road) + end.distance(point)
    road_class = _speed_class(road_row)
    return Spur(
        str(road_row["id"]),
        str(road_row.get("ref") or road_row["id"]),
        road_class,
        float(abs(target - junction_pos)),
        float(straight),
        geometry,
    )


# ----------------------------------------------------------------------------- routes


@dataclasses.dataclass(frozen=True)
class Piece:
    """Part of a leg on one road (or a connector, or a spur)."""

    label: str
    road_class: str
    km: float
    minutes: float
    spur: bool = False


@dataclasses.dataclass(frozen=True)
class Leg:
    seq: int
    from_id: str
    to_id: str
    from_m: float  # chainage where the leg joins the loop
    to_m: float  # chainage where it leaves it
    loop_km: float
    spur_km: float  # out from ``from`` (if off-loop) and in to ``to`` (if off-loop)
    km: float
    minutes: float
    pieces: tuple[Piece, ...]
    forward: bool  # along increasing chainage

    @property
    def roads(self) -> str:
        return " · ".join(f"{p.label} {p.km:.1f}" for p in self.pieces if p.km > 0.05)


@dataclasses.dataclass(frozen=True)
class Route:
    start_id: str
    order: tuple[str, ...]  # stops in visiting order (without the start)
    requested: str  # clockwise | counterclockwise | auto
    direction: str  # the direction used
    shorter: str | None  # the shorter direction; None when both are equal
    km_by_direction: dict[str, float]
    legs: tuple[Leg, ...]
    return_to_start: bool
    unreachable: tuple[str, ...]  # stops off the loop with no known access (not routed)

    @property
    def total_km(self) -> float:
        return sum(leg.km for leg in self.legs)

    @property
    def total_minutes(self) -> float:
        return sum(leg.minutes for leg in self.legs)

    @property
    def loop_km(self) -> float:
        return sum(leg.loop_km for leg in self.legs)

    @property
    def shown_minutes(self) -> tuple[int, ...]:
        """Each leg's minutes as shown: rounded once, on the running total, so that the legs
        add up to the route's shown total (``round(total_minutes)``)."""
        return tuple(int(v) for v in rounded_parts([leg.minutes for leg in self.legs], 0))

    @property
    def shown_km(self) -> tuple[float, ...]:
        """Each leg's km as shown (0.1 km), adding up to ``round(total_km, 1)``."""
        return tuple(rounded_parts([leg.km for leg in self.legs], 1))


def rounded_parts(values: Sequence[float], ndigits: int) -> list[float]:
    """Round parts so that they add up to their rounded sum: each part is the difference of
    the rounded running totals (so no part is off by more than one unit of the last digit)."""
    parts, shown_before, running = [], 0.0, 0.0
    for value in values:
        running += value
        shown = round(running, ndigits)
        parts.append(round(shown - shown_before, ndigits))
        shown_before = shown
    return parts


def _check(net: Network, stops: Sequence[str], start: str, direction: str) -> list[str]:
    scenic = net.scenic_ids
    if direction not in (*DIRECTIONS, "auto"):
        raise RouteError(
            "bad_direction",
            f"Unknown direction {direction!r}; use clockwise, counterclockwise or auto.",
            [direction],
            (*DIRECTIONS, "auto"),
        )
    if not stops:
        raise RouteError(
            "empty", "No scenic area selected; choose at least one of: " + ", ".join(scenic) + ".", (), scenic
        )
    unknown = [s for s in stops if s not in scenic]
    if unknown:
        raise RouteError(
            "unknown_stop",
            f"Unknown scenic-area id {unknown[0]!r}"
            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
            + "; valid ids: "
            + ", ".join(scenic)
            + ".",
            unknown,
            scenic,
        )
    if start not in net.places:
        raise RouteError(
            "unknown_start",
            f"Unknown start {start!r}; valid starts: " + ", ".join(net.start_ids) + ".",
            [start],
            net.start_ids,
        )
    if not net.places[start].reachable:
        raise RouteError(
            "start_off_loop",
            f"Start {start!r} is off the loop and no access road "
            f"is known; valid starts: " + ", ".join(net.start_ids) + ".",
            [start],
            net.start_ids,
        )
    return list(dict.fromkeys(stops))


def _walk(net: Network, a: float, metres: float, forward: bool) -> list[tuple[Section, float]]:
    """The sections passed going ``metres`` from chainage ``a`` (wrapping round the loop)."""
    out: list[tuple[Section, float]] = []
    length = net.length_m
    pos, left = a % length, metres
    sections = net.sections
    guard = 0
    while left > 1e-6 and guard < 4 * len(sections) + 4:
        guard += 1
        if forward:
            sec = next((s for s in sections if s.start_m <= pos < s.end_m), sections[-1])
            take = min(left, sec.end_m - pos)
            pos = sec.end_m % length if take == sec.end_m - pos else pos + take
        else:
            if pos <= 0:
                pos = length
            sec = next((s for s in sections if s.start_m < pos <= s.end_m), sections[0])
            take = min(left, pos - sec.start_m)
            pos -= take
        out.append((sec, take))
        left -= take
    return out


def _pieces(
    net: Network, a: float, metres: float, forward: bool, spur_out: Spur | None, spur_in: Spur | None
) -> list[Piece]:
    raw: list[tuple[str, str, float, bool]] = []
    if spur_out:  # back from the place to its access road, then along it to the loop
        raw += [
            ("spur", "spur", spur_out.straight_m, True),
            (spur_out.ref, spur_out.road_class, spur_out.along_m, True),
        ]
    raw += [(sec.label, sec.road_class, m, False) for sec, m in _walk(net, a, metres, forward)]
    if spur_in:  # along the access road, then straight to the place
        raw += [
            (spur_in.ref, spur_in.road_class, spur_in.along_m, True),
            ("spur", "spur", spur_in.straight_m, True),
        ]
    pieces: list[Piece] = []
    for label, road_class, m, is_spur in raw:
        if m <= 0:
            continue
        km = m / 1000.0
        minutes = km / SPEEDS_KMH[road_class] * 60.0
        if pieces and pieces[-1].label == label and pieces[-1].spur == is_spur:
            last = pieces.pop()
            pieces.append(Piece(label, road_class, last.km + km, last.minutes + minutes, is_spur))
        else:
            pieces.append(Piece(label, road_class, km, minutes, is_spur))
    return pieces


def _plan(net: Network, start: Place, stops: list[Place], forward: bool, back: bool) -> list[Leg]:
    length = net.length_m
    c0 = start.chainage_m

    def ahead(place: Place) -> float:
        d = ((place.chainage_m - c0) if forward else (c0 - place.chainage_m)) % length
        return d - length if length - d < SAME_SPOT_M else d  # just behind: step back

    # Ties (same place on the loop, to the metre) keep the order they were chosen in.
    ordered = sorted(((ahead(p), i, p) for i, p in enumerate(stops)), key=lambda x: (round(x[0]), x[1]))
    legs: list[Leg] = []
    prev, prev_pos = start, 0.0
    hops = [(pos, p) for pos, _, p in ordered]
    if back and hops:
        hops.append((length if hops[-1][0] > 0 else 0.0, start))
    for seq, (pos, place) in enumerate(hops, start=1):
        delta = pos - prev_pos
        leg_forward = forward if delta >= 0 else not forward
        metres = abs(delta)
        pieces = _pieces(net, prev.chainage_m, metres, leg_forward, prev.spur, place.spur)
        loop_km = metres / 1000.0
        spur_km = (
            (prev.spur.length_m if prev.spur else 0.0) + (place.spur.length_m if place.spur else 0.0)
        ) / 1000.0
        legs.append(
            Leg(
                seq,
                prev.id,
                place.id,
                prev.chainage_m,
                place.chainage_m,
                loop_km,
                spur_km,
                loop_km + spur_km,
                sum(p.minutes for p in pieces),
                tuple(pieces),
                leg_forward,
            )
        )
        prev, prev_pos = place, pos
    return legs


def plan_route(
    net: Network, stops: Sequence[str], start: str, direction: str = "auto", return_to_start: bool = False
) -> Route:
    """The route from ``start`` through ``stops`` round the loop (see the module docstring).

    Raises ``RouteError`` (a ``ValueError``) for an empty selection, an unknown scenic-area id
    (the message names it and the valid ids), an unknown start, a start off the loop with no
    access, or an unknown direction. Stops off the loop with no access are listed in
    ``Route.unreachable`` and left out; a stop equal to the start is visited at the start.
    """
    wanted = _check(net, stops, start, direction)
    start_place = net.places[start]
    unreachable = tuple(s for s in wanted if not net.places[s].reachable)
    visit = [net.places[s] for s in wanted if s != start and net.places[s].reachable]
    plans = {}
    for name in DIRECTIONS:
        forward = (name == "clockwise") == net.forward_is_clockwise
        plans[name] = _plan(net, start_place, visit, forward, return_to_start)
    totals = {name: sum(leg.km for leg in legs) for name, legs in plans.items()}
    cw, ccw = totals["clockwise"], totals["counterclockwise"]
    shorter = None if abs(cw - ccw) < 0.05 else ("clockwise" if cw < ccw else "counterclockwise")
    used = direction if direction != "auto" else (shorter or "clockwise")
    legs = tuple(plans[used])
    order = tuple(leg.to_id for leg in legs if not (return_to_start and leg is legs[-1]))
    return Route(start, order, direction, used, shorter, totals, legs, return_to_start, unreachable)


# ----------------------------------------------------------------------------- geometry & export


def leg_geometry(net: Network, leg: Leg) -> LineString:
    """The leg as a lon/lat line: spur out, the loop arc, spur in."""
    places = net.places
    start, end = places[leg.from_id], places[leg.to_id]
    coords: list = []
    if start.spur:
        coords += list(start.spur.geometry.coords)[::-1]
    coords += _arc(net, leg.from_m, leg.loop_km * 1000.0, leg.forward)
    if end.spur:
        coords += list(end.spur.geometry.coords)
    if len(coords) < 2:  # a zero-length leg (the stop is where the start is)
        coords = coords * 2
    return geo.from_local(LineString(coords))


def _arc(net: Network, a: float, metres: float, forward: bool) -> list:
    line, length = net.line, net.length_m
    if metres <= 0:
        return [line.interpolate(a).coords[0]]
    b = a + metres if forward else a - metres
    if 0 <= b <= length:
        return list(substring(line, a, b).coords)
    if forward:  # wraps past the end
        return list(substring(line, a, length).coords) + list(substring(line, 0, b - length).coords)[1:]
    return list(substring(line, a, 0).coords) + list(substring(line, length, b + length).coords)[1:]


def route_geojson(net: Network, route: Route) -> dict:
    """The route as a GeoJSON FeatureCollection: one LineString feature per leg, in order.

    Distances are rounded to 0.1 km and labelled approximate; ``summary`` (a foreign member)
    holds the totals, the direction, the speeds assumed and the caveat.
    """
    features = []
    for leg, km, minutes in zip(route.legs, route.shown_km, route.shown_minutes, strict=True):
        a, b = net.places[leg.from_id], net.places[leg.to_id]
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(geo.round_coords(leg_geometry(net, leg), 5)),
                "properties": {
                    "seq": leg.seq,
                    "from": leg.from_id,
                    "to": leg.to_id,
                    "from_zh": a.name_zh,
                    "from_en": a.name_en,
                    "to_zh": b.name_zh,
                    "to_en": b.name_en,
                    "km_approx": km,
                    "loop_km_approx": round(leg.loop_km, 1),
                    "spur_km_approx": round(leg.spur_km, 1),
                    "minutes_approx": minutes,
                    "roads": leg.roads,
                    "direction": route.direction,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "summary": {
            "loop": net.loop_id,
            "start": route.start_id,
            "stops": list(route.order),
            "direction": route.direction,
            "shorter_direction": route.shorter,
            "return_to_start": route.return_to_start,
            "total_km_approx": round(route.total_km, 1),
            "total_minutes_approx": round(route.total_minutes),
            "unreachable": list(route.unreachable),
            "speeds_kmh_assumed": SPEEDS_KMH,
            "caveat": (
                "Approximate: distances are measured along a partly schematic loop; times use "
                "assumed speeds. Draft plan (2021-2035), not for navigation."
            ),
        },
    }


def _spur_km(place: Place) -> float:
    return place.spur.length_m / 1000.0 if place.spur is not None else 0.0


def stop_chainages(net: Network, ids: Iterable[str] | None = None) -> list[tuple[str, float, float]]:
    """(id, chainage km, spur km) of places, for a strip diagram of the loop."""
    ids = net.scenic_ids if ids is None else ids
    return [
        (
            pid,
            net.places[pid].chainage_m / 1000.0,
            _spur_km(net.places[pid]),
        )
        for pid in ids
    ]
