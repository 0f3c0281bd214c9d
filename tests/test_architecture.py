"""The import rules and thin pages the developer guide promises, held by a test."""

import ast

import pytest

from .conftest import REPO

PACKAGE = REPO / "arshan_data"


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def package_files():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_streamlit_is_imported_only_by_the_ui_layer():
    offenders = [str(p.relative_to(REPO)) for p in package_files()
                 if "streamlit" in imported_modules(p) and "ui" not in p.relative_to(PACKAGE).parts]
    assert offenders == []


def test_duckdb_is_imported_only_by_the_map_cache():
    offenders = [str(p.relative_to(REPO)) for p in [*package_files(), REPO / "app.py", *REPO.glob("pages/*.py")]
                 if "duckdb" in imported_modules(p) and p != PACKAGE / "db.py"]
    assert offenders == []


@pytest.mark.parametrize("page", sorted(REPO.glob("pages/*.py")), ids=lambda p: p.name)
def test_pages_are_thin(page):
    """A page makes sure it runs in the frame and calls its ui module's render(): no SQL, paths,
    strings or figures."""
    tree = ast.parse(page.read_text(encoding="utf-8"))
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert constants == [], f"{page.name} holds literals: {constants}"
    assert len(tree.body) == 3
    [imported] = [n for n in tree.body if isinstance(n, ast.ImportFrom)]
    assert imported.module == "arshan_data.ui"
    names = [alias.name for alias in imported.names]
    assert names[0] == "entry" and len(names) == 2
    calls = [ast.unparse(c.func) for c in ast.walk(tree) if isinstance(c, ast.Call)]
    assert calls == ["entry.ensure_frame", f"{names[1]}.render"]


def test_app_is_only_the_router_and_frame():
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    calls = {ast.unparse(c.func) for c in ast.walk(tree) if isinstance(c, ast.Call)}
    assert calls <= {"frame.configure_page", "frame.header", "frame.navigation", "page.run", "frame.footer"}


def test_every_page_url_is_its_file_name():
    """Streamlit identifies a page by its URL path: a file named like its URL keeps links,
    QR codes and AppTest's switch_page pointing at the same page."""
    from arshan_data.ui.frame import PAGES

    for entry in PAGES:
        assert entry.script == f"{entry.url_path}.py", entry
        assert (REPO / "pages" / entry.script).exists(), entry
    assert sorted(p.name for p in (REPO / "pages").glob("*.py")) == sorted(e.script for e in PAGES)
