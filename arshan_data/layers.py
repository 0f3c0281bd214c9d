"""The layer registry: every map layer the dashboard knows, declared once.

Build, check, the DuckDB cache, the maps and the data README all read this list, so a layer
is added in one place. Each layer is one GeoParquet file ``data/layers/<id>.parquet`` built
from one source file (``data/sources/<source>``), unless an official file replaces it.
"""

from __future__ import annotations

import dataclasses

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


@dataclasses.dataclass(frozen=True)
class Layer:
    id: str
    title_zh: str
    title_en: str
    #: Source file under ``data/sources/``.
    source: str
    #: Allowed geometry types.
    geometry: tuple[str, ...]
    #: ``city``: every feature must lie inside the city boundary; ``context``: may lie outside.
    scope: str = "city"
    #: Extra columns this layer's features must carry (may be null where the data says so).
    extra_columns: tuple[str, ...] = ()
    #: Whether ``status`` is required (transport) or must be null.
    has_status: bool = False

    @property
    def filename(self) -> str:
        return f"{self.id}.parquet"


POINT = ("Point",)
LINE = ("LineString", "MultiLineString")
AREA = ("Polygon", "MultiPolygon")
ANY = POINT + LINE + AREA

LAYERS: tuple[Layer, ...] = (
    # Real open data, extracted by `python -m arshan_data extract` into data/sources/open/.
    Layer("city_boundary", "阿尔山市行政区界", "Arxan City boundary", "open/city_boundary.geojson", AREA,
          extra_columns=("area_km2",)),
    Layer("border", "中蒙边界", "China–Mongolia border", "open/border.geojson", LINE, scope="context"),
    Layer("neighbours", "周边行政单元", "Neighbouring units", "open/neighbours.geojson", AREA,
          scope="context"),
    Layer("rivers", "河流", "Rivers", "open/rivers.geojson", LINE, scope="context"),
    # Digitised from cited public sources (see data/sources/RESEARCH.md).
    Layer("seats", "街道、镇驻地与口岸", "Subdistrict and town seats, port", "seats.geojson", POINT),
    Layer("villages", "分类村庄", "Classified villages", "villages.geojson", POINT,
          extra_columns=("town_zh", "category_zh", "category_en", "population", "function_zh",
                         "function_en")),
    Layer("roads", "公路", "Roads", "roads.geojson", LINE, has_status=True,
          extra_columns=("road_class", "ref")),
    Layer("railways", "铁路", "Railways", "railways.geojson", LINE, has_status=True),
    Layer("stations", "火车站", "Railway stations", "stations.geojson", POINT, has_status=True),
    Layer("airports", "机场", "Airports", "airports.geojson", POINT, has_status=True),
    Layer("scenic_areas", "景区", "Scenic areas", "scenic_areas.geojson", POINT,
          extra_columns=("grade", "on_loop", "themes", "best_season_zh", "best_season_en",
                         "access_road", "theme_source", "season_source")),
    Layer("protected_areas", "自然保护地", "Protected areas", "protected_areas.geojson", POINT + AREA,
          extra_columns=("level", "designation")),
    Layer("heritage", "历史文化遗产", "Heritage sites", "heritage.geojson", POINT + AREA,
          extra_columns=("level", "heritage_kind")),
    Layer("regional_context", "区域城市", "Regional context", "regional_context.geojson", POINT,
          scope="context"),
    # Schematic: drawn to convey the plan's diagrams, not locations.
    Layer("tourism_loops", "全域旅游环线与内部小环线", "Tourism loops", "tourism_loops.geojson", LINE),
    Layer("tourism_clusters", "文旅组团", "Tourism clusters", "tourism_clusters.geojson", ANY),
    Layer("landscape_zones", "风貌分区", "Landscape zones", "landscape_zones.geojson", ANY),
    Layer("pattern", "总体格局要素", "Spatial-pattern elements", "pattern.geojson", ANY,
          extra_columns=("element",)),
    Layer("central_city", "中心城区空间结构", "Central-city structure", "central_city.geojson", ANY),
    Layer("port_structure", "口岸空间结构", "Port structure", "port_structure.geojson", ANY),
    Layer("land_projects", "整治与修复项目", "Consolidation and restoration", "land_projects.geojson",
          ANY),
)

LAYERS_BY_ID = {layer.id: layer for layer in LAYERS}


def get_layer(layer_id: str) -> Layer:
    try:
        return LAYERS_BY_ID[layer_id]
    except KeyError:
        known = ", ".join(sorted(LAYERS_BY_ID))
        raise KeyError(f"Unknown layer {layer_id!r}; known layers: {known}.") from None


def columns_for(layer: Layer) -> tuple[str, ...]:
    """The column order of a built layer file (geometry last)."""
    return REQUIRED_COLUMNS + OPTIONAL_COLUMNS + layer.extra_columns
