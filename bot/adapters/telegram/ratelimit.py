"""One rate limiter for every request the bot makes to Telegram, with a lane for replies.

Why our own `BaseRateLimiter` and not PTB's `AIORateLimiter`: AIORateLimiter serves requests
first come, first served, so a `/today` typed during a broadcast waits behind every queued
broadcast send (docs/delivery.md §1: a 2.17 s p99, measured), and its 429 handling pauses
every request, replies included. Plugging in through `BaseRateLimiter` keeps one limiter for
all of PTB's traffic (command replies, callback answers, broadcast sends alike) while adding
what we need:

* one global pace shared by two lanes (`GridPace`): sends go evenly, and never more than 30
  reach Telegram in any second whatever the network's jitter, because a slot opens only a
  second after the *answer* to the send 30 slots earlier (a send arrives before its answer
  comes back). The margin under Telegram's limit is that round trip. Replies always go
  before waiting broadcast sends; both lanes together keep the one pace.
* per chat, by the same rule, one message a second (the next leaves a second after the
  previous one's answer, one at a time, in order) and, for groups and channels (negative
  ids and @usernames), at most 20 in any minute.
* a 429 blocks that chat and pauses the broadcast lane for `retry_after`; a reply then waits
  and tries again, a broadcast send raises `RetryAfter` so that the sender reports
  RATE_LIMITED and the ledger retries (only the ledger knows whether the post is still due).

Only message-sending methods are paced: Telegram's limits are about messages, and
answering an inline query or a button press late is worse than useless. Every number is a
constructor argument; `RateLimits.scaled(10)` runs all of them ten times faster for
benchmarks. Time is read and waited on only through a `PaceClock`, so tests drive it.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import math
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.adapters.pace import GridPace, LoopClock, PaceClock, Slot

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
    """Telegram's flood limits as we pace them, a little under the real ones."""

    global_count: int = 30  # messages in any `global_window`, counted from their answers
    global_window: float = 1.0
    chat_interval: float = 1.0  # from one message's answer to the next message to that chat
    group_count: int = 20  # messages in any `group_window` to one group or channel
    group_window: float = 60.0
    max_reply_retries: int = 3  # 429s a reply survives before it is given up
    max_retry_wait: float = 60.0  # a reply never waits longer than this for a 429

    @property
    def interval(self) -> float:
        """The spacing of sends at full pace."""
        return self.global_window / self.global_count

    def scaled(self, factor: float) -> RateLimits:
        """All limits `factor` times faster (time-scaled benchmarks)."""
        return replace(
            self,
            global_window=self.global_window / factor,
            chat_interval=self.chat_interval / factor,
            group_window=self.group_window / factor,
            max_retry_wait=self.max_retry_wait / factor,
        )


def retry_seconds(exc: RetryAfter) -> float:
    """`retry_after` in seconds whether PTB gives an int or (PTB_TIMEDELTA=1) a timedelta."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_group_chat(chat: str) -> bool:
    """Groups, supergroups and channels have negative ids; channels may be @usernames."""
    return chat.startswith(("-", "@"))


@dataclass
class _ChatState:
    last: float = -math.inf
    sent: deque[float] = field(default_factory=deque)  # groups: sends in the window
    blocked_until: float = -math.inf
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class TelegramRateLimiter(BaseRateLimiter[Lane]):
    """See the module docstring. One instance per bot token, shared by every send."""

    def __init__(self, limits: RateLimits | None = None, *, clock: PaceClock | None = None) -> None:
        self.limits = limits or RateLimits()
        self.clock = clock or LoopClock()
        self._global = GridPace(
            self.limits.global_count, self.limits.global_window, self.clock, lanes=len(Lane)
        )
        self._chats: dict[str, _ChatState] = {}
        self._sweep_at = 4096  # sweep idle chats when this many are tracked
        self.flood_waits = 0  # 429s seen: a well-paced bot keeps this at zero
        self.waiting = 0  # requests held for their slot right now

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
            try:
                if not paced:
                    return await callback(*args, **kwargs)
                async with self._turn(str(chat), lane):
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
                    await self.clock.sleep(wait)

    def _flooded(self, chat: str | None, wait: float) -> None:
        until = self.clock.now() + wait
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
            state = self._chats[chat] = _ChatState()
        return state

    def _forget_idle(self) -> None:
        """Drop chats whose limits have fully recovered, so a long broadcast does not leak."""
        now = self.clock.now()
        horizon = max(self.limits.group_window, self.limits.chat_interval)
        for key in [
            k
            for k, s in self._chats.items()
            if not s.lock.locked() and now - s.last > horizon and now > s.blocked_until
        ]:
            del self._chats[key]

    def _chat_ready(self, chat: str, state: _ChatState, now: float) -> float:
        lim = self.limits
        while state.sent and state.sent[0] <= now - lim.group_window:
            state.sent.popleft()
        ready = max(state.blocked_until, state.last + lim.chat_interval)
        if is_group_chat(chat) and len(state.sent) >= lim.group_count:
            ready = max(ready, state.sent[-lim.group_count] + lim.group_window)
        return ready

    @asynccontextmanager
    async def _turn(self, chat: str, lane: Lane) -> AsyncIterator[None]:
        """Hold `chat` and a global slot for one request, from its turn to its answer.

        `waiting` counts requests held here until their slot, queued behind the same
        chat included (tests drive their clock by it).
        """
        state = self._state(chat)
        self.waiting += 1
        try:
            await state.lock.acquire()  # one request per chat at a time, in arrival order
        except BaseException:
            self.waiting -= 1
            raise
        try:
            slot = await self._slot(chat, state, lane)
            try:
                yield
            finally:
                now = self.clock.now()
                self._global.finish(slot, now)
                state.last = now
                if is_group_chat(chat):
                    state.sent.append(now)
        finally:
            state.lock.release()

    async def _slot(self, chat: str, state: _ChatState, lane: Lane) -> Slot:
        """Wait until `chat` may get a message, then for a global slot in `lane`'s turn."""
        try:
            while (ready := self._chat_ready(chat, state, now := self.clock.now())) > now:
                await self.clock.sleep(ready - now)
            return await self._global.take(lane)
        finally:
            self.waiting -= 1
