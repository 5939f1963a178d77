"""A partial index over the claimable deliveries, so a claim stays O(k) at any size.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-01

A claim takes the next k rows of one occurrence and platform that are `pending` or
`retry`, in id order. Over the full index of 0001 that meant reading every claimable row
of the occurrence and sorting them (on PostgreSQL: 212 deliveries/s at 100,000
subscribers, see docs/benchmarks.md); this index holds only claimable rows, keyed in
claim order, so each claim reads its k rows and stops.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMABLE = sa.text("state IN ('pending', 'retry')")


def upgrade() -> None:
    op.create_index(
        "ix_delivery_claimable",
        "delivery",
        ["post_id", "occurrence_key", "platform", "id"],
        postgresql_where=CLAIMABLE,
        sqlite_where=CLAIMABLE,
    )


def downgrade() -> None:
    op.drop_index("ix_delivery_claimable", "delivery")
