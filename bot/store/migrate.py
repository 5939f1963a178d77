"""Applying the Alembic migrations that ship inside the package.

Called at start-up and by `advocacy-bot db upgrade`. The migrations run on the caller's
async engine (through `run_sync`), so the same SQLite pragmas and drivers apply, and no
`alembic.ini` is needed next to an installed wheel.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.checks import CONNECT_TIMEOUT_S, DatabaseUnavailable, describe

SCRIPT_LOCATION = "bot.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the database to `revision` (default: the newest). Idempotent."""

    def _upgrade(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    async with reaching(engine) as conn:
        await conn.run_sync(_upgrade)
        await conn.commit()


@contextlib.asynccontextmanager
async def reaching(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection, or DatabaseUnavailable naming the database and the reason in one line
    (the driver's own errors name no database, or only a bare TimeoutError)."""
    conn = engine.connect()
    try:
        await conn.start()
    except TimeoutError:
        raise DatabaseUnavailable(
            f"cannot open {describe(engine.url)}: no answer within the connect timeout "
            f"(default {CONNECT_TIMEOUT_S:g} s; connect_timeout=SECONDS in ADVOCACY_DB sets it)"
        ) from None
    except (OSError, DBAPIError) as exc:
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        first = (str(reason).strip().splitlines() or [type(reason).__name__])[0]
        raise DatabaseUnavailable(f"cannot open {describe(engine.url)}: {first}") from None
    try:
        yield conn
    finally:
        await conn.close()


async def current_revision(engine: AsyncEngine) -> str | None:
    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as conn:
        return await conn.run_sync(_current)
