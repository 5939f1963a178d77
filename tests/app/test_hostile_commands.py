"""Arguments out of range through the real platforms: an answer every time, no crash.

The bugs: `/preview 0001-01-01` (or 9999-12-31) raised OverflowError and Telegram got no
reply; on PostgreSQL a 20-character /language code failed the varchar(16) column and the
person got no reply at all.
"""

from __future__ import annotations

import json

import pytest

from bot.store.sql import LANGUAGE_CHARS, LanguageTooLong, SqlStore
from bot.store.tables import chat_settings
from tests.app.conftest import DISCORD_ADMIN, GROUP, GROUP_ADMIN, TELEGRAM_ADMIN, Bot, minsk
from tests.fakes.telegram_api import private_chat

RANGE = "Dates from 1900-01-01 to 2999-12-31 only."
ADMIN_CHAT = private_chat(TELEGRAM_ADMIN["id"])


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
async def test_preview_of_a_day_out_of_range_is_answered_on_both_platforms(
    bot: Bot, day: str
) -> None:
    answer = await bot.telegram_says(f"/preview {day}", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert RANGE in answer.params["text"]
    reply = await bot.discord_says("preview", {"date": day}, user_id=DISCORD_ADMIN)
    assert RANGE in json.dumps(reply.body)
    # Still serving: the next command is answered as usual.
    ok = await bot.telegram_says("/preview 2026-07-14", ADMIN_CHAT, TELEGRAM_ADMIN)
    assert "on-this-day at 09:00" in ok.params["text"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_language_too_long_for_the_column_gets_a_reply_and_is_not_stored(
    bot: Bot, backend: str
) -> None:
    code = "bel-abcdefgh-abcdefgh"  # matches the language pattern; 21 characters
    answer = await bot.telegram_says(f"/language {code}", GROUP, GROUP_ADMIN)
    assert answer.params["text"]
    store = bot.running.store
    assert await store.get_language("telegram", str(GROUP["id"])) is None
    await bot.tick(minsk(2026, 7, 14, 8, 1))  # the bot goes on


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_the_store_refuses_a_language_longer_than_its_column(bot: Bot, backend: str) -> None:
    store: SqlStore = bot.running.store
    assert chat_settings.c.language.type.length == LANGUAGE_CHARS  # type: ignore[attr-defined]
    with pytest.raises(LanguageTooLong, match="at most 16 characters, not 9002"):
        await store.set_language("telegram", "1", "x" * 9002, now=minsk(2026, 7, 14, 8))
    await store.set_language("telegram", "1", "x" * LANGUAGE_CHARS, now=minsk(2026, 7, 14, 8))
    assert await store.get_language("telegram", "1") == "x" * LANGUAGE_CHARS
