"""The client address the rate limit and staff lock-out key on: trust no proxy by default.

Each case runs the request through the chain Uvicorn really builds (``uvicorn.Config.load()``
wraps the app in its ``ProxyHeadersMiddleware``) around the site's own middleware list.
"""

import asyncio

import pytest
import uvicorn

from arshan_data.web import client
from arshan_data.web.client import ForwardedForGuard


def client_seen(monkeypatch, peer: str, forwarded_for: str | None, allow: str | None) -> str:
    """The address the app (Streamlit) sees for a WebSocket from ``peer``."""
    if allow is None:
        monkeypatch.delenv(client.SETTING, raising=False)
    else:
        monkeypatch.setenv(client.SETTING, allow)
    seen = {}

    async def app(scope, receive, send):
        seen["client"] = scope["client"][0]

    config = uvicorn.Config(app=ForwardedForGuard(app), lifespan="off")
    config.load()
    headers = [(b"x-forwarded-for", forwarded_for.encode())] if forwarded_for is not None else []
    scope = {"type": "websocket", "client": (peer, 40000), "scheme": "ws", "headers": headers}
    asyncio.run(config.loaded_app(scope, None, None))
    return seen["client"]


@pytest.mark.parametrize("peer", ["127.0.0.1", "::1"])
def test_by_default_a_forwarded_for_header_names_no_address(monkeypatch, peer):
    # Someone on the host (or behind a proxy that passes the header on) claims an address:
    # without FORWARDED_ALLOW_IPS the claim is ignored and they stay the local client.
    assert client_seen(monkeypatch, peer, "203.0.113.7", allow=None) == "127.0.0.1"
    assert client_seen(monkeypatch, peer, "198.51.100.1, 203.0.113.7", allow=None) == "127.0.0.1"
    assert client_seen(monkeypatch, peer, "[2001:db8::5]:443", allow=None) == "127.0.0.1"


def test_by_default_a_remote_reader_is_their_own_address(monkeypatch):
    assert client_seen(monkeypatch, "198.51.100.9", None, allow=None) == "198.51.100.9"
    assert client_seen(monkeypatch, "198.51.100.9", "203.0.113.7", allow=None) == "198.51.100.9"


def test_a_configured_proxy_gives_each_reader_behind_it_their_own_address(monkeypatch):
    # nginx on the same host (deploy/arxan.env.example) appends the reader's address.
    same_host = "127.0.0.1,::1"
    assert client_seen(monkeypatch, "127.0.0.1", "203.0.113.7", allow=same_host) == "203.0.113.7"
    assert client_seen(monkeypatch, "127.0.0.1", "203.0.113.8", allow=same_host) == "203.0.113.8"
    # A reader who writes a false address first is still keyed on the one nginx added.
    assert client_seen(monkeypatch, "127.0.0.1", "1.2.3.4, 203.0.113.7", allow=same_host) == "203.0.113.7"
    # A load balancer elsewhere; a client that is not it cannot claim an address.
    assert client_seen(monkeypatch, "10.0.0.5", "203.0.113.7", allow="10.0.0.5") == "203.0.113.7"
    assert client_seen(monkeypatch, "198.51.100.9", "203.0.113.7", allow="10.0.0.5") == "198.51.100.9"


def test_an_empty_setting_trusts_no_proxy_either(monkeypatch):
    assert client_seen(monkeypatch, "127.0.0.1", "203.0.113.7", allow="") == "127.0.0.1"


def test_the_site_puts_the_rule_outside_everything_else(monkeypatch):
    from arshan_data.web import middleware

    first = middleware(lambda name: None)[0]
    assert first.cls is ForwardedForGuard


def test_the_shipped_deployment_trusts_its_own_nginx():
    from ..conftest import REPO

    lines = (REPO / "deploy" / "arxan.env.example").read_text(encoding="utf-8").splitlines()
    assert f"{client.SETTING}=127.0.0.1,::1" in lines
