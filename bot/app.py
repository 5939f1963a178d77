"""The composition root for a bot on real platforms: wires store, runner, adapters.

Everything is built here from one Settings object and torn down in reverse order, so
nothing lives in module globals and two bots can run in one process (tests do).
Stop order matters: the runner drains its in-flight sends while the adapters are still
connected, then the adapters disconnect, then the store closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from bot import __version__, redaction
from bot.adapters.base import Adapter, Sender
from bot.adapters.console.adapter import ConsoleSender
from bot.core.commands.context import ChatContext
from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.messages import Reply
from bot.core.review import stale_cards
from bot.scheduler.clock import Clock
from bot.scheduler.runner import Runner
from bot.service.bot_service import BotService
from bot.service.last_good import admin_notices, keep_last_good
from bot.service.reloader import Reloader
from bot.service.status import status_reply
from bot.service.subscriptions import (
    no_post_for_subscribers,
    set_language,
    subscribe,
    unsubscribe,
)
from bot.settings import Settings
from bot.store.sql import SqlStore, open_store

if TYPE_CHECKING:
    from bot.adapters.discord.adapter import DiscordOptions

log = logging.getLogger(__name__)

Handler = Callable[[str, ChatContext], Awaitable[Reply]]


def platform_adapters(
    settings: Settings,
    *,
    telegram: Mapping[str, Any] | None = None,
    discord: DiscordOptions | None = None,
) -> list[Adapter]:
    """An adapter for every platform whose token is set; libraries imported only then.

    `telegram` (TelegramAdapter keyword options) and `discord` (DiscordOptions) are the
    adapters' tunables: production passes neither; tests and benchmarks shorten the
    timeouts and time-scale the pacing, through the same factories production uses.
    """
    adapters: list[Adapter] = []
    if settings.telegram_token:
        from bot.adapters.telegram.adapter import TelegramAdapter

        adapters.append(TelegramAdapter(settings, **dict(telegram or {})))
    if settings.discord_token:
        from bot.adapters.discord.adapter import create_adapter as discord_adapter

        adapters.append(discord_adapter(settings, discord))
    return adapters


class App:
    """One running bot: call `start`, then `stop` (or use `run_until`)."""

    def __init__(
        self,
        settings: Settings,
        holder: ContentHolder,
        clock: Clock,
        store: SqlStore,
        adapters: list[Adapter],
        *,
        extra_senders: dict[str, Sender] | None = None,
    ) -> None:
        self.settings = settings
        self.holder = holder
        self.clock = clock
        self.store = store
        self.adapters = adapters
        senders: dict[str, Sender] = dict(extra_senders or {})
        senders.update({a.platform: a.sender for a in adapters})
        self.runner = Runner(store, lambda: holder.current, clock, senders)
        self.reloader = Reloader(holder, self._reloaded)
        self._started = time.monotonic()
        self._redactor: redaction.Redactor | None = None
        self.service = BotService(
            holder,
            clock,
            extra=self._store_commands(),
            on_migrated=store.migrate_chat,
            on_removed=self._removed,
            reload_files=lambda: self.reloader.reload("/reload"),
            chat_language=store.get_language,
        )

    async def _removed(self, platform: str, chat: str) -> None:
        if await self.store.unsubscribe(platform, chat, reason="the bot was removed"):
            log.info("%s chat %s removed the bot: subscription stopped", platform, chat)

    async def _reloaded(self, content: ContentSet) -> None:
        self.runner.reschedule(content)
        await self.service.warm()
        await keep_last_good(self.holder, self.store)

    def _store_commands(self) -> dict[str, Handler]:
        store, settings = self.store, self.settings

        async def do_subscribe(_args: str, ctx: ChatContext) -> Reply:
            reply = await subscribe(ctx, store, settings, now=self.clock.now())
            posts = self.holder.current.posts
            if any("subscribers" in p.spec.to for p in posts if p.spec.enabled):
                return reply
            # Subscribed, yet no post is addressed to subscribers: say so, or the chat
            # waits for posts that never come.
            note = no_post_for_subscribers(ctx.language)
            return Reply((*reply.messages, note), private=reply.private)

        async def do_unsubscribe(_args: str, ctx: ChatContext) -> Reply:
            return await unsubscribe(ctx, store, settings)

        async def do_language(args: str, ctx: ChatContext) -> Reply:
            return await set_language(ctx, args, store, settings, now=self.clock.now())

        async def do_status(_args: str, ctx: ChatContext) -> Reply:
            content = self.holder.current
            today = self.clock.now().astimezone(content.zone).date()
            return await status_reply(
                version=__version__,
                uptime_seconds=time.monotonic() - self._started,
                content=content,
                next_runs=self.runner.next_runs(5),
                subscriptions=store,
                ledger=store.ledger,
                results=list(self.runner.results),
                reload_problems=self.holder.last_problems,
                language=ctx.language,
                warnings=self.holder.warnings,
                awaiting=[rec.global_id for rec in stale_cards(content, today)],
                from_store=self.holder.serving_stored,
            )

        return {
            "subscribe": do_subscribe,
            "unsubscribe": do_unsubscribe,
            "language": do_language,
            "status": do_status,
        }

    async def start(self) -> None:
        # Also here, not only in `run`: a program embedding the App configures its own logging.
        self._redactor = redaction.install(redaction.settings_secrets(self.settings))
        await self.service.warm()
        await keep_last_good(self.holder, self.store)
        for adapter in self.adapters:
            await adapter.start(self.service)
            log.info("%s adapter started", adapter.platform)
        await self.runner.start()
        if self.holder.serving_stored:
            await self._tell_admins()

    async def _tell_admins(self) -> None:
        """Once per start: the files are broken and the stored set is served."""
        senders = {a.platform: a.sender for a in self.adapters}
        for platform, user_id, message in admin_notices(
            self.settings.admins, self.holder.last_problems
        ):
            sender = senders.get(platform)
            if sender is not None:
                await sender.send(user_id, (message,), delivery_key=f"stored-set-{user_id}")

    async def stop(self) -> None:
        await self.runner.stop()
        for adapter in reversed(self.adapters):
            with contextlib.suppress(Exception):
                await adapter.stop()
        await self.store.close()
        if self._redactor is not None:
            redaction.remove(self._redactor)
            self._redactor = None

    async def run_until(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set; reload files when they change or on SIGHUP."""
        loop = asyncio.get_running_loop()
        self.reloader.install_sighup(loop)
        watcher = asyncio.create_task(self.reloader.watch(stop))
        try:
            await self.start()
            await stop.wait()
        finally:
            self.reloader.remove_sighup(loop)
            await self.stop()
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await self.reloader.close()  # a reload that never ends must not hold the stop


async def serve_platforms(settings: Settings, holder: ContentHolder, clock: Clock) -> int:
    """`advocacy-bot run` with tokens: serve until SIGTERM or SIGINT, then stop cleanly."""
    store = await open_store(settings.db_url, clock=clock)
    app = App(
        settings,
        holder,
        clock,
        store,
        platform_adapters(settings),
        extra_senders={"console": ConsoleSender(sys.stdout)},
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await app.run_until(stop)
    log.info("stopped")
    return 0
