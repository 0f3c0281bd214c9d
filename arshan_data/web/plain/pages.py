"""What each plain page shows: the catalog sections its interactive page reads, through the same
presenters (``plan.summaries``, ``plan.places``, ``maps.tables``, ``whatshere.query``, the
feedback repository), its maps as SVG, its figures as a table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from arshan_data import accessibility as a11y
from arshan_data.config import Settings
from arshan_data.feedback.elements import place_text, plan_elements
from arshan_data.feedback.model import LOCAL_TZ, PUBLIC_RECORD, CommentFilter, comment_window, today_local
from arshan_data.feedback.repository import FeedbackRepository, StoreUnavailable
from arshan_data.geodata import layers as L
from arshan_data.geodata.citations import plan_ref_text
from arshan_data.geodata.inventory import dataset_table, layer_inventory
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import DEFAULT_LANG, t
from arshan_data.plan import summaries
from arshan_data.plan.catalog import Catalog, heading_names, text
from arshan_data.plan.figures import wan_mu_number
from arshan_data.web import meta
from arshan_data.web.plain import catalog_html
from arshan_data.web.plain.catalog_html import Writer, cite, esc, figure_table, table_box
from arshan_data.web.plain.maps import PlainMap, map_block
from arshan_data.whatshere import query as wh

#: Comments per page of the public record (as on the interactive page).
RECORD_PAGE_SIZE = 20


#: Each page's maps, in the order shown (the first is also the page's share image).
MAPS: dict[str, tuple[PlainMap, ...]] = {
    "overview": (
        PlainMap(
            "overview",
            "overview.map",
            (L.NEIGHBOURS, L.CITY_BOUNDARY, L.BORDER, L.RIVERS, L.SEATS),
            (L.SEATS,),
        ),
    ),
    "pattern": (
        PlainMap(
            "pattern",
            "pattern.map.heading",
            (L.NEIGHBOURS, L.CITY_BOUNDARY, L.BORDER, L.RIVERS, L.PATTERN, L.SEATS),
            (L.SEATS,),
        ),
    ),
    "ecology": (
        PlainMap(
            "ecology",
            "plain.map.ecology",
            (L.NEIGHBOURS, L.CITY_BOUNDARY, L.BORDER, L.RIVERS, L.PROTECTED_AREAS, L.SEATS),
            (L.SEATS,),
        ),
        PlainMap("ecology_projects", "plain.map.land_projects", (*L.BACKDROP, L.LAND_PROJECTS)),
    ),
    "towns": (
        PlainMap("towns", "towns.section.system", (*L.BACKDROP, L.CENTRAL_CITY, L.SEATS), (L.SEATS,)),
        PlainMap("towns_villages", "towns.section.villages", (*L.BACKDROP, L.VILLAGES), (L.VILLAGES,)),
        PlainMap("towns_port", "towns.section.port", (*L.BACKDROP, L.PORT_STRUCTURE, L.SEATS), (L.SEATS,)),
    ),
    "transport": (
        PlainMap(
            "transport",
            "transport.section.network",
            (*L.BACKDROP, L.ROADS, L.RAILWAYS, L.STATIONS, L.AIRPORTS),
            (L.STATIONS, L.AIRPORTS),
        ),
    ),
    "heritage": (
        PlainMap("heritage", "heritage.section.conservation", (*L.BACKDROP, L.HERITAGE), (L.HERITAGE,)),
        PlainMap(
            "heritage_zones",
            "heritage.section.townscape",
            (*L.BACKDROP, L.LANDSCAPE_ZONES),
            (L.LANDSCAPE_ZONES,),
        ),
    ),
    "tourism": (
        PlainMap(
            "tourism",
            "plain.map.tourism",
            (*L.BACKDROP, L.TOURISM_CLUSTERS, L.ROADS, L.TOURISM_LOOPS, L.SCENIC_AREAS, L.SEATS),
            (L.SCENIC_AREAS,),
        ),
    ),
}


def share_map(url_path: str) -> PlainMap:
    """The map on a page's share image: its first map, else the overview's."""
    return (MAPS.get(url_path) or MAPS["overview"])[0]


class NotFound(LookupError):
    """A plain page asked for something the site does not have (the 404 page says what)."""

    def __init__(self, message_key: str) -> None:
        super().__init__(message_key)
        self.message_key = message_key


@dataclasses.dataclass
class Context:
    catalog: Catalog
    lang: str
    store: MapStore
    settings: Settings
    where: meta.Site
    query: Mapping[str, str]
    repository: Callable[[], FeedbackRepository]

    def writer(self) -> Writer:
        return Writer(self.catalog, self.lang)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def node(catalog: Catalog, *keys: str) -> Mapping[str, Any]:
    value: Any = catalog
    for key in keys:
        value = value.get(key, {}) if isinstance(value, Mapping) else {}
    return value if isinstance(value, Mapping) else {}


def _h1(ctx: Context, key: str) -> str:
    return f"<h1>{esc(ctx.t(key))}</h1>"


def _sections(ctx: Context, writer: Writer, parts: Sequence[tuple[tuple[str, ...], str | None]]) -> str:
    """Catalog sections in order: (path into the catalog, title key when it has no heading)."""
    out = ""
    for keys, title_key in parts:
        section = node(ctx.catalog, *keys)
        if section:
            out += writer.section(section, 2, ctx.t(title_key) if title_key else None)
    return out


def _figures(ctx: Context, writer: Writer, extra: Sequence[str] = ()) -> str:
    """The figures the page's sections name, as one table (printed values, plan pages)."""
    ids = list(dict.fromkeys([*extra, *writer.figure_ids]))
    return writer.figure_table(ids, ctx.t("plain.figures")) if ids else ""


def _maps(ctx: Context, specs: Sequence[PlainMap]) -> str:
    headings = heading_names(ctx.catalog)
    return "".join(map_block(ctx.store, spec, ctx.lang, headings=headings) for spec in specs)


# ----------------------------------------------------------------------------- plan chapters


def overview(ctx: Context) -> str:
    w = ctx.writer()
    body = _sections(
        ctx,
        w,
        [
            (("overview", "scope"), None),
            (("overview", "periods"), None),
            (("overview", "principles"), None),
            (("overview", "positioning"), None),
            (("overview", "goals"), None),
            (("overview", "strategies"), None),
        ],
    )
    figures = _figures(ctx, w, summaries.KEY_FIGURES)
    maps = _maps(ctx, MAPS["overview"])
    return _h1(ctx, "overview.heading") + f"<p>{esc(ctx.t('overview.intro'))}</p>" + figures + maps + body


def pattern(ctx: Context) -> str:
    w = ctx.writer()
    overall = node(ctx.catalog, "pattern", "overall_pattern")
    elements = "".join(
        f"<li><b>{esc(e.label)}</b>：{esc(e.sentence)}"
        + (f' <span class="cite">({esc(ctx.t("source.plan_page", page=e.page))})</span>' if e.page else "")
        + (f'<p class="own">{esc(e.remark)}</p>' if e.remark else "")
        + "</li>"
        for e in summaries.pattern_elements(ctx.catalog, ctx.lang)
    )
    head = ""
    for key in ("slogan", "intro"):
        if overall.get(key):
            head += f"<p>{esc(text(overall[key], ctx.lang))}{catalog_html.inline_cite(overall[key], ctx.lang)}</p>"
    body = f"<section><h2>{esc(ctx.t('plain.pattern.elements'))}</h2>{head}<ul>{elements}</ul></section>"
    rows = summaries.three_lines(ctx.catalog, ctx.lang)
    lines = node(ctx.catalog, "pattern", "three_lines")
    table_rows = "".join(
        f'<tr><th scope="row">{esc(r.label)}</th><td class="num">{esc(f"{r.area_km2:g}")}</td>'
        f'<td class="num">{esc(f"{r.share_pct:g}")}%</td>'
        f'<td class="num">{esc(wan_mu_number(r.wan_mu, ctx.lang) if r.wan_mu is not None else "")}</td>'
        f"<td>{esc(r.rule)}</td><td>{esc(ctx.t('source.plan_page', page=r.page) if r.page else ctx.t('plain.computed'))}</td></tr>"
        for r in rows
    )
    head_cells = "".join(
        f'<th scope="col">{esc(ctx.t(k))}</th>'
        for k in (
            "plain.col.line",
            "plain.col.km2",
            "plain.col.share",
            "plain.col.wan_mu",
            "plain.col.rule",
            "plain.col.page",
        )
    )
    rest = rows[-1]
    body += (
        f"<section><h2>{esc(text(lines.get('heading'), ctx.lang))}</h2>"
        f"<p>{esc(ctx.t('pattern.three_lines.intro'))}</p>"
        f"{table_box(text(lines.get('heading'), ctx.lang))}<table><caption>{esc(text(lines.get('heading'), ctx.lang))}</caption>"
        f"<thead><tr>{head_cells}</tr></thead><tbody>{table_rows}</tbody></table></div>"
        f'<p class="own">{esc(ctx.t("pattern.three_lines.rest_note", area=f"{rest.area_km2:g}", share=f"{rest.share_pct:g}"))}</p>'
        + w.parts({k: v for k, v in lines.items() if k != "items"}, 3)
        + "</section>"
    )
    maps = _maps(ctx, MAPS["pattern"])
    figures = _figures(ctx, w, [r.id for r in rows if not r.computed])
    return _h1(ctx, "pattern.heading") + figures + maps + body


def ecology(ctx: Context) -> str:
    w = ctx.writer()
    features = ctx.store.readable([L.PROTECTED_AREAS]).get(L.PROTECTED_AREAS)
    records = [] if features is None else features.drop(columns="geometry").to_dict("records")
    areas = summaries.protected_areas(ctx.catalog, records, ctx.lang)
    head_cells = "".join(
        f'<th scope="col">{esc(ctx.t(k))}</th>'
        for k in ("plain.col.name", "plain.col.kind", "plain.col.level", "map.col.fidelity", "plain.col.page")
    )
    rows = "".join(
        f'<tr><th scope="row">{esc(a.name)}</th><td>{esc(a.kind)}</td><td>{esc(a.level)}</td>'
        f"<td>{esc(ctx.t(f'fidelity.{a.fidelity}') if a.fidelity else ctx.t('plain.not_on_map'))}</td>"
        f"<td>{esc(ctx.t('source.plan_page', page=a.page) if a.page else '')}</td></tr>"
        for a in areas
    )
    table = (
        f"{table_box(ctx.t('ecology.protected.table'))}<table><caption>{esc(ctx.t('ecology.protected.table'))}</caption>"
        f"<thead><tr>{head_cells}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
    sections = _sections(
        ctx,
        w,
        [
            (("ecology", "ecological_space"), "ecology.protected.heading"),
            (("ecology", "agricultural_space"), None),
            (("ecology", "resources"), None),
            (("ecology", "consolidation"), None),
            (("ecology", "restoration"), None),
        ],
    )
    maps = _maps(ctx, MAPS["ecology"])
    return _h1(ctx, "ecology.page.title") + table + _figures(ctx, w) + maps + sections


def towns(ctx: Context) -> str:
    w = ctx.writer()
    sections = _sections(
        ctx,
        w,
        [
            (("towns", "town_system"), "towns.section.system"),
            (("towns", "villages"), "towns.section.villages"),
            (("central_city",), "towns.section.central"),
            (("port",), "towns.section.port"),
        ],
    )
    maps = _maps(ctx, MAPS["towns"])
    return _h1(ctx, "towns.page.title") + _figures(ctx, w) + maps + sections


def transport(ctx: Context) -> str:
    w = ctx.writer()
    sections = _sections(
        ctx,
        w,
        [
            (("transport", "system"), "transport.section.network"),
            (("transport", "projects"), None),
            (("transport", "regional"), "transport.section.regional"),
            (("transport", "tourism_transport"), "transport.section.tourism"),
            (("services",), "transport.section.services"),
        ],
    )
    maps = _maps(ctx, MAPS["transport"])
    return _h1(ctx, "transport.page.title") + _figures(ctx, w) + maps + sections


def heritage(ctx: Context) -> str:
    w = ctx.writer()
    sections = _sections(
        ctx,
        w,
        [
            (("heritage", "heritage"), "heritage.section.conservation"),
            (("heritage", "townscape"), "heritage.section.townscape"),
        ],
    )
    maps = _maps(ctx, MAPS["heritage"])
    note = f'<p class="own">{esc(ctx.t("heritage.map_caption"))}</p>'
    return _h1(ctx, "heritage.page.title") + _figures(ctx, w) + maps + note + sections


def implementation(ctx: Context) -> str:
    w = ctx.writer()
    sections = _sections(
        ctx,
        w,
        [
            (("implementation", "transmission"), None),
            (("implementation", "mechanisms"), None),
            (("implementation", "one_map"), None),
        ],
    )
    return _h1(ctx, "implementation.page.title") + _figures(ctx, w) + sections


def indicators(ctx: Context) -> str:
    binding, other = summaries.indicator_figures(ctx.catalog)
    total = len(binding) + len(other)
    query = (ctx.query.get("q") or "")[:60].strip()
    lang_field = (
        f'<input type="hidden" name="lang" value="{esc(ctx.lang)}">' if ctx.lang != DEFAULT_LANG else ""
    )
    html = (
        _h1(ctx, "indicators.heading")
        + f"<p>{esc(ctx.t('indicators.intro'))}</p>"
        + f'<form method="get" role="search"><label for="q">{esc(ctx.t("indicators.search.label"))}</label> '
        f'<input id="q" name="q" type="search" maxlength="60" value="{esc(query)}" '
        f'placeholder="{esc(ctx.t("indicators.search.placeholder"))}">{lang_field} '
        f"<button>{esc(ctx.t('indicators.search.button'))}</button></form>"
    )
    if query:
        binding = summaries.search_figures(binding, query, ctx.lang)
        other = summaries.search_figures(other, query, ctx.lang)
        found = len(binding) + len(other)
        message = (
            ctx.t("indicators.search.found", found=found, total=total)
            if found
            else ctx.t("indicators.search.none", query=query)
        )
        html += f'<p role="status">{esc(message)}</p>'
    if binding:
        html += (
            f"<h2>{esc(ctx.t('indicators.binding.heading'))}</h2><p>{esc(ctx.t('indicators.binding.intro'))}</p>"
            + figure_table(binding, ctx.t("indicators.binding.heading"), ctx.lang)
        )
    if other:
        html += f"<h2>{esc(ctx.t('indicators.other.heading'))}</h2>" + figure_table(
            other, ctx.t("indicators.other.heading"), ctx.lang
        )
    return html


def tourism(ctx: Context) -> str:
    w = ctx.writer()
    sections = _sections(
        ctx,
        w,
        [
            (("towns", "tourism_pattern"), None),
            (("transport", "tourism_transport"), "transport.section.tourism"),
        ],
    )
    maps = _maps(ctx, MAPS["tourism"])
    return _h1(ctx, "tourism.heading") + _figures(ctx, w) + maps + sections


# ----------------------------------------------------------------------------- what is here


def whatshere(ctx: Context) -> str:
    frames = ctx.store.readable(wh.SEARCHABLE_LAYERS + (L.CITY_BOUNDARY,))
    place_id = ctx.query.get("place")
    if place_id:
        return _answer(ctx, frames, place_id)
    groups: dict[str, list[tuple[str, str]]] = {}
    for fid, layer_id, name_zh, name_en in wh.place_options(frames):
        if layer_id in L.PLACE_LAYERS:
            name = (name_en if ctx.lang == "en" else name_zh) or name_zh
            groups.setdefault(layer_id, []).append((fid, name))
    out = _h1(ctx, "whatshere.heading") + f"<p>{esc(ctx.t('plain.whatshere.intro'))}</p>"
    for layer_id in L.PLACE_LAYERS:
        if layer_id not in groups:
            continue
        items = "".join(
            f'<li><a href="{esc(ctx.where.path("/plain/whatshere", ctx.lang, place=fid))}">{esc(name)}</a></li>'
            for fid, name in groups[layer_id]
        )
        out += f"<section><h2>{esc(L.get_layer(layer_id).title(ctx.lang))}</h2><ul>{items}</ul></section>"
    return out


def _distance(ctx: Context, hit: wh.Hit) -> str:
    if hit.distance_km == 0 or hit.compass is None:
        return ctx.t("whatshere.dir.here")
    return ctx.t("whatshere.distance", km=f"{hit.distance_km:.1f}", dir=ctx.t(f"whatshere.dir.{hit.compass}"))


def _hit_rows(ctx: Context, hits: Sequence[wh.Hit]) -> str:
    head = "".join(
        f'<th scope="col">{esc(ctx.t(k))}</th>'
        for k in (
            "whatshere.col.name",
            "whatshere.col.layer",
            "whatshere.col.distance",
            "whatshere.col.fidelity",
            "whatshere.col.plan_ref",
        )
    )
    rows = "".join(
        f'<tr><th scope="row">{esc(h.name(ctx.lang))}</th><td>{esc(L.get_layer(h.layer_id).title(ctx.lang))}</td>'
        f"<td>{esc(_distance(ctx, h))}</td><td>{esc(ctx.t(f'fidelity.{h.fidelity}'))}"
        + (f" · {esc(ctx.t('whatshere.note.indicative'))}" if h.indicative else "")
        + (f" · {esc(ctx.t('whatshere.note.approximate'))}" if h.approximate else "")
        + f"</td><td>{esc(plan_ref_text(h.plan_ref, ctx.lang, heading_names(ctx.catalog)))}</td></tr>"
        for h in hits
    )
    return f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"


def _answer(ctx: Context, frames: Mapping, place_id: str) -> str:
    if L.CITY_BOUNDARY not in frames:
        raise NotFound("whatshere.no_boundary")
    found = wh.place_point(frames, place_id)
    if found is None:
        raise NotFound("whatshere.unknown_place")
    layer_id, row, lon, lat = found
    try:
        result = wh.plan_elements_at(lon, lat, frames, ctx.catalog, place_id=place_id)
    except wh.OutsideCity:
        raise NotFound("whatshere.unknown_place") from None
    name = (
        (row.get(f"name_{ctx.lang}") or row.get("name_zh") or place_id)
        if isinstance(row, Mapping)
        else place_id
    )
    out = f"<h1>{esc(ctx.t('whatshere.at.place', name=name))}</h1>"
    out += f'<p><a href="{esc(ctx.where.path("/plain/whatshere", ctx.lang))}">{esc(ctx.t("plain.whatshere.back"))}</a></p>'
    out += f"<p>{esc(ctx.t('whatshere.at.point', lon=f'{lon:.4f}', lat=f'{lat:.4f}'))}</p>"
    description = row.get(f"description_{ctx.lang}") or row.get("description_zh")
    if description:
        out += f"<p>{esc(description)}</p>"
    if result.any_indicative:
        out += f'<p class="own">{esc(ctx.t("whatshere.indicative_banner"))}</p>'
    seat = result.seat
    out += f"<section><h2>{esc(ctx.t('whatshere.section.town'))}</h2>"
    if seat is not None:
        line = (
            ctx.t("whatshere.seat.here", name=seat.hit.name(ctx.lang))
            if seat.hit.distance_km == 0
            else ctx.t(
                "whatshere.seat.line",
                name=seat.hit.name(ctx.lang),
                km=f"{seat.hit.distance_km:.1f}",
                dir=ctx.t(f"whatshere.dir.{seat.hit.compass}") if seat.hit.compass else "",
            )
        )
        out += f'<p>{esc(line)}</p><p class="own">{esc(ctx.t("whatshere.seat.note"))}</p>'
        if seat.far:
            out += f'<p class="own">{esc(ctx.t("whatshere.seat.far", km=f"{seat.hit.distance_km:.1f}"))}</p>'
        if seat.in_central_city:
            out += f"<p>{esc(ctx.t('whatshere.seat.in_central_city'))}</p>"
        for block in seat.functions:
            items = "".join(
                f"<li>{esc(text(item, ctx.lang))}{catalog_html.inline_cite(item, ctx.lang)}</li>"
                for item in block.items
            )
            out += f"<h3>{esc(ctx.t(f'whatshere.functions.{block.kind}'))}</h3><ul>{items}</ul>"
            if block.interpretation:
                out += f'<p class="own"><b>{esc(ctx.t("whatshere.interpretation"))}</b>{esc(text(block.interpretation, ctx.lang))}</p>'
        if not seat.functions and seat.unit is None:
            out += f"<p>{esc(ctx.t('whatshere.seat.no_unit'))}</p>"
    out += "</section>"
    out += f"<section><h2>{esc(ctx.t('whatshere.section.zones'))}</h2>"
    if result.areas:
        out += f"{table_box(ctx.t('whatshere.section.zones'))}<table><caption>{esc(ctx.t('whatshere.section.zones'))}</caption>{_hit_rows(ctx, result.areas)}</table></div>"
        out += f'<p class="own">{esc(ctx.t("whatshere.zones.note"))}</p>'
    else:
        out += f"<p>{esc(ctx.t('whatshere.zones.none'))}</p>"
    out += "</section>"
    km = f"{result.radius_km:g}"
    out += f"<section><h2>{esc(ctx.t('whatshere.section.nearby', km=km))}</h2>"
    for group, _ in wh.NEARBY_GROUPS:
        hits = result.nearby.get(group, ())
        out += f"<h3>{esc(ctx.t(f'whatshere.group.{group}'))}</h3>"
        if hits:
            out += f"{table_box(ctx.t(f'whatshere.group.{group}'))}<table><caption>{esc(ctx.t(f'whatshere.group.{group}'))}</caption>{_hit_rows(ctx, hits)}</table></div>"
        else:
            out += f"<p>{esc(ctx.t('whatshere.group.none', km=km))}</p>"
    out += f'<p class="own">{esc(ctx.t("whatshere.distance_note"))}</p>'
    pages = wh.plan_pages(result.hits())
    out += cite(list(pages), ctx.lang) + "</section>"
    interactive = ctx.where.path("/whatshere", ctx.lang, at=wh.format_at(lon, lat))
    out += f'<p><a href="{esc(interactive)}">{esc(ctx.t("plain.whatshere.on_map"))}</a></p>'
    return out


# ----------------------------------------------------------------------------- comments


def _date(day: dt.date, lang: str) -> str:
    return day.strftime(t("feedback.date_format", lang))


def feedback(ctx: Context) -> str:
    s = ctx.settings
    window = comment_window(s.comment_start, s.comment_end, s.accept_late_comments, today_local())
    dates = {"start": _date(s.comment_start, ctx.lang), "end": _date(s.comment_end, ctx.lang)}
    comment = node(ctx.catalog, "implementation", "public_comment")
    contact = comment.get("contact") or {}
    out = _h1(ctx, "feedback.heading")
    heading = "feedback.period.demo" if s.comment_period_demo else "feedback.period.heading"
    out += f"<section><h2>{esc(ctx.t(heading))}</h2>"
    out += f"<p>{esc(ctx.t(f'feedback.period.{window}', **dates))}</p>"
    if comment.get("period"):
        out += f"<p>{esc(text(comment['period'], ctx.lang))}{catalog_html.inline_cite(comment['period'], ctx.lang)}</p>"
    out += "</section>"
    form = ctx.where.path("/feedback", ctx.lang)
    out += (
        f"<section><h2>{esc(ctx.t('plain.feedback.online'))}</h2>"
        f'<p>{esc(ctx.t("plain.feedback.form"))} <a href="{esc(form)}">{esc(ctx.t("plain.feedback.form_link"))}</a></p></section>'
    )
    if contact:
        email = str(contact.get("email", ""))
        out += (
            f"<section><h2>{esc(ctx.t('feedback.channels.heading'))}</h2>"
            f"<p>{esc(text(comment.get('invitation'), ctx.lang))}</p><dl>"
            f"<dt>{esc(ctx.t('feedback.channels.post'))}</dt><dd>{esc(text(contact.get('address'), ctx.lang))} "
            f"({esc(ctx.t('feedback.channels.postcode'))} {esc(contact.get('postcode', ''))})</dd>"
            f'<dt>{esc(ctx.t("feedback.channels.email"))}</dt><dd><a href="mailto:{esc(email)}">{esc(email)}</a></dd>'
            f"<dt>{esc(ctx.t('feedback.channels.phone'))}</dt><dd>{esc(contact.get('phone', ''))} · "
            f"{esc(text(contact.get('office_hours'), ctx.lang))}</dd></dl>"
            + (
                f"<p>{esc(text(comment['subject_line'], ctx.lang))}</p>"
                if comment.get("subject_line")
                else ""
            )
            + cite(contact.get("page", 45), ctx.lang)
            + "</section>"
        )
    return out


def heard(ctx: Context) -> str:
    out = _h1(ctx, "heard.heading") + f"<p>{esc(ctx.t('heard.intro'))}</p>"
    try:
        repo = ctx.repository()
        total = repo.count(PUBLIC_RECORD)
        received = sum(repo.counts_by_topic(CommentFilter(statuses=("new", "read", "answered"))).values())
    except StoreUnavailable:
        return out + f"<p>{esc(ctx.t('heard.unavailable'))}</p>"
    out += (
        f"<ul><li>{esc(ctx.t('heard.received'))}: {received}</li>"
        f"<li>{esc(ctx.t('heard.published'))}: {total}</li></ul>"
        f"<h2>{esc(ctx.t('heard.list'))}</h2>"
    )
    if total == 0:
        return out + f"<p>{esc(ctx.t('heard.empty'))}</p>"
    pages = (total + RECORD_PAGE_SIZE - 1) // RECORD_PAGE_SIZE
    raw = ctx.query.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= pages:
        raise NotFound("plain.heard.no_page")
    page = int(raw)
    try:
        comments = repo.find(PUBLIC_RECORD, limit=RECORD_PAGE_SIZE, offset=(page - 1) * RECORD_PAGE_SIZE)
        elements = plan_elements(ctx.store.readable(list(L.ELEMENT_LAYERS)))
    except StoreUnavailable:
        return out + f"<p>{esc(ctx.t('heard.unavailable'))}</p>"
    for c in comments:
        about = [
            c.reference,
            c.created_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d"),
            ctx.t(f"feedback.topic.{c.topic}"),
            ctx.t(f"feedback.stance.{c.stance}"),
        ]
        cell = (c.cell_id, c.lon, c.lat) if c.cell_id and c.lon is not None and c.lat is not None else None
        place = "".join(
            f'<p class="cite">{esc(line)}</p>' for line in place_text(c.element_id, cell, elements, ctx.lang)
        )
        out += (
            f'<article class="answer"><h3>{esc(c.reference)}</h3><p class="cite">{esc(" · ".join(about))}</p>'
            f'{place}<p class="comment">{esc(c.message)}</p>'
            f'<h4>{esc(ctx.t("heard.answer"))}</h4><p class="comment">{esc(c.answer or "")}</p></article>'
        )
    if pages > 1:
        links = []
        if page > 1:
            links.append(
                f'<a rel="prev" href="{esc(ctx.where.path("/plain/heard", ctx.lang, page=str(page - 1)))}">{esc(ctx.t("plain.heard.prev"))}</a>'
            )
        links.append(f"<span>{esc(ctx.t('plain.heard.page', page=page, pages=pages))}</span>")
        if page < pages:
            links.append(
                f'<a rel="next" href="{esc(ctx.where.path("/plain/heard", ctx.lang, page=str(page + 1)))}">{esc(ctx.t("plain.heard.next"))}</a>'
            )
        out += f'<nav class="pager" aria-label="{esc(ctx.t("plain.heard.pages"))}">{"".join(links)}</nav>'
    return out


# ----------------------------------------------------------------------------- data


def data(ctx: Context) -> str:
    out = _h1(ctx, "data.heading") + f"<p>{esc(ctx.t('data.intro'))}</p><ul>"
    out += "".join(f"<li>{esc(ctx.t(f'fidelity.explain.{f}'))}</li>" for f in L.FIDELITIES) + "</ul>"
    out += f"<h2>{esc(ctx.t('data.layers'))}</h2>" + _frame_table(
        layer_inventory(ctx.store, ctx.lang), ctx.t("data.layers")
    )
    out += f"<p>{esc(ctx.t('data.layers_note'))}</p>"
    out += f"<h2>{esc(ctx.t('data.datasets'))}</h2>" + _frame_table(
        dataset_table(ctx.lang), ctx.t("data.datasets")
    )
    out += f"<p>{esc(ctx.t('data.plan_source'))}</p>"
    return out


def _frame_table(df, caption: str) -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in df.columns)
    rows = "".join(
        "<tr>" + f'<th scope="row">{esc(r[0])}</th>' + "".join(f"<td>{esc(v)}</td>" for v in r[1:]) + "</tr>"
        for r in df.itertuples(index=False)
    )
    return (
        f"{table_box(caption)}<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


# ----------------------------------------------------------------------------- accessibility


def accessibility(ctx: Context) -> str:
    """The accessibility statement, as on the interactive page (``ui.pages.accessibility``)."""

    def items(parts: Sequence[str]) -> str:
        return "<ul>" + "".join(f"<li>{part}</li>" for part in parts) + "</ul>"

    out = _h1(ctx, "accessibility.heading") + f"<p>{esc(ctx.t('accessibility.intro'))}</p>"
    out += f"<h2>{esc(ctx.t('accessibility.standard.heading'))}</h2>"
    out += items([a11y.standard_html(standard, ctx.lang) for standard in a11y.STANDARDS])
    out += f"<p>{esc(ctx.t('accessibility.senior', switch=ctx.t('reading.senior')))}</p>"
    out += f"<h2>{esc(ctx.t('accessibility.testing.heading'))}</h2>"
    out += items(
        [
            esc(ctx.t("accessibility.testing.axe", version=a11y.AXE_VERSION)),
            esc(ctx.t("accessibility.testing.plain")),
            esc(ctx.t("accessibility.testing.language")),
        ]
    )
    out += f"<h2>{esc(ctx.t('accessibility.limits.heading'))}</h2>"
    limits = a11y.known_limits()
    if limits:
        out += f"<p>{esc(ctx.t('accessibility.limits.intro'))}</p>"
        out += items(
            [
                f"{esc(limit.limit[ctx.lang])} ({esc(ctx.t('accessibility.limits.rule', rule=limit.rule))})"
                for limit in limits
            ]
        )
        out += f"<p>{esc(ctx.t('accessibility.limits.plain'))}</p>"
    else:
        out += f"<p>{esc(ctx.t('accessibility.limits.none'))}</p>"
    out += f"<h2>{esc(ctx.t('accessibility.report.heading'))}</h2>"
    out += f"<p>{esc(ctx.t('accessibility.report.intro', other=ctx.t('feedback.topic.other')))}</p>"
    contact = a11y.barrier_contact(ctx.catalog)
    if contact is not None:
        hours = text(contact.office_hours, ctx.lang)
        out += items(
            [
                f"{esc(ctx.t('accessibility.report.email'))} "
                f'<a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>',
                f"{esc(ctx.t('accessibility.report.phone'))} {esc(contact.phone)}"
                + (f" · {esc(hours)}" if hours else ""),
            ]
        )
        if contact.page:
            out += cite(contact.page, ctx.lang)
    return out


#: url_path → renderer, one per page with a plain edition (``site.PLAIN_PAGES``).
RENDERERS: dict[str, Callable[[Context], str]] = {
    "overview": overview,
    "pattern": pattern,
    "ecology": ecology,
    "towns": towns,
    "transport": transport,
    "heritage": heritage,
    "implementation": implementation,
    "whatshere": whatshere,
    "indicators": indicators,
    "tourism": tourism,
    "feedback": feedback,
    "heard": heard,
    "data": data,
    "accessibility": accessibility,
}
