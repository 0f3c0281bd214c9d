"""A map's name and description for a screen reader say what it shows and how many features,
the same features as the table beside it."""

import pytest

from arshan_data.geodata.layers import get_layer
from arshan_data.geodata.store import MapStore
from arshan_data.i18n import join
from arshan_data.maps.tables import feature_table, map_summary


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_description_names_the_layers_and_counts_the_tables_rows(tiny_settings, lang):
    store = MapStore(tiny_settings.layers_dir)
    frames = {lid: store.layer(lid) for lid in ("rivers", "seats", "roads")}
    name, text = map_summary(frames, lang)
    titles = [get_layer(lid).title(lang) for lid in frames]
    assert join(titles, lang) in name
    assert join(titles, lang) in text
    rows = len(feature_table(frames, lang))
    assert rows == sum(len(gdf) for gdf in frames.values()) > 1
    assert f" {rows} " in text
    # One layer fewer: fewer features said.
    fewer = map_summary({"seats": frames["seats"]}, lang)[1]
    assert f" {len(frames['seats'])} " in fewer and fewer != text
