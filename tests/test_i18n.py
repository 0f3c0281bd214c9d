"""Every UI string exists in both languages, and every key the code asks for exists."""

import ast
import re

import pytest

from arshan_data.geodata.layers import FIDELITIES, STATUSES
from arshan_data.i18n import LANGS, normalise_lang, strings, t

from .conftest import REPO

KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
KEY_LIKE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
CODE = [REPO / "app.py", *REPO.glob("arshan_data/**/*.py"), *REPO.glob("pages/*.py")]


def keys_used_in_code() -> set[str]:
    used = set()
    for path in CODE:
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    return used


def code_strings() -> tuple[set[str], set[str]]:
    """Every key-like string literal in the code, and every f-string as a regular expression
    (its fields match any key part): ``f"fidelity.{f}"`` → ``fidelity\\.[A-Za-z0-9_.]+``."""
    literals, patterns = set(), set()
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts |= {id(v) for v in node.values}
                regex = "".join(
                    re.escape(v.value) if isinstance(v, ast.Constant) else "[A-Za-z0-9_.]+"
                    for v in node.values
                )
                constant = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if "." in constant and re.search(r"[a-z]", constant):  # not f"{prefix}.{value}"
                    patterns.add(regex)
        literals |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in parts
            and KEY_LIKE.match(node.value)
        }
    return literals, patterns


def test_both_languages_have_the_same_keys():
    zh, en = set(strings("zh")), set(strings("en"))
    assert sorted(zh - en) == [], "keys missing in en.yaml"
    assert sorted(en - zh) == [], "keys missing in zh.yaml"


def test_every_key_the_code_uses_exists():
    used = keys_used_in_code()
    assert len(used) > 20
    assert sorted(used - set(strings("zh"))) == []


def test_every_key_built_from_parts_has_strings():
    """A key the code builds (``t(f"status.{status}", …)``): the strings hold at least one key
    of that shape, so a misspelt prefix fails here rather than on a reader's screen."""
    keys = set(strings("zh"))
    namespaces = {key.split(".")[0] for key in keys}
    _, patterns = code_strings()
    built = [p for p in patterns if re.match(r"^[a-z0-9_]+\\\.", p) and p.split("\\")[0] in namespaces]
    assert len(built) > 10
    dead = [p for p in built if not any(re.fullmatch(p, key) for key in keys)]
    assert dead == []


def test_no_string_is_left_unused():
    """Every UI string is reachable from the code: as a literal (a ``t()`` call or a key handed
    on, like a page's title key) or through a key the code builds from parts."""
    literals, patterns = code_strings()
    compiled = [re.compile(p) for p in patterns]
    unused = sorted(
        key for key in strings("zh") if key not in literals and not any(c.fullmatch(key) for c in compiled)
    )
    assert unused == []


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


DEVELOPER_PATH = re.compile(
    r"(?<![\w/])(data|var|tests|arshan_data|bench|deploy|\.streamlit)/[\w./-]*|\b\w+\.py\b"
)


@pytest.mark.parametrize("lang", LANGS)
def test_public_text_names_no_developer_path(lang):
    # A reader of the data page once met "data/official/"; file paths belong in the docs.
    from arshan_data.geodata.provenance import DATASETS

    texts = dict(strings(lang))
    for d in DATASETS.values():
        texts[f"dataset {d.id}"] = " ".join([d.shown_name(lang), d.shown_note(lang), d.shown_accuracy(lang)])
    found = {key: m.group(0) for key, text in texts.items() if (m := DEVELOPER_PATH.search(str(text)))}
    assert not found
