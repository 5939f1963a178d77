"""Fixtures: a fake Discord on 127.0.0.1, the real discord.py, and the adapter between them.

The bot side is a small `FakeBotApi` with canned replies, so these tests pin the adapter's
mechanics (contexts, deferral, errors). Every test goes through the `bot_api` fixture:
test_real_service.py overrides it with the real `BotService` to run every command end to end.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import pytest

from bot.adapters.discord import endpoints
from bot.adapters.discord.adapter import DiscordAdapter, DiscordOptions, create_adapter
from bot.adapters.discord.pacing import PacingLimits
from bot.core.commands.context import ChatContext
from bot.core.messages import Button, Item, Link, Message, Reply
from bot.service.api import CardHit
from bot.settings import Settings
from tests.fakes.discord_api import FakeDiscord, Limits

TIME_SCALE = 10.0  # fake limits and our pacing both run 10x faster in tests
ADMIN_ID = "700000000000000099"


def card(card_id: str, title: str, text: str) -> Message:
    return Message(
        title=title,
        paragraphs=(text,),
        sources=(Link("https://example.org/source", "Viasna, report"),),
        footer=card_id,
        buttons=(Button("More like this", command=f"/facts {card_id.split('/')[0]}"),),
        card_id=card_id,
    )


CARDS = {
    "ales-bialiatski/arrest-2021": card(
        "ales-bialiatski/arrest-2021", "Arrested in Minsk", "Detained on 14 July 2021."
    ),
    "ales-bialiatski/nobel-2022": card(
        "ales-bialiatski/nobel-2022", "Nobel Peace Prize", "Awarded in October 2022."
    ),
}


@dataclass
class FakeBotApi:
    """Implements BotApi with canned replies; records what the adapter asked."""

    calls: list[tuple[str, str, ChatContext]] = field(default_factory=list)
    cards: dict[str, Message] = field(default_factory=lambda: dict(CARDS))
    delay: float = 0.0  # simulated slow work, to exercise the deferral path
    subscribed: set[str] = field(default_factory=set)
    removed: list[tuple[str, str]] = field(default_factory=list)
    removal: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        self.calls.append((name, args, ctx))
        if self.delay:
            await asyncio.sleep(self.delay)
        if name == "facts":
            items = tuple(Item(k, m.title or "") for k, m in self.cards.items() if args in k)
            return Reply((Message(title=f"Cards for “{args}”", items=items),))
        if name == "fact":
            found = self.cards.get(args)
            if found is None:
                return Reply((Message(paragraphs=(f"No card {args}.",)),), private=True)
            return Reply((found,))
        if name in {"subscribe", "unsubscribe"}:
            allowed = ctx.is_bot_admin or (ctx.chat_admin is not None and await ctx.chat_admin())
            if not allowed:
                text = "Only members who can manage this channel can change its subscription."
                return Reply((Message(paragraphs=(text,)),), private=True)
            if name == "subscribe":
                self.subscribed.add(ctx.target)
            else:
                self.subscribed.discard(ctx.target)
            return Reply((Message(paragraphs=(f"{name}d {ctx.target}",)),))
        if name in {"reload", "preview", "status"}:
            return Reply((Message(title=name, paragraphs=(f"{name} {args}".strip(),)),), True)
        return Reply((Message(title=name, paragraphs=(f"/{name} {args}".strip(),)),))

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        hits = [
            CardHit(k, m.title or "", " ".join(m.paragraphs), m)
            for k, m in self.cards.items()
            if text.lower() in k or text.lower() in (m.title or "").lower()
        ]
        return hits[:limit]

    def complete_subjects(
        self, text: str, language: str | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return []

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        hits = self.complete_cards(query, language, 1000)
        page = hits[offset : offset + limit]
        return page, (offset + limit if offset + limit < len(hits) else None)

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        return None

    async def chat_removed(self, platform: str, chat: str) -> None:
        self.removed.append((platform, chat))
        self.removal.set()


@pytest.fixture
def bot_api() -> FakeBotApi:
    return FakeBotApi()


@pytest.fixture
def time_scale() -> float:
    """How much faster than Discord's limits the fake and our pacing run (parametrize it)."""
    return TIME_SCALE


@pytest.fixture
def fake_limits(time_scale: float) -> Limits:
    return Limits(time_scale=time_scale)


@pytest.fixture
def heartbeat_interval_ms() -> int:
    return 41250  # Discord's usual value: no heartbeat fires during a test unless overridden


@pytest.fixture
async def fake(fake_limits: Limits, heartbeat_interval_ms: int) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(limits=fake_limits, heartbeat_interval_ms=heartbeat_interval_ms)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def settings(fake: FakeDiscord) -> Settings:
    return Settings(
        discord_token=fake.token,
        discord_api_url=fake.api_url,
        discord_gateway_url=fake.gateway_url,
        admins=frozenset({f"discord:{ADMIN_ID}"}),
    )


@pytest.fixture
def options(time_scale: float) -> DiscordOptions:
    return DiscordOptions(
        guild_ready_timeout=0.05,
        ready_timeout=10.0,
        defer_after=1.0,
        request_timeout=3.0,
        pacing=PacingLimits().scaled(time_scale),
    )


@pytest.fixture
def restore_endpoints() -> Iterator[None]:
    """discord.py's endpoints are process-wide: put back what was there before the test."""
    before = endpoints.current()
    yield
    endpoints.apply(before)


@pytest.fixture
async def adapter(
    restore_endpoints: None,
    settings: Settings,
    options: DiscordOptions,
    bot_api: FakeBotApi,
    fake: FakeDiscord,
) -> AsyncIterator[DiscordAdapter]:
    """A started adapter; afterwards the client must still run and no unknown route was hit."""
    started = create_adapter(settings, options)
    await started.start(bot_api)
    try:
        yield started
        assert started.alive, "the discord.py client task died during the test"
        assert not fake.unexpected(), [c.key for c in fake.unexpected()]
    finally:
        await started.stop()
