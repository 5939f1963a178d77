"""Initial schema: subscriptions, chat settings, rotation, occurrence and delivery ledger.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written by hand and frozen: a migration must keep creating the same schema even when
`bot/store/tables.py` moves on, so it does not import the tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("chat_kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(256)),
        sa.Column("subscribed_by", sa.String(64)),
        sa.Column("subscribed_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("deactivated_reason", sa.Text()),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", name="pk_subscriptions"),
    )
    op.create_index("ix_subscriptions_active_platform", "subscriptions", ["active", "platform"])
    op.create_table(
        "chat_settings",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "chat_id", name="pk_chat_settings"),
    )
    op.create_table(
        "rotation",
        sa.Column("post_id", sa.String(64), nullable=False),
        sa.Column("card_id", sa.String(160), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("shown_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "card_id", name="pk_rotation"),
    )
    op.create_table(
        "occurrence",
        sa.Column("post_id", sa.String(64), nullable=False),
        sa.Column("occurrence_key", sa.String(40), nullable=False),
        sa.Column("due_utc", sa.DateTime(), nullable=False),
        sa.Column("deadline_utc", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("payload", sa.Text()),
        sa.Column("materialized_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "occurrence_key", name="pk_occurrence"),
    )
    op.create_index("ix_occurrence_post_id_due_utc", "occurrence", ["post_id", "due_utc"])
    op.create_table(
        "delivery",
        sa.Column("id", ROW_ID, nullable=False, autoincrement=True),
        sa.Column("post_id", sa.String(64), nullable=False),
        sa.Column("occurrence_key", sa.String(40), nullable=False),
        sa.Column("target", sa.String(128), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.DateTime()),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", sa.DateTime()),
        sa.Column("claimed_at", sa.DateTime()),
        sa.Column("nonce", sa.String(32)),
        sa.Column("message_ids", sa.Text()),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_delivery"),
        sa.UniqueConstraint(
            "post_id", "occurrence_key", "target", name="uq_delivery_post_id_occurrence_key_target"
        ),
        sa.ForeignKeyConstraint(
            ["post_id", "occurrence_key"],
            ["occurrence.post_id", "occurrence.occurrence_key"],
            name="fk_delivery_post_id_occurrence",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_delivery_post_id_occurrence_key_state_id",
        "delivery",
        ["post_id", "occurrence_key", "state", "id"],
    )
    op.create_index("ix_delivery_state_updated_at", "delivery", ["state", "updated_at"])


def downgrade() -> None:
    op.drop_table("delivery")
    op.drop_table("occurrence")
    op.drop_table("rotation")
    op.drop_table("chat_settings")
    op.drop_table("subscriptions")
