"""PDF and PNG exports: the bundled font, the slide deck, the printable map."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from arshan_data.config import REPO_ROOT
from arshan_data.exports import (
    fonts,
    map_print,
    static_chart,
)
from arshan_data.exports.deck_pdf import deck_pdf
from arshan_data.exports.map_pdf import map_pdf
from arshan_data.exports.pdf import page_count, page_png
from arshan_data.geodata.store import MapStore
from arshan_data.geodata.views import CITY_VIEW, View
from arshan_data.plan import charts, slides
from arshan_data.plan.catalog import load_catalog


def test_the_bundled_font_covers_every_character():
    """Every character an export can print has a glyph in both bundled weights; when this fails,
    run scripts/make_font_subset.py (the catalog, the UI strings or the layers gained one)."""
    wanted = fonts.export_characters()
    assert {"生", "态", "①", "²", "·", "A", " "} <= wanted
    for path in fonts.FONT_FILES.values():
        cmap = {chr(c) for c in TTFont(str(path)).getBestCmap()}
        missing = "".join(sorted(wanted - cmap))
        assert not missing, f"{path.name} lacks {missing!r}: run scripts/make_font_subset.py"


def test_the_bundled_fonts_are_small_truetype_with_their_licence():
    total = sum(path.stat().st_size for path in fonts.FONT_FILES.values())
    assert total < 5 * 1024 * 1024
    for path in fonts.FONT_FILES.values():
        font = TTFont(str(path))
        assert "glyf" in font and "CFF " not in font  # TrueType outlines: plain Identity-H in PDFs
    licence = (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


# ----------------------------------------------------------------------------- deck, PNG, printed map


CATALOG = load_catalog()


@pytest.fixture(scope="module")
def real_layers():
    return MapStore(REPO_ROOT / "data" / "layers").layer


@pytest.fixture(scope="module")
def deck_zh(real_layers):
    return deck_pdf(CATALOG, "zh", real_layers)


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → whether its file is embedded, for every font the pages use."""
    out = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            out[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return out


@pytest.mark.slow
def test_the_deck_has_one_16_9_page_per_slide_with_chinese_text_and_embedded_fonts(deck_zh):
    reader = PdfReader(io.BytesIO(deck_zh))
    assert len(reader.pages) == len(slides.SLIDES)
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    three_lines = texts[[s.id for s in slides.SLIDES].index("three_lines")]
    assert "生态保护红线" in three_lines and "6374.15" in three_lines and "86.16%" in three_lines
    assert "世界级生态旅游康养目的地" in texts[0] and "7397.67" in texts[0]
    assert "一屏两带、一核一轴、一环二区多点" in texts[2] and "图例" in texts[2] and "北" in texts[2]
    assert "以最终批复为准" in texts[-1] and "国土空间规划“一张图”建设" in texts[-1]
    assert all(f"{n} / {len(slides.SLIDES)}" in text for n, text in enumerate(texts, start=1))
    fonts_used = embedded_fonts(reader)
    assert fonts_used and all(fonts_used.values())
    assert all("notosanscjk" in name.lower() for name in fonts_used)  # the bundled font, subset


@pytest.mark.slow
def test_the_english_deck_reads_in_english(real_layers):
    reader = PdfReader(io.BytesIO(deck_pdf(CATALOG, "en", real_layers)))
    assert len(reader.pages) == len(slides.SLIDES)
    text = reader.pages[[s.id for s in slides.SLIDES].index("three_lines")].extract_text()
    assert "Ecological protection redline" in text and "6,374.15 km²" in text


@pytest.mark.slow
def test_a_slide_page_renders_to_a_1920_by_1080_png(deck_zh):
    png = page_png(deck_zh, 0, 1920)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1920, 1080)
    assert Image.open(io.BytesIO(page_png(deck_zh, 3, 640))).size == (640, 360)
    assert len(set(image.convert("L").resize((64, 36)).tobytes())) > 20  # something is drawn


def test_the_deck_builds_on_the_tiny_dataset_and_leaves_off_a_missing_layer(tiny_settings):
    store = MapStore(tiny_settings.layers_dir)

    def layer(layer_id):
        if layer_id == "seats":
            raise FileNotFoundError(layer_id)
        return store.layer(layer_id)

    pdf = deck_pdf(CATALOG, "en", layer)
    assert page_count(pdf) == len(slides.SLIDES)


@pytest.mark.parametrize(("paper", "size"), [("A4", (842, 595)), ("A3", (1191, 842))])
def test_the_printable_map_has_title_legend_caveat_and_source(real_layers, paper, size):
    frames = {lid: real_layers(lid) for lid in ("neighbours", "city_boundary", "border", "rivers", "seats")}
    pdf = map_pdf(
        frames,
        "zh",
        title="规划总览",
        catalog=CATALOG,
        paper=paper,
        view=CITY_VIEW,
        view_px=(1000, 520),
        labelled=("seats",),
        pages=(3,),
    )
    reader = PdfReader(io.BytesIO(pdf))
    [page] = reader.pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    text = page.extract_text()
    for snippet in (
        "规划总览",
        "图例",
        "阿尔山市行政区界",
        "中蒙边界",
        "河流",
        "街道、镇驻地与口岸",
        "北",
        "公里",
        "以最终批复为准",
        "来源：",
        "规划文本第 3 页",
        "温泉街道",
    ):
        assert snippet in text, snippet
    assert all(embedded_fonts(reader).values())


def test_a_split_layer_prints_one_legend_line_per_part(real_layers):
    frames = {lid: real_layers(lid) for lid in ("city_boundary", "pattern")}
    parts = slides.pattern_parts(CATALOG, "en", ("one_barrier", "two_belts"))
    pdf = map_pdf(
        frames, "en", title="Spatial pattern", catalog=CATALOG, split={"pattern": ("element", parts)}
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "One barrier" in text and "Two belts" in text and "subject to the final approval" in text
    assert text.count("Spatial-pattern elements") == 1  # in the source line only: the parts have the legend


def test_charts_are_drawn_from_the_builders_figures():
    bars = static_chart.draw_chart(charts.three_lines_chart(CATALOG, "zh", big=True), width=800, height=400)
    texts = " ".join(static_chart.chart_texts(bars))
    assert "生态保护红线" in texts and "6374.15 平方公里" in texts and "面积" in texts
    ring = static_chart.draw_chart(charts.one_map_chart(CATALOG, "en", big=True), width=800, height=400)
    words = " ".join(static_chart.chart_texts(ring))
    modules = CATALOG["implementation"]["one_map"]["functions"]
    for module in modules:
        for item in module["items"]:
            assert all(word in words for word in item["en"].split()), item["en"]
    assert static_chart.supported(charts.three_lines_chart(CATALOG, "zh"))


def test_a_view_becomes_the_extent_the_screen_shows():
    view = View(120.0, 47.0, 8.0)
    bbox = map_print.view_bbox(view, 1000, 500)
    assert bbox[0] < 120.0 < bbox[2] and bbox[1] < 47.0 < bbox[3]
    assert map_print.zoom_for(bbox, 1000) == pytest.approx(8.0)
    wide = map_print.view_bbox(view, 2000, 500)
    assert wide[2] - wide[0] == pytest.approx(2 * (bbox[2] - bbox[0]))
