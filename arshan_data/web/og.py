"""Share images (``og:image``): a 1200 × 630 PNG of a page — its title, the plan's title, the
draft caveat and the page's map — drawn by the export code (``exports.pdf`` + ``map_pdf``) like
the printed maps and slides, rendered to PNG by pypdfium2. Nothing is fetched."""

from __future__ import annotations

from arshan_data import site
from arshan_data.exports.map_pdf import map_drawing
from arshan_data.exports.pdf import GREEN, MUTED, new_pdf, page_png, paint, text_block
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import t
from arshan_data.plan.catalog import Catalog, text
from arshan_data.web.plain.pages import share_map

#: The card in points (× 2 = 1200 × 630 px, the size share cards are shown at).
WIDTH, HEIGHT = 600.0, 315.0
PNG_WIDTH = 1200


def share_png(entry: site.PageEntry, lang: str, catalog: Catalog, store: MapStore) -> bytes:
    spec = share_map(entry.url_path)
    frames = store.readable(spec.layers, dict(spec.only))
    pdf = new_pdf(WIDTH, HEIGHT, title=site.document_title(entry, lang), lang=lang)
    pdf.add_page()
    margin, text_w = 20.0, 230.0
    y = text_block(
        pdf, margin, margin, text_w, t(entry.title_key, lang), 26, bold=True, color=GREEN, max_lines=2
    )
    y = text_block(pdf, margin, y + 6, text_w, t("app.title", lang), 11, color=MUTED, max_lines=3)
    caveat = text(catalog["meta"]["status"]["draft_caveat"], lang)
    text_block(pdf, margin, y + 10, text_w, caveat, 9.5, bold=True, color="#8a1c1c", max_lines=4)
    map_x = margin + text_w + 10
    drawing = map_drawing(
        frames,
        lang,
        width=WIDTH - map_x - margin,
        height=HEIGHT - 2 * margin,
        labelled=spec.labelled,
        furniture=0.7,
        label_px=8.0,
    )
    paint(pdf, drawing, map_x, margin)
    return page_png(bytes(pdf.output()), 0, PNG_WIDTH)
