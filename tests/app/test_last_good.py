"""A broken edit never takes the bot down, not even across a restart: a real process
restarted on broken files serves the last good set it stored, and tells its admins."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.app.test_process import (
    ARREST,
    ARREST_TITLE,
    START_DEADLINE,
    ask,
    files,
    start_bot,
    telegram,
)
from tests.fakes.telegram_api import FakeTelegram

__all__ = ["files", "telegram"]  # the fixtures of a real process and its fake Telegram

BROKEN = "cards:\n  - id: Broken Card\n"


async def test_a_restart_on_broken_files_serves_the_stored_set(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram
) -> None:
    first = await start_bot(tmp_path, files, telegram, ADVOCACY_ADMINS="telegram:1001")
    try:
        await first.wait_stderr("stored the files as the last good set", START_DEADLINE)
        first.signal(signal.SIGTERM)
        assert await first.exit_code() == 0
    finally:
        await first.kill()

    (files[0] / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    second = await start_bot(tmp_path, files, telegram, ADVOCACY_ADMINS="telegram:1001")
    try:
        await second.wait_stderr("serving the last good set stored at", START_DEADLINE)
        stderr = "".join(second.stderr)
        assert "zz-broken.yaml:2:9: id 'Broken Card' must be lowercase" in stderr
        told = await telegram.wait_for(
            lambda c: (
                c.method == "sendMessage"
                and c.chat_id == "1001"
                and "serving the last good set" in c.params["text"]
            ),
            timeout=START_DEADLINE,
        )
        assert "zz-broken.yaml:2:9" in told[0].params["text"]
        answer = await ask(telegram, f"/fact {ARREST}")
        assert answer.params["text"].split("\n")[0] == f"<b>{ARREST_TITLE}</b>"
        status = await ask(telegram, "/status")  # 1001 is a bot admin
        assert "serving the last good set it stored" in status.params["text"]
        assert "zz-broken.yaml:2:9" in status.params["text"]
        second.signal(signal.SIGTERM)
        assert await second.exit_code() == 0
    finally:
        await second.kill()


async def test_a_first_start_on_broken_files_refuses_with_the_problems(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram
) -> None:
    (files[0] / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    bot = await start_bot(tmp_path, files, telegram)
    try:
        assert await bot.exit_code(START_DEADLINE) == 1
    finally:
        await bot.kill()
    stderr = "".join(bot.stderr)
    assert "zz-broken.yaml:2:9: id 'Broken Card' must be lowercase" in stderr
    assert "no valid content to serve" in stderr
