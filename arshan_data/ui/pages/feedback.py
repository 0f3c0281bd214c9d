"""意见征集 — the public comment form, the comment period and the plan's own channels.

A submission is checked and stored in a button callback, before the page is drawn again: the
page then shows either the receipt (only once the store committed) or the form with the
reader's text still in it and each problem beside its field. User text is only ever shown
with ``st.code`` / ``st.text``, never as Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import time

import streamlit as st

from arshan_data.feedback import service
from arshan_data.feedback.decks import cell_picker_deck, picked_cell
from arshan_data.feedback.elements import place_text
from arshan_data.feedback.model import (
    CONTACT_MAX,
    LOCAL_TZ,
    MESSAGE_MAX,
    MESSAGE_MIN,
    NAME_MAX,
    REFERENCE_INPUT_MAX,
    STANCES,
    TOPICS,
    FormInput,
    comment_window,
    today_local,
)
from arshan_data.feedback.repository import new_idempotency_key
from arshan_data.geodata.layers import CITY_BOUNDARY, PLACE_LAYERS, SEATS
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.i18n import t
from arshan_data.maps.labels import point_labels
from arshan_data.plan import catalog as plan
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.feedback_resources import (
    city_grid,
    current_client,
    limiter,
    lookup_limiter,
    plan_elements,
    repository,
)
from arshan_data.ui.state import basemap, catalog, current_lang, map_store, settings

FIELD_KEYS = (
    "fb_stance",
    "fb_topic",
    "fb_element",
    "fb_place",
    "fb_cell",
    "fb_message",
    "fb_name",
    "fb_contact",
    "fb_consent",
    "fb_website",
)
STATE_KEYS = ("fb_token", "fb_errors", "fb_notice", "fb_receipt")
#: The honeypot: off-screen for people, a tempting field for form-filling bots. Hidden too, so
#: that it is out of the Tab order (a keyboard user's focus would vanish off-screen into it) and
#: out of what a screen reader reads; a bot still finds the input in the page.
HONEYPOT_CSS = (
    "<style>.st-key-fb_hp_box{position:absolute!important;left:-10000px!important;"
    "visibility:hidden!important;top:auto!important;width:1px!important;height:1px!important;"
    "overflow:hidden!important}</style>"
)


def format_date(day: dt.date, lang: str) -> str:
    return day.strftime(t("feedback.date_format", lang))


# --- session state -----------------------------------------------------------------------------
def _token() -> service.FormToken:
    """The idempotency key and the time the form was first shown, made once per comment."""
    token = st.session_state.get("fb_token")
    if token is None:
        token = service.FormToken(new_idempotency_key(), time.monotonic())
        st.session_state["fb_token"] = token
        _prefill_from_link()
    return token


def _prefill_from_link() -> None:
    """``?topic=tourism&element=<id>&at=lon,lat`` from a plan page's "comment on this" link."""
    topic = st.query_params.get("topic")
    element_id = st.query_params.get("element")
    at = st.query_params.get("at")
    cell = _cell_from_link(at)
    if cell is not None:
        st.session_state["fb_cell"] = cell
    elif at is not None:  # a place the link cannot mean: say so rather than drop it quietly
        st.session_state["fb_errors"] = {"location": "location_link_invalid"}
    if topic in TOPICS:
        st.session_state["fb_topic"] = topic
    if element_id:
        element = plan_elements().get(element_id)
        if element is None:
            st.session_state["fb_errors"] = {
                **(st.session_state.get("fb_errors") or {}),
                "element": "element_unknown",
            }
        else:
            st.session_state["fb_element"] = element_id
            st.session_state.setdefault("fb_topic", element.topic)


def _cell_from_link(value: str | None) -> str | None:
    """The ~1 km cell holding ``lon,lat`` from a link; None when absent, malformed or outside."""
    if not value or len(value) > 64:
        return None
    try:
        lon, lat = (float(part) for part in value.split(","))
    except ValueError:
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    grid = city_grid()
    cell = grid.cell_of(lon, lat) if grid else None
    return cell.cell_id if cell else None


def _message_changed() -> None:
    """Say at once (not only on sending) when the text is longer than the limit."""
    ss = st.session_state
    errors = dict(ss.get("fb_errors") or {})
    if len(ss.get("fb_message") or "") > MESSAGE_MAX:
        errors["message"] = "message_too_long"
    elif errors.get("message") == "message_too_long":
        errors.pop("message")
    ss["fb_errors"] = errors


def _reset_form() -> None:
    for key in (*FIELD_KEYS, *STATE_KEYS):
        st.session_state.pop(key, None)
    st.session_state["fb_map_gen"] = st.session_state.get("fb_map_gen", 0) + 1


def _on_submit(lang: str) -> None:
    ss = st.session_state
    token = _token()
    receipt = ss.get("fb_receipt")
    if receipt and receipt["idem_key"] == token.idem_key:
        return  # a second click on a comment already stored
    s = settings()
    grid = city_grid()
    form = FormInput(
        stance=ss.get("fb_stance"),
        topic=ss.get("fb_topic"),
        message=ss.get("fb_message") or "",
        element_id=ss.get("fb_element"),
        cell_id=ss.get("fb_cell"),
        name=ss.get("fb_name") or "",
        contact=ss.get("fb_contact") or "",
        consent=bool(ss.get("fb_consent")),
        lang=lang,
    )
    key, client_hash = current_client()
    outcome = service.submit(
        form,
        honeypot=ss.get("fb_website") or "",
        token=token,
        client_key=key,
        client_hash=client_hash,
        repo=repository(),
        limiter=limiter(),
        policy=service.Policy(s.min_submit_seconds, dt.timedelta(hours=s.duplicate_window_hours)),
        elements=plan_elements(),
        cells=grid.cells if grid else {},
    )
    ss["fb_errors"] = dict(outcome.errors)
    ss["fb_notice"] = None
    if outcome.kind == service.SAVED:
        receipt = outcome.receipt
        assert receipt is not None  # a saved comment always has its receipt
        cell = grid.get(form.cell_id) if grid else None
        ss["fb_receipt"] = {
            "reference": receipt.reference,
            "created_at": receipt.created_at,
            "message": form.message,
            "idem_key": token.idem_key,
            "element_id": form.element_id,
            "cell": (cell.cell_id, cell.lon, cell.lat) if cell else None,
        }
    elif outcome.kind == service.INVALID:
        ss["fb_notice"] = ("error", "feedback.notice.invalid", {"count": len(outcome.errors)})
    elif outcome.kind == service.REJECTED:
        minutes = max(1, math.ceil(outcome.retry_after_s / 60))
        ss["fb_notice"] = ("warning", f"feedback.rejected.{outcome.reason}", {"minutes": minutes})
    else:
        ss["fb_notice"] = ("error", "feedback.notice.unavailable", {})


# --- location ----------------------------------------------------------------------------------
def _places(grid) -> dict[str, str]:
    """Named places inside the city → their ~1 km cell."""
    places = {}
    for element in plan_elements().values():
        if element.layer in PLACE_LAYERS:
            cell = grid.cell_of(*element.point)
            if cell is not None:
                places[element.id] = cell.cell_id
    return places


def _place_chosen(places: dict[str, str]) -> None:
    chosen = st.session_state.get("fb_place")
    if chosen in places:
        st.session_state["fb_cell"] = places[chosen]


def _cell_picked(map_key: str) -> None:
    grid = city_grid()
    cell = picked_cell(grid, st.session_state.get(map_key)) if grid else None
    if cell is not None:
        st.session_state["fb_cell"] = cell.cell_id
        st.session_state["fb_place"] = None  # the map pick replaces the place


def _clear_cell() -> None:
    for key in ("fb_cell", "fb_place"):
        st.session_state.pop(key, None)
    st.session_state["fb_map_gen"] = st.session_state.get("fb_map_gen", 0) + 1


@st.cache_resource(show_spinner=False, max_entries=64)
def _picker_deck(boundary_version: str, lang: str, basemap: str, chosen_id: str | None):
    grid = city_grid()
    assert grid is not None  # the picker is drawn only when the grid could be made
    boundary = map_store().layer(CITY_BOUNDARY)
    try:
        labels = point_labels(map_store().layer(SEATS), lang)
    except LayerUnavailable:
        labels = []
    return cell_picker_deck(grid, boundary, lang, labels=labels, basemap=basemap, chosen=grid.get(chosen_id))


def _location(lang: str) -> None:
    st.markdown(f"**{t('feedback.location.label', lang)}**")
    st.caption(t("feedback.location.help", lang))
    grid = city_grid()
    if grid is None:
        st.info(t("feedback.location.unavailable", lang), icon=":material/info:")
        return
    places = _places(grid)
    elements = plan_elements()
    st.selectbox(
        t("feedback.location.place", lang),
        list(places),
        index=None,
        key="fb_place",
        format_func=lambda eid: elements[eid].label(lang),
        placeholder=t("feedback.location.place_placeholder", lang),
        on_change=_place_chosen,
        args=(places,),
    )
    map_key = f"fb_map_{st.session_state.get('fb_map_gen', 0)}"
    cell = grid.get(st.session_state.get("fb_cell"))
    deck = _picker_deck(map_store().version(CITY_BOUNDARY), lang, basemap(), cell.cell_id if cell else None)
    st.pydeck_chart(
        deck,
        height=420,
        on_select=functools.partial(_cell_picked, map_key),
        selection_mode="single-object",
        key=map_key,
    )
    if cell is not None:
        cols = st.columns([4, 1], vertical_alignment="center")
        cols[0].write(
            t(
                "feedback.location.chosen",
                lang,
                cell=cell.cell_id,
                lon=f"{cell.lon:.3f}",
                lat=f"{cell.lat:.3f}",
            )
        )
        cols[1].button(t("feedback.location.clear", lang), key="fb_clear_cell", on_click=_clear_cell)
    else:
        st.caption(t("feedback.location.none", lang))


# --- drawing -----------------------------------------------------------------------------------
def _field_error(field: str, lang: str) -> None:
    code = (st.session_state.get("fb_errors") or {}).get(field)
    if code:
        st.error(t(f"feedback.error.{code}", lang, min=MESSAGE_MIN, max=MESSAGE_MAX), icon=":material/error:")


def _period(lang: str) -> str:
    s = settings()
    window = comment_window(s.comment_start, s.comment_end, s.accept_late_comments, today_local())
    dates = {"start": format_date(s.comment_start, lang), "end": format_date(s.comment_end, lang)}
    # A fresh install's demo period says so: it is not the plan's official period.
    st.subheader(t("feedback.period.demo" if s.comment_period_demo else "feedback.period.heading", lang))
    show = {"open": st.success, "before": st.info, "late": st.warning, "closed": st.warning}[window]
    show(t(f"feedback.period.{window}", lang, **dates), icon=":material/event:")
    return window


def _channels(lang: str) -> None:
    comment = (catalog().get("implementation") or {}).get("public_comment") or {}
    contact = comment.get("contact") or {}
    if not contact:
        return
    st.subheader(t("feedback.channels.heading", lang))
    st.write(plan.text(comment.get("invitation"), lang))
    st.markdown(
        f"**{t('feedback.channels.post', lang)}** {plan.text(contact.get('address'), lang)} "
        f"({t('feedback.channels.postcode', lang)} {contact.get('postcode', '')})"
    )
    email = contact.get("email", "")
    st.markdown(f"**{t('feedback.channels.email', lang)}** [{email}](mailto:{email})")
    st.markdown(
        f"**{t('feedback.channels.phone', lang)}** {contact.get('phone', '')} · "
        f"{plan.text(contact.get('office_hours'), lang)}"
    )
    if comment.get("subject_line"):
        st.caption(plan.text(comment["subject_line"], lang))
    plan_source(contact.get("page", 45), lang)


def _on_lookup() -> None:
    key, _hash = current_client()
    st.session_state["fb_lookup"] = service.lookup(
        st.session_state.get("fb_lookup_ref") or "",
        client_key=key,
        repo=repository(),
        limiter=lookup_limiter(),
    )


def _lookup(lang: str) -> None:
    """查询码: the reader's own comment by its reference number — its status, and its text and
    answer only once published; never a name or contact (``service.lookup``)."""
    st.subheader(t("feedback.lookup.heading", lang))
    st.caption(t("feedback.lookup.help", lang))
    with st.form("fb_lookup_form", border=False, enter_to_submit=True):
        st.text_input(
            t("feedback.lookup.label", lang),
            key="fb_lookup_ref",
            max_chars=REFERENCE_INPUT_MAX,
            placeholder=t("feedback.lookup.placeholder", lang),
        )
        st.form_submit_button(t("feedback.lookup.submit", lang), key="fb_lookup_submit", on_click=_on_lookup)
    result = st.session_state.get("fb_lookup")
    if isinstance(result, service.Lookup):
        _lookup_result(result, lang)


def _lookup_result(result: service.Lookup, lang: str) -> None:
    if result.kind == service.FOUND:
        assert result.received_on is not None  # a found comment has its date
        with st.container(border=True, key="fb_lookup_found"):
            st.write(
                t(
                    "feedback.lookup.found",
                    lang,
                    reference=result.reference,
                    date=format_date(result.received_on, lang),
                )
            )
            st.write(t(f"feedback.lookup.status.{result.status}", lang))
            if result.published:
                st.write(t("feedback.lookup.your_text", lang))
                st.text(result.message or "")
                st.write(t("feedback.lookup.answer", lang))
                st.text(result.answer or "")
            elif result.status == "answered":
                st.caption(t("feedback.lookup.not_published", lang))
    elif result.kind == service.NOT_FOUND:
        st.warning(
            t("feedback.lookup.not_found", lang, reference=result.reference), icon=":material/search_off:"
        )
    elif result.kind == service.INVALID:
        st.error(t("feedback.lookup.invalid", lang), icon=":material/error:")
    elif result.kind == service.REJECTED:
        minutes = max(1, math.ceil(result.retry_after_s / 60))
        st.warning(t("feedback.lookup.rate_limited", lang, minutes=minutes), icon=":material/timer:")
    else:
        st.error(t("feedback.lookup.unavailable", lang), icon=":material/error:")


def _receipt(receipt: dict, lang: str) -> None:
    st.success(t("feedback.receipt.title", lang), icon=":material/check_circle:")
    st.write(t("feedback.receipt.reference", lang))
    st.code(receipt["reference"], language=None)
    st.caption(
        t(
            "feedback.receipt.time",
            lang,
            time=receipt["created_at"].astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
        )
    )
    # What the comment was tied to: the element and the place, in words (not a bare cell id).
    place = place_text(receipt.get("element_id"), receipt.get("cell"), plan_elements(), lang)
    for line in place or [t("feedback.place.none", lang)]:
        st.write(line)
    st.write(t("feedback.receipt.your_text", lang))
    st.code(receipt["message"], language=None, wrap_lines=True)
    st.caption(t("feedback.receipt.next", lang))
    st.button(t("feedback.receipt.another", lang), key="fb_another", on_click=_reset_form)


def _form(lang: str) -> None:
    _token()
    st.html(HONEYPOT_CSS)
    elements = plan_elements()
    st.radio(
        t("feedback.stance.label", lang),
        STANCES,
        index=None,
        key="fb_stance",
        horizontal=True,
        format_func=lambda v: t(f"feedback.stance.{v}", lang),
    )
    _field_error("stance", lang)
    st.selectbox(
        t("feedback.topic.label", lang),
        TOPICS,
        index=None,
        key="fb_topic",
        format_func=lambda v: t(f"feedback.topic.{v}", lang),
        placeholder=t("feedback.topic.placeholder", lang),
    )
    _field_error("topic", lang)
    options = sorted(
        elements, key=lambda eid: (elements[eid].topic, elements[eid].layer, elements[eid].name(lang))
    )
    st.selectbox(
        t("feedback.element.label", lang),
        options,
        index=None,
        key="fb_element",
        format_func=lambda eid: elements[eid].label(lang) if eid in elements else eid,
        placeholder=t("feedback.element.placeholder", lang),
        help=t("feedback.element.help", lang),
    )
    _field_error("element", lang)
    _location(lang)
    _field_error("location", lang)
    # No max_chars: the browser would silently drop a paste that exceeds it (issue 16). The
    # whole text stays in the field and a message beside it says how much is too much.
    st.text_area(
        t("feedback.message.label", lang),
        key="fb_message",
        on_change=_message_changed,
        height=180,
        help=t("feedback.message.help", lang, min=MESSAGE_MIN, max=MESSAGE_MAX),
    )
    _field_error("message", lang)
    st.text_input(t("feedback.name.label", lang), key="fb_name", max_chars=NAME_MAX)
    _field_error("name", lang)
    st.text_input(
        t("feedback.contact.label", lang),
        key="fb_contact",
        max_chars=CONTACT_MAX,
        help=t("feedback.contact.help", lang),
    )
    _field_error("contact", lang)
    st.checkbox(t("feedback.consent.label", lang), key="fb_consent")
    _field_error("consent", lang)
    with st.container(key="fb_hp_box"):
        st.text_input(t("feedback.honeypot.label", lang), key="fb_website")
    st.button(t("feedback.submit", lang), type="primary", key="fb_submit", on_click=_on_submit, args=(lang,))
    notice = st.session_state.get("fb_notice")
    if notice:
        kind, key, fields = notice
        getattr(st, kind)(
            t(key, lang, **fields), icon=":material/error:" if kind == "error" else ":material/info:"
        )
    st.caption(t("feedback.privacy", lang))


def render() -> None:
    lang = current_lang()
    st.header(t("feedback.heading", lang))
    channels = t("feedback.channels.heading", lang)
    st.write(t("feedback.intro", lang, channels=channels))
    # Above the columns: on a phone the columns stack and the notice would come after the form.
    window = _period(lang)
    main, side = st.columns([3, 2], gap="large")
    with side:
        _channels(lang)
        _lookup(lang)
    with main:
        if window in ("before", "closed"):
            st.info(t(f"feedback.form_{window}", lang, channels=channels), icon=":material/info:")
            return
        receipt = st.session_state.get("fb_receipt")
        if receipt:
            _receipt(receipt, lang)
        else:
            _form(lang)
