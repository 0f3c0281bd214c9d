"""UI strings in Chinese (first) and English. Plan facts never live here: they are in the catalog.

Strings are flat dotted keys in ``<lang>/*.yaml`` (one file per part of the site, e.g.
``zh/feedback.yaml``); a test fails when a key is in one language and not the other, when two
files define the same key, or when code asks for a key that does not exist.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
#: The HTML ``lang`` attribute of each language (the document, and a fragment in the other one).
HTML_LANG = {"zh": "zh-CN", "en": "en"}
_DIR = Path(__file__).resolve().parent


@functools.cache
def strings(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    merged: dict[str, str] = {}
    for path in sorted((_DIR / lang).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in merged:
                raise ValueError(f"{path}: key {key!r} is already defined in another {lang} file")
            merged[str(key)] = str(value)
    return merged


def t(key: str, lang: str, /, **values: object) -> str:
    """The string for ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    text = strings(lang)[key]
    return text.format(**values) if values else text


def vocabulary_label(key_prefix: str, value: str | None, lang: str) -> str:
    """A translated label for a vocabulary value (e.g. ``status.planned``), or the value itself."""
    if not value:
        return ""
    return strings(lang).get(f"{key_prefix}.{value}", value)


def join(items: Iterable[str], lang: str, *, en_separator: str = ", ") -> str:
    """Items of a list in running text: 、 in Chinese; ``, `` in English (``; `` where the items
    hold commas themselves)."""
    return ("、" if lang == "zh" else en_separator).join(items)


def normalise_lang(value: str | None) -> str:
    """A language code from a URL or a form, falling back to Chinese for anything unknown."""
    value = (value or "").strip().lower()
    return value if value in LANGS else DEFAULT_LANG
