"""The Streamlit script every session runs. The routes and middleware ``app.py`` gives
``st.App`` beside it live in ``arshan_data/web/`` (no Streamlit there)."""

from __future__ import annotations

from pathlib import Path

from arshan_data.ui import logs

logs.configure()

#: The Streamlit script (``arshan_data/ui/script/router.py``); see its docstring for why it
#: lives alone in its folder.
SCRIPT = Path(__file__).resolve().parent / "script" / "router.py"
