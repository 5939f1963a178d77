"""One broadcasting instance on PostgreSQL: a session advisory lock (docs/delivery.md §6).

Rate limits belong to the bot token, not to the process, so when several instances share
one database only the holder of this lock runs the scheduler; the others follow and poll
for it. The lock lives in a dedicated database session: PostgreSQL releases it the moment
that session ends (process killed, connection dropped), and TCP keepalives make a frozen
host's session end too. Losing the lock does not by itself stop a send already under way:
every send still needs a claimed row whose lease is timed by the database clock, so an old
holder that lost its session can never make a new holder send a row twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

# Advisory locks are per database; this key is ours ("advocacy-bot scheduler" in ASCII).
LEADER_LOCK_KEY = 0x61647663_7363_6864  # a bigint: "advcschd"
# A frozen host's session is dropped after about idle + interval * count seconds.
KEEPALIVES = {"tcp_keepalives_idle": 10, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 3}
CHECK_TIMEOUT = 5.0  # seconds: a lock session that cannot answer `SELECT 1` is lost


class PgLeaderLock:
    """Implements `bot.store.base.LeaderLock` with `pg_try_advisory_lock`."""

    def __init__(self, engine: AsyncEngine, key: int = LEADER_LOCK_KEY) -> None:
        self._engine = engine
        self._key = key
        self._conn: AsyncConnection | None = None

    async def try_acquire(self) -> bool:
        if self._conn is not None:
            return await self.held()
        conn = await self._engine.connect()
        try:
            # Autocommit: the session holds the lock, no transaction stays open for it.
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for name, value in KEEPALIVES.items():
                await conn.execute(text(f"SET {name} = {int(value)}"))
            got = (
                await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key})
            ).scalar_one()
        except BaseException:
            await _discard(conn)
            raise
        if not got:
            await conn.close()
            return False
        self._conn = conn
        return True

    async def held(self) -> bool:
        conn = self._conn
        if conn is None:
            return False
        try:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), CHECK_TIMEOUT)
        except Exception as exc:  # includes TimeoutError
            log.error("the leader lock's database session is gone: %s", exc)
            self._conn = None
            await _discard(conn)
            return False
        return True

    async def release(self) -> None:
        """Drop the session itself: its advisory locks go with it, whatever state the
        connection is in, and it never goes back to the pool still holding one."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await _discard(conn)


async def _discard(conn: AsyncConnection) -> None:
    with contextlib.suppress(Exception):
        await conn.invalidate()
    with contextlib.suppress(Exception):
        await conn.close()
