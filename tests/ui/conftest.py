import pytest
import streamlit as st

from ..apptest import open_app


@pytest.fixture
def app(monkeypatch, tiny_settings):
    """Open the whole app (router and frame) on a page, on a private copy of the test dataset:
    ``app("pages/towns.py", lang="en")``.

    Streamlit's resource cache is process-wide and outlives an AppTest, so it is cleared first:
    each test gets settings, map store and catalog made from its own environment.
    """
    monkeypatch.setenv("ARSHAN_LAYERS_DIR", str(tiny_settings.layers_dir))
    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", tiny_settings.feedback_store)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield open_app
    st.cache_resource.clear()


def page_html(at) -> list[str]:
    """The bodies of the page's st.html blocks, without the frame's stylesheet."""
    return [str(el.proto.body) for el in at.get("html") if not str(el.proto.body).startswith("<style>")]


def all_text(at) -> str:
    """Every piece of text the page shows (markdown, captions, html, headers, alerts, tables)."""
    parts = []
    for kind in (
        "markdown",
        "caption",
        "header",
        "subheader",
        "title",
        "text",
        "code",
        "warning",
        "error",
        "info",
        "success",
    ):
        parts += [str(el.value) for el in getattr(at, kind)]
    parts += page_html(at)
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(parts)
