"""The BotApi that adapters talk to: core commands plus the commands that need the store.

Core commands are pure functions of the content; the store-backed ones (subscribe,
unsubscribe, language, status) are plugged in by the composition root as `extra` handlers,
so a test can run two bots in one process. Every answer is in the chat's language, chosen
as docs/architecture.md §6 orders it: the chat's own setting (/language, from the optional
`chat_language` hook), else the person's platform language, else the schedules'
`language:`, else English; a code the bot does not speak (say `pt-BR`) falls through to
the next.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import date

from bot.core.calendar import anniversaries
from bot.core.clock import Clock
from bot.core.commands.context import ChatContext, Moment
from bot.core.commands.dispatch import run_core_command
from bot.core.commands.limits import check_arguments
from bot.core.commands.registry import spec
from bot.core.content import CardRecord, ContentSet
from bot.core.i18n import bundled, texts
from bot.core.letters import matching_recipients
from bot.core.loading import ContentHolder
from bot.core.messages import Message, Reply
from bot.core.posts import card_message
from bot.core.problems import Problem
from bot.core.review import stale_cards
from bot.core.search import SearchIndex
from bot.service.api import CardHit
from bot.service.preview import posts_of_day
from bot.service.status import preview_reply, reload_reply

ExtraHandler = Callable[[str, ChatContext], Awaitable[Reply]]
MigrationHook = Callable[[str, str, str], Awaitable[None]]
RemovalHook = Callable[[str, str], Awaitable[None]]
ChatLanguageHook = Callable[[str, str], Awaitable[str | None]]


log = logging.getLogger(__name__)


def _text_reply(*paragraphs: str, private: bool = False) -> Reply:
    return Reply((Message(paragraphs=paragraphs),), private=private)


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
        """Every command gets an answer: one that fails is logged and apologised for, so a
        person is never left waiting and the console bot never ends on a bad line."""
        try:
            return await self._handle(name, args, ctx)
        except Exception:
            log.exception("/%s %.60r failed", name, args)
            return _text_reply(texts(ctx.language)("command-failed"), private=True)

    async def _handle(self, name: str, args: str, ctx: ChatContext) -> Reply:
        name = name.lower()
        ctx = await self._with_chat_language(ctx)
        t = texts(ctx.language)
        command = spec(name)
        if command is None:
            return _text_reply(t("unknown-command", name=name))
        if command.admin_only and not ctx.is_bot_admin:
            return _text_reply(t("admins-only"), private=True)
        if (refused := check_arguments(command, args, ctx.language)) is not None:
            return refused
        if name == "reload":
            return await self._reload(ctx.language)
        if name == "preview":
            return await self._preview(args, ctx.language)
        if name in self._extra:
            return await self._extra[name](args, ctx)
        reply = run_core_command(name, args, ctx, self.content, self.index(), self.moment())
        if reply is not None:
            return reply
        return _text_reply(t("not-in-this-mode", name=name), private=True)

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
        today = self.moment().local.date()  # a card posted from here carries its review note
        hits = [_hit(rec, language, today) for rec in records[:limit]]
        return hits, (offset + limit if more else None)

    async def chat_migrated(self, platform: str, old_chat: str, new_chat: str) -> None:
        if self._on_migrated is not None:
            await self._on_migrated(platform, old_chat, new_chat)

    async def chat_removed(self, platform: str, chat: str) -> None:
        if self._on_removed is not None:
            await self._on_removed(platform, chat)

    async def _with_chat_language(self, ctx: ChatContext) -> ChatContext:
        """`ctx` with the language its answer is written in (see the module's docstring)."""
        chat: str | None = None
        if self._chat_language is not None:
            try:
                chat = await self._chat_language(ctx.platform, ctx.chat_id)
            except Exception:
                # A store hiccup must not break /fact: answer in the person's language.
                log.warning("chat language of %s unavailable", ctx.target, exc_info=True)
        language = bundled().first_supported(chat, ctx.language, self.content.language)
        if language == ctx.language:
            return ctx
        return dataclasses.replace(ctx, language=language)

    # -- admin commands that need no store ---------------------------------------------------
    async def _reload(self, language: str | None) -> Reply:
        if self._reload_files is not None:
            problems = await self._reload_files()
        else:
            problems = await asyncio.to_thread(self._holder.load)
        today = self.moment().local.date()
        awaiting = [rec.global_id for rec in stale_cards(self.content, today)]
        return reload_reply(problems, self.content, language, self._holder.warnings, awaiting)

    async def _preview(self, args: str, language: str | None) -> Reply:
        text = args.strip()
        try:
            day = date.fromisoformat(text) if text else self.moment().local.date()
        except ValueError:
            usage = texts(language)("usage", usage="/preview [YYYY-MM-DD]")
            return _text_reply(usage, private=True)
        found = await posts_of_day(self.content, day, language=language)
        return preview_reply(day, found, language)


def _hit(rec: CardRecord, language: str | None, today: date) -> CardHit:
    title, text = rec.localized(language)
    teaser = text if len(text) <= 120 else text[:117].rstrip() + "..."
    return CardHit(rec.global_id, title, teaser, card_message(rec, language, day=today))


def _default_cards(content: ContentSet, index: SearchIndex, moment: Moment) -> list[CardRecord]:
    """Today's anniversaries first (the calendar's rule, 29 February included), then the
    newest cards: what an empty search offers."""
    on_today = [a.record for a in anniversaries(content, moment.local.date())]
    shown = {rec.global_id for rec in on_today}
    newest = index.newest(limit=len(content.cards))
    return [*on_today, *(rec for rec in newest if rec.global_id not in shown)]
