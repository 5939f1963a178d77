"""The bot token stays out of logs and error messages (the scenario tests check every log
record at DEBUG; these pin the paths that used to print it)."""

from __future__ import annotations

import traceback

import pytest
from telegram.error import InvalidToken

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.redaction import TELEGRAM_TOKEN as PLACEHOLDER
from bot.redaction import Redactor
from bot.settings import Settings
from tests.app.conftest import TELEGRAM_OPTIONS, Records
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram.conftest import FakeApi

WRONG = "555555:ThisTokenIsNotTheFakesOne"


async def test_a_refused_token_is_named_but_never_quoted(
    telegram: FakeTelegram, log_records: Records
) -> None:
    # A wrong TELEGRAM_API_URL (404) ends the same way, with a token valid elsewhere.
    settings = Settings(telegram_token=WRONG, telegram_api_url=telegram.base_url)
    adapter = TelegramAdapter(settings, **TELEGRAM_OPTIONS)
    try:
        with pytest.raises(InvalidToken) as refused:
            await adapter.start(FakeApi())
    finally:
        await adapter.stop()
    shown = "".join(traceback.format_exception(refused.value))
    assert "TELEGRAM_BOT_TOKEN" in shown and WRONG not in shown
    assert [c.status for c in telegram.of("getMe")] == [401]
    texts = log_records.texts()
    assert any(f"bot{PLACEHOLDER}" in t for t in texts)  # PTB's "Set Bot API URL", redacted
    assert not [t for t in texts if WRONG in t or WRONG.split(":")[1] in t]


async def test_redaction_ends_with_the_adapter(
    telegram: FakeTelegram, log_records: Records
) -> None:
    settings = Settings(telegram_token=WRONG, telegram_api_url=telegram.base_url)
    adapter = TelegramAdapter(settings, **TELEGRAM_OPTIONS)
    assert [f for f in log_records.filters if isinstance(f, Redactor)]
    await adapter.stop()
    assert not [f for f in log_records.filters if isinstance(f, Redactor)]
