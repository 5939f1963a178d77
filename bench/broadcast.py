"""Benchmark: one post to N subscribers through the ledger, with no rate limit.

Run from the repository root:

    /work/venv/bin/python bench/broadcast.py [--sizes 10000 100000]
        [--backends sqlite postgresql] [--in-flight 8] [--pg postgresql://root@127.0.0.1:5432/test]

For each backend and size the parent prepares a database (SQLite: a temporary file, WAL,
`synchronous=FULL`; PostgreSQL: a fresh database on the server given by `--pg`, dropped
afterwards), subscribes N chats (half Telegram, half Discord), then starts one child process
that does what the bot does when the post is due: `materialize` (the occurrence and its N
pending deliveries, expanded inside the database) and a `Broadcaster` run with the
production in-flight cap, through a counting sender that answers at once. The child reports
its own peak RSS (`ru_maxrss`), so runs never inflate each other.

Targets: >= 1,000 deliveries/s on both backends with instant sends (issue 4) and >= 2,000/s
with `--latency-ms 2` (issue 14); peak RSS < 200 MB at 100,000. The bot's own cost must
never be what limits a broadcast (Telegram allows ~30/s).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import secrets  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402

import asyncpg  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.core.messages import Link, Message  # noqa: E402
from bot.scheduler.broadcast import DEFAULT_IN_FLIGHT, Broadcaster  # noqa: E402
from bot.scheduler.payload import Payload, content_hash, encode  # noqa: E402
from bot.scheduler.sender import Outcome, SendOutcome  # noqa: E402
from bot.store.base import NewOccurrence, OccurrenceRecord  # noqa: E402
from bot.store.sql import SqlStore, open_store  # noqa: E402
from bot.store.tables import subscriptions  # noqa: E402

SECTION = "## Broadcast and ledger (bench/broadcast.py)"
DEFAULT_PG = "postgresql://root@127.0.0.1:5432/test"
SQLITE_SYNC = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
DUE = datetime(2026, 7, 14, 6, 0, tzinfo=UTC)
POST = (
    Message(
        title="On this day: arrested in Minsk",
        paragraphs=("Ales Bialiatski, founder of Viasna, was detained in Minsk. " * 4,),
        sources=(Link("https://example.org/article", "Viasna, report"),),
    ),
)


class CountingSender:
    """Answers every send, at once or after a uniform random 0..`latency_ms` ms (a network
    round trip): what is measured is the bot and its ledger."""

    def __init__(self, platform_name: str, latency_ms: float = 0.0) -> None:
        self.platform = platform_name
        self.count = 0
        self._latency = latency_ms / 1000
        self._random = random.Random(platform_name)

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        if self._latency:
            await asyncio.sleep(self._random.uniform(0.0, self._latency))
        self.count += 1
        return SendOutcome(Outcome.SENT, message_ids=(str(self.count),))


# -- the child: one measured broadcast --------------------------------------------------------
async def child(url: str, n: int, in_flight: int, latency_ms: float) -> dict[str, object]:
    store = await open_store(url)
    try:
        settings = await durability(store)
        payload = encode(Payload({"en": POST}))
        occ = NewOccurrence(
            "bench", "2026-07-14", DUE, DUE + timedelta(hours=6), payload,
            content_hash(payload), (), True,
        )  # fmt: skip
        t0 = time.perf_counter()
        await store.ledger.materialize(occ)
        materialized = time.perf_counter() - t0
        senders = {p: CountingSender(p, latency_ms) for p in ("telegram", "discord")}
        broadcaster = Broadcaster(store.ledger, senders, owner="bench", max_in_flight=in_flight)
        record = OccurrenceRecord(occ.post_id, occ.occurrence_key, DUE, occ.deadline_utc, payload)
        t0 = time.perf_counter()
        result = await broadcaster.run(record)
        seconds = time.perf_counter() - t0
        rows = await store.ledger.open_counts(occ.post_id, occ.occurrence_key)
    finally:
        await store.close()
    sent = sum(s.count for s in senders.values())
    return {
        "settings": settings,
        "materialize_s": materialized,
        "broadcast_s": seconds,
        "sent": sent,
        "recorded": dict(Counter(result.outcomes)),
        "left_open": sum(rows.values()),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def durability(store: SqlStore) -> str:
    """What the engine really runs with: the figures mean nothing on a lax setting."""
    async with store.engine.connect() as conn:
        if store.is_sqlite:
            journal = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
            sync = (await conn.exec_driver_sql("PRAGMA synchronous")).scalar_one()
            return f"journal_mode={journal}, synchronous={SQLITE_SYNC.get(sync, sync)}"
        commit = (await conn.exec_driver_sql("SHOW synchronous_commit")).scalar_one()
        fsync = (await conn.exec_driver_sql("SHOW fsync")).scalar_one()
        return f"synchronous_commit={commit}, fsync={fsync}"


# -- the parent: databases, seeding, one child per run -----------------------------------------
async def seed(url: str, n: int) -> None:
    store = await open_store(url)
    try:
        batch = 10_000
        async with store.engine.begin() as conn:
            for start in range(0, n, batch):
                rows = []
                for i in range(start, min(n, start + batch)):
                    telegram = i % 2 == 0
                    rows.append(
                        {
                            "platform": "telegram" if telegram else "discord",
                            "chat_id": str(-1001000000000 - i if telegram else 9 * 10**17 + i),
                            "chat_kind": "group" if telegram else "channel",
                            "title": None,
                            "subscribed_by": None,
                            "subscribed_at": DUE,
                            "active": True,
                            "deactivated_reason": None,
                            "updated_at": DUE,
                        }
                    )
                await conn.execute(insert(subscriptions), rows)
    finally:
        await store.close()


def _admin(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def pg_database(admin_url: str, name: str, *, create: bool) -> None:
    conn = await asyncpg.connect(_admin(admin_url))
    try:
        if create:
            await conn.execute(f'CREATE DATABASE "{name}"')
        else:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def run_child(url: str, n: int, in_flight: int, latency_ms: float) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", url, "--n", str(n)]
    command += ["--in-flight", str(in_flight), "--latency-ms", str(latency_ms)]
    out = subprocess.run(
        command,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(
    backend: str, n: int, in_flight: int, latency_ms: float, pg_admin: str
) -> dict[str, object]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            asyncio.run(seed(url, n))
            return run_child(url, n, in_flight, latency_ms)
    name = f"advocacy_bench_{secrets.token_hex(4)}"
    asyncio.run(pg_database(pg_admin, name, create=True))
    try:
        url = make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
        asyncio.run(seed(url, n))
        return run_child(url, n, in_flight, latency_ms)
    finally:
        asyncio.run(pg_database(pg_admin, name, create=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--in-flight", type=int, default=DEFAULT_IN_FLIGHT)
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="each send answers after a uniform random 0..this many ms (0: at once)",
    )
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL server (a database on it)")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args.child, args.n, args.in_flight, args.latency_ms))))
        return 0
    print(
        f"Python {platform.python_version()}, {platform.machine()}, "
        f"in-flight cap k={args.in_flight}, counting sender with no rate limit, "
        f"latency {'0-' + format(args.latency_ms, 'g') + ' ms' if args.latency_ms else 'none'}"
    )
    print("| backend | N | materialize | broadcast | deliveries/s | peak RSS |")
    print("|---|---|---|---|---|---|")
    failed = False
    target = 2000 if args.latency_ms else 1000
    settings: dict[str, str] = {}
    for backend in args.backends:
        for n in args.sizes:
            r = measure(backend, n, args.in_flight, args.latency_ms, args.pg)
            rate = n / float(r["broadcast_s"])  # type: ignore[arg-type]
            rss = float(r["maxrss_mb"])  # type: ignore[arg-type]
            ok = r["sent"] == n and r["left_open"] == 0 and rate >= target and rss < 200
            failed |= not ok
            print(
                f"| {backend} | {n:,} | {r['materialize_s']:.2f} s | {r['broadcast_s']:.2f} s "
                f"| **{rate:,.0f}** | {rss:.0f} MB |" + ("" if ok else " FAIL")
            )
            settings[backend] = str(r["settings"])
            if r["sent"] != n or r["left_open"]:
                print(f"  sent {r['sent']} of {n}, {r['left_open']} rows left open")
    for backend, text in settings.items():
        print(f"{backend}: {text}")
    print(f"Targets: >= {target:,} deliveries/s on each backend, peak RSS < 200 MB at 100,000.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
