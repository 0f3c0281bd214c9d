"""Validate the plan catalog, and the map features against it (``python -m arshan_data check``).

The catalog (``data/plan/*.yaml``) against the plan text: ``catalog.check_catalog``. The map
features against the catalog and the plan text, page by page (``check_features``):

- **Statuses.** A transport feature's status is the plan's (its ``catalog_id``'s status in
  transport.yaml), or null where the plan does not state one, or is backed in ``source`` by
  ``Status: <value> — <evidence with a URL or plan page>``. A name saying （规划） / (planned)
  needs such a planned status.
- **Statements.** Claim words (designations, administrative roles, 新建, an expansion of 海张 …)
  in a name or description are on a plan page the feature cites, or their sentence says they
  come from a public source (公开资料 / "public source") and ``source`` holds a URL (the bureau's
  official data is its own source).
- **Cited pages.** Every page cited has text; every heading of a ``plan_ref`` is on the pages it
  cites (a chapter title must be the chapter of the section after it); words bound to a page
  (see ``geodata.citations.page_bound_words``) are on that page.
- **The grand loop** passes within ``OFF_LOOP_KM`` of each scenic area page 23 says it links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd

from arshan_data.config import Settings
from arshan_data.geodata import citations, geo
from arshan_data.geodata.check import read_layers
from arshan_data.geodata.layers import LAYERS, OFF_LOOP_KM, SCENIC_AREAS, STATUSES, TOURISM_LOOPS, Layer
from arshan_data.geodata.provenance import OFFICIAL, named_datasets
from arshan_data.geodata.schema import Problem
from arshan_data.plan import catalog
from arshan_data.plan.catalog import Catalog


def check_catalog_files(settings: Settings) -> list[Problem]:
    label = str(settings.catalog_dir)
    try:
        cat = catalog.load_catalog(settings.catalog_dir)
    except catalog.CatalogError as exc:
        return [Problem(label, None, str(exc))]
    text = catalog.plan_text_path().read_text(encoding="utf-8")
    return [Problem(label, None, message) for message in catalog.check_catalog(cat, text)]


# ----------------------------------------------------------------------------- the plan, page by page

#: A page break in the text copy: three or more blank lines, or a line starting with a space.
PAGE_BREAK = re.compile(r"\n{4,}|\n(?= )")


def plan_pages(plan_text: str, unnumbered: Iterable[int]) -> dict[int, str]:
    """{page: its text, normalised (``citations.normalise``)} for every page that has text.

    The text is cut at its page breaks. A piece with one page marker is that page; one with
    several is the contents (page 1); one without a marker is the next page if that page is
    unnumbered (meta.yaml), else it continues the page before."""
    unnumbered = set(unnumbered)
    pages: dict[int, str] = {}
    last = 0
    for piece in PAGE_BREAK.split(plan_text):
        if not piece.strip():
            continue
        markers = {int(m) for m in catalog.MARKER_RE.findall(piece)}
        if len(markers) == 1:
            page = markers.pop()
        elif markers or last == 0:
            page = 1
        elif last + 1 in unnumbered:
            page = last + 1
        else:
            page = last
        pages[page] = pages.get(page, "") + citations.normalise(piece)
        last = max(last, page)
    return {page: text for page, text in pages.items() if text}


@dataclass(frozen=True)
class PlanContext:
    """What the feature checks hold the features to."""

    pages: dict[int, str]
    #: Chapter title → its section titles (meta.yaml toc).
    chapters: dict[str, set[str]]
    #: Transport projects by id (transport.yaml), with their plan status.
    projects: dict[str, Mapping]
    #: The scenic areas page 23 says the grand loop links (transport.yaml), by id.
    loop_areas: dict[str, Mapping]

    @classmethod
    def of(cls, cat: Catalog, plan_text: str) -> PlanContext:
        meta = cat.get("meta", {})
        unnumbered = [e["page"] for e in (meta.get("pages", {}) or {}).get("unnumbered", []) or []]
        chapters = {
            c["zh"]: {s["zh"] for s in c.get("sections", [])} for c in meta.get("toc", {}).get("chapters", [])
        }
        transport = cat.get("transport", {})
        loop = transport.get("tourism_transport", {}).get("grand_loop", {})
        return cls(
            pages=plan_pages(plan_text, unnumbered),
            chapters=chapters,
            projects={p["id"]: p for p in transport.get("projects", [])},
            loop_areas={a["id"]: a for a in loop.get("scenic_areas", [])},
        )


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _on_cited_page(words: str, pages: Iterable[int], ctx: PlanContext) -> bool:
    return any(citations.on_page(words, ctx.pages.get(page, "")) for page in pages)


# ----------------------------------------------------------------------------- statuses

#: ``Status: planned — plan p.21 '…'`` / ``status: existing — an operating line (https://…)``:
#: a status and its evidence, up to the end of the clause.
STATUS_BACKING = re.compile(r"[Ss]tatus: (existing|upgrade|planned) — (?P<evidence>[^;]*?)(?:\.\s|;|$)")
#: Words in a name that state a status.
STATUS_IN_NAME = {"（规划）": "planned", "(planned)": "planned"}


def _backed_status(source: str) -> set[str]:
    """The statuses ``source`` backs with evidence (a URL or a plan page)."""
    return {
        m[1]
        for m in STATUS_BACKING.finditer(source)
        if citations.has_url(m["evidence"]) or citations.cited_pages(m["evidence"])
    }


def check_status(layer: Layer, row: Mapping, ctx: PlanContext) -> list[str]:
    if not layer.has_status:
        return []
    status = row.get("status") if isinstance(row.get("status"), str) else None
    catalog_id = row.get("catalog_id")
    project = ctx.projects.get(catalog_id, {}) if isinstance(catalog_id, str) else {}
    plan_status = project.get("status")
    out = []
    if plan_status in STATUSES:
        backed = status == plan_status
        if not backed:
            out.append(
                f"status {status!r}, but the plan says {plan_status!r} "
                f"(transport.yaml {catalog_id}, p.{project.get('page')})."
            )
    elif status is None:
        backed = True  # the plan's silence, shown as 规划未写明
    else:
        backed = status in _backed_status(_text(row.get("source")))
        if not backed:
            why = (
                f"the plan catalog records {catalog_id} as unstated"
                if plan_status == "unstated"
                else "the plan catalog gives it no status"
            )
            out.append(
                f"status {status!r} is not the plan's ({why}) and source does not back it with "
                f"'Status: {status} — <evidence with a URL or plan page>'; leave it null (not "
                "stated in the plan) where nothing states it."
            )
    for field in ("name_zh", "name_en"):
        for words, named in STATUS_IN_NAME.items():
            if words in _text(row.get(field)) and not (backed and status == named):
                out.append(f"{field} says {words!r}, but its status {status!r} is not a backed {named!r}.")
    return out


# ----------------------------------------------------------------------------- statements

#: Words that state a fact about a feature the map cannot show (a designation, an administrative
#: role, that it is new, an expansion of an abbreviation the plan leaves as it is).
CLAIMS_ZH = re.compile(
    r"[一二三]类口岸|二类|一类|全国重点文物保护单位|世界地质公园|盟府|行政公署|驻地|省会|首府|政府|新建"
    r"|海拉尔—张家口|海张[^。；]*?(?:海拉尔|张家口)|(?:海拉尔|张家口)[^。；]*?海张"
)
CLAIMS_EN = re.compile(
    r"\bClass[- ]II?\b|second-class|seat of|capital of|municipal seat|national key|UNESCO"
    r"|newly built|new-build|Hailar–Zhangjiakou|Hai–Zhang[^.;]*(?:Hailar|Zhangjiakou)",
    re.IGNORECASE,
)
PUBLIC_ZH = re.compile("公开资料")
PUBLIC_EN = re.compile(r"public source|per a cited", re.IGNORECASE)


def check_statements(row: Mapping, ctx: PlanContext) -> list[str]:
    if OFFICIAL in named_datasets(_text(row.get("source")))[0]:
        return []  # the bureau's own data is the source of what it says
    out = []
    ref_pages = citations.cited_pages(_text(row.get("plan_ref")))
    source_has_url = citations.has_url(_text(row.get("source")))
    for field in ("name_zh", "description_zh", "name_en", "description_en"):
        chinese = field.endswith("_zh")
        claims, public = (CLAIMS_ZH, PUBLIC_ZH) if chinese else (CLAIMS_EN, PUBLIC_EN)
        for sentence in citations.sentences(_text(row.get(field))):
            pages = ref_pages + citations.cited_pages(sentence)
            for claim in claims.finditer(sentence):
                if chinese and _on_cited_page(claim.group(0), pages, ctx):
                    continue
                if public.search(sentence) and source_has_url:
                    continue
                out.append(
                    f"{field}: {claim.group(0)!r} is not on a plan page the feature cites, and the "
                    f"sentence does not say it is from a public source "
                    f"({'公开资料' if chinese else 'public source'}, with a URL in source): "
                    f"{sentence[:60]!r}."
                )
    return out


# ----------------------------------------------------------------------------- cited pages

#: Text fields that may cite plan pages, besides ``plan_ref``.
CITING_FIELDS = ("source", "description_zh", "description_en")
PLAN_REF = re.compile(r"^(?P<headings>.+?)\s+(?P<pages>p\.\s?\d.*)$")


def _citing_fields(row: Mapping) -> list[str]:
    return [f for f in row if f in CITING_FIELDS or f.endswith("_source")]


def check_plan_ref(plan_ref: str, ctx: PlanContext) -> list[str]:
    out = []
    for ref in (r.strip() for r in plan_ref.split(";") if r.strip()):
        m = PLAN_REF.match(ref)
        if not m:
            out.append(f"plan_ref {ref!r} is not '<heading>·<heading> p.N'.")
            continue
        pages = citations.cited_pages(m["pages"])
        empty = [p for p in dict.fromkeys((pages[0], pages[-1])) if p not in ctx.pages]
        if empty:
            out.append(f"plan_ref {ref!r}: page {empty[0]} has no text in the plan.")
            continue
        headings = m["headings"].split("·")
        for k, heading in enumerate(headings):
            if heading in ctx.chapters:
                section = re.sub(r"^\d{2}\.", "", headings[k + 1]) if k + 1 < len(headings) else None
                if section is not None and section not in ctx.chapters[heading]:
                    out.append(f"plan_ref {ref!r}: {section!r} is not a section of chapter {heading!r}.")
                continue
            missing = [p for p in pages if p in ctx.pages and not citations.on_page(heading, ctx.pages[p])]
            if missing:
                out.append(f"plan_ref {ref!r}: {heading!r} is not on page {missing[0]}.")
    return out


def check_cited_pages(row: Mapping, ctx: PlanContext) -> list[str]:
    out = []
    if _text(row.get("plan_ref")):
        out += check_plan_ref(row["plan_ref"], ctx)
    for field in _citing_fields(row):
        value = _text(row.get(field))
        for words, pages in citations.page_citations(value):
            empty = [p for p in dict.fromkeys((pages[0], pages[-1])) if p not in ctx.pages]
            if empty:
                out.append(f"{field} cites {words!r}, but page {empty[0]} has no text in the plan.")
        for clause in citations.clauses(value):
            for words, pages, how in citations.page_bound_words(clause):
                if not _on_cited_page(words, pages, ctx):
                    where = f"p.{pages[0]}" + (f"–{pages[-1]}" if len(pages) > 1 else "")
                    out.append(f"{field}: {words!r} ({how}) is not on {where} of the plan.")
    return out


# ----------------------------------------------------------------------------- the grand loop

GRAND_LOOP_KIND = "grand_loop"


def _is_true(value) -> bool:
    """True for a true bool, numpy's included (a parquet column of booleans)."""
    return value is True or (hasattr(value, "item") and value.item() is True)


def _loop_feature(area_id: str, scenic: gpd.GeoDataFrame):
    """The scenic-area feature that stands for a p.23 loop stop: its ``catalog_id`` is the
    stop's id or the p.19 scenic area's (``<id>_scenic``), as ``tourism.scenic`` reads them."""
    hits = scenic[scenic["catalog_id"].isin([area_id, f"{area_id}_scenic"])]
    return hits.iloc[0] if len(hits) else None


def check_grand_loop(
    frames: Mapping[str, gpd.GeoDataFrame], ctx: PlanContext
) -> list[tuple[str, str | None, str]]:
    """(layer id, feature id, problem): the loop must pass within ``OFF_LOOP_KM`` of each scenic
    area page 23 names, and exactly those areas are ``on_loop``."""
    loops, scenic = frames.get(TOURISM_LOOPS), frames.get(SCENIC_AREAS)
    if loops is None or scenic is None or not ctx.loop_areas:
        return []
    grand = loops[loops["kind"] == GRAND_LOOP_KIND]
    if len(grand) != 1:
        return [
            (
                TOURISM_LOOPS,
                None,
                f"has {len(grand)} features of kind {GRAND_LOOP_KIND!r}; the plan has one grand loop.",
            )
        ]
    loop_id, line = grand.iloc[0]["id"], geo.to_local(grand.geometry.iloc[0])
    out = []
    linked = set()
    for area_id, area in ctx.loop_areas.items():
        row = _loop_feature(area_id, scenic)
        if row is None:
            out.append(
                (
                    TOURISM_LOOPS,
                    loop_id,
                    f"no scenic-area feature stands for {area['zh']} ({area_id}), which p.23 says the "
                    "loop links.",
                )
            )
            continue
        linked.add(row["id"])
        km = line.distance(geo.to_local(row.geometry)) / 1000.0
        if km > OFF_LOOP_KM:
            out.append(
                (
                    TOURISM_LOOPS,
                    loop_id,
                    f"passes {km:.1f} km from {row['id']} ({area['zh']}), which p.23 says the loop links; "
                    f"at most {OFF_LOOP_KM:g} km.",
                )
            )
        if not _is_true(row.get("on_loop")):
            out.append(
                (SCENIC_AREAS, row["id"], "p.23 says the grand loop links it, but on_loop is not true.")
            )
    for fid in scenic.loc[scenic["on_loop"].map(_is_true), "id"]:
        if fid not in linked:
            out.append(
                (
                    SCENIC_AREAS,
                    fid,
                    "on_loop is true, but it is not one of the scenic areas p.23 says the loop links.",
                )
            )
    return out


# ----------------------------------------------------------------------------- all features


def check_frames(
    frames: Mapping[str, gpd.GeoDataFrame], ctx: PlanContext, labels: Mapping[str, str]
) -> list[Problem]:
    """Every problem of the features against the plan; ``labels`` names each layer's file."""
    problems = []
    for layer in LAYERS:
        gdf = frames.get(layer.id)
        if gdf is None:
            continue
        for row in gdf.drop(columns="geometry").to_dict("records"):
            messages = (
                check_status(layer, row, ctx) + check_statements(row, ctx) + check_cited_pages(row, ctx)
            )
            problems += [Problem(labels[layer.id], str(row.get("id")), m) for m in messages]
    problems += [Problem(labels[lid], fid, m) for lid, fid, m in check_grand_loop(frames, ctx)]
    return problems


def check_features(settings: Settings) -> list[Problem]:
    """The built layers against the plan catalog and text (unreadable layers are reported by
    ``geodata.check.check_layers``; a catalog that cannot be read by ``check_catalog_files``)."""
    try:
        cat = catalog.load_catalog(settings.catalog_dir)
    except catalog.CatalogError:
        return []
    frames, _ = read_layers(settings)
    labels = {layer.id: str(settings.layers_dir / layer.filename) for layer in LAYERS}
    ctx = PlanContext.of(cat, catalog.plan_text_path().read_text(encoding="utf-8"))
    return check_frames(frames, ctx, labels)
