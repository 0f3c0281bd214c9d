"""PDF and PNG exports: the slide deck for the meeting papers, and printable A4/A3 maps. No
Streamlit, no browser, nothing fetched: fpdf2 writes the PDF with the bundled CJK font embedded
(``arshan_data.fonts``), maps are ``static_map`` drawings (legend, scale bar, north arrow) and
charts ``static_chart`` drawings, both painted as vector graphics; pypdfium2 renders pages to PNG.

    deck_pdf(catalog, lang, layer)        → bytes  (one 16:9 page per slide)
    page_png(pdf, page_index, width_px)   → bytes  (a page as PNG, e.g. 1920 × 1080)
    map_pdf(frames, lang, title=…, …)     → bytes  (one A4/A3 landscape page)

``layer`` is a function from a layer id to its GeoDataFrame (``MapStore.layer``); a layer it
cannot give (raises) is left off that slide's map.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
from fpdf import FPDF
from fpdf.enums import PathPaintRule

from arshan_data.exports import fonts, map_print
from arshan_data.exports import static_chart as sc
from arshan_data.exports import static_map as sm
from arshan_data.geodata.layers import NEIGHBOURS
from arshan_data.geodata.views import View
from arshan_data.i18n import join, t
from arshan_data.plan import charts, slides
from arshan_data.plan.catalog import text

FONT = "NotoSansCJKsc"
#: A 16:9 slide: 960 × 540 pt (13.33 × 7.5 in, PowerPoint's widescreen size); ×2 = 1920 × 1080 px.
SLIDE_W, SLIDE_H = 960.0, 540.0
PAPER = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89)}  # landscape, pt
MARGIN = 36.0
GREEN, INK, MUTED, LINE = "#1b4332", "#1e1e1e", "#4a4a4a", "#c8c8c0"
LayerFn = Callable[[str], gpd.GeoDataFrame]


# ----------------------------------------------------------------------------- document and text

def new_pdf(width: float, height: float, *, title: str = "", lang: str = "zh") -> FPDF:
    pdf = FPDF(orientation="L" if width >= height else "P", unit="pt", format=(min(width, height), max(width, height)))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font(FONT, "", str(fonts.FONT_FILES["regular"]))
    pdf.add_font(FONT, "B", str(fonts.FONT_FILES["bold"]))
    pdf.set_title(title)
    pdf.set_lang("zh-CN" if lang == "zh" else "en")
    pdf.set_creator("arshan_data.pdf_export")
    pdf.set_creation_date(dt.datetime(2023, 2, 3, tzinfo=dt.timezone.utc))  # reproducible bytes
    return pdf


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) == 3:
        color = "".join(ch * 2 for ch in color)
    return tuple(int(color[k:k + 2], 16) for k in (0, 2, 4))  # type: ignore[return-value]


def font(pdf: FPDF, size: float, bold: bool = False, color: str = INK) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*_rgb(color))


def wrap(pdf: FPDF, value: str, width: float) -> list[str]:
    """``value`` broken into lines no wider than ``width`` in the current font: Chinese between
    any two characters, other text between words (a word longer than a line is cut)."""
    out: list[str] = []
    for paragraph in str(value).split("\n"):
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if line and pdf.get_string_width(candidate.rstrip()) > width:
                out.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
            while pdf.get_string_width(line) > width and len(line) > 1:  # one over-long word
                cut = max(1, int(len(line) * width / pdf.get_string_width(line)))
                out.append(line[:cut])
                line = line[cut:]
        out.append(line.rstrip())
    return out


def _tokens(paragraph: str) -> list[str]:
    tokens, word = [], ""
    for ch in paragraph:
        if ord(ch) > 0x2E7F:  # CJK and full-width punctuation: a break is allowed around each
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def text_block(pdf: FPDF, x: float, y: float, width: float, value: str, size: float, *, bold: bool = False,
               color: str = INK, leading: float = 1.3, max_lines: int = 0) -> float:
    """Write wrapped text with its first baseline at ``y + size``; returns the y below it."""
    font(pdf, size, bold, color)
    lines = wrap(pdf, value, width)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and pdf.get_string_width(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    for k, line in enumerate(lines):
        pdf.text(x, y + size + k * size * leading, line)
    return y + size * 0.25 + len(lines) * size * leading


# ----------------------------------------------------------------------------- painting drawings

def paint(pdf: FPDF, drawing: sm.Drawing, x: float, y: float) -> None:
    """Paint a ``static_map``/``static_chart`` drawing with its top-left corner at (x, y); the
    drawing's units are points. The map items are clipped to the map frame."""
    bx, by, bw, bh = drawing.map_box
    if drawing.background:
        _fill_rect(pdf, x, y, drawing.width, drawing.height, drawing.background)
    with pdf.rect_clip(x + bx, y + by, bw, bh):
        for item in drawing.map_items:
            _paint_item(pdf, item, x, y)
    if drawing.overlay:  # a map: frame round the map area
        _stroke_rect(pdf, x + bx, y + by, bw, bh, "#999999", 0.8)
    for item in drawing.overlay:
        _paint_item(pdf, item, x, y)


def _fill_rect(pdf: FPDF, x: float, y: float, w: float, h: float, color: str) -> None:
    pdf.set_fill_color(*_rgb(color))
    pdf.rect(x, y, w, h, style="F")


def _stroke_rect(pdf: FPDF, x: float, y: float, w: float, h: float, color: str, width: float) -> None:
    pdf.set_draw_color(*_rgb(color))
    pdf.set_line_width(width)
    pdf.rect(x, y, w, h, style="D")


def _paint_item(pdf: FPDF, item, ox: float, oy: float) -> None:
    if isinstance(item, sm.Path):
        if len(item.points) < 2:
            return
        filled = item.closed and bool(item.fill)
        if not filled and not item.stroke:
            return
        with pdf.new_path(0, 0) as path:
            style = path.style
            style.auto_close = item.closed  # fpdf2 closes every path unless told not to
            if filled:
                style.fill_color = item.fill
            if item.stroke and item.width > 0:
                style.stroke_color = item.stroke
                style.stroke_width = item.width
                style.stroke_join_style = "round"
                style.stroke_cap_style = "round"
                if item.dash:
                    style.stroke_dash_pattern = list(item.dash)
            if item.opacity < 1:
                style.fill_opacity = item.opacity
                style.stroke_opacity = item.opacity
            stroked = bool(item.stroke) and item.width > 0
            rule = "evenodd" if item.rings else "nonzero"
            style.paint_rule = (PathPaintRule.STROKE_FILL_EVENODD if rule == "evenodd" else PathPaintRule.STROKE_FILL_NONZERO) \
                if filled and stroked else (PathPaintRule.FILL_EVENODD if rule == "evenodd" else PathPaintRule.FILL_NONZERO) \
                if filled else PathPaintRule.STROKE
            for ring in (item.points, *item.rings):
                (x0, y0), *rest = ring
                path.move_to(ox + x0, oy + y0)
                for px, py in rest:
                    path.line_to(ox + px, oy + py)
                if item.closed:
                    path.close()
    elif isinstance(item, sm.Circle):
        if not item.fill and not item.stroke:
            return
        with pdf.new_path(0, 0) as path:
            if item.fill:
                path.style.fill_color = item.fill
            if item.stroke and item.width > 0:
                path.style.stroke_color = item.stroke
                path.style.stroke_width = item.width
            if item.opacity < 1:
                path.style.fill_opacity = item.opacity
            path.style.paint_rule = (PathPaintRule.STROKE_FILL_NONZERO if item.fill and item.stroke else
                                     PathPaintRule.FILL_NONZERO if item.fill else PathPaintRule.STROKE)
            path.circle(ox + item.x, oy + item.y, item.r)
    elif isinstance(item, sm.Text):
        if not item.text:
            return
        font(pdf, item.size, item.weight >= 600, item.color)
        width = pdf.get_string_width(item.text)
        x = ox + item.x - (width / 2 if item.anchor == "middle" else width if item.anchor == "end" else 0)
        y = oy + item.y
        if item.halo:
            with pdf.local_context(text_mode="STROKE", line_width=max(1.5, item.size * 0.22),
                                   draw_color=(255, 255, 255)):
                pdf.text(x, y, item.text)
        pdf.text(x, y, item.text)


# ----------------------------------------------------------------------------- maps on a page

def _frames(spec: slides.MapSpec, layer: LayerFn) -> dict[str, gpd.GeoDataFrame]:
    frames = {}
    for layer_id in spec.layers:
        try:
            frames[layer_id] = layer(layer_id)
        except Exception:  # noqa: BLE001 - a missing or damaged layer is left off the printed map
            continue
    return frames


def map_drawing(frames: Mapping[str, gpd.GeoDataFrame], lang: str, *, width: float, height: float,
                view: View | None = None, view_px: tuple[float, float] | None = None,
                split: map_print.PrintSplit | None = None, labelled: Sequence[str] = (),
                furniture: float = 1.0, label_px: float = 11.0) -> sm.Drawing:
    """A static map of ``frames`` in a ``width`` × ``height`` pt box: the ``view`` as seen in a
    ``view_px`` screen map (default: the box itself), else the extent of the features."""
    bbox = None
    if view is not None:
        w_px, h_px = view_px or (width, height)
        bbox = map_print.view_bbox(view, w_px, h_px)
    layers = map_print.static_layers(frames, lang, split=split, labelled=labelled, bbox=bbox,
                                     map_width_px=width * 0.75, label_px=label_px)
    return sm.draw_list(layers, width=int(width), height=int(height), bbox=bbox, texts=map_print.texts(lang),
                        margin=0, pad_fraction=0.0 if bbox else 0.06, furniture=furniture)


# ----------------------------------------------------------------------------- slides

def _chips(pdf: FPDF, points: Sequence[slides.Point], x: float, y: float, width: float, size: float,
           parts: Mapping[str, str]) -> float:
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
            _fill_rect(pdf, tx, cy + row_h / 2 - size * 0.3, size * 0.6, size * 0.6, parts[point.label])
            tx += size
        font(pdf, size, point.new, INK if point.new else MUTED)
        label_fit = label
        while pdf.get_string_width(label_fit) > w - (tx - cx) - size * 0.5 and len(label_fit) > 2:
            label_fit = label_fit[:-2] + "…"
        pdf.text(tx, cy + row_h / 2 + size * 0.36, label_fit)
        cx += w + 6
    return cy + row_h + 8


def _fitting_size(pdf: FPDF, value: str, width: float, sizes: Sequence[float], *, lines: int,
                  bold: bool = False) -> float:
    """The largest of ``sizes`` at which ``value`` wraps into at most ``lines`` lines (else the smallest)."""
    for size in sizes:
        font(pdf, size, bold)
        if len(wrap(pdf, value, width)) <= lines:
            return size
    return sizes[-1]


def _figure_cards(pdf: FPDF, figures: Sequence[slides.ShownFigure], x: float, y: float, width: float,
                  height: float, lang: str) -> None:
    gap = 12.0
    w = (width - gap * (len(figures) - 1)) / max(len(figures), 1)
    for k, fig in enumerate(figures):
        cx = x + k * (w + gap)
        _fill_rect(pdf, cx, y, w, height, "#f4f8f5")
        _fill_rect(pdf, cx, y, 4, height, GREEN)
        size = _fitting_size(pdf, fig.label, w - 20, (11, 9.5), lines=1)
        bottom = text_block(pdf, cx + 12, y + 5, w - 20, fig.label, size, color=MUTED, max_lines=2, leading=1.2)
        bottom = text_block(pdf, cx + 12, bottom - 2, w - 20, fig.value, 22, bold=True, color=GREEN, max_lines=1)
        note = " · ".join(v for v in (fig.note, t("present.figure.source", lang, page=fig.page) if fig.page else "") if v)
        text_block(pdf, cx + 12, bottom, w - 20, note, 9.5, color=MUTED, max_lines=1)


def _cards(pdf: FPDF, cards: Sequence[slides.Card], x: float, y: float, width: float, height: float,
           lang: str) -> None:
    gap = 16.0
    w = (width - gap * (len(cards) - 1)) / max(len(cards), 1)

    def points_height(size: float) -> float:
        font(pdf, size)
        return max((sum(len(wrap(pdf, p, w - 56)) * size * 1.35 + size * 0.25 + size * 0.5 for p in card.points)
                    for card in cards), default=0)

    size = next((s for s in (17, 16, 15, 14, 13, 12) if points_height(s) <= height - 150), 12)
    for k, card in enumerate(cards):
        cx = x + k * (w + gap)
        _fill_rect(pdf, cx, y, w, height, "#f4f8f5")
        _fill_rect(pdf, cx, y, w, 5, GREEN)
        font(pdf, 48, True, GREEN)
        pdf.text(cx + 18, y + 66, card.figure.value)
        bottom = text_block(pdf, cx + 18, y + 80, w - 36, card.title, 20, bold=True, max_lines=1) + 6
        for point in card.points:
            font(pdf, size, False, INK)
            pdf.text(cx + 20, bottom + size * 1.5, "•")
            bottom = text_block(pdf, cx + 38, bottom + size * 0.5, w - 56, point, size, leading=1.35)
        page = card.page or card.figure.page
        text_block(pdf, cx + 18, y + height - 24, w - 36, t("present.figure.source", lang, page=page), 9.5,
                   color=MUTED)


def slide_page(pdf: FPDF, shown: slides.Content, catalog: Mapping, lang: str, layer: LayerFn) -> None:
    """One slide as one 16:9 page: headline, points, the map / chart / cards, figures, footer."""
    pdf.add_page()
    slide = shown.slide
    _fill_rect(pdf, 0, 0, SLIDE_W, 6, GREEN)
    x, width = MARGIN, SLIDE_W - 2 * MARGIN
    y = text_block(pdf, x, 16, width, f"{shown.number} / {shown.total}   {shown.title}", 11, color=MUTED)
    size = _fitting_size(pdf, shown.headline, width, (24, 20, 17), lines=2, bold=True)
    y = text_block(pdf, x, y, width, shown.headline, size, bold=True, color=GREEN, leading=1.22,
                   max_lines=2 if size > 17 else 3) + 4
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
            drawing = map_drawing(frames, lang, width=width, height=body_h, view=slide.map.view,
                                  view_px=_screen_px(width, body_h), split=split, labelled=slide.map.labelled,
                                  furniture=1.05, label_px=11.0)
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


def _footer(pdf: FPDF, catalog: Mapping, lang: str, shown: slides.Content, y: float) -> None:
    pdf.set_draw_color(*_rgb(LINE))
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


def deck_pdf(catalog: Mapping, lang: str, layer: LayerFn,
             deck: Sequence[slides.Slide] = slides.SLIDES) -> bytes:
    """The whole presentation, one 16:9 page per slide, in ``lang``."""
    pdf = new_pdf(SLIDE_W, SLIDE_H, title=text(catalog["meta"]["title"], lang), lang=lang)
    for slide in deck:
        slide_page(pdf, slides.content(slide, catalog, lang, deck), catalog, lang, layer)
    return bytes(pdf.output())


def page_count(pdf_bytes: bytes) -> int:
    import pypdfium2 as pdfium  # noqa: PLC0415

    return len(pdfium.PdfDocument(pdf_bytes))


def page_png(pdf_bytes: bytes, page_index: int, width_px: int = 1920) -> bytes:
    """One page of a PDF as PNG bytes, ``width_px`` wide (1920 → 1920 × 1080 for a slide)."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        page = document[page_index]
        width_pt, _ = page.get_size()
        image = page.render(scale=width_px / width_pt).to_pil()
        if image.width != width_px:  # rounding: 1919 → 1920
            image = image.resize((width_px, round(image.height * width_px / image.width)))
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


# ----------------------------------------------------------------------------- printable map

def map_pdf(frames: Mapping[str, gpd.GeoDataFrame], lang: str, *, title: str, catalog: Mapping,
            paper: str = "A4", view: View | None = None, view_px: tuple[float, float] | None = None,
            split: map_print.PrintSplit | None = None, labelled: Sequence[str] = (),
            pages: Sequence[int] = (), subtitle: str = "") -> bytes:
    """One landscape A4/A3 page: title, the map with legend, scale bar and north arrow, the
    draft caveat (以最终批复为准) and the source line."""
    width, height = PAPER[paper]
    k = width / PAPER["A4"][0]
    pdf = new_pdf(width, height, title=title, lang=lang)
    pdf.add_page()
    margin = 30 * k
    y = text_block(pdf, margin, margin - 6 * k, width - 2 * margin, title, 20 * k, bold=True, color=GREEN,
                   max_lines=1)
    subtitle = subtitle or text(catalog["meta"]["title"], lang)
    y = text_block(pdf, margin, y, width - 2 * margin, subtitle, 10.5 * k, color=MUTED, max_lines=1) + 6 * k
    foot_h = 46 * k
    map_h = height - y - margin - foot_h
    drawing = map_drawing(frames, lang, width=width - 2 * margin, height=map_h, view=view, view_px=view_px,
                          split=split, labelled=labelled, furniture=1.1 * k, label_px=10.5 * k)
    paint(pdf, drawing, margin, y)
    fy = y + map_h + 10 * k
    caveat = text(catalog["meta"]["status"]["draft_caveat"], lang)
    fy = text_block(pdf, margin, fy, width - 2 * margin, caveat, 10.5 * k, bold=True, color="#8a1c1c", max_lines=1)
    titles = join((map_print.layer_title(lid, lang) for lid in frames if lid != NEIGHBOURS), lang)
    source = t("present.print.source", lang, layers=titles)
    if pages:
        source += " " + t("present.pages", lang, pages=join(map(str, pages), lang))
    source += " · " + t("present.print.made", lang)
    text_block(pdf, margin, fy, width - 2 * margin, source, 8.5 * k, color=MUTED, max_lines=2)
    return bytes(pdf.output())
