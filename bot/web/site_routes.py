"""The public site served from memory by the running bot, with ETag and Last-Modified.

The same bytes `advocacy-bot site` writes, rebuilt after every reload and when the day
changes. Calendar apps and feed readers poll `calendar.ics` and `feed.atom` every few
minutes, so every answer carries a strong ETag and a per-file Last-Modified, and an
unchanged file costs a 304. Building thousands of cards takes seconds of CPU: it runs in
a thread while the previous build is still served. Only exact paths of the build are
answered, so no request can reach anything but the site's own files.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

from aiohttp import web

from bot.core.content import ContentSet
from bot.site import Site, SiteOptions, build_site

log = logging.getLogger(__name__)

CACHE_CONTROL = "public, max-age=300"  # a calendar polled every few minutes, revalidated


class LiveSite:
    """The current build of the site, when each of its files last changed, and its routes."""

    def __init__(
        self,
        content: Callable[[], ContentSet],
        now: Callable[[], datetime],
        base_url: str | None = None,
    ) -> None:
        self._content = content
        self._now = now
        self._base_url = base_url
        self.site: Site | None = None
        self.day: date | None = None  # the day the current build is as of
        self._modified: dict[str, datetime] = {}
        self._wanted = False
        self._worker: asyncio.Task[None] | None = None

    def _today(self, content: ContentSet) -> date:
        return self._now().astimezone(content.zone).date()

    async def start(self) -> None:
        """The first build, before the server listens. A failure leaves the bot running
        (posting matters more than the site): the site answers 503 until a build succeeds."""
        try:
            await self.build()
        except Exception:
            log.exception("site: build failed; the site answers 503 until the next reload")

    async def build(self) -> None:
        """Build from the current content as of today, in a thread, then serve it."""
        content = self._content()
        day = self._today(content)
        site = await asyncio.to_thread(build_site, content, SiteOptions(day, self._base_url))
        self._publish(site, day)

    def _publish(self, site: Site, day: date) -> None:
        # A file whose bytes did not change keeps its time: If-Modified-Since stays cheap.
        now = self._now().astimezone(UTC).replace(microsecond=0)
        old = self.site.files if self.site is not None else {}
        self._modified = {
            path: self._modified[path] if old.get(path) == body else now
            for path, body in site.files.items()
        }
        self.site, self.day = site, day
        log.info("site: %d files as of %s", len(site.files), day.isoformat())

    def rebuild(self) -> None:
        """Build again in the background; requests get the previous build meanwhile.
        Reloads arriving during a build collapse into one more build of the newest files."""
        self._wanted = True
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._work())

    async def _work(self) -> None:
        while self._wanted:
            self._wanted = False
            try:
                await self.build()
            except Exception:  # the previous build stays served; the next reload retries
                log.exception("site: rebuild failed; the previous build is still served")

    async def settled(self) -> None:
        """Until no rebuild is running or wanted: what tests and a graceful caller wait on."""
        while self._worker is not None and not self._worker.done():
            await asyncio.shield(self._worker)

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None

    def routes(self) -> list[web.RouteDef]:
        """One GET route for every path: mount it after routes it must not shadow."""
        return [web.get("/{path:.*}", self._serve)]

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        site = self.site
        if site is None:
            raise web.HTTPServiceUnavailable(text="the site is being built\n")
        if self.day != self._today(self._content()):
            self.rebuild()  # a new day: today's build follows; this one is served meanwhile
        path = request.match_info["path"] or "index.html"
        body = site.files.get(path)
        if body is None:
            raise web.HTTPNotFound(text="not found\n")
        tag, modified = site.etag(path), self._modified[path]
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
        if _not_modified(request, tag, modified):
            response = web.Response(status=304, headers=headers)
        else:
            response = web.Response(body=body, headers=headers)
            response.headers["Content-Type"] = site.media_type(path)
        response.last_modified = modified
        return response


def _not_modified(request: web.Request, tag: str, modified: datetime) -> bool:
    """RFC 9110 13.1: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if request.headers.get("If-None-Match") is not None:
        wanted = request.if_none_match or ()
        return any(t.value == "*" or f'"{t.value}"' == tag for t in wanted)
    since = request.if_modified_since
    return since is not None and modified <= since
