import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from arshan_data.config import Settings
from arshan_data.geodata.build import build_layers

from . import factories

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
#: Variables that configure the tests themselves (kept; every other ``ARSHAN_*`` is cleared).
TEST_VARIABLES = ("ARSHAN_TEST_",)


def require(available: bool, reason: str) -> None:
    """Skip on a developer's machine that lacks a component; fail in CI, where it must exist."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this component: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def embedded_defaults(monkeypatch):
    """Every test starts from the app's embedded defaults, never from the developer's own
    ``ARSHAN_*`` variables (the AppTest helper also hides ``.streamlit/secrets.toml``)."""
    for name in [n for n in os.environ if n.startswith("ARSHAN_") and not n.startswith(TEST_VARIABLES)]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def tiny_world(tmp_path_factory) -> Settings:
    """The small test dataset (one valid feature per layer), built once per session. Read-only:
    a test that changes data asks for ``tiny_settings``, its own copy."""
    settings = factories.write_sources(tmp_path_factory.mktemp("tiny-world"))
    build_layers(settings)
    return settings


def private_copy(world: Settings, tmp_path: Path) -> Settings:
    """A copy of a built test world (sources and layers, a new empty feedback store) in
    ``tmp_path``, for a test that changes data: copying takes milliseconds, building seconds."""
    for folder in ("sources", "layers"):
        shutil.copytree(world.sources_dir.parent / folder, tmp_path / folder)
    return dataclasses.replace(
        world,
        sources_dir=tmp_path / "sources",
        layers_dir=tmp_path / "layers",
        official_dir=tmp_path / "official",
        feedback_store=str(tmp_path / "feedback.sqlite3"),
    )


@pytest.fixture
def tiny_settings(tiny_world, tmp_path) -> Settings:
    """A private copy of the tiny world (sources, built layers, an empty feedback store) that the
    test may change and rebuild."""
    return private_copy(tiny_world, tmp_path)


#: The browser tests that read the walks (every page × both languages, set up once per worker)
#: run on one worker, the other browser tests on another, so that on two cores neither waits
#: for the other (the walks alone were the suite's long pole on one worker).
WALK_FIXTURES = frozenset({"walks", "zh_walk", "en_walk"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (``-n``, ``--dist loadgroup``), the browser tests form two groups, each
    on one worker with its own package-scoped app servers: those that read the walks (and the
    offline summary, which runs after them) and the rest. Everything else spreads over all
    workers.

    ``tryfirst``: xdist's worker reads the ``xdist_group`` marks in its own
    ``pytest_collection_modifyitems``, registered after this conftest and so called before it;
    without ``tryfirst`` it saw no marks, and both workers set up the walks and the audit."""
    for item in items:
        if item.get_closest_marker("browser"):
            walks = WALK_FIXTURES & set(getattr(item, "fixturenames", ()))
            item.add_marker(pytest.mark.xdist_group("browser-walks" if walks else "browser"))
