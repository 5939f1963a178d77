"""Who asked, where, and when: everything a command needs besides the content."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

ChatKind = Literal["private", "group", "channel"]


@dataclass(frozen=True, slots=True)
class ChatContext:
    """The chat a command came from.

    `is_bot_admin` comes from ADVOCACY_ADMINS. `chat_admin` asks the platform whether the
    user administers this chat; it is a callable so that only commands that need it
    (subscribe, unsubscribe) pay for the API call.
    """

    platform: str  # "telegram" | "discord" | "console"
    chat_id: str
    chat_kind: ChatKind = "private"
    user_id: str | None = None
    language: str | None = None
    is_bot_admin: bool = False
    chat_title: str | None = None
    chat_admin: Callable[[], Awaitable[bool]] | None = None

    @property
    def target(self) -> str:
        """The schedule target that names this chat, e.g. 'telegram:-100123'."""
        return f"{self.platform}:{self.chat_id}" if self.platform != "console" else "console"


@dataclass(frozen=True, slots=True)
class Moment:
    """When a command runs: UTC now and the zone in which "today" is meant."""

    now: datetime
    zone: ZoneInfo

    @property
    def local(self) -> datetime:
        return self.now.astimezone(self.zone)
