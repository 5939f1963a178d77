"""Running real bot processes (tests/scheduler/crash_bot.py) against one database.

`Harness` spawns bots with optional crash points, reads the ledger from the test process,
and runs the offline history check. Subscribers are a mix of Discord channels and Telegram
chats, which the broadcaster serves side by side, so a crash usually leaves rows of both
platforms in doubt.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sys
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from bot.store.base import SENDING, DeliveryRow, target_of
from bot.store.sql import open_store
from bot.store.tables import chat_settings, delivery, subscriptions
from tests.content import write_content
from tests.scheduler.history import Report, check
from tests.scheduler.recorder import Recorder
from tests.store.dbfixtures import DEFAULT_PG, pg_admin

BOT = Path(__file__).with_name("crash_bot.py")
NOW = "2026-07-14 09:00"  # Europe/Minsk: the arrest anniversary is due
DUE_UTC = datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
POST, KEY = "on-this-day", "2026-07-14"
TITLE = "5 years ago today: Arrested in Minsk"
K = 8  # the in-flight cap every bot here runs with
MINSK = ZoneInfo("Europe/Minsk")


def _log_file(path: Path) -> IO[bytes]:
    return path.open("ab")


@dataclass
class Harness:
    db: str
    root: Path
    recorder: Recorder
    lease: float = 60.0
    poll: float | None = None
    procs: list[asyncio.subprocess.Process] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.facts, self.schedules = write_content(self.root)
        self.log = self.root / "bots.log"

    async def subscribe(self, discord: int, telegram: int) -> None:
        """Bulk subscriptions: Discord channel ids, Telegram users and groups."""
        rows = [
            {"platform": "discord", "chat_id": str(900_000_000_000_000_000 + i)}
            for i in range(discord)
        ] + [
            {"platform": "telegram", "chat_id": str(10_000 + i if i % 2 else -1_001_000_000 - i)}
            for i in range(telegram)
        ]
        common = {"chat_kind": "group", "subscribed_at": DUE_UTC, "updated_at": DUE_UTC}
        store = await open_store(self.db)
        try:
            async with store.engine.begin() as conn:
                await conn.execute(
                    insert(subscriptions), [{**r, **common, "active": True} for r in rows]
                )
        finally:
            await store.close()

    async def choose_languages(self, cycle: Sequence[str | None]) -> dict[str, str | None]:
        """The subscribed chats choose a /language in turn from `cycle` (None: none);
        returns target -> the language chosen."""
        store = await open_store(self.db)
        try:
            async with store.engine.begin() as conn:
                chats = (
                    await conn.execute(
                        select(subscriptions.c.platform, subscriptions.c.chat_id).order_by(
                            subscriptions.c.platform, subscriptions.c.chat_id
                        )
                    )
                ).all()
                chosen = {
                    (c.platform, c.chat_id): cycle[i % len(cycle)] for i, c in enumerate(chats)
                }
                rows = [
                    {"platform": p, "chat_id": c, "language": lang, "updated_at": DUE_UTC}
                    for (p, c), lang in chosen.items()
                    if lang is not None
                ]
                await conn.execute(insert(chat_settings), rows)
        finally:
            await store.close()
        return {target_of(p, c): lang for (p, c), lang in chosen.items()}

    async def spawn(self, crash_at: str | None = None) -> asyncio.subprocess.Process:
        env = {k: v for k, v in os.environ.items() if k != "ADVOCACY_CRASH_AT"}
        if crash_at:
            env["ADVOCACY_CRASH_AT"] = crash_at
        args = ["--db", self.db, "--facts", str(self.facts), "--schedules", str(self.schedules)]
        args += ["--now", NOW, "--recorder", self.recorder.url, "--lease", str(self.lease)]
        if self.poll is not None:
            args += ["--poll", str(self.poll)]
        log = _log_file(self.log)
        try:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, str(BOT), *args, stdout=log, stderr=log, env=env
            )
        finally:
            log.close()
        self.procs.append(proc)
        return proc

    async def run(self, crash_at: str | None = None, deadline: float = 60.0) -> int:
        proc = await self.spawn(crash_at)
        return await self.wait(proc, deadline)

    async def wait(self, proc: asyncio.subprocess.Process, deadline: float = 60.0) -> int:
        try:
            return await asyncio.wait_for(proc.wait(), deadline)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            raise AssertionError(f"bot did not finish in {deadline}s:\n{self.tail()}") from None

    def tail(self, lines: int = 60) -> str:
        if not self.log.exists():
            return "(no log)"
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-lines:])

    async def kill_all(self) -> None:
        for proc in self.procs:
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()

    # -- the ledger, read by the test ----------------------------------------------------------
    async def rows(self) -> list[DeliveryRow]:
        store = await open_store(self.db, migrate=False)
        try:
            return await store.ledger.deliveries(POST, KEY)
        finally:
            await store.close()

    async def in_flight(self) -> dict[str, str]:
        """Rows left `sending` by dead bots (target -> platform): what crashes put in
        doubt and nobody settled yet. Checks I3 per crash: no dead bot left more than k."""
        store = await open_store(self.db, migrate=False)
        try:
            async with store.engine.connect() as conn:
                rows = (
                    await conn.execute(
                        select(
                            delivery.c.target, delivery.c.platform, delivery.c.lease_owner
                        ).where(delivery.c.state == SENDING)
                    )
                ).all()
        finally:
            await store.close()
        owners = Counter(r.lease_owner for r in rows)
        assert all(n <= K for n in owners.values()), f"I3: more than k={K} in doubt: {owners}"
        return {r.target: r.platform for r in rows}

    async def check(self, crashes: int, titles: Mapping[str, str] | None = None) -> Report:
        """The history check; `titles`: what each target must read (default: TITLE)."""
        rows = await self.rows()
        title = TITLE if titles is None else titles
        report = check(
            rows, self.recorder.receipts, due_utc=DUE_UTC, k=K, crashes=crashes, title=title
        )
        assert report.problems == [], "\n".join(report.problems[:20]) + "\n" + self.tail()
        return report


def states(report: Report) -> Counter[str]:
    found: Counter[str] = Counter()
    for (_, state), n in report.states.items():
        found[state] += n
    return found


# -- a fresh PostgreSQL database per test --------------------------------------------------------
@contextlib.asynccontextmanager
async def fresh_pg() -> AsyncIterator[str]:
    """A new, migrated database on the test server, dropped (connections and all) after."""
    admin = os.environ.get("ADVOCACY_TEST_PG", DEFAULT_PG)
    name = f"advocacy_crash_{secrets.token_hex(4)}"
    await pg_admin(admin, f'CREATE DATABASE "{name}"')
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        store = await open_store(url)
        await store.close()
        yield url
    finally:
        await pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
