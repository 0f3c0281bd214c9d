"""A chart's figures in words, for a reader who cannot see the chart (issue 12 §3): read from
the finished ``go.Figure`` itself — the very labels and values it draws, which its builder took
from the catalog — so no figure is typed twice. No Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import plotly.graph_objects as go

from arshan_data.i18n import join, t

_TAG = re.compile(r"<[^>]+>")
#: More items than this and the summary names the first ones and says how many there are.
MAX_ITEMS = 12


def _plain(value, lang: str) -> str:
    """A label as drawn, without its markup (a ``<br>`` inside a Chinese word joins it again)."""
    line_break = "" if lang == "zh" else " "
    words = re.sub(r"<br\s*/?>", line_break, str(value), flags=re.I)
    return " ".join(_TAG.sub("", words).split())


def _number(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _bar_items(trace: go.Bar, lang: str) -> list[str]:
    horizontal = trace.orientation == "h"
    categories = list((trace.y if horizontal else trace.x) or ())
    amounts = list((trace.x if horizontal else trace.y) or ())
    custom = list(trace.customdata) if trace.customdata is not None else []
    texts = trace.text if isinstance(trace.text, (list, tuple)) else None
    items = []
    for i, category in enumerate(categories):
        row = custom[i] if i < len(custom) else None
        label = _plain(row[0], lang) if row is not None and len(row) else _plain(category, lang)
        if row is not None and len(row) > 1:
            value = _plain(row[1], lang)
        elif texts is not None and i < len(texts):
            value = _plain(texts[i], lang)
        else:
            value = _number(amounts[i]) if i < len(amounts) else ""
        items.append(f"{label} {value}".strip())
    return items


def _sunburst_items(trace: go.Sunburst, lang: str) -> list[str]:
    labels = [_plain(label, lang) for label in trace.labels or ()]
    ids = list(trace.ids) if trace.ids is not None else labels
    parents = list(trace.parents or ())
    by_id = dict(zip(ids, labels, strict=False))
    children: dict[str, list[str]] = {}
    for node, parent in zip(ids, parents, strict=False):
        children.setdefault(parent, []).append(node)
    items = []
    for root in children.get("", []):
        for branch in children.get(root, []):
            leaves = [by_id[leaf] for leaf in children.get(branch, [])]
            inside = t("chart.summary.inside", lang, items=join(leaves, lang)) if leaves else ""
            items.append(by_id[branch] + inside)
        if not children.get(root):
            items.append(by_id[root])
    return items


def chart_items(fig: go.Figure, lang: str) -> list[str]:
    """What the chart shows, one item per bar or per ring segment of the inner ring."""
    items: list[str] = []
    for trace in fig.data:
        if isinstance(trace, go.Bar):
            items += _bar_items(trace, lang)
        elif isinstance(trace, go.Sunburst):
            items += _sunburst_items(trace, lang)
    return items


def chart_summary(fig: go.Figure, lang: str, items: Sequence[str] | None = None) -> str:
    """One sentence: the chart's items (the first ``MAX_ITEMS`` and how many there are)."""
    items = list(chart_items(fig, lang) if items is None else items)
    if not items:
        return ""
    if len(items) > MAX_ITEMS:
        return t(
            "chart.summary.more",
            lang,
            items=join(items[:MAX_ITEMS], lang, en_separator="; "),
            count=len(items),
        )
    return t("chart.summary", lang, items=join(items, lang, en_separator="; "))
