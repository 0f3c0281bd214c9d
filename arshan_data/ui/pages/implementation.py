"""规划实施 — how the plan passes down (盟 → 市 → 乡镇), the three policy mechanisms, the 一张图 platform."""

from __future__ import annotations

from html import escape as esc

import streamlit as st

from arshan_data.i18n import join, t
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.ui.components import plan_blocks
from arshan_data.ui.components.figures import plan_source, svg_chart
from arshan_data.ui.state import catalog, current_lang

SECTIONS = ("transmission", "mechanisms", "one_map")


def render() -> None:
    lang = current_lang()
    cat = catalog()
    impl = cat["implementation"]
    st.header(t("implementation.heading", lang))
    st.write(t("implementation.intro", lang))
    blocks = {"transmission": _transmission, "mechanisms": _mechanisms, "one_map": _one_map}
    for section in plan_views.section_order(SECTIONS, st.query_params.get(plan_blocks.SECTION_PARAM)):
        blocks[section](impl, cat, lang)
    st.divider()
    plan_blocks.comment("other", None, lang)


# ----------------------------------------------------------------------------- transmission


def _transmission(impl: dict, cat: Catalog, lang: str) -> None:
    tr = impl["transmission"]
    st.subheader(text(tr["heading"], lang))
    st.html(f"<div class='pp-strategy-headline'>{esc(text(tr['headline'], lang))}</div>")
    st.caption(t("implementation.flow.howto", lang))
    levels, flows = plan_views.transmission(cat, lang)
    boxes = []
    for i, level in enumerate(levels):
        note = (
            f"<div class='pp-flow-note'>{esc(t('plan.own.plan_silent', lang))}{esc(level.remark)}</div>"
            if level.remark
            else ""
        )
        boxes.append(
            f"<div class='pp-flow-level'><div class='pp-flow-level-name'>{esc(level.label)}</div>"
            f"<ul>{''.join(f'<li>{esc(h)}</li>' for h in level.holds)}</ul>{note}</div>"
        )
        if i < len(flows):
            flow = flows[i]
            rows = "".join(f"<dt>{esc(what)}</dt><dd>{esc(how)}</dd>" for what, how in flow.rows)
            if flow.target.lower() in flow.label.lower():  # the label already names the step (English)
                title = f"<div class='pp-flow-step-name'>{esc(flow.label)}</div>"
            else:
                title = (
                    f"<div class='pp-flow-step-name'>{esc(flow.source)} → {esc(flow.target)}</div>"
                    f"<div class='pp-flow-step-kind'>{esc(flow.label)}</div>"
                )
            boxes.append(
                f"<div class='pp-flow-step'><div class='pp-flow-arrow' aria-hidden='true'></div>"
                f"{title}<dl>{rows}</dl></div>"
            )
    st.html(f"<div class='pp-flow'>{''.join(boxes)}</div>")

    principle = tr["principle"]
    city = next(lv for lv in tr["levels"] if lv["id"] == "city")
    carried = {r["id"]: text(r, lang) for r in city["receives"]}
    parts = "".join(
        f"<div class='pp-town-role'><b>{esc(text(part, lang))}</b><span>"
        f"{esc(join((carried[i] for i in part['carried_by_ids']), lang, en_separator='; '))}</span></div>"
        for part in principle["parts"]
    )
    st.html(f"<div class='pp-block-title'>{esc(t('implementation.principle', lang))}</div>{parts}")
    plan_blocks.own_words([principle, tr], lang)
    plan_source(tr["heading"]["page"], lang)


# ----------------------------------------------------------------------------- mechanisms


def _mechanisms(impl: dict, cat: Catalog, lang: str) -> None:
    mech = impl["mechanisms"]
    st.subheader(text(mech["heading"], lang))
    cols = st.columns(len(mech["items"]), gap="small")
    for col, item in zip(cols, mech["items"], strict=False):
        with col, st.container(border=True):
            st.html(
                f"<div class='pp-strategy-name'>{esc(text(item, lang))}</div>"
                + plan_blocks.bullet_list((text(b, lang) for b in item["bullets"]), "pp-goal-points")
            )
    plan_blocks.own_words(mech, lang)
    plan_source(mech["heading"]["page"], lang)


# ----------------------------------------------------------------------------- one map


def _one_map(impl: dict, cat: Catalog, lang: str) -> None:
    one_map = impl["one_map"]
    st.subheader(text(one_map["heading"], lang))
    st.html(f"<div class='pp-block-title'>{esc(t('implementation.one_map.steps', lang))}</div>")
    steps = sorted(one_map["steps"], key=lambda s: s["order"])
    cols = st.columns(len(steps), gap="small")
    for col, step in zip(cols, steps, strict=False):
        with col, st.container(border=True):
            st.html(
                f"<div class='pp-step-no'>{step['order']}</div>"
                f"<div class='pp-strategy-name'>{esc(text(step, lang))}</div>"
                f"<p class='pp-plan-text'>{esc(text(step['text'], lang))}</p>"
            )

    st.html(f"<div class='pp-block-title'>{esc(t('implementation.one_map.functions', lang))}</div>")
    modules = "".join(
        f"<div class='pp-pos-core pp-pos-c{i % 7}'><div class='pp-pos-core-title'>{esc(text(m, lang))}</div>"
        + plan_blocks.bullet_list(text(x, lang) for x in m["items"]).replace("pp-plain-list", "")
        + "</div>"
        for i, m in enumerate(one_map["functions"])
    )
    st.html(f"<div class='pp-pos-cores pp-modules'>{modules}</div>")
    with st.expander(t("implementation.one_map.chart", lang), icon=":material/donut_large:"):
        svg_chart(plan_blocks.chart("one_map_chart", lang), lang, key="one_map_chart")
    plan_blocks.own_words(one_map, lang)
    plan_source(one_map["heading"]["page"], lang)
