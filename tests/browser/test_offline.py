"""The offline guarantee: with the default configuration the browser contacts no host but the
app's own — on every page, in both languages, and in every interaction the browser tests make.

Every browser context of this group is behind ``conftest.OfflineGuard`` (``context.route`` for
HTTP, ``context.route_web_socket`` for WebSockets, ``context.on("request")`` as a second
witness): an outside request is recorded and aborted. A test whose own context went outside
fails at once; this test runs last and lists everything the session saw.
"""

from __future__ import annotations

import base64
import json
import os
import re
from urllib.parse import urlsplit

import pytest
import streamlit as st

from arshan_data.maps.basemaps import BASEMAP_STYLES, NO_BASEMAP
from arshan_data.site import PAGES

from .. import apptest
from .conftest import TIANDITU_HOST, OfflineGuard, open_context
from .helpers import MAP, background_of, open_app, wait_map_drawn


@pytest.mark.browser
def test_no_request_leaves_the_app(zh_walk, en_walk, offline_guard):
    """Both walks (every page, both languages, the language switch) and every browser test
    that ran before this one in this process made no request to another host. (Under xdist
    the other browser tests run on another worker; each of those checks its own contexts in
    the ``new_context`` fixture.)"""
    assert zh_walk.pages and en_walk.pages
    assert not offline_guard.seen, "requests to hosts other than the app:\n" + offline_guard.report()


@pytest.mark.browser
def test_the_guard_catches_outside_http_and_websockets(browser, app_server):
    """The guard itself works: a page of the app that tries to fetch from, load an image from
    and open a WebSocket to another host has all three recorded (and none of them reaches it),
    so the test above can fail."""
    guard = OfflineGuard()
    context = open_context(browser, guard, app_server, "probe")
    try:
        page = context.new_page()
        open_app(page, "/")
        # The image is not awaited by the script: wait for its request to fail (the guard records
        # a request before it aborts it), not for a fixed time.
        with page.expect_event("requestfailed", predicate=lambda r: "cdn.example.invalid" in r.url):
            page.evaluate(
                """() => new Promise(done => {
                    fetch('http://tiles.example.invalid/probe.json').catch(() => {});
                    const img = new Image(); img.src = 'https://cdn.example.invalid/probe.png';
                    const ws = new WebSocket('wss://socket.example.invalid/probe');
                    ws.onerror = ws.onclose = () => done();
                    setTimeout(done, 5000);
                })"""
            )
    finally:
        context.close()
    hosts = {(kind.split()[0], urlsplit(url).hostname) for _, kind, url in guard.seen}
    assert ("http", "tiles.example.invalid") in hosts, guard.report()
    assert ("http", "cdn.example.invalid") in hosts, guard.report()
    assert ("websocket", "socket.example.invalid") in hosts, guard.report()


def page_decks(
    monkeypatch, store, basemap: str | None = None, key: str | None = None
) -> dict[str, list[str]]:
    """The deck.gl JSON of every map on every page, as the app sends it (AppTest, no server),
    with the embedded defaults (the shipped data) except a temporary feedback store."""
    for name in [n for n in os.environ if n.startswith("ARSHAN_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ARSHAN_FEEDBACK_STORE", str(store))
    if basemap:
        monkeypatch.setenv("ARSHAN_BASEMAP", basemap)
    if key:
        monkeypatch.setenv("ARSHAN_TIANDITU_KEY", key)
    st.cache_resource.clear()
    decks = {}
    try:
        at = apptest.open_app()
        for entry in PAGES:
            at.switch_page(apptest.page_path(entry.script))
            at.run()
            decks[entry.url_path] = [el.proto.json for el in at.get("deck_gl_json_chart")]
    finally:
        st.cache_resource.clear()
    return decks


URL = re.compile(r"(?:https?|wss?)://[^\s\"'\\)]+")


@pytest.mark.slow
def test_a_configured_basemap_is_the_only_outside_host_in_the_maps(monkeypatch, tmp_path):
    """Unit level (no browser): by default no map spec names any URL and every map uses
    Streamlit's no-basemap sentinel; with ARSHAN_BASEMAP=carto-positron every map references
    the Carto style and nothing else outside."""
    default = page_decks(monkeypatch, tmp_path / "feedback.sqlite3")
    carto = page_decks(monkeypatch, tmp_path / "feedback.sqlite3", "carto-positron")
    assert sum(map(len, default.values())) >= 5, "hardly any maps were found"
    for page, specs in default.items():
        for spec in specs:
            assert json.loads(spec)["mapStyle"] == NO_BASEMAP, page
            assert not URL.findall(spec), f"{page}: a map names an outside URL: {URL.findall(spec)}"
    carto_host = urlsplit(BASEMAP_STYLES["carto-positron"]).hostname
    assert {p: len(s) for p, s in carto.items()} == {p: len(s) for p, s in default.items()}
    for page, specs in carto.items():
        for spec in specs:
            assert json.loads(spec)["mapStyle"] == BASEMAP_STYLES["carto-positron"], page
            assert {urlsplit(u).hostname for u in URL.findall(spec)} == {carto_host}, page


def tianditu_hosts(style_url: str) -> set[str]:
    style = json.loads(base64.b64decode(style_url.split(",", 1)[1]))
    return {urlsplit(url).hostname for source in style["sources"].values() for url in source["tiles"]}


@pytest.mark.slow
def test_with_tianditu_every_map_names_only_tianditu(monkeypatch, tmp_path):
    """Unit level (no browser): with ARSHAN_BASEMAP=tianditu every map of every page carries
    the Tianditu style (a data: URL) whose tiles come from Tianditu's hosts only."""
    decks = page_decks(monkeypatch, tmp_path / "feedback.sqlite3", "tianditu", "test-key")
    assert sum(map(len, decks.values())) >= 5
    for page, specs in decks.items():
        for spec in specs:
            style = json.loads(spec)["mapStyle"]
            assert style.startswith("data:application/json;base64,"), page
            assert all(TIANDITU_HOST.fullmatch(h) for h in tianditu_hosts(style)), page
            assert not URL.findall(spec.replace(style, "")), page


@pytest.mark.browser
def test_a_tianditu_basemap_is_fetched_from_tianditu_only(browser, tianditu_server):
    """With Tianditu configured the browser loads the style and asks Tianditu's hosts (with the
    key) for tiles — and no other host; our layers still draw on top. (The guard aborts the
    tile requests: the machines running the tests have no internet.)"""
    guard = OfflineGuard()
    context = open_context(browser, guard, tianditu_server, "tianditu")
    try:
        page = context.new_page()
        with page.expect_request(lambda r: "tianditu.gov.cn" in r.url):
            open_app(page, "/")
        wait_map_drawn(page.locator(MAP).first, background_of(page))
    finally:
        context.close()
    hosts = {urlsplit(url).hostname for _, _, url in guard.seen}
    assert hosts and all(TIANDITU_HOST.fullmatch(h) for h in hosts), guard.report()
    assert all("tk=browser-test-key" in url for _, _, url in guard.seen), guard.report()
