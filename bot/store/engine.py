"""Turning the operator's `ADVOCACY_DB` URL into an async engine with safe settings.

Operators write plain URLs (`sqlite:///advocacy.db`, `postgresql://...`); the async
drivers are an implementation detail, so the URL is rewritten here and nowhere else.
SQLite gets the settings the delivery ledger relies on: WAL so readers never block the
writer, `synchronous=FULL` so a power loss cannot undo a committed "sent" mark (which
would re-send it), a busy timeout for a second process reading the file, and foreign keys.
PostgreSQL gets a connect timeout: a server that accepts the connection but never answers
would otherwise hold the start for the driver's 60 s. `?connect_timeout=SECONDS` in the URL
(libpq's name for it) sets another; it is taken out before the URL reaches the driver.
A pooled PostgreSQL connection is pinged before use only after it sat idle (`PING_AFTER_IDLE_S`):
a ping on every checkout cost each ledger turn of a broadcast one more round trip.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.checks import CONNECT_TIMEOUT_S, DatabaseUnavailable, check_sqlite_file

SQLITE_BUSY_TIMEOUT_MS = 10_000
PING_AFTER_IDLE_S = 1.0


def async_url(url: str) -> str:
    """The URL with an asyncio driver: sqlite -> aiosqlite, postgresql -> asyncpg.

    Only these two drivers: the ledger's broadcast turn speaks to them directly
    (bot.store.ledger_turn), so `postgresql+asyncpg` and `sqlite+aiosqlite` are kept as
    given and any other driver is refused.
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
        if driver not in ("", "asyncpg"):
            raise ValueError(f"unsupported PostgreSQL driver {driver!r}: use postgresql://")
        driver = "asyncpg"
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


def connect_timeout(url: str) -> float:
    """The URL's `connect_timeout` in seconds, else CONNECT_TIMEOUT_S."""
    given = make_url(url).query.get("connect_timeout")
    if given is None:
        return CONNECT_TIMEOUT_S
    text = given if isinstance(given, str) else given[-1]
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise DatabaseUnavailable(
            f"connect_timeout in ADVOCACY_DB must be a number of seconds from 1 to 3600, "
            f"not {text!r}"
        )
    return seconds


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An AsyncEngine for `url`; the caller owns it and must `await engine.dispose()`.

    A SQLite file that exists but is not a whole database raises DatabaseUnavailable here,
    before anything connects to it (see bot.store.checks).
    """
    try:
        full = async_url(url)
    except ArgumentError:  # its message quotes the whole URL, password included
        raise DatabaseUnavailable(
            "ADVOCACY_DB is not a database URL: use sqlite:///path or "
            "postgresql://user@host/database"
        ) from None
    except ValueError as exc:
        raise DatabaseUnavailable(f"ADVOCACY_DB: {exc}") from None
    if not is_sqlite_url(full):
        timeout = connect_timeout(full)
        driverless = make_url(full).difference_update_query(["connect_timeout"])
        args = kwargs.pop("connect_args", {})
        args.setdefault("timeout", timeout)
        engine = create_async_engine(
            driverless.render_as_string(hide_password=False), connect_args=args, **kwargs
        )
        _ping_when_idle(engine, PING_AFTER_IDLE_S)
        return engine
    if (path := sqlite_path(full)) is not None:
        check_sqlite_file(path)
    # One connection per process: SQLite has one writer anyway, and queueing in the pool
    # (an asyncio wait) is cheaper than SQLite's sleeping busy handler between our own
    # connections. Other processes still wait on the busy timeout.
    kwargs.setdefault("pool_size", 1)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_timeout", 60)
    engine = create_async_engine(full, **kwargs)
    _configure_sqlite(engine)
    return engine


def _ping_when_idle(engine: AsyncEngine, idle: float) -> None:
    """`pool_pre_ping`, but only for a connection that sat in the pool `idle` seconds or more.

    What a ping catches is a connection the server dropped while nobody used it (a restart,
    an idle timeout); a connection handed back milliseconds ago, as between the ledger turns
    of a broadcast, is used at once instead. A failed ping makes the pool discard the
    connection and take another, as `pool_pre_ping` does.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("checked_in", None)
        if since is None or time.monotonic() - since < idle:
            return  # new, or back in the pool only just now
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError("pooled connection failed its ping") from error


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
