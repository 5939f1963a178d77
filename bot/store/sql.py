"""The SQL store: subscriptions, chat settings and card-rotation positions.

One `SqlStore` owns one engine (no module-level engines: two bots in one test process
each open their own). `open_store` applies the migrations first, so a bot started on an
older database upgrades it before it reads a row.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

from sqlalchemy import and_, func, literal, select, tuple_
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.clock import Clock, SystemClock
from bot.core.sources import Snapshot
from bot.store.base import Subscription
from bot.store.engine import make_engine, sqlite_path
from bot.store.instance_lock import InstanceLock
from bot.store.leader_lock import PgLeaderLock
from bot.store.ledger_sql import SqlLedger
from bot.store.migrate import upgrade
from bot.store.queries import (
    deactivate_subscription,
    migrate_subscription,
    record_rotation,
    shown_cards,
    upsert,
)
from bot.store.snapshots import load_last_good, save_last_good
from bot.store.tables import chat_settings, subscriptions

LANGUAGE_CHARS = 16  # chat_settings.language is String(16)


class LanguageTooLong(ValueError):  # noqa: N818 - reads as what it reports
    """A chat language longer than the column: refused before the database sees it."""


class SqlStore:
    """Implements SubscriptionStore, ChatSettingsStore and core.rotation.RotationState."""

    def __init__(self, engine: AsyncEngine, url: str, clock: Clock | None = None) -> None:
        self.engine = engine
        self.url = url
        self.clock = clock or SystemClock()
        self.ledger = SqlLedger(engine, self.clock)
        self._lock: InstanceLock | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def single_instance(self) -> bool:
        """SQLite: one scheduler per database (enforced by `acquire_scheduler_lock`)."""
        return self.is_sqlite

    async def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        await self.engine.dispose()

    def acquire_scheduler_lock(self) -> None:
        """On SQLite, refuse a second scheduler on the same file; PostgreSQL allows many
        instances and picks the broadcasting one with `leader_lock`."""
        path = sqlite_path(self.url)
        if path is None or self._lock is not None:
            return
        lock = InstanceLock(path)
        lock.acquire()
        self._lock = lock

    def leader_lock(self) -> PgLeaderLock | None:
        """PostgreSQL: the lock that picks the one broadcasting instance; SQLite: None
        (one instance per file, see `acquire_scheduler_lock`)."""
        return None if self.is_sqlite else PgLeaderLock(self.engine)

    # -- subscriptions ---------------------------------------------------------------------
    async def subscribe(
        self,
        platform: str,
        chat_id: str,
        *,
        chat_kind: str,
        title: str | None,
        subscribed_by: str | None,
        now: datetime,
    ) -> bool:
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(
                    select(subscriptions.c.active).where(
                        subscriptions.c.platform == platform, subscriptions.c.chat_id == chat_id
                    )
                )
            ).first()
            if row is not None and row.active:
                return False
            values = {
                "chat_kind": chat_kind,
                "title": title,
                "subscribed_by": subscribed_by,
                "subscribed_at": now,
                "active": True,
                "deactivated_reason": None,
                "updated_at": now,
            }
            stmt = upsert(conn)(subscriptions).values(platform=platform, chat_id=chat_id, **values)
            await conn.execute(
                stmt.on_conflict_do_update(index_elements=["platform", "chat_id"], set_=values)
            )
            return True

    async def unsubscribe(self, platform: str, chat_id: str, *, reason: str) -> bool:
        async with self.engine.begin() as conn:
            return await deactivate_subscription(conn, platform, chat_id, reason, self.clock.now())

    async def get_subscription(self, platform: str, chat_id: str) -> Subscription | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(subscriptions).where(
                        subscriptions.c.platform == platform, subscriptions.c.chat_id == chat_id
                    )
                )
            ).first()
        return _subscription(row) if row is not None else None

    async def subscriber_counts(self) -> dict[str, int]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(subscriptions.c.platform, func.count())
                .where(subscriptions.c.active.is_(True))
                .group_by(subscriptions.c.platform)
            )
            return {platform: count for platform, count in rows}

    async def active_subscriptions(self, batch: int = 1000) -> AsyncIterator[Subscription]:
        """Keyset pagination: each batch is its own short read, so nothing is held long."""
        after: tuple[str, str] = ("", "")
        while True:
            async with self.engine.connect() as conn:
                rows = (
                    await conn.execute(
                        select(subscriptions)
                        .where(
                            subscriptions.c.active.is_(True),
                            tuple_(subscriptions.c.platform, subscriptions.c.chat_id)
                            > tuple_(literal(after[0]), literal(after[1])),
                        )
                        .order_by(subscriptions.c.platform, subscriptions.c.chat_id)
                        .limit(batch)
                    )
                ).all()
            for row in rows:
                yield _subscription(row)
            if len(rows) < batch:
                return
            after = (rows[-1].platform, rows[-1].chat_id)

    async def migrate_chat(self, platform: str, old_chat: str, new_chat: str) -> None:
        async with self.engine.begin() as conn:
            await migrate_subscription(conn, platform, old_chat, new_chat, self.clock.now())

    # -- chat settings ---------------------------------------------------------------------
    async def get_language(self, platform: str, chat_id: str) -> str | None:
        async with self.engine.connect() as conn:
            return (
                await conn.execute(
                    select(chat_settings.c.language).where(
                        chat_settings.c.platform == platform, chat_settings.c.chat_id == chat_id
                    )
                )
            ).scalar_one_or_none()

    async def subscriber_languages(self) -> frozenset[str | None]:
        """The languages subscribed chats chose (None stands for those that chose none)."""
        chosen = subscriptions.outerjoin(
            chat_settings,
            and_(
                chat_settings.c.platform == subscriptions.c.platform,
                chat_settings.c.chat_id == subscriptions.c.chat_id,
            ),
        )
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(chat_settings.c.language)
                .select_from(chosen)
                .where(subscriptions.c.active.is_(True))
                .distinct()
            )
            return frozenset(rows.scalars())

    async def set_language(
        self, platform: str, chat_id: str, language: str | None, *, now: datetime
    ) -> None:
        """Raises LanguageTooLong for a value the column cannot hold: SQLite would store
        it whole and PostgreSQL fail with a driver error, both unlike each other."""
        if language is not None and len(language) > LANGUAGE_CHARS:
            raise LanguageTooLong(
                f"a chat language is at most {LANGUAGE_CHARS} characters, not {len(language)}"
            )
        async with self.engine.begin() as conn:
            stmt = upsert(conn)(chat_settings).values(
                platform=platform, chat_id=chat_id, language=language, updated_at=now
            )
            await conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["platform", "chat_id"],
                    set_={"language": language, "updated_at": now},
                )
            )

    # -- card rotation (bot.core.rotation.RotationState) -------------------------------------
    async def shown(self, post_id: str) -> frozenset[str]:
        async with self.engine.connect() as conn:
            return await shown_cards(conn, post_id)

    async def record(self, post_id: str, card_id: str, *, new_cycle: bool) -> None:
        async with self.engine.begin() as conn:
            await record_rotation(conn, post_id, card_id, new_cycle, self.clock.now())

    # -- the last good content set ---------------------------------------------------------
    async def save_content(self, snapshot: Snapshot) -> bool:
        """Keep `snapshot` as the last good set; False when those files are stored already."""
        return await save_last_good(self.engine, snapshot, self.clock.now())

    async def stored_content(self) -> tuple[Snapshot, datetime] | None:
        """The last good set and when it was stored, or None on a first start."""
        return await load_last_good(self.engine)


def _subscription(row: Row) -> Subscription:  # type: ignore[type-arg]
    return Subscription(
        platform=row.platform,
        chat_id=row.chat_id,
        chat_kind=row.chat_kind,
        title=row.title,
        subscribed_by=row.subscribed_by,
        subscribed_at=row.subscribed_at,
        active=row.active,
        deactivated_reason=row.deactivated_reason,
    )


async def open_store(url: str, *, migrate: bool = True, clock: Clock | None = None) -> SqlStore:
    """Connect to `url` (an ADVOCACY_DB value) and, by default, bring its schema up to date."""
    engine = make_engine(url)
    try:
        if migrate:
            await upgrade(engine)
    except BaseException:
        await engine.dispose()
        raise
    return SqlStore(engine, url, clock)
