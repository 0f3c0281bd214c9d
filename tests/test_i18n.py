"""Every UI string exists in both languages, and every key the code asks for exists."""

import re

import pytest

from arshan_data.geodata.layers import FIDELITIES, STATUSES
from arshan_data.i18n import LANGS, normalise_lang, strings, t

from .conftest import REPO

KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def keys_used_in_code() -> set[str]:
    used = set()
    for path in [REPO / "app.py", *REPO.glob("arshan_data/**/*.py"), *REPO.glob("pages/*.py")]:
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    return used


def test_both_languages_have_the_same_keys():
    zh, en = set(strings("zh")), set(strings("en"))
    assert sorted(zh - en) == [], "keys missing in en.yaml"
    assert sorted(en - zh) == [], "keys missing in zh.yaml"


def test_every_key_the_code_uses_exists():
    used = keys_used_in_code()
    assert len(used) > 20
    assert sorted(used - set(strings("zh"))) == []


@pytest.mark.parametrize("lang", LANGS)
def test_vocabularies_are_translated(lang):
    for fidelity in FIDELITIES:
        assert t(f"fidelity.{fidelity}", lang)
        assert t(f"fidelity.explain.{fidelity}", lang)
    for status in STATUSES:
        assert t(f"status.{status}", lang)


def test_no_string_is_left_empty_by_mistake():
    for lang in LANGS:
        empty = [k for k, v in strings(lang).items() if not v.strip() and not k.startswith("unit.")]
        assert empty == []


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)}")
    for key, zh in strings("zh").items():
        assert set(field.findall(zh)) == set(field.findall(strings("en")[key])), key


def test_unknown_language_from_a_url_falls_back_to_chinese():
    assert normalise_lang("EN") == "en"
    assert normalise_lang("fr") == "zh"
    assert normalise_lang(None) == "zh"
