"""The council presentation as a PDF: one 16:9 page per slide (``plan.slides``), maps and
charts as vector drawings, the draft caveat and the plan pages in every footer.

``layer`` is a function from a layer id to its GeoDataFrame (``MapStore.layer``); a layer it
cannot give (raises) is left off that slide's map.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
from fpdf import FPDF
from fpdf.enums import PathPaintRule

from arshan_data.exports import map_print
from arshan_data.exports import static_chart as sc
from arshan_data.exports.map_pdf import map_drawing
from arshan_data.exports.pdf import (
    GREEN,
    INK,
    LINE,
    MARGIN,
    MUTED,
    SLIDE_H,
    SLIDE_W,
    fill_rect,
    font,
    new_pdf,
    paint,
    rgb,
    text_block,
    wrap,
)
from arshan_data.i18n import join, t
from arshan_data.plan import charts, slides
from arshan_data.plan.catalog import Catalog, text

LayerFn = Callable[[str], gpd.GeoDataFrame]


def _frames(spec: slides.MapSpec, layer: LayerFn) -> dict[str, gpd.GeoDataFrame]:
    frames = {}
    for layer_id in spec.layers:
        try:
            frames[layer_id] = layer(layer_id)
        except Exception:  # a missing or damaged layer is left off the printed map
            continue
    return frames


def _chips(
    pdf: FPDF,
    points: Sequence[slides.Point],
    x: float,
    y: float,
    width: float,
    size: float,
    parts: Mapping[str, str],
) -> float:
    """Points as chips in rows; returns the y below them."""
    cx, cy, row_h = x, y, size * 1.9
    for point in points:
        label = point.label + (f"  {point.text}" if point.text and point.new else "")
        font(pdf, size, point.new)
        w = min(pdf.get_string_width(label) + size * 1.4 + (size if parts.get(point.label) else 0), width)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + row_h + 4
        fill = "#e7f0ea" if point.new else "#f1f1ee"
        with pdf.new_path(0, 0) as path:
            path.style.fill_color = fill
            path.style.stroke_color = "#1b4332" if point.new else "#c9c9c2"
            path.style.stroke_width = 1.0
            path.style.paint_rule = PathPaintRule.STROKE_FILL_NONZERO
            path.rectangle(cx, cy, w, row_h, row_h / 2, row_h / 2)
        tx = cx + size * 0.7
        if parts.get(point.label):
            fill_rect(pdf, tx, cy + row_h / 2 - size * 0.3, size * 0.6, size * 0.6, parts[point.label])
            tx += size
        font(pdf, size, point.new, INK if point.new else MUTED)
        label_fit = label
        while pdf.get_string_width(label_fit) > w - (tx - cx) - size * 0.5 and len(label_fit) > 2:
            label_fit = label_fit[:-2] + "…"
        pdf.text(tx, cy + row_h / 2 + size * 0.36, label_fit)
        cx += w + 6
    return cy + row_h + 8


def _fitting_size(
    pdf: FPDF, value: str, width: float, sizes: Sequence[float], *, lines: int, bold: bool = False
) -> float:
    """The largest of ``sizes`` at which ``value`` wraps into at most ``lines`` lines (else the smallest)."""
    for size in sizes:
        font(pdf, size, bold)
        if len(wrap(pdf, value, width)) <= lines:
            return size
    return sizes[-1]


def _figure_cards(
    pdf: FPDF,
    figures: Sequence[slides.ShownFigure],
    x: float,
    y: float,
    width: float,
    height: float,
    lang: str,
) -> None:
    gap = 12.0
    w = (width - gap * (len(figures) - 1)) / max(len(figures), 1)
    for k, fig in enumerate(figures):
        cx = x + k * (w + gap)
        fill_rect(pdf, cx, y, w, height, "#f4f8f5")
        fill_rect(pdf, cx, y, 4, height, GREEN)
        size = _fitting_size(pdf, fig.label, w - 20, (11, 9.5), lines=1)
        bottom = text_block(
            pdf, cx + 12, y + 5, w - 20, fig.label, size, color=MUTED, max_lines=2, leading=1.2
        )
        bottom = text_block(
            pdf, cx + 12, bottom - 2, w - 20, fig.value, 22, bold=True, color=GREEN, max_lines=1
        )
        note = " · ".join(
            v for v in (fig.note, t("present.figure.source", lang, page=fig.page) if fig.page else "") if v
        )
        text_block(pdf, cx + 12, bottom, w - 20, note, 9.5, color=MUTED, max_lines=1)


def _cards(
    pdf: FPDF, cards: Sequence[slides.Card], x: float, y: float, width: float, height: float, lang: str
) -> None:
    gap = 16.0
    w = (width - gap * (len(cards) - 1)) / max(len(cards), 1)

    def points_height(size: float) -> float:
        font(pdf, size)
        return max(
            (
                sum(len(wrap(pdf, p, w - 56)) * size * 1.35 + size * 0.25 + size * 0.5 for p in card.points)
                for card in cards
            ),
            default=0,
        )

    size = next((s for s in (17, 16, 15, 14, 13, 12) if points_height(s) <= height - 150), 12)
    for k, card in enumerate(cards):
        cx = x + k * (w + gap)
        fill_rect(pdf, cx, y, w, height, "#f4f8f5")
        fill_rect(pdf, cx, y, w, 5, GREEN)
        font(pdf, 48, True, GREEN)
        pdf.text(cx + 18, y + 66, card.figure.value)
        bottom = text_block(pdf, cx + 18, y + 80, w - 36, card.title, 20, bold=True, max_lines=1) + 6
        for point in card.points:
            font(pdf, size, False, INK)
            pdf.text(cx + 20, bottom + size * 1.5, "•")
            bottom = text_block(pdf, cx + 38, bottom + size * 0.5, w - 56, point, size, leading=1.35)
        page = card.page or card.figure.page
        text_block(
            pdf,
            cx + 18,
            y + height - 24,
            w - 36,
            t("present.figure.source", lang, page=page),
            9.5,
            color=MUTED,
        )


def slide_page(pdf: FPDF, shown: slides.Content, catalog: Catalog, lang: str, layer: LayerFn) -> None:
    """One slide as one 16:9 page: headline, points, the map / chart / cards, figures, footer."""
    pdf.add_page()
    slide = shown.slide
    fill_rect(pdf, 0, 0, SLIDE_W, 6, GREEN)
    x, width = MARGIN, SLIDE_W - 2 * MARGIN
    y = text_block(pdf, x, 16, width, f"{shown.number} / {shown.total}   {shown.title}", 11, color=MUTED)
    size = _fitting_size(pdf, shown.headline, width, (24, 20, 17), lines=2, bold=True)
    y = (
        text_block(
            pdf,
            x,
            y,
            width,
            shown.headline,
            size,
            bold=True,
            color=GREEN,
            leading=1.22,
            max_lines=2 if size > 17 else 3,
        )
        + 4
    )
    parts = {label: map_print.hex_color(color) for _, label, color in shown.split_parts}
    if shown.points:
        y = _chips(pdf, shown.points, x, y, width, 11.5, parts)
    footer_y = SLIDE_H - 24
    figures_h = 72.0 if shown.figures and slide.kind != "figures" else 0.0
    body_bottom = footer_y - 8 - (figures_h + 10 if figures_h else 0)
    body_h = body_bottom - y
    if slide.kind == "map" and slide.map:
        frames = _frames(slide.map, layer)
        split = None
        if slide.map.split and slide.map.split[0] in frames:
            layer_id, column, _ = slide.map.split
            split = {layer_id: (column, shown.split_parts)}
        if frames:
            drawing = map_drawing(
                frames,
                lang,
                width=width,
                height=body_h,
                view=slide.map.view,
                view_px=_screen_px(width, body_h),
                split=split,
                labelled=slide.map.labelled,
                furniture=1.05,
                label_px=11.0,
            )
            paint(pdf, drawing, x, y)
    elif slide.kind == "chart" and slide.chart:
        fig = getattr(charts, slide.chart)(catalog, lang, big=True)
        drawing = sc.draw_chart(fig, width=width, height=body_h, size=12.5)
        paint(pdf, drawing, x, y)
    elif slide.kind == "figures":
        _cards(pdf, shown.cards, x, y + 4, width, body_h - 4, lang)
    if figures_h:
        _figure_cards(pdf, shown.figures, x, body_bottom + 10, width, figures_h, lang)
    _footer(pdf, catalog, lang, shown, footer_y)


def _screen_px(width_pt: float, height_pt: float) -> tuple[float, float]:
    """The screen map a slide's page area stands for: a little narrower than the presentation's
    map on a 1280-px screen (the views are framed for it), so paper shows the subject larger."""
    return 1000.0, 1000.0 * height_pt / width_pt


def _footer(pdf: FPDF, catalog: Catalog, lang: str, shown: slides.Content, y: float) -> None:
    pdf.set_draw_color(*rgb(LINE))
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, y, SLIDE_W - MARGIN, y)
    meta = catalog["meta"]
    left = f"{text(meta['title'], lang)} · {text(meta['status']['draft_caveat'], lang)}"
    pages = join(map(str, shown.pages), lang)
    right = f"{t('present.pages', lang, pages=pages)}   {shown.number} / {shown.total}"
    font(pdf, 8.5, False, MUTED)
    right_w = pdf.get_string_width(right)
    text_block(pdf, MARGIN, y + 2, SLIDE_W - 2 * MARGIN - right_w - 16, left, 8.5, color=MUTED, max_lines=1)
    font(pdf, 8.5, False, MUTED)
    pdf.text(SLIDE_W - MARGIN - right_w, y + 2 + 8.5, right)


def deck_pdf(
    catalog: Catalog, lang: str, layer: LayerFn, deck: Sequence[slides.Slide] = slides.SLIDES
) -> bytes:
    """The whole presentation, one 16:9 page per slide, in ``lang``."""
    pdf = new_pdf(SLIDE_W, SLIDE_H, title=text(catalog["meta"]["title"], lang), lang=lang)
    for slide in deck:
        slide_page(pdf, slides.content(slide, catalog, lang, deck), catalog, lang, layer)
    return bytes(pdf.output())
