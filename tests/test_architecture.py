"""The layout the developer guide promises, held by tests: thin pages, the app as one ``st.App``,
the import contract (``lint-imports``, see pyproject.toml), no private Streamlit API."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arshan_data.site import PAGES
from arshan_data.ui.server import SCRIPT

from .conftest import REPO

PACKAGE = REPO / "arshan_data"
#: Streamlit's private modules and flags: the app must not lean on them (one upgrade breaks it).
PRIVATE_STREAMLIT = re.compile(
    r"PagesManager|_pages_manager|uses_pages_directory|streamlit\.runtime\b"
    r"|streamlit\.web\b|_main_script_path"
)
#: What the tests must not do either: swap Streamlit's page machinery or patch AppTest.
PRIVATE_IN_TESTS = re.compile(r"PagesManager|_pages_manager|uses_pages_directory|AppTest\.\w+ = ")


def calls(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [ast.unparse(c.func) for c in ast.walk(tree) if isinstance(c, ast.Call)]


@pytest.mark.parametrize("page", sorted(REPO.glob("pages/*.py")), ids=lambda p: p.name)
def test_pages_are_thin(page):
    """A page file imports its module under ``arshan_data.ui`` and calls its render(): no SQL,
    paths, strings or figures."""
    tree = ast.parse(page.read_text(encoding="utf-8"))
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert constants == [], f"{page.name} holds literals: {constants}"
    [imported, call] = tree.body
    assert isinstance(imported, ast.ImportFrom) and imported.module.startswith("arshan_data.ui")
    [alias] = imported.names
    assert ast.unparse(call) == f"{alias.name}.render()"


def test_app_py_is_one_st_app_that_streamlit_run_detects():
    """``streamlit run app.py`` serves an ``st.App`` only when it finds ``app = st.App(...)`` in
    the file itself (streamlit/web/server/app_discovery.py): keep that assignment literal."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    assigned = [n for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "app"]
    assert [ast.unparse(n.value.func) for n in assigned] == ["st.App"]
    from streamlit.web.server.app_discovery import discover_asgi_app

    assert discover_asgi_app(REPO / "app.py").is_asgi_app


def test_the_streamlit_script_lives_alone_beside_no_pages_folder():
    """Streamlit runs a ``pages/`` folder next to the main script in its old multipage mode and
    puts the script's folder on ``sys.path`` during each run: the folder holds the script only."""
    assert sorted(p.name for p in SCRIPT.parent.iterdir() if p.name != "__pycache__") == [SCRIPT.name]
    assert calls(SCRIPT) == [
        "frame.configure_page",
        "frame.header",
        "frame.navigation",
        "page.run",
        "frame.footer",
    ]


def offending_lines(paths, pattern: re.Pattern) -> list[str]:
    return [
        f"{p.relative_to(REPO)}:{n}: {line.strip()}"
        for p in paths
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]


def test_the_app_uses_no_private_streamlit_api():
    assert (
        offending_lines(
            [*PACKAGE.rglob("*.py"), REPO / "app.py", *REPO.glob("pages/*.py")], PRIVATE_STREAMLIT
        )
        == []
    )


def test_the_tests_do_not_rewire_streamlit():
    tests = [p for p in REPO.glob("tests/**/*.py") if p.name != "test_architecture.py"]
    assert offending_lines(tests, PRIVATE_IN_TESTS) == []


def test_every_page_url_is_its_file_name():
    """Streamlit identifies a page by its URL path: a file named like its URL keeps links,
    QR codes and AppTest's switch_page pointing at the same page."""
    for entry in PAGES:
        assert entry.script == f"{entry.url_path}.py", entry
        assert (REPO / "pages" / entry.script).exists(), entry
    assert sorted(p.name for p in (REPO / "pages").glob("*.py")) == sorted(e.script for e in PAGES)


def lint_imports(root) -> subprocess.CompletedProcess:
    """``lint-imports`` of the environment the tests run in, on the package under ``root``."""
    linter = Path(sys.executable).with_name("lint-imports")
    assert linter.exists(), "lint-imports is missing: pip install -r requirements-dev.txt"
    return subprocess.run(
        [str(linter), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": str(linter.parent), "PYTHONPATH": str(root)},
    )


def test_the_import_contract_holds():
    """``lint-imports`` (import-linter) with the contracts in pyproject.toml: ui → features →
    exports → maps | plan → geodata → config | i18n; Streamlit only in ui; DuckDB only in the store."""
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_the_import_contract_can_fail(tmp_path):
    """The contract is not vacuous: a maps module that imports the ui breaks it."""
    copy = tmp_path / "repo"
    shutil.copytree(PACKAGE, copy / "arshan_data", ignore=shutil.ignore_patterns("__pycache__", "assets"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    (copy / "arshan_data" / "maps" / "deck.py").write_text(
        (PACKAGE / "maps" / "deck.py").read_text(encoding="utf-8") + "\nfrom arshan_data.ui import frame\n",
        encoding="utf-8",
    )
    result = lint_imports(copy)
    assert (
        result.returncode != 0 and "arshan_data.maps is not allowed to import arshan_data.ui" in result.stdout
    )


def test_python_is_the_one_the_tests_run_on():
    assert sys.version_info[:2] >= (3, 11)
