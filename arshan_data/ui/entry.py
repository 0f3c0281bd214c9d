"""Every page runs inside app.py's frame (header, caveat, language switch, menu) — even the first
request after a server start.

Because a ``pages/`` folder exists, Streamlit starts in its old multipage mode: until some
session has run ``st.navigation`` (in app.py), a request for ``/towns`` runs ``pages/towns.py``
on its own, without the frame — exactly what a printed QR code or a shared link hits after a
restart. A page that finds itself in that mode switches Streamlit to app.py's navigation and
reruns: the same URL (path and query) then opens inside the frame.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_frame() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
