"""Open one plan page the way a reader does: by a link that carries only its own parameters."""

import json


def open_page(make, page: str, lang: str = "zh", **query):
    """``make`` is the ``app`` fixture: the page as a link opens it, with ``lang`` and ``query``."""
    return make(page, lang=lang, **query)


def deck_layer_ids(at, index: int = 0) -> set[str]:
    chart = at.get("deck_gl_json_chart")[index]
    return {layer["id"] for layer in json.loads(chart.proto.json)["layers"]}


def page_links(at) -> dict[str, tuple[str, str]]:
    """Label → (url path, query string) of every page link on the page."""
    return {link.proto.label: (link.proto.page, link.proto.query_string) for link in at.get("page_link")}


def chart_images(at) -> list[str]:
    """The alt texts of the page's images (plan charts drawn as SVG: ``figures.svg_chart``)."""
    return [img.alt for element in at.get("image") for img in element.proto.imgs]
