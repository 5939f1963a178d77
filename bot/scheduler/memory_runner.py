"""A scheduler without a ledger: for the console bot and `run --now` rehearsals.

It remembers in memory what it has posted, so a rehearsal never touches (or is blocked by)
the production ledger. What is due comes from the same pure functions as the real runner:
at start, the latest occurrence of each post inside its catch-up window goes out once;
afterwards each occurrence goes out when the clock reaches it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.core.content import ContentSet, ScheduledPost
from bot.core.messages import Post
from bot.core.posts import compose
from bot.core.rotation import MemoryRotationState, RotationState
from bot.core.timing import Occurrence, next_occurrences, occurrences
from bot.scheduler.clock import Clock
from bot.scheduler.due import catch_up_window

log = logging.getLogger(__name__)

Publish = Callable[[Occurrence, Post], Awaitable[None]]
MAX_WAIT = 60.0  # seconds: re-read the clock at least this often (a reload may add posts)


class MemoryRunner:
    def __init__(
        self,
        content: Callable[[], ContentSet],
        clock: Clock,
        publish: Publish,
        *,
        accepts: Callable[[ScheduledPost], bool] = lambda _post: True,
        rotation: RotationState | None = None,
    ) -> None:
        self._content = content
        self._clock = clock
        self._publish = publish
        self._accepts = accepts
        self._rotation = rotation or MemoryRotationState()
        self._done: set[tuple[str, str]] = set()
        self._checked_until: datetime | None = None
        self._wake = asyncio.Event()

    async def catch_up(self) -> int:
        """Post, once, what is due now or was missed within each post's catch-up window."""
        now = self._clock.now()
        sent = 0
        for post in self._posts():
            window = catch_up_window(post)
            missed = occurrences(post, now - window - timedelta(microseconds=1), now)
            if missed:
                sent += await self._fire(post, missed[-1])
        self._checked_until = now
        return sent

    async def tick(self) -> int:
        """Post every occurrence that came due since the last check."""
        now = self._clock.now()
        since = self._checked_until or now
        sent = 0
        for post in self._posts():
            for occ in occurrences(post, since, now):
                sent += await self._fire(post, occ)
        self._checked_until = now
        return sent

    def seconds_to_next(self) -> float:
        now = self._clock.now()
        upcoming = [occ.due_utc for post in self._posts() for occ in next_occurrences(post, now, 1)]
        if not upcoming:
            return MAX_WAIT
        return max(0.0, min(MAX_WAIT, (min(upcoming) - now).total_seconds()))

    async def run(self, stop: asyncio.Event) -> None:
        """Tick whenever the next occurrence is due, until `stop` is set."""
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.seconds_to_next() + 0.05)
            except TimeoutError:
                await self.tick()

    def _posts(self) -> list[ScheduledPost]:
        return [p for p in self._content().posts if p.spec.enabled and self._accepts(p)]

    async def _fire(self, post: ScheduledPost, occ: Occurrence) -> int:
        key = (occ.post_id, occ.key)
        if key in self._done:
            return 0
        self._done.add(key)
        composed = await compose(self._content(), post, occ, self._rotation)
        if composed is None:
            log.info("post %s at %s: nothing to say today", occ.post_id, occ.key)
            return 0
        await self._publish(occ, composed)
        return 1
