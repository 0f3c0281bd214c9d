"""The place a comment was tied to, in words: the element it is about and the named place its
~1 km cell lies at or near."""

from __future__ import annotations

from arshan_data.feedback.elements import Element, nearest_landmark, place_text

#: 伊尔施 and a village 20 km to its east (0.264° of longitude at 47.1° N ≈ 20 km), a road.
YIERSHI = Element("seat-yrs", "seats", "towns", "伊尔施镇", "Yirshi", (119.90, 47.10))
VILLAGE = Element("village-e", "villages", "towns", "东村", "East Village", (120.164, 47.10))
ROAD = Element("road-1", "roads", "transport", "伊白公路", "Yirshi–Bailang road", (119.95, 47.10))
ELEMENTS = {e.id: e for e in (YIERSHI, VILLAGE, ROAD)}


def test_the_nearest_landmark_is_a_town_village_or_scenic_area_never_a_road():
    place, km = nearest_landmark(119.95, 47.10, ELEMENTS)  # on the road, ~3.8 km from 伊尔施
    assert place is YIERSHI and 3.5 < km < 4.1
    place, km = nearest_landmark(120.16, 47.10, ELEMENTS)
    assert place is VILLAGE and km < 0.5
    assert nearest_landmark(120.0, 47.1, {"road-1": ROAD}) is None


def test_a_comment_near_a_town_names_the_town_the_distance_and_the_square():
    assert place_text(None, ("c1_2", 119.95, 47.10), ELEMENTS, "zh") == [
        "位置：伊尔施镇附近约4公里（方格 c1_2）"
    ]
    assert place_text(None, ("c1_2", 119.95, 47.10), ELEMENTS, "en") == [
        "Place: about 4 km from Yirshi · square c1_2"
    ]


def test_a_comment_in_a_village_says_it_is_at_the_village():
    assert place_text(None, ("c9_2", 120.165, 47.101), ELEMENTS, "zh") == ["位置：东村一带（方格 c9_2）"]


def test_the_element_comes_first_and_a_comment_tied_to_nothing_has_no_place():
    lines = place_text("road-1", ("c1_2", 119.95, 47.10), ELEMENTS, "en")
    assert lines[0].startswith("About: Yirshi–Bailang road · ") and lines[1].startswith("Place: about 4 km")
    assert place_text(None, None, ELEMENTS, "zh") == []
    assert place_text("gone-element", None, ELEMENTS, "zh") == []


def test_without_named_places_the_square_is_given_with_its_coordinates():
    assert place_text(None, ("c1_2", 119.95, 47.1), {}, "zh") == [
        "位置：方格 c1_2（约东经119.950°、北纬47.100°）"
    ]
