"""The app under AppTest exactly as the server runs it: the Streamlit script ``st.App`` is given
(``arshan_data/ui/script/router.py``), in place, with a page opened as a link opens it."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from arshan_data.ui import server

from .conftest import REPO

SCRIPT = server.SCRIPT
#: Secrets for every AppTest: none (a developer's ``.streamlit/secrets.toml`` stays out).
NO_SECRETS = {"arshan": {}}


def page_path(page: str) -> str:
    """A page (``"towns"`` or ``"pages/towns.py"``) as ``AppTest.switch_page`` wants it:
    relative to the script's folder."""
    name = page.removeprefix("pages/").removesuffix(".py")
    return os.path.relpath(REPO / "pages" / f"{name}.py", SCRIPT.parent)


def open_app(
    page: str | None = None, *, timeout: float = 90, secrets: dict | None = None, **query: str
) -> AppTest:
    """Run the app once on ``page`` (default: the first page) with these URL parameters.

    The page is chosen before the first run, as a link or QR code lands on it: nothing else
    (no other page, no default page) runs first.
    """
    at = AppTest.from_file(str(SCRIPT), default_timeout=timeout)
    at.secrets = secrets or NO_SECRETS
    for name, value in query.items():
        at.query_params[name] = value
    if page:
        at.switch_page(page_path(page))
    return at.run()
