"""What happened on the wire for a channel post, seen through aiohttp's tracing hooks.

discord.py hides two things the delivery ledger needs:
- on 500/502/504/524 it sleeps 1, 3, 5, 7, 9 s and retries, 25 s before it gives up, while
  the broadcast would rather record TRANSIENT at once and move on (the nonce makes the later
  resend safe);
- after a timeout or a dropped connection it cannot say whether the request had been written,
  which decides between TRANSIENT (never reached Discord) and AMBIGUOUS (it may have).

`discord.Client(http_trace=...)` is the library's documented hook for an aiohttp TraceConfig.
The sender holds one channel at a time (see pacing), so "the current create-message request
of channel C" identifies a watch without any help from discord.py.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import aiohttp

_CHANNEL_POST = re.compile(r"/channels/(\d+)/messages$")


class Watch:
    """The state of one channel post's HTTP attempts (discord.py may make several)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.in_flight_since: float | None = None  # loop time the current attempt started
        self.written = False  # any attempt's request reached the wire
        self.statuses: list[int] = []
        self.answered_at: float | None = None  # time.monotonic() of the last answer
        self.changed = asyncio.Event()
        self._loop = loop

    @property
    def succeeded(self) -> bool:
        """Discord answered 2xx (discord.py may still be sleeping on an exhausted bucket)."""
        return bool(self.statuses) and 200 <= self.statuses[-1] < 300

    @property
    def server_error(self) -> bool:
        return bool(self.statuses) and self.statuses[-1] >= 500

    @property
    def rate_limited(self) -> int:
        return sum(1 for s in self.statuses if s == 429)

    def _started(self) -> None:
        self.in_flight_since = self._loop.time()
        self.changed.set()

    def _ended(self, status: int | None) -> None:
        self.in_flight_since = None
        if status is not None:
            self.statuses.append(status)
            self.answered_at = time.monotonic()
        self.changed.set()


class ChannelProbe:
    """Routes aiohttp trace signals for POST /channels/{id}/messages to the watching send."""

    def __init__(self) -> None:
        self._watches: dict[str, Watch] = {}

    @contextmanager
    def watch(self, channel_id: str) -> Iterator[Watch]:
        watch = Watch(asyncio.get_running_loop())
        self._watches[channel_id] = watch
        try:
            yield watch
        finally:
            if self._watches.get(channel_id) is watch:
                del self._watches[channel_id]

    def trace_config(self) -> aiohttp.TraceConfig:
        config = aiohttp.TraceConfig()
        config.on_request_start.append(self._on_start)
        config.on_request_headers_sent.append(self._on_headers_sent)
        config.on_request_end.append(self._on_end)
        config.on_request_exception.append(self._on_exception)
        return config

    def _find(self, method: str, url: Any) -> Watch | None:
        if method != "POST":
            return None
        m = _CHANNEL_POST.search(url.path)
        return self._watches.get(m.group(1)) if m else None

    async def _on_start(self, _s: aiohttp.ClientSession, _c: SimpleNamespace, params: Any) -> None:
        if watch := self._find(params.method, params.url):
            watch._started()

    async def _on_headers_sent(
        self, _s: aiohttp.ClientSession, _c: SimpleNamespace, params: Any
    ) -> None:
        if watch := self._find(params.method, params.url):
            watch.written = True

    async def _on_end(self, _s: aiohttp.ClientSession, _c: SimpleNamespace, params: Any) -> None:
        if watch := self._find(params.method, params.url):
            watch._ended(params.response.status)

    async def _on_exception(
        self, _s: aiohttp.ClientSession, _c: SimpleNamespace, params: Any
    ) -> None:
        if watch := self._find(params.method, params.url):
            watch._ended(None)
