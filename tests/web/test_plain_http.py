"""The plain edition and the interactive pages' documents, as a browser without JavaScript, a
search engine or a chat app's link preview gets them from a real server."""

from __future__ import annotations

import gzip
import io
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from arshan_data import site
from arshan_data.i18n import t
from arshan_data.plan import summaries
from arshan_data.plan.catalog import figure, load_catalog
from arshan_data.plan.figures import format_figure

from .conftest import PUBLISHED, Page, fetch

pytestmark = pytest.mark.slow

PLAIN = [entry.url_path for entry in site.PLAIN_PAGES]
CAVEAT = "以最终批复为准"
#: Plan figures each page must show (as the plan prints them, in the page's language).
PAGE_FIGURES = {
    "overview": summaries.KEY_FIGURES,
    "pattern": ("eco_redline", "basic_farmland", "urban_boundary"),
    "towns": ("central_city_area", "village_pop_arxan", "village_pop_xikou"),
    "indicators": tuple(f["id"] for f in load_catalog()["figures"]["figures"]),
    "feedback": (),
}


def test_the_plain_edition_has_every_public_page_and_only_those():
    assert set(PLAIN) == {
        "overview", "pattern", "ecology", "towns", "transport", "heritage", "implementation",
        "whatshere", "indicators", "tourism", "feedback", "heard", "data", "accessibility",
    }  # fmt: skip


@pytest.fixture(scope="module")
def pages(server):
    """Every plain page in both languages, fetched once."""
    out = {}
    for name in PLAIN:
        for lang in ("zh", "en"):
            out[name, lang] = fetch(f"{server.url}/plain/{name}" + ("?lang=en" if lang == "en" else ""))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PLAIN)
def test_a_plain_page_is_a_whole_document_without_script(pages, name, lang):
    reply = pages[name, lang]
    assert reply.status == 200, reply.text[:500]
    assert reply.headers["content-type"].startswith("text/html")
    page = Page(reply.text)
    assert page.lang == ("zh-CN" if lang == "zh" else "en")
    assert "script" not in page.tags and "<script" not in reply.text.lower()
    assert page.h.count(1) == 1 and page.h[0] == 1, page.h
    assert all(b - a <= 1 for a, b in zip(page.h, page.h[1:], strict=False)), (
        f"headings skip a level: {page.h}"
    )
    entry = site.required_page(name)
    assert t(entry.title_key, lang) in page.text
    caveat = load_catalog()["meta"]["status"]["draft_caveat"][lang]
    assert caveat in page.text and (lang == "en" or CAVEAT in page.text)
    # the other edition and the other language are one link away
    assert site.page_path(entry) + ("?lang=en" if lang == "en" else "") in page.links
    other = "" if lang == "en" else "?lang=en"
    assert f"/plain/{name}{other}" in page.links


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(PAGE_FIGURES))
def test_a_plain_page_shows_its_plan_figures_as_printed(pages, name, lang):
    text = Page(pages[name, lang].text).text
    for fid in PAGE_FIGURES[name]:
        shown = format_figure(figure(fid), lang)
        assert shown.value in text, (fid, shown.value)
    if name == "feedback":
        contact = load_catalog()["implementation"]["public_comment"]["contact"]
        assert contact["email"] in text and contact["phone"] in text and contact["postcode"] in text


@pytest.mark.parametrize(
    "name", ["overview", "towns", "transport", "heritage", "ecology", "tourism", "pattern"]
)
def test_a_map_page_has_its_map_as_svg_with_legend_scale_and_table(pages, name):
    html = pages[name, "zh"].text
    assert "<svg" in html and "图例" in html and "公里" in html  # legend heading, scale bar unit
    assert re.search(r"<table[^>]*>\s*<caption>", html) and '<th scope="col">' in html
    assert "位置精度" in html  # the fidelity of what the map shows, in words
    en = pages[name, "en"].text
    assert "Legend" in en and "How exact the positions" in en


def test_every_same_origin_link_on_every_plain_page_resolves(server, pages):
    seen: dict[str, int] = {}
    for (name, _), reply in pages.items():
        base = f"{server.url}/plain/{name}"
        for link in Page(reply.text).links:
            url = urljoin(base, link)
            if (
                urlsplit(url).scheme not in ("http", "https")
                or urlsplit(url).netloc != urlsplit(server.url).netloc
            ):
                continue
            if url not in seen:
                seen[url] = fetch(url).status
    broken = {url: status for url, status in seen.items() if status != 200}
    assert not broken, broken
    assert any("/plain/whatshere?place=" in url for url in seen)  # place answers were followed


def test_each_plain_page_with_what_it_links_stays_within_100_kb_gzip(server, pages):
    css = fetch(f"{server.url}/plain/plain.css").body
    for (name, lang), reply in pages.items():
        weight = len(gzip.compress(reply.body)) + len(gzip.compress(css))
        assert weight <= 100_000, (name, lang, weight)


def test_the_what_is_here_list_leads_to_a_plain_answer_per_place(server, pages):
    links = [link for link in Page(pages["whatshere", "en"].text).links if "place=" in link]
    assert len(links) >= 10
    answer = fetch(urljoin(server.url, next(link for link in links if "place=" in link)))
    assert answer.status == 200 and "<script" not in answer.text
    page = Page(answer.text)
    assert page.lang == "en"
    for heading in ("whatshere.section.town", "whatshere.section.zones"):
        assert t(heading, "en") in page.text
    assert t("whatshere.section.nearby", "en", km="10") in page.text


def test_the_public_record_is_paginated_and_plain_text(server, pages):
    first = pages["heard", "zh"].text
    assert first.count('<article class="answer">') == 20
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in first and "<b>not bold</b>" not in first
    assert "unpublished" not in first
    second = fetch(f"{server.url}/plain/heard?page=2")
    assert second.status == 200 and second.text.count('<article class="answer">') == PUBLISHED - 20
    assert fetch(f"{server.url}/plain/heard?page=9").status == 404


@pytest.mark.parametrize(
    "path, lang",
    [
        ("/plain/no-such-page", "zh"),
        ("/plain/staff", "zh"),
        ("/plain/present?lang=en", "en"),
        ("/plain/towns?lang=fr", "zh"),
        ("/plain/whatshere?place=no-such-place&lang=en", "en"),
        ("/plain/whatshere?place=%3Cscript%3Ealert(1)%3C/script%3E", "zh"),
    ],
)
def test_bad_input_gets_a_404_page_in_the_site_style_never_a_trace(server, path, lang):
    reply = fetch(server.url + path)
    assert reply.status == 404
    page = Page(reply.text)
    assert page.lang == ("zh-CN" if lang == "zh" else "en")
    assert t("plain.404.heading", lang) in page.text
    assert "/plain/overview" in " ".join(page.links)
    assert "<script" not in reply.text and "Traceback" not in reply.text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["towns", "overview"])
def test_the_interactive_page_document_has_lang_title_description_and_card(server, name, lang):
    entry = site.required_page(name)
    path = site.page_path(entry)  # the overview is the site's home, "/"
    reply = fetch(
        f"{server.url}{path}" + ("?lang=en" if lang == "en" else ""), headers={"Accept-Encoding": "gzip"}
    )
    assert reply.status == 200
    html = reply.text
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert f"<title>{site.document_title(entry, lang)}</title>" in html
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and len(description.group(1)) > 5
    for prop in ("og:title", "og:description", "og:image", "og:url"):
        assert f'property="{prop}"' in html, prop
    assert re.search(r'property="og:url" content="http://localhost:8501' + re.escape(path) + '["?]', html)
    assert '<div id="root">' in html and "<noscript>" in html and f"/plain/{name}" in html


def test_the_share_image_is_a_png_of_about_1200_by_630(server):
    from PIL import Image

    reply = fetch(f"{server.url}/og/towns-zh.png")
    assert reply.status == 200 and reply.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(reply.body)).size == (1200, 630)
    assert fetch(f"{server.url}/og/staff-zh.png").status == 404


@pytest.mark.parametrize("suffix", ["", "/", "?lang=en&layers=seats"])
def test_the_home_page_by_its_own_name_opens_the_home_page(server, suffix):
    # "/overview" once drew Streamlit's English "Page not found" pop-up over the overview.
    request = urllib.request.Request(f"{server.url}/overview{suffix}", method="GET")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(request, timeout=60)
    assert moved.value.code == 301
    query = suffix.partition("?")[2]
    assert moved.value.headers["Location"] == "/" + (f"?{query}" if query else "")
    assert fetch(f"{server.url}/overview{suffix}").status == 200  # followed: the app's page


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_unknown_interactive_paths_are_real_404s_that_still_load_the_app(server):
    reply = fetch(f"{server.url}/no-such-page")
    assert reply.status == 404 and '<div id="root">' in reply.text


def test_the_sitemap_lists_every_plain_page_in_both_languages_and_robots_keeps_staff_out(server):
    sitemap = fetch(f"{server.url}/sitemap.xml")
    assert sitemap.status == 200 and sitemap.headers["content-type"].startswith("application/xml")
    for name in PLAIN:
        assert f"<loc>http://localhost:8501/plain/{name}</loc>" in sitemap.text
        assert f"<loc>http://localhost:8501/plain/{name}?lang=en</loc>" in sitemap.text
    assert "<loc>http://localhost:8501/</loc>" in sitemap.text
    assert "<loc>http://localhost:8501/towns</loc>" in sitemap.text
    assert not re.search(r"8501/overview\b", sitemap.text)  # a redirect, not a page
    assert 'hreflang="en"' in sitemap.text and "/staff" not in sitemap.text
    robots = fetch(f"{server.url}/robots.txt")
    assert robots.status == 200 and robots.headers["content-type"].startswith("text/plain")
    assert "Disallow: /staff" in robots.text and "Sitemap: http://localhost:8501/sitemap.xml" in robots.text


def test_streamlit_frontend_files_are_compressed_and_immutable(server):
    index = fetch(server.url + "/towns").text
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index).group(1)
    reply = fetch(f"{server.url}/{script}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert reply.status == 200 and reply.headers["content-encoding"] in ("br", "gzip")
    assert reply.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert reply.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plain_figures_page_can_be_searched_without_javascript(server, lang):
    other = "&lang=en" if lang == "en" else ""
    page = fetch(f"{server.url}/plain/indicators?q=p.31{other}")
    assert page.status == 200
    assert '<form method="get" role="search">' in page.text and 'value="p.31"' in page.text
    assert (lang == "zh") == ('name="lang"' not in page.text)  # the language goes with the search
    cropland = figure("cropland_target")
    redline = figure("eco_redline")
    assert cropland[lang] in page.text and redline[lang] not in page.text
    none = fetch(f"{server.url}/plain/indicators?q=zzzz{other}")
    assert 'role="status"' in none.text and "zzzz" in none.text and redline[lang] not in none.text
