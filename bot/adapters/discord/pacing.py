"""Our own pacing under Discord's limits, because discord.py only reacts to 429s.

Unpaced, 500 sends at once earned about 1,500 429s (docs/delivery.md §1), and 10,000 invalid
requests in 10 minutes get the bot's address banned. So the sender asks this pacer before
each create-message request:

- global: at most 48 posts reach Discord in any second, evenly spaced, in the order they
  asked (`GridPace`, which counts each from its answer, so jitter cannot bunch them up):
  Discord allows 50 requests a second, and two stay free for the bot's other requests;
- per channel: at most `channel_messages` in any `channel_window` seconds, counted from
  when each answer came back (never earlier than Discord counted it), one request in
  flight per channel, which also keeps the parts of a split post in order.

Every figure is a constructor argument so the benchmark can time-scale them; time is read
and waited on only through a `PaceClock`, so tests drive it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.adapters.pace import GridPace, LoopClock, PaceClock, Slot


@dataclass(frozen=True, slots=True)
class PacingLimits:
    """Discord's 50 requests/s with headroom, and its observed 5 messages per 5 s a channel."""

    global_count: int = 48  # posts in any `global_window`; Discord allows 50 requests a second
    global_window: float = 1.0
    channel_messages: int = 5
    channel_window: float = 5.0  # seconds

    def scaled(self, factor: float) -> PacingLimits:
        """The same limits with time running `factor` times faster (benchmarks)."""
        return PacingLimits(
            self.global_count,
            self.global_window / factor,
            self.channel_messages,
            self.channel_window / factor,
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
        self._slot: Slot | None = None

    async def turn(self) -> None:
        pacer, log = self._pacer, self._channel.log
        limits = pacer.limits
        pacer.waiting += 1
        try:
            while True:
                now = pacer.clock.now()
                while log and log[0] <= now - limits.channel_window:
                    log.popleft()
                if len(log) < limits.channel_messages:
                    break
                await pacer.clock.sleep(log[0] + limits.channel_window - now)
            self._slot = await pacer.global_turn()
        finally:
            pacer.waiting -= 1

    def done(self, answered_ago: float = 0.0) -> None:
        """Count a request at the moment Discord answered it, `answered_ago` seconds ago.

        discord.py returns late when its bucket is exhausted (it sleeps in the request's
        exit), so the sender passes how long ago the answer arrived, seen on the wire.
        """
        at = self._pacer.clock.now() - answered_ago
        self._channel.log.append(at)
        if self._slot is not None:
            self._pacer.finish(self._slot, at)
            self._slot = None


class Pacer:
    """Shared by every send of one bot token (limits belong to the token)."""

    def __init__(self, limits: PacingLimits | None = None, *, clock: PaceClock | None = None):
        self.limits = limits or PacingLimits()
        self.clock = clock or LoopClock()
        self._global = GridPace(self.limits.global_count, self.limits.global_window, self.clock)
        self._channels: dict[str, _Channel] = {}
        self.waiting = 0  # requests held for their turn right now

    async def global_turn(self) -> Slot:
        """Wait for the next global slot, first come, first served."""
        return await self._global.take()

    def finish(self, slot: Slot, at: float) -> None:
        self._global.finish(slot, at)

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
        horizon = self.clock.now() - self.limits.channel_window
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
