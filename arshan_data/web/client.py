"""Which address a request comes from: the key of the comment rate limit and the staff lock-out.

The trusted-proxy setting is Uvicorn's own ``FORWARDED_ALLOW_IPS`` environment variable of the
streamlit process (Streamlit 1.67 serves through Uvicorn and passes it no proxy options): the
addresses whose ``X-Forwarded-For`` is believed, right-most untrusted address of the chain.

**Default: trust none.** Left unset, Uvicorn would believe the header from 127.0.0.1 and ::1,
so anyone on the host (or a proxy that passes the header on unchanged) could name any address
and escape the per-address lock-out. ``ForwardedForGuard`` undoes that default: when the
variable is not set, a client that Uvicorn took from the header is put back to the loopback
peer it really came from. An operator who runs a proxy sets the variable to that proxy's
address (``deploy/arxan.env.example`` does for nginx on the same host: ``127.0.0.1,::1``);
then Uvicorn's reading stands and each reader behind the proxy has their own key.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

#: Uvicorn's setting; its value when unset is "127.0.0.1,::1" (uvicorn/config.py).
SETTING = "FORWARDED_ALLOW_IPS"
LOOPBACK = ("127.0.0.1", "::1")


def proxies_configured(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the operator chose which proxies to trust (an empty value trusts none too)."""
    return SETTING in environ


def _host(value: str) -> str:
    """The address of one ``X-Forwarded-For`` entry (``host``, ``host:port``, ``[v6]:port``)."""
    value = value.strip()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        return value.rsplit(":", 1)[0]
    return value


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def taken_from_header(client_host: str, forwarded_for: str) -> bool:
    """Whether Uvicorn, trusting only loopback, took ``client_host`` from this header.

    It does so by picking the right-most entry that is not loopback (or the first when all
    are); only a loopback peer gets that treatment, so a match means the peer was loopback.
    (A remote reader who writes their own address into the header also matches; they then
    share the local key, which limits them more, never less.)
    """
    hosts = [_host(h) for h in forwarded_for.split(",")]
    if not hosts or _is_loopback(client_host):
        return False
    for host in reversed(hosts):
        if not _is_loopback(host):
            return host == client_host
    return hosts[0] == client_host


class ForwardedForGuard:
    """ASGI middleware (outermost): the default "trust no proxy" described above."""

    def __init__(self, app: ASGIApp, configured: bool | None = None) -> None:
        self.app = app
        self.configured = proxies_configured() if configured is None else configured

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.configured and scope["type"] in ("http", "websocket"):
            client = scope.get("client")
            values = [v.decode("latin1") for k, v in scope.get("headers", ()) if k == b"x-forwarded-for"]
            if client and values and taken_from_header(client[0], ", ".join(values)):
                scope = dict(scope, client=(LOOPBACK[0], client[1]))
        await self.app(scope, receive, send)
