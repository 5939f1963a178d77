"""Migrations: applied at start and by `advocacy-bot db upgrade`, idempotent, lossless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection

from bot.cli.db import main as db_main
from bot.store.base import NewOccurrence
from bot.store.engine import make_engine
from bot.store.migrate import alembic_config, current_revision, head_revision, upgrade
from bot.store.sql import SqlStore
from bot.store.tables import metadata

NOW = datetime(2026, 7, 14, 9, 0, tzinfo=UTC)


async def _drop_everything(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                await conn.execute(text(f"DROP TABLE IF EXISTS {table.name}"))
            await conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        await engine.dispose()


def test_the_migrations_ship_inside_the_package() -> None:
    folder = resources.files("bot.store") / "migrations"
    assert (folder / "env.py").is_file()
    assert (folder / "script.py.mako").is_file()
    assert (folder / "versions" / "0001_initial.py").is_file()
    assert head_revision() is not None


async def test_migrated_schema_matches_the_tables_the_code_uses(store: SqlStore) -> None:
    def _diff(connection: Connection) -> list[object]:
        return compare_metadata(MigrationContext.configure(connection), metadata)

    async with store.engine.connect() as conn:
        assert await conn.run_sync(_diff) == []


async def test_upgrade_from_empty_and_again_is_idempotent(db_url: str) -> None:
    await _drop_everything(db_url)
    engine = make_engine(db_url)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        await upgrade(engine)  # a second start on an up-to-date database changes nothing
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_rows_written_at_every_revision_survive_upgrade_to_head(db_url: str) -> None:
    """A bot started on an older database upgrades it without losing a row."""
    revisions = [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    oldest = revisions[-1]
    assert oldest == "0001"
    await _drop_everything(db_url)
    engine = make_engine(db_url)
    store = SqlStore(engine, db_url)
    try:
        await upgrade(engine, oldest)
        for i in range(50):
            await store.subscribe(
                "telegram", str(i), chat_kind="group", title=f"g{i}", subscribed_by="7", now=NOW
            )
        await store.set_language("telegram", "1", "be", now=NOW)
        await store.record("weekly", "a/b", new_cycle=False)
        await store.ledger.materialize(
            NewOccurrence(
                "daily", "2026-07-14", NOW, NOW + timedelta(hours=6), "[]", None, (), True
            )
        )
        before = await _counts(store)
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        after = await _counts(store)
        assert {name: after[name] for name in before} == before
        assert before["subscriptions"] == 50 and before["delivery"] == 50
        assert await store.get_language("telegram", "1") == "be"
    finally:
        await engine.dispose()


async def _counts(store: SqlStore) -> dict[str, int]:
    """Rows per table, for the tables that exist at the current revision."""
    async with store.engine.connect() as conn:
        present = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        return {
            t.name: (await conn.execute(select(func.count()).select_from(t))).scalar_one()
            for t in metadata.sorted_tables
            if t.name in present
        }


async def test_db_upgrade_command_reads_advocacy_db(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await _drop_everything(db_url)
    monkeypatch.setenv("ADVOCACY_DB", db_url)
    # main() runs its own event loop, so run it off this test's loop.
    import asyncio

    code = await asyncio.to_thread(db_main, ["--facts", "f", "upgrade", "--schedules", "s"])
    assert code == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    assert await asyncio.to_thread(db_main, ["upgrade"]) == 0


def test_db_command_usage_errors_exit_2() -> None:
    assert db_main([]) == 2
    assert db_main(["downgrade"]) == 2


def test_db_upgrade_reports_an_unreachable_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADVOCACY_DB", "postgresql://nobody@127.0.0.1:1/none")
    assert db_main(["upgrade"]) == 1
    assert "advocacy-bot db upgrade:" in capsys.readouterr().err
