"""The council presentation: an ordered deck of slides, defined once as data. No Streamlit.

Each slide names what it shows — a map (registry layers and a camera view), a chart (a builder
in ``charts``) or up to three plan figures — and where its words come from: a headline that is a
UI-string key or a catalog reference, the catalog figures by id, the speaker-notes key, the plan
pages. Nothing here holds a plan figure or a plan sentence: ``content()`` reads them from the
catalog, so the presentation page, the PDF and the PNGs show exactly what the plan pages show.

    >>> from arshan_data.catalog import load_catalog
    >>> c = content(SLIDES[6], load_catalog(), "en")
    >>> c.headline, [f.value for f in c.figures][:1]
    ('Delineation of the three control lines', ['6,374.15 km²'])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from arshan_data.geodata.layers import (
    AIRPORTS,
    BACKDROP,
    BORDER,
    CENTRAL_CITY,
    CITY_BOUNDARY,
    HERITAGE,
    NEIGHBOURS,
    PATTERN,
    PATTERN_ELEMENT_COLORS,
    RAILWAYS,
    REGIONAL_CONTEXT,
    RGBA,
    ROADS,
    SCENIC_AREAS,
    SEATS,
    STATIONS,
    TOURISM_LOOPS,
    UNLISTED_PART_COLOR,
)
from arshan_data.geodata.views import View
from arshan_data.i18n import t
from arshan_data.plan import catalog as plan
from arshan_data.plan import summaries as plan_views
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_figure

#: Camera views, framed so that nothing the slide is about falls outside a 1280 × 720 screen
#: (a 1920 × 1080 projector then shows more of the surroundings).
REGION_VIEW = View(118.7, 47.8, 4.95)  # Arxan with Ulanhot, Hailar, Manzhouli and Choibalsan
CITY_SLIDE_VIEW = View(120.43, 47.16, 7.45)  # the whole city (a little closer than the pages' map)
TOWNS_VIEW = View(120.17, 46.99, 7.9)  # the subdistrict and town seats
TOURISM_VIEW = View(120.13, 47.13, 7.9)  # the loops
TRANSPORT_VIEW = View(120.22, 47.12, 7.7)  # roads, railways, stations, airports
HERITAGE_VIEW = View(120.12, 46.97, 7.8)  # the heritage sites
CENTRAL_CITY_VIEW = View(119.8, 47.23, 10.0)  # Yirshi–Wenquan street and the port
#: deck.gl ``transitionDuration`` on each slide's view. Measured in Chromium with Streamlit 1.67:
#: its deck component applies a new view at once (the camera jumps, no glide) — it keeps the view
#: state itself and its JSON converter offers no interpolator — so this only takes effect if a
#: later Streamlit honours it; it costs nothing meanwhile.
TRANSITION_MS = 1500
KINDS = ("map", "chart", "figures")
MAX_FIGURES = 3
MAX_POINTS = 6
#: Key points shown per card on a figures slide (the rest are in the notes and on the page).
MAX_CARD_POINTS = 3


@dataclasses.dataclass(frozen=True)
class Ref:
    """A path into the plan catalog: ``"overview.positioning.top"`` → that ``{zh, en}`` item."""

    path: str


@dataclasses.dataclass(frozen=True)
class MapSpec:
    layers: tuple[str, ...]
    view: View = CITY_SLIDE_VIEW
    labelled: tuple[str, ...] = ()
    #: Draw one layer part by part: (layer id, column, the values shown, in order).
    split: tuple[str, str, tuple[str, ...]] | None = None


@dataclasses.dataclass(frozen=True)
class Slide:
    id: str
    #: UI-string key of the slide's short name (the slide index, the file names).
    title: str
    #: UI-string key, or a catalog reference.
    headline: str | Ref
    kind: str
    #: UI-string key of the speaker notes (may use ``{figure_id}`` fields: see ``notes_fields``).
    notes: str
    #: Plan pages the slide comes from.
    pages: tuple[int, ...]
    map: MapSpec | None = None
    #: Name of a builder in ``arshan_data.charts`` (called with ``big=True``).
    chart: str | None = None
    figures: tuple[str, ...] = ()
    #: Catalog items or lists shown as short points under the headline.
    points: tuple[Ref, ...] = ()
    #: Figures slides: one catalog item per figure (its title and first key points).
    cards: Ref | None = None
    #: Pattern build-up: the elements this slide adds (the map shows these and the earlier ones).
    step: tuple[str, ...] = ()


PATTERN_LAYERS = (*BACKDROP, PATTERN, SEATS)
#: 一屏 → 两带 → 一核一轴 → 一环二区多点: what each of the four pattern slides adds.
PATTERN_STEPS = (
    ("one_barrier",),
    ("two_belts",),
    ("one_core", "one_axis"),
    ("one_loop", "two_zones", "multiple_points"),
)


def _pattern_slides() -> tuple[Slide, ...]:
    slides: list[Slide] = []
    shown: tuple[str, ...] = ()
    for n, step in enumerate(PATTERN_STEPS, start=1):
        shown = (*shown, *step)
        slides.append(
            Slide(
                f"pattern_{n}",
                "present.slide.pattern",
                Ref("pattern.overall_pattern.slogan"),
                "map",
                f"present.notes.pattern_{n}",
                (12, 13),
                map=MapSpec(PATTERN_LAYERS, CITY_SLIDE_VIEW, (SEATS,), ("pattern", "element", shown)),
                step=step,
            )
        )
    return tuple(slides)


SLIDES: tuple[Slide, ...] = (
    Slide(
        "positioning",
        "present.slide.positioning",
        Ref("overview.positioning.top"),
        "map",
        "present.notes.positioning",
        (3, 5),
        map=MapSpec((NEIGHBOURS, CITY_BOUNDARY, BORDER, REGIONAL_CONTEXT), REGION_VIEW, (REGIONAL_CONTEXT,)),
        figures=("land_area", "central_city_area"),
        points=(Ref("overview.positioning.core"),),
    ),
    Slide(
        "goals",
        "present.slide.goals",
        Ref("overview.goals.heading"),
        "figures",
        "present.notes.goals",
        (3, 6),
        figures=("near_term_year", "target_year", "vision_year"),
        cards=Ref("overview.goals.items"),
    ),
    *_pattern_slides(),
    Slide(
        "three_lines",
        "present.slide.three_lines",
        Ref("pattern.three_lines.heading"),
        "chart",
        "present.notes.three_lines",
        (14,),
        chart="three_lines_chart",
        figures=("eco_redline", "basic_farmland", "urban_boundary"),
    ),
    Slide(
        "towns",
        "present.slide.towns",
        Ref("towns.town_system.headline"),
        "map",
        "present.notes.towns",
        (18,),
        map=MapSpec((*BACKDROP, CENTRAL_CITY, SEATS), TOWNS_VIEW, (SEATS,)),
        points=(Ref("towns.town_system.central_city"), Ref("towns.town_system.key_towns")),
    ),
    Slide(
        "central_city",
        "present.slide.central_city",
        Ref("central_city.structure.heading"),
        "map",
        "present.notes.central_city",
        (3, 34, 35),
        map=MapSpec((*BACKDROP, CENTRAL_CITY, STATIONS, SEATS), CENTRAL_CITY_VIEW, (SEATS,)),
        figures=("central_city_area",),
        points=(Ref("central_city.structure.core"), Ref("central_city.structure.axes.items")),
    ),
    Slide(
        "tourism",
        "present.slide.tourism",
        Ref("transport.tourism_transport.headline"),
        "map",
        "present.notes.tourism",
        (23,),
        map=MapSpec((*BACKDROP, ROADS, TOURISM_LOOPS, SCENIC_AREAS), TOURISM_VIEW, (SCENIC_AREAS,)),
        points=(
            Ref("transport.tourism_transport.grand_loop"),
            Ref("transport.tourism_transport.inner_loops"),
        ),
    ),
    Slide(
        "transport",
        "present.slide.transport",
        Ref("transport.system.headline"),
        "map",
        "present.notes.transport",
        (21, 22),
        map=MapSpec((*BACKDROP, ROADS, RAILWAYS, STATIONS, AIRPORTS), TRANSPORT_VIEW, (AIRPORTS, STATIONS)),
    ),
    Slide(
        "heritage",
        "present.slide.heritage",
        Ref("heritage.heritage.headline"),
        "map",
        "present.notes.heritage",
        (27,),
        map=MapSpec((*BACKDROP, HERITAGE), HERITAGE_VIEW, (HERITAGE,)),
        figures=("heritage_national", "heritage_region", "heritage_municipal"),
        points=(Ref("heritage.heritage.themes"),),
    ),
    Slide(
        "implementation",
        "present.slide.implementation",
        Ref("implementation.one_map.heading"),
        "chart",
        "present.notes.implementation",
        (42, 43, 44, 45),
        chart="one_map_chart",
        figures=("comment_period_days",),
        points=(Ref("implementation.mechanisms.items"),),
    ),
)


# ----------------------------------------------------------------------------- the URL's slide number


def parse_number(raw: str | None, total: int = len(SLIDES)) -> tuple[int, str | None]:
    """The 1-based slide number in ``?slide=N``, clamped to 1..total, and what was wrong with
    it (``None``, ``"not_a_number"``, ``"too_low"`` or ``"too_high"``); no parameter = slide 1."""
    if raw is None or str(raw).strip() == "":
        return 1, None
    try:
        number = int(str(raw).strip())
    except ValueError:
        return 1, "not_a_number"
    if number < 1:
        return 1, "too_low"
    if number > total:
        return total, "too_high"
    return number, None


# ----------------------------------------------------------------------------- what a slide shows


@dataclasses.dataclass(frozen=True)
class ShownFigure:
    id: str
    label: str
    value: str
    note: str
    page: int | None


@dataclasses.dataclass(frozen=True)
class Point:
    label: str
    #: A sentence about it (the pattern elements' members), or "".
    text: str = ""
    #: True for what this slide adds (the pattern build-up).
    new: bool = False
    page: int | None = None


@dataclasses.dataclass(frozen=True)
class Card:
    figure: ShownFigure
    title: str
    points: tuple[str, ...]
    #: The plan page of the card's item (the goal), which may differ from the figure's.
    page: int | None = None


@dataclasses.dataclass(frozen=True)
class Content:
    slide: Slide
    number: int  # 1-based
    total: int
    title: str
    headline: str
    points: tuple[Point, ...]
    figures: tuple[ShownFigure, ...]
    cards: tuple[Card, ...]
    notes: str
    pages: tuple[int, ...]
    #: The map's legend for a split layer: (value, label, colour) in drawing order.
    split_parts: tuple[tuple[str, str, RGBA], ...] = ()


def resolve(catalog: Catalog, ref: Ref) -> Any:
    """The catalog node at ``ref.path``; list items may be addressed by their ``id``."""
    node: Any = catalog
    for part in ref.path.split("."):
        if isinstance(node, list):
            node = next((item for item in node if isinstance(item, dict) and item.get("id") == part), None)
        elif isinstance(node, Mapping):
            node = node.get(part)
        else:
            node = None
        if node is None:
            raise KeyError(f"catalog reference {ref.path!r}: no {part!r}")
    return node


def headline(slide: Slide, catalog: Catalog, lang: str) -> str:
    return (
        text(resolve(catalog, slide.headline), lang)
        if isinstance(slide.headline, Ref)
        else t(slide.headline, lang)
    )


def shown_figure(figure_id: str, catalog: Catalog, lang: str) -> ShownFigure:
    fig = plan.figure(figure_id, catalog)
    shown = format_figure(fig, lang)
    return ShownFigure(figure_id, shown.label, shown.value, shown.note, fig.get("page"))


def pattern_parts(catalog: Catalog, lang: str, values: Sequence[str]) -> tuple[tuple[str, str, RGBA], ...]:
    labels = {e.id: e.label for e in plan_views.pattern_elements(catalog, lang)}
    return tuple((v, labels.get(v, v), PATTERN_ELEMENT_COLORS.get(v, UNLISTED_PART_COLOR)) for v in values)


def _points(slide: Slide, catalog: Catalog, lang: str) -> tuple[Point, ...]:
    if slide.step:
        shown = slide.map.split[2] if slide.map and slide.map.split else slide.step
        elements = {e.id: e for e in plan_views.pattern_elements(catalog, lang)}
        return tuple(
            Point(elements[v].label, elements[v].sentence, v in slide.step, elements[v].page)
            for v in shown
            if v in elements
        )
    points = []
    for ref in slide.points:
        node = resolve(catalog, ref)
        for item in node if isinstance(node, list) else [node]:
            points.append(Point(text(item, lang), page=item.get("page")))
    return tuple(points[:MAX_POINTS])


def _cards(slide: Slide, figures: Sequence[ShownFigure], catalog: Catalog, lang: str) -> tuple[Card, ...]:
    if slide.cards is None:
        return ()
    items = resolve(catalog, slide.cards)
    return tuple(
        Card(
            fig,
            text(item, lang),
            tuple(text(p, lang) for p in item.get("key_points", [])[:MAX_CARD_POINTS]),
            item.get("page"),
        )
        for fig, item in zip(figures, items, strict=True)
    )


def notes_fields(catalog: Catalog, lang: str) -> dict[str, str]:
    """``{figure_id}`` → the figure as shown (value and unit), for speaker notes that cite one."""
    return {fig["id"]: format_figure(fig, lang).value for fig in catalog["figures"]["figures"]}


def content(slide: Slide, catalog: Catalog, lang: str, slides: Sequence[Slide] = SLIDES) -> Content:
    """Everything a slide shows, in ``lang``, read from the catalog and the UI strings."""
    figures = tuple(shown_figure(fid, catalog, lang) for fid in slide.figures)
    title = t(slide.title, lang)
    if slide.step:
        title = (
            f"{title} · {''.join(label for _, label, _ in pattern_parts(catalog, lang, slide.step))}"
            if lang == "zh"
            else f"{title}: {', '.join(label for _, label, _ in pattern_parts(catalog, lang, slide.step))}"
        )
    split = slide.map.split if slide.map else None
    return Content(
        slide=slide,
        number=slides.index(slide) + 1,
        total=len(slides),
        title=title,
        headline=headline(slide, catalog, lang),
        points=_points(slide, catalog, lang),
        figures=figures,
        cards=_cards(slide, figures, catalog, lang),
        notes=t(slide.notes, lang, **notes_fields(catalog, lang)),
        pages=slide.pages,
        split_parts=pattern_parts(catalog, lang, split[2]) if split and split[0] == "pattern" else (),
    )


def check(slides: Sequence[Slide] = SLIDES) -> list[str]:
    """Problems with the deck's definition (empty when fine)."""
    problems = []
    ids = [s.id for s in slides]
    problems += [f"duplicate slide id {i!r}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for s in slides:
        if s.kind not in KINDS:
            problems.append(f"{s.id}: kind {s.kind!r} not one of {KINDS}")
        if len(s.figures) > MAX_FIGURES:
            problems.append(f"{s.id}: {len(s.figures)} figures (at most {MAX_FIGURES})")
        if (s.kind == "map") != (s.map is not None):
            problems.append(f"{s.id}: a map slide needs a map, and only a map slide has one")
        if (s.kind == "chart") != (s.chart is not None):
            problems.append(f"{s.id}: a chart slide needs a chart builder, and only a chart slide has one")
        if s.kind == "figures" and not s.figures:
            problems.append(f"{s.id}: a figures slide needs figures")
    return problems
