"""Validation that misses nothing: every problem of every post in one run, whatever its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.validate import main
from bot.core.loading import check_content
from tests.content import TWO_CARDS

HEAD = "timezone: Europe/Minsk\nposts:\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts").mkdir()
    (tmp_path / "schedules").mkdir()
    (tmp_path / "facts" / "ales-bialiatski.yaml").write_text(TWO_CARDS, encoding="utf-8")
    return tmp_path


def problems_of(root: Path, schedule: str, facts: str | None = None) -> list[str]:
    (root / "schedules" / "s.yaml").write_text(HEAD + schedule, encoding="utf-8")
    if facts is not None:
        (root / "facts" / "ales-bialiatski.yaml").write_text(facts, encoding="utf-8")
    return [str(p) for p in check_content(Path("facts"), Path("schedules")).problems]


def test_an_unknown_kind_hides_none_of_the_posts_other_problems(root: Path) -> None:
    post = """\
  - id: weekly
    kind: tweeet
    cron: "0 18 * *"
    at: "25:00"
    to: [slack:general]
    colour: red
"""
    assert problems_of(root, post) == [
        "schedules/s.yaml:3:5: give exactly one of `at` or `cron`",
        "schedules/s.yaml:4:11: unknown post kind 'tweeet': use one of on-this-day, "
        "card-rotation, milestone, birthday, digest (its other fields are checked as a "
        "digest post)",
        "schedules/s.yaml:5:11: cron '0 18 * *' must have 5 fields (minute hour day month "
        "weekday), not 4",
        'schedules/s.yaml:6:9: at \'25:00\' must be a 24-hour time "HH:MM" in quotes, like "09:00"',
        "schedules/s.yaml:7:10: unknown target 'slack:general': use telegram:<chat id or "
        "@channel>, discord:<channel id>, console or subscribers",
        "schedules/s.yaml:8:5: unknown key 'colour': allowed here are id, at, cron, timezone, "
        "catch_up, to, enabled, language, kind, days",
    ]


def test_a_misspelt_kind_is_checked_as_the_kind_it_resembles(root: Path) -> None:
    post = """\
  - id: bdays
    kind: birthdays
    at: "10:00"
    to: [console]
    tags: [arrest]
"""
    found = problems_of(root, post)
    assert found[0].endswith("(its other fields are checked as a birthday post)")
    assert found[1] == (
        "schedules/s.yaml:7:5: unknown key 'tags': `tags` is a field of on-this-day and "
        "card-rotation posts"
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("label", "unknown key 'label': `label` is a field of milestone posts"),
        (
            "lable",
            "unknown key 'lable': did you mean 'label'? `label` is a field of milestone posts",
        ),
    ],
)
def test_a_key_of_another_kind_says_which(root: Path, key: str, message: str) -> None:
    post = f"""\
  - id: weekly
    kind: card-rotation
    cron: "0 18 * * thu"
    to: [console]
    {key}: in custody
"""
    assert problems_of(root, post) == [f"schedules/s.yaml:7:5: {message}"]


def test_exactly_one_of_at_or_cron_is_reported_beside_other_problems(root: Path) -> None:
    post = """\
  - id: weekly
    kind: card-rotation
    to: [console, console]
"""
    assert problems_of(root, post) == [
        "schedules/s.yaml:3:5: give exactly one of `at` or `cron`",
        "schedules/s.yaml:5:19: target 'console' is listed twice in `to`",
    ]


def test_a_milestone_whose_until_is_not_after_since(root: Path) -> None:
    post = """\
  - id: span
    kind: milestone
    since: nobel-2022
    until: arrest-2021
    at: "09:00"
    to: [console]
"""
    assert problems_of(root, post) == [
        "schedules/s.yaml:6:12: until (2021-07-14) must be after since (2022-10-07): "
        "the count would never run"
    ]
    same = post.replace("until: arrest-2021", "until: nobel-2022")
    assert problems_of(root, same) == [
        "schedules/s.yaml:6:12: until (2022-10-07) must be after since (2022-10-07): "
        "the count would never run"
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("0000-07-14", "date '0000-07-14' has no year 0: years run from 0001 to 9999"),
        ("10000-07-14", "date '10000-07-14' must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021-02-29", "date '2021-02-29' does not exist: February 2021 has 28 days"),
    ],
)
def test_dates_outside_years_1_to_9999_and_impossible_ones(
    root: Path, date: str, message: str
) -> None:
    facts = TWO_CARDS.replace("date: 2021-07-14", f"date: {date}")
    found = problems_of(root, "", facts=facts)
    assert f"facts/ales-bialiatski.yaml:6:11: {message}" in found


def test_a_catch_up_that_overflows_is_a_problem_not_a_crash(root: Path) -> None:
    post = """\
  - id: daily
    kind: on-this-day
    at: "09:00"
    catch_up: 99999999999999d
    to: [console]
"""
    assert problems_of(root, post) == [
        "schedules/s.yaml:6:15: duration '99999999999999d' is far too long: use at most 7d"
    ]


def test_a_folder_with_no_yaml_file_is_a_problem(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "empty").mkdir()
    (root / "empty" / "notes.txt").write_text("not yaml", encoding="utf-8")
    assert main(["empty"]) == 1
    out, _ = capsys.readouterr()
    assert out == "empty:1:1: no YAML file (*.yaml or *.yml) in this folder\n"
