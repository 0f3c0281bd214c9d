import os
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from arshan_data.build import build_layers

from . import factories

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip on a developer's machine that lacks a component; fail in CI, where it must exist."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this component: {reason}")
    pytest.skip(reason)


def app_script() -> str:
    """app.py as AppTest should run it: a copy in a folder without a ``pages/`` directory.

    AppTest starts every run with a fresh PagesManager; next to a ``pages/`` folder that means
    Streamlit's old multipage mode, where a sub-page runs without app.py's frame (and, with
    arshan_data.ui.entry's guard, reruns — dropping the widget change being tested). The real
    server leaves that mode for good on its first run. The page files are found by absolute
    path, so the copy behaves exactly like the app.
    """
    folder = Path(tempfile.gettempdir()) / "arshan-apptest"
    folder.mkdir(exist_ok=True)
    target = folder / "app.py"
    source = (REPO / "app.py").read_text(encoding="utf-8")
    if not target.exists() or target.read_text(encoding="utf-8") != source:
        target.write_text(source, encoding="utf-8")
    return str(target)


def _switch_page_from_repo(self, page_path: str):
    """``at.switch_page("pages/x.py")`` resolves against the repository, not the app.py copy."""
    path = Path(page_path)
    return _ORIGINAL_SWITCH_PAGE(self, str(path if path.is_absolute() else REPO / path))


_ORIGINAL_SWITCH_PAGE = AppTest.switch_page
AppTest.switch_page = _switch_page_from_repo


@pytest.fixture
def tiny_settings(tmp_path):
    """A small valid dataset (one feature per layer) built into GeoParquet in a temp folder."""
    settings = factories.write_sources(tmp_path)
    build_layers(settings)
    return settings
