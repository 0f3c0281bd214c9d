"""PDF and PNG exports: the bundled font, the slide deck, the printable map."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from arshan_data import fonts


def test_the_bundled_font_covers_every_character():
    """Every character an export can print has a glyph in both bundled weights; when this fails,
    run scripts/make_font_subset.py (the catalog, the UI strings or the layers gained one)."""
    wanted = fonts.export_characters()
    assert {"生", "态", "①", "²", "·", "A", " "} <= wanted
    for weight, path in fonts.FONT_FILES.items():
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
