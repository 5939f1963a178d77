"""A bot process for the crash and multi-instance tests: the real store, ledger,
broadcaster and runner, with senders that POST each delivery to the test's recorder.

    python tests/scheduler/crash_bot.py --db URL --facts DIR --schedules DIR
        --now "2026-07-14 09:00" --recorder http://127.0.0.1:PORT [--lease S] [--poll S]

It starts like the bot (instance lock or leader lock, in-doubt recovery, catch-up), sends
whatever is due at `--now` (the schedules' time zone; the clock then runs on), and exits 0
when the broadcast is done, or on SIGTERM/SIGINT after a graceful stop. A follower (another
instance leads) waits until it leads, then does the same.

`ADVOCACY_CRASH_AT=point:N` (test-only; production code has no such switch) kills this
process with SIGKILL at the Nth hit of the broadcaster's crash hook `point`: before_claim,
after_claim, after_send or after_record.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bot.core.clock import Clock, ShiftedClock
from bot.core.loading import ContentHolder
from bot.core.messages import Message
from bot.scheduler.ledger import LedgerPolicy
from bot.scheduler.runner import Runner
from bot.scheduler.sender import Outcome, SendOutcome
from bot.store.sql import open_store

PLATFORMS = ("telegram", "discord")
CRASH_POINTS = ("before_claim", "after_claim", "after_send", "after_record")


def crash_hook(spec: str | None) -> Callable[[str], None] | None:
    """`after_send:137` -> a hook that SIGKILLs this process at the 137th after_send."""
    if not spec:
        return None
    point, _, nth = spec.partition(":")
    if point not in CRASH_POINTS or not nth.isdigit():
        raise SystemExit(f"ADVOCACY_CRASH_AT: expected point:N, not {spec!r}")
    target, hits = int(nth), 0

    def hook(at: str) -> None:
        nonlocal hits
        if at == point:
            hits += 1
            if hits == target:
                os.kill(os.getpid(), signal.SIGKILL)

    return hook


class Recorder:
    """The recorder's HTTP API, as this bot sees it."""

    def __init__(self, http: aiohttp.ClientSession, url: str, owner: str) -> None:
        self.http, self.url, self.owner = http, url, owner

    async def event(self, name: str, **data: Any) -> None:
        body = {"owner": self.owner, "event": name, "pid": os.getpid(), **data}
        async with self.http.post(f"{self.url}/event", json=body) as resp:
            resp.raise_for_status()


class HttpSender:
    """A platform sender whose "chat platform" is the recorder; errors map to outcomes as
    the real adapters map theirs (connect failure: not sent; anything later: in doubt)."""

    def __init__(self, platform: str, recorder: Recorder, clock: Clock) -> None:
        self.platform = platform
        self._recorder = recorder
        self._clock = clock

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        body = {
            "platform": self.platform,
            "target": f"{self.platform}:{chat}",
            "delivery_key": delivery_key,
            "owner": self._recorder.owner,
            "bot_time": self._clock.now().isoformat(),
            "title": messages[0].title if messages else None,
        }
        try:
            async with self._recorder.http.post(f"{self._recorder.url}/send", json=body) as resp:
                if resp.status == 200:
                    answer = await resp.json()
                    return SendOutcome(Outcome.SENT, message_ids=(str(answer["message_id"]),))
                if resp.status == 429:
                    return SendOutcome(Outcome.RATE_LIMITED, retry_after=0.1, error="429")
                return SendOutcome(Outcome.TRANSIENT, error=f"HTTP {resp.status}")
        except aiohttp.ClientConnectorError as exc:
            return SendOutcome(Outcome.TRANSIENT, error=str(exc))
        except (aiohttp.ClientError, TimeoutError) as exc:
            return SendOutcome(Outcome.AMBIGUOUS, error=f"{type(exc).__name__}: {exc}")


async def first_of(*waits: Awaitable[Any]) -> None:
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            if not task.done():
                task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks, return_exceptions=True)


async def run(args: argparse.Namespace) -> int:
    holder = ContentHolder(Path(args.facts), Path(args.schedules))
    problems = holder.load()
    if problems:
        print(*problems, sep="\n", file=sys.stderr)  # noqa: T201
        return 1
    zone = holder.current.posts[0].zone
    start = datetime.strptime(args.now, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    clock = ShiftedClock(start)
    owner = f"bot-{os.getpid()}"
    policy = LedgerPolicy(lease=timedelta(seconds=args.lease))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    store = await open_store(args.db)
    try:
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            recorder = Recorder(http, args.recorder, owner)
            runner = Runner(
                store,
                lambda: holder.current,
                clock,
                {p: HttpSender(p, recorder, clock) for p in PLATFORMS},
                policy=policy,
                max_in_flight=args.in_flight,
                hook=crash_hook(os.environ.get("ADVOCACY_CRASH_AT")),
                owner=owner,
                leader_poll=args.poll,
            )
            await runner.start()
            await recorder.event("started", leading=runner.leading.is_set())
            await first_of(runner.leading.wait(), stop.wait())
            work: asyncio.Task[Any] | None = None
            if not stop.is_set():
                await recorder.event("leading", in_doubt=runner.in_doubt_at_start)
                work = asyncio.create_task(runner.tick())
                await first_of(asyncio.shield(work), stop.wait())
            signalled = stop.is_set()
            t0 = time.monotonic()
            await runner.stop()
            results = await work if work is not None else []
            await recorder.event(
                "done",
                signalled=signalled,
                stop_seconds=time.monotonic() - t0,
                sent=sum(r.sent for r in results),
            )
    finally:
        await store.close()
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--facts", required=True)
    p.add_argument("--schedules", required=True)
    p.add_argument("--now", required=True)
    p.add_argument("--recorder", required=True)
    p.add_argument("--lease", type=float, default=60.0)
    p.add_argument("--poll", type=float, default=None)
    p.add_argument("--in-flight", type=int, default=8)
    args = p.parse_args()
    logging.basicConfig(
        level=logging.INFO,
        format=f"%(asctime)s {os.getpid()} %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
