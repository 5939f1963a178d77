"""`advocacy-bot run` on a database it must not use: exit 1 with one line, no traceback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.conftest import TELEGRAM_TOKEN
from tests.app.test_process import START_DEADLINE, files, start_bot
from tests.fakes.telegram_api import FakeTelegram
from tests.store.test_open_checks import silent_server

__all__ = ["files", "silent_server"]


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN) as server:
        yield server


async def run_until_exit(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram, db: str
) -> tuple[int, list[str]]:
    bot = await start_bot(tmp_path, files, telegram, ADVOCACY_DB=db)
    try:
        code = await bot.exit_code(START_DEADLINE)
    finally:
        await bot.kill()
    # What the bot says, apart from INFO log lines (alembic's set-up, at import).
    said = [line for line in bot.stderr if " INFO " not in line]
    assert not [line for line in bot.stderr if "Traceback" in line]
    return code, said


async def test_run_stops_on_a_zero_byte_sqlite_file(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram
) -> None:
    db = tmp_path / "advocacy.db"
    db.touch()
    code, stderr = await run_until_exit(tmp_path, files, telegram, f"sqlite:///{db}")
    assert code == 1
    assert stderr == [
        f"advocacy-bot run: the SQLite file {db} is empty (0 bytes); the bot will not replace "
        "it with an empty database. Restore it from a backup, or move it away to start afresh.\n"
    ]
    assert db.stat().st_size == 0
    assert not telegram.calls  # stopped before any platform was contacted


async def test_run_names_a_postgresql_host_that_never_answers(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram, silent_server: int
) -> None:
    db = f"postgresql://bot:pw-9d1@127.0.0.1:{silent_server}/advocacy?connect_timeout=0.5"
    code, stderr = await run_until_exit(tmp_path, files, telegram, db)
    assert code == 1
    (line,) = stderr
    assert line.startswith(
        "advocacy-bot run: cannot open the PostgreSQL database advocacy on "
        f"127.0.0.1:{silent_server} (user bot): no answer within the connect timeout"
    )
    assert "pw-9d1" not in line
