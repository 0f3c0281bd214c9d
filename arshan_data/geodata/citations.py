"""How a feature's text cites: plan pages, URLs, quoted words, clauses.

Pure string functions, no plan knowledge: ``plan.check`` uses them to hold each citation to the
plan text (a cited page must contain the cited words).

Page citations come as ``p.23``, ``p.21–23``, ``pp.21–22``, ``p.21/p.22``, ``第23页``,
``第21、22页`` or ``第21至23页``; in ``plan_ref`` as ``<heading>·<heading> p.N[–M][, p.K]``, several
joined by ``;``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

CJK = "\u4e00-\u9fff"
HAS_CJK = re.compile(f"[{CJK}]")
URL = re.compile(r"https?://\S+")

PAGE = re.compile(
    r"(?<![A-Za-z])pp?\.\s?(?P<a>\d{1,2})(?:\s?[–-]\s?(?P<b>\d{1,2}))?"
    r"|第\s?(?P<list>\d{1,2}(?:\s?[、，,和]\s?\d{1,2})*)(?:\s?[至–-]\s?(?P<to>\d{1,2}))?\s?页"
)
#: A quotation: Chinese, corner and straight quotes (a straight single quote only where it is
#: not an apostrophe).
QUOTE = re.compile(
    r"“([^”]{1,300})”|‘([^’]{1,300})’|「([^」]{1,300})」|\"([^\"]{1,300})\""
    r"|(?<![A-Za-z])'([^'\n]{1,300}?)'(?![A-Za-z])"
)
_PAIRS = {"“": "”", "‘": "’", "「": "」"}
_WS = re.compile(r"\s+")
_QUOTE_MARKS = re.compile(r"[“”‘’'\"「」『』]")
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})
#: An ellipsis in quoted words marks a gap: the parts must each be on the page.
GAP = re.compile(r"…+|\.\.\.")


def normalise(text: str) -> str:
    """Text for comparison, not typography: no whitespace or quote marks, one form of ( ) : , ;."""
    return _QUOTE_MARKS.sub("", _WS.sub("", text)).translate(_FULL_WIDTH)


def _pages(match: re.Match) -> list[int]:
    if match["a"]:
        a, b = int(match["a"]), int(match["b"] or match["a"])
        return list(range(min(a, b), max(a, b) + 1))
    numbers = [int(n) for n in re.findall(r"\d+", match["list"])]
    if match["to"]:
        numbers += range(numbers[-1], int(match["to"]) + 1)
    return sorted(set(numbers))


def page_citations(text: str | None) -> Iterator[tuple[str, list[int]]]:
    """Each page citation in the text: its words (``p.21–23``) and the pages it covers."""
    for match in PAGE.finditer(text or ""):
        yield match.group(0), _pages(match)


def cited_pages(text: str | None) -> list[int]:
    """Every page the text cites, in order."""
    return sorted({page for _, pages in page_citations(text) for page in pages})


def has_url(text: str | None) -> bool:
    return bool(URL.search(text or ""))


def clauses(text: str | None) -> list[str]:
    """The text split at ``;`` ``；`` ``。`` and ``. `` outside brackets and quotes."""
    out: list[str] = []
    current: list[str] = []
    depth, closing = 0, ""
    text = text or ""
    for i, ch in enumerate(text):
        if closing:
            closing = "" if ch == closing else closing
        elif ch in _PAIRS:
            closing = _PAIRS[ch]
        elif ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ";；。" or (ch == "." and text[i + 1 : i + 2] == " ")):
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return [c for c in out if c.strip()]


def sentences(text: str | None) -> list[str]:
    """The text split after ``。`` ``；`` ``;`` and at ``. `` (for claims: a claim and what
    backs it must be in one sentence)."""
    return [s for s in re.split(r"(?<=[。；;])|(?<=\.)\s", text or "") if s.strip()]


def quoted(text: str) -> list[str]:
    """The quoted passages of a text."""
    return [next(g for g in m.groups() if g is not None) for m in QUOTE.finditer(text)]


def on_page(words: str, page_text: str) -> bool:
    """Whether the words (``…`` marking gaps) are on a page (normalised text, see ``normalise``)."""
    parts = [normalise(p) for p in GAP.split(words)]
    return all(p in page_text for p in parts if p)


# Words bound to a page by the way they are written (checked against that page):
#: ``p.19 (白狼林俗景区；林俗生态文化休闲区)``: the lead of the bracket after a page.
_PAREN_AFTER = re.compile(r"p\.\s?(\d{1,2})(?:\s?[–-]\s?(\d{1,2}))?\s?[(（]([^()（）]*)[)）]")
#: ``空间格局规划图 (p.13;``: a map title before its page.
_MAP_TITLE = re.compile(rf"([{CJK}0-9A-Za-z\-—]+图)(?: text| description)? ?\(p\.\s?(\d{{1,2}})")
#: ``the nine 风貌区 of p.26``.
_OF_PAGE = re.compile(rf"([{CJK}][{CJK}0-9A-Za-z·]*) of p\.\s?(\d{{1,2}})")
#: ``the p.23 全域大环线``, ``p.13的多点``.
_PAGE_THEN = re.compile(rf"p\.\s?(\d{{1,2}})(?:的| )([{CJK}][{CJK}0-9A-Za-z·]*)")


def page_bound_words(clause: str) -> list[tuple[str, list[int], str]]:
    """The Chinese words a clause binds to plan pages, as (words, pages, how they are bound):
    the lead of ``p.N (…)``, a map title before ``(p.N``, ``X of p.N``, ``p.N X``, and — in a
    clause that cites pages and no URL — every quotation. A clause without page citations binds
    nothing."""
    pages = cited_pages(clause)
    if not pages:
        return []
    found: list[tuple[str, list[int], str]] = []
    for m in _PAREN_AFTER.finditer(clause):
        first, last = int(m[1]), int(m[2] or m[1])
        lead = re.split(r"[:,;]\s|\s(?=[A-Za-z])", m[3])[0]
        found += [
            (part, list(range(first, last + 1)), "p.N (…)")
            for part in re.split(r"[；;]", lead)
            if HAS_CJK.search(part)
        ]
    found += [(m[1], [int(m[2])], "map title before (p.N") for m in _MAP_TITLE.finditer(clause)]
    found += [(m[1], [int(m[2])], "… of p.N") for m in _OF_PAGE.finditer(clause)]
    found += [(m[2], [int(m[1])], "p.N …") for m in _PAGE_THEN.finditer(clause)]
    if not has_url(clause):
        found += [(q, pages, "quotation") for q in quoted(clause) if HAS_CJK.search(q)]
    return found


#: One part of a feature's ``plan_ref``: "空间规划重点内容·01.综合交通体系 p.23–24, p.30".
_PLAN_REF = re.compile(r"^(?P<names>.+?)\s+(?P<pages>p\.\s*\d+(?:[–-]\d+)?(?:,\s*p\.\s*\d+(?:[–-]\d+)?)*)$")
_NUMBERED = re.compile(r"^(?P<number>\d{2})\.(?P<name>.+)$")


def plan_ref_text(ref: str | None, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A feature's ``plan_ref`` ("空间规划重点内容·01.综合交通体系 p.23; …") in the reader's language:
    "Key Contents of the Spatial Plan · 01. Integrated transport system, p. 23" in English,
    "空间规划重点内容·01.综合交通体系，第23页" in Chinese. ``names`` (zh → en, from
    ``plan.catalog.heading_names``) names the headings in English; a heading it does not know
    stays as the plan prints it."""
    if not ref:
        return ""
    names = names or {}
    shown = []
    for part in (p.strip() for p in str(ref).split(";") if p.strip()):
        match = _PLAN_REF.match(part)
        if not match:
            shown.append(part)
            continue
        pages = re.findall(r"\d+(?:[–-]\d+)?", match["pages"])
        if lang == "zh":
            shown.append(f"{match['names']}，第{'、'.join(pages)}页")
            continue
        heads = []
        for name in match["names"].split("·"):
            numbered = _NUMBERED.match(name)
            bare = numbered["name"] if numbered else name
            english = names.get(bare, bare)
            heads.append(f"{numbered['number']}. {english}" if numbered else english)
        label = " · ".join(heads)
        shown.append(f"{label}, {'pp.' if len(pages) > 1 or '–' in pages[0] else 'p.'} {', '.join(pages)}")
    return "；".join(shown) if lang == "zh" else "; ".join(shown)
