"""PDF with the bundled CJK font embedded, drawn without a browser: the one PDF engine of the
site (fpdf2). A page is a document (``new_pdf``), wrapped text (``text_block``) and vector
drawings from ``static_map`` / ``static_chart`` (``paint``); pypdfium2 renders a page to PNG.
Nothing is fetched. The slide deck (``deck_pdf``), printable maps (``map_pdf``) and the tourism
route summary (``tourism.route_print``) are all made with these.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF
from fpdf.enums import PathPaintRule

from arshan_data.exports import fonts
from arshan_data.exports import static_map as sm

FONT = "NotoSansCJKsc"
#: A 16:9 slide: 960 × 540 pt (13.33 × 7.5 in, PowerPoint's widescreen size); ×2 = 1920 × 1080 px.
SLIDE_W, SLIDE_H = 960.0, 540.0
PAPER = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89)}  # landscape, pt
MARGIN = 36.0
GREEN, INK, MUTED, LINE = "#1b4332", "#1e1e1e", "#4a4a4a", "#c8c8c0"


# ----------------------------------------------------------------------------- document and text


def new_pdf(width: float, height: float, *, title: str = "", lang: str = "zh") -> FPDF:
    pdf = FPDF(
        orientation="L" if width >= height else "P",
        unit="pt",
        format=(min(width, height), max(width, height)),
    )
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font(FONT, "", str(fonts.FONT_FILES["regular"]))
    pdf.add_font(FONT, "B", str(fonts.FONT_FILES["bold"]))
    pdf.set_title(title)
    pdf.set_lang("zh-CN" if lang == "zh" else "en")
    pdf.set_creator("arshan_data.exports.pdf")
    pdf.set_creation_date(dt.datetime(2023, 2, 3, tzinfo=dt.UTC))  # reproducible bytes
    return pdf


def rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) == 3:
        color = "".join(ch * 2 for ch in color)
    return tuple(int(color[k : k + 2], 16) for k in (0, 2, 4))  # type: ignore[return-value]


def font(pdf: FPDF, size: float, bold: bool = False, color: str = INK) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*rgb(color))


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


def text_block(
    pdf: FPDF,
    x: float,
    y: float,
    width: float,
    value: str,
    size: float,
    *,
    bold: bool = False,
    color: str = INK,
    leading: float = 1.3,
    max_lines: int = 0,
) -> float:
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
        fill_rect(pdf, x, y, drawing.width, drawing.height, drawing.background)
    with pdf.rect_clip(x + bx, y + by, bw, bh):
        for item in drawing.map_items:
            _paint_item(pdf, item, x, y)
    if drawing.overlay:  # a map: frame round the map area
        stroke_rect(pdf, x + bx, y + by, bw, bh, "#999999", 0.8)
    for item in drawing.overlay:
        _paint_item(pdf, item, x, y)


def fill_rect(pdf: FPDF, x: float, y: float, w: float, h: float, color: str) -> None:
    pdf.set_fill_color(*rgb(color))
    pdf.rect(x, y, w, h, style="F")


def stroke_rect(pdf: FPDF, x: float, y: float, w: float, h: float, color: str, width: float) -> None:
    pdf.set_draw_color(*rgb(color))
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
            style.paint_rule = (
                (
                    PathPaintRule.STROKE_FILL_EVENODD
                    if rule == "evenodd"
                    else PathPaintRule.STROKE_FILL_NONZERO
                )
                if filled and stroked
                else (PathPaintRule.FILL_EVENODD if rule == "evenodd" else PathPaintRule.FILL_NONZERO)
                if filled
                else PathPaintRule.STROKE
            )
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
            path.style.paint_rule = (
                PathPaintRule.STROKE_FILL_NONZERO
                if item.fill and item.stroke
                else PathPaintRule.FILL_NONZERO
                if item.fill
                else PathPaintRule.STROKE
            )
            path.circle(ox + item.x, oy + item.y, item.r)
    elif isinstance(item, sm.Text):
        if not item.text:
            return
        font(pdf, item.size, item.weight >= 600, item.color)
        width = pdf.get_string_width(item.text)
        x = ox + item.x - (width / 2 if item.anchor == "middle" else width if item.anchor == "end" else 0)
        y = oy + item.y
        if item.halo:
            with pdf.local_context(
                text_mode="STROKE", line_width=max(1.5, item.size * 0.22), draw_color=(255, 255, 255)
            ):
                pdf.text(x, y, item.text)
        pdf.text(x, y, item.text)


def page_count(pdf_bytes: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf_bytes))


def page_png(pdf_bytes: bytes, page_index: int, width_px: int = 1920) -> bytes:
    """One page of a PDF as PNG bytes, ``width_px`` wide (1920 → 1920 × 1080 for a slide)."""
    import pypdfium2 as pdfium

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
