"""A database that cannot be right stops the start with one line naming it.

The bugs: a zero-byte SQLite file was silently replaced by a new empty database (the
ledger gone, today's post sent again), and a PostgreSQL server that accepts TCP but never
answers held the start for 61 s, then raised a bare TimeoutError naming no host.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.store.checks import CONNECT_TIMEOUT_S, DatabaseUnavailable
from bot.store.engine import connect_timeout
from bot.store.sql import open_store
from tests.store.dbfixtures import DEFAULT_PG

PASSWORD = "Never-In-A-Message"  # noqa: S105 - a fake password for a server that never answers


def siblings(db: Path) -> list[str]:
    return [p.name for p in db.parent.iterdir()]


async def refused(url: str) -> str:
    with pytest.raises(DatabaseUnavailable) as caught:
        store = await open_store(url)
        await store.close()
    message = str(caught.value)
    assert "\n" not in message
    return message


async def test_a_zero_byte_sqlite_file_is_refused_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "advocacy.db"
    db.touch()
    message = await refused(f"sqlite:///{db}")
    assert message.startswith(f"the SQLite file {db} is empty (0 bytes);")
    assert db.stat().st_size == 0
    assert sorted(siblings(db)) == ["advocacy.db"]


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "advocacy.db"
    db.write_text("subscriptions: a YAML file saved under the wrong name\n")
    message = await refused(f"sqlite:///{db}")
    assert message.startswith(f"the SQLite file {db} is not a SQLite database;")
    assert db.read_bytes().startswith(b"subscriptions:")


@pytest.mark.parametrize("keep", [50, 4096 + 1000])
async def test_a_truncated_database_is_refused(tmp_path: Path, keep: int) -> None:
    db = tmp_path / "advocacy.db"
    store = await open_store(f"sqlite:///{db}")  # migrated: many pages
    await store.close()
    assert sorted(siblings(db)) == ["advocacy.db"]  # the last close checkpointed the log
    whole = db.read_bytes()
    assert len(whole) > keep
    db.write_bytes(whole[:keep])
    assert f"the SQLite file {db} is truncated ({keep} bytes" in await refused(f"sqlite:///{db}")


async def test_a_missing_file_is_created_and_a_whole_one_reopens(tmp_path: Path) -> None:
    db = tmp_path / "advocacy.db"
    for _ in range(2):
        store = await open_store(f"sqlite:///{db}")
        await store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM subscriptions").fetchone() == (0,)


async def test_a_folder_in_place_of_the_file_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "advocacy.db"
    db.mkdir()
    assert (await refused(f"sqlite:///{db}")).startswith(f"cannot read the SQLite file {db}: ")


async def test_a_file_in_place_of_the_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    db = tmp_path / "data" / "advocacy.db"
    message = await refused(f"sqlite:///{db}")
    assert message == f"cannot read the SQLite file {db}: Not a directory"


async def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "no-such-folder" / "advocacy.db"
    message = await refused(f"sqlite:///{db}")
    assert message == (f"cannot create the SQLite file {db}: the folder {db.parent} does not exist")


@pytest.fixture
async def silent_server() -> AsyncIterator[int]:
    """Accepts TCP connections on 127.0.0.1 and never says a word; closed by the test."""
    held: list[asyncio.StreamWriter] = []

    async def accept(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for writer in held:
            writer.close()
        await server.wait_closed()


async def test_a_postgresql_server_that_never_answers_is_named_after_the_timeout(
    silent_server: int,
) -> None:
    url = f"postgresql://bot:{PASSWORD}@127.0.0.1:{silent_server}/advocacy?connect_timeout=0.2"
    message = await refused(url)
    assert message.startswith(
        f"cannot open the PostgreSQL database advocacy on 127.0.0.1:{silent_server} (user bot): "
        "no answer within the connect timeout"
    )
    assert PASSWORD not in message


def test_the_connect_timeout_has_a_default_and_is_settable() -> None:
    assert connect_timeout("postgresql://h/db") == CONNECT_TIMEOUT_S == 10
    assert connect_timeout("postgresql://h/db?connect_timeout=2.5") == 2.5
    for bad in ("0", "-1", "soon", "99999"):
        with pytest.raises(DatabaseUnavailable, match="connect_timeout"):
            connect_timeout(f"postgresql://h/db?connect_timeout={bad}")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            f"bot:{PASSWORD}@db/x",
            "ADVOCACY_DB is not a database URL: use sqlite:///path or "
            "postgresql://user@host/database",
        ),
        (f"mysql://bot:{PASSWORD}@db/x", "ADVOCACY_DB: unsupported database 'mysql': use "),
    ],
)
async def test_a_url_that_is_no_database_is_one_line_without_its_password(
    url: str, expected: str
) -> None:
    message = await refused(url)
    assert message.startswith(expected)
    assert PASSWORD not in message


async def test_a_database_that_does_not_exist_is_one_line_from_the_server() -> None:
    admin = make_url(os.environ.get("ADVOCACY_TEST_PG", DEFAULT_PG))
    url = admin.set(database="advocacy_no_such_database", password=PASSWORD)
    message = await refused(url.render_as_string(hide_password=False))
    where = f"{admin.host}:{admin.port or 5432}"
    assert message.startswith(
        f"cannot open the PostgreSQL database advocacy_no_such_database on {where}"
    )
    assert message.endswith('database "advocacy_no_such_database" does not exist')
    assert PASSWORD not in message


async def test_a_closed_port_is_one_line() -> None:
    server = await asyncio.start_server(lambda _r, _w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    message = await refused(f"postgresql://bot@127.0.0.1:{port}/advocacy")
    assert message.startswith(f"cannot open the PostgreSQL database advocacy on 127.0.0.1:{port}")
    assert "refused" in message.lower() or "failed" in message.lower()
