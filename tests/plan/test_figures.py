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


@pytest.mark.parametrize(
    "ref, en, zh",
    [
        (
            "01.综合交通体系 p.23; 05.城镇空间 p.19",
            "01. Integrated transport system, p. 23; 05. Urban space, p. 19",
            "01.综合交通体系，第23页；05.城镇空间，第19页",
        ),
        (
            "空间规划重点内容·07.资源保护利用·林地资源 p.30",
            "Key Contents of the Spatial Plan · 07. Resource protection and use · Forest land resources, "
            "p. 30",
            "空间规划重点内容·07.资源保护利用·林地资源，第30页",
        ),
        ("08.中心城区规划 p.35–37", "08. Central city plan, pp. 35–37", "08.中心城区规划，第35–37页"),
        ("03.发展战略 p.7, p.9", "03. Development strategies, pp. 7, 9", "03.发展战略，第7、9页"),
        ("something else", "something else", "something else"),
        (None, "", ""),
    ],
)
def test_a_features_plan_reference_reads_in_the_readers_language(ref, en, zh):
    from arshan_data.geodata.citations import plan_ref_text
    from arshan_data.plan.catalog import heading_names, load_catalog

    names = heading_names(load_catalog())
    assert plan_ref_text(ref, "en", names) == en
    assert plan_ref_text(ref, "zh", names) == zh
