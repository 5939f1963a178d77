"""The one HTTP server of a bot process, on `ADVOCACY_HTTP` (`host:port`).

Routes are mounted by whoever owns them (`mount`) before `start`: health and metrics now,
the public site served from memory later, each a list of aiohttp route definitions or a
sub-application under a prefix. Nothing here knows what a route does.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.settings import parse_listen

log = logging.getLogger(__name__)


class HttpServer:
    def __init__(self, listen: str) -> None:
        self.host, self.port = parse_listen(listen)
        self.app = web.Application()
        self._runner: web.AppRunner | None = None

    def mount(self, routes: list[web.RouteDef]) -> None:
        self.app.add_routes(routes)

    def mount_app(self, prefix: str, app: web.Application) -> None:
        self.app.add_subapp(prefix, app)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise OSError(
                f"ADVOCACY_HTTP: cannot listen on {self.host}:{self.port}: {exc.strerror}"
            ) from None
        self._runner = runner
        server = site._server
        if self.port == 0 and server is not None:  # port 0: the system chose one (tests)
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        log.info("HTTP: /healthz, /readyz and /metrics on %s", self.url)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
