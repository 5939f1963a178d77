"""The ledger's read side: progress of a broadcast and what /status shows.

Split from `ledger_sql.py` only to keep modules small; `SqlLedger` inherits these.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.base import (
    CLAIMABLE,
    FAILED,
    OPEN,
    SENDING,
    UNKNOWN,
    DeliveryRow,
    OccurrenceSummary,
)
from bot.store.tables import as_utc, delivery, occurrence

D = delivery.c


class LedgerReads:
    engine: AsyncEngine

    async def _now(self, conn: AsyncConnection) -> datetime:
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------------------
    async def open_counts(self, post_id: str, occurrence_key: str) -> dict[tuple[str, str], int]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(D.platform, D.state, func.count())
                .where(D.post_id == post_id, D.occurrence_key == occurrence_key, D.state.in_(OPEN))
                .group_by(D.platform, D.state)
            )
            return {(platform, state): n for platform, state, n in rows}

    async def next_retry_in(
        self, post_id: str, occurrence_key: str, platforms: Collection[str]
    ) -> float | None:
        async with self.engine.connect() as conn:
            now = await self._now(conn)
            row = (
                await conn.execute(
                    select(
                        func.count(),
                        func.count(D.not_before),
                        func.min(D.not_before).label("earliest"),
                    ).where(
                        D.post_id == post_id,
                        D.occurrence_key == occurrence_key,
                        D.state.in_(CLAIMABLE),
                        D.platform.in_(list(platforms)),
                    )
                )
            ).one()
        total, timed, earliest = row
        if total == 0:
            return None
        if timed < total or earliest is None:
            return 0.0
        earliest = as_utc(earliest)
        assert earliest is not None  # noqa: S101 - count(not_before) > 0
        return max(0.0, (earliest - now).total_seconds())

    async def next_lease_expiry_in(
        self, post_id: str, occurrence_key: str, platforms: Collection[str]
    ) -> float | None:
        """Seconds until the earliest lease on a `sending` row of these platforms runs
        out (by the database clock, 0 if one has); None when no row is being sent."""
        async with self.engine.connect() as conn:
            now = await self._now(conn)
            earliest = (
                await conn.execute(
                    select(func.min(D.lease_until)).where(
                        D.post_id == post_id,
                        D.occurrence_key == occurrence_key,
                        D.state == SENDING,
                        D.platform.in_(list(platforms)),
                    )
                )
            ).scalar_one_or_none()
        if earliest is None:
            return None
        until = as_utc(earliest)
        assert until is not None  # noqa: S101 - min() of a non-empty set
        return max(0.0, (until - now).total_seconds())

    async def deliveries(self, post_id: str, occurrence_key: str) -> list[DeliveryRow]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(delivery)
                .where(D.post_id == post_id, D.occurrence_key == occurrence_key)
                .order_by(D.id)
            )
            return [_row(r) for r in rows]

    async def recent_occurrences(self, limit: int) -> list[OccurrenceSummary]:
        o = occurrence.c
        async with self.engine.connect() as conn:
            recent = (
                await conn.execute(
                    select(o.post_id, o.occurrence_key, o.due_utc)
                    .order_by(o.due_utc.desc())
                    .limit(limit)
                )
            ).all()
            found: list[OccurrenceSummary] = []
            for r in recent:
                counts = await conn.execute(
                    select(D.state, func.count())
                    .where(D.post_id == r.post_id, D.occurrence_key == r.occurrence_key)
                    .group_by(D.state)
                )
                found.append(
                    OccurrenceSummary(r.post_id, r.occurrence_key, r.due_utc, dict(counts.all()))
                )
            return found

    async def problem_deliveries(self, limit: int) -> list[DeliveryRow]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(delivery)
                .where(D.state.in_((FAILED, UNKNOWN)))
                .order_by(D.updated_at.desc(), D.id.desc())
                .limit(limit)
            )
            return [_row(r) for r in rows]


def _row(r: Any) -> DeliveryRow:
    return DeliveryRow(
        id=r.id,
        post_id=r.post_id,
        occurrence_key=r.occurrence_key,
        target=r.target,
        platform=r.platform,
        state=r.state,
        attempts=r.attempts,
        message_ids=tuple(json.loads(r.message_ids)) if r.message_ids else (),
        last_error=r.last_error,
        nonce=r.nonce,
        updated_at=r.updated_at,
    )
