"""The layer registry: every layer declared once, with every part (no silent defaults)."""

import pytest

from arshan_data.feedback.model import TOPICS
from arshan_data.geodata import layers
from arshan_data.geodata.layers import BACKDROP, ELEMENT_LAYERS, LAYERS, PLACE_LAYERS, Style
from arshan_data.geodata.provenance import DATASETS
from arshan_data.i18n import LANGS, strings

from ..conftest import REPO


@pytest.mark.parametrize("layer", LAYERS, ids=[la.id for la in LAYERS])
def test_every_layer_has_every_part(layer):
    assert getattr(layers, layer.id.upper()) == layer.id  # its named constant
    assert layer.title_zh and layer.title_en
    assert (REPO / "data" / "sources" / layer.source).exists()
    assert isinstance(layer.style, Style) and len(layer.style.color) == 4
    assert layer.datasets and set(layer.datasets) <= set(DATASETS)
    assert layer.topic is None or layer.topic in TOPICS
    for lang in LANGS:
        assert strings(lang).get(f"legend.{layer.id}"), f"legend.{layer.id} missing in {lang}"


def test_context_layers_are_not_plan_elements_and_the_backdrop_is_drawn_first():
    assert set(ELEMENT_LAYERS).isdisjoint(BACKDROP)
    assert "regional_context" not in ELEMENT_LAYERS
    assert BACKDROP == tuple(sorted(BACKDROP, key=lambda lid: layers.get_layer(lid).style.z))
    assert set(PLACE_LAYERS) <= set(ELEMENT_LAYERS)


def test_an_unknown_layer_is_named_with_the_known_ones():
    with pytest.raises(KeyError, match="Unknown layer 'nope'; known layers: airports"):
        layers.get_layer("nope")
