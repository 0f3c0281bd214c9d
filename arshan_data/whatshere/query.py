"""此处规划 — every plan element at or near one point of the city. Pure: no Streamlit.

    >>> result = plan_elements_at(119.95, 47.18, frames, catalog, radius_km=10)
    >>> result.seat.hit.name("zh"), round(result.seat.hit.distance_km, 1), result.seat.hit.compass
    ('温泉街道', 0.5, 'S')

``frames`` maps layer ids to the layers' GeoDataFrames (``MapStore.layer``); a layer that is
missing from it is simply not consulted, except ``city_boundary``, which is required. A point
outside the city boundary raises ``OutsideCity`` and nothing else is computed.

What the plan does not give is not invented here:
- no township boundaries: the "town" of a point is the *nearest seat*, with its distance;
- no protected-area extents: protected areas are points, reported by distance;
- the plan's diagrams are drawn schematically: anything from a schematic feature is flagged
  ``indicative`` (示意，不作为审批依据), anything approximate carries its fidelity.

Distances are straight lines in km (``geo.LOCAL_CRS``) to the nearest point of a feature;
bearings are geodesic from the query point to that nearest point.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry import Point

from arshan_data.geodata import geo
from arshan_data.geodata.layers import (
    AIRPORTS,
    CENTRAL_CITY,
    CITY_BOUNDARY,
    HERITAGE,
    LAND_PROJECTS,
    LANDSCAPE_ZONES,
    PATTERN,
    PLACE_LAYERS,
    PORT_STRUCTURE,
    PROTECTED_AREAS,
    RAILWAYS,
    ROADS,
    SCENIC_AREAS,
    SEATS,
    STATIONS,
    TOURISM_CLUSTERS,
    TOURISM_LOOPS,
    VILLAGES,
)
from arshan_data.plan.catalog import Catalog

#: Default search radius (km) for nearby features.
DEFAULT_RADIUS_KM = 10.0
#: Radii offered to readers.
RADII_KM = (2.0, 5.0, 10.0, 20.0)
#: A seat farther than this is "far": the page then says the plan does not tell the town.
FAR_SEAT_KM = 10.0

#: Layers whose areas can contain the point ("which zone").
ZONE_LAYERS = (PATTERN, CENTRAL_CITY, PORT_STRUCTURE, TOURISM_CLUSTERS, LAND_PROJECTS, LANDSCAPE_ZONES)
#: Nearby features, in the order the page lists them: group id → layers.
NEARBY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("protected_areas", (PROTECTED_AREAS,)),
    ("scenic_areas", (SCENIC_AREAS,)),
    ("heritage", (HERITAGE,)),
    ("villages", (VILLAGES,)),
    ("transport", (AIRPORTS, STATIONS)),
    ("roads", (ROADS,)),
    ("railways", (RAILWAYS,)),
    # The plan's other elements near the point (axes, loops, projects, zones not containing it).
    ("plan", (PATTERN, CENTRAL_CITY, PORT_STRUCTURE, TOURISM_CLUSTERS, TOURISM_LOOPS, LAND_PROJECTS)),
)
#: Where a named feature can be picked from (a search box over these, in this order): the
#: places first, then the plan's zones, lines and structures.
SEARCHABLE_LAYERS = (
    *PLACE_LAYERS,
    LANDSCAPE_ZONES,
    CENTRAL_CITY,
    PORT_STRUCTURE,
    TOURISM_CLUSTERS,
    LAND_PROJECTS,
    PATTERN,
    TOURISM_LOOPS,
    ROADS,
    RAILWAYS,
)
#: pattern's 多点 are copies of protected areas, scenic areas and seats at the same positions.
COPY_ELEMENTS = {"pattern": ("element", "multiple_points")}

COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
AREA_TYPES = frozenset({"Polygon", "MultiPolygon"})

#: A seat's catalog unit: central-city subdistricts and the port belong to the central city,
#: whose p. 35 structure map gives each a group (our link, one line each).
SEAT_GROUPS = {
    "wenquan_street": "wenquan_group",
    "yirshi": "yirshi_group",
    "linhai": "linhai_group",
    "xincheng": "xincheng_group",
    "border_port": "port_group",
}


class OutsideCity(ValueError):
    """The point lies outside the city boundary: the plan says nothing about it."""

    def __init__(self, lon: float, lat: float, distance_km: float):
        self.lon, self.lat, self.distance_km = lon, lat, distance_km
        super().__init__(
            f"{lon:.3f}, {lat:.3f} lies {distance_km:.1f} km outside the Arxan city boundary; "
            "the plan covers only the city's own territory, so nothing is reported for it."
        )


# ----------------------------------------------------------------------------- results


@dataclasses.dataclass(frozen=True)
class Hit:
    """One plan feature found at or near the point."""

    layer_id: str
    id: str
    name_zh: str
    name_en: str
    kind: str
    fidelity: str
    status: str | None
    plan_ref: str | None
    catalog_id: str | None
    geom_type: str
    #: Straight-line distance (km) from the point to the feature's nearest part; 0 = at/inside it.
    distance_km: float
    #: Degrees clockwise from north towards that nearest part; None when the distance is 0.
    bearing_deg: float | None
    #: ``(lon, lat)`` of that nearest part (the query point itself when inside an area).
    near: tuple[float, float]

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" else self.name_zh) or self.name_zh

    @property
    def indicative(self) -> bool:
        """From a schematic feature (a diagram): 示意，不作为审批依据."""
        return self.fidelity == "schematic"

    @property
    def approximate(self) -> bool:
        """Placed from cited public sources: 位置误差可达数公里."""
        return self.fidelity == "approximate"

    @property
    def is_point(self) -> bool:
        return self.geom_type in ("Point", "MultiPoint")

    @property
    def compass(self) -> str | None:
        return compass(self.bearing_deg)


@dataclasses.dataclass(frozen=True)
class Functions:
    """A block of plan items describing a unit: ``kind`` says which (the page titles it)."""

    #: ``town`` (a key town's or the port's functions), ``role`` (a subdistrict's role),
    #: ``central_city`` (p. 18), ``central_city_nature`` (p. 34), ``group_labels`` (p. 35).
    kind: str
    items: tuple[Mapping, ...]
    interpretation: Mapping | None = None

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({item["page"] for item in self.items if isinstance(item.get("page"), int)}))


@dataclasses.dataclass(frozen=True)
class Seat:
    """The nearest seat (not an administrative boundary: the plan gives none) and its unit."""

    hit: Hit
    #: The catalog unit the seat stands for (towns.yaml), or None when it is not linked.
    unit: Mapping | None
    #: ``key_town`` | ``subdistrict`` | ``port`` | None
    rank: str | None
    functions: tuple[Functions, ...] = ()

    @property
    def in_central_city(self) -> bool:
        return self.rank in ("subdistrict", "port")

    @property
    def far(self) -> bool:
        """So far away that the seat says little about which town the point belongs to."""
        return self.hit.distance_km > FAR_SEAT_KM


@dataclasses.dataclass(frozen=True)
class Result:
    lon: float
    lat: float
    radius_km: float
    #: The named feature the reader picked (the query point is on it), if any.
    place: Hit | None
    seat: Seat | None
    #: Areas containing the point (zones, clusters, projects, the central-city structure).
    areas: tuple[Hit, ...]
    #: The nearest landscape-zone label within the radius (the plan gives the zones no extents).
    landscape_zone: Hit | None
    #: group id (see ``NEARBY_GROUPS``) → features within the radius, nearest first.
    nearby: dict[str, tuple[Hit, ...]]

    def hits(self) -> list[Hit]:
        """Every feature reported, once (place, seat, areas, landscape zone, nearby)."""
        seen, out = set(), []
        extra = [self.place, self.seat.hit if self.seat else None, *self.areas, self.landscape_zone]
        for hit in [*extra, *(h for group in self.nearby.values() for h in group)]:
            if hit is not None and (hit.layer_id, hit.id) not in seen:
                seen.add((hit.layer_id, hit.id))
                out.append(hit)
        return out

    @property
    def any_indicative(self) -> bool:
        return any(hit.indicative for hit in self.hits())


# ----------------------------------------------------------------------------- small helpers


def compass(bearing: float | None) -> str | None:
    """One of N, NE, E, SE, S, SW, W, NW (45° sectors centred on each), or None."""
    if bearing is None or not math.isfinite(bearing):
        return None
    return COMPASS[int(((bearing % 360.0) + 22.5) // 45.0) % 8]


def parse_at(value: str | None) -> tuple[float, float] | None:
    """``"120.123,47.123"`` (lon,lat, as in the URL) → floats; None for anything else."""
    if not value or not isinstance(value, str):
        return None
    parts = value.replace(" ", "").split(",")
    if len(parts) != 2:
        return None
    try:
        lon, lat = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def format_at(lon: float, lat: float) -> str:
    """The URL form of a point: lon,lat rounded to 3 decimals (~100 m)."""
    return f"{round(lon, 3):.3f},{round(lat, 3):.3f}"


_PAGE_RE = re.compile(r"p\.\s*(\d+)(?:\s*[–-]\s*(\d+))?")


def plan_pages(hits: Sequence[Hit]) -> tuple[int, ...]:
    """The plan pages the features cite (``plan_ref`` "… p.13; … p.38–40"), sorted, once each."""
    pages: set[int] = set()
    for hit in hits:
        for first, last in _PAGE_RE.findall(hit.plan_ref or ""):
            pages.update(range(int(first), int(last or first) + 1))
    return tuple(sorted(pages))


def city_boundary(frames: Mapping) -> shapely.Geometry:
    frame = frames.get(CITY_BOUNDARY)
    if frame is None or frame.empty:
        raise ValueError("the city boundary layer is needed to answer 'what is here'")
    return shapely.union_all(np.asarray(frame.geometry.values))


def _is_copy(layer_id: str, row: Mapping) -> bool:
    column_value = COPY_ELEMENTS.get(layer_id)
    return column_value is not None and row.get(column_value[0]) == column_value[1]


def place_options(frames: Mapping) -> list[tuple[str, str, str, str]]:
    """``(feature id, layer id, name_zh, name_en)`` of every named place a reader can pick."""
    options, seen = [], set()
    for layer_id in SEARCHABLE_LAYERS:
        frame = frames.get(layer_id)
        if frame is None:
            continue
        for row in frame.drop(columns="geometry").to_dict("records"):
            if row["id"] in seen or _is_copy(layer_id, row):
                continue
            seen.add(row["id"])
            options.append((row["id"], layer_id, row.get("name_zh") or row["id"], row.get("name_en") or ""))
    return options


def place_point(frames: Mapping, feature_id: str) -> tuple[str, dict, float, float] | None:
    """The layer, row and a point on a named place (its representative point), or None."""
    for layer_id in SEARCHABLE_LAYERS:
        frame = frames.get(layer_id)
        if frame is None:
            continue
        match = frame[frame["id"] == feature_id]
        if not match.empty:
            row = match.iloc[0].to_dict()
            point = row["geometry"].representative_point()
            return layer_id, row, point.x, point.y
    return None


# ----------------------------------------------------------------------------- measuring


def _measure(frame, layer_id: str, point: Point, local_point) -> list[tuple]:
    """(row, distance km, bearing, contains, nearest lon/lat) for every feature of a layer."""
    if frame is None or frame.empty:
        return []
    geoms = np.asarray(frame.geometry.values)
    local = geo.to_local(geoms)
    distances = shapely.distance(local, local_point) / 1000.0
    contains = shapely.covers(geoms, point)
    nearest = shapely.get_coordinates(shapely.shortest_line(local_point, local))[1::2]
    out = []
    for row, dist, inside, near, geom in zip(
        frame.drop(columns="geometry").to_dict("records"),
        distances.tolist(),
        contains.tolist(),
        nearest,
        geoms,
        strict=True,
    ):
        row = {**row, "geom_type": geom.geom_type}
        dist = 0.0 if inside else float(dist)
        bearing, target = None, (point.x, point.y)
        if dist > 0:
            lonlat = geo.from_local(Point(near))
            target = (lonlat.x, lonlat.y)
            bearing = geo.bearing_deg(point.x, point.y, *target)
        out.append((row, dist, bearing, bool(inside), target))
    return out


def _hit(
    layer_id: str,
    row: Mapping,
    distance: float,
    bearing: float | None,
    _inside: bool,
    near: tuple[float, float],
) -> Hit:
    return Hit(
        layer_id=layer_id,
        id=row["id"],
        name_zh=row.get("name_zh") or row["id"],
        name_en=row.get("name_en") or "",
        kind=row.get("kind") or "",
        fidelity=row["fidelity"],
        status=row.get("status"),
        plan_ref=row.get("plan_ref"),
        catalog_id=row.get("catalog_id"),
        geom_type=row["geom_type"],
        distance_km=distance,
        bearing_deg=bearing,
        near=(float(near[0]), float(near[1])),
    )


# ----------------------------------------------------------------------------- the seat's unit


def _labels(group: Mapping, shared: Sequence[Mapping]) -> tuple[Mapping, ...]:
    by_id = {item["id"]: item for item in shared}
    shared_ids = [i for i in group.get("label_ids") or () if i in by_id]
    return tuple(group.get("labels") or ()) + tuple(by_id[i] for i in shared_ids)


def seat_functions(
    catalog_id: str | None, catalog: Catalog
) -> tuple[Mapping | None, str | None, tuple[Functions, ...]]:
    """The catalog unit a seat stands for (scoped to the "1+4" town system), its rank, and what
    the plan says it is for: a key town's or the port's functions, a subdistrict's role, and for
    the central city's parts also the central city's functions (p. 18, p. 34) and the p. 35
    structure-map labels of its group."""
    if not catalog_id:
        return None, None, ()
    system = (catalog.get("towns") or {}).get("town_system") or {}
    central = system.get("central_city") or {}
    for town in system.get("key_towns") or ():
        if town.get("id") == catalog_id:
            return (
                town,
                "key_town",
                (Functions("town", tuple(town.get("functions") or ()), town.get("interpretation")),),
            )
    unit, rank, blocks = None, None, []
    port = central.get("port") or {}
    if port.get("id") == catalog_id:
        unit, rank = port, "port"
        blocks.append(Functions("town", tuple(port.get("functions") or ()), port.get("interpretation")))
    for sub in central.get("subdistricts") or ():
        if sub.get("id") == catalog_id:
            unit, rank = sub, "subdistrict"
            if sub.get("role"):
                blocks.append(Functions("role", ({**sub["role"], "page": sub.get("page")},)))
    if unit is None:
        return None, None, ()
    structure = (catalog.get("central_city") or {}).get("structure") or {}
    groups = structure.get("groups") or {}
    group = next((g for g in groups.get("items") or () if g.get("id") == SEAT_GROUPS.get(catalog_id)), None)
    if group is not None:
        labels = _labels(group, groups.get("shared_labels") or ())
        if labels:
            blocks.append(
                Functions("group_labels", labels, group.get("interpretation") or groups.get("interpretation"))
            )
    if central.get("functions"):
        blocks.append(Functions("central_city", tuple(central["functions"]), central.get("interpretation")))
    nature = ((catalog.get("central_city") or {}).get("functions") or {}).get("items")
    if nature:
        blocks.append(Functions("central_city_nature", tuple(nature)))
    return unit, rank, tuple(blocks)


# ----------------------------------------------------------------------------- the query


def plan_elements_at(
    lon: float,
    lat: float,
    frames: Mapping,
    catalog: Catalog,
    *,
    radius_km: float = DEFAULT_RADIUS_KM,
    place_id: str | None = None,
) -> Result:
    """Every plan element at or near (lon, lat); ``place_id`` names the feature the point was
    taken from (reported as ``place``, left out of the nearby lists).

    Raises ``OutsideCity`` for a point outside the city boundary, ``ValueError`` for a point
    that is not a finite lon/lat or a radius that is not positive.
    """
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"not a lon/lat point: {lon!r}, {lat!r}")
    if not (math.isfinite(radius_km) and radius_km > 0):
        raise ValueError(f"radius must be a positive number of km, got {radius_km!r}")
    point = Point(lon, lat)
    boundary = city_boundary(frames)
    if not boundary.covers(point):
        raise OutsideCity(lon, lat, geo.distance_km(point, boundary))
    local_point = geo.to_local(point)

    measured: dict[str, list] = {}

    def measure(layer_id: str) -> list:
        if layer_id not in measured:
            rows = _measure(frames.get(layer_id), layer_id, point, local_point)
            measured[layer_id] = [m for m in rows if not _is_copy(layer_id, m[0])]
        return measured[layer_id]

    place = None
    if place_id:
        place = next(
            (
                _hit(layer_id, *m)
                for layer_id in SEARCHABLE_LAYERS
                for m in measure(layer_id)
                if m[0]["id"] == place_id
            ),
            None,
        )

    # The town: the nearest seat, with what the plan says it is for.
    seat = None
    seats = measure(SEATS)
    if seats:
        nearest = min(seats, key=lambda m: (m[1], m[0]["id"]))
        unit, rank, blocks = seat_functions(nearest[0].get("catalog_id"), catalog)
        seat = Seat(_hit(SEATS, *nearest), unit, rank, blocks)

    # The zones: areas containing the point.
    areas, contained = [], set()
    for layer_id in ZONE_LAYERS:
        for m in measure(layer_id):
            row, inside = m[0], m[3]
            if inside and row["geom_type"] in AREA_TYPES:
                areas.append(_hit(layer_id, *m))
                contained.add((layer_id, row["id"]))

    # The nearest landscape-zone label (points: the plan gives the zones no extents).
    landscape_zone = None
    labels = [
        m for m in measure(LANDSCAPE_ZONES) if (m[0]["geom_type"] not in AREA_TYPES) and m[1] <= radius_km
    ]
    if labels:
        landscape_zone = _hit(LANDSCAPE_ZONES, *min(labels, key=lambda m: (m[1], m[0]["id"])))

    skip = set(contained)
    if place is not None:
        skip.add((place.layer_id, place.id))
    nearby: dict[str, tuple[Hit, ...]] = {}
    for group, layer_ids in NEARBY_GROUPS:
        hits = [
            _hit(layer_id, *m)
            for layer_id in layer_ids
            for m in measure(layer_id)
            if m[1] <= radius_km and (layer_id, m[0]["id"]) not in skip
        ]
        nearby[group] = tuple(sorted(hits, key=lambda h: (h.distance_km, h.layer_id, h.id)))
    return Result(lon, lat, float(radius_km), place, seat, tuple(areas), landscape_zone, nearby)
