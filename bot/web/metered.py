"""Counting at the seams the App already owns: every sender and the adapters' BotApi.

Wrapping the ports, not editing the broadcast or the adapters, keeps metrics out of the
delivery code: the counts are what crossed the port, whatever the platform.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.commands.context import ChatContext
from bot.core.commands.registry import spec
from bot.core.messages import Message, Reply
from bot.scheduler.sender import Sender, SendOutcome
from bot.service.api import BotApi, CardHit
from bot.web.metrics import Metrics


class MeteredSender:
    def __init__(self, inner: Sender, metrics: Metrics) -> None:
        self._inner = inner
        self._metrics = metrics

    @property
    def platform(self) -> str:
        return self._inner.platform

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        outcome = await self._inner.send(chat, messages, delivery_key=delivery_key)
        self._metrics.sent(self._inner.platform, outcome)
        return outcome


class MeteredApi:
    """The BotApi the adapters see: the service, with each command counted."""

    def __init__(self, inner: BotApi, metrics: Metrics) -> None:
        self._inner = inner
        self._metrics = metrics

    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        # Only known names become labels: whatever people type must not grow the series.
        label = name.lower() if spec(name.lower()) is not None else "unknown"
        try:
            reply = await self._inner.handle(name, args, ctx)
        except Exception:
            self._metrics.command(label, ok=False)
            raise
        self._metrics.command(label, ok=True)
        return reply

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        return self._inner.complete_cards(text, language, limit)

    def complete_subjects(
        self, text: str, language: str | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return self._inner.complete_subjects(text, language, limit)

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        return self._inner.find_cards(query, language, offset, limit)

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        await self._inner.chat_migrated(platform, old_chat, new_chat)

    async def chat_removed(self, platform: str, chat: str) -> None:
        await self._inner.chat_removed(platform, chat)
