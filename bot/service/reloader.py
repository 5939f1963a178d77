"""Reloading fact and schedule files when they change on disk and on SIGHUP.

A reload goes through the ContentHolder, which swaps in a new set only when every file is
valid, so a half-edited file never takes a post away. When a reload fails, admins learn
why from the log (each problem as `file:line:column: message`) and from /status.

Nothing a file contains may end the watching: a value the loader did not foresee (an
overflow, a bomb of YAML aliases) used to raise out of the watcher, which then never saw
another change, left /reload unanswered and made SIGTERM exit 1. So a reload never raises
(an unexpected error is logged and answered like a problem), the watcher restarts itself
after any error, and a load that does not end keeps no one waiting: it runs in a daemon
thread, each caller waits for it at most `deadline` seconds, and stopping the bot never
waits for it at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.problems import Problem

log = logging.getLogger(__name__)

OnReload = Callable[[ContentSet], Awaitable[None]]
OnFailed = Callable[[list[Problem]], None]
T = TypeVar("T")

RELOAD_DEADLINE_S = 60.0  # how long /reload waits for a load before answering anyway
WATCH_RETRY_S = 5.0  # after the watcher itself failed (a folder gone, inotify limits)


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
        deadline: float = RELOAD_DEADLINE_S,
        retry_s: float = WATCH_RETRY_S,
    ) -> None:
        self._holder = holder
        self._on_reload = on_reload
        self._on_failed = on_failed
        self._debounce_ms = debounce_ms
        self._deadline = deadline
        self._retry_s = retry_s
        self._load: asyncio.Task[list[Problem]] | None = None  # the one load in progress
        self._tasks: set[asyncio.Task[list[Problem]]] = set()

    async def reload(self, reason: str) -> list[Problem]:
        """Load the folders (off the event loop); on success tell `on_reload`, on failure
        `on_failed`.

        Never raises. Loads run one at a time; a reload asked for during one waits for it,
        then loads again (the files may have changed since it began reading them).
        """
        problems = await self._reload(reason)
        if problems and self._on_failed is not None:
            self._on_failed(problems)
        return problems

    async def _reload(self, reason: str) -> list[Problem]:
        try:
            async with asyncio.timeout(self._deadline):
                while self._load is not None and not self._load.done():
                    await _outcome(self._load)
                self._load = asyncio.create_task(self._load_now(reason))
                return await _outcome(self._load)
        except _Closed:
            return [self._problem("the bot is stopping: nothing was reloaded")]
        except TimeoutError:
            log.error(
                "reload (%s): the files have been loading for over %g s; still serving the "
                "last good files",
                reason,
                self._deadline,
            )
            return [self._problem(f"the files are still loading after {self._deadline:g} s")]

    async def _load_now(self, reason: str) -> list[Problem]:
        try:
            problems = await _in_daemon_thread(self._holder.load)
        except Exception as exc:
            log.exception("reload (%s) failed; still serving the last good files", reason)
            return [self._problem(f"the files could not be loaded: {_one_line(exc)}")]
        if problems:
            log.error(
                "reload (%s) failed; still serving the last good files:\n%s",
                reason,
                "\n".join(str(p) for p in problems),
            )
            return problems
        content = self._holder.current
        log.info(
            "reloaded (%s): %d cards, %d posts", reason, len(content.cards), len(content.posts)
        )
        if self._on_reload is not None:
            try:
                await self._on_reload(content)
            except Exception as exc:
                log.exception("reload (%s): the new files are loaded, applying them failed", reason)
                return [
                    self._problem(f"the files loaded, but applying them failed: {_one_line(exc)}")
                ]
        return []

    def _problem(self, message: str) -> Problem:
        return Problem(str(self._holder.facts_dir), 1, 1, message)

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload whenever a YAML file in the facts or schedules folder changes, until `stop`.

        Returns only when `stop` is set. A failure of the watcher itself is logged and
        watching starts again after `retry_s`. A folder replaced whole (`mv new facts`) or
        created after the start is noticed within `retry_s` too: the watch on the old
        folder would otherwise never see another change.
        """
        from watchfiles import awatch

        previous: tuple[tuple[Path, int], ...] | None = None
        owed = False  # folders changed: reload once the new watch is up (no change missed)
        while not stop.is_set():
            watched = self._folders()
            owed = owed or (previous is not None and watched != previous)
            previous = watched
            try:
                if watched:
                    async for changes in awatch(
                        *(path for path, _ in watched),
                        stop_event=stop,
                        watch_filter=_yaml_only,
                        debounce=self._debounce_ms,
                        rust_timeout=round(self._retry_s * 1000),
                        yield_on_timeout=True,
                    ):
                        if self._folders() != watched:
                            break
                        if changes or owed:
                            owed = False
                            await self.reload("files changed")
                    continue
            except Exception:
                log.exception("watching the files failed; watching again in %g s", self._retry_s)
            # After a failure, or while no folder is there to watch.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._retry_s):
                    await stop.wait()

    def _folders(self) -> tuple[tuple[Path, int], ...]:
        """The folders there are to watch, with their inodes (a replaced folder is new)."""
        found = []
        for path in (self._holder.facts_dir, self._holder.schedules_dir):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    found.append((path, path.stat().st_ino))
        return tuple(found)

    async def close(self) -> None:
        """Stop waiting for loads in progress; a load thread that never ends is left behind
        (it is a daemon thread: it cannot hold up the process's exit)."""
        pending = [t for t in (self._load, *self._tasks) if t is not None and not t.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def install_sighup(self, loop: asyncio.AbstractEventLoop) -> None:
        """`kill -HUP <pid>` reloads (POSIX only)."""
        loop.add_signal_handler(signal.SIGHUP, self._on_sighup)

    def remove_sighup(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.remove_signal_handler(signal.SIGHUP)

    def _on_sighup(self) -> None:
        task = asyncio.get_running_loop().create_task(self.reload("SIGHUP"))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


class _Closed(Exception):
    """The load a caller waited for was cancelled by `Reloader.close`."""


async def _outcome(load: asyncio.Task[list[Problem]]) -> list[Problem]:
    """The load's result; a caller that gives up waiting does not cancel the load itself."""
    try:
        return await asyncio.shield(load)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        if load.cancelled() and me is not None and not me.cancelling():
            raise _Closed from None  # the load was stopped, not this caller: answer it
        raise


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _in_daemon_thread(work: Callable[[], T]) -> asyncio.Future[T]:
    """`work()` in a daemon thread of its own: unlike asyncio.to_thread's pool, whose threads
    asyncio.run and the interpreter join at exit, a load that never ends cannot block a stop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # the waiter was cancelled
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = work(), None
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting coroutine
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop closed while this ran
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="reload-files", daemon=True).start()
    return future
