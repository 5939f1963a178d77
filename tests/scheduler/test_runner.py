"""The runner end to end in-process: real loader, real composer, real store, fake clock."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent

from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.scheduler.runner import Runner
from bot.store.base import SENT, SKIPPED
from bot.store.sql import SqlStore, open_store
from tests.content import schedule, write_content
from tests.scheduler.posts import MINSK
from tests.scheduler.senders import RecordingSender


def minsk(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MINSK).astimezone(UTC)


@pytest.fixture
def holder(tmp_path: Path) -> ContentHolder:
    facts, schedules = write_content(tmp_path)
    loaded = ContentHolder(facts, schedules)
    assert loaded.load() == []
    return loaded


async def subscribe(store: SqlStore, n: int) -> None:
    for i in range(n):
        await store.subscribe(
            "telegram",
            str(i),
            chat_kind="private",
            title=None,
            subscribed_by=None,
            now=minsk("2026-07-01 00:00"),
        )


class Bot:
    """One bot process, as far as the scheduler is concerned: store, runner, sender."""

    def __init__(self, store: SqlStore, holder: ContentHolder, now: datetime) -> None:
        self.clock = FakeClock(now)
        self.sender = RecordingSender("telegram")
        self.runner = Runner(store, lambda: holder.current, self.clock, {"telegram": self.sender})


async def test_a_missed_post_goes_out_once_after_a_three_hour_outage(
    store: SqlStore, holder: ContentHolder
) -> None:
    await subscribe(store, 3)
    before = Bot(store, holder, minsk("2026-07-13 09:00"))
    await before.runner.tick()
    assert before.sender.calls == []  # no anniversary on 13 July, but the ledger remembers it
    # The bot is down from 08:30 to 11:30 on 14 July; a new process starts.
    after = Bot(store, holder, minsk("2026-07-14 11:30"))
    await after.runner.tick()
    await after.runner.tick(minsk("2026-07-14 11:31"))
    assert sorted(after.sender.delivered()) == ["0", "1", "2"]
    [_, _, message] = after.sender.calls[0]
    assert "Arrested in Minsk" in message[0].plain_text()


async def test_nothing_goes_out_after_a_three_day_outage(
    store: SqlStore, holder: ContentHolder, caplog: pytest.LogCaptureFixture
) -> None:
    await subscribe(store, 3)
    await Bot(store, holder, minsk("2026-07-11 09:00")).runner.tick()
    late = Bot(store, holder, minsk("2026-07-14 16:00"))
    with caplog.at_level(logging.WARNING):
        await late.runner.tick()
    assert late.sender.calls == []
    assert "too late" in caplog.text and "2026-07-14" in caplog.text


async def test_a_day_with_nothing_to_say_sends_nothing(
    store: SqlStore, holder: ContentHolder
) -> None:
    await subscribe(store, 3)
    bot = Bot(store, holder, minsk("2026-07-15 09:00"))  # no anniversary on 15 July
    await bot.runner.tick()
    assert bot.sender.calls == []
    assert await store.ledger.last_materialized() == {"on-this-day": minsk("2026-07-15 09:00")}


async def test_a_bad_schedule_on_reload_keeps_the_last_good_set(
    store: SqlStore, holder: ContentHolder
) -> None:
    await subscribe(store, 2)
    (holder.schedules_dir / "default.yaml").write_text("timezone: Mars/Base\nposts: [", "utf-8")
    problems = holder.load()
    assert problems and all(p.path.endswith("default.yaml") for p in problems)
    bot = Bot(store, holder, minsk("2026-07-14 09:00"))
    await bot.runner.tick()
    assert len(bot.sender.calls) == 2


async def test_a_changed_time_applies_and_a_removed_post_stops(
    store: SqlStore, holder: ContentHolder
) -> None:
    await subscribe(store, 1)
    bot = Bot(store, holder, minsk("2026-07-13 20:00"))
    (holder.schedules_dir / "default.yaml").write_text(schedule(at="10:00"), "utf-8")
    assert holder.load() == []
    bot.runner.reschedule(holder.current)
    assert bot.runner.next_runs(1)[0].occurrence.local.strftime("%H:%M") == "10:00"
    await bot.runner.tick(minsk("2026-07-14 09:00"))
    assert bot.sender.calls == []
    await bot.runner.tick(minsk("2026-07-14 10:00"))
    assert len(bot.sender.calls) == 1
    (holder.schedules_dir / "default.yaml").write_text(schedule(post_id="other"), "utf-8")
    assert holder.load() == []
    await bot.runner.tick(minsk("2026-10-07 09:00"))  # "other" posts; "on-this-day" is gone
    assert set(await store.ledger.last_materialized()) == {"on-this-day", "other"}
    assert (await store.ledger.last_materialized())["on-this-day"] == minsk("2026-07-14 10:00")


async def test_a_resumed_broadcast_past_its_deadline_is_skipped(
    store: SqlStore, holder: ContentHolder
) -> None:
    await subscribe(store, 4)
    first = Bot(store, holder, minsk("2026-07-14 09:00"))
    first.runner._broadcaster.stop(grace=0)  # simulate dying right after materializing
    await first.runner.tick()
    later = Bot(store, holder, minsk("2026-07-14 15:00"))  # the 6h window has passed
    await later.runner.tick()
    assert later.sender.calls == []
    rows = await store.ledger.deliveries("on-this-day", "2026-07-14")
    assert Counter(r.state for r in rows) == Counter({SKIPPED: 4})


@pytest.fixture
async def started(
    store: SqlStore, holder: ContentHolder
) -> AsyncIterator[tuple[Bot, asyncio.Event]]:
    await subscribe(store, 12)
    bot = Bot(store, holder, minsk("2026-07-14 09:00"))
    bot.sender.gate = asyncio.Event()
    await bot.runner.start()
    try:
        yield bot, bot.sender.gate
    finally:
        await bot.runner.stop(grace=1)


async def test_graceful_stop_finishes_in_flight_sends(
    store: SqlStore, started: tuple[Bot, asyncio.Event]
) -> None:
    bot, gate = started
    await bot.sender.wait_calls(8)  # start() caught up: 8 sends in flight, held
    stopping = asyncio.create_task(bot.runner.stop())
    gate.set()
    await asyncio.wait_for(stopping, 60)  # a hang guard: the drain grace bounds the stop
    rows = await store.ledger.deliveries("on-this-day", "2026-07-14")
    assert Counter(r.state for r in rows) == Counter({SENT: 8, "pending": 4})


async def test_apscheduler_wakes_the_runner_every_minute(
    store: SqlStore, started: tuple[Bot, asyncio.Event]
) -> None:
    bot, gate = started
    gate.set()
    scheduler = bot.runner._scheduler
    assert scheduler is not None
    job = scheduler.get_job("wake")
    assert str(job.trigger) == "cron[second='0']"
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, None)
    ran = asyncio.Event()

    def on_run(event: JobExecutionEvent) -> None:
        if event.job_id == "wake":
            ran.set()

    scheduler.add_listener(on_run, EVENT_JOB_EXECUTED)
    bot.clock.advance(timedelta(days=1))  # the next day's post is due at the forced wake
    job.modify(next_run_time=datetime.now(UTC))
    await asyncio.wait_for(ran.wait(), 10)
    assert "on-this-day" in await store.ledger.last_materialized()


async def test_two_runners_in_one_process_do_not_share_state(
    db_url: str, holder: ContentHolder, tmp_path: Path
) -> None:
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    a, b = await open_store(db_url), await open_store(other_url)
    try:
        await subscribe(a, 2)
        await subscribe(b, 3)
        bot_a = Bot(a, holder, minsk("2026-07-14 09:00"))
        bot_b = Bot(b, holder, minsk("2026-07-14 09:00"))
        await asyncio.gather(bot_a.runner.tick(), bot_b.runner.tick())
        assert (len(bot_a.sender.calls), len(bot_b.sender.calls)) == (2, 3)
    finally:
        await a.close()
        await b.close()


class _GatedLedger:
    """The real ledger, except that its first empty `unfinished()` answer is held until the
    test lets it go: the moment a broadcast worker has decided there is nothing left."""

    def __init__(self, ledger: object) -> None:
        self._ledger = ledger
        self.reached = asyncio.Event()
        self.release = asyncio.Event()

    async def unfinished(self) -> list[object]:
        found: list[object] = await self._ledger.unfinished()  # type: ignore[attr-defined]
        if not found and not self.reached.is_set():
            self.reached.set()
            await self.release.wait()
        return found

    def __getattr__(self, name: str) -> object:
        return getattr(self._ledger, name)


class _GatedStore:
    def __init__(self, store: SqlStore) -> None:
        self._store = store
        self.ledger = _GatedLedger(store.ledger)

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


async def test_regression_occurrence_due_while_the_worker_is_leaving_is_still_sent(
    store: SqlStore, holder: ContentHolder
) -> None:
    """A tick that materialized an occurrence while the worker was deciding to exit used to
    hand it to that worker, which left: the post waited for the next minute's wake-up."""
    await subscribe(store, 2)
    gated = _GatedStore(store)
    sender = RecordingSender("telegram")
    clock = FakeClock(minsk("2026-07-14 08:00"))
    runner = Runner(gated, lambda: holder.current, clock, {"telegram": sender})  # type: ignore[arg-type]
    await runner.tick(wait=False)  # 08:00: nothing due; the worker finds nothing to do
    async with asyncio.timeout(10):
        await gated.ledger.reached.wait()
    await runner.tick(minsk("2026-07-14 09:00"), wait=False)  # due now, worker still running
    gated.ledger.release.set()
    await sender.wait_calls(2)  # no further tick: the running worker must send it
    assert sorted(sender.delivered()) == ["0", "1"]


class _GatedHistory(_GatedLedger):
    """Holds the first `last_materialized()` read: a tick caught mid-query."""

    async def last_materialized(self) -> dict[str, datetime]:
        self.reached.set()
        await self.release.wait()
        found: dict[str, datetime] = await self._ledger.last_materialized()  # type: ignore[attr-defined]
        return found


async def test_regression_stop_waits_for_a_tick_already_running(
    store: SqlStore, holder: ContentHolder
) -> None:
    """A minute's wake-up that fired just before SIGTERM kept querying while the bot closed
    the store under it; the crash test's restarted bot then hung instead of exiting."""
    gated = _GatedStore(store)
    gated.ledger = _GatedHistory(store.ledger)
    runner = Runner(gated, lambda: holder.current, FakeClock(minsk("2026-07-14 08:00")), {})  # type: ignore[arg-type]
    ticking = asyncio.create_task(runner.tick(wait=False))
    async with asyncio.timeout(10):
        await gated.ledger.reached.wait()
    stopping = asyncio.create_task(runner.stop())
    done, _ = await asyncio.wait({stopping}, timeout=0.2)
    assert not done, "stop returned while a tick was still reading the ledger"
    gated.ledger.release.set()
    async with asyncio.timeout(10):
        await stopping
    assert ticking.done()
