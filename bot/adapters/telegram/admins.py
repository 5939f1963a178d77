"""Who may manage a chat's subscription: bot admins from settings, chat admins from Telegram.

`getChatMember` answers are cached for a few minutes per (chat, user): `/subscribe` and
`/unsubscribe` are rare, but a group that tries them repeatedly should not cost one API call
each, and a demoted admin losing the right a few minutes late is harmless. Failures are not
cached, so a transient error refuses once and the next attempt asks again.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot.settings import Settings

log = logging.getLogger(__name__)

ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


class ChatAdmins:
    """Answers "is this user an admin here?"; one per adapter, cache in the instance."""

    def __init__(
        self,
        bot: Bot,
        settings: Settings,
        *,
        ttl: float = 300.0,
        size: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bot = bot
        self._settings = settings
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._cache: OrderedDict[tuple[int, int], tuple[float, bool]] = OrderedDict()

    def is_bot_admin(self, user_id: int | None) -> bool:
        """ADVOCACY_ADMINS lists `telegram:<user id>`."""
        return self._settings.is_admin("telegram", None if user_id is None else str(user_id))

    def admin_user_ids(self) -> list[int]:
        """The numeric Telegram user ids in ADVOCACY_ADMINS (for the admins' command menu)."""
        ids = []
        for entry in sorted(self._settings.admins):
            platform, _, value = entry.partition(":")
            if platform == "telegram" and value.lstrip("-").isdigit():
                ids.append(int(value))
        return ids

    async def is_chat_admin(self, chat_id: int, user_id: int) -> bool:
        """Owner or administrator of the chat, per getChatMember (cached)."""
        key = (chat_id, user_id)
        now = self._clock()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        try:
            member = await self._bot.get_chat_member(chat_id=chat_id, user_id=user_id)
        except TelegramError as exc:
            log.warning("getChatMember %s/%s failed: %s", chat_id, user_id, exc)
            return False
        answer = member.status in ADMIN_STATUSES
        self._cache[key] = (now + self._ttl, answer)
        self._cache.move_to_end(key)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return answer
