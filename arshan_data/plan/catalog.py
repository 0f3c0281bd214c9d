"""Machine-readable catalog of the Arxan territorial spatial master plan (2021–2035 draft).

The catalog lives in ``data/plan/*.yaml`` (one file per chapter, see ``data/plan/README.md``);
the plan text it is checked against is shipped at ``data/plan/source/``.  Pure Python + PyYAML:
no Streamlit here, so pages, scripts and tests can all use it.

    >>> from arshan_data.catalog import load_catalog, figure, text, plan_page_ref
    >>> fig = figure("eco_redline")
    >>> fig["value"], text(fig, "en"), plan_page_ref(fig, "en")
    (6374.15, 'Ecological protection redline', 'Plan p. 14')

``load_catalog`` caches per directory and hands out the cached dict: treat it as read-only
(``copy.deepcopy`` it before changing anything).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from arshan_data.config import DATA_DIR

CATALOG_DIR = DATA_DIR / "plan"
PLAN_TEXT_NAME = "arxan-master-plan-2021-2035.txt"

LAST_PAGE = 45  # the unnumbered last page (comment channels) is our page 45
UNITS = frozenset({"km2", "ha", "wan_mu", "percent", "count", "persons", "year", "days"})
# 1 km² = 1,500 mu = 0.15 万亩; 1 ha = 15 mu = 0.0015 万亩 (exact).
WAN_MU_PER_UNIT = {"km2": Decimal("0.15"), "ha": Decimal("0.0015")}
REQUIRED_FIGURES = (
    "land_area",
    "central_city_area",
    "eco_redline",
    "basic_farmland",
    "urban_boundary",
    "cropland_target",
    "forest_target",
    "heritage_national",
    "heritage_region",
    "heritage_municipal",
    "target_year",
    "near_term_year",
    "vision_year",
    "comment_period_days",
)
# Mappings under these keys hold our own words (readings, gaps, outside context), not plan text.
OWN_WORDS_KEYS = frozenset({"interpretation", "plan_silent", "context", "note"})
PAGE_KEYS = ("page", "last_page")
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
# A page marker: a line holding only a two-digit number, or one fused with a map title
# ("14三线划定规划图").  "15分钟生活圈…", "17:00）" and the map scale "2.5" are not markers.
MARKER_RE = re.compile(r"^\s*(\d{2})(?:\S*规划图)?\s*$", re.MULTILINE)
_WS_RE = re.compile(r"\s+")


#: The plan catalog as loaded: one mapping per catalog file (``figures``, ``towns`` …), read-only.
Catalog = Mapping[str, Any]
#: One entry of it (a figure, a town, a list item) with its ``zh``/``en`` text and ``page``.
Entry = Mapping[str, Any]


class CatalogError(Exception):
    """A catalog file is missing, unreadable, not valid YAML or not a mapping."""


# ----------------------------------------------------------------------------- paths & loading


def plan_text_path() -> Path:
    """The plan text shipped in the repo: a byte-identical copy of the published draft, whose
    SHA-256 is shipped beside it (``plan_text_checksum``)."""
    return CATALOG_DIR / "source" / PLAN_TEXT_NAME


def plan_text_checksum() -> str:
    """The SHA-256 the published plan text has (``<file>.sha256``, as ``sha256sum`` writes it)."""
    path = plan_text_path().with_name(PLAN_TEXT_NAME + ".sha256")
    return path.read_text(encoding="utf-8").split()[0]


def read_plan_text(path: str | Path | None = None) -> str:
    return Path(path or plan_text_path()).read_text(encoding="utf-8")


def load_catalog(path: str | Path | None = None) -> Catalog:
    """All ``*.yaml`` files of the catalog directory, merged into one dict keyed by file stem."""
    return _load_dir(Path(path or CATALOG_DIR).resolve())


@functools.lru_cache(maxsize=8)
def _load_dir(directory: Path) -> dict:
    if not directory.is_dir():
        raise CatalogError(f"{directory}: catalog directory not found")
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogError(f"{directory}: no *.yaml files")
    catalog: dict = {}
    for f in files:
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogError(f"{f.name}: cannot read file: {exc}") from exc
        except yaml.YAMLError as exc:
            raise CatalogError(f"{f.name}: invalid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise CatalogError(f"{f.name}: top level must be a mapping, got {type(data).__name__}")
        catalog[f.stem] = data
    return catalog


# ----------------------------------------------------------------------------- accessors


def figure(figure_id: str, catalog: Catalog | None = None) -> Entry:
    catalog = load_catalog() if catalog is None else catalog
    for fig in catalog.get("figures", {}).get("figures", []):
        if fig.get("id") == figure_id:
            return fig
    raise KeyError(f"unknown figure id {figure_id!r}")


def text(item: Any, lang: str) -> str:
    """``item[lang]``, falling back to the Chinese; plain strings are returned as they are."""
    if item is None:
        return ""
    if isinstance(item, str):
        return item
    return item.get(lang) or item.get("zh") or ""


def plan_page_ref(item: Any, lang: str) -> str:
    """ "规划文本第14页" / "Plan p. 14" for an item (or a page number); "" if it has no page."""
    page = item if isinstance(item, int) else (item or {}).get("page")
    if page is None:
        return ""
    return f"规划文本第{page}页" if lang == "zh" else f"Plan p. {page}"


#: Heading names (zh → en) per catalog object: (the catalog, its names).
_HEADINGS: dict[int, tuple[Catalog, dict[str, str]]] = {}


def heading_names(catalog: Catalog) -> dict[str, str]:
    """Every short zh/en pair of the catalog (chapter, section and subsection headings): how
    ``geodata.citations.plan_ref_text`` names a heading of a feature's ``plan_ref`` in English."""
    cached = _HEADINGS.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    names: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            zh, en = node.get("zh"), node.get("en")
            if isinstance(zh, str) and isinstance(en, str) and len(zh) <= 16:
                names.setdefault(zh, en)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(catalog)
    _HEADINGS[id(catalog)] = (catalog, names)
    return names


def page_markers(plan_text: str) -> set[int]:
    return {int(m) for m in MARKER_RE.findall(plan_text)}


def valid_pages(catalog: Catalog, plan_text: str) -> set[int]:
    """Pages found as markers, page 45, and the unnumbered pages declared in meta.yaml."""
    pages = page_markers(plan_text) | {LAST_PAGE}
    for entry in (catalog.get("meta", {}).get("pages", {}) or {}).get("unnumbered", []) or []:
        if _is_int(entry.get("page")) and 1 <= entry["page"] <= LAST_PAGE:
            pages.add(entry["page"])
    return pages


# ----------------------------------------------------------------------------- checks


def check_catalog(catalog: Catalog, plan_text: str) -> list[str]:
    """Problems found in the catalog (empty list when fine); each names file, place and id."""
    problems: list[str] = []
    pages = valid_pages(catalog, plan_text)
    flat_text = _WS_RE.sub("", plan_text)
    all_ids = {n["id"] for _, n in _walk(catalog) if isinstance(n, dict) and isinstance(n.get("id"), str)}
    for where, node in _walk(catalog):
        if isinstance(node, dict):
            problems += _check_mapping(where, node, pages, flat_text, all_ids)
        elif isinstance(node, list):
            problems += _check_list(where, node)
    problems += _check_figures(catalog, plan_text)
    return problems


def _walk(node: Any, where: str = "", own_words: bool = False) -> Iterator[tuple[str, Any]]:
    """Yield (location, node) for every mapping and list; location marks own-words subtrees."""
    yield (where + ("#own" if own_words else ""), node)
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                sub = (
                    f"{where}.{key}"
                    if where and not where.endswith(":")
                    else (f"{where} {key}" if where else f"{key}.yaml:")
                )
                yield from _walk(value, sub, own_words or key in OWN_WORDS_KEYS)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                label = f"[{i}]" + (
                    f"(id={value['id']})" if isinstance(value, dict) and "id" in value else ""
                )
                yield from _walk(value, where + label, own_words)


def _check_mapping(where: str, node: dict, pages: set[int], flat_text: str, all_ids: set) -> list[str]:
    out = []
    own_words = where.endswith("#own")
    where = where.removesuffix("#own")
    if ("zh" in node) != ("en" in node):
        out.append(f"{where}: has {'zh' if 'zh' in node else 'en'} but no {'en' if 'zh' in node else 'zh'}")
    for lang in ("zh", "en"):
        if lang in node and not (isinstance(node[lang], str) and node[lang].strip()):
            out.append(f"{where}: {lang} must be a non-empty string")
    for key in PAGE_KEYS:
        if key in node:
            out += _check_page(where, key, node[key], pages)
    if "also_pages" in node:
        values = node["also_pages"] if isinstance(node["also_pages"], list) else [node["also_pages"]]
        for value in values:
            out += _check_page(where, "also_pages", value, pages)
    if "id" in node and "zh" in node and "page" not in node:
        out.append(f"{where}: item id={node['id']} has no page")
    if (
        not own_words
        and isinstance(node.get("zh"), str)
        and node.get("zh_verbatim", True)
        and _WS_RE.sub("", node["zh"]) not in flat_text
    ):
        out.append(
            f"{where}: zh {node['zh'][:30]!r} not found in the plan text (set zh_verbatim: false if composed)"
        )
    if "context" in node and "context_source" not in node:
        out.append(f"{where}: context without context_source")
    for key, value in node.items():
        refs = [value] if key.endswith("_id") else value if key.endswith("_ids") else None
        if refs is not None:
            for ref in refs if isinstance(refs, list) else [refs]:
                if ref not in all_ids:
                    out.append(f"{where}: {key} refers to unknown id {ref!r}")
    return out


def _check_page(where: str, key: str, value: Any, pages: set[int]) -> list[str]:
    if not _is_int(value) or not 1 <= value <= LAST_PAGE:
        return [f"{where}: {key} {value!r} is not an integer page in 1..{LAST_PAGE}"]
    if value not in pages:
        return [
            f"{where}: {key} {value} is not a page marker of the plan text "
            "(nor an unnumbered page declared in meta.yaml)"
        ]
    return []


def _check_list(where: str, items: list) -> list[str]:
    out, seen = [], set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        item_id = item.get("id")
        if item_id is None:
            out.append(f"{where}[{i}]: list item has no id")
        elif not isinstance(item_id, str) or not ID_RE.match(item_id):
            out.append(f"{where}[{i}]: id {item_id!r} is not ASCII snake_case")
        elif item_id in seen:
            out.append(f"{where}: duplicate id {item_id!r}")
        else:
            seen.add(item_id)
    return out


def _check_figures(catalog: Catalog, plan_text: str) -> list[str]:
    figs = catalog.get("figures", {}).get("figures")
    if not isinstance(figs, list):
        return ["figures.yaml: missing list 'figures'"]
    out = []
    ids = {f.get("id") for f in figs if isinstance(f, dict)}
    out += [f"figures.yaml: required figure {req!r} missing" for req in REQUIRED_FIGURES if req not in ids]
    land = next((f for f in figs if isinstance(f, dict) and f.get("id") == "land_area"), None)
    for fig in figs:
        if not isinstance(fig, dict):
            continue
        name = f"figures.yaml: figure {fig.get('id')!r}"
        if fig.get("unit") not in UNITS:
            out.append(f"{name}: unit {fig.get('unit')!r} not one of {sorted(UNITS)}")
        if not isinstance(fig.get("binding"), bool):
            out.append(f"{name}: binding must be true or false")
        for key in ("value", "share_pct", "wan_mu"):
            if key not in fig:
                if key == "value":
                    out.append(f"{name}: no value")
                continue
            printed = _printed(fig[key])
            if printed is None:
                out.append(f"{name}: {key} {fig[key]!r} is not a number")
            elif not re.search(rf"(?<![\d.]){re.escape(printed)}(?!\d|\.\d)", plan_text):
                out.append(f"{name}: {key} {printed} does not occur in the plan text")
        value = _interval(fig.get("value"))
        if "share_pct" in fig and value and land:
            area, share = _interval(land.get("value")), _interval(fig["share_pct"])
            if area and share and area[0] > 0:
                lo, hi = value[0] / area[1] * 100, value[1] / area[0] * 100
                if not _overlap((lo, hi), share):
                    out.append(
                        f"{name}: share_pct {_printed(fig['share_pct'])} ≠ value/land_area×100 "
                        f"({lo:.4f}..{hi:.4f})"
                    )
        if "wan_mu" in fig and value:
            # Interval arithmetic: 210.57 km² × 0.15 = 31.5855 but the plan prints 31.58 — fine,
            # because 210.57 stands for 210.565..210.575 → 31.58475..31.58625, which overlaps
            # 31.58 = 31.575..31.585.
            factor, wan_mu = WAN_MU_PER_UNIT.get(str(fig.get("unit"))), _interval(fig["wan_mu"])
            if factor is None:
                out.append(f"{name}: wan_mu given for unit {fig.get('unit')!r}")
            elif wan_mu and not _overlap((value[0] * factor, value[1] * factor), wan_mu):
                out.append(
                    f"{name}: wan_mu {_printed(fig['wan_mu'])} ≠ value×{factor} "
                    f"({value[0] * factor}..{value[1] * factor})"
                )
    return out


# ----------------------------------------------------------------------------- number helpers


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _printed(value: Any) -> str | None:
    """The printed form of a number: YAML floats/ints via repr; strings kept (for trailing zeros)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    s = value.strip() if isinstance(value, str) else repr(value)
    return s if re.fullmatch(r"\d+(?:\.\d+)?", s) else None


def _interval(value: Any) -> tuple[Decimal, Decimal] | None:
    """The interval a printed (rounded) number stands for: ± half a unit of its last digit."""
    printed = _printed(value)
    if printed is None:
        return None
    d = Decimal(printed)
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int), printed  # a printed number, never NaN or infinity
    half = Decimal(1).scaleb(exponent) / 2
    return d - half, d + half


def _overlap(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
