"""规划实施: the League → City → Townships flow, the three mechanisms, the One Map platform."""

import pytest

from arshan_data.plan import charts
from arshan_data.plan.catalog import load_catalog
from arshan_data.plan.chart_text import chart_summary

from .conftest import all_text, page_html
from .plan_page import chart_images, open_page

PAGE = "pages/implementation.py"


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "zh",
            [
                "兴安盟",
                "阿尔山市",
                "乡镇",
                "县级指标",
                "乡镇级指标",
                "功能定位、分区/用途准入",
                "功能定位、用途准入",
                "总量控制、约束传导、反馈监督",
                "初步划定、矛盾协调、上下校核、边界管控、底线监测",
                "边界定界、上图入库、边界管控、合规审查",
                "乡镇一级的传导内容中没有“国土空间规划分区”",
                "完善规划协调机制",
                "强化部门联动机制",
                "完善公众参与机制",
                "统一基础标准，确保信息平台互联互通",
                "探索建立多方协商、 共同缔造的社区治理方式",
                "一张底图",
                "国土空间规划“—张图”实施监督信息系统",
                "资源环境承载能力监测预警",
                "成果动态更新",
                "来源：规划文本第 42 页",
                "来源：规划文本第 43 页",
                "来源：规划文本第 44 页",
            ],
        ),
        (
            "en",
            [
                "Hinggan League",
                "Arxan City",
                "Townships",
                "Vertical transmission: Hinggan League → Arxan City",
                "Boundary demarcation; mapping into the database",
                "Improve the planning coordination mechanism",
                "Strengthen the inter-departmental linkage mechanism",
                "Improve the public participation mechanism",
                "One base map",
                "Monitoring and early warning of resource and environmental carrying capacity",
                "Source: plan text, p. 44",
            ],
        ),
    ],
)
def test_implementation_page_shows_transmission_mechanisms_and_the_one_map(app, lang, expected):
    at = open_page(app, PAGE, lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text, snippet
    # The platform's functions as a ring chart, drawn without plotly, in words in its alt text.
    summary = chart_summary(charts.one_map_chart(load_catalog(), lang), lang)
    assert summary and summary in chart_images(at) and not at.get("plotly_chart")


def test_the_flow_draws_levels_and_steps_in_order(app):
    at = open_page(app, PAGE)
    [flow] = [b for b in page_html(at) if "pp-flow'" in b]
    positions = [
        flow.index(name)
        for name in ("兴安盟</div>", "兴安盟 → 阿尔山市", "阿尔山市</div>", "阿尔山市 → 乡镇", "乡镇</div>")
    ]
    assert positions == sorted(positions)
    assert flow.count("class='pp-flow-step'") == 2


def test_a_link_to_the_mechanisms_opens_them_first(app):
    at = open_page(app, PAGE, section="mechanisms")
    assert at.subheader[0].value == "政策机制保障"
