"""The store's copy of the last good content set (table `content_snapshot`).

Kept apart from the files on purpose: a broken edit, a deleted folder or a bad checkout
cannot touch it, so a restart always has something true to serve.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.sources import Snapshot
from bot.store.queries import upsert
from bot.store.tables import content_snapshot

LAST_GOOD = "last-good"


async def save_last_good(engine: AsyncEngine, snapshot: Snapshot, now: datetime) -> bool:
    """Store `snapshot` unless the same files are stored already; True when written."""
    payload = snapshot.to_bytes()
    digest = snapshot.digest()
    async with engine.begin() as conn:
        stored = (
            await conn.execute(
                select(content_snapshot.c.digest).where(content_snapshot.c.name == LAST_GOOD)
            )
        ).scalar_one_or_none()
        if stored == digest:
            return False
        values = {"digest": digest, "payload": payload, "saved_at": now}
        stmt = upsert(conn)(content_snapshot).values(name=LAST_GOOD, **values)
        await conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))
    return True


async def load_last_good(engine: AsyncEngine) -> tuple[Snapshot, datetime] | None:
    """The stored set and when it was saved, or None before the first good load."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                select(content_snapshot.c.payload, content_snapshot.c.saved_at).where(
                    content_snapshot.c.name == LAST_GOOD
                )
            )
        ).one_or_none()
    if row is None:
        return None
    return Snapshot.from_bytes(bytes(row.payload)), row.saved_at
