"""Broadcast through the ledger with in-process senders, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.core.messages import Link, Message
from bot.scheduler.broadcast import Broadcaster
from bot.scheduler.ledger import LedgerPolicy, nonce_for, recover
from bot.scheduler.payload import Payload, decode, encode
from bot.scheduler.sender import Outcome, SendOutcome
from bot.store.base import (
    FAILED,
    PENDING,
    RETRY,
    SENDING,
    SENT,
    UNKNOWN,
    ClaimRequest,
    NewOccurrence,
    OccurrenceRecord,
)
from bot.store.sql import SqlStore
from tests.scheduler.senders import RecordingSender

DUE = datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
KEY = "2026-07-14"
MESSAGES = (
    Message(title="On this day", paragraphs=("A fact.",), sources=(Link("https://e.org", "E"),)),
)
FAST = LedgerPolicy(backoff_base=0.01, default_retry_after=0.01, max_attempts=3)


async def setup(
    store: SqlStore, n: int = 20, platform: str = "telegram", targets: tuple[str, ...] = ()
) -> OccurrenceRecord:
    for i in range(n):
        await store.subscribe(
            platform, str(100 + i), chat_kind="private", title=None, subscribed_by=None, now=DUE
        )
    payload = encode(Payload({"en": MESSAGES}))
    occ = NewOccurrence("daily", KEY, DUE, DUE + timedelta(hours=6), payload, None, targets, True)
    await store.ledger.materialize(occ)
    return OccurrenceRecord("daily", KEY, DUE, occ.deadline_utc, payload)


async def with_discord(
    store: SqlStore, occ: OccurrenceRecord, key: str, channel_prefix: str
) -> OccurrenceRecord:
    """Two Discord channels subscribe, then `occ`'s payload is materialized again as `key`:
    an occurrence for both platforms."""
    for i in range(2):
        await store.subscribe(
            "discord",
            f"{channel_prefix}{i}",
            chat_kind="channel",
            title=None,
            subscribed_by=None,
            now=DUE,
        )
    deadline = occ.deadline_utc
    await store.ledger.materialize(
        NewOccurrence("daily", key, DUE, deadline, occ.payload, None, (), True)
    )
    return OccurrenceRecord("daily", key, DUE, deadline, occ.payload)


async def states(store: SqlStore) -> Counter[str]:
    return Counter(d.state for d in await store.ledger.deliveries("daily", KEY))


def broadcaster(
    store: SqlStore, *senders: RecordingSender, k: int = 8, **kw: object
) -> Broadcaster:
    return Broadcaster(
        store.ledger,
        {s.platform: s for s in senders},
        owner="me",
        policy=FAST,
        max_in_flight=k,
        **kw,  # type: ignore[arg-type]
    )


def test_payload_round_trips_every_field() -> None:
    assert decode(encode(Payload({"en": MESSAGES}))).messages == {"en": MESSAGES}


async def test_every_target_gets_the_post_once_with_a_stable_key(store: SqlStore) -> None:
    occ = await setup(store, 40, targets=("telegram:@channel",))
    tg = RecordingSender("telegram")
    result = await broadcaster(store, tg, k=4).run(occ)
    assert result.sent == 41
    assert sorted(tg.delivered()) == sorted(["@channel", *(str(100 + i) for i in range(40))])
    assert tg.peak <= 4
    chat, key, messages = tg.calls[0]
    assert chat == "@channel" and messages == MESSAGES
    assert key == nonce_for("daily", KEY, "telegram:@channel") and len(key) <= 25
    rows = await store.ledger.deliveries("daily", KEY)
    assert {r.state for r in rows} == {SENT}
    assert all(r.message_ids and r.attempts == 1 for r in rows)
    # Running it again sends nothing: the ledger says it is done.
    assert (await broadcaster(store, tg).run(occ)).sent == 0
    assert len(tg.calls) == 41


async def test_rate_limited_waits_then_retries(store: SqlStore) -> None:
    occ = await setup(store, 3)

    def script(chat: str, attempt: int) -> SendOutcome:
        if attempt == 1:
            return SendOutcome(Outcome.RATE_LIMITED, retry_after=0.05, error="429")
        return SendOutcome(Outcome.SENT, message_ids=("1",))

    tg = RecordingSender("telegram", script)
    result = await broadcaster(store, tg).run(occ)
    assert result.outcomes == Counter({RETRY: 3, SENT: 3})
    assert [r.attempts for r in await store.ledger.deliveries("daily", KEY)] == [2, 2, 2]


async def test_transient_failures_retry_with_a_bound(store: SqlStore) -> None:
    occ = await setup(store, 2)
    tg = RecordingSender("telegram", lambda c, a: SendOutcome(Outcome.TRANSIENT, error="502"))
    await broadcaster(store, tg).run(occ)
    rows = await store.ledger.deliveries("daily", KEY)
    assert [(r.state, r.attempts) for r in rows] == [(FAILED, 3), (FAILED, 3)]
    assert "502" in (rows[0].last_error or "")


async def test_target_gone_deactivates_and_never_retries(store: SqlStore) -> None:
    occ = await setup(store, 3)

    def script(chat: str, attempt: int) -> SendOutcome:
        if chat == "101":
            return SendOutcome(Outcome.TARGET_GONE, error="403 bot was blocked by the user")
        return SendOutcome(Outcome.SENT, message_ids=("1",))

    tg = RecordingSender("telegram", script)
    await broadcaster(store, tg).run(occ)
    assert tg.delivered().count("101") == 1
    sub = await store.get_subscription("telegram", "101")
    assert sub is not None and not sub.active and "blocked" in (sub.deactivated_reason or "")
    assert await states(store) == Counter({SENT: 2, FAILED: 1})


async def test_rejected_is_recorded_and_alerted_without_a_loop(store: SqlStore) -> None:
    occ = await setup(store, 2)
    tg = RecordingSender("telegram", lambda c, a: SendOutcome(Outcome.REJECTED, error="400 bad"))
    await broadcaster(store, tg).run(occ)
    assert len(tg.calls) == 2
    problems = await store.ledger.problem_deliveries(10)
    assert [(p.state, p.last_error) for p in problems] == [(FAILED, "400 bad")] * 2
    assert await store.subscriber_counts() == {"telegram": 2}  # a bad request is our bug


async def test_migrated_chat_is_rewritten_and_sent_to_its_new_id(store: SqlStore) -> None:
    occ = await setup(store, 1)

    def script(chat: str, attempt: int) -> SendOutcome:
        if chat == "100":
            return SendOutcome(Outcome.MIGRATED, new_chat="-100100", error="migrated")
        return SendOutcome(Outcome.SENT, message_ids=("9",))

    tg = RecordingSender("telegram", script)
    await broadcaster(store, tg).run(occ)
    assert tg.delivered() == ["100", "-100100"]
    assert await store.get_subscription("telegram", "100") is None
    assert (await store.get_subscription("telegram", "-100100")).active  # type: ignore[union-attr]
    [row] = await store.ledger.deliveries("daily", KEY)
    assert (row.target, row.state) == ("telegram:-100100", SENT)


async def test_ambiguous_is_never_resent_on_telegram_but_is_on_discord(store: SqlStore) -> None:
    occ = await setup(store, 2)
    await setup(store, 0)  # (materialize again: idempotent)
    occ2 = await with_discord(store, occ, "k2", "90000000000000000")

    def timeout_once(chat: str, attempt: int) -> SendOutcome:
        if attempt == 1:
            return SendOutcome(Outcome.AMBIGUOUS, error="ReadTimeout")
        return SendOutcome(Outcome.SENT, message_ids=("1",))

    tg = RecordingSender("telegram", timeout_once)
    dc = RecordingSender("discord", timeout_once)
    await broadcaster(store, tg, dc).run(occ2)
    rows = await store.ledger.deliveries("daily", "k2")
    assert Counter((r.platform, r.state) for r in rows) == Counter(
        {("telegram", UNKNOWN): 2, ("discord", SENT): 2}
    )
    assert len(tg.calls) == 2  # never resent
    assert len(dc.calls) == 4  # resent with the same key, which Discord deduplicates
    keys = [k for _, k, _ in dc.calls]
    assert len(set(keys)) == 2


async def test_targets_without_a_sender_stay_pending_and_are_reported(store: SqlStore) -> None:
    occ = await setup(store, 2, targets=("discord:123456789012345678", "console"))
    tg = RecordingSender("telegram")
    result = await broadcaster(store, tg).run(occ)
    assert result.unserved == {"discord": 1, "console": 1}
    assert await states(store) == Counter({SENT: 2, PENDING: 2})
    console = RecordingSender("console")
    await broadcaster(store, console).run(occ)
    assert console.delivered() == ["console"]


async def test_a_crash_leaves_only_in_flight_rows_in_doubt(store: SqlStore) -> None:
    """Rows left `sending` by a dead process: Telegram -> unknown, recent Discord -> resent."""
    occ = await setup(store, 5)
    occ3 = await with_discord(store, occ, "k3", "80000000000000000")
    dead = ClaimRequest("daily", "k3", ("discord", "telegram"), "dead", 4, timedelta(seconds=60))
    claimed = await store.ledger.step([], dead)  # the dead process had 4 in flight
    assert len(claimed) == 4
    counts = await recover(store.ledger, FAST, single_instance=True)
    assert counts == {RETRY: 2, UNKNOWN: 2}
    tg, dc = RecordingSender("telegram"), RecordingSender("discord")
    await broadcaster(store, tg, dc).run(occ3)
    assert len(dc.calls) == 2 and len(tg.calls) == 3
    rows = await store.ledger.deliveries("daily", "k3")
    assert Counter(r.state for r in rows) == Counter({SENT: 5, UNKNOWN: 2})


async def test_graceful_stop_drains_in_flight_sends_and_leaves_no_doubt(store: SqlStore) -> None:
    occ = await setup(store, 30)
    gate = asyncio.Event()
    tg = RecordingSender("telegram", gate=gate)
    b = broadcaster(store, tg, k=5)
    running = asyncio.create_task(b.run(occ))
    await tg.wait_calls(5)
    b.stop(grace=10)
    gate.set()
    result = await asyncio.wait_for(running, 10)
    assert result.stopped and result.sent == 5
    assert await states(store) == Counter({SENT: 5, PENDING: 25})


async def test_stop_cancels_hung_sends_after_the_grace_period(store: SqlStore) -> None:
    occ = await setup(store, 10)
    tg = RecordingSender("telegram", gate=asyncio.Event())  # never opens
    b = broadcaster(store, tg, k=3)
    running = asyncio.create_task(b.run(occ))
    await tg.wait_calls(3)
    b.stop(grace=0.1)
    await asyncio.wait_for(running, 10)
    assert await states(store) == Counter({UNKNOWN: 3, PENDING: 7})
    assert SENDING not in await states(store)


async def test_crash_hooks_fire_at_the_named_points(store: SqlStore) -> None:
    occ = await setup(store, 3)
    points: list[str] = []
    await broadcaster(store, RecordingSender("telegram"), k=8, hook=points.append).run(occ)
    assert points[:2] == ["before_claim", "after_claim"]
    assert points.count("after_send") == 3
    assert "after_record" in points
