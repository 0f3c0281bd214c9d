import os
from pathlib import Path

import pytest

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


@pytest.fixture
def tiny_settings(tmp_path):
    """A small valid dataset (one feature per layer) built into GeoParquet in a temp folder."""
    settings = factories.write_sources(tmp_path)
    build_layers(settings)
    return settings
