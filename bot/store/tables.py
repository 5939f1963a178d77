"""The schema, as SQLAlchemy Core tables: the one description queries are written against.

Migrations in `bot/store/migrations/versions` create exactly this (a test compares them).
Times are stored as naive UTC in `TIMESTAMP WITHOUT TIME ZONE` on both backends, so SQLite
(which has no time zones) and PostgreSQL compare them the same way; `UTCDateTime` converts
at the edge and hands aware UTC datetimes back to Python.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in Python, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store: pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return as_utc(value)


def as_utc(value: Any) -> datetime | None:
    """A stored moment as an aware UTC datetime, also for values SQL computed (min, max)."""
    if value is None:
        return None
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL wants room for billions.
RowId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData(naming_convention=NAMING)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("platform", String(16), nullable=False),
    Column("chat_id", String(64), nullable=False),
    Column("chat_kind", String(16), nullable=False),
    Column("title", String(256)),
    Column("subscribed_by", String(64)),
    Column("subscribed_at", UTCDateTime(), nullable=False),
    Column("active", Boolean(), nullable=False),
    Column("deactivated_reason", Text()),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("platform", "chat_id"),
    Index(None, "active", "platform"),
)

chat_settings = Table(
    "chat_settings",
    metadata,
    Column("platform", String(16), nullable=False),
    Column("chat_id", String(64), nullable=False),
    Column("language", String(16)),
    Column("updated_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("platform", "chat_id"),
)

# The files of the last content set that loaded without an error (migration 0003): a bot
# started on broken files serves this instead of refusing to run. One row, "last-good".
content_snapshot = Table(
    "content_snapshot",
    metadata,
    Column("name", String(16), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("payload", LargeBinary(), nullable=False),
    Column("saved_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("name"),
)

rotation = Table(
    "rotation",
    metadata,
    Column("post_id", String(64), nullable=False),
    Column("card_id", String(160), nullable=False),
    Column("cycle", Integer(), nullable=False),
    Column("shown_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("post_id", "card_id"),
)

occurrence = Table(
    "occurrence",
    metadata,
    Column("post_id", String(64), nullable=False),
    Column("occurrence_key", String(40), nullable=False),
    Column("due_utc", UTCDateTime(), nullable=False),
    Column("deadline_utc", UTCDateTime(), nullable=False),
    Column("content_hash", String(64)),
    # The composed messages as JSON, so a resumed broadcast sends exactly what the first
    # attempt sent even after a reload or a rotation step; NULL for a day with nothing.
    Column("payload", Text()),
    Column("materialized_at", UTCDateTime(), nullable=False),
    PrimaryKeyConstraint("post_id", "occurrence_key"),
    Index(None, "post_id", "due_utc"),
)

delivery = Table(
    "delivery",
    metadata,
    Column("id", RowId, primary_key=True, autoincrement=True),
    Column("post_id", String(64), nullable=False),
    Column("occurrence_key", String(40), nullable=False),
    Column("target", String(128), nullable=False),
    Column("platform", String(16), nullable=False),
    # pending | sending | sent | retry | failed | unknown | skipped
    Column("state", String(16), nullable=False),
    Column("attempts", Integer(), nullable=False, default=0),
    Column("not_before", UTCDateTime()),
    Column("lease_owner", String(64)),
    Column("lease_until", UTCDateTime()),
    Column("claimed_at", UTCDateTime()),
    Column("nonce", String(32)),
    Column("message_ids", Text()),
    Column("last_error", Text()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("post_id", "occurrence_key", "target"),
    ForeignKeyConstraint(
        ["post_id", "occurrence_key"],
        ["occurrence.post_id", "occurrence.occurrence_key"],
        ondelete="CASCADE",
    ),
    Index(None, "post_id", "occurrence_key", "state", "id"),
    Index(None, "state", "updated_at"),
    # Only the rows a claim may take, in claim order (migration 0002): a claim reads k
    # index entries however many deliveries the occurrence has.
    Index(
        "ix_delivery_claimable",
        "post_id",
        "occurrence_key",
        "platform",
        "id",
        postgresql_where=text("state IN ('pending', 'retry')"),
        sqlite_where=text("state IN ('pending', 'retry')"),
    ),
)
