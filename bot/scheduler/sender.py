"""The one interface between the delivery code and every platform.

The ledger and scheduler know no platform: an adapter turns its library's exceptions into
one `SendOutcome` at the edge, and the ledger records that. The port lives here, in the
lowest layer that uses it, so the scheduler never imports an adapter (docs/architecture.md §1).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.messages import Message


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
