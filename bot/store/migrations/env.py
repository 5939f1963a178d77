"""Alembic environment: runs migrations on the async engine `bot.store.migrate` gives it.

`bot.store.migrate.upgrade` passes an open connection in `config.attributes`; the
`alembic` command line (for developers writing a revision) builds its own engine from
`sqlalchemy.url` or `ADVOCACY_DB`.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from bot.settings import DEFAULT_DB
from bot.store.engine import make_engine
from bot.store.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.run_sync(_run)
            await conn.commit()
    finally:
        await engine.dispose()


def _offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _offline()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        url = config.get_main_option("sqlalchemy.url") or os.environ.get(  # noqa: SIM112
            "ADVOCACY_DB", DEFAULT_DB
        )
        asyncio.run(_run_with_own_engine(url))
