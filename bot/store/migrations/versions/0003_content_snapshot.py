"""The last good content set: the files' bytes and their hash.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Each load without an error stores its files here, so a bot restarted on a broken edit
serves the last set that worked instead of refusing to start.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "content_snapshot",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_content_snapshot"),
    )


def downgrade() -> None:
    op.drop_table("content_snapshot")
