"""Fan one occurrence out to its targets through the ledger, at most k sends in flight.

One coordinator loop per broadcast alternates between the database and the senders:
each turn is ONE transaction that records the sends finished since the last turn and
claims just enough pending rows to refill the k slots (group commit). So at any instant at
most k rows sit in `sending`, which bounds what a hard crash can leave in doubt, and the
ledger costs two row updates per delivery but only about one commit per k deliveries.
Turns take the platforms in rotating order, so Telegram and Discord (each with its own
rate limit) are served side by side, each in target order: explicit targets such as a
channel first, then subscribers.

Targets whose platform has no sender in this process are left pending and reported: a
Telegram-only instance never marks Discord deliveries as failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.base import Outcome, Sender, SendOutcome
from bot.core.messages import Message
from bot.scheduler.ledger import LedgerPolicy, nonce_for, recover, resolve
from bot.scheduler.payload import Payload, decode
from bot.store.base import (
    FAILED,
    UNKNOWN,
    Claim,
    ClaimRequest,
    LedgerStore,
    OccurrenceRecord,
    Resolution,
    split_target,
)

log = logging.getLogger(__name__)

ChatLanguage = Callable[[str, str], Awaitable[str | None]]
"""(platform, chat id) -> the language the chat chose, if any (the store's `get_language`)."""

CrashHook = Callable[[str], None]
"""Called at named points (before_claim, after_claim, after_send, after_record): tests
kill the process there to prove the ledger's crash guarantees."""

DEFAULT_IN_FLIGHT = 8
LEASE_MARGIN = 0.05  # seconds past a lease's end before it counts as expired


def _no_hook(_point: str) -> None:
    return None


@dataclass
class BroadcastResult:
    post_id: str
    occurrence_key: str
    outcomes: Counter[str] = field(default_factory=Counter)  # resolution states this run
    unserved: dict[str, int] = field(default_factory=dict)  # platform -> rows left pending
    stopped: bool = False
    seconds: float = 0.0

    @property
    def sent(self) -> int:
        return self.outcomes["sent"]


class Broadcaster:
    def __init__(
        self,
        store: LedgerStore,
        senders: Mapping[str, Sender],
        *,
        owner: str,
        policy: LedgerPolicy | None = None,
        max_in_flight: int = DEFAULT_IN_FLIGHT,
        hook: CrashHook | None = None,
        chat_language: ChatLanguage | None = None,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self._store = store
        self._senders = dict(senders)
        self._owner = owner
        self._policy = policy or LedgerPolicy()
        self._k = max_in_flight
        self._hook = hook or _no_hook
        self._chat_language = chat_language
        self._stopping = asyncio.Event()
        self._drain_until: float | None = None

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(sorted(self._senders))

    def stop(self, grace: float) -> None:
        """Claim nothing more; let in-flight sends finish for `grace` seconds, then cancel
        them (a cancelled send is in doubt) and record everything."""
        self._drain_until = time.monotonic() + grace
        self._stopping.set()

    async def run(self, occ: OccurrenceRecord) -> BroadcastResult:
        result = BroadcastResult(occ.post_id, occ.occurrence_key)
        started = time.monotonic()
        if occ.payload is None:
            return result
        payload = decode(occ.payload)
        outstanding: dict[asyncio.Task[SendOutcome], Claim] = {}
        finished: list[Resolution] = []
        renew_every = self._policy.lease.total_seconds() / 3
        renewed = time.monotonic()
        try:
            platforms = self.platforms
            while True:
                limit = 0 if self._stopping.is_set() else self._k - len(outstanding)
                request = None
                if limit > 0 and platforms:
                    request = ClaimRequest(
                        occ.post_id,
                        occ.occurrence_key,
                        platforms,
                        self._owner,
                        limit,
                        self._policy.lease,
                    )
                    platforms = (*platforms[1:], platforms[0])  # next turn, the next first
                    self._hook("before_claim")
                claims = await self._store.step(finished, request)
                if finished:
                    self._hook("after_record")
                    finished = []
                if claims:
                    self._hook("after_claim")
                for claim in claims:
                    task = asyncio.create_task(self._send(claim, occ, payload))
                    outstanding[task] = claim
                if not outstanding:
                    if self._stopping.is_set() or not await self._wait_for_retries(occ):
                        break
                    continue
                if time.monotonic() - renewed >= renew_every:
                    await self._store.renew_leases(self._owner, self._policy.lease)
                    renewed = time.monotonic()
                done = await self._wait_some(outstanding, renew_every)
                never_started: list[int] = []
                for task in done:
                    claim = outstanding.pop(task)
                    if task.cancelled():  # cancelled before it ran: nothing was sent
                        never_started.append(claim.id)
                        continue
                    self._hook("after_send")
                    finished.append(self._resolution(claim, occ, task.result()))
                    result.outcomes[finished[-1].state] += 1
                if never_started:
                    await self._store.release(never_started, self._owner)
        except BaseException:
            for task in outstanding:
                task.cancel()  # rows stay `sending`: the next start settles them as in doubt
            raise
        result.stopped = self._stopping.is_set()
        result.unserved = await self._unserved(occ)
        result.seconds = time.monotonic() - started
        return result

    async def _wait_some(
        self, outstanding: Mapping[asyncio.Task[SendOutcome], Claim], renew_every: float
    ) -> set[asyncio.Task[SendOutcome]]:
        timeout = renew_every
        if self._drain_until is not None:
            timeout = min(timeout, max(0.0, self._drain_until - time.monotonic()))
        waiters: set[asyncio.Future[Any]] = set(outstanding)
        stop_wait: asyncio.Task[bool] | None = None
        if not self._stopping.is_set():  # a stop must wake us to start the grace period
            stop_wait = asyncio.create_task(self._stopping.wait())
            waiters.add(stop_wait)
        try:
            ready, _ = await asyncio.wait(
                waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            if stop_wait is not None:
                stop_wait.cancel()
        done = {t for t in outstanding if t in ready}
        if not done and self._drain_until is not None and time.monotonic() >= self._drain_until:
            for task in outstanding:
                task.cancel()
            done, _ = await asyncio.wait(outstanding)
        return done

    async def _wait_for_retries(self, occ: OccurrenceRecord) -> bool:
        """Sleep until the earliest retry is due; False when nothing is left to do.

        Rows still `sending` under another owner's lease (an instance that died or lost
        the leader lock mid-broadcast) are waited for too: when the lease runs out they
        are in doubt and settled by the protocol (Discord: resent with the same nonce;
        Telegram: `unknown`), so the broadcast ends with every row settled.
        """
        key, platforms = (occ.post_id, occ.occurrence_key), self.platforms
        wait = await self._store.next_retry_in(*key, platforms)
        leased = None
        if wait is None:
            leased = await self._store.next_lease_expiry_in(*key, platforms)
            if leased is None:
                return False
            wait = leased + LEASE_MARGIN
            log.info("%s %s: waiting %.1fs for leases of another instance", *key, leased)
        if wait > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=wait)
        if leased is not None and not self._stopping.is_set():
            settled = await recover(self._store, self._policy, single_instance=False)
            if any(settled.values()):
                log.warning("%s %s: expired leases settled as %s", *key, settled)
        return True

    async def _messages(self, payload: Payload, claim: Claim) -> Sequence[Message]:
        """What this claim's target gets: the occurrence in its chat's language, looked up
        per claim, and only when the occurrence was composed in more than one language."""
        chosen = None
        if self._chat_language is not None and payload.needs_chat_language(claim.target):
            try:
                chosen = await self._chat_language(*split_target(claim.target))
            except Exception:  # the post in the default language beats no post at all
                log.warning("language of %s unavailable: default sent", claim.target, exc_info=True)
        return payload.for_target(claim.target, chosen)

    async def _send(self, claim: Claim, occ: OccurrenceRecord, payload: Payload) -> SendOutcome:
        sender = self._senders[claim.platform]
        chat = split_target(claim.target)[1]
        key = nonce_for(occ.post_id, occ.occurrence_key, claim.target)
        # Before the send: a cancellation here leaves the row never started, not in doubt.
        messages = await self._messages(payload, claim)
        try:
            return await sender.send(chat, messages, delivery_key=key)
        except asyncio.CancelledError:
            return SendOutcome(Outcome.AMBIGUOUS, error="send cancelled by shutdown")
        except Exception as exc:  # a sender must not raise; if one does, we cannot know
            log.exception("sender for %s raised; delivery %s is in doubt", claim.platform, key)
            return SendOutcome(Outcome.AMBIGUOUS, error=f"{type(exc).__name__}: {exc}")

    def _resolution(self, claim: Claim, occ: OccurrenceRecord, outcome: SendOutcome) -> Resolution:
        nonce = nonce_for(occ.post_id, occ.occurrence_key, claim.target)
        res = resolve(claim, outcome, owner=self._owner, nonce=nonce, policy=self._policy)
        if res.state == FAILED:
            level = logging.ERROR if outcome.outcome is Outcome.REJECTED else logging.WARNING
            log.log(
                level,
                "%s %s -> %s failed: %s",
                occ.post_id,
                occ.occurrence_key,
                claim.target,
                res.error or res.deactivate,
            )
        elif res.state == UNKNOWN:
            log.warning(
                "%s %s -> %s in doubt, not resent: %s",
                occ.post_id,
                occ.occurrence_key,
                claim.target,
                res.error,
            )
        return res

    async def _unserved(self, occ: OccurrenceRecord) -> dict[str, int]:
        counts = await self._store.open_counts(occ.post_id, occ.occurrence_key)
        unserved: dict[str, int] = {}
        for (platform, _state), n in counts.items():
            if platform not in self._senders:
                unserved[platform] = unserved.get(platform, 0) + n
        for platform, n in unserved.items():
            log.warning(
                "%s %s: %d deliveries to %s wait for a %s sender",
                occ.post_id,
                occ.occurrence_key,
                n,
                platform,
                platform,
            )
        return unserved
