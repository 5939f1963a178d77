"""`advocacy-bot run` outlives a bad value in a watched file, as an operator runs it.

The bug: `catch_up: 99999999999999999999d` dropped into a running bot's folder killed
the file watcher with no log line; the fix was never picked up, /reload got no answer and
SIGTERM exited 1 with a traceback.
"""

from __future__ import annotations

import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.conftest import TELEGRAM_TOKEN
from tests.app.test_process import START_DEADLINE, ask, files, start_bot
from tests.fakes.telegram_api import FakeTelegram

__all__ = ["files"]


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN) as server:
        yield server


async def test_a_bad_value_neither_kills_the_watcher_nor_reload_nor_a_clean_stop(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram
) -> None:
    schedule = files[1] / "default.yaml"
    good = schedule.read_text(encoding="utf-8")
    assert good.count("catch_up: 6h\n") == 1
    bot = await start_bot(
        tmp_path, files, telegram, "--now", "2026-07-14 09:30", ADVOCACY_ADMINS="telegram:1001"
    )
    try:
        await bot.wait_stderr("telegram: running as @facts_bot", START_DEADLINE)
        schedule.write_text(good.replace("6h", "99999999999999999999d"), encoding="utf-8")
        reply = await ask(telegram, "/reload")
        assert "Reload failed: still serving the last good files" in reply.params["text"]
        await bot.wait_stderr("reload (files changed) failed", START_DEADLINE)

        schedule.write_text(good.replace("6h", "5h"), encoding="utf-8")
        await bot.wait_stderr("reloaded (files changed)", START_DEADLINE)
        reply = await ask(telegram, "/reload")
        assert "Reloaded" in reply.params["text"]

        bot.signal(signal.SIGTERM)
        assert await bot.exit_code() == 0
    finally:
        await bot.kill()
    # The loader's error is logged with its traceback, once per reload; the stop is clean.
    assert "bot.app: stopped" in bot.stderr[-1]
