"""The frame of every plain page: head, draft caveat, link to the interactive page, language
switch, the plain pages' menu and the footer. No script, one small same-origin stylesheet."""

from __future__ import annotations

from arshan_data import site
from arshan_data.i18n import LANGS, t
from arshan_data.plan.catalog import Catalog, text
from arshan_data.web import meta
from arshan_data.web.plain.catalog_html import esc

#: The plain edition's stylesheet (screen and print), served at ``/plain/plain.css``.
STYLESHEET = "plain.css"


def document(
    entry: site.PageEntry | None,
    lang: str,
    body: str,
    catalog: Catalog,
    where: meta.Site,
    *,
    query: dict[str, str] | None = None,
    title: str | None = None,
) -> str:
    """A whole plain page. ``entry`` None: a page of the plain edition that is no site page (404)."""
    shown = entry or site.DEFAULT_PAGE
    head = meta.page_head(shown, lang, catalog, where, plain=True)
    if title is not None:
        head = meta.Head(
            head.lang,
            title,
            head.description,
            head.canonical,
            head.image,
            head.alternates,
            "",
            head.site_name,
        )
    here = site.plain_path(shown) if entry else None
    query = {k: v for k, v in (query or {}).items() if k != "lang"}
    switch = "".join(
        f'<a href="{esc(where.path(here, code, **query) if here else where.path(site.plain_path(shown), code))}" '
        f'hreflang="{meta.HTML_LANG[code]}" lang="{meta.HTML_LANG[code]}"'
        + (' aria-current="true"' if code == lang else "")
        + f">{esc(t(f'app.lang.{code}', code))}</a>"
        for code in LANGS
    )
    interactive = ""
    if entry is not None:
        interactive = (
            f'<a class="edition" href="{esc(where.path(site.page_path(entry), lang))}">'
            f"{esc(t('plain.to_interactive', lang))}</a>"
        )
    menu = "".join(
        f'<li><a href="{esc(where.path(site.plain_path(p), lang))}"'
        + (' aria-current="page"' if entry is not None and p.url_path == entry.url_path else "")
        + f">{esc(t(p.title_key, lang))}</a></li>"
        for p in site.PLAIN_PAGES
    )
    caveat = text(catalog["meta"]["status"]["draft_caveat"], lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{head.lang}">\n<head>\n    <meta charset="utf-8">\n'
        '    <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"    {meta.head_tags(head, esc)}\n"
        f'    <link rel="stylesheet" href="{esc(where.path("/" + site.PLAIN_PREFIX + "/" + STYLESHEET))}">\n'
        "</head>\n<body>\n"
        f'<a class="skip" href="#main">{esc(t("plain.skip", lang))}</a>\n'
        '<header class="site">\n'
        f'<p class="site-title">{esc(t("app.title", lang))}</p>\n'
        f'<p class="caveat" role="note"><b>{esc(t("plain.caveat", lang))}</b>{esc(caveat)}</p>\n'
        f'<nav class="editions" aria-label="{esc(t("plain.editions", lang))}">'
        f'<span class="this">{esc(t("plain.this_edition", lang))}</span>{interactive}'
        f'<span class="langs">{switch}</span></nav>\n'
        "</header>\n"
        f'<main id="main">\n{body}\n</main>\n'
        f'<nav class="pages" aria-label="{esc(t("plain.menu", lang))}"><h2>{esc(t("plain.menu", lang))}</h2>'
        f"<ul>{menu}</ul></nav>\n"
        f"<footer><p>{esc(t('app.unofficial', lang))}</p><p>{esc(t('plain.footer', lang))}</p></footer>\n"
        "</body>\n</html>\n"
    )


CSS = """
:root{--ink:#1e1e1e;--muted:#4a4a4a;--green:#1b4332;--line:#c8c8c0;--warn:#8a1c1c}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:0 1rem 2rem;color:var(--ink);background:#fff;
font:1rem/1.6 'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif}
a{color:#0b5394}a:focus-visible{outline:3px solid #e69f00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem}
header.site{border-bottom:2px solid var(--green);padding:.75rem 0 .5rem;margin-bottom:1rem}
.site-title{font-weight:700;color:var(--green);margin:0 0 .25rem}
.caveat{margin:.25rem 0;padding:.4rem .6rem;border-left:4px solid var(--warn);background:#fbf3f2;color:var(--warn)}
nav.editions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0 0}
nav.editions .this{color:var(--muted)}nav.editions .langs{margin-left:auto;display:flex;gap:.75rem}
nav.editions a,nav.pages a{display:inline-block;min-height:24px;padding:2px 0}
nav.editions a[aria-current]{font-weight:700;text-decoration:none;color:var(--ink)}
h1{font-size:1.75rem;line-height:1.3;color:var(--green);margin:.5rem 0 1rem}
h2{font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin:2rem 0 .75rem}
h3{font-size:1.12rem;margin:1.5rem 0 .5rem}h4,h5,h6{font-size:1rem;margin:1rem 0 .4rem}
.cite{color:var(--muted);font-size:.875rem}p.cite{margin:.25rem 0 1rem}
.own{color:var(--muted);font-size:.92rem;border-left:3px solid var(--line);padding-left:.5rem}
.plan-map{color:var(--muted);font-size:.92rem}
ul{padding-left:1.25rem}li{margin:.2rem 0}
.table{overflow-x:auto;margin:.5rem 0 1rem}.table:focus-visible{outline:3px solid var(--green);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--green)}td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
table.features th,table.features td{min-width:5.5em}
table.features td:last-child{min-width:16em;font-size:.82rem;overflow-wrap:anywhere;color:var(--muted)}
figure{margin:.5rem 0}.svg svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.875rem}
.fidelity{font-size:.92rem}
.answer{border:1px solid var(--line);padding:.5rem .75rem;margin:.75rem 0}
.answer pre,.comment{white-space:pre-wrap;font:inherit;margin:.25rem 0}
.pager{display:flex;gap:1rem;margin:1rem 0}
nav.pages{border-top:2px solid var(--green);margin-top:2rem}
nav.pages h2{border:0;font-size:1.1rem}
nav.pages ul{columns:2 12rem;list-style:none;padding:0}
nav.pages a[aria-current]{font-weight:700;color:var(--ink)}
footer{color:var(--muted);font-size:.875rem;margin-top:1rem}
@media print{
nav.pages,nav.editions,.skip{display:none}
body{max-width:none;padding:0;font-size:10.5pt}
a{color:inherit;text-decoration:none}
h2,h3{break-after:avoid}table,figure,li{break-inside:avoid}
.caveat{background:none}
main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em}
}
"""
