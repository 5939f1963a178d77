"""What the composition root needs of every platform adapter, and how starting one fails.

The delivery port an adapter's sender implements (`Sender`, `SendOutcome`, `Outcome`)
belongs to the scheduler, which uses it: `bot/scheduler/sender.py`.
"""

from __future__ import annotations

from typing import Protocol

from bot.scheduler.sender import Sender
from bot.service.api import BotApi


class TokenRejected(Exception):
    """The platform refused the bot's token (401): retrying cannot help, so the adapter
    stays down. Any other start-up failure is retried with backoff by the composition root.
    Each adapter raises a subclass that is also its library's own error type."""


class PlatformUnreachable(Exception):
    """The platform could not be reached at start (network error, timeout, 5xx): worth
    trying again later. The message says what happened without quoting a URL or token."""


class Adapter(Protocol):
    """A running connection to one platform: takes commands in, sends posts out.

    `start` connects, registers the command menu and returns once the adapter is ready
    to receive; `stop` disconnects gracefully. Both are called by the composition root.
    """

    @property
    def platform(self) -> str: ...

    @property
    def sender(self) -> Sender: ...

    async def start(self, api: BotApi) -> None: ...

    async def stop(self) -> None: ...
