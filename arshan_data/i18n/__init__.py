"""UI strings in Chinese (first) and English. Plan facts never live here: they are in the catalog.

Strings are flat dotted keys in ``zh.yaml`` and ``en.yaml``; a test fails when a key is in one
file and not the other, or when code asks for a key that neither has.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
_DIR = Path(__file__).resolve().parent


@functools.cache
def strings(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    data = yaml.safe_load((_DIR / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def t(key: str, lang: str, /, **values) -> str:
    """The string for ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    text = strings(lang)[key]
    return text.format(**values) if values else text


def normalise_lang(value: str | None) -> str:
    """A language code from a URL or a form, falling back to Chinese for anything unknown."""
    value = (value or "").strip().lower()
    return value if value in LANGS else DEFAULT_LANG
