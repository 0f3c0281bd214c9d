"""The "comment on this" link that plan pages put under a chapter or a map element.

    from arshan_data.ui.feedback_link import comment_link
    comment_link("tourism", "scenic_areas-tianchi", lang)

opens the comment form with the topic and the element filled in (``?topic=…&element=…``).
"""

from __future__ import annotations

import streamlit as st

from arshan_data import site
from arshan_data.feedback.model import TOPICS
from arshan_data.i18n import t
from arshan_data.ui.state import current_lang


def comment_params(
    topic: str, element_id: str | None, lang: str, at: tuple[float, float] | None = None
) -> dict[str, str]:
    if topic not in TOPICS:
        raise ValueError(f"unknown feedback topic {topic!r}; use one of {', '.join(TOPICS)}")
    params = {"topic": topic, "lang": lang}
    if element_id:
        params["element"] = element_id
    if at is not None:
        params["at"] = f"{at[0]:.3f},{at[1]:.3f}"
    return params


def comment_link(
    topic: str,
    element_id: str | None = None,
    lang: str | None = None,
    *,
    label: str | None = None,
    at: tuple[float, float] | None = None,
) -> None:
    """A link to the comment form about ``topic`` (a chapter), optionally one plan element and
    a point (``at``: lon, lat — the form preselects its ~1 km cell)."""
    lang = lang or current_lang()
    st.page_link(
        site.required_page("feedback").file,
        label=label or t("feedback.link.label", lang),
        icon=":material/rate_review:",
        query_params=comment_params(topic, element_id, lang, at),
    )
