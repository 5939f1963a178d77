"""`advocacy-bot schema`: a draft 2020-12 schema that accepts the bundled files and rejects
the breakages JSON Schema can express."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from bot.cli.schema import main
from bot.core.json_schema import json_schema
from bot.core.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]

GOOD_FACTS = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
  born: 1962-09-25
  letters:
    address: "Penal colony No. 9, Horki"
    url: https://example.org/write
    languages: [be, ru]
    notes: Short and kind.
    sources: [{url: "https://example.org/addresses", title: Example}]
    checked: 2026-11-20
    translations: {be: {notes: Коратка.}}
cards:
  - id: arrest-2021
    date: 2021-07-14
    title: Arrested in Minsk
    text: Plain text.
    sources:
      - url: https://example.org/article
        title: Publisher, "Headline"
    tags: [arrest, viasna]
    translations:
      be: {title: Арышт, text: Тэкст.}
      no: {title: Arrestert}
  - id: founded
    date: 1996
    title: Viasna founded
    text: Plain text.
    sources: [{url: "https://example.org/viasna"}]
    tags: [biography]
"""

GOOD_SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - id: on-this-day
    kind: on-this-day
    at: "09:00"
    catch_up: 6h
    to: [telegram:@example_channel, discord:123456789012345678, subscribers, console]
  - id: weekly
    kind: card-rotation
    cron: "0 18 * * thu"
    to: [subscribers]
  - id: custody
    kind: milestone
    since: ales-bialiatski/arrest-2021
    at: "09:00"
    to: [console]
"""


def validator(kind: str) -> Draft202012Validator:
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(kind: str, text: str) -> list[str]:
    return [e.message for e in validator(kind).iter_errors(load_yaml(textwrap.dedent(text)))]


def bundled(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.yaml")) + sorted((ROOT / folder).glob("*.yml"))


@pytest.mark.parametrize("kind", ["facts", "schedules"])
def test_schema_header(kind: str) -> None:
    schema = json_schema(kind)
    assert next(iter(schema)) == "$schema"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema
    assert schema["title"].startswith("Advocacy bot")
    assert schema["additionalProperties"] is False


def test_main_prints_json_facts_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("facts")
    assert main(["schedules", "--facts", "x"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("schedules")


def test_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main(["posts"])
    assert info.value.code == 2


def test_good_fixtures_are_valid() -> None:
    assert errors("facts", GOOD_FACTS) == []
    assert errors("schedules", GOOD_SCHEDULE) == []


@pytest.mark.parametrize("path", bundled("facts"), ids=lambda p: p.name)
def test_bundled_fact_files_are_valid(path: Path) -> None:
    data: Any = load_yaml(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator("facts").iter_errors(data)] == []


@pytest.mark.parametrize("path", bundled("schedules"), ids=lambda p: p.name)
def test_bundled_schedule_files_are_valid(path: Path) -> None:
    data: Any = load_yaml(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator("schedules").iter_errors(data)] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    sources: [{url: "https://example.org/viasna"}]\n', ""),  # missing sources
        ('sources: [{url: "https://example.org/viasna"}]', "sources: []"),  # no source
        ("id: founded", "id: Founded 1996"),  # bad id pattern
        ("title: Viasna founded", "titel: Viasna founded"),  # unknown key
        ("https://example.org/viasna", "example.org/viasna"),  # not an http(s) URL
        ("date: 1996", "date: 1996-7-1"),  # not a date shape
    ],
)
def test_broken_fact_files_are_rejected(old: str, new: str) -> None:
    assert old in GOOD_FACTS
    assert errors("facts", GOOD_FACTS.replace(old, new)) != []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("to: [subscribers]", "to: [slack:#news]"),  # bad target
        ("kind: card-rotation", "kind: tweet"),  # bad kind
        ("    to: [subscribers]\n", ""),  # missing targets
        ('at: "09:00"\n    catch_up', 'at: "9am"\n    catch_up'),  # bad time
        ("since: ales-bialiatski/arrest-2021", "sinse: ales-bialiatski/arrest-2021"),
    ],
)
def test_broken_schedule_files_are_rejected(old: str, new: str) -> None:
    assert old in GOOD_SCHEDULE
    assert errors("schedules", GOOD_SCHEDULE.replace(old, new)) != []
