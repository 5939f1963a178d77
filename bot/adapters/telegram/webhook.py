"""Webhook mode: a small aiohttp server that checks Telegram's secret on every request.

Why not PTB's `updater.start_webhook`: it needs tornado (the `webhooks` extra), a second
web stack, while aiohttp is already installed with discord.py. The server does exactly what
PTB's does: check the `X-Telegram-Bot-Api-Secret-Token` header in constant time, parse the
update, put it on the application's update queue and answer 200 at once (Telegram resends
on anything else). Several instances behind a load balancer can each run one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


def derive_secret(token: str) -> str:
    """A secret every instance computes alike when TELEGRAM_WEBHOOK_SECRET is not set.

    Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -: hex fits. It is derived from
    the bot token, which is already the one secret the operator guards.
    """
    return hmac.new(token.encode(), b"advocacy-bot telegram webhook", hashlib.sha256).hexdigest()


def parse_listen(listen: str) -> tuple[str, int]:
    """'0.0.0.0:8443', '[::]:8443' or ':8443' into (host, port)."""
    host, _, port = listen.rpartition(":")
    if not port.isdigit():
        raise ValueError(f"TELEGRAM_WEBHOOK_LISTEN must be host:port, not {listen!r}")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - a webhook listens publicly


class WebhookServer:
    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], *, path: str, secret: str, listen: str
    ) -> None:
        self._app = app
        self._path = path or "/"
        self._secret = secret.encode()
        self._host, self._port = parse_listen(listen)
        self._runner: web.AppRunner | None = None
        self.rejected = 0  # requests refused for a wrong or missing secret

    @property
    def port(self) -> int:
        """The bound port (useful when listening on port 0)."""
        return self._port

    async def start(self) -> None:
        server = web.Application(client_max_size=1 << 20)
        server.router.add_post(self._path, self._handle)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        sockets = site._server.sockets if site._server is not None else ()  # type: ignore[attr-defined]
        if sockets:
            self._port = sockets[0].getsockname()[1]
        log.info("telegram webhook listening on %s:%s%s", self._host, self._port, self._path)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self.rejected += 1
            log.warning("telegram webhook: refused a request with a wrong secret token")
            return web.Response(status=403)
        try:
            data = await request.json()
            update = Update.de_json(data, self._app.bot)
        except (json.JSONDecodeError, AttributeError, TypeError, KeyError, ValueError) as exc:
            log.warning("telegram webhook: unreadable update: %s", exc)
            return web.Response(status=400)
        await self._app.update_queue.put(update)
        return web.Response(status=200)
