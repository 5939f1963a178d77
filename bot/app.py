"""The one composition root, for every mode: wires store, runner, adapters, HTTP server.

Everything is built here from one Settings object and torn down in reverse order, so
nothing lives in module globals and two bots can run in one process (tests do). The
console is one more adapter: a rehearsal on the console runs the same store, ledger,
reloads and commands as production.
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
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot import redaction
from bot.adapters.base import Adapter
from bot.adapters.console.adapter import ConsoleAdapter, ConsoleSender
from bot.adapters.supervisor import Backoff, State, Supervised
from bot.core.clock import Clock
from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.problems import Problem
from bot.scheduler.runner import Runner
from bot.scheduler.sender import Sender
from bot.service.bot_service import BotService
from bot.service.last_good import admin_notices, keep_last_good
from bot.service.reloader import Reloader
from bot.service.store_commands import StoreCommands
from bot.settings import Settings
from bot.store.base import UNKNOWN
from bot.store.sql import SqlStore, open_store
from bot.web.health import health_routes
from bot.web.metered import MeteredApi, MeteredSender
from bot.web.metrics import Metrics
from bot.web.server import HttpServer
from bot.web.site_routes import LiveSite

if TYPE_CHECKING:
    from bot.adapters.discord.adapter import DiscordOptions

log = logging.getLogger(__name__)

STORE_CHECK_TIMEOUT = 3.0  # seconds: /readyz answers within a probe's usual timeout


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


def _host(settings: Settings, platform: str) -> str:
    """The host an adapter connects to, for log lines: never a URL with the token."""
    url = {"telegram": settings.telegram_api_url, "discord": settings.discord_api_url}
    return urlsplit(url.get(platform, "")).netloc or platform


@dataclass(frozen=True)
class AppOptions:
    """Tunables; production keeps the defaults, tests shorten the start-up backoff."""

    backoff: Backoff = field(default_factory=Backoff)
    leader_poll: float | None = None  # seconds; None: the runner's default (a quarter lease)


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
        options: AppOptions | None = None,
    ) -> None:
        self.settings = settings
        self.holder = holder
        self.clock = clock
        self.store = store
        self.adapters = adapters
        self.options = options or AppOptions()
        self.metrics = Metrics()
        senders: dict[str, Sender] = dict(extra_senders or {})
        senders.update({a.platform: a.sender for a in adapters})
        metered = {p: MeteredSender(s, self.metrics) for p, s in senders.items()}
        self.runner = Runner(
            store,
            lambda: holder.current,
            clock,
            metered,
            on_result=self.metrics.broadcast,
            on_role=self._role_changed,
            leader_poll=self.options.leader_poll,
        )
        self.reloader = Reloader(holder, self._reloaded, on_failed=self._reload_failed)
        self._started = time.monotonic()
        self._redactor: redaction.Redactor | None = None
        self.service = BotService(
            holder,
            clock,
            extra=StoreCommands(
                store, settings, clock, holder, self.runner, started=self._started
            ).handlers(),
            on_migrated=store.migrate_chat,
            on_removed=self._removed,
            reload_files=lambda: self.reloader.reload("/reload"),
            chat_language=store.get_language,
        )
        self.api = MeteredApi(self.service, self.metrics)
        self.supervised = [
            Supervised(a, self.api, host=_host(settings, a.platform), backoff=self.options.backoff)
            for a in adapters
        ]
        # Discord sends every interaction to every gateway session of the token: on
        # PostgreSQL, where several instances may run, only the leader holds the gateway.
        self._leader_only = (
            [] if store.single_instance else [s for s in self.supervised if s.platform == "discord"]
        )
        self.metrics.watch_adapters([(s.platform, s.is_connected) for s in self.supervised])
        self.metrics.watch_content(lambda: len(holder.current.cards), self._next_run)
        self.http = HttpServer(settings.http_listen) if settings.http_listen else None
        self.site: LiveSite | None = None  # the public site, served with the HTTP server
        if self.http is not None:
            self.http.mount(health_routes(self.not_ready, self.metrics))
            self.site = LiveSite(lambda: holder.current, clock.now, settings.site_url)
            self.http.mount(self.site.routes())  # after the health routes: every other path

    # -- callbacks ---------------------------------------------------------------------------
    async def _role_changed(self, leading: bool) -> None:
        """The runner took or lost the leader lock: connect or drop the leader's adapters."""
        if leading:
            await asyncio.gather(*(s.start() for s in self._leader_only))
            return
        for supervised in self._leader_only:
            log.info("%s: disconnecting, another instance leads", supervised.platform)
            await supervised.stop()

    async def _removed(self, platform: str, chat: str) -> None:
        if await self.store.unsubscribe(platform, chat, reason="the bot was removed"):
            log.info("%s chat %s removed the bot: subscription stopped", platform, chat)

    async def _reloaded(self, content: ContentSet) -> None:
        self.metrics.reloaded(ok=True)
        self.runner.reschedule(content)
        await self.service.warm()
        await keep_last_good(self.holder, self.store)
        if self.site is not None:
            self.site.rebuild()

    def _reload_failed(self, _problems: list[Problem]) -> None:
        self.metrics.reloaded(ok=False)

    def _next_run(self) -> datetime | None:
        runs = self.runner.next_runs(1)
        return runs[0].occurrence.due_utc if runs else None

    # -- readiness ---------------------------------------------------------------------------
    async def not_ready(self) -> list[str]:
        """Why the bot cannot do its work now; [] when it can (`/readyz`)."""
        reasons = [
            f"{s.platform}: {'not connected' if s.state is State.UP else s.state.value}"
            for s in self.supervised
            if not s.connected and (s not in self._leader_only or self.runner.leading.is_set())
        ]
        if not self.holder.current.cards:
            reasons.append("content: no cards loaded")
        try:
            async with asyncio.timeout(STORE_CHECK_TIMEOUT):
                await self.store.subscriber_counts()
        except Exception as exc:  # any failure means the store cannot be used now
            reasons.append(f"store: unreachable ({type(exc).__name__})")
        return reasons

    # -- life cycle --------------------------------------------------------------------------
    async def start(self) -> None:
        """Start every adapter side by side (one platform's trouble delays no other; it is
        retried in the background), then the scheduler, then the HTTP server. An adapter
        only the leader may hold starts with the runner, once this instance leads."""
        # Also here, not only in `run`: a program embedding the App configures its own logging.
        self._redactor = redaction.install(redaction.settings_secrets(self.settings))
        await self.service.warm()
        await keep_last_good(self.holder, self.store)
        await asyncio.gather(*(s.start() for s in self.supervised if s not in self._leader_only))
        await self.runner.start()
        self.metrics.settled_in_doubt(self.runner.in_doubt_at_start.get(UNKNOWN, 0))
        if self.site is not None:
            await self.site.start()
        if self.http is not None:
            await self.http.start()
        if self.holder.serving_stored:
            await self._tell_admins()

    async def _tell_admins(self) -> None:
        """Once per start: the files are broken and the stored set is served."""
        senders = {a.platform: a.sender for a in self.adapters}
        for platform, user_id, message in admin_notices(
            self.settings.admins, self.holder.last_problems
        ):
            sender = senders.get(platform)
            if sender is None:
                continue
            try:
                await sender.send(user_id, (message,), delivery_key=f"stored-set-{user_id}")
            except Exception:  # an unreachable platform must not stop the start
                log.warning("could not tell %s:%s about the stored set", platform, user_id)

    async def stop(self) -> None:
        if self.http is not None:
            await self.http.stop()
        if self.site is not None:
            await self.site.close()
        await self.runner.stop()
        for supervised in reversed(self.supervised):
            try:
                await supervised.stop()
            except Exception:  # one adapter's failed disconnect must not keep the store open
                log.warning("%s: error while stopping", supervised.platform, exc_info=True)
        await self.store.close()
        if self._redactor is not None:
            redaction.remove(self._redactor)
            self._redactor = None

    async def run_until(
        self, stop: asyncio.Event, *, then: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Serve until `stop` is set (or `then`, run once started, returns); reload files
        when they change or on SIGHUP."""
        loop = asyncio.get_running_loop()
        self.reloader.install_sighup(loop)
        watcher = asyncio.create_task(self.reloader.watch(stop))
        try:
            await self.start()
            await _until(stop, then)
        finally:
            self.reloader.remove_sighup(loop)
            await self.stop()
            stop.set()
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await self.reloader.close()  # a reload that never ends must not hold the stop


async def _until(stop: asyncio.Event, work: Callable[[], Awaitable[None]] | None) -> None:
    if work is None:
        await stop.wait()
        return
    job = asyncio.ensure_future(work())
    waiter = asyncio.ensure_future(stop.wait())
    await asyncio.wait({job, waiter}, return_when=asyncio.FIRST_COMPLETED)
    for task in (job, waiter):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def serve(settings: Settings, holder: ContentHolder, clock: Clock, *, console: bool) -> int:
    """`advocacy-bot run`: serve until SIGTERM or SIGINT (or, on the console, until end
    of input once the posts already due are out), then stop cleanly."""
    store = await open_store(settings.db_url, clock=clock)
    terminal: ConsoleAdapter | None = None
    extra: dict[str, Sender] = {}
    if console:
        terminal = ConsoleAdapter(sys.stdin, sys.stdout, cards=lambda: len(holder.current.cards))
        adapters: list[Adapter] = [terminal]
    else:
        adapters = platform_adapters(settings)
        extra["console"] = ConsoleSender(sys.stdout)
    app = App(settings, holder, clock, store, adapters, extra_senders=extra)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    async def converse() -> None:
        assert terminal is not None  # noqa: S101 - only passed on the console
        await app.runner.tick()  # posts already due go out before the first command
        await terminal.serve(app.api)

    try:
        await app.run_until(stop, then=converse if terminal is not None else None)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
    log.info("stopped")
    return 0
