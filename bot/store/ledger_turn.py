"""A broadcast's ledger turn through the database driver: record sends that succeeded,
claim rows to refill their slots, commit, in one go.

Why not SQLAlchemy here, as everywhere else in the store: this is the inner loop of every
broadcast, and at most k = 8 rows may be `sending`, so a slot turns over once per send
plus one turn; the turn's own cost bounds the delivery rate (docs/benchmarks.md,
"Broadcast and ledger"). Through SQLAlchemy's async adapters a turn cost about 2.5 ms on
SQLite (some 13 hops to aiosqlite's thread: cursor, execute, fetch and close per
statement) and 2 ms on PostgreSQL, almost none of it the database (a SQLite commit takes
0.1 ms here, a PostgreSQL one 0.3 ms). Here a SQLite turn is ONE call in aiosqlite's
thread and a PostgreSQL turn is one autocommitted statement: one round trip.

The statements do what the SQLAlchemy ledger's did, written out once per dialect: a
claim takes rows in id order from the partial index `ix_delivery_claimable` (the
claimable states are literal SQL so the planner can prove the index's predicate), under
`FOR UPDATE SKIP LOCKED` on PostgreSQL, where two instances may claim at once. Times are
the database clock's on PostgreSQL and the process clock's on SQLite, stored in the
format SQLAlchemy's own type writes (`UTCDateTime`'s bind processor), so every other
query compares them as before. The store's tests run every statement here on both
backends.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.base import Claim, ClaimRequest, Resolution
from bot.store.tables import UTCDateTime

# A send that succeeded is the truth even if its lease expired meanwhile: no state test.
SQLITE_RECORD = """
UPDATE delivery SET state = 'sent', message_ids = ?, nonce = ?, last_error = NULL,
    lease_owner = NULL, lease_until = NULL, updated_at = ?
WHERE id = ?"""
SQLITE_CLAIM = """
UPDATE delivery SET state = 'sending', attempts = attempts + 1, lease_owner = ?,
    lease_until = ?, claimed_at = ?, not_before = NULL, updated_at = ?
WHERE id IN (
    SELECT id FROM delivery
    WHERE post_id = ? AND occurrence_key = ? AND platform = ?
        AND state IN ('pending', 'retry') AND (not_before IS NULL OR not_before <= ?)
    ORDER BY id LIMIT ?)
RETURNING id, target, platform, attempts"""
# One statement, autocommitted: a data-modifying CTE runs whether or not it is referenced,
# and shares the statement's snapshot, so the claim never sees what `recorded` changes (it
# reads claimable rows, `recorded` writes `sending` ones). The lateral subquery locks up to
# `limit` rows per platform, in the platforms' order, and the outer LIMIT keeps the first
# `limit` of them; rows locked and not kept are free again at the commit, a moment later.
PG_TURN = """
WITH recorded AS (
    UPDATE delivery AS d SET state = 'sent', message_ids = v.ids, nonce = v.nonce,
        last_error = NULL, lease_owner = NULL, lease_until = NULL,
        updated_at = timezone('UTC', now())
    FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, ids, nonce)
    WHERE d.id = v.id
), picked AS (
    SELECT c.id FROM unnest($4::text[]) WITH ORDINALITY AS p(platform, rank)
    CROSS JOIN LATERAL (
        SELECT id FROM delivery
        WHERE post_id = $5 AND occurrence_key = $6 AND platform = p.platform
            AND state IN ('pending', 'retry')
            AND (not_before IS NULL OR not_before <= timezone('UTC', now()))
        ORDER BY id LIMIT $7 FOR UPDATE SKIP LOCKED) AS c
    ORDER BY p.rank, c.id LIMIT $7
)
UPDATE delivery SET state = 'sending', attempts = attempts + 1, lease_owner = $8,
    lease_until = timezone('UTC', now()) + $9::interval, claimed_at = timezone('UTC', now()),
    not_before = NULL, updated_at = timezone('UTC', now())
WHERE id IN (SELECT id FROM picked)
RETURNING id, target, platform, attempts"""


def _ids(r: Resolution) -> str:
    return json.dumps(list(r.message_ids))


async def _driver(conn: AsyncConnection) -> Any:
    """The driver's own connection under SQLAlchemy's pooled one (aiosqlite or asyncpg)."""
    return (await conn.get_raw_connection()).driver_connection


async def sqlite_turn(
    conn: AsyncConnection, now: datetime, sent: Sequence[Resolution], req: ClaimRequest | None
) -> list[Claim]:
    """The turn as one function in aiosqlite's worker thread, the thread that owns the
    sqlite3 connection. `Connection._execute` is aiosqlite's own way in (every public
    method goes through it; SQLAlchemy's adapter reaches into it the same way).
    `req` None: record only."""
    stamp: Callable[[datetime], Any] = UTCDateTime().bind_processor(conn.dialect)  # type: ignore[assignment]
    at = stamp(now)
    records = [(_ids(r), r.nonce, at, r.id) for r in sent]
    lease_until = None if req is None else stamp(now + req.lease)
    aio = await _driver(conn)
    result: list[Claim] = await aio._execute(
        _sqlite_transaction, aio._conn, at, records, req, lease_until
    )
    return result


def _sqlite_transaction(
    db: sqlite3.Connection,
    at: Any,
    records: list[tuple[Any, ...]],
    req: ClaimRequest | None,
    lease_until: Any,
) -> list[Claim]:
    # The engine runs SQLite without the sqlite3 module's implicit transactions
    # (isolation_level None) and takes the write lock at BEGIN, as bot.store.engine does.
    db.execute("BEGIN IMMEDIATE")
    try:
        if records:
            db.executemany(SQLITE_RECORD, records)
        claims: list[Claim] = []
        if req is not None:
            values = (req.owner, lease_until, at, at, req.post_id, req.occurrence_key)
            for platform in req.platforms:
                want = req.limit - len(claims)
                if want <= 0:
                    break
                rows = db.execute(SQLITE_CLAIM, (*values, platform, at, want)).fetchall()
                claims += [Claim(*row) for row in rows]
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return sorted(claims, key=lambda c: c.id)


async def postgres_turn(
    conn: AsyncConnection, sent: Sequence[Resolution], req: ClaimRequest | None
) -> list[Claim]:
    """The turn as one autocommitted statement on asyncpg's own connection: one round trip.
    `req` None: record only."""
    db = await _driver(conn)
    records = ([r.id for r in sent], [_ids(r) for r in sent], [r.nonce for r in sent])
    claim: tuple[object, ...] = ([], "", "", 0, "", None)  # claims nothing
    if req is not None:
        claim = (list(req.platforms), req.post_id, req.occurrence_key, req.limit)
        claim += (req.owner, req.lease)
    try:
        rows = await db.fetch(PG_TURN, *records, *claim)
    except BaseException:
        # The error came from the driver, past SQLAlchemy, so the pool does not know the
        # connection may be gone (a server restart) or mid-protocol (a cancellation): it
        # must not be handed out again.
        await conn.invalidate()
        raise
    return sorted((Claim(*row) for row in rows), key=lambda c: c.id)
