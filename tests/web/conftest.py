"""The whole-bot fixtures of tests/app (fakes on 127.0.0.1, real libraries, a FakeClock),
here with the HTTP server on: ADVOCACY_HTTP on a port the system chooses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from aiohttp import ClientSession

from bot.core.clock import FakeClock
from bot.settings import Settings
from tests.app.conftest import (
    Bot,
    backend,
    content_dirs,
    db_url,
    discord,
    log_records,
    minsk,
    restore_endpoints,
    settings,
    telegram,
)
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import FakeTelegram

__all__ = [
    "backend",
    "content_dirs",
    "db_url",
    "discord",
    "log_records",
    "restore_endpoints",
    "settings",
    "telegram",
]


@pytest.fixture
async def web_bot(
    restore_endpoints: None, settings: Settings, telegram: FakeTelegram, discord: FakeDiscord
) -> AsyncIterator[Bot]:
    """A running bot at 08:00 on 14 July 2026 in Minsk, serving HTTP on 127.0.0.1."""
    deployment = Bot(
        replace(settings, http_listen="127.0.0.1:0"),
        FakeClock(minsk(2026, 7, 14, 8)),
        telegram,
        discord,
    )
    await deployment.start()
    try:
        yield deployment
    finally:
        await deployment.stop()


@pytest.fixture
async def http() -> AsyncIterator[ClientSession]:
    async with ClientSession() as session:
        yield session
