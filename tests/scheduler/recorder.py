"""A recording platform for the crash and multi-instance tests, on 127.0.0.1 port 0.

Bot subprocesses (tests/scheduler/crash_bot.py) POST each delivery here instead of to a
chat platform. The recorder keeps what a chat would show, with each platform's semantics:

- `telegram:` targets: every request that arrives is a message (the Bot API has no
  idempotency key), so a resend after a crash shows up as a duplicate;
- `discord:` targets: a request whose nonce (the delivery key) was seen within `window`
  seconds creates nothing and answers with the first message, like Discord's
  `enforce_nonce`; those absorbed resends are kept apart in `deduplicated`.

`hold()` makes the platform stop answering until `release()`: sends stay in flight.
Bots also POST life-cycle events (started, leading, done) so a test can wait on them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web


@dataclass(frozen=True, slots=True)
class Receipt:
    platform: str
    target: str
    key: str
    owner: str
    bot_time: datetime  # the bot's clock when it sent (checks I5: never before due)
    title: str | None
    message_id: int
    received: float  # time.monotonic() in the test process


@dataclass(frozen=True, slots=True)
class Event:
    owner: str
    name: str
    data: dict[str, Any]
    received: float


@dataclass
class Recorder:
    window: float = 300.0  # Discord's nonce window ("a few minutes")
    delay: float = 0.002  # seconds per request: a platform round trip keeps sends in flight
    receipts: list[Receipt] = field(default_factory=list)
    deduplicated: list[Receipt] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    url: str = ""
    _nonces: dict[str, tuple[float, int]] = field(default_factory=dict)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _open: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    def hold(self) -> None:
        """Hold every send until `release`: a platform that stopped answering for a while."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    async def __aenter__(self) -> Recorder:
        self._open.set()
        app = web.Application()
        app.router.add_post("/send", self._send)
        app.router.add_post("/event", self._event)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._open.wait()
        if self.delay:
            await asyncio.sleep(self.delay)  # the platform's own latency, not a test wait
        key, platform = body["delivery_key"], body["platform"]
        async with self._changed:
            now = time.monotonic()
            seen = self._nonces.get(key) if platform == "discord" else None
            duplicate = seen is not None and now - seen[0] <= self.window
            receipt = Receipt(
                platform=platform,
                target=body["target"],
                key=key,
                owner=body["owner"],
                bot_time=datetime.fromisoformat(body["bot_time"]),
                title=body.get("title"),
                message_id=seen[1] if duplicate and seen else len(self.receipts) + 1,
                received=now,
            )
            if duplicate:
                self.deduplicated.append(receipt)
            else:
                self.receipts.append(receipt)
                if platform == "discord":
                    self._nonces[key] = (now, receipt.message_id)
            self._changed.notify_all()
        return web.json_response({"ok": True, "message_id": receipt.message_id})

    async def _event(self, request: web.Request) -> web.Response:
        body = await request.json()
        event = Event(body.pop("owner"), body.pop("event"), body, time.monotonic())
        async with self._changed:
            self.events.append(event)
            self._changed.notify_all()
        return web.json_response({"ok": True})

    async def wait_until(self, predicate: Callable[[], bool], deadline: float = 30.0) -> None:
        async with asyncio.timeout(deadline), self._changed:
            await self._changed.wait_for(predicate)

    async def wait_receipts(self, n: int, deadline: float = 30.0) -> None:
        await self.wait_until(lambda: len(self.receipts) >= n, deadline)

    async def wait_event(self, name: str, count: int = 1, deadline: float = 30.0) -> list[Event]:
        await self.wait_until(lambda: len(self.named(name)) >= count, deadline)
        return self.named(name)

    def named(self, name: str) -> list[Event]:
        return [e for e in self.events if e.name == name]

    def by_owner(self, owner: str) -> list[Receipt]:
        return [r for r in self.receipts if r.owner == owner]
