"""Fan one occurrence out to its targets through the ledger, at most k sends in flight.

The database work goes in turns, apart from the sends: each turn is one commit that
records the sends finished since the last turn and claims rows to refill their slots
(group commit; rarer outcomes such as retries commit just before it, see
`SqlLedger.step`), and a turn never claims more than it records plus slots nobody else holds.
So at any commit at most k rows sit in `sending`, which bounds what a hard crash can leave
in doubt, and the ledger costs two row updates per delivery but far fewer commits. Turns
may overlap (`LedgerStore.parallel_turns`, see `_Fanout`); the store keeps one at a time,
which measured faster. Turns take the platforms in rotating order,
so Telegram and Discord (each with its own rate limit) are served side by side, each in
target order: explicit targets such as a channel first, then subscribers.

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

from bot.core.messages import Message
from bot.scheduler.ledger import LedgerPolicy, nonce_for, recover, resolve
from bot.scheduler.payload import Payload, decode
from bot.scheduler.sender import Outcome, Sender, SendOutcome
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
        """Up to `store.parallel_turns` database turns run at once (see `_Fanout`)."""
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self._store = store
        self._senders = dict(senders)
        self._owner = owner
        self._policy = policy or LedgerPolicy()
        self._k = max_in_flight
        self._parallel_turns = max(1, store.parallel_turns)
        self._decoded: tuple[str, Payload | None] = ("", None)  # payload, decoded
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
        fanout = _Fanout(self, occ, result)
        try:
            await fanout.run()
        except BaseException:
            fanout.abandon()  # rows stay `sending`: the next start settles them as in doubt
            raise
        result.stopped = self._stopping.is_set()
        result.unserved = await self._unserved(occ)
        result.seconds = time.monotonic() - started
        return result

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

    async def _messages(self, occ: OccurrenceRecord, claim: Claim) -> Sequence[Message]:
        """What this claim's target gets: the occurrence in its chat's language, looked up
        per claim, and only when the occurrence was composed in more than one language."""
        if occ.payload is None:
            return ()
        payload = self._decoded[1]
        if self._decoded[0] != occ.payload or payload is None:
            payload = decode(occ.payload)
            self._decoded = (occ.payload, payload)
        chosen = None
        if self._chat_language is not None and payload.needs_chat_language(claim.target):
            try:
                chosen = await self._chat_language(*split_target(claim.target))
            except Exception:  # the post in the default language beats no post at all
                log.warning("language of %s unavailable: default sent", claim.target, exc_info=True)
        return payload.for_target(claim.target, chosen)

    async def _send(self, claim: Claim, occ: OccurrenceRecord) -> SendOutcome:
        sender = self._senders[claim.platform]
        chat = split_target(claim.target)[1]
        key = nonce_for(occ.post_id, occ.occurrence_key, claim.target)
        # Before the send: a cancellation here leaves the row never started, not in doubt.
        messages = await self._messages(occ, claim)
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


@dataclass
class _Turn:
    """A database turn in flight: it holds `slots` of the k until it returns."""

    records: list[Resolution]
    slots: int  # the rows it records, plus the free slots it may fill
    claims: bool


class _Fanout:
    """One broadcast run: sends in flight, results waiting to be recorded, database turns.

    A turn is ONE transaction that records finished sends and claims up to as many rows as
    it records plus free slots no other turn holds (group commit). So every commit keeps at
    most k rows `sending`, in whatever order turns commit, and up to `parallel_turns` turns
    may run at once (PostgreSQL): a send that finishes while a turn is in the database is
    recorded by the next turn at once instead of waiting for it. A slot's cycle is then one
    send plus one transaction, and the database work is batched apart from the sends.
    """

    def __init__(self, owner: Broadcaster, occ: OccurrenceRecord, result: BroadcastResult):
        self._b, self._occ, self._result = owner, occ, result
        self._sends: dict[asyncio.Future[SendOutcome], Claim] = {}
        self._finished: list[Resolution] = []
        self._turns: dict[asyncio.Future[list[Claim]], _Turn] = {}
        self._platforms = owner.platforms
        self._exhausted = False  # the last claim found fewer rows than it asked for

    def abandon(self) -> None:
        for send in self._sends:
            send.cancel()
        for turn in self._turns:
            turn.cancel()

    async def run(self) -> None:
        b = self._b
        renew_every = b._policy.lease.total_seconds() / 3
        renewed = time.monotonic()
        while True:
            self._start_turns()
            if not (self._sends or self._turns or self._finished):
                if b._stopping.is_set() or not await b._wait_for_retries(self._occ):
                    return
                self._exhausted = False
                continue
            if self._sends and time.monotonic() - renewed >= renew_every:
                await b._store.renew_leases(b._owner, b._policy.lease)
                renewed = time.monotonic()
            await self._wait(renew_every)

    def _start_turns(self) -> None:
        b = self._b
        while len(self._turns) < b._parallel_turns:
            turns = sum(t.slots for t in self._turns.values())
            held = len(self._sends) + len(self._finished) + turns
            # A turn refills the slots of the rows it records, plus slots nobody holds.
            limit = 0 if b._stopping.is_set() else len(self._finished) + max(0, b._k - held)
            claim = limit > 0 and bool(self._platforms)
            claim = claim and not (self._exhausted and not self._finished)
            if not self._finished and not claim:
                return
            records, self._finished = self._finished, []
            request = None
            if claim:
                request = ClaimRequest(
                    self._occ.post_id,
                    self._occ.occurrence_key,
                    self._platforms,
                    b._owner,
                    limit,
                    b._policy.lease,
                )
                self._platforms = (*self._platforms[1:], self._platforms[0])
                b._hook("before_claim")
            task = asyncio.ensure_future(b._store.step(records, request))
            self._turns[task] = _Turn(records, limit if claim else len(records), claim)

    async def _wait(self, renew_every: float) -> None:
        b = self._b
        timeout = renew_every
        if b._drain_until is not None:
            timeout = min(timeout, max(0.0, b._drain_until - time.monotonic()))
        waiters: set[asyncio.Future[Any]] = set(self._turns)
        if len(self._turns) < b._parallel_turns:  # else nothing can start before a turn ends
            waiters |= set(self._sends)
        stop_wait: asyncio.Task[bool] | None = None
        if not b._stopping.is_set():  # a stop must wake us to start the grace period
            stop_wait = asyncio.create_task(b._stopping.wait())
            waiters.add(stop_wait)
        try:
            ready, _ = await asyncio.wait(
                waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            if stop_wait is not None:
                stop_wait.cancel()
        for turn in [t for t in self._turns if t in ready]:
            self._turn_done(turn)
        done = {t for t in self._sends if t.done()}
        drained = b._drain_until is not None and time.monotonic() >= b._drain_until
        if not done and not self._turns and self._sends and drained:
            for task in self._sends:
                task.cancel()
            done, _ = await asyncio.wait(self._sends)
        never_started: list[int] = []
        for task in done:
            claim = self._sends.pop(task)
            if task.cancelled():  # cancelled before it ran: nothing was sent
                never_started.append(claim.id)
                continue
            b._hook("after_send")
            self._finished.append(b._resolution(claim, self._occ, task.result()))
            self._result.outcomes[self._finished[-1].state] += 1
        if never_started:
            await b._store.release(never_started, b._owner)

    def _turn_done(self, task: asyncio.Future[list[Claim]]) -> None:
        turn = self._turns.pop(task)
        claims = task.result()  # a database error ends the run (the rows stay claimed)
        if turn.records:
            self._b._hook("after_record")
        if turn.claims:
            self._exhausted = len(claims) < turn.slots
        if claims:
            self._b._hook("after_claim")
        for claim in claims:
            send = asyncio.ensure_future(self._b._send(claim, self._occ))
            self._sends[send] = claim
