"""Every page of the site in a real browser, in Chinese and English: no error box, every map
drawn, no missing glyph, the header clear of Streamlit's toolbar, and screenshots at 1920×1080 and
390×844 for the CI artifacts (artifacts/screenshots/). The pages are visited by the two walks
(walks.py); these tests read what the walks recorded.
"""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageChops

from arshan_data.i18n import t
from arshan_data.site import PAGES

from .conftest import REPO, screenshot_path
from .walks import page_url

pytestmark = pytest.mark.browser

#: Pages that show at least one map (a page may show several; every one is checked).
MAP_PAGES = {
    "overview",
    "pattern",
    "ecology",
    "towns",
    "transport",
    "heritage",
    "whatshere",
    "tourism",
    "feedback",
}
#: The README's picture of the site: the 1920×1080 overview, small enough for the repository.
README_SCREENSHOT = REPO / "docs" / "screenshots" / "overview.png"
README_MAX_BYTES = 400_000
#: Screenshot comparison: a pixel counts as changed beyond this difference (0–255), and the
#: picture as changed beyond this share of pixels.
PIXEL_TOLERANCE = 48
MAX_CHANGED_SHARE = 0.005
#: ``make screenshots`` sets this: the committed screenshots are rewritten from this run.
UPDATE_SCREENSHOTS = os.environ.get("ARSHAN_TEST_UPDATE_SCREENSHOTS") == "1"
#: Share of a map's pixels that must differ from the page background.
MIN_DRAWN = 0.05

IDS = [e.url_path for e in PAGES]
ENTRIES = pytest.mark.parametrize("entry", PAGES, ids=IDS)
BOTH = pytest.mark.parametrize("lang", ["zh", "en"])


@pytest.fixture
def walked(zh_walk, en_walk):
    return {"zh": zh_walk, "en": en_walk}


def record_of(walked, lang, entry):
    record = walked[lang].pages[entry.url_path]
    if record.failure:
        pytest.fail(f"{page_url(entry)} ({lang}) could not be walked: {record.failure}")
    return record


@BOTH
@ENTRIES
def test_page_loads_without_an_error_box(walked, lang, entry):
    record = record_of(walked, lang, entry)
    assert record.errors == [], f"{page_url(entry)} ({lang}) shows an error box"
    assert record.site_title == t("app.title", lang)


@BOTH
@ENTRIES
def test_every_map_draws_features(walked, lang, entry):
    record = record_of(walked, lang, entry)
    if entry.url_path in MAP_PAGES:
        assert record.maps, f"{page_url(entry)} ({lang}) shows no map"
    sizes = [("1920×1080", record.maps)] + (
        [("390×844", record.phone_maps)] if record.phone_maps is not None else []
    )
    for size, shares in sizes:
        assert len(shares) == len(record.maps), f"{page_url(entry)}: a map is missing at {size}"
        blank = [f"map {i + 1}: {share:.1%} drawn" for i, share in enumerate(shares) if share < MIN_DRAWN]
        assert not blank, f"{page_url(entry)} ({lang}, {size}): maps without features: {blank}"


@BOTH
@ENTRIES
def test_text_has_no_missing_glyphs(walked, lang, entry):
    glyphs = record_of(walked, lang, entry).glyphs
    assert glyphs["checked"] > 20, "hardly any text was checked"
    assert not glyphs["missing"], (
        f"{page_url(entry)} ({lang}): characters drawn as the missing-glyph box: {glyphs['missing']}"
    )
    assert not glyphs["blank"], f"{page_url(entry)} ({lang}): characters drawn as nothing: {glyphs['blank']}"


@ENTRIES
def test_the_header_is_not_under_the_toolbar(walked, entry):
    """The subtitle and the language switch are not covered by Streamlit's toolbar at the top of
    the page, on a desktop or on a phone."""
    hidden = record_of(walked, "zh", entry).header_hidden_px
    assert hidden and max(hidden.values()) < 1, (
        f"{page_url(entry)}: px of the header under the toolbar: {hidden}"
    )


@ENTRIES
def test_screenshots_are_saved(walked, entry):
    names = record_of(walked, "zh", entry).screenshots
    assert len(names) == 2
    if entry.default:
        names += record_of(walked, "en", entry).screenshots
        assert len(names) == 4
    for name in names:
        assert screenshot_path(name).stat().st_size > 10_000, f"{name} looks empty"


def test_the_staff_page_shows_the_login_form(walked):
    entry = next(e for e in PAGES if e.url_path == "staff")
    for lang in ("zh", "en"):
        assert record_of(walked, lang, entry).password_field, (
            f"the staff page ({lang}) shows no password field"
        )


def readme_png(shot: Image.Image) -> bytes:
    """The screenshot as the README keeps it: optimised PNG, a 256-colour palette when the full
    colour one is too large (keeps text and map lines crisp)."""
    png = io.BytesIO()
    shot.save(png, format="PNG", optimize=True)
    if png.tell() > README_MAX_BYTES:
        png = io.BytesIO()
        shot.quantize(256, dither=Image.Dither.NONE).save(png, format="PNG", optimize=True)
    return png.getvalue()


def changed_share(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels that differ visibly (any channel by more than ``PIXEL_TOLERANCE``):
    anti-aliasing and palette rounding stay below it, a moved block or new text does not."""
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    changed = sum(diff.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0).histogram()[255:])
    return changed / (a.size[0] * a.size[1])


def test_the_readme_screenshot_shows_the_site_as_it_is(walked):
    """docs/screenshots/overview.png (shown in the README) is compared with this run's
    1920×1080 overview. A real difference fails, with the new picture written to artifacts/ for
    review; ``make screenshots`` updates the committed one on purpose (and only then is it written)."""
    entry = next(e for e in PAGES if e.default)
    record_of(walked, "zh", entry)
    shot = Image.open(screenshot_path(f"{entry.url_path}-zh-1920x1080.png")).convert("RGB")
    png = readme_png(shot)
    assert len(png) <= README_MAX_BYTES, "the README screenshot would be too large"
    if UPDATE_SCREENSHOTS:
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        README_SCREENSHOT.write_bytes(png)
        return
    assert README_SCREENSHOT.exists(), f"{README_SCREENSHOT} is missing: run make screenshots"
    share = changed_share(Image.open(README_SCREENSHOT), Image.open(io.BytesIO(png)))
    if share > MAX_CHANGED_SHARE:
        new = screenshot_path("README-overview.new.png")
        new.write_bytes(png)
        pytest.fail(
            f"the overview looks different from {README_SCREENSHOT.relative_to(REPO)} "
            f"({share:.1%} of pixels changed); the new picture is {new}. If the change is intended, "
            "run make screenshots and commit the result."
        )


def test_the_screenshot_comparison_sees_a_real_change():
    """The comparison above can fail: a changed block of text is seen, palette noise is not."""
    base = Image.new("RGB", (400, 300), (250, 250, 245))
    noisy = base.point(lambda v: v - 6)
    changed = base.copy()
    changed.paste((20, 20, 20), (40, 40, 200, 90))
    assert changed_share(base, noisy) == 0
    assert changed_share(base, changed) > MAX_CHANGED_SHARE
