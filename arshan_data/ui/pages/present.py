"""汇报模式 — the plan as slides for a council meeting (``arshan_data.slides``).

* Audience view (default): one slide filling the screen — headline, points, a full-width map,
  chart or figure cards, up to three figures with their plan pages — and the controls; the menu,
  toolbar and site header are hidden (``frame.chromeless``). ← / → change slides.
* Presenter view (``?view=presenter``): the site's frame, the slide, its speaker notes, a
  preview of the next slide, the list of slides and the downloads (PDF deck, PNG slide).
* ``?slide=N`` (1-based) opens slide N; the buttons and the index keep it in the URL; a number
  out of range opens the nearest slide and says so.
* 投屏跟随: the presenter view's share button starts a shared session in the feedback store
  (``feedback.presentation``): a public code for the audience link ``?follow=CODE`` and a secret
  token kept in the presenter's session and URL (``?share=``). Each slide the presenter moves to
  is written to the store; the audience view reads it every ``POLL_S`` (``st.fragment``) and
  redraws when it changed — from another machine, or another app process on the same store.

Maps are deck.gl specs with the slide's camera view (region → city → central city); Streamlit
1.67's deck component jumps to a new view rather than gliding (see ``slides.TRANSITION_MS``).
Nothing is fetched from another host.
"""

from __future__ import annotations

import html
from html import escape as esc

import plotly.graph_objects as go
import streamlit as st

from arshan_data.exports import deck_pdf as deck_export
from arshan_data.exports import share as share_links
from arshan_data.exports.pdf import page_png
from arshan_data.feedback.presentation import TTL, Presentation, normalise_code
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.geodata.layers import PATTERN_ELEMENT_COLORS, UNLISTED_PART_COLOR
from arshan_data.i18n import DEFAULT_LANG, HTML_LANG, LANGS, join, t
from arshan_data.maps.deck import SpecDeck, SplitSpec, compose_deck
from arshan_data.maps.legend import LegendEntry
from arshan_data.plan import charts, slides
from arshan_data.plan.catalog import Catalog
from arshan_data.ui import frame
from arshan_data.ui.components.map_panel import legend
from arshan_data.ui.components.map_view import layer_versions, load_layers
from arshan_data.ui.components.plan_blocks import chart as cached_chart
from arshan_data.ui.components.share_box import link_text, link_to
from arshan_data.ui.feedback_resources import FOLLOW_WINDOW_S, current_client, follow_limiter, repository
from arshan_data.ui.state import basemap, catalog, current_lang, map_store

SLIDE_PARAM, VIEW_PARAM, PRESENTER = "slide", "view", "presenter"
#: The audience link's public code and the presenter's secret token (``feedback.presentation``).
FOLLOW_PARAM, SHARE_PARAM = "follow", "share"
SHARE_KEY, PUSHED_KEY = "present_share_token", "present_share_pushed"
#: How often an audience view asks the store for the presenter's slide (seconds): with the
#: redraw, it follows within a second.
POLL_S = 0.5
#: The numbers the share and follow messages state (``present.share.*``, ``present.follow.*``).
LIMITS = {"hours": int(TTL.total_seconds() // 3600), "minutes": FOLLOW_WINDOW_S // 60}
NUMBER_KEY, INDEX_KEY = "present_slide", "present_index"
MAP_KEY = "present_map"
LABEL_PX = 20

CSS = """
.pr-top { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
.pr-title { color: #3d3d3d; font-size: clamp(0.95rem, 1.15vw, 1.35rem); font-weight: 600; }
.pr-counter { color: #3d3d3d; font-size: clamp(0.95rem, 1.15vw, 1.35rem); font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.pr-headline { color: #10311f; font-size: clamp(1.55rem, 2.45vw, 3rem); font-weight: 800; line-height: 1.22;
  margin: 0.1rem 0 0.35rem; }
.pr-points { display: flex; flex-wrap: wrap; gap: 0.4rem 0.5rem; margin: 0 0 0.3rem; }
.pr-point { border: 2px solid #b8beb5; border-radius: 999px; padding: 0.1rem 0.75rem; color: #1e1e1e;
  font-size: clamp(0.9rem, 1.1vw, 1.35rem); line-height: 1.45; background: #f6f6f2; }
.pr-point.new { border-color: #10311f; background: #e5efe8; font-weight: 700; }
.pr-point .sw { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.35em;
  vertical-align: -0.05em; }
.pr-point .pr-members { font-weight: 400; margin-left: 0.4em; }
.pr-figures { display: grid; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); gap: 0.8rem;
  margin-top: 0.4rem; }
.pr-figure { border-left: 6px solid #10311f; background: #f1f6f2; padding: 0.35rem 0.9rem;
  border-radius: 0 6px 6px 0; }
.pr-figure .l { color: #333; font-size: clamp(0.85rem, 1vw, 1.25rem); line-height: 1.3; }
.pr-figure .v { color: #10311f; font-size: clamp(1.45rem, 2.2vw, 2.7rem); font-weight: 800;
  line-height: 1.15; }
.pr-figure .n { color: #3d3d3d; font-size: clamp(0.75rem, 0.85vw, 1.05rem); }
.pr-cards { display: grid; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); gap: 1rem; height: 100%; }
.pr-card { background: #f1f6f2; border-top: 8px solid #10311f; border-radius: 6px; padding: 0.6rem 1.1rem; }
.pr-card .y { color: #10311f; font-size: clamp(2.4rem, 4.4vw, 5.5rem); font-weight: 800; line-height: 1.05; }
.pr-card .t { font-size: clamp(1.15rem, 1.8vw, 2.2rem); font-weight: 700; margin: 0.3rem 0 0.6rem; }
.pr-card ul { margin: 0; padding-left: 1.2em; }
.pr-card li { font-size: clamp(1rem, 1.55vw, 1.9rem); line-height: 1.4; margin: 0.35rem 0; color: #1e1e1e; }
.pr-card .n { color: #3d3d3d; font-size: clamp(0.75rem, 0.85vw, 1.05rem); margin-top: 0.4rem; }
.pr-notes { font-size: 1.25rem; line-height: 1.65; background: #fffdf3; border: 1px solid #e6dfb8;
  border-radius: 6px; padding: 0.7rem 1rem; }
.pr-links { display: flex; gap: 1rem; justify-content: flex-end; flex-wrap: wrap; font-size: 0.95rem; }
.pr-links a { color: #10311f; }
.pr-following { color: #3d3d3d; }
.st-key-present_stage .legend { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem;
  font-size: clamp(0.85rem, 0.95vw, 1.2rem); margin: 0.3rem 0 0; }
.st-key-present_stage .legend-row span:not(.sw), .st-key-present_stage .legend-symbols { display: none; }
.st-key-present_stage .legend .sw { width: 1.1em; height: 0.8em; }
.st-key-present_stage .legend .sw-point { width: 0.8em; height: 0.8em; }
@media (max-height: 819px) { .st-key-present_chart_big,
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_chart_big) { display: none; } }
@media (min-height: 820px) { .st-key-present_chart_small,
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_chart_small) { display: none; } }
.st-key-present_next button { background: #10311f; border-color: #10311f; color: #fff; }
.st-key-present_next button:hover { background: #1d5a38; border-color: #1d5a38; color: #fff; }
.st-key-present_controls button p { font-size: clamp(0.95rem, 1.05vw, 1.3rem); }
/* The page's scroll area takes focus when the slide is clicked, and after → Streamlit framed the
   whole slide with its focus ring (an inset shadow on stMain::before). The scroll area is not a
   control: the buttons, the index and the links keep their focus ring (WCAG 2.4.7). */
.stApp :is([data-testid="stMain"], [data-testid="stMainBlockContainer"]):is(:focus, :focus-visible) {
  outline: none !important; }
[data-testid="stMain"]:focus::before, [data-testid="stMain"]:focus-visible::before { box-shadow: none; }
"""

#: The audience view fills the screen: the page is a column exactly as tall as the window, and the
#: stage (map or chart) takes what the headline, points, figures and controls leave — so nothing
#: is cut off at 1280 × 720, whatever wraps, and a 1920 × 1080 projector gets a bigger map.
FILL_CSS = """
[data-testid="stMainBlockContainer"] { height: 100vh; display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 0; min-height: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-present_stage), .st-key-present_stage,
.st-key-present_stage [data-testid="stLayoutWrapper"]:has(> .st-key-present_chart_big),
.st-key-present_stage [data-testid="stLayoutWrapper"]:has(> .st-key-present_chart_small),
.st-key-present_chart_big, .st-key-present_chart_small { flex: 1 1 0; min-height: 0; }
.st-key-present_stage { min-height: 200px; }
.st-key-present_stage .stElementContainer:has([data-testid="stDeckGlJsonChart"]),
.st-key-present_stage .stElementContainer:has(.stPlotlyChart),
.st-key-present_stage .stElementContainer:has(.pr-cards)
{ flex: 1 1 0 !important; min-height: 0; height: auto !important; }
.st-key-present_stage [data-testid="stFullScreenFrame"],
.st-key-present_stage [data-testid="stDeckGlJsonChart"],
.st-key-present_stage .stPlotlyChart, .st-key-present_stage .stPlotlyChart .js-plotly-plot,
.st-key-present_stage .stElementContainer:has(.pr-cards) > div { height: 100% !important; }
/* A phone is read, not projected: the slide scrolls instead of squeezing into the window, so the
   map keeps most of the screen's height and the legend and figures come below it, never over
   it; previous and next share one row. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { height: auto; display: block; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-present_stage), .st-key-present_stage,
  .st-key-present_stage .stElementContainer:has([data-testid="stDeckGlJsonChart"]) { flex: none !important; }
  .st-key-present_stage .stElementContainer:has([data-testid="stDeckGlJsonChart"]),
  .st-key-present_stage [data-testid="stFullScreenFrame"],
  .st-key-present_stage [data-testid="stDeckGlJsonChart"] { height: clamp(320px, 58vh, 560px) !important; }
  .st-key-present_stage .legend { position: static; }
  .pr-figures { grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); }
  .st-key-present_controls [data-testid="stHorizontalBlock"] { flex-flow: row wrap; }
  .st-key-present_controls [data-testid="stColumn"] { min-width: 0 !important; flex: 1 1 100% !important; }
  .st-key-present_controls [data-testid="stColumn"]:has(.st-key-present_prev),
  .st-key-present_controls [data-testid="stColumn"]:has(.st-key-present_next)
  { flex: 1 1 calc(50% - 0.5rem) !important; }
  .st-key-present_controls [data-testid="stColumn"]:has(.st-key-present_next) { order: -1; }
  .st-key-present_controls [data-testid="stColumn"]:has(.st-key-present_prev) { order: -2; }
}
"""


# ----------------------------------------------------------------------------- slide number and URL


def _go(number: int) -> None:
    st.session_state[NUMBER_KEY] = number
    st.query_params[SLIDE_PARAM] = str(number)


def _from_index() -> None:
    _go(int(st.session_state[INDEX_KEY]))


def current_number(total: int) -> tuple[int, str | None, str | None]:
    """The slide shown (1-based), and — when the URL asked for one that does not exist — what was
    wrong and what it asked for. A URL that names a slide ends up naming the one shown; a URL
    without one is left as it is (slide 1): a page that rewrites its own address on first load
    races the reader's first click (issue 15 §3)."""
    raw = st.query_params.get(SLIDE_PARAM)
    number, problem = st.session_state.get(NUMBER_KEY), None
    if raw is None and number in (None, 1):
        st.session_state[NUMBER_KEY] = 1
        return 1, None, raw
    if number is None or raw != str(number):
        number, problem = slides.parse_number(raw, total)
        st.session_state[NUMBER_KEY] = number
    if st.query_params.get(SLIDE_PARAM) != str(number):
        st.query_params[SLIDE_PARAM] = str(number)
    return number, problem, raw


# ----------------------------------------------------------------------------- page


def render() -> None:
    lang = current_lang()
    cat = catalog()
    deck = slides.SLIDES
    presenter = st.query_params.get(VIEW_PARAM) == PRESENTER
    follow = st.query_params.get(FOLLOW_PARAM)
    if follow is not None and not presenter:
        _follower(follow, cat, lang)
        return
    number, problem, asked = current_number(len(deck))
    shown = slides.content(deck[number - 1], cat, lang)
    if not presenter:
        frame.chromeless()
    st.html(f"<style>{CSS}</style>")
    if problem:
        st.warning(t(f"present.clamped.{problem}", lang, asked=asked, n=number), icon=":material/info:")
    if presenter:
        shared = _push(number, lang)  # first, so the audience moves while this page draws
        _presenter(shown, cat, lang, shared)
    else:
        _audience(shown, lang)


# ----------------------------------------------------------------------------- 投屏跟随


def _token() -> str | None:
    return st.query_params.get(SHARE_PARAM) or st.session_state.get(SHARE_KEY)


def _start_sharing(number: int, lang: str) -> None:
    """The share button: a new session in the store at the slide shown."""
    try:
        shared = repository().create_presentation(number, lang)
    except StoreUnavailable:
        st.session_state[PUSHED_KEY] = None
        st.toast(t("present.share.unavailable", lang), icon=":material/error:")
        return
    st.session_state[SHARE_KEY] = shared.token
    st.session_state[PUSHED_KEY] = (shared.token, number, lang, shared.presentation)
    st.query_params[SHARE_PARAM] = shared.token


def _stop_sharing() -> None:
    st.session_state.pop(SHARE_KEY, None)
    st.session_state.pop(PUSHED_KEY, None)
    if SHARE_PARAM in st.query_params:
        del st.query_params[SHARE_PARAM]


def _push(number: int, lang: str) -> Presentation | None:
    """Write the presenter's slide to the shared session when it changed (a click, the index,
    a URL, the language switch); the session, or None when not sharing."""
    token = _token()
    if not token:
        return None
    pushed = st.session_state.get(PUSHED_KEY)
    if pushed and pushed[:3] == (token, number, lang):
        return pushed[3]
    try:
        shared = repository().move_presentation(token, number, lang)
    except StoreUnavailable:
        st.warning(t("present.share.unavailable", lang), icon=":material/error:")
        return pushed[3] if pushed and pushed[0] == token else None
    if shared is None:
        _stop_sharing()
        st.warning(t("present.share.expired", lang, **LIMITS), icon=":material/timer_off:")
        return None
    st.session_state[SHARE_KEY] = token
    st.session_state[PUSHED_KEY] = (token, number, lang, shared)
    return shared


def _follow_link(code: str, lang: str) -> str:
    return link_to("present", {FOLLOW_PARAM: code}, lang)


def _share_box(shown: slides.Content, lang: str, shared: Presentation | None) -> None:
    """The presenter's 投屏跟随 control: the button, then the audience link, code and QR."""
    with st.container(key="present_share_box", border=True):
        if shared is None:
            st.button(
                t("present.share.button", lang),
                icon=":material/cast:",
                key="present_share",
                on_click=_start_sharing,
                args=(shown.number, lang),
            )
            st.caption(t("present.share.help", lang))
            return
        st.markdown(t("present.share.on", lang, code=shared.code))
        link = _follow_link(shared.code, lang)
        link_text(link)
        st.caption(t("present.share.caption", lang, **LIMITS))
        st.image(share_links.qr_png(link, scale=5), width=150)
        st.button(
            t("present.share.stop", lang), key="present_share_stop", on_click=_stop_sharing, type="tertiary"
        )


def _followed(code: str, lang: str) -> Presentation | None:
    """The live session of ``code``, or None after saying why not (in both languages: the
    audience view has no language switch)."""
    key, _ = current_client()
    limiter = follow_limiter()
    problem, record = None, None
    if limiter.retry_after(key) > 0:
        problem = "too_many"
    else:
        try:
            record = repository().presentation(code)
        except StoreUnavailable:
            problem = "unavailable"
        else:
            if record is None:
                limiter.try_acquire(key)
                problem = "unknown"
    if problem:
        shown = normalise_code(code) or "?"  # never the raw text: st.error reads Markdown
        st.error(t(f"present.follow.{problem}", lang, code=shown, **LIMITS), icon=":material/link_off:")
        for other in LANGS:
            if other != lang:
                words = t(f"present.follow.{problem}", other, code=shown, **LIMITS)
                st.html(f"<p lang='{HTML_LANG[other]}'>{esc(words)}</p>")
        start = "present" + (f"?lang={lang}" if lang != DEFAULT_LANG else "")
        st.html(f"<p><a href='{start}' target='_self'>{esc(t('present.follow.start', lang))}</a></p>")
    return record


def _follower(code: str, cat: Catalog, lang: str) -> None:
    """The audience view of a shared presentation: the presenter's slide, no controls."""
    frame.chromeless()
    st.html(f"<style>{CSS}</style>")
    record = _followed(code, lang)
    if record is None:
        return
    total = len(slides.SLIDES)
    number = min(record.slide, total)
    shown = slides.content(slides.SLIDES[number - 1], cat, lang)
    _audience(shown, lang, following=record.code)
    _poll(record.code, record.slide)


@st.fragment(run_every=POLL_S)
def _poll(code: str, slide: int) -> None:
    """Ask the store for the presenter's slide; redraw the page when it moved (or ended)."""
    try:
        record = repository().presentation(code)
    except StoreUnavailable:
        return  # keep showing the last slide; the next poll tries again
    if record is None or record.slide != slide:
        st.rerun()


def _links(shown: slides.Content, lang: str, *, presenter: bool, following: str | None = None) -> str:
    query = f"{SLIDE_PARAM}={shown.number}" + (f"&lang={lang}" if lang != DEFAULT_LANG else "")
    if presenter:
        if following:  # the audience view opened from here follows this page
            query = f"{FOLLOW_PARAM}={following}" + (f"&lang={lang}" if lang != DEFAULT_LANG else "")
        other = f"<a href='present?{query}' target='_blank'>{esc(t('present.view.audience', lang))} ↗</a>"
    elif following:
        other = f"<span class='pr-following'>{esc(t('present.follow.status', lang, code=following))}</span>"
    else:
        other = (
            f"<a href='present?{VIEW_PARAM}={PRESENTER}&{query}' target='_blank'>"
            f"{esc(t('present.view.presenter', lang))} ↗</a>"
        )
    home = "./" + (f"?lang={lang}" if lang != DEFAULT_LANG else "")  # the site's first page
    leave = f"<a href='{home}' target='_self'>{esc(t('present.exit', lang))}</a>"
    return f"<div class='pr-links'>{other}{leave}</div>"


def controls(
    shown: slides.Content, lang: str, *, presenter: bool = False, following: str | None = None
) -> None:
    """Previous / next (also ← / →) and the slide index."""
    contents = [slides.content(s, catalog(), lang) for s in slides.SLIDES]
    with st.container(key="present_controls"):
        prev_col, index_col, next_col, links_col = st.columns([1.1, 3, 1.1, 2.2], vertical_alignment="center")
        prev_col.button(
            t("present.prev", lang),
            icon=":material/arrow_back:",
            width="stretch",
            disabled=shown.number <= 1,
            on_click=_go,
            args=(shown.number - 1,),
            shortcut="Left",
            key="present_prev",
        )
        next_col.button(
            t("present.next", lang),
            icon=":material/arrow_forward:",
            width="stretch",
            disabled=shown.number >= shown.total,
            on_click=_go,
            args=(shown.number + 1,),
            shortcut="Right",
            key="present_next",
            type="primary",
        )
        st.session_state[INDEX_KEY] = shown.number
        index_col.selectbox(
            t("present.index", lang),
            range(1, shown.total + 1),
            key=INDEX_KEY,
            on_change=_from_index,
            label_visibility="collapsed",
            format_func=lambda n: f"{n}. {contents[n - 1].title}",
        )
        links_col.html(_links(shown, lang, presenter=presenter, following=following))


def _following_bar(shown: slides.Content, lang: str, code: str) -> None:
    """An audience view that follows the presenter has no buttons: only what it follows."""
    with st.container(key="present_controls"):
        st.html(_links(shown, lang, presenter=False, following=code))


def _head(shown: slides.Content) -> str:
    points = ""
    if shown.points:
        colours = {label: maps_hex(color) for _, label, color in shown.split_parts}
        chips = []
        for point in shown.points:
            sw = (
                f"<span class='sw' style='background:{colours[point.label]}'></span>"
                if point.label in colours
                else ""
            )
            members = f"<span class='pr-members'>{esc(point.text)}</span>" if point.new and point.text else ""
            chips.append(
                f"<span class='pr-point{' new' if point.new else ''}'>{sw}{esc(point.label)}{members}</span>"
            )
        points = f"<div class='pr-points'>{''.join(chips)}</div>"
    return (
        f"<div class='pr-top'><div class='pr-title'>{esc(shown.title)}</div>"
        f"<div class='pr-counter'>{shown.number} / {shown.total}</div></div>"
        f"<h1 class='pr-headline'>{esc(shown.headline)}</h1>{points}"
    )


def maps_hex(color) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color[:3])


def _figures_html(shown: slides.Content, lang: str) -> str:
    cards = []
    for fig in shown.figures:
        note = " · ".join(
            v for v in (fig.note, t("present.figure.source", lang, page=fig.page) if fig.page else "") if v
        )
        cards.append(
            f"<div class='pr-figure'><div class='l'>{esc(fig.label)}</div>"
            f"<div class='v'>{esc(fig.value)}</div><div class='n'>{esc(note)}</div></div>"
        )
    return f"<div class='pr-figures' style='--n:{len(cards)}'>{''.join(cards)}</div>"


def _cards_html(shown: slides.Content, lang: str) -> str:
    cards = []
    for card in shown.cards:
        points = "".join(f"<li>{esc(p)}</li>" for p in card.points)
        page = card.page or card.figure.page
        cards.append(
            f"<div class='pr-card'><div class='y'>{esc(card.figure.value)}</div>"
            f"<div class='t'>{esc(card.title)}</div><ul>{points}</ul>"
            f"<div class='n'>{esc(t('present.figure.source', lang, page=page))}</div></div>"
        )
    return f"<div class='pr-cards' style='--n:{len(cards)}'>{''.join(cards)}</div>"


def _audience(shown: slides.Content, lang: str, *, following: str | None = None) -> None:
    st.html(f"<style>{FILL_CSS}</style>{_head(shown)}")
    with st.container(key="present_stage"):
        stage(shown, lang)
    if shown.figures and shown.slide.kind != "figures":
        st.html(_figures_html(shown, lang))
    if following:
        _following_bar(shown, lang, following)
    else:
        controls(shown, lang)


def stage(shown: slides.Content, lang: str, *, height: int = 520) -> None:
    """The slide's map, chart or figure cards."""
    slide = shown.slide
    if slide.kind == "map" and slide.map:
        deck, present = slide_deck(slide, lang)
        st.pydeck_chart(deck, height=height, key=MAP_KEY)
        parts = {}
        if shown.split_parts and slide.map.split:
            parts[slide.map.split[0]] = [
                LegendEntry(slide.map.split[0], color, label, "", "area")
                for _, label, color in shown.split_parts
            ]
        legend(present, lang, parts)
    elif slide.kind == "chart" and slide.chart:
        # Two sizes of the same chart; CSS shows the projector one on tall screens and the
        # regular one below 820 px of height, where the big type would overlap the bars.
        for big in (True, False):
            fig = go.Figure(cached_chart(slide.chart, lang, big=big))  # a copy: the cached one stays as it is
            fig.update_layout(height=None, autosize=True, margin={"l": 8, "r": 8, "t": 8, "b": 8})
            if fig.layout.annotations:  # labels written above the top bar need room above the plot
                fig.update_layout(margin={"t": 70 if big else 48})
            if any(isinstance(trace, go.Sunburst) for trace in fig.data):  # more labels than on a phone
                fig.update_layout(uniformtext={"minsize": 13 if big else 10, "mode": "hide"})
            size = "big" if big else "small"
            with st.container(key=f"present_chart_{size}"):
                st.plotly_chart(
                    fig, config=charts.CONFIG, key=f"present_chart_{slide.id}_{size}", height=height
                )
    elif slide.kind == "figures":
        st.html(_cards_html(shown, lang))


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_deck(slide_id: str, lang: str, versions: tuple[str, ...], basemap: str) -> tuple[SpecDeck, tuple]:
    slide = next(s for s in slides.SLIDES if s.id == slide_id)
    spec = slide.map
    assert spec is not None  # only map slides are drawn as maps
    frames = map_store().readable(spec.layers)
    split: SplitSpec | None = None
    if spec.split and spec.split[0] in frames:
        layer_id, column, values = spec.split
        split = {
            layer_id: (column, tuple((v, PATTERN_ELEMENT_COLORS.get(v, UNLISTED_PART_COLOR)) for v in values))
        }
        frames[layer_id] = frames[layer_id][frames[layer_id][column].astype(str).isin(values)]
    deck = compose_deck(
        frames,
        lang,
        view=spec.view,
        basemap=basemap,
        labelled=spec.labelled,
        split=split,
        label_px=LABEL_PX,
        transition_ms=slides.TRANSITION_MS,
    )
    return deck, tuple(frames)


def slide_deck(slide: slides.Slide, lang: str) -> tuple[SpecDeck, tuple[str, ...]]:
    """The slide's deck.gl map (built once per process, language and data version) and the
    layers it could draw; a layer that cannot be read is named on the page."""
    assert slide.map is not None  # only map slides are drawn as maps
    load_layers(slide.map.layers, lang)  # shows an error for a missing layer
    return _cached_deck(slide.id, lang, layer_versions(slide.map.layers), basemap())


# ----------------------------------------------------------------------------- exports


@st.cache_resource(show_spinner=False, max_entries=4)
def _deck_pdf(lang: str, versions: tuple[str, ...]) -> bytes:
    return deck_export.deck_pdf(catalog(), lang, map_store().layer)


def deck_pdf(lang: str) -> bytes:
    """The whole deck as PDF, built once per process and language (until a layer changes)."""
    layer_ids = sorted({lid for s in slides.SLIDES if s.map for lid in s.map.layers})
    return _deck_pdf(lang, layer_versions(layer_ids))


@st.cache_data(show_spinner=False, max_entries=128)
def _slide_png(lang: str, index: int, width: int, pdf_size: int) -> bytes:
    return page_png(deck_pdf(lang), index, width)


def slide_png(lang: str, index: int, width: int = 1920) -> bytes:
    return _slide_png(lang, index, width, len(deck_pdf(lang)))


def _file_stem(shown: slides.Content) -> str:
    return f"arxan-plan-slide-{shown.number:02d}-{shown.slide.id}"


# ----------------------------------------------------------------------------- presenter view


def _presenter(shown: slides.Content, cat: Catalog, lang: str, shared: Presentation | None = None) -> None:
    st.header(t("present.view.presenter", lang))
    st.caption(t("present.presenter.hint", lang))
    controls(shown, lang, presenter=True, following=shared.code if shared else None)
    _share_box(shown, lang, shared)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.html(_head(shown))
        st.image(slide_png(lang, shown.number - 1, 960), width="stretch")
        st.subheader(t("present.presenter.notes", lang))
        st.html(f"<div class='pr-notes'>{html.escape(shown.notes)}</div>")
        pages = join(map(str, shown.pages), lang)
        st.caption(t("present.pages", lang, pages=pages))
    with right:
        st.subheader(t("present.presenter.next", lang))
        if shown.number < shown.total:
            upcoming = slides.content(slides.SLIDES[shown.number], cat, lang)
            st.image(slide_png(lang, shown.number, 640), width="stretch")
            st.caption(f"{upcoming.number}. {upcoming.title} — {upcoming.headline}")
        else:
            st.info(t("present.presenter.last", lang))
        st.subheader(t("present.presenter.list", lang))
        for k, slide in enumerate(slides.SLIDES, start=1):
            title = slides.content(slide, cat, lang).title
            st.button(
                f"{k}. {title}",
                key=f"present_goto_{k}",
                on_click=_go,
                args=(k,),
                width="stretch",
                type="primary" if k == shown.number else "tertiary",
            )
        cols = st.columns(2)
        cols[0].download_button(
            t("present.download.pdf", lang),
            lambda: deck_pdf(lang),
            file_name=f"arxan-plan-slides-{lang}.pdf",
            mime="application/pdf",
            key="present_pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
        )
        number = shown.number
        cols[1].download_button(
            t("present.download.png", lang),
            lambda: slide_png(lang, number - 1),
            file_name=f"{_file_stem(shown)}-{lang}.png",
            mime="image/png",
            key="present_png",
            on_click="ignore",
            icon=":material/image:",
        )
