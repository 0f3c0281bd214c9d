"""The presentation deck: order, the URL's slide number, and every slide read from the catalog."""

from __future__ import annotations

import pytest

from arshan_data.geodata.layers import LAYERS_BY_ID
from arshan_data.plan import charts, slides
from arshan_data.plan.catalog import figure, load_catalog
from arshan_data.plan.figures import format_figure

CATALOG = load_catalog()


def test_the_deck_tells_the_plan_in_order():
    assert [s.id for s in slides.SLIDES] == [
        "positioning",
        "goals",
        "pattern_1",
        "pattern_2",
        "pattern_3",
        "pattern_4",
        "three_lines",
        "towns",
        "central_city",
        "tourism",
        "transport",
        "heritage",
        "implementation",
    ]
    assert slides.check() == []


def test_the_pattern_is_built_up_element_by_element():
    shown = [s.map.split[2] for s in slides.SLIDES if s.id.startswith("pattern_")]
    assert shown == [
        ("one_barrier",),
        ("one_barrier", "two_belts"),
        ("one_barrier", "two_belts", "one_core", "one_axis"),
        ("one_barrier", "two_belts", "one_core", "one_axis", "one_loop", "two_zones", "multiple_points"),
    ]
    titles = [slides.content(s, CATALOG, "zh").title for s in slides.SLIDES if s.id.startswith("pattern_")]
    assert titles == ["总体格局 · 一屏", "总体格局 · 两带", "总体格局 · 一核一轴", "总体格局 · 一环二区多点"]
    last = slides.content(slides.SLIDES[5], CATALOG, "zh")
    assert [p.label for p in last.points if p.new] == ["一环", "二区", "多点"]
    assert [label for _, label, _ in last.split_parts][:2] == ["一屏", "两带"]


def test_the_camera_moves_from_the_region_to_the_city_to_the_central_city():
    zooms = {s.id: s.map.view.zoom for s in slides.SLIDES if s.map}
    assert zooms["positioning"] < zooms["pattern_1"] == slides.CITY_SLIDE_VIEW.zoom < zooms["central_city"]
    assert max(z for sid, z in zooms.items() if sid != "central_city") < zooms["central_city"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (1, None)),
        ("", (1, None)),
        ("1", (1, None)),
        ("7", (7, None)),
        (" 13 ", (13, None)),
        ("14", (13, "too_high")),
        ("99", (13, "too_high")),
        ("0", (1, "too_low")),
        ("-3", (1, "too_low")),
        ("abc", (1, "not_a_number")),
        ("2.5", (1, "not_a_number")),
    ],
)
def test_the_slide_number_in_the_url_is_clamped_and_the_problem_named(raw, expected):
    assert slides.parse_number(raw, 13) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slide", slides.SLIDES, ids=lambda s: s.id)
def test_every_slide_reads_its_words_and_figures_from_the_catalog(slide, lang):
    shown = slides.content(slide, CATALOG, lang)
    assert shown.headline and shown.title and shown.notes and shown.pages
    assert "{" not in shown.notes  # every figure field filled
    assert len(shown.figures) <= 3
    for fig in shown.figures:  # the figure as the plan pages show it — no second copy
        assert fig.value == format_figure(figure(fig.id, CATALOG), lang).value
        assert fig.page == figure(fig.id, CATALOG)["page"]
    if slide.map:
        assert set(slide.map.layers) <= set(LAYERS_BY_ID)
        assert set(slide.map.labelled) <= set(slide.map.layers)
    if slide.chart:
        assert callable(getattr(charts, slide.chart))


def test_headlines_and_figures_come_from_the_catalog():
    zh = {s.id: slides.content(s, CATALOG, "zh") for s in slides.SLIDES}
    assert zh["positioning"].headline == "世界级生态旅游康养目的地"
    assert zh["three_lines"].headline == "三线划定"
    assert [f.value for f in zh["three_lines"].figures] == [
        "6374.15 平方公里",
        "86.04 平方公里",
        "22.96 平方公里",
    ]
    assert "6374.15 平方公里" in zh["three_lines"].notes
    en = slides.content(slides.SLIDES[1], CATALOG, "en")
    assert [c.figure.value for c in en.cards] == ["2025", "2035", "2050"]
    assert en.cards[0].title == "Goals for 2025" and len(en.cards[0].points) == 3


def test_a_bad_catalog_reference_names_itself():
    with pytest.raises(KeyError, match="overview.nothing"):
        slides.resolve(CATALOG, slides.Ref("overview.nothing"))
    broken = slides.Slide(
        "x", "present.slide.goals", "present.slide.goals", "map", "present.notes.goals", (1,)
    )
    assert slides.check([broken, broken]) == [
        "duplicate slide id 'x'",
        "x: a map slide needs a map, and only a map slide has one",
        "x: a map slide needs a map, and only a map slide has one",
    ]


def test_a_figure_printed_with_trailing_zeros_keeps_them_in_both_languages():
    from arshan_data.plan.figures import format_number

    assert format_number("12.90", "zh") == "12.90"
    assert format_number("1290.50", "en") == "1,290.50"
