"""The Telegram adapter: python-telegram-bot wired to the bot, started and stopped by us.

Why not `run_polling()`: it owns the event loop and blocks, while the bot runs Telegram,
Discord and the scheduler side by side. `start` follows PTB's own sequence (initialize,
start, updater.start_polling) and `stop` reverses it, so tests call exactly the code that
runs in production (TESTING.md §1.3). PTB's JobQueue is off: the bot has its own scheduler.

Everything PTB sends passes one `TelegramRateLimiter`; the Bot API base URL comes from
settings (`TELEGRAM_API_URL`), the same seam in tests (a fake server) and production.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.adapters.telegram import redact
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
        # Before the bot is built: python-telegram-bot logs its URL, token included.
        self._redact = redact.install(settings.telegram_token)
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
            .get_updates_connect_timeout(t.connect)
            .get_updates_read_timeout(t.read)
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

    @property
    def platform(self) -> str:
        return "telegram"

    @property
    def sender(self) -> TelegramSender:
        return self._sender

    async def start(self, api: BotApi) -> None:
        """Connect (getMe), publish the command menus, then take updates."""
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
        try:
            await app.initialize()
        except InvalidToken:
            # PTB's message quotes the token; a wrong TELEGRAM_API_URL (404) also ends here,
            # with a token that is valid elsewhere. Say what to check, never the token.
            raise InvalidToken(
                "Telegram refused the bot token (401 or 404): "
                "check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL"
            ) from None
        await self._publish_menus()
        await app.start()
        if self._settings.telegram_webhook_url:
            await self._start_webhook(self._settings.telegram_webhook_url)
        else:
            if app.updater is None:
                raise RuntimeError("PTB built no updater: cannot long-poll")
            await app.updater.start_polling(
                poll_interval=0,
                timeout=timedelta(seconds=self._timeouts.poll),
                bootstrap_retries=self._bootstrap_retries,
                allowed_updates=ALLOWED_UPDATES,
            )
        log.info("telegram: running as @%s", app.bot.username)

    async def stop(self) -> None:
        """Stop taking updates, finish the ones in hand, close the HTTP clients.

        The webhook stays registered with Telegram: with several instances behind a load
        balancer, one stopping must not cut the others off.
        """
        app = self.app
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
        redact.remove(self._redact)

    async def _start_webhook(self, url: str) -> None:
        token = self._settings.telegram_token or ""
        secret = self._settings.telegram_webhook_secret or derive_secret(token)
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
