"""Database fixtures shared by the store and scheduler suites: SQLite and PostgreSQL.

Every store test runs on both backends. PostgreSQL comes from ADVOCACY_TEST_PG (default:
the local trust-auth server); a fresh database is created per test session and dropped at
the end. If the server is unreachable the tests error out: CI must not pass by skipping.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.store.sql import SqlStore, open_store
from bot.store.tables import metadata

DEFAULT_PG = "postgresql://root@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")
T = TypeVar("T")


def _admin_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def pg_admin(admin_url: str, statement: str) -> None:
    """Run one statement, such as CREATE DATABASE, on the server `admin_url` points at."""
    conn = await asyncpg.connect(_admin_dsn(admin_url))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def run_in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in a worker thread: safe from a sync fixture while
    pytest-asyncio owns this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session."""
    admin = os.environ.get("ADVOCACY_TEST_PG", DEFAULT_PG)
    name = f"advocacy_test_{secrets.token_hex(4)}"
    run_in_thread(pg_admin(admin, f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)

    async def _migrate() -> None:
        store = await open_store(url)
        await store.close()

    try:
        run_in_thread(_migrate())
        yield url
    finally:
        run_in_thread(pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def clean_pg(url: str) -> None:
    store = await open_store(url, migrate=False)
    try:
        names = ", ".join(t.name for t in metadata.sorted_tables)
        async with store.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        await store.close()


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'advocacy.db'}"
    url: str = request.getfixturevalue("pg_url")
    await clean_pg(url)
    return url


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlStore]:
    opened = await open_store(db_url)
    try:
        yield opened
    finally:
        await opened.close()
