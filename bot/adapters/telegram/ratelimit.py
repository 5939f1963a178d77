"""One rate limiter for every request the bot makes to Telegram, with a lane for replies.

Why our own `BaseRateLimiter` and not PTB's `AIORateLimiter`: AIORateLimiter serves requests
first come, first served, so a `/today` typed during a broadcast waits behind every queued
broadcast send (docs/delivery.md §1: a 2.17 s p99, measured), and its 429 handling pauses
every request, replies included. Plugging in through `BaseRateLimiter` keeps one limiter for
all of PTB's traffic (command replies, callback answers, broadcast sends alike) while adding
what we need:

* one global token bucket (30 messages/s) shared by two lanes. Replies take a token whenever
  one is free and always go before waiting broadcast sends; broadcast sends leave a small
  reserve of tokens untouched, so a reply usually finds a token at once. Both lanes together
  never exceed the global rate.
* per chat, a token bucket (1 message/s with a small burst) and, for groups and channels
  (negative ids and @usernames), a sliding window of 20 messages per minute. The window gets
  a little slack so that network jitter between our clock and Telegram's cannot make 21
  arrive inside one minute.
* a 429 blocks that chat and pauses the broadcast lane for `retry_after`; a reply then waits
  and tries again, a broadcast send raises `RetryAfter` so that the sender reports
  RATE_LIMITED and the ledger retries (only the ledger knows whether the post is still due).

Only message-sending methods are paced: Telegram's limits are about messages, and
answering an inline query or a button press late is worse than useless. Every number is a
constructor argument; `RateLimits.scaled(10)` runs all of them ten times faster for tests
and benchmarks.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

PACED_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAnimation",
        "sendAudio",
        "sendVoice",
        "sendMediaGroup",
        "sendPoll",
        "sendSticker",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
        "editMessageText",
    }
)


class Lane(enum.IntEnum):
    """Who waits for whom: a person waiting for an answer goes first."""

    REPLY = 0
    BROADCAST = 1


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Telegram's flood limits as we pace them, kept a little under the real ones."""

    global_rate: float = 30.0  # messages per second, all chats together
    global_burst: float = 5.0  # bucket size; Telegram tolerates more, this keeps sends even
    reply_reserve: float = 2.0  # tokens the broadcast lane leaves for replies
    chat_rate: float = 1.0  # messages per second to one chat
    chat_burst: float = 2.0  # a two-part reply goes out at once
    group_count: int = 20  # messages per window to one group or channel
    group_window: float = 60.0
    group_slack: float = 0.5  # seconds added to the window against network jitter
    max_reply_retries: int = 3  # 429s a reply survives before it is given up
    max_retry_wait: float = 60.0  # a reply never waits longer than this for a 429

    def scaled(self, factor: float) -> RateLimits:
        """All limits `factor` times faster (time-scaled tests and benchmarks)."""
        return replace(
            self,
            global_rate=self.global_rate * factor,
            chat_rate=self.chat_rate * factor,
            group_window=self.group_window / factor,
            group_slack=self.group_slack / factor,
            max_retry_wait=self.max_retry_wait / factor,
        )


def retry_seconds(exc: RetryAfter) -> float:
    """`retry_after` in seconds whether PTB gives an int or (PTB_TIMEDELTA=1) a timedelta."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_group_chat(chat: str) -> bool:
    """Groups, supergroups and channels have negative ids; channels may be @usernames."""
    return chat.startswith(("-", "@"))


class _GlobalBucket:
    """A token bucket served by priority: REPLY waiters first, BROADCAST above a reserve.

    Waiters are futures woken by one timer set for the moment the next token is due, so
    nothing polls and an idle bot costs nothing.
    """

    def __init__(self, rate: float, capacity: float, reserve: float) -> None:
        self._rate, self._capacity, self._reserve = rate, capacity, reserve
        self._tokens = capacity
        self._stamp: float | None = None
        self._waiters: dict[Lane, deque[asyncio.Future[None]]] = {lane: deque() for lane in Lane}
        self.paused_until: dict[Lane, float] = dict.fromkeys(Lane, 0.0)
        self._timer: asyncio.TimerHandle | None = None

    async def take(self, lane: Lane) -> None:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._waiters[lane].append(fut)
        self._pump()
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self._tokens += 1  # granted, then cancelled: give the token back
            elif fut in self._waiters[lane]:
                self._waiters[lane].remove(fut)
            raise

    def pause(self, lane: Lane, until: float) -> None:
        self.paused_until[lane] = max(self.paused_until[lane], until)

    def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        if self._stamp is not None:
            self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for lane in Lane:
            queue = self._waiters[lane]
            while queue and queue[0].done():
                queue.popleft()
            if not queue:
                continue
            need = 1.0 if lane is Lane.REPLY else 1.0 + self._reserve
            while queue and self._tokens >= need and now >= self.paused_until[lane]:
                fut = queue.popleft()
                if not fut.done():
                    self._tokens -= 1
                    fut.set_result(None)
            if queue:
                # This lane still waits; lower lanes wait behind it.
                due = max(self.paused_until[lane], now + (need - self._tokens) / self._rate)
                self._timer = loop.call_at(due, self._pump)
                return


@dataclass
class _ChatState:
    tokens: float
    stamp: float
    sent: deque[float] = field(default_factory=deque)
    blocked_until: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class TelegramRateLimiter(BaseRateLimiter[Lane]):
    """See the module docstring. One instance per bot token, shared by every send."""

    def __init__(self, limits: RateLimits | None = None) -> None:
        self.limits = limits or RateLimits()
        lim = self.limits
        self._global = _GlobalBucket(lim.global_rate, lim.global_burst, lim.reply_reserve)
        self._chats: dict[str, _ChatState] = {}
        self._sweep_at = 4096  # sweep idle chats when this many are tracked
        self.flood_waits = 0  # 429s seen: a well-paced bot keeps this at zero

    async def initialize(self) -> None:
        """Nothing to open: all state is in memory."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Lane | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        lane = Lane.REPLY if rate_limit_args is None else rate_limit_args
        chat = data.get("chat_id")
        paced = endpoint in PACED_METHODS and chat is not None
        attempt = 0
        while True:
            if paced:
                await self._acquire(str(chat), lane)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_seconds(exc)
                self.flood_waits += 1
                self._flooded(None if chat is None else str(chat), wait)
                attempt += 1
                give_up = (
                    lane is Lane.BROADCAST
                    or attempt > self.limits.max_reply_retries
                    or wait > self.limits.max_retry_wait
                )
                log.warning(
                    "telegram 429 on %s to %s: retry after %.2fs (%s)",
                    endpoint,
                    chat,
                    wait,
                    "reported" if give_up else "waiting",
                )
                if give_up:
                    raise
                if not paced:
                    await asyncio.sleep(wait)

    def _flooded(self, chat: str | None, wait: float) -> None:
        until = asyncio.get_running_loop().time() + wait
        self._global.pause(Lane.BROADCAST, until)
        if chat is not None:
            state = self._state(chat)
            state.blocked_until = max(state.blocked_until, until)

    def _state(self, chat: str) -> _ChatState:
        state = self._chats.get(chat)
        if state is None:
            if len(self._chats) >= self._sweep_at:
                self._forget_idle()
                # Amortised: the next sweep waits until the table has doubled again.
                self._sweep_at = max(4096, 2 * len(self._chats))
            state = _ChatState(self.limits.chat_burst, asyncio.get_running_loop().time())
            self._chats[chat] = state
        return state

    def _forget_idle(self) -> None:
        """Drop chats whose limits have fully recovered, so a long broadcast does not leak."""
        now = asyncio.get_running_loop().time()
        lim = self.limits
        horizon = max(lim.group_window + lim.group_slack, lim.chat_burst / lim.chat_rate)
        for key in [
            k
            for k, s in self._chats.items()
            if not s.lock.locked() and now - s.stamp > horizon and now > s.blocked_until
        ]:
            del self._chats[key]

    async def _acquire(self, chat: str, lane: Lane) -> None:
        """Wait until `chat` may get a message, then for a global token in `lane`'s turn."""
        state = self._state(chat)
        loop = asyncio.get_running_loop()
        lim = self.limits
        async with state.lock:
            while True:
                now = loop.time()
                state.tokens = min(
                    lim.chat_burst, state.tokens + (now - state.stamp) * lim.chat_rate
                )
                state.stamp = now
                window = lim.group_window + lim.group_slack
                while state.sent and state.sent[0] <= now - window:
                    state.sent.popleft()
                ready = max(state.blocked_until, now + (1 - state.tokens) / lim.chat_rate)
                if is_group_chat(chat) and len(state.sent) >= lim.group_count:
                    ready = max(ready, state.sent[-lim.group_count] + window)
                if ready <= now:
                    break
                await asyncio.sleep(ready - now)
            await self._global.take(lane)
            now = loop.time()
            state.tokens = min(lim.chat_burst, state.tokens + (now - state.stamp) * lim.chat_rate)
            state.tokens -= 1
            state.stamp = now
            if is_group_chat(chat):
                state.sent.append(now)
