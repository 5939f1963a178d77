"""The leader lock on PostgreSQL, in process: one broadcasting runner, a follower that takes
over within the lease, and a leader that loses its session stops claiming at once."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.core.clock import FakeClock
from bot.core.loading import ContentHolder
from bot.scheduler.ledger import LedgerPolicy
from bot.scheduler.runner import Runner
from bot.store.base import SENT
from bot.store.leader_lock import PgLeaderLock
from bot.store.sql import SqlStore, open_store
from tests.content import write_content
from tests.scheduler.posts import MINSK
from tests.scheduler.procs import fresh_pg
from tests.scheduler.senders import RecordingSender

LEASE = timedelta(seconds=2)
POLL = 0.05
SUBSCRIBERS = 40
DUE = datetime(2026, 7, 14, 9, 0, tzinfo=MINSK).astimezone(UTC)
Claims = list[tuple[str, float]]  # (instance, time.monotonic()) of every claim


class Instance:
    """One bot instance as far as the scheduler goes: its own engine, runner and sender."""

    def __init__(self, name: str, store: SqlStore, holder: ContentHolder, claims: Claims) -> None:
        self.name, self.store = name, store
        self.sender = RecordingSender("telegram", gate=asyncio.Event())

        def hook(point: str) -> None:
            if point == "after_claim":
                claims.append((name, time.monotonic()))

        self.runner = Runner(
            store,
            lambda: holder.current,
            FakeClock(DUE),
            {"telegram": self.sender},
            policy=LedgerPolicy(lease=LEASE),
            hook=hook,
            owner=name,
            leader_poll=POLL,
        )


@pytest.fixture
async def pair(tmp_path: Path) -> AsyncIterator[tuple[Instance, Instance, Claims]]:
    facts, schedules = write_content(tmp_path)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    claims: Claims = []
    async with fresh_pg() as url:
        a_store, b_store = await open_store(url), await open_store(url)
        for i in range(SUBSCRIBERS):
            await a_store.subscribe(
                "telegram", str(i), chat_kind="private", title=None, subscribed_by=None, now=DUE
            )
        a = Instance("a", a_store, holder, claims)
        b = Instance("b", b_store, holder, claims)
        try:
            yield a, b, claims
        finally:
            for bot in (a, b):
                bot.sender.gate.set()  # type: ignore[union-attr]
                await bot.runner.stop(grace=2)
                await bot.store.close()


def delivered(*bots: Instance) -> Counter[str]:
    return Counter(chat for bot in bots for chat in bot.sender.delivered())


async def test_only_the_leader_claims_and_a_follower_takes_over_within_the_lease(
    pair: tuple[Instance, Instance, Claims],
) -> None:
    a, b, claims = pair
    await a.runner.start()
    await b.runner.start()
    assert a.runner.leading.is_set() and b.runner.following.is_set()
    await a.sender.wait_calls(8)  # a broadcasts, 8 sends held in flight
    assert await b.runner.tick() == []  # a follower never broadcasts, even when woken
    assert b.sender.calls == []
    stopping = asyncio.create_task(a.runner.stop())
    a.sender.gate.set()  # type: ignore[union-attr]
    await stopping  # graceful: in-flight sends recorded, then the lock released
    released = time.monotonic()  # orders the claims below; not a duration bound
    b.sender.gate.set()  # type: ignore[union-attr]
    await asyncio.wait_for(b.runner.leading.wait(), 60)  # a hang guard, not a bound
    await b.runner.tick()
    assert delivered(a, b) == {str(i): 1 for i in range(SUBSCRIBERS)}
    assert len(a.sender.calls) == 8
    last_a = max(t for name, t in claims if name == "a")
    first_b = min(t for name, t in claims if name == "b")
    assert last_a < released < first_b  # the two never claimed at the same time
    rows = await b.store.ledger.deliveries("on-this-day", "2026-07-14")
    assert {r.state for r in rows} == {SENT}


async def test_a_leader_that_loses_its_session_stops_claiming(
    pair: tuple[Instance, Instance, Claims],
) -> None:
    """The lock's session ends (network, or an admin) while a still runs: b takes over;
    a claims nothing more, finishes its in-flight sends and records them (its leases
    fence them: b waits rather than sending them again). Nothing is sent twice."""
    a, b, claims = pair
    await a.runner.start()
    await b.runner.start()
    await a.sender.wait_calls(8)
    async with b.store.engine.connect() as conn:
        ended = await conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                " AND granted AND database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database())"
            )
        )
        assert ended.scalars().all() == [True]
    cut = time.monotonic()
    await asyncio.wait_for(a.runner.following.wait(), 60)  # hang guards, not bounds
    await asyncio.wait_for(b.runner.leading.wait(), 60)
    b.sender.gate.set()  # type: ignore[union-attr]
    a.sender.gate.set()  # type: ignore[union-attr]
    await b.runner.tick()
    assert delivered(a, b) == {str(i): 1 for i in range(SUBSCRIBERS)}
    assert len(a.sender.calls) == 8
    assert all(t < cut for name, t in claims if name == "a")
    rows = await b.store.ledger.deliveries("on-this-day", "2026-07-14")
    assert {r.state for r in rows} == {SENT}


async def test_the_lock_is_exclusive_and_released_with_its_session() -> None:
    async with fresh_pg() as url:
        one, two = await open_store(url), await open_store(url)
        try:
            first, second = one.leader_lock(), two.leader_lock()
            assert isinstance(first, PgLeaderLock) and isinstance(second, PgLeaderLock)
            assert await first.try_acquire()
            assert await first.try_acquire()  # re-entrant for its holder
            assert not await second.try_acquire()
            assert await first.held()
            await first.release()
            assert not await first.held()
            assert await second.try_acquire()
            await second.release()
        finally:
            await one.close()
            await two.close()


async def test_sqlite_has_no_leader_lock(tmp_path: Path) -> None:
    store = await open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        assert store.leader_lock() is None
    finally:
        await store.close()
