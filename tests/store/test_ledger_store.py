"""The ledger's SQL on every backend: materialize, claim, record, in-doubt, leases."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.store.base import (
    FAILED,
    PENDING,
    RETRY,
    SENDING,
    SENT,
    SKIPPED,
    UNKNOWN,
    ClaimRequest,
    NewOccurrence,
    Resolution,
    RotationStep,
)
from bot.store.sql import SqlStore, open_store
from bot.store.tables import as_utc

DUE = datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
KEY = "2026-07-14"
LEASE = timedelta(seconds=30)


def occ(
    targets: tuple[str, ...] = (),
    subscribers: bool = True,
    payload: str | None = "[]",
    key: str = KEY,
    rotation: RotationStep | None = None,
) -> NewOccurrence:
    return NewOccurrence(
        "daily", key, DUE, DUE + timedelta(hours=6), payload, "h", targets, subscribers, rotation
    )


def claim(
    limit: int = 100, owner: str = "me", platforms: tuple[str, ...] = ("telegram",)
) -> ClaimRequest:
    return ClaimRequest("daily", KEY, platforms, owner, limit, LEASE)


async def subscribe(store: SqlStore, n: int, platform: str = "telegram") -> None:
    for i in range(n):
        await store.subscribe(
            platform, str(1000 + i), chat_kind="private", title=None, subscribed_by=None, now=DUE
        )


async def states(store: SqlStore) -> dict[str, str]:
    return {d.target: d.state for d in await store.ledger.deliveries("daily", KEY)}


async def test_materialize_snapshots_subscribers_once(store: SqlStore) -> None:
    await subscribe(store, 3)
    await store.unsubscribe("telegram", "1001", reason="user")
    targets = ("telegram:@channel", "discord:123456789012345678", "telegram:1000", "console")
    assert await store.ledger.materialize(occ(targets)) is True
    await subscribe(store, 5)  # later subscribers wait for the next occurrence
    assert await store.ledger.materialize(occ(targets)) is False
    rows = await store.ledger.deliveries("daily", KEY)
    # Explicit targets first, in schedule order; a subscriber already listed appears once.
    assert [r.target for r in rows] == [*targets, "telegram:1002"]
    assert {r.state for r in rows} == {PENDING}
    assert [r.platform for r in rows] == ["telegram", "discord", "telegram", "console", "telegram"]
    assert await store.ledger.last_materialized() == {"daily": DUE}


async def test_a_day_with_nothing_to_say_is_remembered_without_deliveries(store: SqlStore) -> None:
    await subscribe(store, 2)
    assert await store.ledger.materialize(occ(("console",), payload=None)) is True
    assert await store.ledger.deliveries("daily", KEY) == []
    assert await store.ledger.last_materialized() == {"daily": DUE}
    assert await store.ledger.unfinished() == []


async def test_rotation_advances_only_with_a_new_occurrence(store: SqlStore) -> None:
    step = RotationStep("a/one", new_cycle=False)
    await store.ledger.materialize(occ(rotation=step))
    await store.ledger.materialize(occ(rotation=RotationStep("a/two", new_cycle=False)))
    assert await store.shown("daily") == {"a/one"}


async def test_claims_take_pending_rows_of_served_platforms_in_order(store: SqlStore) -> None:
    await subscribe(store, 3)
    await subscribe(store, 1, "discord")
    await store.ledger.materialize(occ())
    first = await store.ledger.step([], claim(limit=2))
    assert [c.target for c in first] == ["telegram:1000", "telegram:1001"]
    assert all(c.attempts == 1 for c in first)
    rest = await store.ledger.step([], claim())
    assert [c.target for c in rest] == ["telegram:1002"]
    assert await store.ledger.step([], claim()) == []
    assert await store.ledger.open_counts("daily", KEY) == {
        ("telegram", SENDING): 3,
        ("discord", PENDING): 1,
    }


async def test_record_outcomes_and_their_side_effects(store: SqlStore) -> None:
    await subscribe(store, 5)
    await store.ledger.materialize(occ())
    c = await store.ledger.step([], claim())
    ledger = store.ledger
    await ledger.step(
        [
            Resolution(c[0].id, SENT, "me", nonce="n0", message_ids=("11", "12")),
            Resolution(c[1].id, RETRY, "me", error="429", retry_in=3600),
            Resolution(c[2].id, FAILED, "me", error="403 blocked", deactivate="blocked"),
            Resolution(c[3].id, FAILED, "me", error="400 bad markup"),
            Resolution(c[4].id, RETRY, "me", error="moved", new_target="telegram:-100999"),
        ],
        None,
    )
    rows = {r.id: r for r in await ledger.deliveries("daily", KEY)}
    assert rows[c[0].id].state == SENT and rows[c[0].id].message_ids == ("11", "12")
    assert rows[c[0].id].nonce == "n0"
    assert rows[c[1].id].state == RETRY and rows[c[1].id].last_error == "429"
    assert rows[c[2].id].state == FAILED
    assert rows[c[3].id].state == FAILED and rows[c[3].id].last_error == "400 bad markup"
    assert (rows[c[4].id].target, rows[c[4].id].state) == ("telegram:-100999", RETRY)
    # blocked -> subscription deactivated; migrated -> subscription moved
    assert (await store.get_subscription("telegram", "1002")).active is False  # type: ignore[union-attr]
    assert (await store.get_subscription("telegram", "1003")).active is True  # type: ignore[union-attr]
    assert await store.get_subscription("telegram", "1004") is None
    assert (await store.get_subscription("telegram", "-100999")).active is True  # type: ignore[union-attr]
    # the retry in an hour is not claimable now; the migrated one is
    again = await ledger.step([], claim())
    assert [x.target for x in again] == ["telegram:-100999"]
    assert again[0].attempts == 2
    problems = await ledger.problem_deliveries(10)
    assert {p.target for p in problems} == {"telegram:1002", "telegram:1003"}


async def test_next_retry_in_tells_how_long_to_wait(store: SqlStore) -> None:
    await subscribe(store, 2)
    await store.ledger.materialize(occ())
    assert await store.ledger.next_retry_in("daily", KEY, ("telegram",)) == 0.0
    c = await store.ledger.step([], claim())
    assert await store.ledger.next_retry_in("daily", KEY, ("telegram",)) is None
    await store.ledger.step([Resolution(x.id, RETRY, "me", retry_in=120) for x in c], None)
    wait = await store.ledger.next_retry_in("daily", KEY, ("telegram",))
    assert wait is not None and 100 < wait <= 120
    assert await store.ledger.next_retry_in("daily", KEY, ("discord",)) is None


async def test_records_of_another_owner_do_not_apply(store: SqlStore) -> None:
    await subscribe(store, 1)
    await store.ledger.materialize(occ())
    [c] = await store.ledger.step([], claim(owner="a"))
    await store.ledger.step([Resolution(c.id, FAILED, "b", error="x")], None)
    assert await states(store) == {"telegram:1000": SENDING}


async def test_release_puts_unsent_claims_back(store: SqlStore) -> None:
    await subscribe(store, 2)
    await store.ledger.materialize(occ())
    c = await store.ledger.step([], claim())
    assert await store.ledger.release([x.id for x in c], "me") == 2
    again = await store.ledger.step([], claim())
    assert [x.attempts for x in again] == [1, 1]


async def test_in_doubt_rows_retry_on_discord_only_when_recent(store: SqlStore) -> None:
    await subscribe(store, 2)
    await subscribe(store, 2, "discord")
    await store.ledger.materialize(occ())
    await store.ledger.step([], claim(platforms=("telegram", "discord")))
    counts = await store.ledger.resolve_in_doubt(
        expired_only=False, retry_platforms=("discord",), retry_window=timedelta(seconds=60)
    )
    assert counts == {RETRY: 2, UNKNOWN: 2}
    by_platform = {(d.platform, d.state) for d in await store.ledger.deliveries("daily", KEY)}
    assert by_platform == {("discord", RETRY), ("telegram", UNKNOWN)}
    assert [p.state for p in await store.ledger.problem_deliveries(10)] == [UNKNOWN, UNKNOWN]


async def test_in_doubt_discord_rows_older_than_the_window_are_unknown(store: SqlStore) -> None:
    await subscribe(store, 1, "discord")
    await store.ledger.materialize(occ())
    await store.ledger.step([], claim(platforms=("discord",)))
    counts = await store.ledger.resolve_in_doubt(
        expired_only=False, retry_platforms=("discord",), retry_window=timedelta(0)
    )
    assert counts == {RETRY: 0, UNKNOWN: 1}


async def test_only_expired_leases_are_in_doubt_and_renewal_keeps_them(store: SqlStore) -> None:
    await subscribe(store, 2)
    await store.ledger.materialize(occ())
    expired = timedelta(seconds=-1)  # a lease that ran out a second ago
    await store.ledger.step([], ClaimRequest("daily", KEY, ("telegram",), "a", 1, expired))
    await store.ledger.step([], ClaimRequest("daily", KEY, ("telegram",), "b", 1, LEASE))
    counts = await store.ledger.resolve_in_doubt(
        expired_only=True, retry_platforms=(), retry_window=timedelta(0)
    )
    assert counts == {RETRY: 0, UNKNOWN: 1}
    assert await store.ledger.renew_leases("b", LEASE) == 1
    assert sorted((await states(store)).values()) == [SENDING, UNKNOWN]


async def test_skip_open_skips_what_was_never_sent(store: SqlStore) -> None:
    await subscribe(store, 3)
    await store.ledger.materialize(occ())
    [c] = await store.ledger.step([], claim(limit=1))
    assert await store.ledger.skip_open("daily", KEY, "too late") == 2
    assert sorted((await states(store)).values()) == [SENDING, SKIPPED, SKIPPED]
    assert [o.occurrence_key for o in await store.ledger.unfinished()] == [KEY]
    await store.ledger.step([Resolution(c.id, SENT, "me")], None)
    assert await store.ledger.unfinished() == []
    [summary] = await store.ledger.recent_occurrences(5)
    assert summary.counts == {SENT: 1, SKIPPED: 2}


async def test_two_claimers_never_take_the_same_row(db_url: str) -> None:
    """Two stores (as two instances would) race to claim 300 rows in small batches."""
    a = await open_store(db_url)
    b = await open_store(db_url)
    try:
        await subscribe(a, 300)
        await a.ledger.materialize(occ())

        async def drain(store: SqlStore, owner: str) -> list[int]:
            got: list[int] = []
            while batch := await store.ledger.step([], claim(limit=7, owner=owner)):
                got += [c.id for c in batch]
                await asyncio.sleep(0)
            return got

        got_a, got_b = await asyncio.gather(drain(a, "a"), drain(b, "b"))
    finally:
        await a.close()
        await b.close()
    assert not set(got_a) & set(got_b)
    assert len(got_a) + len(got_b) == 300


@pytest.mark.parametrize("n", [2_000])
async def test_materialize_is_one_statement_for_many_subscribers(store: SqlStore, n: int) -> None:
    async with store.engine.begin() as conn:
        from bot.store.tables import subscriptions

        await conn.execute(
            subscriptions.insert(),
            [
                {
                    "platform": "telegram",
                    "chat_id": str(i),
                    "chat_kind": "private",
                    "subscribed_at": DUE,
                    "active": True,
                    "updated_at": DUE,
                }
                for i in range(n)
            ],
        )
    await store.ledger.materialize(occ())
    counts = await store.ledger.open_counts("daily", KEY)
    assert counts == {("telegram", PENDING): n}


async def test_a_turn_records_sends_and_refills_from_the_next_platform(store: SqlStore) -> None:
    """A turn that records successful sends marks them sent,
    claims no more than asked, and takes the next platform's rows when the first runs out."""
    await subscribe(store, 3)
    await subscribe(store, 3, "discord")
    await store.ledger.materialize(occ())
    first = await store.ledger.step([], claim(limit=2))
    done = [Resolution(c.id, SENT, "me", message_ids=(str(c.id),), nonce="n") for c in first]
    second = await store.ledger.step(done, claim(limit=3, platforms=("telegram", "discord")))
    assert sorted(c.target for c in second) == ["discord:1000", "discord:1001", "telegram:1002"]
    assert await states(store) == {
        "telegram:1000": SENT,
        "telegram:1001": SENT,
        "telegram:1002": SENDING,
        "discord:1000": SENDING,
        "discord:1001": SENDING,
        "discord:1002": PENDING,
    }
    sent = [d for d in await store.ledger.deliveries("daily", KEY) if d.state == SENT]
    assert [(d.message_ids, d.nonce) for d in sent] == [
        ((str(first[0].id),), "n"),
        ((str(first[1].id),), "n"),
    ]
    assert await store.ledger.step(done, None) == []  # recording twice changes nothing
    assert (await states(store))["telegram:1000"] == SENT


async def test_a_turn_stamps_times_as_every_other_query_writes_them(store: SqlStore) -> None:
    """The broadcast turn writes through the driver (bot.store.ledger_turn), not through
    SQLAlchemy's types: its times must compare with theirs. On SQLite that means the very
    text format (a string comparison orders them); on PostgreSQL the database clock."""
    await subscribe(store, 2)
    await store.ledger.materialize(occ())
    first, second = await store.ledger.step([], claim())
    await store.ledger.step([Resolution(first.id, SENT, "me", nonce="n")], None)
    async with store.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT id, created_at, claimed_at, lease_until, updated_at FROM delivery"
                    " ORDER BY id"
                )
            )
        ).all()
    (_, *done), (_, *sending) = rows
    if store.is_sqlite:
        for stamp in [v for v in (*done, *sending) if v is not None]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stamp), stamp
    created, claimed, until, updated = (as_utc(v) for v in sending)
    assert created is not None and claimed is not None and until is not None
    assert created <= claimed == updated and until - claimed == LEASE
    created, claimed, until, recorded = (as_utc(v) for v in done)
    assert created is not None and claimed is not None and recorded is not None
    assert until is None and created <= claimed <= recorded
    assert [d.state for d in await store.ledger.deliveries("daily", KEY)] == [SENT, SENDING]
    assert [first.id, second.id] == [rows[0][0], rows[1][0]]
