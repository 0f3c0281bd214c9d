"""Per-client limits on submissions, kept in process memory.

The client is the address Streamlit reports (``st.context.ip_address``): ``None`` on
localhost, which all local users share as one key. Behind a reverse proxy the address is the
real client's only when Uvicorn trusts the proxy (``FORWARDED_ALLOW_IPS``; docs/feedback.md).
With several app processes each keeps its own counts, so the effective limit is per process
unless the load balancer uses sticky sessions (which Streamlit needs anyway).
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import ipaddress
import threading
import time
from collections.abc import Callable

LOCAL_CLIENT = "local"


def client_key(ip_address: str | None) -> str:
    """A rate-limit key for an address: IPv6 clients by their /64 (one home or phone network)."""
    if not ip_address:
        return LOCAL_CLIENT
    try:
        addr = ipaddress.ip_address(ip_address.strip())
    except ValueError:
        return f"ip:{ip_address.strip()[:64]}"
    if addr.version == 6:
        if addr.ipv4_mapped is not None:
            return f"ip:{addr.ipv4_mapped}"
        return f"ip:{ipaddress.ip_network(f'{addr}/64', strict=False)}"
    return f"ip:{addr}"


def client_hash(key: str, secret: str) -> str:
    """A keyed hash of the client key, stored for duplicate detection instead of the address."""
    return hmac.new(secret.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class RateLimiter:
    """At most ``count`` events per ``window_s`` seconds per key (a sliding window)."""

    def __init__(self, count: int, window_s: float, clock: Callable[[], float] = time.monotonic):
        self.count, self.window_s, self.clock = int(count), float(window_s), clock
        self._events: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def _recent(self, key: str, now: float) -> collections.deque[float]:
        events = self._events.setdefault(key, collections.deque())
        while events and events[0] <= now - self.window_s:
            events.popleft()
        return events

    def try_acquire(self, key: str) -> bool:
        """Record one event for ``key`` and return True, or return False when over the limit."""
        now = self.clock()
        with self._lock:
            self._sweep(now)
            events = self._recent(key, now)
            if len(events) >= self.count:
                return False
            events.append(now)
            return True

    def release(self, key: str) -> None:
        """Give back the last event of ``key``: the comment it was for was not stored (the
        store failed) or was a repeat of one already stored, so it must not count."""
        with self._lock:
            events = self._events.get(key)
            if events:
                events.pop()

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may submit again (0 when it may now)."""
        now = self.clock()
        with self._lock:
            events = self._recent(key, now)
            if len(events) < self.count:
                return 0.0
            return max(0.0, events[0] + self.window_s - now)

    def _sweep(self, now: float) -> None:
        """Forget idle keys now and then so memory stays bounded."""
        if now - self._last_sweep < self.window_s:
            return
        self._last_sweep = now
        for key in [k for k, v in self._events.items() if not v or v[-1] <= now - self.window_s]:
            del self._events[key]
