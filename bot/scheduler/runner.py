"""The scheduler as it runs: APScheduler wakes it, `tick(now)` does the work.

APScheduler's only job is a wake-up every minute (docs/architecture.md §4); it remembers nothing.
Each tick asks the pure `due.plan` what to materialize (catch-up comes from the ledger,
so downtime is covered), materializes it, and hands unfinished occurrences to one
broadcast worker, which sends them one at a time in due order so the in-flight cap k is
global. Tests call `tick(now)` directly with any moment; no clock tricks are needed.

The content comes from a provider (the ContentHolder's current set): after a reload a
removed post is simply no longer planned and a changed time applies on the next wake.

Several instances on one PostgreSQL database: only one broadcasts, the holder of the
store's leader lock (rate limits belong to the token, so two broadcasting instances would
only share one budget and make each other's 429s). The others follow: they answer
commands, poll for the lock every `leader_poll` seconds (a quarter of the lease by
default) and take over within the lease when the leader dies. Leases on claimed rows
still fence every send, so even two leaders for a moment never send a row twice; the new
leader waits out the old one's leases and settles those rows as in doubt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.core.clock import Clock
from bot.core.content import ContentSet, ScheduledPost
from bot.core.messages import Post, in_language
from bot.core.rotation import RotationState
from bot.core.timing import Occurrence
from bot.scheduler.broadcast import DEFAULT_IN_FLIGHT, Broadcaster, BroadcastResult, CrashHook
from bot.scheduler.due import Due, NextRun, next_runs, plan
from bot.scheduler.languages import plan_languages
from bot.scheduler.ledger import LedgerPolicy, new_owner_id, recover
from bot.scheduler.payload import Payload, content_hash, encode
from bot.scheduler.sender import Sender
from bot.store.base import NewOccurrence, OccurrenceRecord, RotationStep, SchedulerStore

log = logging.getLogger(__name__)

Compose = Callable[
    [ContentSet, ScheduledPost, Occurrence, RotationState, str], Awaitable[Post | None]
]
STOP_TIMEOUT = 10.0  # seconds: SIGTERM to exit, ledger consistent
RECORD_MARGIN = 2.0  # of which this much is kept for the last records after cancelling


async def compose_without_advancing(
    content: ContentSet,
    post: ScheduledPost,
    occ: Occurrence,
    rotation: RotationState,
    language: str,
) -> Post | None:
    """The core's composer; the rotation step is recorded with the occurrence instead."""
    from bot.core.posts import compose

    return await compose(content, post, occ, rotation, advance=False, language=language)


class Runner:
    def __init__(
        self,
        store: SchedulerStore,
        content: Callable[[], ContentSet],
        clock: Clock,
        senders: Mapping[str, Sender],
        *,
        compose: Compose = compose_without_advancing,
        policy: LedgerPolicy | None = None,
        max_in_flight: int = DEFAULT_IN_FLIGHT,
        hook: CrashHook | None = None,
        owner: str | None = None,
        leader_poll: float | None = None,
        on_result: Callable[[BroadcastResult], None] | None = None,
        on_role: Callable[[bool], Awaitable[None]] | None = None,
    ) -> None:
        self._store = store
        self._ledger = store.ledger
        self._content = content
        self._clock = clock
        self._compose = compose
        self._policy = policy or LedgerPolicy()
        self.owner = owner or new_owner_id()
        self._senders = dict(senders)
        self._k = max_in_flight
        self._hook = hook
        self._on_result = on_result
        # Awaited with True before this instance's first broadcast as leader, and with False
        # once it stopped broadcasting after losing the lock: what only the leader may hold
        # (the Discord gateway) follows the lock (the App wires it).
        self._on_role = on_role
        self._broadcaster = self._new_broadcaster()
        self._leader = None if store.single_instance else store.leader_lock()
        self._poll = self._policy.lease.total_seconds() / 4 if leader_poll is None else leader_poll
        self._scheduler: AsyncIOScheduler | None = None
        self._worker: asyncio.Task[list[BroadcastResult]] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._tick_lock = asyncio.Lock()
        self._stopping = False
        # Set once started: `leading` while this instance broadcasts, `following` while
        # another one holds the leader lock. A runner driven by `tick` alone has neither.
        self.leading = asyncio.Event()
        self.following = asyncio.Event()
        self._started_here: set[tuple[str, str]] = set()
        self.results: deque[BroadcastResult] = deque(maxlen=20)
        self.in_doubt_at_start: dict[str, int] = {}

    def _new_broadcaster(self) -> Broadcaster:
        return Broadcaster(
            self._ledger,
            self._senders,
            owner=self.owner,
            chat_language=self._store.get_language,
            policy=self._policy,
            max_in_flight=self._k,
            hook=self._hook,
        )

    # -- life cycle ------------------------------------------------------------------------
    async def start(self) -> None:
        """Take the instance lock (SQLite) or try the leader lock (PostgreSQL). The
        instance that holds it settles rows a crash left in doubt, catches up, then lets
        APScheduler wake it every minute; another one follows until the lock is free."""
        self._store.acquire_scheduler_lock()
        if self._leader is None or await self._leader.try_acquire():
            await self._lead()
        else:
            self._set_role(leading=False)
            log.info("another instance is broadcasting; following (poll every %.1fs)", self._poll)
        if self._leader is not None:
            self._watcher = asyncio.create_task(self._watch_leadership())

    def _set_role(self, *, leading: bool) -> None:
        (self.leading if leading else self.following).set()
        (self.following if leading else self.leading).clear()

    async def _lead(self) -> None:
        self.in_doubt_at_start = await recover(
            self._ledger, self._policy, single_instance=self._store.single_instance
        )
        if any(self.in_doubt_at_start.values()):
            log.warning("deliveries in doubt after the last stop: %s", self.in_doubt_at_start)
        if self._on_role is not None:
            await self._on_role(True)
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.add_job(
            self._wake,
            CronTrigger(second=0, timezone=UTC),
            id="wake",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        scheduler.start()
        self._scheduler = scheduler
        self._set_role(leading=True)
        await self.tick(wait=False)

    async def _watch_leadership(self) -> None:
        """Leader: check the lock's session is alive; follower: try to take the lock."""
        assert self._leader is not None  # noqa: S101 - only started with a leader lock
        while not self._stopping:
            await asyncio.sleep(self._poll)
            try:
                if self.leading.is_set():
                    if not await self._leader.held():
                        await self._abdicate()
                elif await self._leader.try_acquire():
                    log.info("took over as the broadcasting instance")
                    await self._lead()
            except Exception:  # the database may be briefly away: try again next poll
                log.exception("leader lock check failed")

    async def _abdicate(self) -> None:
        """The lock's session ended under us: another instance may lead now. Claim
        nothing more, let in-flight sends finish and record them, then follow."""
        log.error("lost the leader lock: stop broadcasting and follow")
        self._set_role(leading=False)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        self._broadcaster.stop(grace=STOP_TIMEOUT - RECORD_MARGIN)
        await self._stop_worker(STOP_TIMEOUT)
        self._broadcaster = self._new_broadcaster()
        if self._on_role is not None:
            await self._on_role(False)

    async def _wake(self) -> None:
        await self.tick(wait=False)

    async def stop(self, grace: float = STOP_TIMEOUT) -> None:
        """Stop claiming, let in-flight sends finish (cancelled ones are recorded as in
        doubt), and return within `grace` seconds with the ledger consistent; then give
        up the leader lock, so a follower takes over at its next poll."""
        self._stopping = True
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
            self._watcher = None
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        # Stop claiming first, so nothing new starts while we wait for a tick to settle.
        self._broadcaster.stop(grace=max(0.0, grace - RECORD_MARGIN))
        await self._settle_tick(grace)
        await self._stop_worker(grace)
        self.leading.clear()
        if self._leader is not None:
            await self._leader.release()

    async def _settle_tick(self, grace: float) -> None:
        """Wait for a tick already past its `_stopping` check (an APScheduler wake-up that
        fired just before the stop): closing the store under its query would break it."""
        try:
            await asyncio.wait_for(self._tick_lock.acquire(), grace)
        except TimeoutError:
            log.error("stop: a scheduler tick did not finish in %.0fs", grace)
            return
        self._tick_lock.release()

    async def _stop_worker(self, grace: float) -> None:
        worker = self._worker
        if worker is not None and not worker.done():
            try:
                await asyncio.wait_for(asyncio.shield(worker), grace)
            except TimeoutError:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
                log.error("stop: broadcast did not finish in %.0fs; rows left in doubt", grace)

    # -- the work --------------------------------------------------------------------------
    async def tick(
        self, now: datetime | None = None, *, wait: bool = True
    ) -> list[BroadcastResult]:
        """Materialize what is due at `now` and make sure the broadcast worker runs.

        With `wait`, return once the worker has sent everything it can (tests, console);
        APScheduler's wake-up does not wait, so a long broadcast never blocks the clock.
        """
        if self._stopping or self.following.is_set():
            return []
        moment = (now or self._clock.now()).astimezone(UTC)
        async with self._tick_lock:
            if not self._store.single_instance:
                # Another instance may have died mid-broadcast: its expired leases are in
                # doubt now, and its pending rows are ours to finish.
                await recover(self._ledger, self._policy, single_instance=False)
            content = self._content()
            result = plan(content.posts, await self._ledger.last_materialized(), moment)
            for skipped in result.skipped:
                log.warning(
                    "%s: %d occurrence(s) %s, from %s to %s, will not be sent",
                    skipped.post_id,
                    skipped.count,
                    skipped.reason,
                    skipped.first.key,
                    skipped.last.key,
                )
            for due in result.due:
                await self._materialize(content, due)
            if self._worker is None or self._worker.done():
                self._worker = asyncio.create_task(self._drain(moment))
            worker = self._worker
        if not wait:
            return []
        return await asyncio.shield(worker)

    async def _materialize(self, content: ContentSet, due: Due) -> None:
        post, occ = due.post, due.occurrence
        plan = await plan_languages(self._store, content, post)
        composed: dict[str, Post] = {}
        for language in plan.languages:
            # advance=False: the rotation is not moved, so every language shows one card.
            found = await self._compose(content, post, occ, self._store, language)
            if found is None:
                break
            composed[language] = found
        first = composed.get(plan.default)
        rotation: RotationStep | None = None
        if first is not None and post.spec.kind == "card-rotation":
            card_id = first.messages[0].card_id if first.messages else None
            if card_id is not None:
                shown = await self._store.shown(post.id)
                rotation = RotationStep(card_id, new_cycle=card_id in shown)
        payload = None
        if first is not None:
            messages = {lang: in_language(found.messages, lang) for lang, found in composed.items()}
            payload = encode(Payload(messages, plan.default, plan.targets))
        targets = tuple(t for t in post.spec.to if t != "subscribers")
        created = await self._ledger.materialize(
            NewOccurrence(
                post_id=post.id,
                occurrence_key=occ.key,
                due_utc=occ.due_utc,
                deadline_utc=due.deadline_utc,
                payload=payload,
                content_hash=content_hash(payload) if payload is not None else None,
                targets=targets,
                include_subscribers="subscribers" in post.spec.to,
                rotation=rotation,
            )
        )
        if created:
            what = "nothing to say" if payload is None else f"to {', '.join(post.spec.to)}"
            log.info("%s %s due %s: %s", post.id, occ.key, occ.local.isoformat(), what)

    async def _drain(self, now: datetime) -> list[BroadcastResult]:
        """Send every unfinished occurrence, oldest first, including ones materialized
        while this worker runs; each is tried once per worker run."""
        done: list[BroadcastResult] = []
        tried: set[tuple[str, str]] = set()
        broadcaster = self._broadcaster
        while not self._stopping and not self.following.is_set():
            todo = await self._untried(tried)
            if not todo:
                # Decide to exit under the tick lock: a tick that materialized an occurrence
                # after our query above would otherwise hand it to a worker that is leaving,
                # and the post would wait for the next wake-up.
                async with self._tick_lock:
                    todo = await self._untried(tried)
                    if not todo:
                        if self._worker is asyncio.current_task():
                            self._worker = None
                        break
            for occ in todo:
                if self._stopping or self.following.is_set():
                    break
                key = (occ.post_id, occ.occurrence_key)
                tried.add(key)
                if await self._too_late(occ, now):
                    continue
                self._started_here.add(key)
                result = await broadcaster.run(occ)
                self.results.append(result)
                if self._on_result is not None:
                    self._on_result(result)
                done.append(result)
                log.info(
                    "%s %s: %s in %.1fs%s",
                    occ.post_id,
                    occ.occurrence_key,
                    dict(result.outcomes) or "nothing to send",
                    result.seconds,
                    f", waiting for senders: {result.unserved}" if result.unserved else "",
                )
        return done

    async def _untried(self, tried: set[tuple[str, str]]) -> list[OccurrenceRecord]:
        unfinished = await self._ledger.unfinished()
        return [o for o in unfinished if (o.post_id, o.occurrence_key) not in tried]

    async def _too_late(self, occ: OccurrenceRecord, now: datetime) -> bool:
        """An occurrence this process did not start, found after its deadline (e.g. a
        broadcast interrupted by a crash, resumed days later), is skipped, not sent late.
        One this process is already broadcasting carries on however long it takes."""
        key = (occ.post_id, occ.occurrence_key)
        if key in self._started_here or now < occ.deadline_utc:
            return False
        skipped = await self._ledger.skip_open(occ.post_id, occ.occurrence_key, "too late")
        if skipped:
            log.warning(
                "%s %s: %d deliveries skipped, past the catch-up window",
                occ.post_id,
                occ.occurrence_key,
                skipped,
            )
        return True

    # -- for /status and reloads -------------------------------------------------------------
    def next_runs(self, count: int = 5) -> list[NextRun]:
        return next_runs(self._content().posts, self._clock.now(), count)

    def reschedule(self, content: ContentSet) -> None:
        """After a reload: the provider already returns `content`; wake soon so a post
        whose new time has just passed is not left for the next minute, and log the plan."""
        for run in next_runs(content.posts, self._clock.now(), 5):
            log.info("next: %s at %s", run.post_id, run.occurrence.local.isoformat())
        if self._scheduler is not None:
            self._scheduler.wakeup()
