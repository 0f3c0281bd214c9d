"""What the tourism page shows of a route: tables, map layers, the printable page, scenic cards."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from arshan_data.plan.catalog import load_catalog
from arshan_data.tourism import route_map, route_print, route_tables
from arshan_data.tourism.routing import plan_route
from arshan_data.tourism.scenic import scenic_cards, seasons_of

from .test_routing import lonlat, square_network


@pytest.fixture(scope="module")
def net():
    return square_network()


@pytest.mark.parametrize(
    "text, seasons",
    [
        ("4月1日—11月30日（2019年口岸季节性开放期）", {"spring", "summer", "autumn"}),
        ("9月底至10月中旬（秋色）", {"autumn"}),
        ("12月至次年2月", {"winter"}),
        ("7月", {"summer"}),
        ("夏季", set()),
        (None, set()),
    ],
)
def test_seasons_are_read_from_the_months_of_the_cited_text(text, seasons):
    assert seasons_of(text) == seasons


@pytest.mark.parametrize(
    "minutes, lang, shown",
    [
        (45.4, "en", "45 min"),
        (65, "en", "1 h 5 min"),
        (125, "zh", "2 小时 5 分钟"),
        (59.6, "zh", "1 小时 0 分钟"),
    ],
)
def test_times_are_rounded_to_minutes(minutes, lang, shown):
    assert route_tables.format_minutes(minutes, lang) == shown


def test_the_legs_table_lists_each_leg_in_order(net):
    route = plan_route(net, ["sa-c", "sa-e"], start="seat-1", direction="counterclockwise")
    table = route_tables.legs_table(net, route, "en")
    assert list(table.columns) == [
        "#",
        "From",
        "To",
        "Leg (km, approx.)",
        "Time (approx.)",
        "On the loop (km, approx.)",
        "On spurs (km, approx.)",
        "Roads (km)",
    ]
    assert list(table["To"]) == ["E", "C"] and list(table["From"]) == ["Town", "E"]
    assert list(table["Leg (km, approx.)"]) == [21.5, 16.5]
    assert table["Roads (km)"].iloc[0] == "G1 10.0; S1 5.0; X2 6.0; spur end (straight) 0.5"
    zh = route_tables.legs_table(net, route, "zh")
    assert zh["经过道路（公里）"].iloc[1] == "支线末段（直线） 0.5；X2 6.0；S1 5.0；X1 5.0"


def test_the_route_deck_draws_the_legs_and_numbered_stops(net):
    route = plan_route(net, ["sa-c", "sa-b"], start="sa-a", direction="counterclockwise")
    frames = {
        "city_boundary": gpd.GeoDataFrame(
            {"id": ["c"], "name_zh": ["城"], "name_en": ["City"], "fidelity": ["surveyed"], "status": [None]},
            geometry=[box(*lonlat(-1, -1).coords[0], *lonlat(11, 11).coords[0])],
            crs="EPSG:4326",
        )
    }
    deck = route_map.route_deck(net, route, frames, "en")
    spec = json.loads(deck.to_json())
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[0] == "route-city_boundary" and {"route~legs", "route~stops", "route~stops~labels"} <= set(ids)
    legs = next(layer for layer in spec["layers"] if layer["id"] == "route~legs")
    assert [f["properties"]["n"] for f in legs["data"]["features"]] == ["1. A → B", "2. B → C"]
    labels = next(layer for layer in spec["layers"] if layer["id"] == "route~stops~labels")
    assert [d["t"] for d in labels["data"]] == ["Start: A", "1 B", "2 C"]
    view = spec["initialViewState"]
    assert lonlat(0, 0).x < view["longitude"] < lonlat(10, 10).x and 7 < view["zoom"] < 12


def test_the_printable_page_is_one_self_contained_document(net):
    route = plan_route(net, ["sa-c", "sa-e", "sa-f"], start="seat-1", direction="counterclockwise")
    frames = {
        "city_boundary": gpd.GeoDataFrame(
            {"id": ["c"], "kind": ["city"]},
            geometry=[box(*lonlat(-2, -2).coords[0], *lonlat(17, 12).coords[0])],
            crs="EPSG:4326",
        )
    }
    for lang, words in (
        ("zh", ["阿尔山全域旅游线路（估算）", "合计", "图例", "不作导航使用", "未纳入线路"]),
        ("en", ["Arxan tourism route (approximate)", "Total", "Legend", "not for navigation", "left out"]),
    ):
        doc = route_print.summary_html(
            net,
            route,
            frames,
            lang,
            link="https://plan.example/tourism?stops=sa-c",
            loop_source="schematic <loop>",
        )
        assert doc.startswith("<!doctype html>") and "@page { size: A4" in doc
        for word in words:
            assert word in doc, word
        assert "schematic &lt;loop&gt;" in doc  # escaped
        assert doc.count("<svg") == 2  # the map and the QR code
        svg = doc[doc.index("<svg") : doc.index("</svg>") + 6]
        ET.fromstring(svg)
        assert "http" not in doc.replace("https://plan.example/tourism?stops=sa-c", "").replace(
            "http://www.w3.org/2000/svg", ""
        )  # nothing fetched from elsewhere


def test_scenic_cards_filter_by_theme_and_season_and_cite_their_sources():
    cat = load_catalog()
    scenic = gpd.GeoDataFrame(
        [
            {
                "id": "scenic-tianchi",
                "name_zh": "天池景区",
                "name_en": "Tianchi",
                "themes": ["森林与火山"],
                "theme_source": "plan p.19",
                "theme_note_zh": "规划文本第19页",
                "theme_note_en": "Plan text, p. 19",
                "best_season_zh": "9月底至10月中旬",
                "best_season_en": "late Sept–mid Oct",
                "season_source": "a <cited> page https://example.org/q?a=1",
                "season_note_zh": "公开资料：问答 https://www.example.org/q?a=1",
                "season_note_en": "Public source: a <cited> page https://www.example.org/q?a=1",
                "plan_ref": "p.23",
                "fidelity": "approximate",
                "catalog_id": "tianchi_scenic",
                "grade": "5A",
            },
            {
                "id": "scenic-bailang",
                "name_zh": "白狼景区",
                "name_en": "Bailang",
                "themes": ["林俗文化"],
                "theme_source": None,
                "theme_note_zh": None,
                "theme_note_en": None,
                "best_season_zh": None,
                "best_season_en": None,
                "season_source": None,
                "season_note_zh": None,
                "season_note_en": None,
                "plan_ref": "p.23",
                "fidelity": "approximate",
                "catalog_id": "bailang_scenic",
                "grade": None,
            },
        ],
        geometry=[Point(120.4, 47.3), Point(120.2, 47.0)],
        crs="EPSG:4326",
    )
    cards = scenic_cards(scenic, cat, "en")
    assert len(cards) == 2
    bailang, tianchi = cards
    assert "5A scenic area" in tianchi and "(Source: plan text, p. 23)" in tianchi
    assert "Source: Public source: a &lt;cited&gt; page" in tianchi and "(Autumn)" in tianchi
    # the address is a link named by its host, not a bare URL
    assert (
        '<a href="https://www.example.org/q?a=1" rel="noopener noreferrer" target="_blank">example.org</a>'
        in tianchi
    )
    assert "公开资料：问答" in scenic_cards(scenic, cat, "zh")[1]
    assert "The plan gives no grade" in bailang and bailang.count("No cited source") == 2
    assert len(scenic_cards(scenic, cat, "en", themes=["forest_folk"])) == 1
    assert scenic_cards(scenic, cat, "en", seasons=["autumn"]) == [tianchi]
    assert scenic_cards(scenic, cat, "en", seasons=["winter"]) == []


def test_the_pdf_is_one_a4_page_drawn_without_a_browser(net):
    route = plan_route(net, ["sa-c", "sa-e"], start="seat-1", direction="counterclockwise")
    frames = {
        "city_boundary": gpd.GeoDataFrame(
            {"id": ["c"]},
            geometry=[box(*lonlat(-2, -2).coords[0], *lonlat(17, 12).coords[0])],
            crs="EPSG:4326",
        )
    }
    pdf = route_print.summary_pdf(net, route, frames, "zh", link="https://plan.example/tourism?stops=sa-c")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Pages") == 1 and b"/Count 1" in pdf  # one page


@pytest.mark.parametrize(
    "values, ndigits", [([45.4, 45.4, 45.4], 0), ([0.25, 0.25, 0.25, 0.25], 1), ([59.6], 0)]
)
def test_rounded_parts_add_up_to_the_rounded_total(values, ndigits):
    from arshan_data.tourism.routing import rounded_parts

    parts = rounded_parts(values, ndigits)
    assert round(sum(parts), ndigits) == round(sum(values), ndigits)
    assert all(abs(p - v) <= 10**-ndigits + 1e-9 for p, v in zip(parts, values, strict=True))


def _minutes(text: str) -> int:
    import re

    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return numbers[0] * 60 + numbers[1] if len(numbers) == 2 else numbers[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legs_shown_add_up_to_the_total_shown(net, lang):
    # Legs of 35.0, 9.3 and 4.3 min once showed 35 + 9 + 4 = 48 beside a total of 49.
    route = plan_route(net, ["sa-a", "sa-b"], start="seat-1", direction="clockwise", return_to_start=True)
    table = route_tables.legs_table(net, route, lang)
    time_col = route_tables.t("tourism.col.time", lang)
    km_col = route_tables.t("tourism.col.km", lang)
    assert sum(_minutes(v) for v in table[time_col]) == round(route.total_minutes)
    assert round(sum(table[km_col]), 1) == round(route.total_km, 1)
    summary = route_tables.summary_line(net, route, lang)
    assert route_tables.format_minutes(sum(route.shown_minutes), lang) in summary
    doc = json.loads(json.dumps(route_map.route_geojson(net, route)))
    assert (
        sum(f["properties"]["minutes_approx"] for f in doc["features"])
        == doc["summary"]["total_minutes_approx"]
    )


CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORDS = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_shipped_scenic_cards_speak_one_language(lang):
    # "来源：public: …(http://…)" and "crater lake of the 天池 volcano group" once sat on the
    # Chinese page, "01.综合交通体系 p.23" on the English one.
    from arshan_data.config import load_settings
    from arshan_data.i18n import t

    scenic = gpd.read_parquet(load_settings(env={}).layers_dir / "scenic_areas.parquet")
    for field in ("theme", "season"):
        cited = scenic[f"{field}_source"].notna()
        assert scenic.loc[cited, f"{field}_note_{lang}"].notna().all(), f"{field}_note_{lang} missing"
    plan_ref_label = re.escape(t("tourism.card.plan_ref", lang))
    for card in scenic_cards(scenic, load_catalog(), lang):
        sources = re.sub(r"<[^>]+>", "", " ".join(re.findall(r"<span class='tl-src'>(.*?)</span>", card)))
        plan_ref = re.search(rf"<dt>{plan_ref_label}</dt><dd>(.*?)</dd>", card).group(1)
        assert "http" not in sources  # addresses are links, named by their host
        if lang == "en":
            assert not CJK.search(sources), sources
            assert not CJK.search(plan_ref) and "p. " in plan_ref, plan_ref
        else:
            assert not LATIN_WORDS.search(sources), sources
            assert "页" in plan_ref and "p." not in plan_ref, plan_ref
