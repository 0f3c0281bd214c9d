"""工作人员 — the staff view of comments: list, search, filter, map, counts and exports.

Behind ``staff_login.staff_gate``. Lists page through the store (100 rows at a time), so the
view stays quick with a hundred thousand comments; exports read everything that matches.
"""

from __future__ import annotations

import logging
import math

import pandas as pd
import streamlit as st

from arshan_data.exports.downloads import escape_cell
from arshan_data.feedback.auth import guarded
from arshan_data.feedback.charts import daily_counts_figure, topic_counts_figure
from arshan_data.feedback.decks import comment_count_deck
from arshan_data.feedback.export import (
    AUDIT_COLUMNS,
    COMMENT_COLUMNS,
    audit_csv,
    audit_row,
    comment_row,
    comments_csv,
    comments_geojson,
    contacts_csv,
)
from arshan_data.feedback.model import STATUSES, TOPICS, CommentFilter
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.geodata.layers import CITY_BOUNDARY
from arshan_data.geodata.store import LayerUnavailable
from arshan_data.i18n import t
from arshan_data.ui.feedback_resources import plan_elements, repository
from arshan_data.ui.staff.comment import show_comment
from arshan_data.ui.staff.login import audit, current_session, logout_button, staff_gate
from arshan_data.ui.state import basemap, current_lang, map_store, settings

log = logging.getLogger(__name__)
PAGE_SIZE = 100
#: Audit entries shown on the desk (the export has them all).
AUDIT_ROWS = 500
#: Columns of the staff table (the export has them all).
TABLE_COLUMNS = ("reference", "created_at", "status", "topic", "stance", "element_id", "message", "answer")


def _filters(lang: str) -> CommentFilter:
    elements = plan_elements()
    c1, c2, c3 = st.columns(3)
    topics = c1.multiselect(
        t("staff.filter.topic", lang),
        TOPICS,
        key="staff_topics",
        format_func=lambda v: t(f"feedback.topic.{v}", lang),
        placeholder=t("staff.filter.any", lang),
    )
    statuses = c2.multiselect(
        t("staff.filter.status", lang),
        STATUSES,
        key="staff_statuses",
        format_func=lambda v: t(f"staff.status.{v}", lang),
        placeholder=t("staff.filter.any", lang),
    )
    element = c3.selectbox(
        t("staff.filter.element", lang),
        sorted(elements),
        index=None,
        key="staff_element",
        format_func=lambda eid: elements[eid].label(lang),
        placeholder=t("staff.filter.any", lang),
    )
    c4, c5, c6 = st.columns(3)
    picked = c4.date_input(t("staff.filter.dates", lang), value=[], key="staff_dates")
    text = c5.text_input(
        t("staff.filter.text", lang), key="staff_text", placeholder=t("staff.filter.text_placeholder", lang)
    )
    deleted = c6.checkbox(t("staff.filter.deleted", lang), key="staff_deleted")
    dates = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    return CommentFilter(
        topics=tuple(topics),
        statuses=tuple(statuses),
        element_id=element,
        date_from=dates[0] if dates else None,
        date_to=dates[-1] if dates else None,
        text=text or "",
        include_deleted=deleted,
    )


def _list(filt: CommentFilter, total: int, lang: str) -> None:
    st.caption(t("staff.count", lang, count=total))
    if total == 0:
        st.info(t("staff.empty", lang))
        return
    pages = math.ceil(total / PAGE_SIZE)
    page = 1
    if pages > 1:
        page = st.number_input(t("staff.page", lang, pages=pages), 1, pages, 1, key="staff_page")
    comments = repository().find(filt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    labels = {name: t(f"staff.col.{name}", lang) for name in TABLE_COLUMNS}
    table = pd.DataFrame([comment_row(c, lang) for c in comments], columns=list(COMMENT_COLUMNS))
    # The table's own toolbar "Download as CSV" writes cells as shown: user text that a
    # spreadsheet would read as a formula (=, +, -, @ …) gets the same leading ' as our exports.
    table = table[list(TABLE_COLUMNS)].map(escape_cell).rename(columns=labels)
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=380,
        key="staff_table",
        on_select="rerun",
        selection_mode="single-row",
        column_config={labels["message"]: st.column_config.TextColumn(width="large")},
    )
    refs = [c.reference for c in comments]
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    picked = refs[rows[0]] if rows and rows[0] < len(refs) else None
    if picked and picked != st.session_state.get("staff_table_pick"):
        st.session_state["staff_table_pick"] = picked
        st.session_state["staff_ref"] = picked
    if st.session_state.get("staff_ref") not in refs:
        st.session_state.pop("staff_ref", None)
    reference = st.selectbox(
        t("staff.open", lang),
        refs,
        index=None,
        key="staff_ref",
        placeholder=t("staff.open_placeholder", lang),
    )
    notice = st.session_state.pop("staff_notice", None)
    if notice:
        getattr(st, notice[0])(t(notice[1], lang))
    if reference:
        show_comment(reference, lang)


def _map(filt: CommentFilter, lang: str) -> None:
    counts = repository().counts_by_cell(filt)
    try:
        boundary = map_store().layer(CITY_BOUNDARY)
    except LayerUnavailable:
        boundary = None
    st.pydeck_chart(
        comment_count_deck(counts, boundary, lang, basemap=basemap()), height=480, key="staff_map"
    )
    st.caption(t("staff.map.caption", lang, count=sum(n for *_, n in counts)))
    with st.expander(t("staff.map.table", lang)):
        st.dataframe(
            pd.DataFrame(
                counts,
                columns=[
                    t("staff.col.cell_id", lang),
                    t("staff.col.lon", lang),
                    t("staff.col.lat", lang),
                    t("staff.col.count", lang),
                ],
            ),
            hide_index=True,
            width="stretch",
        )


def _charts(filt: CommentFilter, lang: str) -> None:
    repo = repository()
    st.plotly_chart(
        topic_counts_figure(repo.counts_by_topic(filt), lang),
        key="staff_topic_chart",
        config={"displayModeBar": False},
    )
    st.plotly_chart(
        daily_counts_figure(repo.counts_by_day(filt), lang),
        key="staff_day_chart",
        config={"displayModeBar": False},
    )


def _export(filt: CommentFilter, who: str, lang: str) -> None:
    repo = repository()
    session, minutes = current_session(), settings().staff_session_minutes

    def gate(produce):
        """Made when clicked, for this staff session only, after checking it is still on."""
        return guarded(session, minutes, produce)

    def comments(kind: str) -> list:
        found = repo.find(filt, limit=None)
        audit(who, "export", detail=f"{kind}: {len(found)} comments", repo=repo)
        return found

    st.caption(t("staff.export.note", lang))
    st.download_button(
        t("staff.export.csv", lang),
        key="staff_dl_csv",
        on_click="ignore",
        data=gate(lambda: comments_csv(comments("comments CSV"), lang)),
        file_name="arshan-comments.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.download_button(
        t("staff.export.geojson", lang),
        key="staff_dl_geojson",
        on_click="ignore",
        data=gate(lambda: comments_geojson(comments("comments GeoJSON")).encode("utf-8")),
        file_name="arshan-comments.geojson",
        mime="application/geo+json",
        icon=":material/download:",
    )
    st.divider()
    st.markdown(f"**{t('staff.export.contacts_heading', lang)}**")
    st.caption(t("staff.export.contacts_note", lang))
    if st.checkbox(t("staff.export.contacts_confirm", lang), key="staff_contacts_ok"):

        def contacts() -> bytes:
            people = repo.contacts(filt)
            audit(who, "export", detail=f"contacts CSV: {len(people)} people", repo=repo)
            return contacts_csv(people, lang)

        st.download_button(
            t("staff.export.contacts", lang),
            key="staff_dl_contacts",
            on_click="ignore",
            data=gate(contacts),
            file_name="arshan-contacts.csv",
            mime="text/csv",
            icon=":material/contact_phone:",
        )


def _audit(lang: str) -> None:
    """The audit trail: who signed in and what they did, newest first (UTC), with its export."""
    repo = repository()
    entries = repo.audit_log(limit=AUDIT_ROWS)
    st.caption(t("staff.audit.caption", lang, count=len(entries)))
    labels = {name: t(f"staff.audit.col.{name}", lang) for name in AUDIT_COLUMNS}
    table = pd.DataFrame([audit_row(e, lang) for e in entries], columns=list(AUDIT_COLUMNS)).map(escape_cell)
    st.dataframe(table.rename(columns=labels), hide_index=True, width="stretch", key="staff_audit_table")
    session, minutes = current_session(), settings().staff_session_minutes
    st.download_button(
        t("staff.audit.export", lang),
        key="staff_dl_audit",
        on_click="ignore",
        data=guarded(session, minutes, lambda: audit_csv(repo.audit_log(limit=None), lang)),
        file_name="arshan-staff-audit.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def render() -> None:
    lang = current_lang()
    st.header(t("staff.heading", lang))
    who = staff_gate(lang)
    if who is None:
        return
    top = st.columns([5, 1], vertical_alignment="center")
    top[0].caption(
        t("staff.signed_in", lang, who=who if who != "password" else t("staff.password_user", lang))
    )
    with top[1]:
        logout_button(lang)
    filt = _filters(lang)
    # One view at a time (not st.tabs, which runs every tab on every rerun): a click in the
    # list then costs a count and 100 rows, not the map and chart aggregates as well.
    views = ("list", "map", "charts", "export", "audit")
    view = st.segmented_control(
        t("staff.view", lang),
        list(views),
        key="staff_view",
        default="list",
        required=True,
        format_func=lambda v: t(f"staff.tab.{v}", lang),
        label_visibility="collapsed",
    )
    try:
        if view == "list":
            _list(filt, repository().count(filt), lang)
        elif view == "export":
            _export(filt, who, lang)
        elif view == "map":
            _map(filt, lang)
        elif view == "audit":
            _audit(lang)
        else:
            _charts(filt, lang)
    except StoreUnavailable:
        log.exception("staff view: the feedback store is unavailable")
        st.error(t("staff.unavailable", lang), icon=":material/error:")
