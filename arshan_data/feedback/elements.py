"""The plan elements a comment can be about: the named features of the plan's map layers.

Derived from the built layers (through ``MapStore``), so a scenic area or road that appears on
a map can be commented on, and an id that is on no map is refused by validation.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Mapping

import geopandas as gpd

from arshan_data.geodata.grid import KM_PER_DEG_LAT
from arshan_data.geodata.layers import ELEMENT_LAYERS, SCENIC_AREAS, SEATS, VILLAGES, get_layer
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.i18n import t

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Element:
    id: str
    layer: str
    topic: str
    name_zh: str
    name_en: str
    #: A point on the feature (for "places" and for the staff map), ``(lon, lat)``.
    point: tuple[float, float]

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" else self.name_zh) or self.name_zh

    def label(self, lang: str) -> str:
        return f"{self.name(lang)} · {get_layer(self.layer).title(lang)}"


def plan_elements(frames: Mapping[str, gpd.GeoDataFrame]) -> dict[str, Element]:
    """Elements by id from ``{layer_id: GeoDataFrame}`` (the layers the registry gives a topic);
    the first layer wins a duplicate id."""
    elements: dict[str, Element] = {}
    for layer_id, topic in ELEMENT_LAYERS.items():
        frame = frames.get(layer_id)
        if frame is None:
            continue
        for row in frame.to_dict("records"):
            fid = row["id"]
            if fid in elements:
                log.warning(
                    "plan element id %r is in %s and %s; keeping the first",
                    fid,
                    elements[fid].layer,
                    layer_id,
                )
                continue
            point = row["geometry"].representative_point()
            elements[fid] = Element(
                fid,
                layer_id,
                topic,
                row.get("name_zh") or fid,
                row.get("name_en") or "",
                (round(point.x, 5), round(point.y, 5)),
            )
    return elements


def elements_from_store(store) -> dict[str, Element]:
    """Elements from every element layer the map store can load (a broken layer is skipped)."""
    frames = {}
    for layer_id in ELEMENT_LAYERS:
        try:
            frames[layer_id] = store.layer(layer_id)
        except LayerUnavailable as exc:
            log.warning("plan elements: layer %s unavailable: %s", layer_id, exc)
    return plan_elements(frames)


#: The places a reader knows a spot by: the seats of towns, the villages and the scenic areas.
LANDMARK_LAYERS = (SEATS, VILLAGES, SCENIC_AREAS)
#: Nearer than this, a comment's cell is "at" the place rather than "near" it.
AT_PLACE_KM = 1.5


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in km on the local plane (good to a few metres over the city's 100 km)."""
    dx = (lon2 - lon1) * KM_PER_DEG_LAT * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, (lat2 - lat1) * KM_PER_DEG_LAT)


def nearest_landmark(
    lon: float, lat: float, elements: Mapping[str, Element], layers: tuple[str, ...] = LANDMARK_LAYERS
) -> tuple[Element, float] | None:
    """The named place (of ``layers``) nearest to a point and its distance in km, or None."""
    best: tuple[Element, float] | None = None
    for element in elements.values():
        if element.layer in layers:
            km = _km(lon, lat, *element.point)
            if best is None or km < best[1]:
                best = (element, km)
    return best


def place_text(
    element_id: str | None,
    cell: tuple[str, float, float] | None,
    elements: Mapping[str, Element],
    lang: str,
) -> list[str]:
    """What a comment was tied to, in words a reader understands: the plan element it is
    about, and where its ~1 km cell lies ("near 伊尔施, about 3 km (square c…)"). ``cell`` is
    ``(cell_id, lon, lat)``; an empty list when the comment was tied to neither."""
    lines = []
    element = elements.get(element_id or "")
    if element is not None:
        lines.append(t("feedback.place.element", lang, element=element.label(lang)))
    if cell is not None:
        cell_id, lon, lat = cell
        landmark = nearest_landmark(lon, lat, elements)
        if landmark is None:
            lines.append(t("feedback.place.cell", lang, cell=cell_id, lon=f"{lon:.3f}", lat=f"{lat:.3f}"))
        else:
            place, km = landmark
            key = "feedback.place.at" if km < AT_PLACE_KM else "feedback.place.near"
            lines.append(t(key, lang, place=place.name(lang), km=f"{km:.0f}", cell=cell_id))
    return lines
