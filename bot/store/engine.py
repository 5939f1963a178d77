"""Turning the operator's `ADVOCACY_DB` URL into an async engine with safe settings.

Operators write plain URLs (`sqlite:///advocacy.db`, `postgresql://...`); the async
drivers are an implementation detail, so the URL is rewritten here and nowhere else.
SQLite gets the settings the delivery ledger relies on: WAL so readers never block the
writer, `synchronous=FULL` so a power loss cannot undo a committed "sent" mark (which
would re-send it), a busy timeout for a second process reading the file, and foreign keys.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 10_000


def async_url(url: str) -> str:
    """The URL with an asyncio driver: sqlite -> aiosqlite, postgresql -> asyncpg.

    An explicit async driver (`postgresql+asyncpg`, `postgresql+psycopg`,
    `sqlite+aiosqlite`) is kept as given.
    """
    parsed = make_url(url)
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    if backend == "sqlite":
        if driver not in ("", "aiosqlite"):
            raise ValueError(f"unsupported SQLite driver {driver!r}: use sqlite:///path")
        driver = "aiosqlite"
    elif backend == "postgresql":
        if driver not in ("", "asyncpg", "psycopg", "psycopg_async"):
            raise ValueError(
                f"unsupported PostgreSQL driver {driver!r}: use postgresql+asyncpg:// "
                "or postgresql+psycopg://"
            )
        driver = driver or "asyncpg"
    else:
        raise ValueError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def is_sqlite_url(url: str) -> bool:
    return make_url(url).drivername.startswith("sqlite")


def sqlite_path(url: str) -> str | None:
    """The file a SQLite URL names, or None for an in-memory database."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    db = parsed.database
    return db if db and db != ":memory:" else None


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An AsyncEngine for `url`; the caller owns it and must `await engine.dispose()`."""
    full = async_url(url)
    if not is_sqlite_url(full):
        return create_async_engine(full, pool_pre_ping=True, **kwargs)
    # One connection per process: SQLite has one writer anyway, and queueing in the pool
    # (an asyncio wait) is cheaper than SQLite's sleeping busy handler between our own
    # connections. Other processes still wait on the busy timeout.
    kwargs.setdefault("pool_size", 1)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_timeout", 60)
    engine = create_async_engine(full, **kwargs)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Pragmas per connection, and BEGIN IMMEDIATE instead of the driver's lazy BEGIN.

    The sqlite3 module opens transactions late and on its own; taking the write lock at
    BEGIN avoids SQLITE_BUSY on a read-then-write upgrade when another process writes,
    and lets Alembic's DDL run inside a transaction.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
