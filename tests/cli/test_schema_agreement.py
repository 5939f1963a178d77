"""The editors' schema and `validate` agree on every file of tests/schema_corpus/.

Each file's name says what to expect: `ok-*` both accept, `bad-*` both reject, and
`only-validate-*` only `validate` rejects: the rules JSON Schema cannot express, listed in
docs/admin-guide.md ("What only validate catches"). A new disagreement fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from bot.core.json_schema import json_schema
from bot.core.loading import check_paths
from bot.core.yamlio import load_yaml

CORPUS = Path(__file__).resolve().parents[1] / "schema_corpus"
FILES = sorted((CORPUS / "facts").glob("*.yaml")) + sorted((CORPUS / "schedules").glob("*.yaml"))


def _schema_accepts(path: Path) -> bool:
    kind = path.parent.name
    schema = json_schema(kind)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    try:
        data: Any = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return False  # editors flag a file they cannot parse
    return not any(validator.iter_errors(data))


def _validate_accepts(path: Path) -> bool:
    # Schedules are checked against the corpus's own fact file; fact files stand alone.
    facts = CORPUS / "base" if path.parent.name == "schedules" else CORPUS / "none"
    return not check_paths([path], facts).errors


def test_the_corpus_is_large_and_covers_all_three_cases() -> None:
    assert len(FILES) >= 40
    for prefix in ("ok-", "bad-", "only-validate-"):
        for kind in ("facts", "schedules"):
            assert any(p.name.startswith(prefix) for p in (CORPUS / kind).iterdir()), prefix


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_and_validate_agree(path: Path) -> None:
    expected_validate = path.name.startswith("ok-")
    expected_schema = not path.name.startswith("bad-")
    assert (_validate_accepts(path), _schema_accepts(path)) == (
        expected_validate,
        expected_schema,
    )


def test_every_field_has_a_description_and_an_example() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, field in node.get("properties", {}).items():
                if "description" not in field or "examples" not in field:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                if key != "if":  # a branch's condition, not a field
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for kind in ("facts", "schedules"):
        walk(json_schema(kind), kind)
    assert missing == []


def test_the_post_union_is_standard_json_schema() -> None:
    posts = json_schema("schedules")["properties"]["posts"]["items"]
    assert "discriminator" not in str(json_schema("schedules"))
    assert posts["properties"]["kind"]["enum"] == [
        "on-this-day",
        "card-rotation",
        "milestone",
        "birthday",
        "digest",
    ]
    assert [b["if"]["properties"]["kind"]["const"] for b in posts["allOf"] if "if" in b] == (
        posts["properties"]["kind"]["enum"]
    )
    assert "Europe/Minsk" in posts["properties"]["timezone"]["anyOf"][0]["enum"]


def test_an_editor_blames_the_wrong_field_itself() -> None:
    schema = json_schema("schedules")
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    data = load_yaml(
        'timezone: UTC\nposts:\n  - {id: b, kind: birthday, at: "08:00", to: [console], since: x}\n'
    )
    (error,) = validator.iter_errors(data)
    assert list(error.absolute_path) == ["posts", 0]
    assert error.message == "Unevaluated properties are not allowed ('since' was unexpected)"
