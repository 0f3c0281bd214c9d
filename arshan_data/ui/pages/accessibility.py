"""无障碍声明 — the accessibility statement: standards aimed at, how the site is checked, the
known limits (the audit's allow-list, ``arshan_data.accessibility``) and how to report a barrier."""

from __future__ import annotations

import html
from functools import partial

import streamlit as st

from arshan_data import accessibility as a11y
from arshan_data.i18n import t
from arshan_data.plan import catalog as plan
from arshan_data.ui.components.figures import plan_source
from arshan_data.ui.state import catalog, current_lang

#: Text in an element (quotes stay as they are; attributes use ``html.escape`` itself).
esc = partial(html.escape, quote=False)


def _list(items: list[str]) -> None:
    """Items already escaped (HTML), as one list."""
    st.html("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def render() -> None:
    lang = current_lang()
    st.header(t("accessibility.heading", lang))
    st.write(t("accessibility.intro", lang))

    st.subheader(t("accessibility.standard.heading", lang))
    _list([a11y.standard_html(standard, lang) for standard in a11y.STANDARDS])
    st.write(t("accessibility.senior", lang, switch=t("reading.senior", lang)))

    st.subheader(t("accessibility.testing.heading", lang))
    _list(
        [
            esc(t("accessibility.testing.axe", lang, version=a11y.AXE_VERSION)),
            esc(t("accessibility.testing.plain", lang)),
            esc(t("accessibility.testing.language", lang)),
        ]
    )

    st.subheader(t("accessibility.limits.heading", lang))
    limits = a11y.known_limits()
    if limits:
        st.write(t("accessibility.limits.intro", lang))
        _list(
            [
                f"{esc(limit.limit[lang])} ({esc(t('accessibility.limits.rule', lang, rule=limit.rule))})"
                for limit in limits
            ]
        )
        st.write(t("accessibility.limits.plain", lang))
    else:
        st.write(t("accessibility.limits.none", lang))

    st.subheader(t("accessibility.report.heading", lang))
    st.write(t("accessibility.report.intro", lang, other=t("feedback.topic.other", lang)))
    contact = a11y.barrier_contact(catalog())
    if contact is not None:
        hours = plan.text(contact.office_hours, lang)
        _list(
            [
                f"{esc(t('accessibility.report.email', lang))} "
                f"<a href='mailto:{html.escape(contact.email, quote=True)}'>{esc(contact.email)}</a>",
                f"{esc(t('accessibility.report.phone', lang))} {esc(contact.phone)}"
                + (f" · {esc(hours)}" if hours else ""),
            ]
        )
        if contact.page:
            plan_source(contact.page, lang)
