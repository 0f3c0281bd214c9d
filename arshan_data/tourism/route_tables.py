"""A planned route in words and tables: the legs, the total, the speeds assumed.

Distances and times are always labelled approximate (see ``tourism.routing``).
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from arshan_data.geodata import geo
from arshan_data.i18n import t
from arshan_data.maps.labels import short_name
from arshan_data.tourism.routing import SPEEDS_KMH, Network, Route


def place_name(net: Network, place_id: str, lang: str) -> str:
    return short_name(net.places[place_id].name(lang))


def format_minutes(minutes: float, lang: str) -> str:
    total = int(round(minutes))
    hours, mins = divmod(total, 60)
    if hours:
        return t("tourism.time.hm", lang, h=hours, m=mins)
    return t("tourism.time.m", lang, m=mins)


def format_km(km: float, lang: str) -> str:
    return t("tourism.km", lang, km=f"{km:,.1f}" if lang == "en" else f"{km:.1f}")


def direction_label(direction: str | None, lang: str) -> str:
    return t(f"tourism.dir.{direction}", lang) if direction else t("tourism.dir.equal", lang)


def road_label(label: str, lang: str) -> str:
    if label == "connector":
        return t("tourism.road.connector", lang)
    if label == "spur":
        return t("tourism.road.spur", lang)
    return label


def leg_roads(leg, lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{road_label(p.label, lang)} {p.km:.1f}" for p in leg.pieces if p.km >= 0.05)


LEG_COLUMNS = ("seq", "from", "to", "km", "time", "loop_km", "spur_km", "roads")


def legs_table(net: Network, route: Route, lang: str) -> pd.DataFrame:
    """One row per leg, in order, with per-leg km (along the loop, spur, total) and time."""
    rows = []
    for leg, km, minutes in zip(route.legs, route.shown_km, route.shown_minutes, strict=True):
        rows.append(
            {
                t("tourism.col.seq", lang): leg.seq,
                t("tourism.col.from", lang): place_name(net, leg.from_id, lang),
                t("tourism.col.to", lang): place_name(net, leg.to_id, lang),
                t("tourism.col.km", lang): km,
                t("tourism.col.time", lang): format_minutes(minutes, lang),
                t("tourism.col.loop_km", lang): round(leg.loop_km, 1),
                t("tourism.col.spur_km", lang): round(leg.spur_km, 1),
                t("tourism.col.roads", lang): leg_roads(leg, lang),
            }
        )
    return pd.DataFrame(rows, columns=[t(f"tourism.col.{c}", lang) for c in LEG_COLUMNS])


def speeds_table(lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("tourism.col.road_class", lang): t(f"tourism.class.{name}", lang),
                t("tourism.col.speed", lang): int(speed),
            }
            for name, speed in SPEEDS_KMH.items()
        ]
    )


def summary_line(net: Network, route: Route, lang: str) -> str:
    """ "温泉街出发，顺时针，约 186.9 公里，约 3小时54分钟" — the route in one sentence."""
    return t(
        "tourism.summary.line",
        lang,
        start=place_name(net, route.start_id, lang),
        direction=direction_label(route.direction, lang),
        km=format_km(route.total_km, lang),
        time=format_minutes(route.total_minutes, lang),
        stops=len(route.order),
    )


def shorter_note(route: Route, lang: str) -> str:
    other = "counterclockwise" if route.direction == "clockwise" else "clockwise"
    if route.shorter is None:
        return t("tourism.shorter.equal", lang)
    if route.shorter == route.direction:
        return t(
            "tourism.shorter.taken",
            lang,
            direction=direction_label(route.direction, lang),
            km=format_km(route.km_by_direction[other] - route.km_by_direction[route.direction], lang),
        )
    return t(
        "tourism.shorter.other",
        lang,
        direction=direction_label(route.shorter, lang),
        km=format_km(route.km_by_direction[route.direction] - route.km_by_direction[route.shorter], lang),
    )


def straight_distances(
    seats: gpd.GeoDataFrame, origin_id: str, places: gpd.GeoDataFrame, ids: Sequence[str], lang: str
) -> pd.DataFrame:
    """Straight-line km from one seat to regional places (not road distances)."""
    origin = seats[seats["id"] == origin_id]
    if origin.empty:
        return pd.DataFrame()
    point = origin.geometry.iloc[0]
    rows = []
    for row in places[places["id"].isin(ids)].to_dict("records"):
        rows.append(
            {
                t("tourism.region.col.place", lang): row.get(f"name_{lang}") or row["name_zh"],
                t("tourism.region.col.km", lang): round(geo.distance_km(point, row["geometry"])),
            }
        )
    return pd.DataFrame(rows)
