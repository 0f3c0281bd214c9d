"""The web server's parts beyond Streamlit's own: the script it runs for every session, and
the routes and middleware ``app.py`` gives ``st.App``."""

from __future__ import annotations

from pathlib import Path

#: The Streamlit script (``arshan_data/ui/script/router.py``); see its docstring for why it
#: lives alone in its folder.
SCRIPT = Path(__file__).resolve().parent / "script" / "router.py"


def routes() -> list:
    """Routes served beside Streamlit's (none yet)."""
    return []


def middleware() -> list:
    """Middleware run before Streamlit's own (none yet)."""
    return []
