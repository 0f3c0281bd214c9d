"""Arxan plan dashboard: ``streamlit run app.py`` serves the whole site.

The site is one ASGI app (``st.App``, which ``streamlit run`` detects in this file): the
Streamlit script that draws every interactive page (``arshan_data/ui/script/router.py``) and,
beside it, the plain edition, sitemap, share images and the middleware that gives every page a
real document head and compresses Streamlit's frontend (``arshan_data/web/``).
"""

import streamlit as st

from arshan_data import web
from arshan_data.ui import server

app = st.App(server.SCRIPT, routes=web.routes(st.get_option), middleware=web.middleware(st.get_option))

if __name__ == "__main__":
    app.run()
