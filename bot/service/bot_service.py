"""The BotApi that adapters talk to: core commands plus the commands that need the store.

Core commands are pure functions of the content; the store-backed ones (subscribe,
unsubscribe, language, status) are plugged in by the composition root as `extra` handlers,
so the console bot runs without a database and a test can run two bots in one process.
The chat's own language (set with /language) comes from the optional `chat_language`
hook and wins over the person's: chat setting, else the person's language, else English.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import date

from bot.core.calendar import anniversaries
from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.dispatch import run_core_command
from bot.core.commands.registry import spec
from bot.core.content import CardRecord, ContentSet
from bot.core.letters import matching_recipients
from bot.core.loading import ContentHolder
from bot.core.messages import Message, Reply
from bot.core.posts import card_message
from bot.core.problems import Problem
from bot.core.search import SearchIndex
from bot.scheduler.clock import Clock
from bot.service.api import CardHit
from bot.service.preview import posts_of_day
from bot.service.status import preview_reply, reload_reply

ExtraHandler = Callable[[str, ChatContext], Awaitable[Reply]]
MigrationHook = Callable[[str, str, str], Awaitable[None]]
RemovalHook = Callable[[str, str], Awaitable[None]]
ChatLanguageHook = Callable[[str, str], Awaitable[str | None]]


log = logging.getLogger(__name__)


def _text_reply(*paragraphs: str, title: str | None = None, private: bool = False) -> Reply:
    return Reply((Message(title=title, paragraphs=paragraphs),), private=private)


class BotService:
    """Implements `bot.service.api.BotApi`."""

    def __init__(
        self,
        holder: ContentHolder,
        clock: Clock,
        *,
        extra: Mapping[str, ExtraHandler] | None = None,
        on_migrated: MigrationHook | None = None,
        on_removed: RemovalHook | None = None,
        reload_files: Callable[[], Awaitable[list[Problem]]] | None = None,
        chat_language: ChatLanguageHook | None = None,
    ) -> None:
        self._holder = holder
        self._clock = clock
        self._extra = dict(extra or {})
        self._on_migrated = on_migrated
        self._on_removed = on_removed
        self._reload_files = reload_files
        self._chat_language = chat_language
        self._indexed: tuple[ContentSet, SearchIndex] | None = None

    # -- content -------------------------------------------------------------------------
    @property
    def content(self) -> ContentSet:
        return self._holder.current

    def index(self) -> SearchIndex:
        """The search index of the current content set, rebuilt only after a reload."""
        content = self._holder.current
        if self._indexed is None or self._indexed[0] is not content:
            self._indexed = (content, SearchIndex.build(content))
        return self._indexed[1]

    async def warm(self) -> None:
        """Build the current set's search index in a thread: with many cards a build takes
        a noticeable moment, which must not stall replies on the event loop."""
        content = self._holder.current
        if self._indexed is None or self._indexed[0] is not content:
            self._indexed = (content, await asyncio.to_thread(SearchIndex.build, content))

    def moment(self) -> Moment:
        return Moment(now=self._clock.now(), zone=self._holder.current.zone)

    # -- BotApi --------------------------------------------------------------------------
    async def handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        name = name.lower()
        command = spec(name)
        if command is None:
            return _text_reply(f"Unknown command /{name}. Type /help to see what I can do.")
        if command.admin_only and not ctx.is_bot_admin:
            return _text_reply("Sorry, only the bot's admins can use this command.", private=True)
        ctx = await self._with_chat_language(ctx)
        if name == "reload":
            return await self._reload()
        if name == "preview":
            return await self._preview(args)
        if name in self._extra:
            return await self._extra[name](args, ctx)
        reply = run_core_command(name, args, ctx, self.content, self.index(), self.moment())
        if reply is not None:
            return reply
        return _text_reply(f"/{name} is not available in this mode of the bot.", private=True)

    def complete_cards(self, text: str, language: str | None, limit: int = 25) -> list[CardHit]:
        hits, _ = self.find_cards(text, language, 0, limit)
        return hits

    def complete_subjects(
        self, text: str, language: str | None, limit: int = 25
    ) -> list[tuple[str, str]]:
        return matching_recipients(self.content, text, language)[:limit]

    def find_cards(
        self, query: str, language: str | None, offset: int, limit: int
    ) -> tuple[list[CardHit], int | None]:
        content = self.content
        if query.strip():
            index = self.index()
            records = index.search(query, limit=limit + 1, offset=offset)
        else:
            records = _default_cards(content, self.index(), self.moment())[
                offset : offset + limit + 1
            ]
        more = len(records) > limit
        hits = [_hit(rec, language) for rec in records[:limit]]
        return hits, (offset + limit if more else None)

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        if self._on_migrated is not None:
            await self._on_migrated(platform, old_chat, new_chat)

    async def chat_removed(self, platform: str, chat: str) -> None:
        if self._on_removed is not None:
            await self._on_removed(platform, chat)

    async def _with_chat_language(self, ctx: ChatContext) -> ChatContext:
        """`ctx` with the chat's language (from /language) in place of the person's, if set."""
        if self._chat_language is None:
            return ctx
        try:
            language = await self._chat_language(ctx.platform, ctx.chat_id)
        except Exception:
            # A store hiccup must not break /fact: answer in the person's language.
            log.warning("chat language of %s unavailable", ctx.target, exc_info=True)
            return ctx
        if not language or language == ctx.language:
            return ctx
        return dataclasses.replace(ctx, language=language)

    # -- admin commands that need no store ---------------------------------------------------
    async def _reload(self) -> Reply:
        if self._reload_files is not None:
            problems = await self._reload_files()
        else:
            problems = await asyncio.to_thread(self._holder.load)
        return reload_reply(problems, self.content)

    async def _preview(self, args: str) -> Reply:
        text = args.strip()
        try:
            day = date.fromisoformat(text) if text else self.moment().local.date()
        except ValueError:
            return _text_reply("Usage: /preview [YYYY-MM-DD]", private=True)
        return preview_reply(day, await posts_of_day(self.content, day))


def _hit(rec: CardRecord, language: str | None) -> CardHit:
    title, text = rec.localized(language)
    teaser = text if len(text) <= 120 else text[:117].rstrip() + "..."
    return CardHit(rec.global_id, title, teaser, card_message(rec, language))


def _default_cards(content: ContentSet, index: SearchIndex, moment: Moment) -> list[CardRecord]:
    """Today's anniversaries first (the calendar's rule, 29 February included), then the
    newest cards: what an empty search offers."""
    on_today = [a.record for a in anniversaries(content, moment.local.date())]
    shown = {rec.global_id for rec in on_today}
    newest = index.newest(limit=len(content.cards))
    return [*on_today, *(rec for rec in newest if rec.global_id not in shown)]
