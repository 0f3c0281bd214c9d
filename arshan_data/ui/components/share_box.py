"""A link to the view a reader sees, and its QR code, for sharing and for print."""

from __future__ import annotations

import streamlit as st

from arshan_data.exports import share
from arshan_data.i18n import DEFAULT_LANG, t
from arshan_data.ui.state import settings


def share_box(
    page_path: str, params: dict[str, str | None], lang: str, *, texts: str, qr_name: str, qr_key: str
) -> None:
    """A link to this view (``params`` on the page at ``page_path``) and its QR code, shown and as
    a PNG download, in an expander. ``texts``: the i18n prefix of the title, caption and button."""
    configured = settings().public_url
    base = configured if "localhost" not in configured else share.base_of(st.context.url or configured)
    link = share.deep_link(base, page_path, {"lang": None if lang == DEFAULT_LANG else lang, **params})
    with st.expander(t(texts, lang), icon=":material/qr_code_2:"):
        st.caption(t(f"{texts}.caption", lang))
        st.code(link, language=None)
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
