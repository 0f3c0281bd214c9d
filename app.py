"""Arxan plan dashboard: ``streamlit run app.py`` serves the whole site.

The site is one ASGI app (``st.App``, which ``streamlit run`` detects in this file): the
Streamlit script that draws every page (``arshan_data/ui/script/router.py``) and the routes
the app adds beside it (``arshan_data/ui/server.py``).
"""

import streamlit as st

from arshan_data.ui import server

app = st.App(server.SCRIPT, routes=server.routes(), middleware=server.middleware())

if __name__ == "__main__":
    app.run()
