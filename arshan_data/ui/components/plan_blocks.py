"""Small building blocks the plan-chapter pages share: chips, our-own-words notes, page links.

Text shown here comes from the catalog or ``t()`` and is escaped before it goes into HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape as esc

import streamlit as st

from arshan_data import site
from arshan_data.geodata.layers import ELEMENT_LAYERS
from arshan_data.i18n import DEFAULT_LANG, t
from arshan_data.plan import charts
from arshan_data.plan.catalog import text
from arshan_data.ui.components.feedback_link import comment_link
from arshan_data.ui.state import catalog

#: Catalog keys holding our own words, in the order they are shown, with their label key.
OWN_WORDS = (
    ("interpretation", "plan.own.interpretation"),
    ("plan_silent", "plan.own.plan_silent"),
    ("note", "plan.own.note"),
    ("context", "plan.own.context"),
)
#: The query parameter a link uses to open a page at one of its sections.
SECTION_PARAM = "section"


def chips(labels: Iterable[str]) -> str:
    return (
        "<div class='pp-chips'>"
        + "".join(f"<span class='pp-chip'>{esc(x)}</span>" for x in labels)
        + "</div>"
    )


def bullet_list(items: Iterable[str], css: str = "pp-plain-list") -> str:
    return f"<ul class='{css}'>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>"


def own_words(items: Mapping | Sequence[Mapping | None] | None, lang: str, *, expander: bool = True) -> None:
    """Our reading of an ambiguous passage, what the plan leaves unsaid, oddities and outside
    context of catalog items — labelled as ours, never mixed with the plan's words; one
    expander for all the items given."""
    entries = [items] if isinstance(items, Mapping) else [i for i in items or () if isinstance(i, Mapping)]
    body = ""
    for item in entries:
        for key, label_key in OWN_WORDS:
            if item.get(key):
                body += (
                    f"<p class='pp-own-words'><b>{esc(t(label_key, lang))}</b>"
                    f"{esc(text(item[key], lang))}</p>"
                )
        if item.get("context_source"):
            body += (
                f"<p class='pp-own-words'>{esc(t('plan.own.context_source', lang))}"
                f"{esc(item['context_source'])}</p>"
            )
    if not body:
        return
    if expander:
        with st.expander(t("plan.own.heading", lang), icon=":material/info:"):
            st.html(body)
    else:
        st.html(body)


def page_link(
    url_path: str, label: str, lang: str, *, icon: str | None = None, section: str | None = None
) -> bool:
    """A link to another page of the site (optionally opened at one of its sections); nothing
    when that page is not (yet) on the site. Returns whether a link was drawn."""
    entry = site.page(url_path)
    if entry is None:
        return False
    params = {}
    if section:
        params[SECTION_PARAM] = section
    if lang != DEFAULT_LANG:
        params["lang"] = lang
    st.page_link(entry.file, label=label, icon=icon, query_params=params or None)
    return True


def comment(topic: str, selected: dict | None, lang: str) -> None:
    """ "Comment on this": about the feature picked on the page's map, else about the chapter."""
    if selected and selected.get("layer_id") in ELEMENT_LAYERS:
        comment_link(ELEMENT_LAYERS[selected["layer_id"]], selected["id"], lang)
    else:
        comment_link(topic, None, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def chart(builder: str, lang: str, **options):
    """``charts.<builder>(catalog, lang, **options)``, built once per process and language."""
    return getattr(charts, builder)(catalog(), lang, **options)
