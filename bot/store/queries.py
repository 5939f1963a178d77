"""SQL shared by the subscription store and the ledger, run inside a caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.tables import rotation, subscriptions


def upsert(conn: AsyncConnection) -> Any:
    """The dialect's INSERT, which has `on_conflict_do_*` on both SQLite and PostgreSQL."""
    return sqlite.insert if conn.dialect.name == "sqlite" else postgresql.insert


async def deactivate_subscription(
    conn: AsyncConnection, platform: str, chat_id: str, reason: str, now: datetime
) -> bool:
    result = await conn.execute(
        update(subscriptions)
        .where(
            subscriptions.c.platform == platform,
            subscriptions.c.chat_id == chat_id,
            subscriptions.c.active.is_(True),
        )
        .values(active=False, deactivated_reason=reason, updated_at=now)
    )
    return result.rowcount > 0


async def migrate_subscription(
    conn: AsyncConnection, platform: str, old_chat: str, new_chat: str, now: datetime
) -> None:
    """Move a subscription to a chat's new id; if the new id is already subscribed,
    keep that one and deactivate the old."""
    exists = (
        await conn.execute(
            select(subscriptions.c.chat_id).where(
                subscriptions.c.platform == platform, subscriptions.c.chat_id == new_chat
            )
        )
    ).first()
    where = (subscriptions.c.platform == platform, subscriptions.c.chat_id == old_chat)
    if exists is None:
        await conn.execute(
            update(subscriptions).where(*where).values(chat_id=new_chat, updated_at=now)
        )
    else:
        await conn.execute(
            update(subscriptions)
            .where(*where)
            .values(active=False, deactivated_reason=f"migrated to {new_chat}", updated_at=now)
        )


async def shown_cards(conn: AsyncConnection, post_id: str) -> frozenset[str]:
    current = (
        select(func.max(rotation.c.cycle)).where(rotation.c.post_id == post_id).scalar_subquery()
    )
    rows = await conn.execute(
        select(rotation.c.card_id).where(rotation.c.post_id == post_id, rotation.c.cycle == current)
    )
    return frozenset(rows.scalars())


async def record_rotation(
    conn: AsyncConnection, post_id: str, card_id: str, new_cycle: bool, now: datetime
) -> None:
    """A card shown: it joins the current cycle, or starts the next one."""
    current = (
        await conn.execute(select(func.max(rotation.c.cycle)).where(rotation.c.post_id == post_id))
    ).scalar_one_or_none() or 0
    cycle = current + 1 if new_cycle else max(current, 1)
    stmt = upsert(conn)(rotation).values(
        post_id=post_id, card_id=card_id, cycle=cycle, shown_at=now
    )
    await conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["post_id", "card_id"], set_={"cycle": cycle, "shown_at": now}
        )
    )
