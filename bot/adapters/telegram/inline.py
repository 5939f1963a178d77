"""Inline mode: `@botname nobel` in any chat offers cards to share, 50 at a time.

Each result is an article whose message is the card as our renderer makes it (HTML, its
sources, previews off), so a card shared inline looks the same as one the bot posts.
Answers are cached for a short time (the content can be reloaded at any moment) and marked
personal, because titles follow the asker's language.
"""

from __future__ import annotations

import hashlib
import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import InlineQueryLimit, ParseMode
from telegram.ext import ContextTypes

from bot.adapters.telegram.keyboard import Keyboards
from bot.adapters.telegram.render import render
from bot.adapters.telegram.sender import NO_PREVIEW
from bot.core.messages import in_language
from bot.service.api import BotApi, CardHit

log = logging.getLogger(__name__)

PAGE = InlineQueryLimit.RESULTS  # 50
CACHE_SECONDS = 30


def result_id(card_id: str) -> str:
    """Telegram allows 1-64 bytes; a longer card id becomes a stable hash."""
    if 0 < len(card_id.encode()) <= 64:
        return card_id
    return hashlib.sha256(card_id.encode()).hexdigest()


def parse_offset(offset: str) -> int:
    return int(offset) if offset.isdigit() else 0


class InlineSearch:
    """Answers inline queries from `BotApi.find_cards`."""

    def __init__(self, api: BotApi, keyboards: Keyboards, *, cache_time: int = CACHE_SECONDS):
        self._api = api
        self._keyboards = keyboards
        self._cache_time = cache_time

    def article(self, hit: CardHit, language: str | None = None) -> InlineQueryResultArticle:
        (message,) = in_language((hit.message,), language)
        chunks = render(message)
        if len(chunks) > 1:
            log.warning("card %s is longer than one message; sharing its first part", hit.card_id)
        first = chunks[0]
        buttons = chunks[-1].buttons if len(chunks) == 1 else ()
        return InlineQueryResultArticle(
            id=result_id(hit.card_id),
            title=hit.title or hit.card_id,
            description=hit.description or None,
            input_message_content=InputTextMessageContent(
                first.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            ),
            reply_markup=self._keyboards.markup(buttons, commands=False),
        )

    async def on_inline_query(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        offset = parse_offset(query.offset)
        hits, next_offset = self._api.find_cards(
            query.query, query.from_user.language_code, offset, PAGE
        )
        await query.answer(
            [self.article(h, query.from_user.language_code) for h in hits[:PAGE]],
            cache_time=self._cache_time,
            is_personal=True,
            next_offset="" if next_offset is None else str(next_offset),
        )
