"""Plan figures as a reader sees them: the value as the plan prints it, its unit, its notes.

Pure functions (no Streamlit), shared by the pages, the slides and the exports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from arshan_data.i18n import t


@dataclasses.dataclass(frozen=True)
class ShownFigure:
    label: str
    value: str
    help: str
    note: str


def format_number(value: int | float | str, lang: str) -> str:
    """As the plan prints it in Chinese (7397.67); with thousands separators in English."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 1000):
        text = f"{int(value):,}" if lang == "en" else str(int(value))
        return text
    if lang == "en":  # a figure printed with trailing zeros is a quoted string ("12.90")
        decimals = len(str(value).split(".")[1]) if "." in str(value) else 0
        return f"{float(value):,.{decimals}f}"
    return str(value)


def wan_mu_number(value: int | float | str, lang: str) -> str:
    """An area in 万亩 (10,000 mu) as the plan prints it in Chinese ("12.91"); in English in
    plain mu with separators ("129,100"), because "12.91 10k mu" reads as nothing."""
    if lang != "en":
        return format_number(value, lang)
    mu = Decimal(str(value)) * 10_000
    return f"{mu:,.0f}" if mu == mu.to_integral_value() else f"{mu.normalize():,f}"


def format_figure(figure: Mapping[str, Any], lang: str) -> ShownFigure:
    unit = t(f"unit.{figure['unit']}", lang)
    # A year is never written with a thousands separator ("2035", not "2,035").
    if figure["unit"] == "year":
        value = str(figure["value"])
    elif figure["unit"] == "wan_mu":
        value = wan_mu_number(figure["value"], lang)
    else:
        value = format_number(figure["value"], lang)
    shown_value = f"{value} {unit}".strip() if unit != "%" else f"{value}%"
    notes = []
    if figure.get("share_pct") is not None:
        notes.append(t("figure.share_of_city", lang, share=figure["share_pct"]))
    if figure.get("wan_mu") is not None:
        notes.append(t("figure.wan_mu", lang, wan_mu=wan_mu_number(figure["wan_mu"], lang)))
    rule = figure.get("rule") or {}
    return ShownFigure(
        label=figure.get(lang) or figure["zh"],
        value=shown_value,
        help=rule.get(lang) or rule.get("zh") or "",
        note=" · ".join(notes),
    )
