"""Reloading fact and schedule files when they change on disk and on SIGHUP.

A reload goes through the ContentHolder, which swaps in a new set only when every file is
valid, so a half-edited file never takes a post away. When a reload fails, admins learn
why from the log (each problem as `file:line:column: message`) and from /status.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.problems import Problem

log = logging.getLogger(__name__)

OnReload = Callable[[ContentSet], Awaitable[None]]
OnFailed = Callable[[list[Problem]], None]


def _yaml_only(_change: object, path: str) -> bool:
    return Path(path).suffix in (".yaml", ".yml")


class Reloader:
    def __init__(
        self,
        holder: ContentHolder,
        on_reload: OnReload | None = None,
        *,
        on_failed: OnFailed | None = None,
        debounce_ms: int = 500,
    ) -> None:
        self._holder = holder
        self._on_reload = on_reload
        self._on_failed = on_failed
        self._debounce_ms = debounce_ms
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[list[Problem]]] = set()

    async def reload(self, reason: str) -> list[Problem]:
        """Load the folders (off the event loop); on success tell `on_reload`."""
        async with self._lock:
            problems = await asyncio.to_thread(self._holder.load)
            if problems:
                log.error(
                    "reload (%s) failed; still serving the last good files:\n%s",
                    reason,
                    "\n".join(str(p) for p in problems),
                )
                if self._on_failed is not None:
                    self._on_failed(problems)
                return problems
            content = self._holder.current
            log.info(
                "reloaded (%s): %d cards, %d posts", reason, len(content.cards), len(content.posts)
            )
            if self._on_reload is not None:
                await self._on_reload(content)
            return []

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload whenever a YAML file in the facts or schedules folder changes."""
        from watchfiles import awatch

        folders = [p for p in (self._holder.facts_dir, self._holder.schedules_dir) if p.is_dir()]
        if not folders:
            return
        async for _changes in awatch(
            *folders, stop_event=stop, watch_filter=_yaml_only, debounce=self._debounce_ms
        ):
            await self.reload("files changed")

    def install_sighup(self, loop: asyncio.AbstractEventLoop) -> None:
        """`kill -HUP <pid>` reloads (POSIX only)."""
        loop.add_signal_handler(signal.SIGHUP, self._on_sighup)

    def remove_sighup(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.remove_signal_handler(signal.SIGHUP)

    def _on_sighup(self) -> None:
        task = asyncio.get_running_loop().create_task(self.reload("SIGHUP"))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
