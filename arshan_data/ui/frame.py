"""The frame around every page: page config, header with caveat and language switch, navigation."""

from __future__ import annotations

import html
import json
from pathlib import Path

import streamlit as st

from arshan_data import site
from arshan_data.i18n import DEFAULT_LANG, HTML_LANG, LANGS, normalise_lang, t
from arshan_data.ui import logs, reading
from arshan_data.ui.components.map_view import first_tap_counts
from arshan_data.ui.state import LANG_KEY, current_lang

CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def configure_page() -> None:
    logs.configure()  # the app's log lines with UTC timestamps (once per process)
    st.set_page_config(
        page_title=t("app.title", current_lang()),
        page_icon="🏔️",
        layout="wide",
        initial_sidebar_state="auto",
    )
    st.html(f"<style>{CSS}</style>")


#: Keys of the containers holding the site's header and footer (CSS class ``st-key-<key>``).
HEADER_KEY, FOOTER_KEY = "site_header", "site_footer"
#: What ``chromeless()`` hides: the menu, Streamlit's toolbar, the site's header and footer.
CHROMELESS_CSS = f"""
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-{HEADER_KEY}, .st-key-{FOOTER_KEY}
{{ display: none !important; }}
.block-container {{ padding-top: 1rem !important; padding-bottom: 0.5rem !important;
  max-width: none !important; }}
"""


def chromeless() -> None:
    """For a page shown on a projector: hide the menu, the toolbar and the site's header and
    footer on this run (CSS sent only by the page that asks; other pages keep their frame)."""
    st.html(f"<style>{CHROMELESS_CSS}</style>")


def header() -> str:
    """Title, draft caveat and the 中文/English switch; returns the language for this run."""
    with st.container(key=HEADER_KEY):
        return _header()


def _header() -> str:
    """Title, draft caveat, the 中文/English switch and the 长者模式 switch (``ui.reading``);
    returns the language for this run.

    The language lives in session state (so it survives page switches) and in the ``lang`` URL
    parameter (so a shared link opens in the same language). Not ``bind="query-params"``: with
    a ``format_func`` Streamlit would put the label ("English") in the URL instead of the code.
    """
    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = normalise_lang(st.query_params.get(LANG_KEY))
    lang = current_lang()
    subtitle_col, lang_col, senior_col = st.columns([3, 2, 1.3], vertical_alignment="center")
    with senior_col:
        reading.senior_switch(lang)
    with lang_col:
        st.segmented_control(
            t("app.language", lang),
            LANGS,
            key=LANG_KEY,
            required=True,
            format_func=lambda code: t(f"app.lang.{code}", code),
            label_visibility="collapsed",
            width="stretch",
            persist_state="session",
        )
    lang = current_lang()  # never None, even if a rerun hands the switch no value
    if lang == DEFAULT_LANG:
        if LANG_KEY in st.query_params:
            del st.query_params[LANG_KEY]
    elif st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    with subtitle_col:
        st.caption(t("app.subtitle", lang))
    st.html(f"<div class='site-title'>{html.escape(t('app.title', lang))}</div>")
    st.warning(t("app.caveat", lang), icon=":material/info:")
    return lang


def navigation(lang: str):
    """The site's menu; also gives the document the page's title and language (the server wrote
    both into the first document, ``arshan_data/web/document.py``; the language switch changes
    them without a new document) and links the page's plain edition."""
    sections: dict[str, list] = {}
    for entry in site.PAGES:
        page = st.Page(
            entry.file,
            title=t(entry.title_key, lang),
            url_path=entry.url_path,
            icon=entry.icon,
            default=entry.default,
        )
        sections.setdefault(t(entry.section, lang), []).append(page)
    current = st.navigation(sections, position="sidebar", expanded=True)
    entry = site.page(current.url_path) or site.DEFAULT_PAGE
    st.set_page_config(page_title=site.document_title(entry, lang))
    document_lang(lang, keyboard_js(lang))  # one element: each element adds a gap to the page
    first_tap_counts()
    if entry.plain:
        plain_link(entry, lang)
    return current


def document_lang(lang: str, more: str = "") -> None:
    """Keep ``<html lang>`` in step with the language switch, so a screen reader reads the page
    in its language. ``st.html`` with ``unsafe_allow_javascript`` (public since 1.5x) runs this
    one line in the page itself; the value is one of two constants, never user input. ``more``:
    other scripts of the frame, sent in the same element."""
    st.html(
        f"<script>document.documentElement.lang = {HTML_LANG[lang]!r};</script>{more}",
        unsafe_allow_javascript=True,
        width="content",
    )


#: The site's "skip to content" link and its guard against single-key shortcuts (``keyboard_js``).
#: ``__LABEL__`` and ``__LANG__`` become JSON string literals; the rest runs once per browser tab.
KEYBOARD_JS = """<script>
(() => {
  let link = document.getElementById('arxan-skip');
  if (!link) {
    link = document.createElement('a');
    link.id = 'arxan-skip';
    link.className = 'skip-link';
    link.href = '#stMain';
    link.addEventListener('click', (e) => {
      const main = document.getElementById('stMain');
      if (!main) return;
      e.preventDefault();
      main.scrollIntoView({block: 'start'});
      main.focus({preventScroll: true});
    });
    document.body.prepend(link);
  }
  link.textContent = __LABEL__;
  link.lang = __LANG__;
  if (window.__arxanNoSingleKeys) return;
  window.__arxanNoSingleKeys = true;
  const typing = (t) => t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
  document.body.addEventListener('keydown', (e) => {
    const key = typeof e.key === 'string' ? e.key.toLowerCase() : '';
    if ((key === 'r' || key === 'c') && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
      e.stopPropagation();
    }
  });
})();
</script>"""


def keyboard_js(lang: str) -> str:
    """The script that gives the page a "skip to content" link in the page's language as its
    first focusable element, and no single-key shortcuts.

    Streamlit 1.67 draws its own skip link with fixed English text ("Skip to main content");
    the site hides it (style.css) and puts this one first in ``<body>``, outside Streamlit's
    tree, so it is the first Tab stop; Enter moves the focus to the main content (``#stMain``).

    Streamlit also reruns the page on a bare "r" (and offers to clear its cache on "c" when the
    toolbar shows developer options; ``client.toolbarMode = "viewer"`` in config.toml hides
    them). No option turns the "r" off, and a screen-reader user trips over it. The frontend
    listens on ``document``; a listener on ``<body>`` stops a bare r or c (not in a text field,
    not with Ctrl, Alt or Meta) from bubbling that far, so the key still reaches the element
    that has the focus and React's own handlers (on the app's root, inside ``<body>``)."""
    return KEYBOARD_JS.replace("__LABEL__", json.dumps(t("app.skip_to_content", lang))).replace(
        "__LANG__", json.dumps(HTML_LANG[lang])
    )


def plain_link(entry: site.PageEntry, lang: str) -> None:
    """A link from the interactive page to its plain edition (a relative URL, so it works under
    any ``server.baseUrlPath``)."""
    href = f"{site.PLAIN_PREFIX}/{entry.url_path}" + ("" if lang == DEFAULT_LANG else f"?lang={lang}")
    with st.sidebar:
        st.html(
            f"<a class='plain-edition-link' href='{html.escape(href, quote=True)}' target='_self' "
            f"title='{html.escape(t('plain.to_plain.help', lang), quote=True)}'>"
            f"{html.escape(t('plain.to_plain', lang))}</a>"
        )


def footer(lang: str) -> None:
    with st.container(key=FOOTER_KEY):
        st.divider()
        st.caption(t("app.unofficial", lang))
