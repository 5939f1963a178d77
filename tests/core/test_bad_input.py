"""Hostile files: each gets one clear `path:line:column` message, and a bot keeps serving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.core.loading import ContentHolder, check_content
from bot.core.sources import MAX_FILE_BYTES
from bot.core.yamlio import load_yaml
from tests.content import ONE_CARD

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "a.yaml").write_text(ONE_CARD, encoding="utf-8")
    return tmp_path


def problems() -> list[str]:
    return [str(p) for p in check_content(Path("facts"), Path("schedules")).problems]


def test_a_billion_laughs_is_refused_where_it_explodes(root: Path) -> None:
    (root / "facts" / "b.yaml").write_text(LAUGHS + "cards: *i\n", encoding="utf-8")
    assert len(LAUGHS) < 600
    assert problems() == [
        "facts/b.yaml:6:4: YAML error: aliases expand this value to more than 100,000 "
        "values: write the repeated parts out instead of repeating them with *aliases"
    ]


def test_an_alias_inside_itself_is_refused(root: Path) -> None:
    (root / "facts" / "b.yaml").write_text("a: &a [x, *a]\ncards: []\n", encoding="utf-8")
    assert problems() == [
        "facts/b.yaml:1:4: YAML error: an alias refers to a value that contains it"
    ]


def test_modest_aliases_and_merge_keys_still_load() -> None:
    text = "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\nmore: [*b, *b]\n"
    assert load_yaml(text) == {"base": {"x": 1}, "use": {"x": 1, "y": 2}, "more": [{"x": 1}] * 2}


def test_a_fifo_is_reported_not_read_and_the_bot_keeps_serving(root: Path) -> None:
    holder = ContentHolder(Path("facts"), Path("schedules"))
    assert holder.load() == []
    os.mkfifo(root / "facts" / "pipe.yaml")  # no writer: a plain open() would block forever
    (root / "facts" / "link.yaml").symlink_to(root / "facts" / "pipe.yaml")
    (root / "facts" / "null.yaml").symlink_to("/dev/null")
    found = [str(p) for p in holder.load()]
    assert found == [
        "facts/link.yaml:1:1: not a regular file (a FIFO): only regular files are read",
        "facts/null.yaml:1:1: not a regular file (a device): only regular files are read",
        "facts/pipe.yaml:1:1: not a regular file (a FIFO): only regular files are read",
    ]
    assert [c.global_id for c in holder.current.cards] == ["ales-bialiatski/arrest-2021"]


def test_a_file_over_the_size_limit_is_refused_unread(root: Path) -> None:
    with (root / "facts" / "big.yaml").open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert problems() == [
        "facts/big.yaml:1:1: the file is 8,388,609 bytes, more than the 8 MiB limit: "
        "split it into several"
    ]


def test_very_long_values_get_short_messages(root: Path) -> None:
    big = "x" * 1_000_000
    text = ONE_CARD.replace("id: arrest-2021", f"id: {big}").replace(
        "date: 2021-07-14", f"date: {big}"
    )
    (root / "facts" / "a.yaml").write_text(text, encoding="utf-8")
    shown = "x" * 60 + "..."
    assert problems() == [
        "facts/a.yaml:5:9: id is too long: 1,000,000 characters, at most 64",
        f"facts/a.yaml:6:11: date '{shown}' must be YYYY, YYYY-MM or YYYY-MM-DD",
    ]


def test_deep_nesting_beside_an_alias_is_measured_without_recursion(root: Path) -> None:
    deep = "[" * 995 + "]" * 995
    (root / "facts" / "b.yaml").write_text(f"x: &x 1\ncards: {deep}\ny: *x\n", encoding="utf-8")
    assert problems() == [
        "facts/b.yaml:1:1: unknown key 'x': allowed here are subject, cards",
        "facts/b.yaml:2:9: card must be a mapping of `key: value` lines, not a list",
        "facts/b.yaml:3:1: unknown key 'y': allowed here are subject, cards",
    ]


def test_lists_nested_1000_deep_in_any_field_are_no_crash(root: Path) -> None:
    deep = "[" * 995 + "]" * 995
    (root / "facts" / "a.yaml").write_text(
        f"subject:\n  id: a\n  name: A\n  born: {deep}\ncards:\n  - id: a\n    date: {deep}\n"
        f"    title: T\n    text: T\n    sources: {deep}\n",
        encoding="utf-8",
    )
    (root / "schedules").mkdir()
    (root / "schedules" / "s.yaml").write_text(
        f"timezone: UTC\nposts:\n  - id: p\n    kind: {deep}\n    at: '09:00'\n"
        f"    enabled: {deep}\n    to: [console]\n",
        encoding="utf-8",
    )
    assert problems() == [
        "facts/a.yaml:4:9: date must be YYYY, YYYY-MM or YYYY-MM-DD",
        "facts/a.yaml:7:11: date must be YYYY, YYYY-MM or YYYY-MM-DD",
        "facts/a.yaml:10:15: source must be a mapping of `key: value` lines, not a list",
        "schedules/s.yaml:4:11: kind must be one of on-this-day, card-rotation, milestone, "
        "birthday, digest",
        "schedules/s.yaml:6:14: enabled must be true or false, not a list",
    ]
