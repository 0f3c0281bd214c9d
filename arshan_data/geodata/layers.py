"""The layer registry: every map layer the dashboard knows, declared once.

One entry says everything about a layer: its id and titles, the source file it is built from,
its geometry and columns, how the maps draw it, which datasets it draws on, and which chapter
of the plan a comment on one of its features is about. Build, check, the DuckDB store, the maps,
the exports, the comment form and the data README all read this list, so a layer is added in
one place (a test fails when an entry lacks a part).

Each layer is one GeoParquet file ``data/layers/<id>.parquet`` built from one source file
(``data/sources/<source>``), unless an official file replaces it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

#: Columns every feature of every layer carries, in this order.
REQUIRED_COLUMNS = (
    "id",
    "name_zh",
    "name_en",
    "kind",
    "plan_ref",
    "status",
    "fidelity",
    "source",
)
#: Optional text columns every layer may carry; ``catalog_id`` links a feature to its plan-catalog entry.
OPTIONAL_COLUMNS = ("description_zh", "description_en", "catalog_id")
#: Columns that may be empty (null) for a feature.
NULLABLE_COLUMNS = frozenset({"status", "plan_ref", "description_zh", "description_en", "catalog_id"})

FIDELITIES = ("surveyed", "approximate", "schematic")
STATUSES = ("existing", "upgrade", "planned")
#: A place within this distance of the grand loop is on it: the route planner's threshold
#: (``tourism.routing``), and ``python -m arshan_data check`` holds the six scenic areas the
#: plan's loop links (p.23) to it.
OFF_LOOP_KM = 3.0

RGBA = tuple[int, int, int, int]

# Layer ids: use these names in code, never the bare strings.
CITY_BOUNDARY = "city_boundary"
BORDER = "border"
NEIGHBOURS = "neighbours"
RIVERS = "rivers"
SEATS = "seats"
VILLAGES = "villages"
ROADS = "roads"
RAILWAYS = "railways"
STATIONS = "stations"
AIRPORTS = "airports"
SCENIC_AREAS = "scenic_areas"
PROTECTED_AREAS = "protected_areas"
HERITAGE = "heritage"
REGIONAL_CONTEXT = "regional_context"
TOURISM_LOOPS = "tourism_loops"
TOURISM_CLUSTERS = "tourism_clusters"
LANDSCAPE_ZONES = "landscape_zones"
PATTERN = "pattern"
CENTRAL_CITY = "central_city"
PORT_STRUCTURE = "port_structure"
LAND_PROJECTS = "land_projects"


@dataclasses.dataclass(frozen=True)
class Style:
    """How the maps draw a layer. ``color`` is the main colour; the rest follow from it."""

    color: RGBA
    #: Fill colour for areas (default: ``color`` at ``fill_alpha``).
    fill: RGBA | None = None
    line_width_px: float = 2.0
    point_radius_px: float = 6.0
    fill_alpha: int = 70
    #: Drawing order: low first.
    z: int = 50


@dataclasses.dataclass(frozen=True)
class Layer:
    id: str
    title_zh: str
    title_en: str
    #: Source file under ``data/sources/``.
    source: str
    #: Allowed geometry types.
    geometry: tuple[str, ...]
    #: How the maps (interactive and printed) draw it.
    style: Style
    #: Ids of the datasets it draws on (``provenance.DATASETS``); the digitised layers cite
    #: their own sources per feature.
    datasets: tuple[str, ...]
    #: The plan chapter (a feedback topic) a comment on one of its features is about; None for
    #: context layers (boundary, rivers, regional cities), which are not plan elements.
    topic: str | None
    #: ``city``: every feature must lie inside the city boundary; ``context``: may lie outside.
    scope: str = "city"
    #: Extra columns this layer's features must carry (may be null where the data says so).
    extra_columns: tuple[str, ...] = ()
    #: Whether the features carry a plan status (transport): one of ``STATUSES``, or null where
    #: the plan does not state it (shown as 规划未写明 / "not stated in the plan"). Layers without
    #: it must leave ``status`` null.
    has_status: bool = False
    #: Drawn only as the map's backdrop: not tappable, no tooltip.
    backdrop: bool = False
    #: Simplification for display, in metres (0: drawn as stored; points never are).
    simplify_m: float = 0.0

    @property
    def filename(self) -> str:
        return f"{self.id}.parquet"

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


POINT = ("Point",)
LINE = ("LineString", "MultiLineString")
AREA = ("Polygon", "MultiPolygon")
ANY = POINT + LINE + AREA
DIGITISED = ("digitised",)

LAYERS: tuple[Layer, ...] = (
    # Real open data, extracted by `python -m arshan_data extract` into data/sources/open/.
    Layer(
        CITY_BOUNDARY,
        "阿尔山市行政区界",
        "Arxan City boundary",
        "open/city_boundary.geojson",
        AREA,
        Style((70, 70, 70, 255), (252, 251, 245, 255), line_width_px=2.0, z=5),
        ("cnmaps",),
        None,
        extra_columns=("area_km2",),
        backdrop=True,
        simplify_m=150.0,
    ),
    Layer(
        BORDER,
        "中蒙边界",
        "China–Mongolia border",
        "open/border.geojson",
        LINE,
        Style((200, 30, 30, 255), line_width_px=3.0, z=6),
        ("cnmaps",),
        None,
        scope="context",
        backdrop=True,
        simplify_m=100.0,
    ),
    Layer(
        NEIGHBOURS,
        "周边行政单元",
        "Neighbouring units",
        "open/neighbours.geojson",
        AREA,
        Style((185, 185, 180, 255), (229, 229, 224, 255), line_width_px=1.0, z=0),
        ("cnmaps",),
        None,
        scope="context",
        backdrop=True,
        simplify_m=400.0,
    ),
    Layer(
        RIVERS,
        "河流",
        "Rivers",
        "open/rivers.geojson",
        LINE,
        Style((40, 120, 200, 255), line_width_px=2.0, z=10),
        ("wdb2",),
        None,
        scope="context",
        backdrop=True,
    ),
    # Digitised from cited public sources (see data/sources/RESEARCH.md).
    Layer(
        SEATS,
        "街道、镇驻地与口岸",
        "Subdistrict and town seats, port",
        "seats.geojson",
        POINT,
        Style((180, 20, 40, 255), point_radius_px=7, z=45),
        ("digitised", "geonames", "cnmaps"),
        "towns",
    ),
    Layer(
        VILLAGES,
        "分类村庄",
        "Classified villages",
        "villages.geojson",
        POINT,
        Style((120, 90, 170, 255), point_radius_px=5, z=40),
        DIGITISED,
        "towns",
        extra_columns=("town_zh", "category_zh", "category_en", "population", "function_zh", "function_en"),
    ),
    Layer(
        ROADS,
        "公路",
        "Roads",
        "roads.geojson",
        LINE,
        Style((120, 80, 40, 255), line_width_px=3.0, z=30),
        ("digitised", "geonames"),
        "transport",
        has_status=True,
        extra_columns=("road_class", "ref"),
    ),
    Layer(
        RAILWAYS,
        "铁路",
        "Railways",
        "railways.geojson",
        LINE,
        Style((40, 40, 40, 255), line_width_px=2.5, z=31),
        ("digitised", "geonames"),
        "transport",
        has_status=True,
    ),
    Layer(
        STATIONS,
        "火车站",
        "Railway stations",
        "stations.geojson",
        POINT,
        Style((40, 40, 40, 255), point_radius_px=4, z=43),
        DIGITISED,
        "transport",
        has_status=True,
    ),
    Layer(
        AIRPORTS,
        "机场",
        "Airports",
        "airports.geojson",
        POINT,
        Style((30, 70, 160, 255), point_radius_px=7, z=43),
        ("digitised", "geonames", "openflights"),
        "transport",
        has_status=True,
    ),
    Layer(
        SCENIC_AREAS,
        "景区",
        "Scenic areas",
        "scenic_areas.geojson",
        POINT,
        Style((230, 110, 0, 255), point_radius_px=7, z=42),
        DIGITISED,
        "tourism",
        extra_columns=(
            "grade",
            "on_loop",
            "themes",
            "best_season_zh",
            "best_season_en",
            "access_road",
            "theme_source",
            "season_source",
            # The two sources as the reader is told them, in each language (links as URLs):
            # the *_source fields stay the checked citations (plan/check.py reads them).
            "theme_note_zh",
            "theme_note_en",
            "season_note_zh",
            "season_note_en",
        ),
    ),
    Layer(
        PROTECTED_AREAS,
        "自然保护地",
        "Protected areas",
        "protected_areas.geojson",
        POINT + AREA,
        Style((34, 139, 34, 255), line_width_px=1.5, point_radius_px=7, z=20),
        ("digitised", "geonames"),
        "ecology",
        extra_columns=("level", "designation"),
    ),
    Layer(
        HERITAGE,
        "历史文化遗产",
        "Heritage sites",
        "heritage.geojson",
        POINT + AREA,
        Style((150, 40, 40, 255), point_radius_px=6, z=41),
        ("digitised", "geonames"),
        "heritage",
        extra_columns=("level", "heritage_kind"),
    ),
    Layer(
        REGIONAL_CONTEXT,
        "区域城市",
        "Regional context",
        "regional_context.geojson",
        POINT,
        Style((90, 90, 90, 255), point_radius_px=5, z=45),
        ("geonames",),
        None,
        scope="context",
    ),
    # Schematic: drawn to convey the plan's diagrams, not locations.
    Layer(
        TOURISM_LOOPS,
        "全域旅游环线与内部小环线",
        "Tourism loops",
        "tourism_loops.geojson",
        LINE,
        Style((235, 90, 20, 255), line_width_px=4.0, z=32),
        ("digitised", "wdb2", "openflights"),
        "tourism",
    ),
    Layer(
        TOURISM_CLUSTERS,
        "文旅组团",
        "Tourism clusters",
        "tourism_clusters.geojson",
        ANY,
        Style((230, 120, 40, 255), line_width_px=1.5, z=17),
        ("digitised", "wdb2"),
        "tourism",
    ),
    Layer(
        LANDSCAPE_ZONES,
        "风貌分区",
        "Landscape zones",
        "landscape_zones.geojson",
        ANY,
        Style((160, 110, 60, 255), line_width_px=1.5, z=16),
        ("digitised", "wdb2"),
        "pattern",
    ),
    Layer(
        PATTERN,
        "总体格局要素",
        "Spatial-pattern elements",
        "pattern.geojson",
        ANY,
        Style((46, 139, 87, 255), line_width_px=3.0, z=15),
        ("digitised", "wdb2"),
        "pattern",
        extra_columns=("element",),
    ),
    Layer(
        CENTRAL_CITY,
        "中心城区空间结构",
        "Central-city structure",
        "central_city.geojson",
        ANY,
        Style((200, 60, 90, 255), line_width_px=3.0, z=19),
        DIGITISED,
        "towns",
    ),
    Layer(
        PORT_STRUCTURE,
        "口岸空间结构",
        "Port structure",
        "port_structure.geojson",
        ANY,
        Style((200, 60, 90, 255), line_width_px=3.0, z=19),
        DIGITISED,
        "towns",
    ),
    Layer(
        LAND_PROJECTS,
        "整治与修复项目",
        "Consolidation and restoration",
        "land_projects.geojson",
        ANY,
        Style((150, 90, 160, 255), line_width_px=2.0, z=18),
        ("digitised", "wdb2"),
        "ecology",
    ),
)

LAYERS_BY_ID = {layer.id: layer for layer in LAYERS}

#: The layers every map draws under its subject (in drawing order).
BACKDROP = tuple(layer.id for layer in sorted(LAYERS, key=lambda la: la.style.z) if layer.backdrop)
#: Layers whose features are plan elements a comment can be about, with their chapter (topic).
ELEMENT_LAYERS: dict[str, str] = {layer.id: layer.topic for layer in LAYERS if layer.topic}
#: Layers whose point features are places a reader can look up by name or tap (what is here,
#: the comment form's place list), in the order a search lists them.
PLACE_LAYERS = (SEATS, VILLAGES, SCENIC_AREAS, PROTECTED_AREAS, HERITAGE, AIRPORTS, STATIONS)

#: The spatial pattern's elements (the ``element`` column of the pattern layer), one colour each,
#: chosen to read as what they are (barrier green, river belts blue, core red …).
PATTERN_ELEMENT_COLORS: dict[str, RGBA] = {
    "one_barrier": (46, 125, 50, 255),
    "two_belts": (21, 101, 192, 255),
    "one_core": (198, 40, 40, 255),
    "one_axis": (239, 108, 0, 255),
    "one_loop": (123, 31, 162, 255),
    "two_zones": (141, 110, 99, 255),
    "multiple_points": (0, 105, 92, 255),
}
#: The colour of a split part the page names no colour for.
UNLISTED_PART_COLOR: RGBA = (60, 60, 60, 255)


def get_layer(layer_id: str) -> Layer:
    try:
        return LAYERS_BY_ID[layer_id]
    except KeyError:
        known = ", ".join(sorted(LAYERS_BY_ID))
        raise KeyError(f"Unknown layer {layer_id!r}; known layers: {known}.") from None


def columns_for(layer: Layer) -> tuple[str, ...]:
    """The column order of a built layer file (geometry last)."""
    return REQUIRED_COLUMNS + OPTIONAL_COLUMNS + layer.extra_columns


def drawing_order(layer_ids: Iterable[str]) -> list[str]:
    """Layer ids sorted as the maps draw them (backdrop first, points last)."""
    return sorted(layer_ids, key=lambda lid: get_layer(lid).style.z)
