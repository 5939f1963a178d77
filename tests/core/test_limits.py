"""Every argument of every command has a limit, and each limit gives a usage answer."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.commands.limits import FIRST_DAY, LAST_DAY, MAX_CHARS, check_arguments, parse_day
from bot.core.commands.registry import COMMANDS, CommandSpec

WITH_ARGUMENTS = [c for c in COMMANDS if c.arguments]
# "int" arguments are bounded by their command (/upcoming: 1 to 366; test_hostile_input.py).
BY_LENGTH = [c for c in WITH_ARGUMENTS if c.arguments[-1].kind != "int"]


def test_every_argument_kind_is_bounded() -> None:
    kinds = {a.kind for c in COMMANDS for a in c.arguments}
    assert kinds - {"int"} <= set(MAX_CHARS)
    assert {c.name for c in WITH_ARGUMENTS} >= {"facts", "fact", "upcoming", "language", "preview"}


@pytest.mark.parametrize("command", BY_LENGTH, ids=lambda c: c.name)
def test_an_oversized_argument_is_a_usage_notice(command: CommandSpec) -> None:
    kind = command.arguments[-1].kind
    reply = check_arguments(command, "9" * (MAX_CHARS[kind] + 1))
    assert reply is not None and reply.private
    assert reply.messages[0].title == f"Usage: {command.usage()}"
    assert check_arguments(command, "") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1900-01-01", FIRST_DAY),
        ("2999-12-31", LAST_DAY),
        ("2026-07-14", date(2026, 7, 14)),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("2026-02-30", None),
        ("20260714", None),  # fromisoformat's basic form: not what the usage says
        ("", None),
    ],
)
def test_parse_day(text: str, expected: date | None) -> None:
    assert parse_day(text) == expected
