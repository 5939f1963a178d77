"""Channel posts: render, pace, send with a fixed nonce, and turn the result into an outcome.

Every error is translated here, once, into a `SendOutcome` the ledger records (STYLE §8):

| what happened                                   | outcome      |
|-------------------------------------------------|--------------|
| 2xx (a nonce replay returns the earlier message) | SENT         |
| 429 beyond discord.py's own retry (`RateLimited`) | RATE_LIMITED |
| 403 (missing access) / 404 (unknown channel)    | TARGET_GONE  |
| 5xx, or a failure before the request was written | TRANSIENT    |
| other 4xx                                       | REJECTED     |
| timeout or dropped connection after the write   | AMBIGUOUS    |

Each payload part carries its own nonce derived from (channel, delivery key, part), so a
resend of the same delivery (a retry, or a restart after a crash) returns Discord's earlier
message instead of posting twice, within Discord's nonce window.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord

from bot.adapters.discord.convert import send_kwargs
from bot.adapters.discord.pacing import Lane, Pacer
from bot.adapters.discord.probe import ChannelProbe, Watch
from bot.adapters.discord.render import render
from bot.core.messages import Message
from bot.scheduler.sender import Outcome, SendOutcome

log = logging.getLogger(__name__)
NONCE_LENGTH = 25  # Discord's cap on a nonce string


def make_nonce(channel: str, delivery_key: str, part: int) -> str:
    """A deterministic nonce of 25 base32 characters (125 bits of a SHA-256)."""
    digest = hashlib.sha256(f"{channel}\x1f{delivery_key}\x1f{part}".encode()).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:NONCE_LENGTH]


@dataclass
class SenderStats:
    """Counters for /status and the benchmark."""

    requests: int = 0
    sent: int = 0
    rate_limited_answers: int = 0  # 429s discord.py saw (and waited out) on our posts
    failures: int = 0


class DiscordSender:
    """The `Sender` for `discord:<channel id>` targets."""

    platform = "discord"

    def __init__(
        self,
        client: Callable[[], discord.Client | None],
        pacer: Pacer,
        probe: ChannelProbe,
        *,
        request_timeout: float = 15.0,
        max_in_flight: int = 8,
    ) -> None:
        self._client = client
        self._pacer = pacer
        self._probe = probe
        self._request_timeout = request_timeout
        self._in_flight = asyncio.Semaphore(max_in_flight)
        self.stats = SenderStats()

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        client = self._client()
        if client is None or client.is_closed():
            return SendOutcome(Outcome.TRANSIENT, error="Discord client is not connected")
        if not chat.isdigit():
            return SendOutcome(Outcome.REJECTED, error=f"not a Discord channel id: {chat!r}")
        payloads = [payload for m in messages for payload in render(m)]
        channel = client.get_partial_messageable(int(chat))
        sent: list[str] = []
        async with self._pacer.channel(chat) as lane:
            for part, payload in enumerate(payloads):
                nonce = make_nonce(chat, delivery_key, part)
                outcome = await self._send_part(lane, channel, chat, payload, nonce)
                if not outcome.delivered:
                    self.stats.failures += 1
                    log.warning(
                        "discord:%s part %d/%d of %s: %s (%s)",
                        chat,
                        part + 1,
                        len(payloads),
                        delivery_key,
                        outcome.outcome.value,
                        outcome.error,
                    )
                    return SendOutcome(
                        outcome.outcome,
                        tuple(sent),
                        retry_after=outcome.retry_after,
                        error=outcome.error,
                    )
                sent.extend(outcome.message_ids)
        self.stats.sent += 1
        return SendOutcome(Outcome.SENT, tuple(sent))

    async def _send_part(
        self,
        lane: Lane,
        channel: discord.PartialMessageable,
        chat: str,
        payload: dict[str, Any],
        nonce: str,
    ) -> SendOutcome:
        await lane.turn()
        answered: float | None = None
        try:
            await self._in_flight.acquire()
            slot = _Slot(self._in_flight)
            try:
                with self._probe.watch(chat) as watch:
                    self.stats.requests += 1
                    send = channel.send(nonce=nonce, **send_kwargs(payload))
                    task = asyncio.ensure_future(send)
                    try:
                        return await self._outcome(task, watch, slot)
                    finally:
                        self.stats.rate_limited_answers += watch.rate_limited
                        answered = watch.answered_at
            finally:
                slot.release()
        finally:  # counted from the answer seen on the wire, on every path
            lane.done(0.0 if answered is None else time.monotonic() - answered)

    async def _outcome(
        self, task: asyncio.Future[discord.Message], watch: Watch, slot: _Slot
    ) -> SendOutcome:
        """Wait for discord.py, but cut its long 5xx retries and stuck requests short."""
        while not task.done():
            if watch.succeeded:
                slot.release()  # answered; discord.py may sleep on the bucket, not in flight
            timeout = None
            if watch.in_flight_since is not None:
                timeout = (
                    watch.in_flight_since
                    + self._request_timeout
                    - asyncio.get_running_loop().time()
                )
            changed: asyncio.Future[Any] = asyncio.ensure_future(watch.changed.wait())
            pending: set[asyncio.Future[Any]] = {task, changed}
            await asyncio.wait(pending, timeout=timeout, return_when="FIRST_COMPLETED")
            changed.cancel()
            watch.changed.clear()  # state is read below; a later change sets it again
            if task.done():
                break
            if watch.server_error:
                # discord.py is now sleeping before its own retry: stop it, report TRANSIENT.
                await _cancel(task)
                status = watch.statuses[-1]
                return SendOutcome(Outcome.TRANSIENT, error=f"Discord answered {status}")
            stuck = watch.in_flight_since is not None and (
                asyncio.get_running_loop().time() - watch.in_flight_since >= self._request_timeout
            )
            if stuck:
                await _cancel(task)
                return _unanswered(watch, f"no answer within {self._request_timeout} s")
        try:
            message = task.result()
        except Exception as exc:  # noqa: BLE001 - every error becomes an outcome
            return _classify(exc, watch)
        return SendOutcome(Outcome.SENT, (str(message.id),))


class _Slot:
    """An in-flight slot, released once: when Discord has answered, or at the latest at the end."""

    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self._semaphore: asyncio.Semaphore | None = semaphore

    def release(self) -> None:
        if self._semaphore is not None:
            self._semaphore.release()
            self._semaphore = None


async def _cancel(task: asyncio.Future[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task


def _unanswered(watch: Watch, error: str) -> SendOutcome:
    """No answer: AMBIGUOUS if the request may have reached Discord, else TRANSIENT."""
    return SendOutcome(Outcome.AMBIGUOUS if watch.written else Outcome.TRANSIENT, error=error)


def _classify(exc: Exception, watch: Watch) -> SendOutcome:
    if isinstance(exc, discord.RateLimited):
        return SendOutcome(Outcome.RATE_LIMITED, retry_after=exc.retry_after, error=str(exc))
    if isinstance(exc, discord.Forbidden | discord.NotFound):
        return SendOutcome(Outcome.TARGET_GONE, error=f"{exc.status} {exc.code}: {exc.text}")
    if isinstance(exc, discord.DiscordServerError):
        return SendOutcome(Outcome.TRANSIENT, error=f"{exc.status}: {exc.text}")
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:  # no Via header: a Cloudflare ban, not a bucket; back off long
            return SendOutcome(Outcome.RATE_LIMITED, retry_after=60.0, error=str(exc))
        return SendOutcome(Outcome.REJECTED, error=f"{exc.status} {exc.code}: {exc.text}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return SendOutcome(Outcome.TRANSIENT, error=repr(exc))
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError):
        return _unanswered(watch, repr(exc))
    log.exception("unexpected error sending to Discord", exc_info=exc)
    return SendOutcome(Outcome.REJECTED, error=repr(exc))
