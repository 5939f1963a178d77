"""The ledger's policy: what each send outcome means for a delivery row.

The store applies state changes; this module decides them, knowing no platform except
through the outcome kinds adapters report (`bot.scheduler.sender.Outcome`) and one policy
choice per platform: whether an in-doubt delivery may be resent. Discord deduplicates a
resend carrying the same nonce for a few minutes, so a Discord row that was in flight when
the bot died is resent if the attempt began less than `resend_window` ago; anything else in
doubt (every Telegram row) becomes `unknown`: reported, never resent, never a duplicate.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
from dataclasses import dataclass, field
from datetime import timedelta

from bot.scheduler.sender import Outcome, SendOutcome
from bot.store.base import (
    FAILED,
    RETRY,
    SENT,
    UNKNOWN,
    Claim,
    LedgerStore,
    Resolution,
    split_target,
)


def nonce_for(post_id: str, occurrence_key: str, target: str) -> str:
    """A fixed 24-character key per delivery (Discord allows 25): same on every retry."""
    digest = hashlib.blake2b(
        f"{post_id}|{occurrence_key}|{target}".encode(), digest_size=15
    ).digest()
    return base64.b32encode(digest).decode().lower()


def new_owner_id() -> str:
    """Who holds a lease: host, process and a random part, readable in the database."""
    return f"{socket.gethostname()[:30]}:{secrets.token_hex(4)}"


@dataclass(frozen=True, slots=True)
class LedgerPolicy:
    """Retry bounds and the in-doubt rule. Defaults: docs/delivery.md §3-4."""

    max_attempts: int = 6  # transient failures (5xx, network) before giving up
    max_rate_limited: int = 30  # 429s before giving up (the platform is saying "later")
    backoff_base: float = 2.0  # seconds; doubles per attempt
    backoff_cap: float = 300.0
    default_retry_after: float = 1.0
    resend_platforms: frozenset[str] = field(default_factory=lambda: frozenset({"discord"}))
    resend_window: timedelta = timedelta(seconds=60)
    lease: timedelta = timedelta(seconds=60)  # renewed every lease/3 while sending

    def backoff(self, attempts: int) -> float:
        return float(min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1)))


def resolve(
    claim: Claim, outcome: SendOutcome, *, owner: str, nonce: str, policy: LedgerPolicy
) -> Resolution:
    """The row's next state after one send attempt."""
    kind = outcome.outcome
    error = outcome.error

    def keep(
        state: str,
        *,
        error: str | None = error,
        retry_in: float | None = None,
        deactivate: str | None = None,
        new_target: str | None = None,
    ) -> Resolution:
        return Resolution(
            claim.id,
            state,
            owner,
            nonce=nonce,
            error=error,
            retry_in=retry_in,
            deactivate=deactivate,
            new_target=new_target,
        )

    if kind is Outcome.SENT:
        return Resolution(claim.id, SENT, owner, nonce=nonce, message_ids=outcome.message_ids)
    if kind is Outcome.RATE_LIMITED:
        if claim.attempts >= policy.max_rate_limited:
            return keep(FAILED, error=f"rate limited {claim.attempts} times: {error or ''}")
        wait = outcome.retry_after
        return keep(RETRY, retry_in=policy.default_retry_after if wait is None else wait)
    if kind is Outcome.TRANSIENT:
        if claim.attempts >= policy.max_attempts:
            return keep(FAILED, error=f"gave up after {claim.attempts} attempts: {error or ''}")
        return keep(RETRY, retry_in=policy.backoff(claim.attempts))
    if kind is Outcome.AMBIGUOUS:
        if claim.platform in policy.resend_platforms and claim.attempts < policy.max_attempts:
            return keep(RETRY, retry_in=0.0)  # same nonce: the platform drops a duplicate
        return keep(UNKNOWN, error=f"in doubt: {error or 'no answer after the request'}")
    if kind is Outcome.TARGET_GONE:
        return keep(FAILED, deactivate=error or "the chat is gone or blocked the bot")
    if kind is Outcome.MIGRATED and outcome.new_chat:
        platform = split_target(claim.target)[0]
        return keep(RETRY, retry_in=0.0, new_target=f"{platform}:{outcome.new_chat}")
    # REJECTED (our bug: bad markup, too long) or a migration without a new id: record it,
    # show it in /status, and never loop on it.
    return keep(FAILED, error=error or kind.value)


async def recover(
    store: LedgerStore, policy: LedgerPolicy, *, single_instance: bool
) -> dict[str, int]:
    """Settle rows left `sending` by a process that died.

    With SQLite the instance lock proves no other process is sending, so every such row
    is in doubt at once; with PostgreSQL only rows whose lease ran out by the database
    clock are (their owner may still be alive and about to record them).
    """
    return await store.resolve_in_doubt(
        expired_only=not single_instance,
        retry_platforms=policy.resend_platforms,
        retry_window=policy.resend_window,
    )
