"""The scenic areas as the tourism page lists them: themes and seasons (with their sources),
the plan's grade, and where each lies on the grand loop."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import geopandas as gpd

from arshan_data.geodata.citations import plan_ref_text
from arshan_data.i18n import join, t
from arshan_data.plan.catalog import Catalog, heading_names
from arshan_data.tourism.route_tables import format_km, place_name
from arshan_data.tourism.routing import Network

#: The five themes of the tourism bureau, as written in the scenic areas' ``themes`` column.
THEMES = {
    "ice_snow": "冰雪",
    "hot_spring": "温泉康养",
    "forest_volcano": "森林与火山",
    "border_port": "边境与口岸",
    "forest_folk": "林俗文化",
}
SEASONS = ("spring", "summer", "autumn", "winter")
_MONTH_SEASON = {
    3: "spring",
    4: "spring",
    5: "spring",
    6: "summer",
    7: "summer",
    8: "summer",
    9: "autumn",
    10: "autumn",
    11: "autumn",
    12: "winter",
    1: "winter",
    2: "winter",
}
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


def catalog_item(catalog: Catalog, item_id: str) -> dict | None:
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


def loop_entry(catalog: Catalog, catalog_id: str | None) -> dict | None:
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
        return t(
            "tourism.pos.spur",
            lang,
            km=format_km(place.spur.length_m / 1000.0, lang),
            road=place.spur.ref,
            origin=origin_name,
            at=format_km(cw / 1000.0, lang),
        )
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


_URL = re.compile(r"https?://[^\s;，；）)]+")


def linked(text: str) -> str:
    """``text`` escaped, each web address in it a link named by its host ("chinadaily.com.cn")."""
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        host = urlsplit(url).hostname or url
        host = host.removeprefix("www.").removeprefix("m.")
        out.append(html.escape(text[last : match.start()]))
        out.append(
            f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer" target="_blank">'
            f"{html.escape(host)}</a>"
        )
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("</a> <a", "</a>、<a")


def _src(value, lang: str) -> str:
    """A source note in the reader's language (the layer's ``*_note_<lang>``), links as links."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
        return f"<span class='tl-none'>{html.escape(t('tourism.no_source', lang))}</span>"
    label = html.escape(t("tourism.source", lang, source="\x00")).split("\x00")
    return f"<span class='tl-src'>{label[0]}{linked(str(value))}{label[1]}</span>"


def scenic_cards(
    scenic: gpd.GeoDataFrame,
    catalog: Catalog,
    lang: str,
    *,
    themes: Iterable[str] = (),
    seasons: Iterable[str] = (),
    net: Network | None = None,
) -> list[str]:
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
            grade = (
                f"{e(entry['grade'][lang] if lang in entry['grade'] else entry['grade']['zh'])} "
                f"<span class='tl-src'>({e(t('source.plan_page', lang, page=entry['page']))})</span>"
            )
        elif entry:
            note = entry.get("plan_silent", {})
            grade = f"<span class='tl-none'>{e(t('tourism.grade.none', lang))}</span>" + (
                f" <span class='tl-src'>{e(note.get(lang) or note.get('zh') or '')}</span>" if note else ""
            )
        else:
            grade = (
                e(str(row.get("grade") or ""))
                or f"<span class='tl-none'>{e(t('tourism.grade.none', lang))}</span>"
            )
        slug_of = {zh: slug for slug, zh in THEMES.items()}
        theme_names = join(
            (t(f"tourism.theme.{slug_of[z]}", lang) if z in slug_of else z for z in row_themes), lang
        )
        season = row.get(f"best_season_{lang}") or row.get("best_season_zh")
        season_text = (
            e(str(season))
            if isinstance(season, str) and season
            else f"<span class='tl-none'>{e(t('tourism.season.none', lang))}</span>"
        )
        season_tags = join((t(f"tourism.season.{s}", lang) for s in SEASONS if s in row_seasons), lang)
        name = row.get(f"name_{lang}") or row["name_zh"]
        rows = [
            (t("tourism.card.grade", lang), grade),
            (
                t("tourism.card.themes", lang),
                (e(theme_names) or "<span class='tl-none'>—</span>")
                + "<br>"
                + _src(row.get(f"theme_note_{lang}"), lang),
            ),
            (
                t("tourism.card.season", lang),
                season_text
                + (f" ({e(season_tags)})" if season_tags else "")
                + "<br>"
                + (_src(row.get(f"season_note_{lang}"), lang) if isinstance(season, str) and season else ""),
            ),
            (
                t("tourism.card.plan_ref", lang),
                e(plan_ref_text(row.get("plan_ref"), lang, heading_names(catalog))),
            ),
            (t("tourism.card.fidelity", lang), e(t(f"fidelity.{row['fidelity']}", lang))),
        ]
        if net is not None and row["id"] in net.places:
            rows.append((t("tourism.card.loop", lang), e(loop_position(net, row["id"], lang))))
        body = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
        cards.append(f"<div class='tl-scenic'><div class='name'>{e(name)}</div><dl>{body}</dl></div>")
    return cards
