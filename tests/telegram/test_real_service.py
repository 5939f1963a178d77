"""The adapter with the real BotService over the repository's fact files (not the fake api)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.render import render
from bot.core.commands.context import ChatContext
from bot.core.loading import ContentHolder
from bot.scheduler.clock import FakeClock
from bot.service.bot_service import BotService
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram.conftest import make_adapter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def service() -> BotService:
    holder = ContentHolder(ROOT / "facts", ROOT / "schedules")
    assert not holder.load()
    return BotService(holder, FakeClock(datetime(2025, 7, 14, 9, 0, tzinfo=UTC)))


@pytest.fixture
async def real(settings: Settings, service: BotService) -> AsyncIterator[TelegramAdapter]:
    adapter = make_adapter(settings)
    await adapter.start(service)
    try:
        yield adapter
    finally:
        await adapter.stop()


async def test_fact_command_with_the_real_service(
    fake: FakeTelegram, real: TelegramAdapter, service: BotService
) -> None:
    card_id = service.content.cards[0].global_id
    reply = await service.handle("fact", card_id, ChatContext("telegram", "1001"))
    expected = [chunk for msg in reply.messages for chunk in render(msg)]
    fake.command(f"/fact {card_id}")
    sent = await fake.wait_for("sendMessage", len(expected))
    assert [c.params["text"] for c in sent] == [chunk.text for chunk in expected]
    assert all(c.status == 200 for c in sent)


async def test_inline_with_the_real_service(fake: FakeTelegram, real: TelegramAdapter) -> None:
    fake.inline_query("")
    (answer,) = await fake.wait_for("answerInlineQuery")
    results = answer.params["results"]
    assert 0 < len(results) <= 50
    assert all(r["input_message_content"]["parse_mode"] == "HTML" for r in results)
