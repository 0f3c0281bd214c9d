"""Fixtures for the feedback tests: a store per backend, each PostgreSQL test in its own schema."""

from __future__ import annotations

import functools
import os
import uuid
from urllib.parse import quote

import pytest

from arshan_data.feedback.model import Submission
from arshan_data.feedback.repository import open_repository
from arshan_data.geodata.grid import Location, cell_centre, cell_id, cell_index

from ..conftest import require

PG_URL = os.environ.get("ARSHAN_TEST_POSTGRES_URL") or "postgresql://127.0.0.1:5432/test"


@functools.cache
def postgres_problem() -> str | None:
    """None when the test PostgreSQL answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure means "not available here"
        return (
            f"no PostgreSQL at {PG_URL} ({type(exc).__name__}: {str(exc).strip()[:120]}); "
            "set ARSHAN_TEST_POSTGRES_URL or run scripts/test-setup.sh"
        )
    return None


def schema_url(base: str, schema: str) -> str:
    """``base`` with ``search_path`` set to ``schema`` (the store's tables go there)."""
    option = "options=" + quote(f"-csearch_path={schema}", safe="")
    return f"{base}{'&' if '?' in base else '?'}{option}"


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    problem = postgres_problem()
    require(problem is None, problem or "")
    import psycopg

    schema = f"fbtest_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema_url(PG_URL, schema)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The store location for each backend: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "store" / "feedback.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def repo(store_url):
    repository = open_repository(store_url)
    yield repository
    repository.close()


def submission(**overrides) -> Submission:
    values = dict(
        stance="suggestion",
        topic="tourism",
        message="请在天池景区增加公共厕所和休息座椅。",
        client_hash="client-a",
    )
    values.update(overrides)
    return Submission(**values)


#: The ~1 km cell of a point inside the test city (tests/factories.py: 119.9–120.1 E, 47.1–47.3 N).
HERE = Location(cell_id(*cell_index(120.0, 47.2)), *cell_centre(*cell_index(120.0, 47.2)))
#: A comment that would run script, fetch an outside image or link to javascript: if rendered.
HOSTILE = "![x](http://evil.example/p.png) <script>alert(1)</script> [link](javascript:alert(1)) =1+2"
HOSTILE_PARTS = ("evil.example", "<script>", "javascript:")
