"""Production settings: hidden error details, documented host allow-list and trusted proxy.

The trusted-proxy facts are checked against the installed Streamlit and Uvicorn, so an upgrade
that changes how ``st.context.ip_address`` is derived fails here rather than in production.
"""

import asyncio
import tomllib

import pytest

from ..conftest import REPO

CONFIG = REPO / ".streamlit" / "config.toml"


def test_the_public_never_sees_error_details():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("setting", ["allowedHosts", "FORWARDED_ALLOW_IPS"])
def test_host_allow_list_and_trusted_proxy_are_documented(setting):
    assert setting in CONFIG.read_text(encoding="utf-8")
    assert setting in (REPO / "docs" / "feedback.md").read_text(encoding="utf-8")


def test_streamlit_leaves_proxy_trust_to_uvicorn_defaults():
    from streamlit.web.server.starlette import starlette_server

    kwargs = starlette_server._get_uvicorn_config_kwargs()
    assert not {"proxy_headers", "forwarded_allow_ips"} & set(kwargs)


def test_uvicorn_trusts_forwarded_for_only_from_forwarded_allow_ips(monkeypatch):
    import uvicorn
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    default = uvicorn.Config(app=None)
    assert default.proxy_headers and default.forwarded_allow_ips == "127.0.0.1,::1"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5")
    trusted = uvicorn.Config(app=None).forwarded_allow_ips
    assert trusted == "10.0.0.5"

    def client_seen(peer: str, forwarded_for: str) -> str:
        seen = {}

        async def app(scope, receive, send):
            seen["client"] = scope["client"][0]

        scope = {
            "type": "websocket",
            "client": (peer, 40000),
            "scheme": "ws",
            "headers": [(b"x-forwarded-for", forwarded_for.encode())],
        }
        asyncio.run(ProxyHeadersMiddleware(app, trusted_hosts=trusted)(scope, None, None))
        return seen["client"]

    assert client_seen("10.0.0.5", "203.0.113.7") == "203.0.113.7"  # from the load balancer
    assert client_seen("198.51.100.9", "203.0.113.7") == "198.51.100.9"  # a client claiming an address
    # A proxy that appends: the right-most address it added is the one believed.
    assert client_seen("10.0.0.5", "1.2.3.4, 203.0.113.7") == "203.0.113.7"
