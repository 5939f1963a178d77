"""Hostile files appearing under a running bot: the file watcher reloads, each file gets
its message, nothing hangs, and the last good set stays served."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.service.reloader import Reloader
from tests.content import write_content

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


class _Failed(logging.Handler):
    """Sets `event` when the reloader logs a failed reload (it logs on the loop's thread)."""

    def __init__(self, event: asyncio.Event) -> None:
        super().__init__(logging.ERROR)
        self.event = event
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "failed; still serving the last good files" in message:
            self.messages.append(message)
            self.event.set()


async def test_the_watcher_reports_a_fifo_and_an_alias_bomb_and_keeps_serving(
    tmp_path: Path,
) -> None:
    facts, schedules = write_content(tmp_path)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    good = holder.current
    seen: list[ContentSet] = []

    async def on_reload(content: ContentSet) -> None:
        seen.append(content)

    reloader = Reloader(holder, on_reload, debounce_ms=50)
    failed = asyncio.Event()
    handler = _Failed(failed)
    logger = logging.getLogger("bot.service.reloader")
    logger.addHandler(handler)
    stop = asyncio.Event()
    watching = asyncio.create_task(reloader.watch(stop))
    try:
        os.mkfifo(facts / "pipe.yaml")
        (facts / "laughs.yaml").write_text(LAUGHS + "cards: *i\n", encoding="utf-8")
        # The watcher gives no "ready" signal: touch the bomb until a reload reports both.
        async with asyncio.timeout(20):
            while not any("laughs.yaml" in m and "pipe.yaml" in m for m in handler.messages):
                failed.clear()
                (facts / "laughs.yaml").write_text(LAUGHS + "cards: *i\n", encoding="utf-8")
                try:
                    await asyncio.wait_for(failed.wait(), 1)
                except TimeoutError:
                    continue
    finally:
        stop.set()
        await asyncio.wait_for(watching, 10)
        logger.removeHandler(handler)
    assert [str(p) for p in holder.last_problems] == [
        f"{facts}/laughs.yaml:6:4: YAML error: aliases expand this value to more than "
        "100,000 values: write the repeated parts out instead of repeating them with *aliases",
        f"{facts}/pipe.yaml:1:1: not a regular file (a FIFO): only regular files are read",
    ]
    assert holder.current is good and seen == []
