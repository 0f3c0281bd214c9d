"""数据与来源: what each fidelity level means (what earns surveyed, the positional error) and each
dataset's accuracy, in the reader's language and in the words of data/README.md."""

from __future__ import annotations

import pytest

from arshan_data.geodata.provenance import DATASETS
from arshan_data.i18n import t

from ..conftest import REPO

PAGE = str(REPO / "pages" / "data.py")
LEVELS = ("surveyed", "approximate", "schematic")


def tables(at):
    return [table.value for table in at.table]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_page_defines_each_fidelity_level(app, lang):
    at = app(PAGE, lang=lang)
    assert not at.exception
    levels, accuracy = tables(at)
    assert list(levels.index) == [t(f"fidelity.{level}", lang) for level in LEVELS]
    for level in LEVELS:
        row = levels.loc[t(f"fidelity.{level}", lang)]
        assert row[t("data.fidelity.col.earns", lang)] == t(f"data.fidelity.earns.{level}", lang)
        assert row[t("data.fidelity.col.error", lang)] == t(f"data.fidelity.error.{level}", lang)
    assert list(accuracy.index) == [d.shown_name(lang) for d in DATASETS.values()]
    openflights = accuracy.loc[DATASETS["openflights"].shown_name(lang)]
    assert openflights[t("data.col.max_fidelity", lang)] == t("fidelity.approximate", lang)
    assert openflights[t("data.col.accuracy", lang)] == DATASETS["openflights"].shown_accuracy(lang)


def test_what_earns_surveyed_is_said_in_chinese_first(app):
    at = app(PAGE)
    levels, _ = tables(at)
    earns = levels.loc["实测数据", "何种数据可得此级"]
    assert "权威数据集" in earns and "社区数据库" in earns  # what earns it, and what never does
    assert "示意，不作为审批依据" in levels.loc["示意", "位置误差"]
