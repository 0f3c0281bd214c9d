"""我们听到的意见 — the public record: answered comments staff chose to publish, with the answer.

Never a name or contact: only ``Comment`` fields are read (personal data lives in another
table). Comment and answer are shown with ``st.text``, never as Markdown.
"""

from __future__ import annotations

import streamlit as st

from arshan_data.feedback.charts import topic_counts_figure
from arshan_data.feedback.elements import place_text
from arshan_data.feedback.model import LOCAL_TZ, PUBLIC_RECORD, TOPICS, CommentFilter
from arshan_data.feedback.repository import StoreUnavailable
from arshan_data.i18n import t
from arshan_data.ui.components.figures import chart
from arshan_data.ui.feedback_resources import plan_elements, repository
from arshan_data.ui.state import current_lang

PAGE_SIZE = 20


def _entry(comment, elements, lang: str) -> None:
    with st.container(border=True):
        about = [
            comment.reference,
            comment.created_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d"),
            t(f"feedback.topic.{comment.topic}", lang),
            t(f"feedback.stance.{comment.stance}", lang),
        ]
        st.caption(" · ".join(about))
        cell = (
            (comment.cell_id, comment.lon, comment.lat)
            if comment.cell_id and comment.lon is not None
            else None
        )
        for line in place_text(comment.element_id, cell, elements, lang):
            st.caption(line)
        st.text(comment.message)
        st.markdown(f"**{t('heard.answer', lang)}**")
        st.text(comment.answer or "")


def render() -> None:
    lang = current_lang()
    st.header(t("heard.heading", lang))
    st.write(t("heard.intro", lang))
    repo = repository()
    try:
        received = repo.counts_by_topic(CommentFilter(statuses=("new", "read", "answered")))
        published = repo.counts_by_topic(PUBLIC_RECORD)
    except StoreUnavailable:
        st.error(t("heard.unavailable", lang), icon=":material/error:")
        return
    cols = st.columns(2)
    cols[0].metric(t("heard.received", lang), sum(received.values()), border=True)
    cols[1].metric(t("heard.published", lang), sum(published.values()), border=True)
    chart(
        topic_counts_figure(received, lang, "heard.chart.received"),
        lang,
        key="heard_topics",
        config={"displayModeBar": False},
    )

    st.subheader(t("heard.list", lang))
    topic = st.selectbox(
        t("heard.filter.topic", lang),
        TOPICS,
        index=None,
        key="heard_topic",
        format_func=lambda v: t(f"feedback.topic.{v}", lang),
        placeholder=t("heard.filter.all", lang),
    )
    filt = CommentFilter(public_only=True, topics=(topic,) if topic else ())
    total = repo.count(filt)
    if total == 0:
        st.info(t("heard.empty", lang), icon=":material/info:")
        return
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = 1
    if pages > 1:
        page = st.number_input(t("heard.page", lang, pages=pages), 1, pages, 1, key="heard_page")
    elements = plan_elements()
    for comment in repo.find(filt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE):
        _entry(comment, elements, lang)
