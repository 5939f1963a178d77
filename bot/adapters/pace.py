"""Pacing shared by both platforms: the clock seam and an even, windowed pace.

Both limiters (Telegram's `ratelimit.py`, Discord's `pacing.py`) read the time and wait only
through a `PaceClock`. In production that is the event loop's clock; a test passes a clock it
advances by hand and shares it with the fake server, so a pacing test asserts exact times
("no send before its slot") instead of racing the wall clock on a busy machine.
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from typing import Protocol


class PaceClock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale (only differences mean anything)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return once `now()` has advanced by `seconds` (at once when `seconds` <= 0)."""
        ...


class LoopClock:
    """The running event loop's clock (`time.monotonic` on every platform we run on)."""

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class Slot:
    """One granted request; `GridPace.finish` stamps when its answer came back."""

    __slots__ = ("done_at",)

    def __init__(self) -> None:
        self.done_at: float | None = None


class GridPace:
    """At most `count` requests reach the platform in any `window`, however the network
    jitters, evenly spaced and served by lane priority.

    Why not a token bucket: a bucket of rate r and burst b lets b + r requests into one
    window, and the platforms count sliding windows of *arrivals*, which we cannot see.
    What we can see bounds them: a request arrives after we let it go and before its
    answer comes back. So a slot opens only a full `window` after the answer to the
    request `count` slots earlier: the platform never sees more than `count` in any
    window, whatever the delays. The margin is the round trip, spent once per `count`.

    Within that, slots are `window / count` apart on a fixed grid while requests keep
    coming (a timer that fires a little late does not slow the pace: the next slot stays
    on the grid), so sends go evenly and a reply never queues behind a burst. Lane 0 is
    served first, then lane 1, and so on; a lane can be paused (after a 429) without
    holding up the others. One timer, set for the next free slot, wakes the waiters, and
    a finished request wakes them when it was the one they waited for: nothing polls.
    """

    def __init__(self, count: int, window: float, clock: PaceClock, *, lanes: int = 1) -> None:
        self._count, self._window = count, window
        self._interval = window / count
        self._clock = clock
        self._granted: deque[Slot] = deque(maxlen=count)
        self._next_slot = -math.inf
        self._waiters: list[deque[asyncio.Future[Slot]]] = [deque() for _ in range(lanes)]
        self._paused_until = [-math.inf] * lanes
        self._timer: asyncio.Task[None] | None = None
        self._timer_due = math.inf

    async def take(self, lane: int = 0) -> Slot:
        """Wait for this lane's next slot; pass the slot to `finish` once answered."""
        fut: asyncio.Future[Slot] = asyncio.get_running_loop().create_future()
        self._waiters[lane].append(fut)
        self._pump()
        try:
            return await fut
        except asyncio.CancelledError:
            if fut in self._waiters[lane]:
                self._waiters[lane].remove(fut)
            elif fut.done() and not fut.cancelled():
                self.finish(fut.result())  # granted, never used
            raise

    def finish(self, slot: Slot, at: float | None = None) -> None:
        """The request's answer came back (or it failed) at `at` (default: now)."""
        slot.done_at = self._clock.now() if at is None else at
        self._pump()

    def pause(self, lane: int, until: float) -> None:
        self._paused_until[lane] = max(self._paused_until[lane], until)
        self._pump()

    def _free_at(self, now: float) -> float:
        """The next slot; infinity while the request `count` back is still unanswered."""
        at = self._next_slot
        if len(self._granted) == self._count:
            done = self._granted[0].done_at
            at = math.inf if done is None else max(at, done + self._window)
        return max(at, now)

    def _grant(self, now: float) -> Slot:
        # On the grid if we are less than one slot late; after an idle spell, from now.
        start = self._next_slot if now - self._next_slot < self._interval else now
        self._next_slot = start + self._interval
        slot = Slot()
        self._granted.append(slot)
        return slot

    def _pump(self) -> None:
        now = self._clock.now()
        for lane, queue in enumerate(self._waiters):
            while queue and queue[0].done():
                queue.popleft()
            while queue and self._free_at(now) <= now and now >= self._paused_until[lane]:
                queue.popleft().set_result(self._grant(now))
                while queue and queue[0].done():
                    queue.popleft()
            if queue:  # this lane still waits, and lower lanes wait behind it
                due = max(self._free_at(now), self._paused_until[lane])
                if due < math.inf:  # else `finish` pumps again
                    self._wake_at(due)
                return

    def _wake_at(self, due: float) -> None:
        if self._timer is not None and not self._timer.done():
            if self._timer_due <= due:
                return
            self._timer.cancel()
        self._timer_due = due
        self._timer = asyncio.get_running_loop().create_task(self._sleep_then_pump(due))

    async def _sleep_then_pump(self, due: float) -> None:
        await self._clock.sleep(due - self._clock.now())
        self._timer, self._timer_due = None, math.inf
        self._pump()
