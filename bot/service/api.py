"""What a platform adapter may ask of the bot. Adapters depend on this, never on internals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.commands.context import ChatContext
from bot.core.messages import Message, Reply


@dataclass(frozen=True, slots=True)
class CardHit:
    """A card offered to a person picking one (inline mode, autocomplete)."""

    card_id: str  # global id
    title: str  # in the asker's language where the card has it
    description: str  # a short plain-text teaser
    message: Message  # the card as a message, with its sources


class BotApi(Protocol):
    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        """Run command `name` (without the slash) with its argument text."""
        ...

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        """Cards whose id or title match what has been typed so far, best first."""
        ...

    def complete_subjects(
        self, text: str, language: str | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        """(id, name) of the people one can write to (`/write`) that match what is typed."""
        ...

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        """A page of search hits and the next offset (None at the end).

        An empty query offers today's anniversaries first, then the newest cards.
        """
        ...

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        """A chat changed id (Telegram group -> supergroup): move its subscription."""
        ...

    async def chat_removed(self, platform: str, chat: str) -> None:
        """The bot can no longer post in a chat (removed, kicked, blocked, channel deleted):
        stop its subscription now rather than at the next broadcast's error."""
        ...
