"""The CJK font the PDF and PNG exports embed, and the characters it must cover. No Streamlit.

The exports never depend on fonts installed on the server: they embed a subset of Noto Sans CJK
SC (SIL Open Font License, see ``assets/fonts/OFL.txt``) shipped in ``assets/fonts/``. The
subset holds every character the exports can print — all plan-catalog and UI-string text, the
names of the map features, the string literals of the modules that draw exports — and is
regenerated with

    .venv/bin/python scripts/make_font_subset.py

whenever that text gains a character (``tests/exports/test_pdf.py`` fails until then).
"""

from __future__ import annotations

from pathlib import Path

from arshan_data.config import REPO_ROOT

FONT_DIR = Path(__file__).resolve().parent / "assets" / "fonts"
#: The two weights the exports use (file names of the committed subsets).
FONT_FILES = {
    "regular": FONT_DIR / "NotoSansCJKsc-Regular-subset.ttf",
    "bold": FONT_DIR / "NotoSansCJKsc-Bold-subset.ttf",
}
#: Characters written by code rather than read from text files: punctuation the exports join
#: labels with, arrows, circled numbers of the townscape zones, units.
EXTRA_CHARACTERS = (
    "·•→←↑↓–—…“”‘’（）【】《》、。，：；！？%°²³×÷±≈≤≥–"
    + "".join(chr(c) for c in range(0x2460, 0x2474))  # ①…⑳
    + "".join(chr(c) for c in range(0x20, 0x7F))
)  # printable ASCII


#: Modules whose own string literals can end up in an export (page references, list separators).
EXPORT_MODULES = (
    "exports/pdf.py",
    "exports/deck_pdf.py",
    "exports/map_pdf.py",
    "exports/static_chart.py",
    "exports/static_map.py",
    "exports/map_print.py",
    "plan/slides.py",
    "plan/figures.py",
    "maps/tables.py",
    "plan/catalog.py",
    "plan/summaries.py",
    "plan/charts.py",
    "plan/place_charts.py",
    "maps/deck.py",
    "maps/labels.py",
    "maps/legend.py",
    "tourism/route_tables.py",
    "tourism/route_map.py",
    "tourism/route_print.py",
    "tourism/scenic.py",
)


def _text_files() -> list[Path]:
    return sorted(
        [*(REPO_ROOT / "data" / "plan").glob("*.yaml"), *(REPO_ROOT / "arshan_data" / "i18n").rglob("*.yaml")]
    )


def _code_literals() -> str:
    import ast

    out = []
    for name in EXPORT_MODULES:
        path = REPO_ROOT / "arshan_data" / name  # a module that moved fails loudly here
        out += [
            node.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
    return "".join(out)


def _feature_names(layers_dir: Path) -> str:
    import pyarrow.parquet as pq  # only needed here

    names = []
    for path in sorted(layers_dir.glob("*.parquet")):
        columns = [c for c in ("name_zh", "name_en") if c in pq.read_schema(path).names]
        table = pq.read_table(path, columns=columns)
        for column in columns:
            names += [str(v) for v in table.column(column).to_pylist() if v]
    return "".join(names)


def export_characters(layers_dir: Path | None = None) -> set[str]:
    """Every character an export can print (control characters and whitespace other than the
    space left out): the subset must hold a glyph for each."""
    text = "".join(p.read_text(encoding="utf-8") for p in _text_files()) + _code_literals()
    text += _feature_names(layers_dir or REPO_ROOT / "data" / "layers") + EXTRA_CHARACTERS
    return {
        ch for ch in text if ch == " " or (ch.isprintable() and not ch.isspace() and _printable_glyph(ch))
    }


def _printable_glyph(ch: str) -> bool:
    """Emoji (the page icon) and variation selectors are never printed by an export."""
    return ord(ch) <= 0xFFFF and not 0xFE00 <= ord(ch) <= 0xFE0F
