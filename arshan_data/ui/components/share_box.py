"""A link to the view a reader sees, and its QR code, for sharing and for print."""

from __future__ import annotations

import html

import streamlit as st

from arshan_data.exports import share
from arshan_data.i18n import DEFAULT_LANG, t
from arshan_data.ui.state import settings


def link_text(link: str) -> None:
    """The link written out, whole and selectable (long-press or select to copy), as a link.

    Not ``st.code``: its copy button costs every page that shows it Streamlit's syntax
    highlighter, about 400 kB compressed, the largest single download of the towns page
    after plotly and deck.gl (bench/web_bench.py)."""
    url = html.escape(link, quote=True)
    st.html(f"<p class='share-link'><a href='{url}'>{html.escape(link)}</a></p>")


def link_to(page_path: str, params: dict[str, str | None], lang: str) -> str:
    """The full URL of ``params`` on the page at ``page_path`` in ``lang``: on the configured
    public address, or on the one this reader used when none is configured."""
    configured = settings().public_url
    base = configured if "localhost" not in configured else share.base_of(st.context.url or configured)
    return share.deep_link(base, page_path, {"lang": None if lang == DEFAULT_LANG else lang, **params})


def share_box(
    page_path: str, params: dict[str, str | None], lang: str, *, texts: str, qr_name: str, qr_key: str
) -> None:
    """A link to this view (``params`` on the page at ``page_path``) and its QR code, shown and as
    a PNG download, in an expander. ``texts``: the i18n prefix of the title, caption and button."""
    link = link_to(page_path, params, lang)
    with st.expander(t(texts, lang), icon=":material/qr_code_2:"):
        st.caption(t(f"{texts}.caption", lang))
        link_text(link)
        png = share.qr_png(link)
        st.image(png, width=180)
        st.download_button(
            t(f"{texts}.download", lang),
            lambda: png,
            file_name=qr_name,
            mime="image/png",
            key=qr_key,
            on_click="ignore",
        )
