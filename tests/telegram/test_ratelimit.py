"""The one rate limiter, on a clock the test drives and shares with the strict fake.

The real python-telegram-bot sends through `TelegramSender` and our limiter to the fake Bot
API, exactly as in production; only the clock is the test's. So every assertion is about
exact moments (the slot each send had to wait for), none about how fast this machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass

import pytest
from telegram.error import RetryAfter
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.adapters.telegram.keyboard import Keyboards
from bot.adapters.telegram.ratelimit import Lane, RateLimits, TelegramRateLimiter
from bot.adapters.telegram.sender import TelegramSender
from bot.core.messages import Message
from bot.scheduler.sender import Outcome, SendOutcome
from tests.fakes.clock import ManualClock, drive
from tests.fakes.telegram_api import Call, FakeTelegram

POST = (Message(paragraphs=("A post.",)),)
LIMITS = RateLimits()
SLOT = LIMITS.interval  # 1/30 s


@dataclass
class Paced:
    clock: ManualClock
    fake: FakeTelegram
    limiter: TelegramRateLimiter
    sender: TelegramSender

    def start(self, chat: str, lane: Lane = Lane.BROADCAST) -> asyncio.Task[SendOutcome]:
        return asyncio.create_task(self.sender.deliver(chat, POST, lane))

    async def run(self, tasks: Sequence[asyncio.Task[SendOutcome]]) -> list[SendOutcome]:
        await drive(self.clock, tasks, lambda: self.limiter.waiting)
        return [t.result() for t in tasks]

    async def until(self, condition: Callable[[], bool]) -> None:
        """Wait (deadline 10 s) for the bot to reach a state; the clock does not move."""
        async with asyncio.timeout(10):
            while not condition():  # noqa: ASYNC110 - the limiter has no event to wait on
                await asyncio.sleep(0.001)

    def times(self, chat: str | None = None) -> list[float]:
        """When each accepted send reached the fake, from the first, in order."""
        sent: list[Call] = self.fake.sent(chat)
        return [c.at - self.start_time for c in sent]

    start_time: float = 0.0


async def paced_bot(limits: RateLimits) -> AsyncIterator[Paced]:
    clock = ManualClock()
    async with FakeTelegram(clock=clock.now) as fake:
        limiter = TelegramRateLimiter(limits, clock=clock)
        request = HTTPXRequest(connection_pool_size=512, read_timeout=10, pool_timeout=10)
        bot: ExtBot[Lane] = ExtBot(
            fake.token, base_url=fake.base_url, request=request, rate_limiter=limiter
        )
        await bot.initialize()
        try:
            yield Paced(clock, fake, limiter, TelegramSender(bot, Keyboards()), clock.now())
        finally:
            await bot.shutdown()


@pytest.fixture
async def paced() -> AsyncIterator[Paced]:
    async for p in paced_bot(LIMITS):
        yield p


def most_in_any_window(times: Sequence[float], window: float) -> int:
    """The largest number of `times` inside any half-open window (t - window, t]."""
    return max(sum(1 for u in times if t - window < u <= t) for t in times)


async def test_sends_go_on_an_even_grid_of_30_a_second(paced: Paced) -> None:
    outcomes = await paced.run([paced.start(str(10_000 + n)) for n in range(70)])
    assert {o.outcome for o in outcomes} == {Outcome.SENT}
    times = paced.times()
    assert times == pytest.approx([n * SLOT for n in range(70)])
    assert most_in_any_window(times, 1.0) == 30  # on this clock, answers come at once
    assert not paced.fake.violations


async def test_a_reply_overtakes_every_queued_broadcast_send(paced: Paced) -> None:
    broadcast = [paced.start(str(20_000 + n)) for n in range(20)]
    await paced.until(lambda: paced.limiter.waiting == 19 and len(paced.fake.sent()) == 1)
    reply = paced.start("1001", Lane.REPLY)
    outcomes = await paced.run([*broadcast, reply])
    assert {o.outcome for o in outcomes} == {Outcome.SENT}
    order = [c.chat_id for c in paced.fake.sent()]
    assert order[:3] == ["20000", "1001", "20001"]
    assert paced.times() == pytest.approx([n * SLOT for n in range(21)])  # no extra slot


async def test_one_chat_gets_one_message_a_second(paced: Paced) -> None:
    outcomes = await paced.run([paced.start("30000") for _ in range(4)])
    assert {o.outcome for o in outcomes} == {Outcome.SENT}
    assert paced.times() == pytest.approx([n * LIMITS.chat_interval for n in range(4)])
    assert not paced.fake.violations


async def test_a_group_gets_20_in_any_minute_then_waits_for_the_window(paced: Paced) -> None:
    outcomes = await paced.run([paced.start("-1004242") for _ in range(22)])
    assert {o.outcome for o in outcomes} == {Outcome.SENT}
    times = paced.times()
    step = LIMITS.chat_interval
    assert times[:20] == pytest.approx([n * step for n in range(20)])
    assert times[20:] == pytest.approx([LIMITS.group_window, LIMITS.group_window + step])
    assert most_in_any_window(times, 60.0) == 20
    assert not paced.fake.violations


async def test_a_429_pauses_broadcasts_but_not_replies(paced: Paced) -> None:
    paced.fake.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5, chat_id="40000"
    )
    limited = await paced.run([paced.start("40000")])
    assert limited[0].outcome is Outcome.RATE_LIMITED and limited[0].retry_after == 5
    tasks = [paced.start("40001"), paced.start("1002", Lane.REPLY)]
    assert {o.outcome for o in await paced.run(tasks)} == {Outcome.SENT}
    reply, later = paced.fake.sent("1002")[0], paced.fake.sent("40001")[0]
    assert reply.at - paced.start_time == pytest.approx(SLOT)  # its own slot, no pause
    assert later.at - paced.start_time == pytest.approx(5.0)  # the broadcast lane waited
    assert paced.limiter.flood_waits == 1


async def test_the_strict_fake_catches_a_bot_that_does_not_pace() -> None:
    """Guards every "no violations" assertion: without a limiter, 40 sends in one instant
    earn exactly 10 global 429s, and three to one chat a second later earn two."""
    clock = ManualClock()
    async with FakeTelegram(clock=clock.now) as fake:
        request = HTTPXRequest(connection_pool_size=64)
        bot: ExtBot[None] = ExtBot(fake.token, base_url=fake.base_url, request=request)
        await bot.initialize()
        try:

            async def burst(chats: list[int]) -> list[object]:
                sends = (bot.send_message(chat_id=c, text="x") for c in chats)
                return await asyncio.gather(*sends, return_exceptions=True)

            first = await burst([50_000 + n for n in range(40)])
            clock.advance_to(clock.now() + 1.0)
            second = await burst([60_000] * 3)
        finally:
            await bot.shutdown()
    assert fake.violations == {"global": 10, "chat": 2}
    assert sum(isinstance(r, RetryAfter) for r in first) == 10
    assert sum(isinstance(r, RetryAfter) for r in second) == 2
