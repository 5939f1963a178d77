"""URL handling and the SQLite settings the ledger's guarantees rest on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.store import engine as engine_module
from bot.store.base import ClaimRequest, NewOccurrence
from bot.store.engine import async_url, make_engine
from bot.store.instance_lock import AnotherInstanceError
from bot.store.sql import open_store
from tests.store.dbfixtures import clean_pg, pg_admin

DUE = datetime(2026, 7, 14, 6, tzinfo=UTC)
OCC = NewOccurrence("daily", "2026-07-14", DUE, DUE + timedelta(hours=6), "[]", "h", (), True)
LEASE = timedelta(seconds=30)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///advocacy.db", "sqlite+aiosqlite:///advocacy.db"),
        ("sqlite:////var/lib/bot/a.db", "sqlite+aiosqlite:////var/lib/bot/a.db"),
        ("sqlite+aiosqlite:///a.db", "sqlite+aiosqlite:///a.db"),
        ("postgresql://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_operator_urls_get_an_async_driver(given: str, expected: str) -> None:
    assert async_url(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "mysql://u@h/db",
        "sqlite+pysqlite:///a.db",
        "postgresql+pg8000://h/d",
        "postgresql+psycopg://u@h/db",
    ],
)
def test_unsupported_urls_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        async_url(bad)


async def test_sqlite_runs_wal_with_full_sync_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        async with engine.connect() as conn:
            pragmas = {
                name: (await conn.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
            }
    finally:
        await engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "busy_timeout": 10_000,
        "foreign_keys": 1,
    }


async def test_a_second_scheduler_on_one_sqlite_file_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = await open_store(url)
    second = await open_store(url)
    try:
        first.acquire_scheduler_lock()
        with pytest.raises(AnotherInstanceError, match="one instance"):
            second.acquire_scheduler_lock()
        await first.close()  # releases the lock
        second.acquire_scheduler_lock()
    finally:
        await first.close()
        await second.close()


async def _backend_pid_after_kill(url: str, *, idle: float, monkeypatch: pytest.MonkeyPatch) -> int:
    """Use a pooled connection, have the server kill it while it sits in the pool, and
    return the backend pid the next checkout runs on."""
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", idle)
    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as conn:
            first = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        # With a timeout the call returns only once the backend is gone.
        await pg_admin(url, f"SELECT pg_terminate_backend({first}, 10000)")
        async with engine.connect() as conn:
            pid: int = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            assert pid != first
            return pid
    finally:
        await engine.dispose()


async def test_a_connection_idle_in_the_pool_is_pinged_and_replaced(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await _backend_pid_after_kill(pg_url, idle=0.0, monkeypatch=monkeypatch) > 0


async def test_a_connection_back_in_the_pool_only_just_now_is_not_pinged(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ledger's turns reuse the connection without a round trip: so a connection the
    server dropped a moment ago is not found out before use (the statement fails)."""
    with pytest.raises(DBAPIError):
        await _backend_pid_after_kill(pg_url, idle=3600.0, monkeypatch=monkeypatch)


async def test_a_broadcast_turn_on_a_dropped_connection_fails_once_then_works(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ledger's turn speaks to asyncpg directly (bot.store.ledger_turn): when the server
    dropped its connection, the turn fails and the pool must not hand that connection out
    again, or every turn after it fails too."""
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 3600.0)  # no ping saves it
    await clean_pg(pg_url)
    store = await open_store(pg_url)
    try:
        await store.subscribe(
            "telegram", "1", chat_kind="private", title=None, subscribed_by=None, now=DUE
        )
        await store.ledger.materialize(OCC)
        assert store.engine.pool.checkedin() == 1  # type: ignore[attr-defined]
        await pg_admin(
            pg_url,
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        request = ClaimRequest(OCC.post_id, OCC.occurrence_key, ("telegram",), "me", 8, LEASE)
        with pytest.raises(Exception, match="connection"):
            await store.ledger.step([], request)
        (claimed,) = await store.ledger.step([], request)
        assert claimed.target == "telegram:1"
    finally:
        await store.close()
