"""The legend of a map: one entry per layer, drawn like the map draws the layer."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from arshan_data.geodata.layers import RGBA, drawing_order, get_layer
from arshan_data.i18n import t


@dataclasses.dataclass(frozen=True)
class LegendEntry:
    layer_id: str
    color: RGBA
    title: str
    text: str
    shape: str  # point | line | area
    #: Every feature shown is schematic: the swatch is drawn like the map draws them (hollow
    #: ring, dotted line, pale area with a dotted edge).
    schematic: bool = False


def legend_entries(layer_ids: Iterable[str], lang: str) -> list[LegendEntry]:
    """One entry per layer, in drawing order: its colour, title, one-line text and symbol."""
    entries = []
    for layer_id in drawing_order(layer_ids):
        layer = get_layer(layer_id)
        shape = (
            "point"
            if layer.geometry[0] == "Point"
            else "line"
            if layer.geometry[0] == "LineString"
            else "area"
        )
        entries.append(
            LegendEntry(layer_id, layer.style.color, layer.title(lang), t(f"legend.{layer_id}", lang), shape)
        )
    return entries


#: The symbol key under every legend (``legend.symbols.<key>``), in order.
SYMBOLS = ("located", "approximate", "schematic", "planned", "upgrade")


def symbol_keys(layer_ids: Iterable[str]) -> tuple[str, ...]:
    """The symbol key of a map's legend: with a transport layer on the map, also how a feature
    whose status the plan does not state is drawn (neither dashed nor thick)."""
    has_status = any(get_layer(layer_id).has_status for layer_id in layer_ids)
    return SYMBOLS + (("unstated",) if has_status else ())
