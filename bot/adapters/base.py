"""The one interface between the delivery code and every platform.

The ledger and scheduler know no platform: an adapter turns its library's exceptions into
one `SendOutcome` at the edge, and the ledger records that.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.messages import Message
from bot.service.api import BotApi


class Outcome(enum.Enum):
    SENT = "sent"  # delivered; message_ids set
    RATE_LIMITED = "rate_limited"  # not delivered; retry after `retry_after` seconds
    TRANSIENT = "transient"  # not delivered (5xx before write, network): retry with backoff
    AMBIGUOUS = "ambiguous"  # may have been delivered (timeout after write): docs/delivery.md §4
    TARGET_GONE = "target_gone"  # blocked, kicked, chat deleted: deactivate, never retry
    REJECTED = "rejected"  # bad request: our bug; record, alert, do not loop
    MIGRATED = "migrated"  # chat moved (Telegram group -> supergroup); `new_chat` set


@dataclass(frozen=True, slots=True)
class SendOutcome:
    outcome: Outcome
    message_ids: tuple[str, ...] = ()
    retry_after: float | None = None
    error: str | None = None
    new_chat: str | None = None

    @property
    def delivered(self) -> bool:
        return self.outcome is Outcome.SENT


class TokenRejected(Exception):
    """The platform refused the bot's token (401): retrying cannot help, so the adapter
    stays down. Any other start-up failure is retried with backoff by the composition root.
    Each adapter raises a subclass that is also its library's own error type."""


class PlatformUnreachable(Exception):
    """The platform could not be reached at start (network error, timeout, 5xx): worth
    trying again later. The message says what happened without quoting a URL or token."""


class Sender(Protocol):
    """Sends rendered messages to one chat of one platform.

    `chat` is the part of a target after the platform prefix ("-100123", "@channel",
    "123456789012345678"). `delivery_key` is stable for one delivery across retries and
    restarts (Discord turns it into a nonce). A sender never raises for a platform error:
    it returns the outcome.
    """

    @property
    def platform(self) -> str: ...

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome: ...


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
