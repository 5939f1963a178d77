"""The whole bot as an operator runs it, in one process: fake Telegram and fake Discord on
127.0.0.1, the real python-telegram-bot and discord.py pointed at them through Settings, a
real database, the real BotService over a copy of the bundled facts, and a FakeClock that
moves only when a test says so.

`Bot` is the operator's view: start, stop, restart on the same database, move the clock
and tick the runner, and talk to the bot as people on each platform do. Every wait is on
what a fake recorded, with a deadline; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.console.adapter import ConsoleSender
from bot.adapters.discord import endpoints
from bot.adapters.discord.adapter import DiscordAdapter, DiscordOptions
from bot.adapters.discord.pacing import PacingLimits
from bot.adapters.telegram.adapter import Timeouts
from bot.adapters.telegram.ratelimit import RateLimits
from bot.app import App, platform_adapters
from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.scheduler.broadcast import BroadcastResult
from bot.settings import Settings
from bot.store.sql import open_store
from tests.content import schedule
from tests.fakes import discord_payloads as dp
from tests.fakes import telegram_api as tg
from tests.fakes.discord_api import Call as DiscordCall
from tests.fakes.discord_api import FakeDiscord, Limits
from tests.fakes.telegram_api import Call as TelegramCall
from tests.fakes.telegram_api import FakeTelegram
from tests.store.dbfixtures import clean_pg, pg_url

__all__ = ["pg_url"]

ROOT = Path(__file__).resolve().parents[2]
MINSK = ZoneInfo("Europe/Minsk")
SCALE = 10.0  # the fakes' limits and the adapters' pacing both run ten times faster

# Distinctive secrets, so a leak is unmistakable in any log line or reply.
TELEGRAM_TOKEN = "424242:AppScenarioTelegramSecret"
DISCORD_TOKEN = "AppScenario.Discord.Secret-token"  # noqa: S105 - a fake token for a fake server

# Telegram: the channel named in the schedule, a group, its admin, a member, a supporter.
CHANNEL = tg.channel_chat(-1009001, "example_channel")
GROUP = tg.supergroup_chat(-1004001, "Supporters")
GROUP_ADMIN = tg.user(1002, "Alesia")
MEMBER = tg.user(1003, "Maks")
SUPPORTER = tg.user(1005, "Ira")  # subscribes in private, later blocks the bot
TELEGRAM_ADMIN = tg.user(4242, "Operator")

# Discord: the channel named in the schedule, one that subscribes, one that will 403.
GUILD = "900000000000000001"
POST_CHANNEL = "910000000000000001"
SUB_CHANNEL = "910000000000000002"
GONE_CHANNEL = "910000000000000003"
DISCORD_MEMBER = "700000000000000001"
DISCORD_ADMIN = "700000000000000099"

SCHEDULE = schedule(
    catch_up="6h", to=f"[telegram:@example_channel, discord:{POST_CHANNEL}, subscribers, console]"
)

TELEGRAM_OPTIONS: dict[str, Any] = {
    "limits": RateLimits().scaled(SCALE),
    "timeouts": Timeouts(connect=1.0, read=2.0, write=2.0, pool=1.0, poll=1.0),
    "bootstrap_retries": 0,
}
DISCORD_OPTIONS = DiscordOptions(
    guild_ready_timeout=0.05,
    ready_timeout=10.0,
    request_timeout=3.0,
    pacing=PacingLimits().scaled(SCALE),
)


def minsk(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MINSK)


# -- log capture: the whole test, set-up and tear-down included ---------------------------


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._waiters: list[tuple[str, asyncio.AbstractEventLoop, asyncio.Event]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        message = record.getMessage()
        for text, loop, event in self._waiters:
            if text in message:
                loop.call_soon_threadsafe(event.set)

    async def wait_for(self, text: str, deadline: float = 10.0) -> None:
        """Until a record containing `text` is logged (a record may come from any thread)."""
        event = asyncio.Event()
        if any(text in r.getMessage() for r in self.records):
            return
        waiter = (text, asyncio.get_running_loop(), event)
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(deadline):
                await event.wait()
        finally:
            self._waiters.remove(waiter)

    def texts(self) -> list[str]:
        """Every record as a handler would write it: message, exception and stack."""
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return [formatter.format(r) for r in self.records]


@pytest.fixture(autouse=True)
def log_records() -> Iterator[Records]:
    """Every log record at DEBUG from set-up to tear-down; at the end, no token in any."""
    root = logging.getLogger()
    handler = Records()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    for text in handler.texts():
        assert TELEGRAM_TOKEN not in text, text
        assert DISCORD_TOKEN not in text, text
        assert TELEGRAM_TOKEN.split(":")[1] not in text, text


# -- content, fakes, settings ----------------------------------------------------------------


@pytest.fixture
def content_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled facts and a schedule that posts everywhere."""
    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", facts)
    schedules = tmp_path / "schedules"
    schedules.mkdir()
    (schedules / "default.yaml").write_text(SCHEDULE, encoding="utf-8")
    return facts, schedules


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN, time_scale=SCALE) as server:
        server.add_chat(CHANNEL)
        server.add_chat(GROUP)
        server.members[(str(GROUP["id"]), str(GROUP_ADMIN["id"]))] = "administrator"
        server.members[(str(GROUP["id"]), str(MEMBER["id"]))] = "member"
        yield server
        assert not server.unknown, [c.method for c in server.unknown]


@pytest.fixture
async def discord() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(
        limits=Limits(time_scale=SCALE),
        guild_id=GUILD,
        channels=(POST_CHANNEL, SUB_CHANNEL, GONE_CHANNEL),
        token=DISCORD_TOKEN,
    )
    await server.start()
    try:
        yield server
        assert not server.unexpected(), [c.key for c in server.unexpected()]
    finally:
        await server.close()


@pytest.fixture
def backend() -> str:
    """The database the bot runs on; a test parametrizes it to run on PostgreSQL too."""
    return "sqlite"


@pytest.fixture
async def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'advocacy.db'}"
    url: str = request.getfixturevalue("pg_url")  # fails, never skips, when unreachable
    await clean_pg(url)
    return url


@pytest.fixture
def settings(
    content_dirs: tuple[Path, Path], db_url: str, telegram: FakeTelegram, discord: FakeDiscord
) -> Settings:
    facts, schedules = content_dirs
    return Settings(
        facts_dir=facts,
        schedules_dir=schedules,
        db_url=db_url,
        admins=frozenset({f"telegram:{TELEGRAM_ADMIN['id']}", f"discord:{DISCORD_ADMIN}"}),
        telegram_token=TELEGRAM_TOKEN,
        telegram_api_url=telegram.base_url,
        discord_token=DISCORD_TOKEN,
        discord_api_url=discord.api_url,
        discord_gateway_url=discord.gateway_url,
    )


@pytest.fixture
def restore_endpoints() -> Iterator[None]:
    """discord.py's endpoints are process-wide: put back what was there before the test."""
    before = endpoints.current()
    yield
    endpoints.apply(before)


# -- the bot -----------------------------------------------------------------------------------


@dataclass
class Bot:
    """One bot deployment: its settings, database and clock outlive each App (a process)."""

    settings: Settings
    clock: FakeClock
    telegram: FakeTelegram
    discord: FakeDiscord
    console: io.StringIO = field(default_factory=io.StringIO)
    app: App | None = None

    @property
    def running(self) -> App:
        assert self.app is not None, "the bot is not running"
        return self.app

    async def start(self) -> App:
        """What `advocacy-bot run` does: open the store, load the files, start everything."""
        holder = ContentHolder(self.settings.facts_dir, self.settings.schedules_dir)
        assert not holder.load()
        store = await open_store(self.settings.db_url, clock=self.clock)
        adapters = platform_adapters(
            self.settings, telegram=TELEGRAM_OPTIONS, discord=DISCORD_OPTIONS
        )
        assert [a.platform for a in adapters] == ["telegram", "discord"]
        self.app = App(
            self.settings,
            holder,
            self.clock,
            store,
            adapters,
            extra_senders={"console": ConsoleSender(self.console)},
        )
        try:
            await self.app.start()
            # The start-up catch-up runs in the background; wait until it is done, so a
            # test's own tick starts from a settled runner.
            await self.app.runner.tick(self.clock.now())
        except BaseException:
            await self.stop()
            raise
        return self.app

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        discord = next(a for a in app.adapters if a.platform == "discord")
        assert isinstance(discord, DiscordAdapter)
        alive = discord.alive
        await app.stop()
        assert alive, "the discord.py client task died while the bot ran"

    async def restart(self) -> App:
        await self.stop()
        return await self.start()

    async def tick(self, at: datetime) -> list[BroadcastResult]:
        """Move the clock to `at` and run the scheduler there, waiting for its sends."""
        self.clock.set(at)
        return await self.running.runner.tick(at)

    # -- people on Telegram ---------------------------------------------------------------
    async def telegram_says(self, text: str, chat: dict, sender: dict) -> TelegramCall:
        """`sender` types `text` in `chat`; the bot's next message there."""
        chat_id = str(chat["id"])
        before = len([c for c in self.telegram.calls if _sent_to(c, chat_id)])
        self.telegram.command(text, chat=chat, sender=sender)
        calls = await self.telegram.wait_for(lambda c: _sent_to(c, chat_id), before + 1)
        return calls[before]

    # -- people on Discord --------------------------------------------------------------------
    async def discord_says(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel: str = SUB_CHANNEL,
        user_id: str = DISCORD_MEMBER,
        permissions: int = dp.MEMBER_PERMISSIONS,
    ) -> DiscordCall:
        """A slash command in `channel`; the bot's (first) answer to it."""
        interaction = await self.discord.interact(
            self.discord.slash(
                name, options, channel=channel, user_id=user_id, permissions=permissions
            )
        )
        (answer,) = await self.discord.wait_response(interaction)
        return answer


def _sent_to(call: TelegramCall, chat_id: str) -> bool:
    return call.method == "sendMessage" and call.chat_id == chat_id


@pytest.fixture
async def bot(
    restore_endpoints: None,
    settings: Settings,
    telegram: FakeTelegram,
    discord: FakeDiscord,
) -> AsyncIterator[Bot]:
    """A running bot at 08:00 on 14 July 2026 in Minsk, an hour before the daily post."""
    deployment = Bot(settings, FakeClock(minsk(2026, 7, 14, 8)), telegram, discord)
    await deployment.start()
    try:
        yield deployment
    finally:
        await deployment.stop()
