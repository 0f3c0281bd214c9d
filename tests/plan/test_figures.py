"""Figures as a reader sees them: 万亩 in Chinese as printed, plain mu in English."""

import pytest

from arshan_data.plan.figures import format_figure, wan_mu_number


@pytest.mark.parametrize(
    "value, zh, en",
    [
        (12.91, "12.91", "129,100"),
        ("12.90", "12.90", "129,000"),
        (0.15, "0.15", "1,500"),
        (1.0005, "1.0005", "10,005"),
    ],
)
def test_wan_mu_is_printed_in_chinese_and_plain_mu_in_english(value, zh, en):
    assert wan_mu_number(value, "zh") == zh
    assert wan_mu_number(value, "en") == en


def test_a_figure_in_wan_mu_reads_as_mu_in_english():
    figure = {
        "zh": "永久基本农田",
        "en": "Permanent basic farmland",
        "value": 12.91,
        "unit": "wan_mu",
        "page": 14,
    }
    assert format_figure(figure, "en").value == "129,100 mu"
    assert format_figure(figure, "zh").value == "12.91 万亩"
