"""Chinese renders in the real browser: the CJK font is there and used, and the map labels
(deck.gl TextLayer, which once drew no Chinese at all in headless Chromium) draw their text.

The Chinese walk (walks.py) measures both on the overview. The text of every page is checked
glyph by glyph in test_pages.py (no character drawn as the missing-glyph box).
"""

from __future__ import annotations

import pytest

from .walks import MIN_LABEL_INK

pytestmark = pytest.mark.browser


def test_the_cjk_font_is_installed_and_measures_chinese(zh_walk):
    fonts = zh_walk.fonts
    assert fonts, "the Chinese walk did not reach the overview"
    assert fonts["control_missing"], "the font probe cannot tell a missing font from an installed one"
    assert fonts["noto_installed"], (
        "Noto Sans CJK SC is not available to the browser (apt-get install fonts-noto-cjk)"
    )
    # Twelve Chinese characters at 20px are about 240px wide; missing-glyph boxes are narrower.
    assert fonts["cjk_width"] > 200, fonts
    assert fonts["title_width"] > 0, fonts


def test_map_labels_draw_chinese_text(zh_walk):
    """The overview map with the seats' Chinese labels has dark label ink; switching the seats
    (and their labels) off takes it away; every label character has a glyph in the labels' font
    stack (deck.gl draws its glyph atlas with the browser's canvas, so a missing glyph there
    would be a box on the map)."""
    labels = zh_walk.labels
    assert labels, "the Chinese walk did not reach the overview"
    assert labels["on"] >= MIN_LABEL_INK, f"the seat labels drew no text ({labels['on']} dark px)"
    assert labels["off"] <= labels["on"] / 10, f"dark px with labels {labels['on']}, without {labels['off']}"
    assert labels["checked"] > 5
    assert not labels["missing"], f"label characters without a glyph: {labels['missing']}"
    assert not labels["blank"], f"label characters drawn as nothing: {labels['blank']}"
