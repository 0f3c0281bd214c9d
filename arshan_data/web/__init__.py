"""The site's HTTP side beside the Streamlit script: the plain edition, a real document head for
the interactive pages, Streamlit's frontend files compressed, sitemap, robots.txt, share images,
and the guard that keeps the server from reaching outside hosts.

``app.py`` gives ``st.App`` ``web.routes(st.get_option)`` and ``web.middleware(st.get_option)``.
This package never imports Streamlit (the import contract holds that): it reads Streamlit's
options through the ``option`` function it is handed.
"""

from __future__ import annotations

from collections.abc import Callable

from arshan_data.web.server import middleware, routes

Option = Callable[[str], object]

__all__ = ["Option", "middleware", "routes"]
