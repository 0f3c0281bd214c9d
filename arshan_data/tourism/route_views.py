"""What a reader sees of a planned route: the legs table, the route map, the printable summary.

Pure (no Streamlit): the tourism page and any export call these. Distances and times are
always labelled approximate (see ``arshan_data.routes``).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point, shape

from arshan_data.exports import share, static_map
from arshan_data.geodata import geo
from arshan_data.geodata.layers import (
    BACKDROP,
    BORDER,
    CITY_BOUNDARY,
    NEIGHBOURS,
    TOURISM_LOOPS,
    drawing_order,
    get_layer,
)
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.i18n import join, t
from arshan_data.maps.deck import SpecDeck, build_deck, feature_layers
from arshan_data.maps.labels import label_layer, short_name
from arshan_data.tourism.routing import SPEEDS_KMH, Network, Route, leg_geometry, route_geojson

#: The route on maps: a strong magenta that no layer style uses.
ROUTE_COLOR = (214, 20, 120, 235)
ROUTE_HEX = "#d61478"
START_HEX = "#1e1e1e"


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
    for leg in route.legs:
        rows.append({
            t("tourism.col.seq", lang): leg.seq,
            t("tourism.col.from", lang): place_name(net, leg.from_id, lang),
            t("tourism.col.to", lang): place_name(net, leg.to_id, lang),
            t("tourism.col.km", lang): round(leg.km, 1),
            t("tourism.col.time", lang): format_minutes(leg.minutes, lang),
            t("tourism.col.loop_km", lang): round(leg.loop_km, 1),
            t("tourism.col.spur_km", lang): round(leg.spur_km, 1),
            t("tourism.col.roads", lang): leg_roads(leg, lang),
        })
    return pd.DataFrame(rows, columns=[t(f"tourism.col.{c}", lang) for c in LEG_COLUMNS])


def speeds_table(lang: str) -> pd.DataFrame:
    return pd.DataFrame([
        {t("tourism.col.road_class", lang): t(f"tourism.class.{name}", lang),
         t("tourism.col.speed", lang): int(speed)}
        for name, speed in SPEEDS_KMH.items()
    ])


def summary_line(net: Network, route: Route, lang: str) -> str:
    """"温泉街出发，顺时针，约 186.9 公里，约 3小时54分钟" — the route in one sentence."""
    return t("tourism.summary.line", lang, start=place_name(net, route.start_id, lang),
             direction=direction_label(route.direction, lang), km=format_km(route.total_km, lang),
             time=format_minutes(route.total_minutes, lang), stops=len(route.order))


def shorter_note(route: Route, lang: str) -> str:
    other = "counterclockwise" if route.direction == "clockwise" else "clockwise"
    if route.shorter is None:
        return t("tourism.shorter.equal", lang)
    if route.shorter == route.direction:
        return t("tourism.shorter.taken", lang, direction=direction_label(route.direction, lang),
                 km=format_km(route.km_by_direction[other] - route.km_by_direction[route.direction], lang))
    return t("tourism.shorter.other", lang, direction=direction_label(route.shorter, lang),
             km=format_km(route.km_by_direction[route.direction] - route.km_by_direction[route.shorter], lang))


# ----------------------------------------------------------------------------- interactive map

def fit_view(bounds: tuple[float, float, float, float], *, width_px: int = 760, height_px: int = 420,
             max_zoom: float = 11.0) -> View:
    """A view showing ``bounds`` (lon/lat) in a map of about ``width_px`` × ``height_px``."""
    lon0, lat0, lon1, lat1 = bounds

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = max(math.radians(lon1 - lon0), 1e-6)
    dy = max(merc_y(lat1) - merc_y(lat0), 1e-6)
    zoom = min(math.log2(width_px * 2 * math.pi / (512 * dx * 1.25)),
               math.log2(height_px * 2 * math.pi / (512 * dy * 1.25)), max_zoom)
    centre_y = (merc_y(lat0) + merc_y(lat1)) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return View(round((lon0 + lon1) / 2, 4), round(lat, 4), round(zoom, 2))


def route_bounds(net: Network, route: Route) -> tuple[float, float, float, float]:
    geoms = [leg_geometry(net, leg) for leg in route.legs]
    geoms.append(Point(net.places[route.start_id].lonlat))
    return shapely.GeometryCollection(geoms).bounds


def route_deck_layers(net: Network, route: Route, lang: str) -> list[dict]:
    """deck.gl layers drawing the route on top of a map: the legs and numbered stops."""
    doc = route_geojson(net, route)
    for feature in doc["features"]:
        p = feature["properties"]
        p.update({
            "id": f"leg-{p['seq']}",
            "n": f"{p['seq']}. {place_name(net, p['from'], lang)} → {place_name(net, p['to'], lang)}",
            "n2": format_km(p["km_approx"], lang),
            "k": format_minutes(p["minutes_approx"], lang), "s": "",
        })
    r, g, b, a = ROUTE_COLOR
    layers: list[dict | None] = [{
        "@@type": "GeoJsonLayer", "id": "route~legs",
        "data": {"type": "FeatureCollection", "features": doc["features"]},
        "pickable": True, "autoHighlight": True, "highlightColor": [255, 215, 0, 220],
        "stroked": True, "filled": False, "getLineColor": [r, g, b, a], "getLineWidth": 6,
        "lineWidthUnits": "pixels", "lineWidthMinPixels": 3, "capRounded": True, "jointRounded": True,
    }]
    start = net.places[route.start_id]
    stops = [(start.lonlat, t("tourism.map.start", lang, name=place_name(net, start.id, lang)))]
    for k, stop_id in enumerate(route.order, start=1):
        stops.append((net.places[stop_id].lonlat, f"{k} {place_name(net, stop_id, lang)}"))
    layers.append({
        "@@type": "ScatterplotLayer", "id": "route~stops",
        "data": [{"p": [round(x, 4), round(y, 4)]} for (x, y), _ in stops],
        "getPosition": "@@=p", "getRadius": 8, "radiusUnits": "pixels", "stroked": True,
        "getFillColor": [255, 255, 255, 255], "getLineColor": [r, g, b, 255], "getLineWidth": 3,
        "lineWidthUnits": "pixels", "pickable": False,
    })
    layers.append(label_layer("route~stops", [(x, y, text) for (x, y), text in stops],
                                   size_px=14, color=(120, 0, 60, 255)))
    return [layer for layer in layers if layer]


def route_deck(net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str,
               basemap: str = "none", *, width_px: int = 480, height_px: int = 400) -> SpecDeck:
    """The route map: backdrop and the grand loop (from ``frames``), the route on top."""
    layers: list[dict | None] = []
    for layer_id in drawing_order(frames):
        gdf = frames[layer_id]
        if layer_id == TOURISM_LOOPS:
            gdf = gdf[gdf["kind"] == "grand_loop"]
        layers += feature_layers(layer_id, gdf, lang, key=f"route-{layer_id}",
                                      pickable=False if layer_id in BACKDROP else None)
    layers += route_deck_layers(net, route, lang)
    view = fit_view(route_bounds(net, route), width_px=width_px, height_px=height_px) if route.legs else CITY_VIEW
    return build_deck(layers, view, lang, basemap)


# ----------------------------------------------------------------------------- printable summary

def _geoms(frames: Mapping[str, gpd.GeoDataFrame], layer_id: str, kind: str | None = None) -> list:
    """A layer's geometries for print, simplified like the web map's backdrop (maps.SIMPLIFY_M)."""
    gdf = frames.get(layer_id)
    if gdf is None or gdf.empty:
        return []
    if kind is not None and "kind" in gdf:
        gdf = gdf[gdf["kind"] == kind]
    tolerance = get_layer(layer_id).simplify_m
    return [geo.simplify_for_display(g, tolerance) if tolerance else g for g in gdf.geometry]


def route_svg(net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str, *,
              width: int = 760, height: int = 470, title: str | None = None) -> str:
    """The route as a static SVG map (for print): neighbours, city, loop, route, stops, legend."""
    return static_map.to_svg(route_drawing(net, route, frames, lang, width=width, height=height, title=title),
                             element_id="route-map")


def route_drawing(net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str, *,
                  width: int = 760, height: int = 470, title: str | None = None) -> static_map.Drawing:
    """The route map as drawing primitives (see ``static_map``), for SVG or a raster backend."""
    sm = static_map
    city = _geoms(frames, CITY_BOUNDARY)
    legs = [shape(f["geometry"]) for f in route_geojson(net, route)["features"]]
    start = net.places[route.start_id]
    stop_points = [(Point(net.places[s].lonlat), f"{k} {place_name(net, s, lang)}")
                   for k, s in enumerate(route.order, start=1)]
    labelled = [Point(start.lonlat)] + [pt for pt, _ in stop_points]

    def crowded(point: Point) -> bool:  # a label within ~4 km of a stop's label would overlap it
        return any(geo.distance_km(point, other) < 4.0 for other in labelled)

    others = [(Point(p.lonlat), None if crowded(Point(p.lonlat)) else short_name(p.name(lang)))
              for pid, p in net.places.items()
              if p.kind == "scenic_area" and pid not in route.order and pid != route.start_id]
    layers = [
        sm.MapLayer("neighbours", [g for g in _geoms(frames, NEIGHBOURS)], stroke="#b9b9b4",
                    fill="#ecece8", width=0.8, fit=False),
        sm.MapLayer("city", city, stroke="#464646", fill="#fcfbf5", width=1.4,
                    legend=t("tourism.print.legend.city", lang)),
        sm.MapLayer("border", _geoms(frames, BORDER), stroke="#c81e1e", width=2.0, fit=False,
                    legend=t("tourism.print.legend.border", lang) if _geoms(frames, BORDER) else None),
        sm.MapLayer("loop", _geoms(frames, TOURISM_LOOPS, "grand_loop"), stroke="#eb5a14", width=2.4,
                    dash=(5, 3), legend=t("tourism.print.legend.loop", lang)),
        sm.MapLayer("route", legs, stroke=ROUTE_HEX, width=4.5, legend=t("tourism.print.legend.route", lang)),
        sm.MapLayer("others", others, stroke="#e66e00", fill="#ffffff", radius=3.5, width=1.5,
                    label_size=10.5, label_color="#6b4a20",
                    legend=t("tourism.print.legend.scenic", lang) if others else None),
        sm.MapLayer("stops", stop_points, stroke=ROUTE_HEX, fill="#ffffff", radius=5.5, width=2.5,
                    label_size=12.5, label_color="#78003c", legend=t("tourism.print.legend.stop", lang)),
        sm.MapLayer("start", [(Point(start.lonlat), t("tourism.map.start", lang, name=place_name(net, start.id, lang)))],
                    stroke="#ffffff", fill=START_HEX, radius=6, width=1.5, label_size=12.5,
                    legend=t("tourism.print.legend.start", lang)),
    ]
    texts = sm.Texts(legend=t("tourism.print.legend", lang), km=t("tourism.print.km", lang),
                     north=t("tourism.print.north", lang))
    bbox = city[0].bounds if len(city) == 1 else None
    return sm.draw_list(layers, width=width, height=height, bbox=bbox, title=title, texts=texts,
                        legend_inside=True)


PRINT_CSS = """
@page { size: A4; margin: 11mm; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s; color: #1e1e1e; font-size: 10pt; line-height: 1.4; margin: 0; }
main { max-width: 188mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 1mm; }
.sub { color: #555; margin: 0 0 2mm; }
.map svg { width: 100%%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%%; margin: 1mm 0 2mm; font-size: 9pt; }
th, td { border-bottom: 0.3mm solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3f3f0; }
td.num, th.num { text-align: right; white-space: nowrap; }
td:nth-child(2), td:nth-child(3) { min-width: 21mm; }
td:last-child { font-size: 8pt; color: #333; min-width: 42mm; }
tfoot td { font-weight: 700; border-top: 0.5mm solid #888; }
.caveat { border-left: 1mm solid #d9a400; background: #fff8e1; padding: 1.5mm 2.5mm; margin: 2mm 0; }
.small { font-size: 8pt; color: #555; }
.foot { display: flex; gap: 4mm; align-items: flex-start; }
.foot .qr svg { width: 24mm; height: 24mm; }
.warn { color: #9a3412; }
@media screen { body { background: #eee; } main { background: #fff; padding: 12mm; margin: 8mm auto;
  box-shadow: 0 0 4mm rgba(0,0,0,.2); } }
"""


def summary_html(net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str, *,
                 link: str | None = None, loop_source: str = "") -> str:
    """A one-page printable summary (A4): map with legend, legs, times, caveat and sources."""
    e = html.escape
    title = t("tourism.print.title", lang)
    svg = route_svg(net, route, frames, lang)
    head = "".join(f"<th{' class=num' if 3 <= k <= 6 else ''}>{e(t(f'tourism.print.col.{c}', lang))}</th>"
                   for k, c in enumerate(LEG_COLUMNS))
    body = "".join(
        "<tr>" + f"<td>{leg.seq}</td><td>{e(place_name(net, leg.from_id, lang))}</td>"
        f"<td>{e(place_name(net, leg.to_id, lang))}</td>"
        f"<td class=num>{leg.km:.1f}</td><td class=num>{e(format_minutes(leg.minutes, lang))}</td>"
        f"<td class=num>{leg.loop_km:.1f}</td><td class=num>{leg.spur_km:.1f}</td>"
        f"<td>{e(leg_roads(leg, lang))}</td></tr>"
        for leg in route.legs)
    foot = (f"<tr><td colspan=3>{e(t('tourism.total', lang))}</td><td class=num>{route.total_km:.1f}</td>"
            f"<td class=num>{e(format_minutes(route.total_minutes, lang))}</td>"
            f"<td class=num>{route.loop_km:.1f}</td><td class=num>{route.total_km - route.loop_km:.1f}</td>"
            f"<td></td></tr>")
    speeds = join((f"{t(f'tourism.class.{name}', lang)} {int(v)}" for name, v in SPEEDS_KMH.items()), lang)
    unreachable = ""
    if route.unreachable:
        names = join((place_name(net, s, lang) for s in route.unreachable), lang)
        unreachable = f"<p class=warn>{e(t('tourism.unreachable', lang, names=names))}</p>"
    qr = ""
    if link:
        qr = (f"<div class=qr>{share.qr_svg(link, scale=3).decode('utf-8')}</div>"
              f"<div><b>{e(t('tourism.print.link', lang))}</b><br><span class=small>{e(link)}</span></div>")
    doc = f"""<!doctype html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{PRINT_CSS % {'fonts': static_map.CJK_FONT_STACK}}</style></head>
<body><main>
<h1>{e(title)}</h1>
<p class=sub>{e(summary_line(net, route, lang))} · {e(shorter_note(route, lang))}</p>
<div class=map>{svg}</div>
<p class=small>{e(t('tourism.print.table_note', lang))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table>
{unreachable}
<p class=caveat>{e(t('tourism.print.caveat', lang))}</p>
<p class=small>{e(t('tourism.print.speeds', lang, speeds=speeds))}</p>
<p class=small>{e(t('tourism.print.source', lang))}{(' ' + e(loop_source)) if loop_source else ''}</p>
<div class=foot>{qr}</div>
</main></body></html>
"""
    return doc


# ----------------------------------------------------------------------------- places, themes, seasons

#: The five themes of the tourism bureau, as written in the scenic areas' ``themes`` column.
THEMES = {"ice_snow": "冰雪", "hot_spring": "温泉康养", "forest_volcano": "森林与火山",
          "border_port": "边境与口岸", "forest_folk": "林俗文化"}
SEASONS = ("spring", "summer", "autumn", "winter")
_MONTH_SEASON = {3: "spring", 4: "spring", 5: "spring", 6: "summer", 7: "summer", 8: "summer",
                 9: "autumn", 10: "autumn", 11: "autumn", 12: "winter", 1: "winter", 2: "winter"}
_MONTH = re.compile(r"(\d{1,2})\s*月")


def seasons_of(best_season_zh: str | None) -> set[str]:
    """Seasons covered by a cited best-season text ("4月1日—11月30日" → spring, summer, autumn).

    Reads the month numbers: one month, or the range from the first to the last (wrapping over
    the new year). No months → empty (the text cannot be placed in a season).
    """
    months = [int(m) for m in _MONTH.findall(best_season_zh or "") if 1 <= int(m) <= 12]
    if not months:
        return set()
    first, last = months[0], months[-1]
    span = [(first - 1 + k) % 12 + 1 for k in range(((last - first) % 12) + 1)]
    return {_MONTH_SEASON[m] for m in span}


def catalog_item(catalog: Mapping, item_id: str) -> dict | None:
    """The first mapping with ``id == item_id`` anywhere in the catalog (None if absent)."""
    stack: list = [catalog]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Mapping):
            if node.get("id") == item_id:
                return dict(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def loop_entry(catalog: Mapping, catalog_id: str | None) -> dict | None:
    """The grand-loop entry (grade, page) of a scenic area, from its ``catalog_id``."""
    if not catalog_id:
        return None
    key = catalog_id.removesuffix("_scenic")
    areas = catalog["transport"]["tourism_transport"]["grand_loop"]["scenic_areas"]
    return next((dict(a) for a in areas if a["id"] == key), None)


def _loop_origin(net: Network) -> str | None:
    """The on-loop place nearest the loop's chainage 0 (where distances are counted from)."""
    length = net.length_m
    best = min((min(p.chainage_m, length - p.chainage_m), pid) for pid, p in net.places.items() if p.on_loop)
    return best[1] if best[0] < 2000 else None


def loop_position(net: Network, place_id: str, lang: str) -> str:
    place = net.places[place_id]
    cw = place.chainage_m if net.forward_is_clockwise else (net.length_m - place.chainage_m) % net.length_m
    origin = _loop_origin(net)
    origin_name = place_name(net, origin, lang) if origin else t("tourism.pos.loop_start", lang)
    if place.on_loop:
        return t("tourism.pos.on_loop", lang, origin=origin_name, km=format_km(cw / 1000.0, lang))
    if place.spur is not None:
        return t("tourism.pos.spur", lang, km=format_km(place.spur.length_m / 1000.0, lang),
                 road=place.spur.ref, origin=origin_name, at=format_km(cw / 1000.0, lang))
    return t("tourism.pos.off_loop", lang, km=format_km(place.offset_m / 1000.0, lang))


def start_label(net: Network, place_id: str, lang: str) -> str:
    kind = net.places[place_id].kind
    return f"{place_name(net, place_id, lang)} · {t(f'tourism.kind.{kind}', lang)}"


def _list(value) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _src(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
        return f"<span class='tl-none'>{html.escape(t('tourism.no_source', lang))}</span>"
    return f"<span class='tl-src'>{html.escape(t('tourism.source', lang, source=str(value)))}</span>"


def scenic_cards(scenic: gpd.GeoDataFrame, catalog: Mapping, lang: str, *, themes: Iterable[str] = (),
                 seasons: Iterable[str] = (), net: Network | None = None) -> list[str]:
    """One HTML card per scenic area passing the theme and season filters (all text escaped).

    Each card: name, grade (from the plan's grand-loop list, with its page, or "the plan gives
    no grade"), themes with their source, best season with its source (or "no cited source"),
    plan reference and position on the loop.
    """
    e = html.escape
    want_themes = {THEMES[s] for s in themes if s in THEMES}
    want_seasons = set(seasons)
    cards = []
    for row in scenic.sort_values("id").to_dict("records"):
        row_themes = _list(row.get("themes"))
        season_zh = row.get("best_season_zh")
        row_seasons = seasons_of(season_zh if isinstance(season_zh, str) else None)
        if want_themes and not want_themes & set(row_themes):
            continue
        if want_seasons and not want_seasons & row_seasons:
            continue
        entry = loop_entry(catalog, row.get("catalog_id"))
        if entry and entry.get("grade"):
            grade = f"{e(entry['grade'][lang] if lang in entry['grade'] else entry['grade']['zh'])} " \
                    f"<span class='tl-src'>({e(t('source.plan_page', lang, page=entry['page']))})</span>"
        elif entry:
            note = entry.get("plan_silent", {})
            grade = (f"<span class='tl-none'>{e(t('tourism.grade.none', lang))}</span>"
                     + (f" <span class='tl-src'>{e(note.get(lang) or note.get('zh') or '')}</span>" if note else ""))
        else:
            grade = e(str(row.get("grade") or "")) or f"<span class='tl-none'>{e(t('tourism.grade.none', lang))}</span>"
        slug_of = {zh: slug for slug, zh in THEMES.items()}
        theme_names = join((t(f"tourism.theme.{slug_of[z]}", lang) if z in slug_of else z for z in row_themes), lang)
        season = row.get(f"best_season_{lang}") or row.get("best_season_zh")
        season_text = e(str(season)) if isinstance(season, str) and season else \
            f"<span class='tl-none'>{e(t('tourism.season.none', lang))}</span>"
        season_tags = join((t(f"tourism.season.{s}", lang) for s in SEASONS if s in row_seasons), lang)
        name = row.get(f"name_{lang}") or row["name_zh"]
        rows = [
            (t("tourism.card.grade", lang), grade),
            (t("tourism.card.themes", lang), (e(theme_names) or "<span class='tl-none'>—</span>")
             + "<br>" + _src(row.get("theme_source"), lang)),
            (t("tourism.card.season", lang), season_text + (f" ({e(season_tags)})" if season_tags else "")
             + "<br>" + (_src(row.get("season_source"), lang) if isinstance(season, str) and season else "")),
            (t("tourism.card.plan_ref", lang), e(str(row.get("plan_ref") or ""))),
            (t("tourism.card.fidelity", lang), e(t(f"fidelity.{row['fidelity']}", lang))),
        ]
        if net is not None and row["id"] in net.places:
            rows.append((t("tourism.card.loop", lang), e(loop_position(net, row["id"], lang))))
        body = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
        cards.append(f"<div class='tl-scenic'><div class='name'>{e(name)}</div><dl>{body}</dl></div>")
    return cards


def straight_distances(seats: gpd.GeoDataFrame, origin_id: str, places: gpd.GeoDataFrame,
                       ids: Sequence[str], lang: str) -> pd.DataFrame:
    """Straight-line km from one seat to regional places (not road distances)."""
    origin = seats[seats["id"] == origin_id]
    if origin.empty:
        return pd.DataFrame()
    point = origin.geometry.iloc[0]
    rows = []
    for row in places[places["id"].isin(ids)].to_dict("records"):
        rows.append({t("tourism.region.col.place", lang): row.get(f"name_{lang}") or row["name_zh"],
                     t("tourism.region.col.km", lang): round(geo.distance_km(point, row["geometry"]))})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- printable PDF (raster)

A4_PX = (1240, 1754)  # A4 at 150 dpi
PDF_MARGIN = 66  # 11 mm


def _wrap(text: str, font, width: float) -> list[str]:
    """Greedy line breaking: at spaces for Latin text, anywhere between Chinese characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if font.getlength(line + ch) <= width or not line:
                line += ch
                continue
            cut = line.rfind(" ")
            if cut > 0 and ord(ch) < 0x2E80 and ch != " ":
                lines.append(line[:cut])
                line = line[cut + 1:] + ch
            else:
                lines.append(line.rstrip())
                line = ch.lstrip()
        lines.append(line)
    return lines


def summary_pdf(net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str, *,
                link: str | None = None) -> bytes | None:
    """The printable summary as a one-page A4 PDF (a 150 dpi image), drawn without a browser.

    Same content as ``summary_html``. Returns None when the server has no CJK font (then only
    the HTML page is offered, which the reader's browser prints or saves as PDF).
    """
    import io  # noqa: PLC0415

    from PIL import Image, ImageDraw  # noqa: PLC0415

    sm = static_map
    regular, small, bold, title_font = (sm.cjk_font(19), sm.cjk_font(15), sm.cjk_font(19, "bold"),
                                        sm.cjk_font(30, "bold"))
    if regular is None:
        return None
    page = Image.new("RGB", A4_PX, (255, 255, 255))
    draw = ImageDraw.Draw(page)
    x0, width = PDF_MARGIN, A4_PX[0] - 2 * PDF_MARGIN
    y = PDF_MARGIN
    ink, grey = (30, 30, 30), (85, 85, 85)

    def para(text: str, font, color=ink, gap: int = 6) -> None:
        nonlocal y
        for line in _wrap(text, font, width):
            draw.text((x0, y), line, font=font, fill=color)
            y += int(font.size * 1.35)
        y += gap

    para(t("tourism.print.title", lang), title_font, gap=4)
    para(f"{summary_line(net, route, lang)} · {shorter_note(route, lang)}", regular, grey, gap=10)
    drawing = route_drawing(net, route, frames, lang)
    image = sm.to_image(drawing, scale=width / drawing.width)
    if image is not None:
        page.paste(image, (x0, y))
        y += image.height + 10
    para(t("tourism.print.table_note", lang), small, grey, gap=4)
    # Table: fixed column widths (fractions of the text width), wrapped cells.
    fractions = (0.04, 0.15, 0.15, 0.07, 0.13, 0.08, 0.08, 0.30)
    cols = [int(f * width) for f in fractions]
    header = [t(f"tourism.print.col.{c}", lang) for c in LEG_COLUMNS]
    rows = [[str(leg.seq), place_name(net, leg.from_id, lang), place_name(net, leg.to_id, lang),
             f"{leg.km:.1f}", format_minutes(leg.minutes, lang), f"{leg.loop_km:.1f}", f"{leg.spur_km:.1f}",
             leg_roads(leg, lang)] for leg in route.legs]
    rows.append(["", t("tourism.total", lang), "", f"{route.total_km:.1f}", format_minutes(route.total_minutes, lang),
                 f"{route.loop_km:.1f}", f"{route.total_km - route.loop_km:.1f}", ""])
    for r_index, row in enumerate([header, *rows]):
        font = bold if r_index == 0 or r_index == len(rows) else small
        cells = [_wrap(cell, font, w - 10) for cell, w in zip(row, cols)]
        height = max(len(c) for c in cells) * int(font.size * 1.3) + 8
        if r_index == 0:
            draw.rectangle((x0, y, x0 + width, y + height), fill=(243, 243, 240))
        cx = x0
        for k, (lines, w) in enumerate(zip(cells, cols)):
            for n, line in enumerate(lines):
                right = 3 <= k <= 6
                tx = cx + w - 5 if right else cx + 5
                draw.text((tx, y + 4 + n * int(font.size * 1.3)), line, font=font, fill=ink,
                          anchor="ra" if right else "la")
            cx += w
        y += height
        draw.line((x0, y, x0 + width, y), fill=(200, 200, 200), width=1)
    y += 12
    if route.unreachable:
        names = join((place_name(net, s, lang) for s in route.unreachable), lang)
        para(t("tourism.unreachable", lang, names=names), regular, (154, 52, 18))
    caveat_top = y
    y += 8
    x_saved, width_saved = x0, width
    x0, width = x0 + 16, width - 24
    para(t("tourism.print.caveat", lang), regular, gap=2)
    x0, width = x_saved, width_saved
    draw.rectangle((x0, caveat_top, x0 + 5, y), fill=(217, 164, 0))
    y += 8
    speeds = join((f"{t(f'tourism.class.{n}', lang)} {int(v)}" for n, v in SPEEDS_KMH.items()), lang)
    para(t("tourism.print.speeds", lang, speeds=speeds), small, grey)
    para(t("tourism.print.source", lang), small, grey, gap=12)
    if link:
        qr = Image.open(io.BytesIO(share.qr_png(link, scale=4))).convert("RGB")
        if y + qr.height < A4_PX[1] - PDF_MARGIN:
            page.paste(qr, (x0, y))
            draw.text((x0 + qr.width + 16, y + 16), t("tourism.print.link", lang), font=bold, fill=ink)
            for n, line in enumerate(_wrap(link, small, width - qr.width - 16)):
                draw.text((x0 + qr.width + 16, y + 50 + n * 20), line, font=small, fill=grey)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150.0, title=t("tourism.print.title", lang))
    return buffer.getvalue()
