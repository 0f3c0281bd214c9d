"""Make the CJK font subsets the PDF/PNG exports embed (arshan_data/exports/assets/fonts/).

Run from the repository root:  .venv/bin/python scripts/make_font_subset.py [--source-dir DIR]

* Source: Noto Sans CJK SC (Regular and Bold), the Simplified Chinese face of Debian's
  fonts-noto-cjk collections (/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc).
  Only this script needs them; the app and the tests use the committed subsets.
* Characters: ``arshan_data.fonts.export_characters()`` — everything in data/plan/*.yaml,
  arshan_data/i18n/**/*.yaml, the string literals of the export modules (fonts.EXPORT_MODULES),
  the feature names in data/layers, and a fixed set of punctuation, circled numbers and ASCII.
* The outlines are converted from CFF to TrueType (quadratic) curves: PDF readers and pypdf
  then see a plain Identity-H CID font, so text extraction and copy-paste work everywhere.
* Licence: the SIL Open Font License 1.1 (the font's own copyright line and Debian's copy of
  the licence text) is written beside the fonts as OFL.txt.

Re-run after the catalog, the UI strings or the layers gain a character: the test
``tests/exports/test_pdf.py::test_the_bundled_font_covers_every_character`` says when.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from arshan_data.exports.fonts import FONT_DIR, FONT_FILES, export_characters  # noqa: E402

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCES = {"regular": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE = "Noto Sans CJK SC"


def sc_face(path: Path) -> TTFont:
    """The Simplified Chinese face of a collection (its index differs between releases)."""
    for index, font in enumerate(TTCollection(str(path)).fonts):
        if font["name"].getDebugName(1) == FACE:
            return TTFont(str(path), fontNumber=index)
    raise SystemExit(f"{path}: no {FACE!r} face")


def subset_font(font: TTFont, characters: set[str]) -> TTFont:
    options = subset.Options()
    options.layout_features = []  # no vertical forms or ligatures: the exports set horizontal text
    options.name_IDs = ["*"]  # keep copyright and licence fields
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["DSIG", "vhea", "vmtx", "VORG", "GPOS", "GSUB", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in characters))
    subsetter.subset(font)
    return font


def cff_to_truetype(font: TTFont, max_err: float = 1.0) -> TTFont:
    """Replace the CFF outlines by TrueType ``glyf`` outlines (cubic → quadratic curves)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"
    return font


def licence_text(font: TTFont) -> str:
    notice = font["name"].getDebugName(0) or ""
    body = ""
    if DEBIAN_COPYRIGHT.exists():
        text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
        match = re.search(r"^License: SIL-1\.1\n( .*?)(?=^\S|\Z)", text, re.S | re.M)
        if match:
            lines = [line[1:] if line.startswith(" ") else line for line in match.group(1).splitlines()]
            body = "\n".join("" if line == "." else line for line in lines).strip() + "\n"
    if not body:
        raise SystemExit(f"{DEBIAN_COPYRIGHT}: SIL Open Font License text not found")
    return (
        f"{FACE} — subset made by scripts/make_font_subset.py for the exports of this project.\n"
        f"Copyright: {notice}\n"
        "Source: Noto CJK (https://github.com/notofonts/noto-cjk), as packaged by Debian (fonts-noto-cjk).\n"
        "Changes: subset to the characters the exports print; outlines converted to TrueType.\n\n" + body
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    args = parser.parse_args(argv)
    characters = export_characters()
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    licence = ""
    for weight, target in FONT_FILES.items():
        font = sc_face(args.source_dir / SOURCES[weight])
        licence = licence or licence_text(font)
        font = cff_to_truetype(subset_font(font, characters))
        font.save(str(target))
        missing = characters - {chr(c) for c in font.getBestCmap()}
        print(
            f"{target.relative_to(REPO)}: {target.stat().st_size:,} bytes, {len(characters)} characters"
            + (f", no glyph in the source for {''.join(sorted(missing))!r}" if missing else "")
        )
    (FONT_DIR / "OFL.txt").write_text(licence, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
