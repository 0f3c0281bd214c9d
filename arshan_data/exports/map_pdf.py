"""Printable maps: a static map of the layers on and the view shown, on one landscape A4 or A3
page with title, legend, scale bar, north arrow, the draft caveat (以最终批复为准) and the source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd

from arshan_data.exports import map_print
from arshan_data.exports import static_map as sm
from arshan_data.exports.pdf import GREEN, MUTED, PAPER, new_pdf, paint, text_block
from arshan_data.geodata.layers import NEIGHBOURS
from arshan_data.geodata.views import View
from arshan_data.i18n import join, t
from arshan_data.plan.catalog import Catalog, text


def map_drawing(
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    width: float,
    height: float,
    view: View | None = None,
    view_px: tuple[float, float] | None = None,
    split: map_print.PrintSplit | None = None,
    labelled: Sequence[str] = (),
    furniture: float = 1.0,
    label_px: float = 11.0,
) -> sm.Drawing:
    """A static map of ``frames`` in a ``width`` × ``height`` pt box: the ``view`` as seen in a
    ``view_px`` screen map (default: the box itself), else the extent of the features."""
    bbox = None
    if view is not None:
        w_px, h_px = view_px or (width, height)
        bbox = map_print.view_bbox(view, w_px, h_px)
    layers = map_print.static_layers(
        frames, lang, split=split, labelled=labelled, bbox=bbox, map_width_px=width * 0.75, label_px=label_px
    )
    return sm.draw_list(
        layers,
        width=int(width),
        height=int(height),
        bbox=bbox,
        texts=map_print.texts(lang),
        margin=0,
        pad_fraction=0.0 if bbox else 0.06,
        furniture=furniture,
    )


def map_pdf(
    frames: Mapping[str, gpd.GeoDataFrame],
    lang: str,
    *,
    title: str,
    catalog: Catalog,
    paper: str = "A4",
    view: View | None = None,
    view_px: tuple[float, float] | None = None,
    split: map_print.PrintSplit | None = None,
    labelled: Sequence[str] = (),
    pages: Sequence[int] = (),
    subtitle: str = "",
) -> bytes:
    """One landscape A4/A3 page: title, the map with legend, scale bar and north arrow, the
    draft caveat (以最终批复为准) and the source line."""
    width, height = PAPER[paper]
    k = width / PAPER["A4"][0]
    pdf = new_pdf(width, height, title=title, lang=lang)
    pdf.add_page()
    margin = 30 * k
    y = text_block(
        pdf, margin, margin - 6 * k, width - 2 * margin, title, 20 * k, bold=True, color=GREEN, max_lines=1
    )
    subtitle = subtitle or text(catalog["meta"]["title"], lang)
    y = text_block(pdf, margin, y, width - 2 * margin, subtitle, 10.5 * k, color=MUTED, max_lines=1) + 6 * k
    foot_h = 46 * k
    map_h = height - y - margin - foot_h
    drawing = map_drawing(
        frames,
        lang,
        width=width - 2 * margin,
        height=map_h,
        view=view,
        view_px=view_px,
        split=split,
        labelled=labelled,
        furniture=1.1 * k,
        label_px=10.5 * k,
    )
    paint(pdf, drawing, margin, y)
    fy = y + map_h + 10 * k
    caveat = text(catalog["meta"]["status"]["draft_caveat"], lang)
    fy = text_block(
        pdf, margin, fy, width - 2 * margin, caveat, 10.5 * k, bold=True, color="#8a1c1c", max_lines=1
    )
    titles = join((map_print.layer_title(lid, lang) for lid in frames if lid != NEIGHBOURS), lang)
    source = t("present.print.source", lang, layers=titles)
    if pages:
        source += " " + t("present.pages", lang, pages=join(map(str, pages), lang))
    source += " · " + t("present.print.made", lang)
    text_block(pdf, margin, fy, width - 2 * margin, source, 8.5 * k, color=MUTED, max_lines=2)
    return bytes(pdf.output())
