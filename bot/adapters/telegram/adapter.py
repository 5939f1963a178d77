"""The Telegram adapter: python-telegram-bot wired to the bot, started and stopped by us.

Why not `run_polling()`: it owns the event loop and blocks, while the bot runs Telegram,
Discord and the scheduler side by side. `start` follows PTB's own sequence (initialize,
start, updater.start_polling) and `stop` reverses it, so tests call exactly the code that
runs in production (docs/architecture.md §5). PTB's JobQueue is off: the bot has its own scheduler.

Everything PTB sends passes one `TelegramRateLimiter`; the Bot API base URL comes from
settings (`TELEGRAM_API_URL`), the same seam in tests (a fake server) and production.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import redaction
from bot.adapters.base import PlatformUnreachable, TokenRejected
from bot.adapters.telegram.admins import ChatAdmins
from bot.adapters.telegram.handlers import Handlers
from bot.adapters.telegram.inline import InlineSearch
from bot.adapters.telegram.keyboard import Keyboards
from bot.adapters.telegram.ratelimit import RateLimits, TelegramRateLimiter
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.webhook import WebhookServer, derive_secret
from bot.core.commands.registry import COMMANDS
from bot.core.i18n import DEFAULT_LANGUAGE, bundled
from bot.service.api import BotApi
from bot.settings import Settings

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "channel_post", "inline_query", "callback_query", "my_chat_member"]


@dataclass(frozen=True, slots=True)
class Timeouts:
    """HTTP timeouts in seconds; tests shorten them, production keeps these."""

    connect: float = 5.0
    read: float = 10.0
    write: float = 10.0
    pool: float = 5.0
    poll: float = 10.0  # long-poll `timeout` sent with getUpdates


class TelegramTokenRejected(InvalidToken, TokenRejected):
    """Telegram answered 401 or 404 to getMe: the token (or TELEGRAM_API_URL) is wrong."""


class _UpdatesRequest(HTTPXRequest):
    """The getUpdates connection, noting whether the last long poll got an answer: the
    one signal python-telegram-bot gives of being connected (PTB retries polling errors
    itself, logging them; the error callback below notes them as a lost connection)."""

    def __init__(self, on_answer: Callable[[bool], None], timeouts: Timeouts) -> None:
        super().__init__(
            connection_pool_size=1,
            connect_timeout=timeouts.connect,
            read_timeout=timeouts.read,
            write_timeout=timeouts.write,
            pool_timeout=timeouts.pool,
        )
        self._on_answer = on_answer

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        try:
            status, body = await super().do_request(*args, **kwargs)
        except Exception:
            self._on_answer(False)
            raise
        self._on_answer(status < 500)
        return status, body


def menus(language: str | None = None) -> tuple[list[BotCommand], list[BotCommand]]:
    """(everyone's menu, the bot admins' menu) in `language`, from the one command table."""
    admins = [BotCommand(c.name, c.description_in(language)) for c in COMMANDS]
    everyone = [b for b, c in zip(admins, COMMANDS, strict=True) if not c.admin_only]
    return everyone, admins


def menu_languages() -> tuple[str | None, ...]:
    """None (the default menu, in English) first, then each other language by its code.

    Telegram shows a user the menu whose `language_code` matches their app's language and
    the default one otherwise, so a language the bot does not speak still gets English.
    """
    return (None, *(c for c in bundled().languages if c != DEFAULT_LANGUAGE))


def file_url(api_url: str) -> str | None:
    """Downloads live beside the API: ".../bot" -> ".../file/bot" (also for a local server)."""
    return api_url[: -len("bot")] + "file/bot" if api_url.endswith("/bot") else None


class TelegramAdapter:
    """Implements `bot.adapters.base.Adapter` for Telegram."""

    def __init__(
        self,
        settings: Settings,
        *,
        limits: RateLimits | None = None,
        timeouts: Timeouts | None = None,
        concurrent_updates: int = 64,
        bootstrap_retries: int = 5,
        admin_cache_seconds: float = 300.0,
    ) -> None:
        if not settings.telegram_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self._settings = settings
        self._timeouts = timeouts or Timeouts()
        self._bootstrap_retries = bootstrap_retries
        self._webhook_secret = settings.telegram_webhook_secret or derive_secret(
            settings.telegram_token
        )
        # Before the bot is built: python-telegram-bot logs its URL, token included, and at
        # DEBUG each call's parameters, the webhook secret included (derived or not).
        self._redactor = redaction.install(
            redaction.telegram_secrets(settings.telegram_token, self._webhook_secret)
        )
        self.limiter = TelegramRateLimiter(limits)
        t = self._timeouts
        builder = (
            ApplicationBuilder()
            .token(settings.telegram_token)
            .base_url(settings.telegram_api_url)
            .job_queue(None)
            .rate_limiter(self.limiter)
            .concurrent_updates(concurrent_updates)
            .connect_timeout(t.connect)
            .read_timeout(t.read)
            .write_timeout(t.write)
            .pool_timeout(t.pool)
            .get_updates_request(_UpdatesRequest(self._polled, t))
        )
        if (files := file_url(settings.telegram_api_url)) is not None:
            builder = builder.base_file_url(files)
        self.app: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self._keyboards = Keyboards()
        self._sender = TelegramSender(
            self.app.bot, self._keyboards, preview_first_source=settings.telegram_link_preview
        )
        self.admins = ChatAdmins(self.app.bot, settings, ttl=admin_cache_seconds)
        self.webhook: WebhookServer | None = None
        self._handlers_added = False
        self._connected = False  # started, and not stopped since
        self._lost = False  # the last getUpdates failed
        self._host = urlsplit(settings.telegram_api_url).netloc

    @property
    def platform(self) -> str:
        return "telegram"

    @property
    def sender(self) -> TelegramSender:
        return self._sender

    @property
    def connected(self) -> bool:
        """The last getUpdates was answered (webhook mode: the webhook is registered)."""
        return self._connected and not self._lost

    def _polled(self, answered: bool) -> None:
        if answered and self._lost:
            log.warning("telegram: connected to %s again", self._host)
        if not answered:
            self._lost_connection("no answer to getUpdates")
        self._lost = not answered

    def _polling_failed(self, exc: TelegramError) -> None:
        """PTB retries polling with backoff; note the lost connection."""
        self._lost_connection(type(exc).__name__)

    def _lost_connection(self, why: str) -> None:
        if not self._lost and self._connected:  # one line per outage, not per attempt
            log.warning("telegram: lost the connection to %s (%s); retrying", self._host, why)
        self._lost = True

    async def start(self, api: BotApi) -> None:
        """Connect (getMe), publish the command menus, then take updates.

        May be called again after it failed (the platform was unreachable): what already
        succeeded is not repeated.
        """
        if not self._handlers_added:
            self._add_handlers(api)
            self._handlers_added = True
        try:
            await self._connect()
        except NetworkError as exc:  # also TimedOut and 5xx: Telegram may come back
            raise PlatformUnreachable(type(exc).__name__) from exc
        log.info("telegram: running as @%s", self.app.bot.username)

    async def _connect(self) -> None:
        app = self.app
        try:
            await app.initialize()
        except InvalidToken:
            # PTB's message quotes the token; a wrong TELEGRAM_API_URL (404) also ends here,
            # with a token that is valid elsewhere. Say what to check, never the token.
            raise TelegramTokenRejected(
                "Telegram refused the bot token (401 or 404): "
                "check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL"
            ) from None
        await self._publish_menus()
        if not app.running:
            await app.start()
        if self._settings.telegram_webhook_url:
            await self._start_webhook(self._settings.telegram_webhook_url)
            self._connected = True
        else:
            if app.updater is None:
                raise RuntimeError("PTB built no updater: cannot long-poll")
            await app.updater.start_polling(
                poll_interval=0,
                timeout=timedelta(seconds=self._timeouts.poll),
                bootstrap_retries=self._bootstrap_retries,
                allowed_updates=ALLOWED_UPDATES,
                error_callback=self._polling_failed,
            )
            self._connected = True

    def _add_handlers(self, api: BotApi) -> None:
        handlers = Handlers(
            api, self._sender, self.admins, self._keyboards, lambda: self.app.bot.username
        )
        inline = InlineSearch(api, self._keyboards)
        app = self.app
        commands = filters.COMMAND & (filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST)
        app.add_handler(MessageHandler(commands, handlers.on_command))
        app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.on_migrate))
        app.add_handler(ChatMemberHandler(handlers.on_my_member, ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_handler(InlineQueryHandler(inline.on_inline_query))
        app.add_handler(CallbackQueryHandler(handlers.on_callback))
        app.add_error_handler(handlers.on_error)

    async def stop(self) -> None:
        """Stop taking updates, finish the ones in hand, close the HTTP clients.

        The webhook stays registered with Telegram: with several instances behind a load
        balancer, one stopping must not cut the others off.
        """
        app = self.app
        self._connected = False
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if self.webhook is not None:
            await self.webhook.stop()
            self.webhook = None
        if app.running:
            await app.stop()
        await app.shutdown()
        # After a start that failed in getMe (a refused token, Telegram unreachable) the
        # application is not initialized, so its shutdown skips the bot, whose HTTP clients
        # are open; the bot's own shutdown is a no-op when they are already closed.
        await app.bot.shutdown()
        redaction.remove(self._redactor)

    async def _start_webhook(self, url: str) -> None:
        secret = self._webhook_secret
        if self.webhook is None:  # a retry after set_webhook failed keeps the server
            self.webhook = WebhookServer(
                self.app,
                path=urlsplit(url).path,
                secret=secret,
                listen=self._settings.telegram_webhook_listen,
            )
            await self.webhook.start()
        await self.app.bot.set_webhook(
            url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
        )

    async def _publish_menus(self) -> None:
        """setMyCommands per language: user commands for all, all commands in each bot
        admin's chat (a chat's menu hides the default one, so it too gets every language).

        A bot can only scope a menu to a chat it can see, so an admin who never opened a
        private chat with the bot gets a warning in the log, not a failed start.
        """
        bot = self.app.bot
        languages = menu_languages()
        for language in languages:
            everyone, _ = menus(language)
            try:
                await bot.set_my_commands(
                    everyone, scope=BotCommandScopeDefault(), language_code=language
                )
            except TelegramError as exc:
                log.warning(
                    "telegram: could not set the %s command menu: %s", language or "default", exc
                )
        for user_id in self.admins.admin_user_ids():
            try:
                for language in languages:
                    _, admins = menus(language)
                    await bot.set_my_commands(
                        admins, scope=BotCommandScopeChat(user_id), language_code=language
                    )
            except TelegramError as exc:
                log.warning(
                    "telegram: no admin menu for %s (has this admin started the bot?): %s",
                    user_id,
                    exc,
                )
