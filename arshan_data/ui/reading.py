"""长者模式 (the elderly-friendly reading mode, 适老化): a switch in the header, kept in the URL
(``?senior=true``) like the language, so a shared or bookmarked link opens in the same mode.

The switch only sets its own state; what it changes is CSS in ``style.css`` keyed on the switch
being on (``:has(.st-key-senior input:checked)``), so the page changes at once in the browser
and every page gets it without sending anything else: larger text (at least 20 px on a phone),
line height 1.5 or more, text contrast of 7:1 or more, targets at least 44×44 px, decorative
chrome hidden, and no sideways scrolling at 390 px or at 200 % zoom.
"""

from __future__ import annotations

import streamlit as st

from arshan_data.i18n import t

#: The switch's widget key: its URL parameter and its CSS class (``st-key-senior``).
SENIOR_KEY = "senior"


def senior_switch(lang: str) -> bool:
    """The 长者模式 switch; returns whether it is on."""
    return st.toggle(
        t("reading.senior", lang),
        key=SENIOR_KEY,
        help=t("reading.senior.help", lang),
        bind="query-params",
    )
