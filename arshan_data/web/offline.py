"""The server keeps the offline promise too: no request to any outside host from the app process.

Streamlit 1.67 looks up the machine's external address (HTTP to checkip.amazonaws.com) and its
internal one (a UDP connect to 8.8.8.8) in two places:

1. at start-up, to print "Network URL" / "External URL" — skipped when ``browser.serverAddress``
   is set (``.streamlit/config.toml`` sets it to ``localhost``);
2. on every WebSocket handshake whose ``Origin`` differs from its ``Host`` (a page embedded
   elsewhere, a reverse proxy that rewrites ``Host``), before it looks at
   ``server.corsAllowedOrigins``; a failed lookup is not remembered, so each such handshake
   tries again, on the event loop. No setting turns this off except ``server.enableCORS =
   false``, which admits every origin.

``CrossOriginGuard`` decides those handshakes itself, the way Streamlit would minus the lookups:
same origin, localhost and ``server.corsAllowedOrigins`` are let through (with the ``Origin``
header dropped, so Streamlit has nothing left to look up), anything else is refused with 403.
``tests/web/test_offline_server.py`` starts the server with outbound connections blocked and
checks that nothing was attempted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlparse

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"})


def origin_allowed(origin: str, host: str | None, allowed: Iterable[str]) -> bool:
    """Streamlit's decision for a cross-origin WebSocket, without looking up any address."""
    parsed = urlparse(origin)
    if host and parsed.netloc == host:
        return True
    if parsed.hostname in LOCAL_HOSTS:
        return True
    allowed_hosts = {urlparse(a.strip()).hostname or a.strip() for a in allowed if a.strip()}
    return parsed.hostname in allowed_hosts


class CrossOriginGuard:
    """Pure ASGI middleware; see the module docstring. ``option`` is Streamlit's
    ``st.get_option`` (this package does not import Streamlit)."""

    def __init__(self, app, *, option: Callable[[str], object]) -> None:
        self.app = app
        self.option = option

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket" and self.option("server.enableCORS"):
            headers = {k.lower(): v.decode("latin-1") for k, v in scope["headers"]}
            origin, host = headers.get(b"origin"), headers.get(b"host")
            if origin:
                allowed = self.option("server.corsAllowedOrigins") or []
                if not origin_allowed(origin, host, allowed):  # type: ignore[arg-type]
                    await send({"type": "websocket.close", "code": 1008})
                    return
                scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"origin"]}
        await self.app(scope, receive, send)
