"""What the plan pages show, derived from the plan catalog. Pure functions: no Streamlit.

Everything here only reshapes catalog entries (with their plan pages) for display; the one
number we compute ourselves — the part of the city outside the three control lines — is
marked ``computed`` so that pages and charts can say so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TypeVar

from arshan_data.i18n import join, t
from arshan_data.plan import catalog as plan
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_figure

#: The plan's key figures, as the overview shows them (interactive cards, plain edition, slides).
KEY_FIGURES = (
    "land_area",
    "central_city_area",
    "eco_redline",
    "basic_farmland",
    "urban_boundary",
    "cropland_target",
    "forest_target",
)


def as_number(value) -> float:
    """A catalog number (printed figures with trailing zeros are quoted strings) as a float."""
    return float(value)


# ----------------------------------------------------------------------------- positioning


@dataclasses.dataclass(frozen=True)
class Node:
    id: str
    label: str
    page: int | None
    children: tuple[Node, ...] = ()


def positioning_tree(catalog: Catalog, lang: str) -> Node:
    """The overall position on top, the four core positions under it, each with its group."""
    pos = catalog["overview"]["positioning"]
    groups = {g["under_id"]: g for g in pos.get("supporting_groups", [])}
    cores = []
    for core in pos["core"]:
        members = groups.get(core["id"], {}).get("items", [])
        cores.append(
            Node(
                core["id"],
                text(core, lang),
                core.get("page"),
                tuple(Node(m["id"], text(m, lang), m.get("page")) for m in members),
            )
        )
    top = pos["top"]
    return Node(top["id"], text(top, lang), top.get("page"), tuple(cores))


# ----------------------------------------------------------------------------- spatial pattern


@dataclasses.dataclass(frozen=True)
class PatternElement:
    id: str
    #: The plan's short name (一屏, 两带 …).
    label: str
    #: One sentence: the plan's names of the element's members.
    sentence: str
    page: int | None
    #: Our reading or the plan's silence about this element, if the catalog records one.
    remark: str = ""


def pattern_elements(catalog: Catalog, lang: str) -> list[PatternElement]:
    """一屏两带、一核一轴、一环二区多点 in the plan's order, each explained by its members."""
    out = []
    for element in catalog["pattern"]["overall_pattern"]["elements"]:
        members = [text(m, lang) for m in element.get("members", [])]
        remark = text(element.get("plan_silent") or element.get("interpretation"), lang)
        out.append(
            PatternElement(
                element["id"],
                text(element, lang),
                join(members, lang, en_separator="; "),
                element.get("page"),
                remark,
            )
        )
    return out


@dataclasses.dataclass(frozen=True)
class AreaShare:
    id: str
    label: str
    area_km2: float
    share_pct: float
    wan_mu: float | None
    page: int | None
    rule: str
    #: True for what we computed (the rest of the city), False for figures the plan prints.
    computed: bool = False


def three_lines(catalog: Catalog, lang: str) -> list[AreaShare]:
    """The three control lines as the plan prints them, and the rest of the city (computed).

    The rest is the land area minus the three areas, on the assumption that the lines do not
    overlap (the plan's rule: the redline and basic farmland are delineated without conflict);
    its share is computed from the areas, not from the rounded printed shares.
    """
    rows = []
    for item in catalog["pattern"]["three_lines"]["items"]:
        for figure_id in item.get("figure_ids", []):
            fig = plan.figure(figure_id, catalog)
            rows.append(
                AreaShare(
                    figure_id,
                    text(fig, lang),
                    as_number(fig["value"]),
                    as_number(fig["share_pct"]),
                    as_number(fig["wan_mu"]) if fig.get("wan_mu") is not None else None,
                    fig.get("page"),
                    text(item.get("rule") or fig.get("rule"), lang),
                )
            )
    land = as_number(plan.figure("land_area", catalog)["value"])
    rest = round(land - sum(r.area_km2 for r in rows), 2)
    rows.append(
        AreaShare(
            "rest_of_city",
            t("pattern.three_lines.rest", lang),
            rest,
            round(rest / land * 100, 2),
            None,
            None,
            "",
            computed=True,
        )
    )
    return rows


# ----------------------------------------------------------------------------- ecology


@dataclasses.dataclass(frozen=True)
class ProtectedArea:
    id: str
    name: str
    kind: str
    level: str
    page: int | None
    #: The map feature showing it (None when the map has none) and that feature's fidelity code.
    feature_id: str | None
    fidelity: str | None


def protected_areas(catalog: Catalog, features: Iterable[Mapping], lang: str) -> list[ProtectedArea]:
    """The plan's eight protected areas, each joined to its map feature (by ``catalog_id``,
    else by the Chinese name)."""
    features = list(features)
    by_catalog = {f.get("catalog_id"): f for f in features if f.get("catalog_id")}
    by_name = {f.get("name_zh"): f for f in features}
    rows = []
    for area in catalog["ecology"]["ecological_space"]["protected_areas"]:
        feature = by_catalog.get(area["id"]) or by_name.get(area["zh"])
        rows.append(
            ProtectedArea(
                area["id"],
                text(area, lang),
                text(area.get("kind"), lang),
                text(area.get("level"), lang),
                area.get("page"),
                feature["id"] if feature else None,
                feature["fidelity"] if feature else None,
            )
        )
    return rows


def town_feature_ids(towns: Iterable[Mapping], features: Iterable[Mapping]) -> dict[str, str]:
    """Catalog town id → map feature id (by ``catalog_id``, else by the Chinese name)."""
    features = list(features)
    out = {}
    for town in towns:
        match = next((f for f in features if f.get("catalog_id") == town["id"]), None) or next(
            (f for f in features if f.get("name_zh") == town["zh"]), None
        )
        if match is not None:
            out[town["id"]] = match["id"]
    return out


# ----------------------------------------------------------------------------- implementation


@dataclasses.dataclass(frozen=True)
class Level:
    id: str
    label: str
    holds: tuple[str, ...]
    page: int | None
    remark: str = ""


@dataclasses.dataclass(frozen=True)
class Flow:
    id: str
    source: str
    target: str
    label: str
    #: (what passes down, how) — e.g. ("县级指标", "总量控制、约束传导、反馈监督").
    rows: tuple[tuple[str, str], ...]
    page: int | None


#: What each flow field carries, as the ids of the receiving level's items.
FLOW_FIELDS = (
    ("zones_land_use", ("zones", "land_use_classes")),
    ("indicators", ("indicators",)),
    ("control_lines", ("control_lines",)),
)


def transmission(catalog: Catalog, lang: str) -> tuple[list[Level], list[Flow]]:
    """League → City → Townships: each level's items and what each step passes down, and how."""
    tr = catalog["implementation"]["transmission"]
    levels = {lv["id"]: lv for lv in tr["levels"]}
    out_levels = [
        Level(
            lv["id"],
            text(lv, lang),
            tuple(text(r, lang) for r in lv["receives"]),
            lv.get("page"),
            text(lv.get("plan_silent"), lang),
        )
        for lv in tr["levels"]
    ]
    flows = []
    for flow in tr["flows"]:
        target = levels[flow["to_id"]]
        received = {r["id"]: text(r, lang) for r in target["receives"]}
        rows = []
        for field, ids in FLOW_FIELDS:
            if field in flow:
                what = join([received[i] for i in ids if i in received], lang, en_separator="; ")
                rows.append((what, text(flow[field], lang)))
        label = text(flow, lang)
        flows.append(
            Flow(
                flow["id"],
                text(levels[flow["from_id"]], lang),
                text(target, lang),
                label,
                tuple(rows),
                flow.get("page"),
            )
        )
    return out_levels, flows


# ----------------------------------------------------------------------------- indicators


def indicator_figures(catalog: Catalog) -> tuple[list[dict], list[dict]]:
    """(binding figures, other figures), each in the catalog's order."""
    figures = catalog["figures"]["figures"]
    return [f for f in figures if f.get("binding")], [f for f in figures if not f.get("binding")]


_Figure = TypeVar("_Figure", bound=Mapping)


def search_figures(figures: Iterable[_Figure], query: str, lang: str) -> list[_Figure]:
    """The figures that match every word of ``query`` (case-insensitive; Chinese by substring)
    in their label in either language, their value as shown, their rule or their plan page
    ("p.14", "14")."""
    words = [w.casefold().removeprefix("p.") for w in query.split() if w.strip()]
    if not words:
        return list(figures)
    found = []
    for fig in figures:
        rule = fig.get("rule") or {}
        haystack = " ".join(
            str(part)
            for part in (
                fig.get("zh"),
                fig.get("en"),
                format_figure(fig, lang).value,
                str(fig.get("value", "")),
                rule.get("zh"),
                rule.get("en"),
                fig.get("page"),
                *(fig.get("also_pages") or ()),
            )
            if part
        ).casefold()
        if all(w in haystack for w in words):
            found.append(fig)
    return found


def section_order(sections: Iterable[str], first: str | None) -> list[str]:
    """Sections in their order, with ``first`` (e.g. from a link's ``section=``) moved to the top."""
    sections = list(sections)
    if first in sections:
        sections.remove(first)
        sections.insert(0, first)
    return sections
