"""What the rest of the bot may ask of the store: small protocols and plain records.

The scheduler and the chat commands depend on these, never on SQLAlchemy; the SQL
implementations live in `bot/store/sql.py` and `bot/store/ledger_sql.py`. The ledger store
is deliberately dumb: it applies state changes in transactions. What a send outcome
*means* (retry, give up, in doubt) is decided in `bot/scheduler/ledger.py`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

# Delivery states (docs/delivery.md §2).
PENDING = "pending"  # materialized, never tried
SENDING = "sending"  # claimed: a send may be in flight
SENT = "sent"
RETRY = "retry"  # not delivered; try again after not_before
FAILED = "failed"  # permanent: target gone or content rejected
UNKNOWN = "unknown"  # in doubt after a crash: maybe delivered, never re-sent
SKIPPED = "skipped"  # too late or superseded; never sent
CLAIMABLE = (PENDING, RETRY)
OPEN = (PENDING, RETRY, SENDING)


def target_of(platform: str, chat_id: str) -> str:
    """The schedule target naming a chat: 'telegram:-100123', or 'console'."""
    return "console" if platform == "console" else f"{platform}:{chat_id}"


def split_target(target: str) -> tuple[str, str]:
    """'telegram:@chan' -> ('telegram', '@chan'); 'console' -> ('console', 'console')."""
    if target == "console":
        return "console", "console"
    platform, sep, chat = target.partition(":")
    if not sep or not chat:
        raise ValueError(f"not a delivery target: {target!r}")
    return platform, chat


@dataclass(frozen=True, slots=True)
class Subscription:
    platform: str
    chat_id: str
    chat_kind: str
    title: str | None
    subscribed_by: str | None
    subscribed_at: datetime
    active: bool
    deactivated_reason: str | None = None

    @property
    def target(self) -> str:
        return target_of(self.platform, self.chat_id)


class SubscriptionStore(Protocol):
    async def subscribe(
        self,
        platform: str,
        chat_id: str,
        *,
        chat_kind: str,
        title: str | None,
        subscribed_by: str | None,
        now: datetime,
    ) -> bool:
        """Activate the chat's subscription; False when it was already active."""
        ...

    async def unsubscribe(self, platform: str, chat_id: str, *, reason: str) -> bool:
        """Deactivate it; False when there was no active subscription."""
        ...

    async def get_subscription(self, platform: str, chat_id: str) -> Subscription | None: ...

    async def subscriber_counts(self) -> dict[str, int]:
        """Active subscriptions per platform."""
        ...

    def active_subscriptions(self, batch: int = 1000) -> AsyncIterator[Subscription]:
        """Every active subscription, streamed in batches (never all held at once)."""
        ...

    async def migrate_chat(self, platform: str, old_chat: str, new_chat: str) -> None:
        """A chat changed id (Telegram group -> supergroup): move its subscription."""
        ...


class ChatSettingsStore(Protocol):
    async def get_language(self, platform: str, chat_id: str) -> str | None: ...

    async def subscriber_languages(self) -> frozenset[str | None]:
        """The languages active subscribers' chats chose (None: a chat that chose none)."""
        ...

    async def set_language(
        self, platform: str, chat_id: str, language: str | None, *, now: datetime
    ) -> None: ...


# -- the ledger -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RotationStep:
    """The rotation card an occurrence shows, recorded only when the occurrence is new."""

    card_id: str
    new_cycle: bool


@dataclass(frozen=True, slots=True)
class NewOccurrence:
    """An occurrence to materialize with its deliveries, in one transaction."""

    post_id: str
    occurrence_key: str
    due_utc: datetime
    deadline_utc: datetime
    payload: str | None  # JSON messages; None: nothing to say this time
    content_hash: str | None
    targets: tuple[str, ...]  # explicit targets ("subscribers" already removed)
    include_subscribers: bool
    rotation: RotationStep | None = None


@dataclass(frozen=True, slots=True)
class OccurrenceRecord:
    post_id: str
    occurrence_key: str
    due_utc: datetime
    deadline_utc: datetime
    payload: str | None


@dataclass(frozen=True, slots=True)
class ClaimRequest:
    post_id: str
    occurrence_key: str
    platforms: tuple[str, ...]  # in order of preference: the first is claimed from first
    owner: str
    limit: int
    lease: timedelta


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    target: str
    platform: str
    attempts: int  # including this one


@dataclass(frozen=True, slots=True)
class Resolution:
    """The recorded result of one claimed delivery.

    `retry_in` (seconds, from the database clock) sets not_before; `deactivate` gives the
    reason to deactivate the target's subscription; `new_target` moves a migrated chat.
    """

    id: int
    state: str
    owner: str
    nonce: str | None = None
    message_ids: tuple[str, ...] = ()
    error: str | None = None
    retry_in: float | None = None
    deactivate: str | None = None
    new_target: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    id: int
    post_id: str
    occurrence_key: str
    target: str
    platform: str
    state: str
    attempts: int
    message_ids: tuple[str, ...]
    last_error: str | None
    nonce: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OccurrenceSummary:
    post_id: str
    occurrence_key: str
    due_utc: datetime
    counts: Mapping[str, int] = field(default_factory=dict)


class LedgerStore(Protocol):
    parallel_turns: int  # `step` transactions one broadcast may run at once

    async def last_materialized(self) -> dict[str, datetime]:
        """post id -> due time of its latest materialized occurrence."""
        ...

    async def materialize(self, occ: NewOccurrence) -> bool:
        """Create the occurrence and its pending deliveries; False if it already existed."""
        ...

    async def unfinished(self) -> list[OccurrenceRecord]:
        """Occurrences with a delivery still pending, retrying or sending."""
        ...

    async def step(
        self, resolutions: Sequence[Resolution], claim: ClaimRequest | None
    ) -> list[Claim]:
        """Record results, renew nothing, then claim up to `claim.limit` rows: one commit."""
        ...

    async def renew_leases(self, owner: str, lease: timedelta) -> int: ...

    async def release(self, ids: Collection[int], owner: str) -> int:
        """Claimed rows whose send never started: back to pending (safe to send later)."""
        ...

    async def resolve_in_doubt(
        self,
        *,
        expired_only: bool,
        retry_platforms: Collection[str],
        retry_window: timedelta,
    ) -> dict[str, int]:
        """Rows left in `sending`: -> retry (same nonce) or -> unknown. Counts by state."""
        ...

    async def skip_open(self, post_id: str, occurrence_key: str, reason: str) -> int: ...

    async def open_counts(self, post_id: str, occurrence_key: str) -> dict[tuple[str, str], int]:
        """(platform, state) -> count, for rows still pending, retrying or sending."""
        ...

    async def next_retry_in(
        self, post_id: str, occurrence_key: str, platforms: Collection[str]
    ) -> float | None:
        """Seconds until the earliest claimable retry of these platforms (0 if one is due)."""
        ...

    async def next_lease_expiry_in(
        self, post_id: str, occurrence_key: str, platforms: Collection[str]
    ) -> float | None:
        """Seconds until the earliest lease of a row still `sending` (claimed by another
        instance, or by one that died) runs out; None when there is none."""
        ...

    async def deliveries(self, post_id: str, occurrence_key: str) -> list[DeliveryRow]: ...

    async def recent_occurrences(self, limit: int) -> list[OccurrenceSummary]: ...

    async def problem_deliveries(self, limit: int) -> list[DeliveryRow]:
        """The newest failed and in-doubt deliveries, for /status."""
        ...


class LeaderLock(Protocol):
    """Which of several instances broadcasts (PostgreSQL): rate limits belong to the
    token, so one sends at a time. Held by a database session, so it is released when
    the holder dies; leases on delivery rows still fence a holder that lost it."""

    async def try_acquire(self) -> bool:
        """Take the lock if it is free; True if this instance now holds it."""
        ...

    async def held(self) -> bool:
        """Whether the session holding the lock is still alive (False: lost)."""
        ...

    async def release(self) -> None: ...


class SchedulerStore(ChatSettingsStore, Protocol):
    """What the scheduler needs from a store: the ledger, rotation positions, the chats'
    languages (an occurrence is composed in each one in use), and the instance rules:
    SQLite allows one scheduler per file (held by a file lock); PostgreSQL allows many
    instances, of which the holder of `leader_lock` broadcasts."""

    @property
    def ledger(self) -> LedgerStore: ...

    @property
    def single_instance(self) -> bool: ...

    def acquire_scheduler_lock(self) -> None: ...

    def leader_lock(self) -> LeaderLock | None:
        """A new leader lock for a multi-instance store; None for a single-instance one."""
        ...

    async def shown(self, post_id: str) -> frozenset[str]: ...

    async def record(self, post_id: str, card_id: str, *, new_cycle: bool) -> None: ...
