"""The overview page renders in both languages with the plan's figures from the catalog."""

import pytest

from .conftest import all_text


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["阿尔山市国土空间总体规划", "以最终批复为准", "7397.67 平方公里", "6374.15 平方公里",
            "占市域 86.16%", "合 12.91 万亩", "593120.49 公顷", "来源：规划文本第 14 页"]),
    ("en", ["Arxan City Territorial Spatial Master Plan", "subject to the plan's final approval",
            "7,397.67 km²", "6,374.15 km²", "86.16% of the city", "12.91 10k mu", "593,120.49 ha",
            "Source: plan text, p. 14"]),
])
def test_overview_shows_the_key_figures(app, lang, expected):
    at = app(lang=lang)
    assert not at.exception
    text = all_text(at)
    for snippet in expected:
        assert snippet in text


def test_language_switch_changes_the_page_and_persists_across_pages(app):
    at = app()
    assert "关键指标" in all_text(at)
    at.button_group(key="lang").set_value("en").run()
    assert "Key figures" in all_text(at)
    at.switch_page("pages/data_sources.py").run()
    assert "Data and sources" in all_text(at)


def test_a_link_with_an_unknown_language_opens_in_chinese(app):
    at = app(lang="fr")
    assert not at.exception
    assert "关键指标" in all_text(at)


def test_a_damaged_layer_file_is_named_and_the_rest_of_the_page_works(app, tiny_settings):
    (tiny_settings.layers_dir / "seats.parquet").write_bytes(b"not parquet at all")
    at = app(lang="en")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("seats.parquet" in e and "damaged" in e for e in errors)
    text = all_text(at)
    assert "7,397.67 km²" in text  # the figures still show
    assert at.get("deck_gl_json_chart")  # and the map draws the other layers
