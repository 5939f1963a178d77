"""Our own pacing under Discord's limits, because discord.py only reacts to 429s.

Unpaced, 500 sends at once earned about 1,500 429s (docs/delivery.md §1), and 10,000 invalid
requests in 10 minutes get the bot's address banned. So the sender asks this pacer before
each create-message request:

- global: requests are spaced at least `1 / global_rate` apart, in the order they asked
  (no bursts, so no one-second window of Discord's 50/s ever overflows);
- per channel: at most `channel_messages` in any `channel_window` seconds, counted from
  when each answer came back (never earlier than Discord counted it), one request in
  flight per channel, which also keeps the parts of a split post in order.

Every figure is a constructor argument so tests and the benchmark can time-scale them.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PacingLimits:
    """Discord's 50 requests/s with headroom, and its observed 5 messages per 5 s a channel."""

    global_rate: float = 47.0  # requests per second; Discord allows 50
    channel_messages: int = 5
    channel_window: float = 5.0  # seconds

    def scaled(self, factor: float) -> PacingLimits:
        """The same limits with time running `factor` times faster (tests, benchmarks)."""
        return PacingLimits(
            self.global_rate * factor, self.channel_messages, self.channel_window / factor
        )


class _Channel:
    __slots__ = ("lock", "log", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.log: deque[float] = deque()  # when each recent request was answered
        self.users = 0


class Lane:
    """One channel's turn: wait with `turn()` before each request, `done()` after it."""

    def __init__(self, pacer: Pacer, channel: _Channel) -> None:
        self._pacer = pacer
        self._channel = channel

    async def turn(self) -> None:
        pacer, log = self._pacer, self._channel.log
        limits = pacer.limits
        while True:
            now = pacer.clock()
            while log and log[0] <= now - limits.channel_window:
                log.popleft()
            if len(log) < limits.channel_messages:
                break
            await asyncio.sleep(log[0] + limits.channel_window - now)
        await pacer.global_turn()

    def done(self, answered_at: float | None = None) -> None:
        """Count a request at the moment Discord answered it (default: now).

        discord.py returns late when its bucket is exhausted (it sleeps in the request's
        exit), so the sender passes the time the answer arrived, seen on the wire.
        """
        self._channel.log.append(answered_at if answered_at is not None else self._pacer.clock())


class Pacer:
    """Shared by every send of one bot token (limits belong to the token)."""

    def __init__(
        self,
        limits: PacingLimits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits or PacingLimits()
        self.clock = clock
        self._next = 0.0
        self._channels: dict[str, _Channel] = {}

    async def global_turn(self) -> None:
        """Reserve the next global slot (first come, first served) and wait for it."""
        now = self.clock()
        at = max(now, self._next)
        self._next = at + 1.0 / self.limits.global_rate
        if at > now:
            await asyncio.sleep(at - now)

    @asynccontextmanager
    async def channel(self, channel_id: str) -> AsyncIterator[Lane]:
        """Hold the channel for one delivery (all its parts), in arrival order."""
        state = self._channels.get(channel_id)
        if state is None:
            state = self._channels[channel_id] = _Channel()
        state.users += 1
        try:
            async with state.lock:
                yield Lane(self, state)
        finally:
            state.users -= 1
            self._forget_idle(channel_id, state)

    def _forget_idle(self, channel_id: str, state: _Channel) -> None:
        """Drop a channel's state once nobody waits and its window has passed (bounded memory)."""
        if state.users:
            return
        horizon = self.clock() - self.limits.channel_window
        if not state.log or state.log[-1] <= horizon:
            del self._channels[channel_id]
        elif len(self._channels) > 4096:
            idle = [
                key
                for key, c in self._channels.items()
                if not c.users and (not c.log or c.log[-1] <= horizon)
            ]
            for key in idle:
                del self._channels[key]
