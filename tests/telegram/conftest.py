"""Fixtures: the fake Bot API on 127.0.0.1 and the real adapter (real PTB) pointed at it.

The BotApi here is a small fake that returns fixed replies, so these tests pin the adapter
alone; test_real_service.py runs every command through the real service. Every test talks
to the adapter through the fake server and reads what the fake server received.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest

from bot.adapters.telegram.adapter import TelegramAdapter, Timeouts
from bot.adapters.telegram.ratelimit import RateLimits
from bot.core.commands.context import ChatContext
from bot.core.messages import Button, Link, Message, Reply
from bot.service.api import BotApi, CardHit
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram

# Limits run ten times faster in tests; the fake enforces the same scaled limits.
SCALE = 10.0
BOT_ADMIN = 4242
TEST_TIMEOUTS = Timeouts(connect=1.0, read=2.0, write=2.0, pool=1.0, poll=1.0)


def card(n: int) -> CardHit:
    message = Message(
        title=f"Card {n}",
        paragraphs=(f"Fact number {n} & more.",),
        sources=(Link(f"https://example.org/{n}", f"Source {n}"),),
        card_id=f"people/card-{n}",
    )
    return CardHit(f"people/card-{n}", f"Card {n}", f"Fact number {n}", message)


@dataclass
class FakeApi:
    """Fixed replies; `subscribe` asks ctx.chat_admin like the real service does."""

    cards: list[CardHit] = field(default_factory=lambda: [card(n) for n in range(1, 121)])
    calls: list[tuple[str, str, ChatContext]] = field(default_factory=list)
    migrations: list[tuple[str, str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    searches: list[tuple[str, str | None, int, int]] = field(default_factory=list)
    replies: dict[str, Reply] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def wait(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline is this helper's whole point
    ) -> None:
        """Wait (with a deadline) until `predicate()` holds after some call to this api."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        self.calls.append((name, args, ctx))
        self.changed.set()
        if name in self.replies:
            return self.replies[name]
        if name in ("subscribe", "unsubscribe"):
            if ctx.chat_admin is None or not await ctx.chat_admin():
                text = f"Only an admin of this chat can /{name}."
                return Reply((Message(paragraphs=(text,)),))
            return Reply((Message(paragraphs=(f"Done: /{name} in {ctx.chat_id}.",)),))
        if name not in KNOWN_REPLIES:
            return Reply((Message(paragraphs=(f"Unknown command /{name}.",)),))
        return Reply((KNOWN_REPLIES[name](args),))

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        return self.find_cards(text, language, 0, limit)[0]

    def complete_subjects(
        self, text: str, language: str | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return []

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        self.searches.append((query, language, offset, limit))
        self.changed.set()
        found = [c for c in self.cards if query.lower() in c.title.lower()]
        page = found[offset : offset + limit]
        return page, (offset + limit if offset + limit < len(found) else None)

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        self.migrations.append((platform, old_chat, new_chat))
        self.changed.set()

    async def chat_removed(self, platform: str, chat: str) -> None:
        self.removed.append((platform, chat))
        self.changed.set()


def _facts(args: str) -> Message:
    return Message(
        title=f"Cards about {args or 'everything'}",
        paragraphs=("Two <found> & shown",),
        buttons=(Button("Next", command="/facts page 2"), Button("Site", url="https://x.org")),
    )


KNOWN_REPLIES = {
    "facts": _facts,
    "fact": lambda args: card(7).message,
    "today": lambda args: Message(title="On this day", paragraphs=("Nothing today.",)),
    "upcoming": lambda args: Message(title="Upcoming", paragraphs=(f"days={args or 30}",)),
    "language": lambda args: Message(paragraphs=(f"language={args}",)),
    "help": lambda args: Message(title="Help", paragraphs=("/facts, /today",)),
    "about": lambda args: Message(title="About", paragraphs=("Advocacy bot",)),
    "reload": lambda args: Message(paragraphs=("Reloaded",)),
    "preview": lambda args: Message(paragraphs=(f"Preview {args}",)),
    "status": lambda args: Message(paragraphs=("All good",)),
}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(time_scale=SCALE) as server:
        yield server
        assert not server.unknown, [c.method for c in server.unknown]


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def settings(fake: FakeTelegram) -> Settings:
    return Settings(
        telegram_token=fake.token,
        telegram_api_url=fake.base_url,
        admins=frozenset({f"telegram:{BOT_ADMIN}", "discord:1"}),
    )


def make_adapter(settings: Settings) -> TelegramAdapter:
    return TelegramAdapter(
        settings, limits=RateLimits().scaled(SCALE), timeouts=TEST_TIMEOUTS, bootstrap_retries=0
    )


@asynccontextmanager
async def started(settings: Settings, api: BotApi) -> AsyncIterator[TelegramAdapter]:
    """The real adapter, started on `api` and stopped on the way out."""
    bot = make_adapter(settings)
    await bot.start(api)
    try:
        yield bot
    finally:
        await bot.stop()


@pytest.fixture
async def adapter(settings: Settings, api: FakeApi) -> AsyncIterator[TelegramAdapter]:
    async with started(settings, api) as bot:
        yield bot
