"""The delivery ledger in SQL (docs/delivery.md §3): materialize, claim, record, resolve.

Every state change is one short transaction. The broadcast's own turn (claim, and record
the sends that succeeded) runs through the driver in bot/store/ledger_turn.py, its cost
being what bounds the delivery rate; it claims over a `FOR UPDATE SKIP LOCKED` batch on
PostgreSQL, so two instances never claim one row. Leases and retry times come from the
database clock on PostgreSQL
(the instances' own clocks may disagree) and from the process clock on SQLite, which is
single-instance. Subscriber lists are expanded by `INSERT ... SELECT` inside the database:
a 100,000-chat broadcast never holds its subscribers in Python.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    DateTime,
    bindparam,
    case,
    exists,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from bot.core.clock import Clock
from bot.store.base import (
    CLAIMABLE,
    OPEN,
    PENDING,
    RETRY,
    SENDING,
    SENT,
    SKIPPED,
    UNKNOWN,
    Claim,
    ClaimRequest,
    NewOccurrence,
    OccurrenceRecord,
    Resolution,
    split_target,
)
from bot.store.ledger_reads import LedgerReads
from bot.store.ledger_turn import postgres_turn, sqlite_turn
from bot.store.queries import (
    deactivate_subscription,
    migrate_subscription,
    record_rotation,
    upsert,
)
from bot.store.tables import UTCDateTime, as_utc, delivery, occurrence, subscriptions

D = delivery.c
# The moment a statement runs: a value (SQLite: the process clock) or, on PostgreSQL, the
# transaction's now() in UTC, evaluated by the server.
Moment = datetime | ColumnElement[datetime]
PG_NOW: ColumnElement[datetime] = func.timezone("UTC", func.now(), type_=DateTime())


class SqlLedger(LedgerReads):
    """Implements `bot.store.base.LedgerStore`: the writes here, the reads in `LedgerReads`."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock
        self._pg = engine.dialect.name == "postgresql"
        # One turn at a time on both. Overlapping turns (PostgreSQL could run them on pooled
        # connections) measured slower in docs/benchmarks.md: smaller batches, more commits,
        # and the one event loop, not the database, was the bottleneck.
        self.parallel_turns = 1

    async def _now(self, conn: AsyncConnection) -> datetime:
        if not self._pg:
            return self.clock.now()
        value: datetime = (
            await conn.execute(select(func.timezone("UTC", func.now())))
        ).scalar_one()
        return value.replace(tzinfo=UTC)

    async def last_materialized(self) -> dict[str, datetime]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(occurrence.c.post_id, func.max(occurrence.c.due_utc)).group_by(
                    occurrence.c.post_id
                )
            )
            return {post_id: as_utc(due) for post_id, due in rows}  # type: ignore[misc]

    async def materialize(self, occ: NewOccurrence) -> bool:
        async with self.engine.begin() as conn:
            now = await self._now(conn)
            stmt = (
                upsert(conn)(occurrence)
                .values(
                    post_id=occ.post_id,
                    occurrence_key=occ.occurrence_key,
                    due_utc=occ.due_utc,
                    deadline_utc=occ.deadline_utc,
                    content_hash=occ.content_hash,
                    payload=occ.payload,
                    materialized_at=now,
                )
                .on_conflict_do_nothing(index_elements=["post_id", "occurrence_key"])
                .returning(occurrence.c.post_id)
            )
            if (await conn.execute(stmt)).first() is None:
                return False  # another instance (or an earlier run) did it already
            if occ.payload is not None:
                await self._insert_deliveries(conn, occ, now)
            if occ.rotation is not None:
                await record_rotation(
                    conn, occ.post_id, occ.rotation.card_id, occ.rotation.new_cycle, now
                )
            return True

    async def _insert_deliveries(
        self, conn: AsyncConnection, occ: NewOccurrence, now: datetime
    ) -> None:
        common = {
            "post_id": occ.post_id,
            "occurrence_key": occ.occurrence_key,
            "state": PENDING,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        }
        if occ.targets:
            rows = [{**common, "target": t, "platform": split_target(t)[0]} for t in occ.targets]
            await conn.execute(upsert(conn)(delivery).on_conflict_do_nothing(), rows)
        if occ.include_subscribers:
            s = subscriptions.c
            target = case(
                (s.platform == "console", literal("console")),
                else_=s.platform + literal(":") + s.chat_id,
            )
            source = (
                select(
                    literal(occ.post_id),
                    literal(occ.occurrence_key),
                    target,
                    s.platform,
                    literal(PENDING),
                    literal(0),
                    literal(now, UTCDateTime()),
                    literal(now, UTCDateTime()),
                )
                .where(s.active.is_(True))
                .order_by(s.platform, s.chat_id)
            )
            columns = [
                "post_id",
                "occurrence_key",
                "target",
                "platform",
                "state",
                "attempts",
                "created_at",
                "updated_at",
            ]
            stmt = upsert(conn)(delivery).from_select(columns, source).on_conflict_do_nothing()
            await conn.execute(stmt)

    async def unfinished(self) -> list[OccurrenceRecord]:
        o = occurrence.c
        has_open = exists().where(
            D.post_id == o.post_id, D.occurrence_key == o.occurrence_key, D.state.in_(OPEN)
        )
        async with self.engine.connect() as conn:
            rows = await conn.execute(select(occurrence).where(has_open).order_by(o.due_utc))
            return [
                OccurrenceRecord(r.post_id, r.occurrence_key, r.due_utc, r.deadline_utc, r.payload)
                for r in rows
            ]

    # -- claim and record ------------------------------------------------------------------
    async def step(
        self, resolutions: Sequence[Resolution], claim: ClaimRequest | None
    ) -> list[Claim]:
        """Record, then claim; sends that succeeded are recorded in the claim's commit.

        The outcomes other than SENT (retries, failures, gone and migrated chats) are rare
        and touch other tables, so they commit first through SQLAlchemy. Every commit still
        keeps at most k rows `sending`: the first only takes rows out of it, and the turn
        claims no more than the rows both record plus free slots. A crash in between leaves
        the successful sends in doubt, as a crash just before the turn would.
        """
        other = [r for r in resolutions if r.state != SENT]
        sent = [r for r in resolutions if r.state == SENT]
        if other:
            async with self.engine.begin() as conn:
                await self._apply(conn, PG_NOW if self._pg else self.clock.now(), other)
        if claim is not None and (claim.limit <= 0 or not claim.platforms):
            claim = None
        if not (sent or claim):
            return []
        async with self.engine.connect() as conn:
            if self._pg:
                return await postgres_turn(conn, sent, claim)
            return await sqlite_turn(conn, self.clock.now(), sent, claim)

    async def _apply(
        self, conn: AsyncConnection, moment: Moment, resolutions: Sequence[Resolution]
    ) -> None:
        other = [r for r in resolutions if r.new_target is None]
        moved = [r for r in resolutions if r.new_target is not None]
        cleared = {"lease_owner": None, "lease_until": None, "updated_at": moment}
        gone = [r for r in resolutions if r.deactivate]
        now = moment if isinstance(moment, datetime) else await self._now(conn)
        if other:
            await conn.execute(
                update(delivery)
                .where(
                    D.id == bindparam("b_id"),
                    D.state == SENDING,
                    D.lease_owner == bindparam("b_owner"),
                )
                .values(
                    state=bindparam("b_state"),
                    last_error=bindparam("b_error"),
                    not_before=bindparam("b_not_before", type_=UTCDateTime()),
                    nonce=bindparam("b_nonce"),
                    **cleared,
                ),
                [
                    {
                        "b_id": r.id,
                        "b_owner": r.owner,
                        "b_state": r.state,
                        "b_error": r.error,
                        "b_nonce": r.nonce,
                        "b_not_before": (
                            now + timedelta(seconds=r.retry_in) if r.retry_in is not None else None
                        ),
                    }
                    for r in other
                ],
            )
        if gone or moved:
            ids = [r.id for r in (*gone, *moved)]
            targets = dict((await conn.execute(select(D.id, D.target).where(D.id.in_(ids)))).all())
            for r in gone:
                platform, chat = split_target(targets[r.id])
                await deactivate_subscription(conn, platform, chat, r.deactivate or "", now)
            for r in moved:
                await self._move(conn, now, r, targets[r.id])

    async def _move(self, conn: AsyncConnection, now: datetime, r: Resolution, old: str) -> None:
        """A migrated chat: move its subscription, and retry this delivery to the new id."""
        new = r.new_target or old
        platform, old_chat = split_target(old)
        new_chat = split_target(new)[1]
        await migrate_subscription(conn, platform, old_chat, new_chat, now)
        row = (await conn.execute(select(D.post_id, D.occurrence_key).where(D.id == r.id))).one()
        taken = (
            await conn.execute(
                select(D.id).where(
                    D.post_id == row.post_id,
                    D.occurrence_key == row.occurrence_key,
                    D.target == new,
                )
            )
        ).first()
        values: dict[str, Any] = {"lease_owner": None, "lease_until": None, "updated_at": now}
        if taken is None:
            values |= {"target": new, "state": RETRY, "not_before": None, "last_error": r.error}
        else:
            values |= {"state": SKIPPED, "last_error": f"chat migrated to {new}, already a target"}
        await conn.execute(update(delivery).where(D.id == r.id).values(**values))

    async def renew_leases(self, owner: str, lease: timedelta) -> int:
        async with self.engine.begin() as conn:
            now = await self._now(conn)
            result = await conn.execute(
                update(delivery)
                .where(D.state == SENDING, D.lease_owner == owner)
                .values(lease_until=now + lease)
            )
            return result.rowcount

    async def release(self, ids: Collection[int], owner: str) -> int:
        if not ids:
            return 0
        async with self.engine.begin() as conn:
            now = await self._now(conn)
            result = await conn.execute(
                update(delivery)
                .where(D.id.in_(list(ids)), D.state == SENDING, D.lease_owner == owner)
                .values(
                    state=PENDING,
                    attempts=D.attempts - 1,
                    lease_owner=None,
                    lease_until=None,
                    updated_at=now,
                )
            )
            return result.rowcount

    async def resolve_in_doubt(
        self,
        *,
        expired_only: bool,
        retry_platforms: Collection[str],
        retry_window: timedelta,
    ) -> dict[str, int]:
        async with self.engine.begin() as conn:
            now = await self._now(conn)
            base = [D.state == SENDING]
            if expired_only:
                base.append(D.lease_until < literal(now, UTCDateTime()))
            cleared = {"lease_owner": None, "lease_until": None, "updated_at": now}
            retried = 0
            if retry_platforms:
                result = await conn.execute(
                    update(delivery)
                    .where(
                        *base,
                        D.platform.in_(list(retry_platforms)),
                        D.claimed_at >= literal(now - retry_window, UTCDateTime()),
                    )
                    .values(
                        state=RETRY,
                        not_before=None,
                        last_error="in doubt after a stop: resent with the same nonce",
                        **cleared,
                    )
                )
                retried = result.rowcount
            result = await conn.execute(
                update(delivery)
                .where(*base)
                .values(
                    state=UNKNOWN,
                    last_error="in doubt: the bot stopped between send and record; not resent",
                    **cleared,
                )
            )
            return {RETRY: retried, UNKNOWN: result.rowcount}

    async def skip_open(self, post_id: str, occurrence_key: str, reason: str) -> int:
        async with self.engine.begin() as conn:
            now = await self._now(conn)
            result = await conn.execute(
                update(delivery)
                .where(
                    D.post_id == post_id,
                    D.occurrence_key == occurrence_key,
                    D.state.in_(CLAIMABLE),
                )
                .values(state=SKIPPED, last_error=reason, updated_at=now)
            )
            return result.rowcount
