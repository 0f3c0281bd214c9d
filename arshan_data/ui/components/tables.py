"""Data tables whose text columns are wide enough for their longest value.

Streamlit's data grid gives every column the same default width and cuts longer text with
"…"; a reader cannot see a road list or a licence without resizing the column. ``data_table``
sizes each text column for its longest value (up to a cap, beyond which the cell's full text
shows on hover) and lets the grid scroll sideways inside its box on a phone.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import streamlit as st

#: Approximate advance of one character in the grid's 14 px font, and the cell padding.
WIDE_PX, NARROW_PX, PADDING_PX = 14.5, 8.0, 28
MAX_PX = 560


def text_width_px(text: str) -> int:
    """Estimated drawn width: CJK and full-width characters are about twice as wide."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return int(wide * WIDE_PX + (len(text) - wide) * NARROW_PX + PADDING_PX)


def column_widths(frame: pd.DataFrame) -> dict[str, int]:
    """Pixel widths for the text columns (header included), capped at ``MAX_PX``."""
    widths = {}
    for name in frame.columns:
        column = frame[name]
        if not (pd.api.types.is_string_dtype(column) or column.dtype == object):
            continue
        longest = max(
            [text_width_px(str(name)), *(text_width_px(str(v)) for v in frame[name] if v is not None)]
        )
        widths[str(name)] = min(MAX_PX, longest)
    return widths


def data_table(frame: pd.DataFrame, **kwargs) -> None:
    """``st.dataframe`` with fitted text columns (other ``column_config`` entries win)."""
    config = {name: st.column_config.TextColumn(width=px) for name, px in column_widths(frame).items()}
    config.update(kwargs.pop("column_config", None) or {})
    st.dataframe(frame, hide_index=True, column_config=config, **kwargs)
