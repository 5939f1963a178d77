"""/subscribe, /unsubscribe, /language and /status: the chat commands that need the store.

The service answers every other command from the content alone; these four also read or
change the store (and /status the runner), so they are built once the composition root
has both, and plugged into `BotService` as its `extra` handlers.
"""

from __future__ import annotations

import time

from bot import __version__
from bot.core.clock import Clock
from bot.core.commands.context import ChatContext
from bot.core.loading import ContentHolder
from bot.core.messages import Reply
from bot.core.review import stale_cards
from bot.scheduler.runner import Runner
from bot.service.bot_service import ExtraHandler
from bot.service.status import status_reply
from bot.service.subscriptions import (
    no_post_for_subscribers,
    set_language,
    subscribe,
    unsubscribe,
)
from bot.settings import Settings
from bot.store.sql import SqlStore


class StoreCommands:
    """The four handlers, sharing one store, clock, content holder and runner."""

    def __init__(
        self,
        store: SqlStore,
        settings: Settings,
        clock: Clock,
        holder: ContentHolder,
        runner: Runner,
        *,
        started: float,
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.holder = holder
        self.runner = runner
        self.started = started  # time.monotonic() when the bot started, for the uptime

    def handlers(self) -> dict[str, ExtraHandler]:
        return {
            "subscribe": self.subscribe,
            "unsubscribe": self.unsubscribe,
            "language": self.language,
            "status": self.status,
        }

    async def subscribe(self, _args: str, ctx: ChatContext) -> Reply:
        reply = await subscribe(ctx, self.store, self.settings, now=self.clock.now())
        posts = self.holder.current.posts
        if any("subscribers" in p.spec.to for p in posts if p.spec.enabled):
            return reply
        # Subscribed, yet no post is addressed to subscribers: say so, or the chat
        # waits for posts that never come.
        note = no_post_for_subscribers(ctx.language)
        return Reply((*reply.messages, note), private=reply.private)

    async def unsubscribe(self, _args: str, ctx: ChatContext) -> Reply:
        return await unsubscribe(ctx, self.store, self.settings)

    async def language(self, args: str, ctx: ChatContext) -> Reply:
        return await set_language(ctx, args, self.store, self.settings, now=self.clock.now())

    async def status(self, _args: str, ctx: ChatContext) -> Reply:
        content = self.holder.current
        today = self.clock.now().astimezone(content.zone).date()
        return await status_reply(
            version=__version__,
            uptime_seconds=time.monotonic() - self.started,
            content=content,
            next_runs=self.runner.next_runs(5),
            subscriptions=self.store,
            ledger=self.store.ledger,
            results=list(self.runner.results),
            reload_problems=self.holder.last_problems,
            language=ctx.language,
            warnings=self.holder.warnings,
            awaiting=[rec.global_id for rec in stale_cards(content, today)],
            from_store=self.holder.serving_stored,
        )
