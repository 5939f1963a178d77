"""Starting a platform adapter without letting one platform's trouble stop the bot.

A platform that cannot be reached at start (`PlatformUnreachable`: network error, 5xx, a
gateway that is slow to say READY) is tried again with backoff in the background, one log
line per attempt naming the host, while the other adapters and the scheduler run. Only a
refused token (`TokenRejected`) stops that adapter for good, with one line saying what to
check. Expected failures log no traceback; anything else is a bug or a case we did not
foresee: it is logged with its traceback, then retried the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from dataclasses import dataclass

from bot.adapters.base import Adapter, PlatformUnreachable, TokenRejected
from bot.service.api import BotApi

log = logging.getLogger(__name__)


class State(enum.Enum):
    STARTING = "starting"
    UP = "up"
    RETRYING = "retrying"
    REJECTED = "rejected"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Backoff:
    """Seconds before attempt n+1: first, doubling, capped; tests shorten it."""

    first: float = 2.0
    factor: float = 2.0
    cap: float = 120.0

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.first * self.factor ** max(0, attempt - 1))


class Supervised:
    def __init__(self, adapter: Adapter, api: BotApi, *, host: str, backoff: Backoff) -> None:
        self.adapter = adapter
        self.host = host
        self._api = api
        self._backoff = backoff
        self.state = State.STARTING
        self.attempts = 0
        self._retrying: asyncio.Task[None] | None = None
        self.up = asyncio.Event()

    @property
    def platform(self) -> str:
        return self.adapter.platform

    @property
    def connected(self) -> bool:
        """Started, and (where the adapter can tell) its connection is alive now."""
        return self.state is State.UP and bool(getattr(self.adapter, "connected", True))

    def is_connected(self) -> bool:
        return self.connected

    async def start(self) -> None:
        """The first attempt; on a retryable failure the next ones run in the background."""
        if not await self._attempt() and self.state is State.RETRYING:
            self._retrying = asyncio.create_task(self._retry(), name=f"{self.platform}-start")

    async def _attempt(self) -> bool:
        self.attempts += 1
        try:
            await self.adapter.start(self._api)
        except TokenRejected as exc:
            self.state = State.REJECTED
            log.error("%s: adapter stopped: %s", self.platform, exc)
            return False
        except PlatformUnreachable as exc:  # the platform may come back: try again
            self.state = State.RETRYING
            log.warning(
                "%s: cannot connect to %s (attempt %d: %s); retrying in %.0fs",
                self.platform,
                self.host,
                self.attempts,
                exc,
                self._backoff.delay(self.attempts),
            )
            return False
        except Exception:  # unforeseen: show it in full, keep the rest of the bot running
            self.state = State.RETRYING
            log.exception(
                "%s: start failed unexpectedly (attempt %d); retrying in %.0fs",
                self.platform,
                self.attempts,
                self._backoff.delay(self.attempts),
            )
            return False
        self.state = State.UP
        self.up.set()
        if self.attempts > 1:
            log.warning(
                "%s: connected to %s after %d attempts", self.platform, self.host, self.attempts
            )
        else:
            log.info("%s adapter started", self.platform)
        return True

    async def _retry(self) -> None:
        while self.state is State.RETRYING:
            await asyncio.sleep(self._backoff.delay(self.attempts))
            await self._attempt()

    async def stop(self) -> None:
        if self._retrying is not None:
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying
        # Always: an adapter that never came up may still hold HTTP clients to close.
        self.state = State.STOPPED
        self.up.clear()
        await self.adapter.stop()
