"""`advocacy-bot preview --language`: a day's posts as a chat in that language gets them;
without it, as the posts' named targets do (the post's `language:`, else its file's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.preview import main
from tests.content import ONE_CARD, schedule, write_content

TRANSLATED = ONE_CARD + (
    "    translations:\n"
    "      be: {title: Арышт у Мінску, text: Затрыманы ў Мінску.}\n"
    "      ru: {title: Арест в Минске, text: Задержан в Минске.}\n"
)


def preview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schedule_text: str, *args: str
) -> str:
    facts, schedules = write_content(tmp_path, TRANSLATED, schedule_text)
    common = ["--facts", str(facts), "--schedules", str(schedules), "--platform", "console"]
    assert main([*common, "--date", "2026-07-14", *args]) == 0
    return capsys.readouterr().out


def test_a_day_as_a_belarusian_chat_gets_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = preview(tmp_path, capsys, schedule(to="[console]"), "--language", "be")
    assert "5 гадоў таму ў гэты дзень: Арышт у Мінску" in out
    assert "14 ліпеня 2021\u202fг." in out and "Затрыманы ў Мінску." in out


def test_by_default_the_schedules_language_for_named_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = preview(tmp_path, capsys, schedule(to="[console]"))
    assert "5 years ago today: Arrested in Minsk" in english
    russian = preview(tmp_path, capsys, "language: ru\n" + schedule(to="[console]"))
    assert "5 лет назад в этот день: Арест в Минске" in russian
    own = schedule(to="[console]") + "    language: be\n"  # the post's own wins over the file's
    assert "Арышт у Мінску" in preview(tmp_path, capsys, "language: ru\n" + own)


def test_a_language_the_bot_does_not_speak_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        preview(tmp_path, capsys, schedule(to="[console]"), "--language", "pt")
    assert stopped.value.code == 2
    assert "invalid choice: 'pt'" in capsys.readouterr().err
