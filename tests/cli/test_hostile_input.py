"""Arguments out of range get a clear answer on every path, and nothing crashes.

The bug: `/preview 0001-01-01` and `/preview 9999-12-31` raised OverflowError (no reply on
Telegram; the console bot exited 1 and lost the commands after it), and `advocacy-bot
preview --date 0001-01-01` printed a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.cli.test_run_console import ROOT, run_bot

FACTS = ROOT / "facts"

RANGE = "Dates from 1900-01-01 to 2999-12-31 only."


def test_console_bot_answers_dates_out_of_range_and_goes_on(tmp_path: Path) -> None:
    result = run_bot(
        "/preview 0001-01-01\n/preview 9999-12-31\n/preview 2026-02-30\n/help\n",
        "--now",
        "2026-03-01 12:00",
        db=tmp_path / "bot.db",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(RANGE) == 2
    assert "“2026-02-30” is not a date: write it as YYYY-MM-DD" in result.stdout
    assert "What I can do" in result.stdout  # the line after them was answered
    assert "Traceback" not in result.stderr


def test_console_bot_answers_oversized_arguments(tmp_path: Path) -> None:
    result = run_bot(
        f"/facts {'x' * 201}\n/fact {'a' * 130}\n/upcoming 367\n/upcoming 30\n",
        "--now",
        "2026-03-01 12:00",
        db=tmp_path / "bot.db",
    )
    assert result.returncode == 0, result.stderr
    assert "That is too long: query takes at most 200 characters." in result.stdout
    assert "That is too long: id takes at most 129 characters." in result.stdout
    assert "days is a whole number from 1 to 366" in result.stdout
    assert "Coming up in the next 30 days" in result.stdout


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_preview_refuses_a_date_out_of_range_in_one_line(
    day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", "--facts", str(FACTS), "--date", day]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"advocacy-bot preview: error: argument --date: {RANGE}"
    assert "Traceback" not in err


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_preview_works_at_both_ends_of_the_range(
    day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", "--facts", str(FACTS), "--date", day, "--platform", "console"]) == 0
    assert day in capsys.readouterr().out


@pytest.mark.parametrize("now", ["0001-01-01 09:00", "9999-12-31 23:59"])
def test_run_refuses_a_rehearsal_day_out_of_range(now: str, tmp_path: Path) -> None:
    result = run_bot("/today\n", "--now", now, db=tmp_path / "bot.db")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"advocacy-bot run: error: --now: {RANGE}"
    assert "Traceback" not in result.stderr
