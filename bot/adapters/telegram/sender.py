"""Sending to Telegram, and the one place where PTB's exceptions become `SendOutcome`s.

Every message goes out as HTML chunks from `render` with link previews off, through the
bot's one rate limiter (`ratelimit.py`): broadcast sends in the BROADCAST lane, replies to
people in the REPLY lane.

Multi-part messages. Telegram has no idempotency key, so a part that went out must never be
sent again. Once part 1 is delivered the sender owns the rest of the delivery: it waits out
a 429 (`retry_after`) or a connection failure (nothing written) on a later part itself,
because handing RATE_LIMITED to the ledger would make the ledger resend part 1. If a later
part still fails, the result is AMBIGUOUS with the ids of the parts that did go out (and
TARGET_GONE, with those ids, when the chat vanished in between): the ledger then records
the delivery as in doubt and reports it, never sending anything twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import httpx
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ExtBot

from bot.adapters.telegram.keyboard import Keyboards
from bot.adapters.telegram.ratelimit import Lane, retry_seconds
from bot.adapters.telegram.render import TelegramChunk, render, render_plain
from bot.adapters.text import is_web_url
from bot.core.messages import Message
from bot.scheduler.sender import Outcome, SendOutcome

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# 400 answers that mean the bot can no longer post in that chat at all.
GONE_MESSAGES = (
    "chat not found",
    "have no rights to send",
    "not enough rights to send",
    "need administrator rights",
    "chat_write_forbidden",
    "peer_id_invalid",
    "user is deactivated",
)
# httpx failures raised before the request was written: Telegram never saw it.
NOT_WRITTEN = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def is_parse_error(exc: TelegramError) -> bool:
    return isinstance(exc, BadRequest) and "can't parse entities" in exc.message.lower()


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify(exc: TelegramError) -> SendOutcome:
    """The outcome for a failed call (docs/delivery.md §3, the table), decided once, here.

    PTB wraps httpx errors; the cause says whether the request was written. A NetworkError
    without an httpx cause is an HTTP answer Telegram sent (5xx): it may have been applied,
    so it is AMBIGUOUS, as is anything else after the request was written.
    """
    text = f"{type(exc).__name__}: {exc.message}"
    if isinstance(exc, RetryAfter):
        return SendOutcome(Outcome.RATE_LIMITED, retry_after=retry_seconds(exc), error=text)
    if isinstance(exc, ChatMigrated):
        return SendOutcome(Outcome.MIGRATED, new_chat=str(exc.new_chat_id), error=text)
    if isinstance(exc, Forbidden):
        return SendOutcome(Outcome.TARGET_GONE, error=text)
    if isinstance(exc, BadRequest):
        gone = any(m in exc.message.lower() for m in GONE_MESSAGES)
        return SendOutcome(Outcome.TARGET_GONE if gone else Outcome.REJECTED, error=text)
    if isinstance(exc, InvalidToken | Conflict):
        return SendOutcome(Outcome.TRANSIENT, error=text)
    if isinstance(exc, NetworkError):
        chain = _chain(exc)
        if any(isinstance(e, NOT_WRITTEN) for e in chain):
            return SendOutcome(Outcome.TRANSIENT, error=text)
        if "too many requests" in exc.message.lower():  # a 429 without retry_after
            return SendOutcome(Outcome.RATE_LIMITED, retry_after=1.0, error=text)
        return SendOutcome(Outcome.AMBIGUOUS, error=text)
    return SendOutcome(Outcome.REJECTED, error=text)


class TelegramSender:
    """Implements `bot.scheduler.sender.Sender` for one bot; also sends the bot's replies."""

    def __init__(
        self,
        bot: ExtBot[Lane],
        keyboards: Keyboards,
        *,
        part_retries: int = 3,
        max_part_wait: float = 30.0,
        backoff: float = 0.5,
        preview_first_source: bool = False,
    ) -> None:
        self._bot = bot
        self._preview_first_source = preview_first_source
        self._keyboards = keyboards
        self._part_retries = part_retries
        self._max_part_wait = max_part_wait
        self._backoff = backoff

    @property
    def platform(self) -> str:
        return "telegram"

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        """A scheduled post: BROADCAST lane; `delivery_key` has no Telegram counterpart."""
        return await self.deliver(chat, messages, Lane.BROADCAST)

    async def deliver(
        self,
        chat: str,
        messages: Sequence[Message],
        lane: Lane,
        *,
        thread_id: int | None = None,
    ) -> SendOutcome:
        ids: list[str] = []
        for msg in messages:
            outcome = await self._message(chat, msg, lane, thread_id, ids)
            if outcome is not None:
                return outcome
        return SendOutcome(Outcome.SENT, message_ids=tuple(ids))

    async def _message(
        self, chat: str, msg: Message, lane: Lane, thread_id: int | None, ids: list[str]
    ) -> SendOutcome | None:
        """Send one message's parts, appending ids; an outcome only when it fails."""
        chunks = render(msg)
        for i, chunk in enumerate(chunks):
            preview = self._preview(msg) if i == 0 else NO_PREVIEW
            try:
                ids.append(
                    await self._part(
                        chat, chunk, lane, thread_id, html=True, ids=ids, preview=preview
                    )
                )
            except TelegramError as exc:
                if i == 0 and is_parse_error(exc):
                    log.error(
                        "renderer bug: Telegram rejected our HTML (%s); sent as plain text. "
                        "HTML was: %r",
                        exc.message,
                        chunk.text[:500],
                    )
                    return await self._plain(chat, msg, chunks[-1], lane, thread_id, ids)
                if is_parse_error(exc):
                    log.error("renderer bug: Telegram rejected part %d: %s", i + 1, exc.message)
                return self._failed(exc, ids)
        return None

    def _preview(self, msg: Message) -> LinkPreviewOptions:
        """Previews are off (a card's text is the point), unless the operator asked for the
        first source's preview under a card (TELEGRAM_LINK_PREVIEW=first-source)."""
        if self._preview_first_source and msg.card_id and msg.sources:
            url = msg.sources[0].url
            if is_web_url(url):
                return LinkPreviewOptions(url=url, prefer_small_media=True)
        return NO_PREVIEW

    async def _plain(
        self,
        chat: str,
        msg: Message,
        last: TelegramChunk,
        lane: Lane,
        thread_id: int | None,
        ids: list[str],
    ) -> SendOutcome | None:
        texts = render_plain(msg)
        for i, text in enumerate(texts):
            chunk = TelegramChunk(text, last.buttons if i == len(texts) - 1 else ())
            try:
                ids.append(await self._part(chat, chunk, lane, thread_id, html=False, ids=ids))
            except TelegramError as exc:
                return self._failed(exc, ids)
        return None

    def _failed(self, exc: TelegramError, ids: list[str]) -> SendOutcome:
        outcome = classify(exc)
        if not ids:
            log.info("telegram send failed: %s -> %s", outcome.error, outcome.outcome.value)
            return outcome
        kind = Outcome.TARGET_GONE if outcome.outcome is Outcome.TARGET_GONE else Outcome.AMBIGUOUS
        error = f"partial: {len(ids)} part(s) sent, then {outcome.error}"
        log.warning("telegram send %s: %s", kind.value, error)
        return SendOutcome(kind, message_ids=tuple(ids), error=error)

    async def _part(
        self,
        chat: str,
        chunk: TelegramChunk,
        lane: Lane,
        thread_id: int | None,
        *,
        html: bool,
        ids: list[str],
        preview: LinkPreviewOptions = NO_PREVIEW,
    ) -> str:
        """Send one part; after an earlier part went out, ride out 429s and connect errors."""
        attempt = 0
        while True:
            try:
                sent = await self._bot.send_message(
                    chat_id=chat,
                    text=chunk.text,
                    parse_mode=ParseMode.HTML if html else None,
                    link_preview_options=preview,
                    reply_markup=self._keyboards.markup(chunk.buttons),
                    message_thread_id=thread_id,
                    rate_limit_args=lane,
                )
                return str(sent.message_id)
            except TelegramError as exc:
                outcome = classify(exc)
                retryable = outcome.outcome in (Outcome.RATE_LIMITED, Outcome.TRANSIENT)
                wait = outcome.retry_after or self._backoff * 2**attempt
                if not ids or not retryable or attempt >= self._part_retries:
                    raise
                if wait > self._max_part_wait:
                    raise
                attempt += 1
                log.info(
                    "telegram part %d to %s: %s; retrying in %.2fs",
                    len(ids) + 1,
                    chat,
                    outcome.error,
                    wait,
                )
                await asyncio.sleep(wait)
