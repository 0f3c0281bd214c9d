"""Data tables whose text columns fit their longest value (a road list, a licence)."""

import pandas as pd

from arshan_data.ui.components.tables import MAX_PX, PADDING_PX, column_widths, text_width_px


def test_chinese_text_is_measured_about_twice_as_wide_as_latin():
    assert text_width_px("阿尔山市") - PADDING_PX > 1.6 * (text_width_px("Arxn") - PADDING_PX)


def test_each_text_column_is_as_wide_as_its_longest_value_up_to_a_cap():
    roads = "S203 12.3；连接线 1.2；G331 45.0；景区道路 3.1"
    frame = pd.DataFrame({"#": [1, 2], "道路": ["G331 4.0", roads], "说明": ["x" * 500, "y"]})
    widths = column_widths(frame)
    assert "#" not in widths  # numbers keep the grid's own width
    assert widths["道路"] == text_width_px(roads) > 200
    assert widths["说明"] == MAX_PX


def test_a_long_header_widens_its_column():
    frame = pd.DataFrame({"Licence (as published by the source)": ["CC0"]})
    assert column_widths(frame)["Licence (as published by the source)"] > text_width_px("CC0")
