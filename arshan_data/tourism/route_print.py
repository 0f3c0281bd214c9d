"""The printable summary of a planned route, one A4 page: the map with its legend, the legs,
the times, the caveat and the sources — as an HTML page (the reader's browser prints it) and
as a PDF made by the site's one PDF engine (``exports.pdf``)."""

from __future__ import annotations

import html
import io
from collections.abc import Mapping

import geopandas as gpd

from arshan_data.exports import pdf, share, static_map
from arshan_data.i18n import join, t
from arshan_data.tourism.route_map import route_drawing, route_svg
from arshan_data.tourism.route_tables import (
    LEG_COLUMNS,
    format_minutes,
    leg_roads,
    place_name,
    shorter_note,
    summary_line,
)
from arshan_data.tourism.routing import SPEEDS_KMH, Network, Route

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


def summary_html(
    net: Network,
    route: Route,
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    link: str | None = None,
    loop_source: str = "",
) -> str:
    """A one-page printable summary (A4): map with legend, legs, times, caveat and sources."""
    e = html.escape
    title = t("tourism.print.title", lang)
    svg = route_svg(net, route, frames, lang)
    head = "".join(
        f"<th{' class=num' if 3 <= k <= 6 else ''}>{e(t(f'tourism.print.col.{c}', lang))}</th>"
        for k, c in enumerate(LEG_COLUMNS)
    )
    body = "".join(
        "<tr>" + f"<td>{leg.seq}</td><td>{e(place_name(net, leg.from_id, lang))}</td>"
        f"<td>{e(place_name(net, leg.to_id, lang))}</td>"
        f"<td class=num>{km:.1f}</td><td class=num>{e(format_minutes(minutes, lang))}</td>"
        f"<td class=num>{leg.loop_km:.1f}</td><td class=num>{leg.spur_km:.1f}</td>"
        f"<td>{e(leg_roads(leg, lang))}</td></tr>"
        for leg, km, minutes in zip(route.legs, route.shown_km, route.shown_minutes, strict=True)
    )
    foot = (
        f"<tr><td colspan=3>{e(t('tourism.total', lang))}</td><td class=num>{route.total_km:.1f}</td>"
        f"<td class=num>{e(format_minutes(route.total_minutes, lang))}</td>"
        f"<td class=num>{route.loop_km:.1f}</td><td class=num>{route.total_km - route.loop_km:.1f}</td>"
        f"<td></td></tr>"
    )
    speeds = join((f"{t(f'tourism.class.{name}', lang)} {int(v)}" for name, v in SPEEDS_KMH.items()), lang)
    unreachable = ""
    if route.unreachable:
        names = join((place_name(net, s, lang) for s in route.unreachable), lang)
        unreachable = f"<p class=warn>{e(t('tourism.unreachable', lang, names=names))}</p>"
    qr = ""
    if link:
        qr = (
            f"<div class=qr>{share.qr_svg(link, scale=3).decode('utf-8')}</div>"
            f"<div><b>{e(t('tourism.print.link', lang))}</b><br><span class=small>{e(link)}</span></div>"
        )
    doc = f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{PRINT_CSS % {"fonts": static_map.CJK_FONT_STACK}}</style></head>
<body><main>
<h1>{e(title)}</h1>
<p class=sub>{e(summary_line(net, route, lang))} · {e(shorter_note(route, lang))}</p>
<div class=map>{svg}</div>
<p class=small>{e(t("tourism.print.table_note", lang))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table>
{unreachable}
<p class=caveat>{e(t("tourism.print.caveat", lang))}</p>
<p class=small>{e(t("tourism.print.speeds", lang, speeds=speeds))}</p>
<p class=small>{e(t("tourism.print.source", lang))}{(" " + e(loop_source)) if loop_source else ""}</p>
<div class=foot>{qr}</div>
</main></body></html>
"""
    return doc


#: A4 portrait in points, and the page margin (11 mm).
A4_PT = (595.28, 841.89)
PDF_MARGIN = 31.2
#: The legs table's columns as shares of the text width (the roads column takes the rest).
COLUMN_SHARES = (0.04, 0.15, 0.15, 0.07, 0.13, 0.08, 0.08, 0.30)
NUMERIC_COLUMNS = range(3, 7)


def summary_pdf(
    net: Network, route: Route, frames: Mapping[str, gpd.GeoDataFrame], lang: str, *, link: str | None = None
) -> bytes:
    """The printable summary as a one-page A4 PDF: the same content as ``summary_html``, with the
    map as vector graphics and the bundled CJK font embedded (``exports.pdf``)."""
    title = t("tourism.print.title", lang)
    doc = pdf.new_pdf(*A4_PT, title=title, lang=lang)
    doc.add_page()
    x, width = PDF_MARGIN, A4_PT[0] - 2 * PDF_MARGIN
    y = pdf.text_block(doc, x, PDF_MARGIN - 4, width, title, 15, bold=True)
    y = (
        pdf.text_block(
            doc,
            x,
            y,
            width,
            f"{summary_line(net, route, lang)} · {shorter_note(route, lang)}",
            9.5,
            color=pdf.MUTED,
        )
        + 4
    )
    drawing = route_drawing(net, route, frames, lang, width=int(width), height=int(width * 470 / 760))
    pdf.paint(doc, drawing, x, y)
    y += drawing.height + 6
    y = pdf.text_block(doc, x, y, width, t("tourism.print.table_note", lang), 8, color=pdf.MUTED) + 2
    y = _legs_table(doc, net, route, lang, x, y, width) + 8
    if route.unreachable:
        names = join((place_name(net, s, lang) for s in route.unreachable), lang)
        y = (
            pdf.text_block(
                doc, x, y, width, t("tourism.unreachable", lang, names=names), 9.5, color="#9a3412"
            )
            + 4
        )
    top = y
    y = pdf.text_block(doc, x + 8, y + 3, width - 12, t("tourism.print.caveat", lang), 9.5) + 3
    pdf.fill_rect(doc, x, top, 2.5, y - top, "#d9a400")
    speeds = join((f"{t(f'tourism.class.{n}', lang)} {int(v)}" for n, v in SPEEDS_KMH.items()), lang)
    y = pdf.text_block(
        doc, x, y + 4, width, t("tourism.print.speeds", lang, speeds=speeds), 8, color=pdf.MUTED
    )
    y = pdf.text_block(doc, x, y, width, t("tourism.print.source", lang), 8, color=pdf.MUTED) + 6
    if link:
        size = 68.0
        if y + size < A4_PT[1] - PDF_MARGIN:
            doc.image(io.BytesIO(share.qr_png(link, scale=4)), x=x, y=y, w=size, h=size)
            below = pdf.text_block(
                doc, x + size + 8, y + 4, width - size - 8, t("tourism.print.link", lang), 9.5, bold=True
            )
            pdf.text_block(doc, x + size + 8, below, width - size - 8, link, 8, color=pdf.MUTED)
    return bytes(doc.output())


def _legs_table(doc, net: Network, route: Route, lang: str, x: float, y: float, width: float) -> float:
    """The legs with their total, cells wrapped, numbers right-aligned; returns the y below it."""
    widths = [share_ * width for share_ in COLUMN_SHARES]
    header = [t(f"tourism.print.col.{c}", lang) for c in LEG_COLUMNS]
    rows = [
        [
            str(leg.seq),
            place_name(net, leg.from_id, lang),
            place_name(net, leg.to_id, lang),
            f"{km:.1f}",
            format_minutes(minutes, lang),
            f"{leg.loop_km:.1f}",
            f"{leg.spur_km:.1f}",
            leg_roads(leg, lang),
        ]
        for leg, km, minutes in zip(route.legs, route.shown_km, route.shown_minutes, strict=True)
    ]
    total = [
        "",
        t("tourism.total", lang),
        "",
        f"{route.total_km:.1f}",
        format_minutes(route.total_minutes, lang),
        f"{route.loop_km:.1f}",
        f"{route.total_km - route.loop_km:.1f}",
        "",
    ]
    size, leading = 7.5, 1.3
    for index, row in enumerate([header, *rows, total]):
        bold = index == 0 or row is total
        pdf.font(doc, size, bold)
        cells = [pdf.wrap(doc, cell, w - 6) for cell, w in zip(row, widths, strict=True)]
        height = max(len(c) for c in cells) * size * leading + 5
        if index == 0:
            pdf.fill_rect(doc, x, y, width, height, "#f3f3f0")
        cx = x
        for column, (lines, w) in enumerate(zip(cells, widths, strict=True)):
            for n, line in enumerate(lines):
                right = column in NUMERIC_COLUMNS
                tx = cx + w - 3 - doc.get_string_width(line) if right else cx + 3
                doc.text(tx, y + 2.5 + size + n * size * leading, line)
            cx += w
        y += height
        doc.set_draw_color(200, 200, 200)
        doc.set_line_width(0.5)
        doc.line(x, y, x + width, y)
    return y
