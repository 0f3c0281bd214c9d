"""Deep links, QR codes and downloads a reader gets from any map."""

import csv
import io
import json

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from arshan_data.exports.downloads import layers_geojson, table_csv
from arshan_data.exports.share import base_of, deep_link, qr_png


def test_deep_link_keeps_page_and_only_non_empty_parameters():
    link = deep_link(
        "https://plan.example.cn", "towns", {"lang": "en", "feature": "seat-tianchi", "layers": None}
    )
    assert link == "https://plan.example.cn/towns?lang=en&feature=seat-tianchi"
    assert deep_link("http://localhost:8501", "", {"lang": None}) == "http://localhost:8501/"
    assert deep_link("https://x.cn/arxan/", "heritage", {}) == "https://x.cn/arxan/heritage"
    assert base_of("http://host:8501/towns?lang=en") == "http://host:8501"


def test_qr_code_is_a_png_that_encodes_enough_for_a_long_link():
    png = qr_png("https://plan.example.cn/towns?lang=en&feature=seat-tianchi&layers=seats,villages")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 300


def test_csv_opens_in_excel_with_chinese_and_defuses_formulas():
    table = pd.DataFrame({"名称": ["天池镇", '=HYPERLINK("http://evil")', "-1+1"], "n": [1, 2, 3]})
    data = table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["名称", "n"]
    assert rows[1] == ["天池镇", "1"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil")'
    assert rows[3][0] == "'-1+1"


def test_geojson_download_keeps_every_property_and_the_layer():
    gdf = gpd.GeoDataFrame(
        {"id": ["a"], "name_zh": ["天池"], "fidelity": ["approximate"], "population": [345]},
        geometry=[Point(120.4, 47.3)],
        crs="EPSG:4326",
    )
    doc = json.loads(layers_geojson({"villages": gdf}))
    [feature] = doc["features"]
    assert feature["properties"] == {
        "layer": "villages",
        "id": "a",
        "name_zh": "天池",
        "fidelity": "approximate",
        "population": 345,
    }
    assert feature["geometry"] == {"type": "Point", "coordinates": [120.4, 47.3]}
