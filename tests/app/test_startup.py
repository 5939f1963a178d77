"""A clear start: one platform that cannot be reached (or answers 500) at start is retried
in the background while the other serves and the scheduler runs; a refused token stops
only its own adapter, with one line; nothing expected prints a traceback."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from bot.adapters.supervisor import Backoff, State, Supervised
from bot.app import App, AppOptions, platform_adapters
from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.settings import Settings
from bot.store.sql import open_store
from tests.app.conftest import (
    DISCORD_OPTIONS,
    TELEGRAM_ADMIN,
    TELEGRAM_OPTIONS,
    Records,
    minsk,
)
from tests.fakes import discord_payloads as dp
from tests.fakes import telegram_api as tg
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import FakeTelegram

FAST = AppOptions(backoff=Backoff(first=0.05, factor=2.0, cap=0.5))
DEADLINE = 60.0


@pytest.fixture
async def start_app(
    restore_endpoints: None,
) -> AsyncIterator[list[App]]:
    apps: list[App] = []
    yield apps
    for app in apps:
        await app.stop()


async def started(apps: list[App], settings: Settings) -> App:
    holder = ContentHolder(settings.facts_dir, settings.schedules_dir)
    assert not holder.load()
    clock = FakeClock(minsk(2026, 7, 14, 8))
    store = await open_store(settings.db_url, clock=clock)
    adapters = platform_adapters(settings, telegram=TELEGRAM_OPTIONS, discord=DISCORD_OPTIONS)
    app = App(settings, holder, clock, store, adapters, options=FAST)
    apps.append(app)
    await app.start()
    return app


def supervised(app: App, platform: str) -> Supervised:
    return next(s for s in app.supervised if s.platform == platform)


async def discord_answers_help(discord: FakeDiscord) -> None:
    interaction = await discord.interact(
        discord.slash("help", None, channel=discord.channels[0], permissions=dp.MEMBER_PERMISSIONS)
    )
    (answer,) = await discord.wait_response(interaction)
    assert answer.body is not None


def no_traceback_at_info(records: Records) -> None:
    noisy = [r for r in records.records if r.levelno >= logging.INFO and r.exc_info]
    assert not noisy, [r.getMessage() for r in noisy]


@pytest.mark.parametrize("how", ["unreachable", "500"])
async def test_telegram_down_at_start_keeps_discord_serving_and_recovers(
    start_app: list[App],
    settings: Settings,
    telegram: FakeTelegram,
    discord: FakeDiscord,
    log_records: Records,
    how: str,
) -> None:
    host = f"127.0.0.1:{telegram.port}"
    if how == "unreachable":
        await telegram.close()  # nothing listens on its port now
    else:
        telegram.fail_next("getMe", 500, "Internal Server Error", count=3)
    app = await started(start_app, settings)

    telegram_side = supervised(app, "telegram")
    assert supervised(app, "discord").state is State.UP
    await discord_answers_help(discord)  # Discord serves while Telegram is retried
    assert app.runner.leading.is_set()  # and so does the scheduler
    await log_records.wait_for(f"telegram: cannot connect to {host} (attempt 2", DEADLINE)
    assert telegram_side.state is State.RETRYING
    assert "telegram: not connected" not in await app.not_ready()  # it is retrying
    assert "telegram: retrying" in await app.not_ready()

    if how == "unreachable":
        await telegram.start()  # on the same port: Telegram is back
    async with asyncio.timeout(DEADLINE):
        await telegram_side.up.wait()
    telegram.command("/help", chat=tg.private_chat(TELEGRAM_ADMIN["id"]), sender=TELEGRAM_ADMIN)
    calls = await telegram.wait_for(lambda c: c.method == "sendMessage", 1)
    assert "/facts" in calls[0].params["text"]
    assert await app.not_ready() == []

    attempts = [r for r in log_records.records if "telegram: cannot connect to" in r.getMessage()]
    assert len(attempts) == telegram_side.attempts - 1  # one line per failed attempt
    assert all(r.levelno == logging.WARNING for r in attempts)
    no_traceback_at_info(log_records)


async def test_a_refused_token_stops_only_that_adapter_with_one_line(
    start_app: list[App],
    settings: Settings,
    telegram: FakeTelegram,
    discord: FakeDiscord,
    log_records: Records,
) -> None:
    app = await started(start_app, replace(settings, telegram_token="555555:NotTheFakesToken"))
    assert supervised(app, "telegram").state is State.REJECTED
    assert supervised(app, "discord").state is State.UP
    await discord_answers_help(discord)
    assert [c.status for c in telegram.of("getMe")] == [401]  # tried once, not again
    lines = [r.getMessage() for r in log_records.records if r.levelno >= logging.ERROR]
    assert lines == [
        "telegram: adapter stopped: Telegram refused the bot token (401 or 404): "
        "check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL"
    ]
    assert await app.not_ready() == ["telegram: rejected"]
    no_traceback_at_info(log_records)


class Flaky:
    """An adapter whose first starts fail with the given errors, then succeeds."""

    platform = "flaky"
    sender: object = None

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.started = 0
        self.stopped = 0

    async def start(self, api: object) -> None:
        if self.errors:
            raise self.errors.pop(0)
        self.started += 1

    async def stop(self) -> None:
        self.stopped += 1


async def test_an_unforeseen_start_failure_is_shown_in_full_and_retried(
    log_records: Records,
) -> None:
    from bot.adapters.base import PlatformUnreachable

    adapter = Flaky(PlatformUnreachable("ConnectError"), ValueError("a bug"))
    watched = Supervised(adapter, api=None, host="example.invalid", backoff=FAST.backoff)  # type: ignore[arg-type]
    await watched.start()
    try:
        async with asyncio.timeout(DEADLINE):
            await watched.up.wait()
    finally:
        await watched.stop()
    assert (adapter.started, adapter.stopped, watched.attempts) == (1, 1, 3)
    lines = [(r.levelno, r.getMessage(), bool(r.exc_info)) for r in log_records.records]
    assert (
        logging.WARNING,
        "flaky: cannot connect to example.invalid (attempt 1: ConnectError); retrying in 0s",
        False,
    ) in lines
    assert any(level == logging.ERROR and tb and "a bug" not in m for level, m, tb in lines)
