"""The plan elements a comment can be about: the named features of the plan's map layers.

Derived from the built layers (through ``MapStore``), so a scenic area or road that appears on
a map can be commented on, and an id that is on no map is refused by validation.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

import geopandas as gpd

from arshan_data.geodata.layers import ELEMENT_LAYERS, get_layer
from arshan_data.geodata.store import LayerUnavailable

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
