"""The letters kit, `before` and `days` in the files: each mistake a path:line:column line,
and an old address a warning that never stops the bot."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.cli import validate
from bot.core.letters_check import stale_addresses
from bot.core.loading import check_content
from tests.letters.content import ALES, schedule, write_files

SOURCE_LINE = '    sources: [{url: "https://example.org/addresses", title: "Example: Addresses"}]\n'


def problems(root: Path, facts: str | None = None, schedule_text: str | None = None) -> list[str]:
    write_files(root, schedule_text=schedule_text)
    if facts is not None:
        (root / "facts" / "ales-bialiatski.yaml").write_text(facts, "utf-8")
    report = check_content(root / "facts", root / "schedules")
    return [str(p).removeprefix(f"{root}/") for p in report.problems]


def test_the_bundled_style_kit_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path) == []


def test_an_address_needs_a_source(tmp_path: Path) -> None:
    assert problems(tmp_path, ALES.replace(SOURCE_LINE, "")) == [
        "facts/ales-bialiatski.yaml:7:5: letters: an address needs at least one source in "
        "`sources` (where it comes from)"
    ]


def test_notes_have_a_length_limit(tmp_path: Path) -> None:
    long = ALES.replace("notes: Short and kind; no politics.", "notes: " + "x" * 1501)
    assert problems(tmp_path, long) == [
        "facts/ales-bialiatski.yaml:12:12: notes is too long: 1,501 characters, at most 1500"
    ]


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("21d", "6:13: before must be a list (one `- item` per line, or [a, b]), not text"),
        ("[367d]", "6:14: '367d': a reminder comes 1d to 366d before the day"),
        ("[3w]", "6:14: '3w' is not a number of days such as 21d or 7d"),
        ("[0d]", "6:14: '0d': a reminder comes 1d to 366d before the day"),
        ("[7d, 7d]", "3:5: `before` names the same day twice"),
    ],
)
def test_before_is_a_list_of_days_up_to_a_year(tmp_path: Path, before: str, expected: str) -> None:
    text = schedule().replace("before: [21d, 7d]", f"before: {before}")
    assert problems(tmp_path, schedule_text=text) == [f"schedules/default.yaml:{expected}"]


@pytest.mark.parametrize("days", [0, 367])
def test_digest_days_from_1_to_366(tmp_path: Path, days: int) -> None:
    text = schedule().replace('cron: "0 9 * * mon"', f'cron: "0 9 * * mon"\n    days: {days}')
    assert problems(tmp_path, schedule_text=text) == [
        f"schedules/default.yaml:11:11: days must be from 1 to 366 (a day to a year ahead), "
        f"not {days}"
    ]


def test_an_old_address_is_a_warning_at_its_checked_line(tmp_path: Path) -> None:
    write_files(tmp_path)
    path = tmp_path / "facts" / "ales-bialiatski.yaml"
    assert stale_addresses([path], date(2026, 11, 28)) == []  # 180 days after 1 June
    [warning] = stale_addresses([path], date(2026, 11, 29))
    assert str(warning) == (
        f"{path}:15:14: warning: the letters address was last checked on 2026-06-01, "
        "181 days before 2026-11-29 (more than 180): prisoners are moved, so confirm it "
        "and update `checked`"
    )
    assert stale_addresses([path], date(2026, 11, 29), timedelta(days=365)) == []


def test_validate_prints_the_warning_and_still_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path)
    facts, schedules = str(tmp_path / "facts"), str(tmp_path / "schedules")
    # `checked` is 2026-06-01: any run after 2026-11-28 warns; a huge limit silences it.
    code = validate.main(["--facts", facts, "--schedules", schedules, "--address-max-age", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert ": warning: the letters address was last checked on 2026-06-01" in out
    assert any(line.startswith("ok: ") for line in out.splitlines())
    quiet = ["--facts", facts, "--schedules", schedules, "--address-max-age", "3660"]
    assert validate.main(quiet) == 0
    assert "warning" not in capsys.readouterr().out


def _schema_errors(kind: str, text: str) -> list[str]:
    from jsonschema import Draft202012Validator

    from bot.cli.schema import json_schema
    from bot.core.yamlio import load_yaml

    validator = Draft202012Validator(json_schema(kind))
    return [e.message for e in validator.iter_errors(load_yaml(text))]


def test_the_json_schema_covers_the_letters_kit() -> None:
    assert _schema_errors("facts", ALES) == []
    assert _schema_errors("facts", ALES.replace("checked: 2026-06-01", "checke: 2026-06-01"))
    long = ALES.replace("notes: Short and kind; no politics.", "notes: " + "x" * 1501)
    assert _schema_errors("facts", long)


@pytest.mark.parametrize(
    ("old", "new", "valid"),
    [
        ("", "", True),
        ("before: [21d, 7d]", "before: [3w]", False),
        ("before: [21d, 7d]", "before: 21d", False),
        ('cron: "0 9 * * mon"', 'cron: "0 9 * * mon"\n    days: 0', False),
        ('cron: "0 9 * * mon"', 'cron: "0 9 * * mon"\n    days: 366', True),
        ('cron: "0 9 * * mon"', 'cron: "0 9 * * mon"\n    before: [7d]', False),
    ],
)
def test_the_json_schema_covers_before_and_the_digest(old: str, new: str, valid: bool) -> None:
    assert (_schema_errors("schedules", schedule().replace(old, new)) == []) is valid
