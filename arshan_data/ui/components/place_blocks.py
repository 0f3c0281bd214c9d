"""Small blocks the town, transport and heritage pages share: plan quotes, chips, our notes.

Catalog text is ours (not user text) but is escaped anyway and shown through ``st.html`` where
Markdown could misread it (a "1+4" or a "*" must stay as printed).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from arshan_data.geodata.store import LayerUnavailable
from arshan_data.i18n import t
from arshan_data.plan.catalog import text
from arshan_data.ui.state import map_store

#: Our own words on a catalog item, in the order a reader needs them.
NOTE_KEYS = ("interpretation", "note", "plan_silent", "context")


def plan_quote(item: Mapping | str, lang: str) -> None:
    """The plan's own sentence, set off as a quote."""
    st.html(f"<div class='plan-quote'>{html.escape(text(item, lang))}</div>")


def chips_html(items: Iterable[Mapping | str], lang: str) -> str:
    """Named items as a row of chips (wraps on a phone)."""
    spans = "".join(f"<span class='pl-chip'>{html.escape(text(item, lang))}</span>" for item in items)
    return f"<div class='pl-chips'>{spans}</div>"


def chips(items: Iterable[Mapping | str], lang: str) -> None:
    st.html(chips_html(items, lang))


def note(
    key: str, value: Mapping | str, lang: str, source: str | None = None, *, subject: str | None = None
) -> None:
    """One of our notes (interpretation, note, plan_silent, context), labelled as ours;
    ``subject`` names what it is about when that is not clear from the text."""
    label = t(f"places.{key}", lang)
    about = (
        f"<b>{html.escape(subject)}</b>："
        if subject and lang == "zh"
        else (f"<b>{html.escape(subject)}</b>: " if subject else "")
    )
    body = f"<span class='note-label'>{html.escape(label)}</span> {about}{html.escape(text(value, lang))}"
    if source:
        link = html.escape(source, quote=True)
        body += f" <span class='note-source'>{html.escape(t('places.context_source', lang))} {link}</span>"
    st.html(f"<div class='own-note note-{html.escape(key)}'>{body}</div>")


def notes(item: Mapping, lang: str, keys: Sequence[str] = NOTE_KEYS, *, subject: str | None = None) -> None:
    """Every note an item carries."""
    for key in keys:
        if item.get(key):
            note(
                key,
                item[key],
                lang,
                item.get("context_source") if key == "context" else None,
                subject=subject,
            )


def contents(sections: Sequence[tuple[str, str]], lang: str) -> None:
    """A row of links to the page's sections (anchor, title): a phone reader jumps, not scrolls."""
    links = " · ".join(
        f"<a href='#{html.escape(anchor)}' target='_self'>{html.escape(title)}</a>"
        for anchor, title in sections
    )
    label = html.escape(t("places.contents", lang))
    st.html(f"<nav class='page-contents'><span>{label}</span> {links}</nav>")


def layer_present(layer_id: str) -> bool:
    """Whether a layer's file exists (a layer still being drawn is left off, not shown as an error)."""
    return map_store().path(layer_id).exists()


def layer_records(layer_id: str) -> tuple[dict, ...]:
    """A layer's features as plain rows (no geometry; shared, do not modify); empty when it
    cannot be loaded. Made once per process and data version, not on every rerun."""
    try:
        version = map_store().version(layer_id)
    except LayerUnavailable:
        return ()
    return _records(layer_id, version)


@st.cache_resource(show_spinner=False, max_entries=64)
def _records(layer_id: str, version: str) -> tuple[dict, ...]:
    try:
        return tuple(map_store().layer(layer_id).drop(columns="geometry").to_dict("records"))
    except LayerUnavailable:
        return ()


def layer_bounds(
    layer_ids: Iterable[str],
    only: Mapping[str, Sequence[str]] | None = None,
) -> tuple[float, float, float, float] | None:
    """Bounds of the named layers' features (``only``: just these feature ids of a layer)."""
    boxes = []
    for layer_id in layer_ids:
        try:
            gdf = map_store().layer(layer_id)
        except LayerUnavailable:
            continue
        if only and layer_id in only:
            gdf = gdf[gdf["id"].isin(only[layer_id])]
        if not gdf.empty:
            boxes.append(gdf.total_bounds)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
