"""The one rate limiter: replies first, and no Telegram flood limit broken (per the fake)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from bot.adapters.base import Outcome
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.ratelimit import Lane, RateLimits, TelegramRateLimiter
from bot.core.messages import Message
from bot.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, Limits
from tests.telegram.conftest import TEST_TIMEOUTS, FakeApi
from tests.telegram.driver import broadcast

POST = (Message(paragraphs=("A post.",)),)


async def test_replies_overtake_queued_broadcast_sends() -> None:
    """Pure limiter: 20 broadcast sends wait for tokens; a reply arriving later goes first."""
    limiter = TelegramRateLimiter(
        RateLimits(global_rate=200.0, global_burst=1.0, reply_reserve=0.0, chat_burst=1.0)
    )
    order: list[str] = []
    three_granted = asyncio.Event()

    async def call(label: str) -> bool:
        order.append(label)
        if len(order) >= 3:
            three_granted.set()
        return True

    async def request(label: str, chat: int, lane: Lane) -> None:
        await limiter.process_request(call, (label,), {}, "sendMessage", {"chat_id": chat}, lane)

    tasks = [asyncio.create_task(request(f"b{n}", 100 + n, Lane.BROADCAST)) for n in range(20)]
    async with asyncio.timeout(5):
        await three_granted.wait()
    await request("reply", 1, Lane.REPLY)
    await asyncio.gather(*tasks)
    assert order.index("reply") <= 4, order


async def test_a_reply_during_a_broadcast_comes_back_at_once(
    fake: FakeTelegram, adapter: TelegramAdapter
) -> None:
    chats = [str(30_000 + n) for n in range(300)]
    task = asyncio.create_task(broadcast(adapter.sender, chats, POST, in_flight=300))
    await fake.wait_for("sendMessage", 30)
    started = time.monotonic()
    fake.command("/today")
    (reply,) = await fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == "1001")
    latency = reply.at - started
    results = await task
    behind = len(fake.sent()) - fake.sent().index(reply) - 1
    assert behind > 100, "the broadcast was still queued when the reply went out"
    assert latency < 0.2, latency
    assert all(r[-1].outcome is Outcome.SENT for r in results.values())
    assert not fake.violations


@pytest.fixture
async def fast_fake() -> AsyncIterator[FakeTelegram]:
    """Limits sixty times faster: a group's 20-per-minute window lasts one second."""
    async with FakeTelegram(time_scale=60.0) as server:
        yield server


async def test_a_group_gets_at_most_20_per_window(fast_fake: FakeTelegram) -> None:
    settings = Settings(telegram_token=fast_fake.token, telegram_api_url=fast_fake.base_url)
    adapter = TelegramAdapter(
        settings, limits=RateLimits().scaled(60.0), timeouts=TEST_TIMEOUTS, bootstrap_retries=0
    )
    await adapter.start(FakeApi())
    try:
        outcomes = await asyncio.gather(
            *(adapter.sender.send("-1004242", POST, delivery_key=str(n)) for n in range(25))
        )
    finally:
        await adapter.stop()
    assert {o.outcome for o in outcomes} == {Outcome.SENT}
    times = [c.at for c in fast_fake.sent("-1004242")]
    assert len(times) == 25
    window = Limits().scaled(60.0).group_window
    assert all(later - first >= window for first, later in zip(times, times[20:], strict=False))
    assert not fast_fake.violations


async def test_the_fake_catches_a_bot_that_does_not_pace(fake: FakeTelegram) -> None:
    """Guards every "no violations" assertion: without pacing, the fake answers 429."""
    settings = Settings(telegram_token=fake.token, telegram_api_url=fake.base_url)
    unlimited = RateLimits(
        global_rate=1e6, global_burst=1e6, chat_rate=1e6, chat_burst=1e6, group_count=10**6
    )
    adapter = TelegramAdapter(
        settings, limits=unlimited, timeouts=TEST_TIMEOUTS, bootstrap_retries=0
    )
    await adapter.start(FakeApi())
    try:
        outcomes = await asyncio.gather(
            *(adapter.sender.send("40000", POST, delivery_key=str(n)) for n in range(10))
        )
    finally:
        await adapter.stop()
    assert fake.violations["chat"] >= 5
    assert sum(o.outcome is Outcome.RATE_LIMITED for o in outcomes) == fake.violations["chat"]
