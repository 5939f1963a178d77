"""A monotonic clock that moves only when a test moves it, shared by a limiter and a fake.

The limiters wait only through their `PaceClock`; with this one, a wait lasts until the test
advances the clock past it, however slow the machine is. `drive` advances it from one
wake-up to the next, and only once every unfinished task is parked on the clock, so the
times the fake records are exactly the times the limiter chose.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable, Collection
from typing import Any


class ManualClock:
    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._order), fut))
        await fut

    def next_wake(self) -> float | None:
        """When the earliest sleeper still waiting is due, or None."""
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)
        return self._sleepers[0][0] if self._sleepers else None

    def advance_to(self, moment: float) -> None:
        """Move to `moment` (never back) and wake every sleeper due by then."""
        self._now = max(self._now, moment)
        while self._sleepers and self._sleepers[0][0] <= self._now:
            fut = heapq.heappop(self._sleepers)[2]
            if not fut.done():
                fut.set_result(None)


SETTLE_STEPS = 20  # event-loop turns with every task parked before the clock moves


async def drive(
    clock: ManualClock,
    tasks: Collection[asyncio.Future[Any]],
    parked: Callable[[], int],
    *,
    deadline: float = 30.0,
) -> None:
    """Run `tasks` to the end, advancing `clock` to its next wake-up whenever they are stuck.

    `parked()` counts the requests held inside the limiter under test. The clock moves
    only when that has equalled the number of unfinished tasks for `SETTLE_STEPS` turns of
    the event loop in a row: every task is waiting for time, none is between its slot and
    its answer, and whatever a wake-up set off (a grant, the next waiter of a chat) has
    run. Turns, not seconds: a slow machine makes each turn slower, not fewer.
    `deadline` (real seconds) only turns a hang into a failure; it never decides a result.
    """
    async with asyncio.timeout(deadline):
        settled = 0
        while not all(t.done() for t in tasks):
            if parked() == sum(not t.done() for t in tasks):
                settled += 1
                wake = clock.next_wake()
                if settled >= SETTLE_STEPS and wake is not None:
                    clock.advance_to(wake)
                    settled = 0
                await asyncio.sleep(0)
            else:
                settled = 0
                await asyncio.sleep(0.001)  # a request is on the wire: let it get there
    for task in tasks:
        task.result()  # re-raise what a task raised
