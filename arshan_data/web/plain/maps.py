"""A page's map in the plain edition: the static map the printed maps use (``exports.map_print``
→ ``static_map``, with legend, scale bar and north arrow) as inline SVG, what its features'
positions are worth in words, and the feature table beside it (``maps.tables``)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence

import geopandas as gpd

from arshan_data.exports import map_print
from arshan_data.exports import static_map as sm
from arshan_data.geodata.layers import BACKDROP, NEIGHBOURS
from arshan_data.geodata.layers import FIDELITIES as FIDELITY_LEVELS
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import join, t
from arshan_data.maps.tables import feature_table
from arshan_data.web.plain.catalog_html import esc, table_box

#: The SVG's size in CSS pixels (it scales down to the phone's width; the text stays legible).
WIDTH, HEIGHT = 960, 620


@dataclasses.dataclass(frozen=True)
class PlainMap:
    """One map of a page: its layers (drawing order decided by the registry), the layers whose
    features are labelled, and an optional cut of a layer to some feature ids."""

    key: str
    title_key: str
    layers: tuple[str, ...]
    labelled: tuple[str, ...] = ()
    only: tuple[tuple[str, tuple[str, ...]], ...] = ()


def fidelity_words(frames: Mapping[str, gpd.GeoDataFrame], lang: str) -> str:
    """ "本图要素：实测数据 2 个、大致位置 9 个" and what each level means."""
    counts: Counter[str] = Counter()
    for layer_id, gdf in frames.items():
        if layer_id != NEIGHBOURS:
            counts.update(gdf["fidelity"].astype(str))
    present = [f for f in FIDELITY_LEVELS if counts.get(f)]
    summary = join(
        (t("plain.map.fidelity_count", lang, level=t(f"fidelity.{f}", lang), n=counts[f]) for f in present),
        lang,
    )
    items = "".join(f"<li>{esc(t(f'fidelity.explain.{f}', lang))}</li>" for f in present)
    return (
        f'<p class="fidelity"><b>{esc(t("plain.map.fidelity", lang))}</b>{esc(summary)}</p>'
        f'<ul class="fidelity">{items}</ul>'
    )


def table_html(
    frames: Mapping[str, gpd.GeoDataFrame], lang: str, caption: str, headings: Mapping[str, str] | None = None
) -> str:
    # The page's own layers; the backdrop (boundary, border, rivers) is on every map and in
    # the data page's inventory.
    shown = {lid: gdf for lid, gdf in frames.items() if lid not in BACKDROP} or {
        lid: gdf for lid, gdf in frames.items() if lid != NEIGHBOURS
    }
    df = feature_table(shown, lang, headings)
    if df.empty:
        return ""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in df.columns)
    rows = []
    for record in df.itertuples(index=False):
        cells = [f'<th scope="row">{esc(record[0])}</th>', *(f"<td>{esc(v)}</td>" for v in record[1:])]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'{table_box(caption)}<table class="features"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def map_block(
    store: MapStore, spec: PlainMap, lang: str, level: int = 2, headings: Mapping[str, str] | None = None
) -> str:
    """Heading, SVG map, its fidelity in words and its feature table; a note if no layer reads."""
    title = t(spec.title_key, lang)
    frames = store.readable(spec.layers, dict(spec.only))
    if not frames:
        return f"<section><h{level}>{esc(title)}</h{level}><p>{esc(t('plain.map.unavailable', lang))}</p></section>"
    layers = map_print.static_layers(frames, lang, labelled=spec.labelled, map_width_px=WIDTH * 0.78)
    svg = sm.render_svg(
        layers, width=WIDTH, height=HEIGHT, texts=map_print.texts(lang), element_id=f"map-{spec.key}"
    )
    label = t("plain.map.label", lang, title=title)
    svg = svg.replace('role="img">', f'role="img" aria-labelledby="map-{spec.key}-title">', 1).replace(
        'role="img" aria-labelledby', 'preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby', 1
    )
    svg = svg.replace(">", f'><title id="map-{spec.key}-title">{esc(label)}</title>', 1)
    return (
        f'<section class="map" id="{esc(spec.key)}"><h{level}>{esc(title)}</h{level}>'
        f'<figure><div class="svg">{svg}</div><figcaption>{esc(label)}</figcaption></figure>'
        f"{fidelity_words(frames, lang)}"
        f"{table_html(frames, lang, t('plain.map.table', lang, title=title), headings)}</section>"
    )


def layer_names(layer_ids: Sequence[str], lang: str) -> str:
    return join((map_print.layer_title(lid, lang) for lid in layer_ids if lid != NEIGHBOURS), lang)
