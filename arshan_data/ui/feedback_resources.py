"""Per-process feedback resources (store, plan elements, location grid, limits) and the client key."""

from __future__ import annotations

import logging

import shapely
import streamlit as st

from arshan_data.feedback.elements import Element, elements_from_store
from arshan_data.feedback.ratelimit import RateLimiter, client_hash, client_key
from arshan_data.feedback.repository import FeedbackRepository, open_repository
from arshan_data.geodata.grid import CELL_KM, CityGrid
from arshan_data.geodata.layers import CITY_BOUNDARY, ELEMENT_LAYERS
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.ui.components.map_view import layer_versions
from arshan_data.ui.state import map_store, settings

log = logging.getLogger(__name__)
#: Used when no ``client_hash_secret`` is configured (documented as weak in docs/feedback.md).
FALLBACK_HASH_SECRET = "arshan-feedback-client-v1"


@st.cache_resource(show_spinner=False)
def _repository(store: str) -> FeedbackRepository:
    return open_repository(store)


def repository() -> FeedbackRepository:
    """The configured store; it connects lazily, so a store that is down fails on use, not here."""
    return _repository(settings().feedback_store)


@st.cache_resource(show_spinner=False, max_entries=4)
def _elements(versions: tuple[str, ...]) -> dict[str, Element]:
    return elements_from_store(map_store())


def plan_elements() -> dict[str, Element]:
    """Plan elements by id, rebuilt when a layer file changes."""
    return _elements(layer_versions(ELEMENT_LAYERS))


@st.cache_resource(show_spinner=False, max_entries=4)
def _grid(version: str, cell_km: float) -> CityGrid:
    boundary = shapely.union_all(map_store().layer(CITY_BOUNDARY).geometry.values)
    return CityGrid(boundary, cell_km=cell_km)


def city_grid(cell_km: float = CELL_KM) -> CityGrid | None:
    """A grid over the city (once per process, cell size and boundary version; the comment
    form's ~1 km by default), or None when the boundary layer cannot be loaded."""
    try:
        return _grid(map_store().version(CITY_BOUNDARY), cell_km)
    except LayerUnavailable as exc:
        log.error("no grid over the city (location picker, map taps): %s", exc)
        return None


@st.cache_resource(show_spinner=False)
def _limiter(count: int, window_s: int) -> RateLimiter:
    return RateLimiter(count, window_s)


def limiter() -> RateLimiter:
    s = settings()
    return _limiter(s.rate_limit_count, s.rate_limit_window_s)


@st.cache_resource(show_spinner=False)
def _lookup_limiter(count: int, window_s: int) -> RateLimiter:
    return RateLimiter(count, window_s)


def lookup_limiter() -> RateLimiter:
    """The reference-number look-ups' own limiter (the form's limits, counted separately, so
    looking up a comment never uses up the budget for sending one)."""
    s = settings()
    return _lookup_limiter(s.rate_limit_count, s.rate_limit_window_s)


#: Wrong presentation codes a client may try per window (``feedback.presentation``): enough for
#: typos, far too few to find a live code among 30^6 by trying.
FOLLOW_MISSES, FOLLOW_WINDOW_S = 20, 600


@st.cache_resource(show_spinner=False)
def _follow_limiter(count: int, window_s: int) -> RateLimiter:
    return RateLimiter(count, window_s)


def follow_limiter() -> RateLimiter:
    """Counts the codes a client opened that led to no live presentation."""
    return _follow_limiter(FOLLOW_MISSES, FOLLOW_WINDOW_S)


def current_client() -> tuple[str, str]:
    """``(rate-limit key, keyed hash)`` of this session's client address.

    ``st.context.ip_address`` is None on localhost (one shared local key) and, behind a proxy,
    the real client only when Uvicorn trusts that proxy (FORWARDED_ALLOW_IPS).
    """
    address = st.context.ip_address
    key = client_key(address if isinstance(address, str) else None)
    return key, client_hash(key, settings().client_hash_secret or FALLBACK_HASH_SECRET)
