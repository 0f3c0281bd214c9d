"""Catalog entries as semantic HTML: headings, paragraphs, lists and tables, each block with the
plan page it comes from, our own words labelled as ours. Everything is escaped.

The catalog's own structure decides the markup: a mapping with a ``heading`` is a section, a
list of entries is a list, a mapping with ``columns`` and ``rows`` is a table; the figures an
entry names (``figure_ids``) are collected for the page's figure table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from arshan_data.i18n import join, t
from arshan_data.plan import catalog as plan
from arshan_data.plan.catalog import Catalog, text
from arshan_data.plan.figures import format_figure

#: Our own words, in the order they are shown, with their label (as on the interactive pages).
OWN_WORDS = (
    ("interpretation", "plan.own.interpretation"),
    ("plan_silent", "plan.own.plan_silent"),
    ("note", "plan.own.note"),
    ("context", "plan.own.context"),
)
#: Keys that are bookkeeping, not text to show.
SKIP = frozenset(
    {
        "id",
        "page",
        "last_page",
        "also_pages",
        "zh",
        "en",
        "zh_verbatim",
        "figure_ids",
        "context_source",
        "heading",
        "lon",
        "lat",
        "slots",
        "label",
        "start",
        "end",
        "days",
        "value",
        "unit",
        "binding",
        "share_pct",
        "wan_mu",
    }
)


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def table_box(label: str) -> str:
    """The opening of a table's box: it scrolls sideways on a narrow screen, so it is a named,
    focusable region (a keyboard reader can scroll it; axe ``scrollable-region-focusable``).
    ``label`` is plain text (the table's caption)."""
    return f'<div class="table" role="region" tabindex="0" aria-label="{esc(label)}">'


def cite(pages: int | Sequence[int] | None, lang: str) -> str:
    """The plan page(s) a block comes from, as the interactive pages write it."""
    if pages is None:
        return ""
    pages = [pages] if isinstance(pages, int) else [p for p in pages if p is not None]
    if not pages:
        return ""
    if len(pages) == 1:
        words = t("source.plan_page", lang, page=pages[0])
    else:
        words = t("source.plan_pages", lang, pages=join(map(str, pages), lang))
    return f'<p class="cite">{esc(words)}</p>'


def inline_cite(entry: Mapping, lang: str) -> str:
    page = entry.get("page")
    if not isinstance(page, int):
        return ""
    return f' <span class="cite">({esc(plan.plan_page_ref(page, lang))})</span>'


def own_words(entry: Mapping, lang: str) -> str:
    out = ""
    for key, label in OWN_WORDS:
        if entry.get(key):
            out += (
                f'<p class="own"><b>{esc(t(label, lang))}</b>{esc(text(entry[key], lang))}'
                f"{inline_cite(entry[key], lang) if isinstance(entry[key], Mapping) else ''}</p>"
            )
    if entry.get("context_source"):
        out += f'<p class="own">{esc(t("plan.own.context_source", lang))}{esc(entry["context_source"])}</p>'
    return out


class Writer:
    """Writes catalog nodes; remembers the figures they name (``figure_ids``)."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.figure_ids: list[str] = []

    def _note_figures(self, node: Mapping) -> None:
        for fid in node.get("figure_ids", []) or []:
            if fid not in self.figure_ids:
                self.figure_ids.append(fid)

    # -------------------------------------------------------------------------------- blocks

    def section(self, node: Mapping, level: int = 2, title: str | None = None) -> str:
        """A section: its heading (``heading`` entry or ``title``), then its parts in order."""
        heading = node.get("heading")
        out = ""
        if isinstance(heading, Mapping):
            out += f"<h{level}>{esc(text(heading, self.lang))}</h{level}>"
        elif title:
            out += f"<h{level}>{esc(title)}</h{level}>"
        out += self.parts(node, level + 1)
        pages = _pages(node)
        if pages and isinstance(heading, Mapping):
            out += cite(pages, self.lang)
        return f"<section>{out}</section>"

    def parts(self, node: Mapping, level: int) -> str:
        self._note_figures(node)
        out = ""
        if "zh" in node:
            out += f"<p>{esc(text(node, self.lang))}{inline_cite(node, self.lang)}</p>"
        for key, value in node.items():
            if key in SKIP or key in dict(OWN_WORDS) or key.endswith(("_id", "_ids")):
                continue
            out += self.value(key, value, level)
        out += own_words(node, self.lang)
        return out

    def value(self, key: str, value: Any, level: int) -> str:
        if isinstance(value, Mapping):
            if "columns" in value and "rows" in value:
                return self.table(value)
            if key == "map" and "zh" in value:
                return (
                    f'<p class="plan-map">{esc(t("plain.plan_map", self.lang))}'
                    f"{esc(text(value, self.lang))}{inline_cite(value, self.lang)}</p>"
                )
            if "heading" in value:
                return self.section(value, min(level, 6))
            if "zh" in value and not any(
                isinstance(v, (Mapping, list)) for k, v in value.items() if k not in SKIP
            ):
                self._note_figures(value)
                return f"<p>{esc(text(value, self.lang))}{inline_cite(value, self.lang)}</p>" + own_words(
                    value, self.lang
                )
            return f"<div>{self.parts(value, level)}</div>"
        if isinstance(value, list):
            entries = [v for v in value if isinstance(v, Mapping)]
            if entries:
                return self.items(entries, level)
        return ""

    def items(self, entries: Iterable[Mapping], level: int) -> str:
        out = []
        for entry in entries:
            self._note_figures(entry)
            body = ""
            if "zh" in entry:
                body += f"{esc(text(entry, self.lang))}{inline_cite(entry, self.lang)}"
            rest = ""
            for key, value in entry.items():
                if key in SKIP or key in dict(OWN_WORDS) or key.endswith(("_id", "_ids")):
                    continue
                rest += self.value(key, value, level)
            out.append(f"<li>{body}{rest}{own_words(entry, self.lang)}</li>")
        return "<ul>" + "".join(out) + "</ul>"

    def table(self, node: Mapping) -> str:
        columns = node["columns"]
        title = node.get("title") or node.get("heading") or {}
        head = "".join(f'<th scope="col">{esc(text(c, self.lang))}</th>' for c in columns)
        rows = []
        for row in node["rows"]:
            self._note_figures(row)
            cells = []
            name_used = False
            for i, column in enumerate(columns):
                value = row.get(column.get("id"))
                if value is None and not name_used and "zh" in row:
                    value, name_used = text(row, self.lang), True
                shown = esc(text(value, self.lang) if isinstance(value, (Mapping, str)) else value or "")
                cells.append(f'<th scope="row">{shown}</th>' if i == 0 else f"<td>{shown}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        notes = "".join(own_words(row, self.lang) for row in node["rows"]) + own_words(node, self.lang)
        caption = f"{esc(text(title, self.lang))}{inline_cite(title, self.lang) if title else ''}"
        return (
            f"{table_box(text(title, self.lang))}<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>{notes}"
        )

    # -------------------------------------------------------------------------------- figures

    def figure_table(self, figure_ids: Sequence[str], caption: str) -> str:
        """The plan's printed figures as a table: what, value as printed, share, plan page."""
        return figure_table([plan.figure(fid, self.catalog) for fid in figure_ids], caption, self.lang)


def figure_table(figures: Sequence[Mapping], caption: str, lang: str) -> str:
    if not figures:
        return ""
    head = "".join(
        f'<th scope="col">{esc(t(key, lang))}</th>'
        for key in ("plain.col.figure", "plain.col.value", "plain.col.note", "plain.col.page")
    )
    rows = []
    for fig in figures:
        shown = format_figure(fig, lang)
        rows.append(
            f'<tr><th scope="row">{esc(shown.label)}</th><td class="num">{esc(shown.value)}</td>'
            f"<td>{esc(shown.note)}</td><td>{esc(plan.plan_page_ref(fig, lang))}</td></tr>"
        )
    return (
        f"{table_box(caption)}<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _pages(node: Mapping) -> list[int]:
    """Plan pages a section draws on, in order (its heading's, then its parts')."""
    found: list[int] = []

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            page = value.get("page")
            if isinstance(page, int) and page not in found:
                found.append(page)
            for key, child in value.items():
                if key not in ("interpretation", "plan_silent", "note", "context"):
                    walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(node)
    return sorted(found)
