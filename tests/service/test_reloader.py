"""No file, however bad, ends the file watcher, leaves /reload unanswered or holds a stop.

The bug: `catch_up: 99999999999999999999d` (an overflow the loader did not foresee) raised
out of the watcher task, which died without a log line; no later change was picked up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.core.clock import FakeClock
from bot.core.commands.context import ChatContext
from bot.core.content import ContentSet
from bot.core.loading import ContentHolder
from bot.core.problems import Problem
from bot.service.reloader import Reloader
from bot.settings import Settings
from bot.store.sql import open_store
from tests.app.conftest import Records
from tests.content import NOW, ONE_CARD, TWO_CARDS, schedule, write_content

OVERFLOW = schedule(catch_up="99999999999999999999d")


@pytest.fixture
def log() -> Iterator[Records]:
    handler = Records()
    logger = logging.getLogger("bot.service.reloader")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class ExplodingHolder(ContentHolder):
    """A load that raises what no loader foresaw (our class, not a library's)."""

    def load(self) -> list[Problem]:
        raise RecursionError("maximum recursion depth exceeded while expanding aliases")


class EndlessHolder(ContentHolder):
    """A load that does not end until the test lets it (a YAML bomb, a hung disk)."""

    def __init__(self, facts: Path, schedules: Path) -> None:
        super().__init__(facts, schedules)
        self.release = threading.Event()
        self.started = threading.Event()

    def load(self) -> list[Problem]:
        self.started.set()
        self.release.wait()
        return super().load()


async def test_a_bad_value_in_a_file_is_a_reply_not_an_exception(tmp_path: Path) -> None:
    facts, schedules = write_content(tmp_path, ONE_CARD)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    good = holder.current
    write_content(tmp_path, ONE_CARD, OVERFLOW)
    problems = await Reloader(holder).reload("/reload")
    assert problems
    assert "is far too long" in str(problems[0])
    assert holder.current is good


async def test_an_unexpected_error_is_logged_and_answered(tmp_path: Path, log: Records) -> None:
    holder = ExplodingHolder(*write_content(tmp_path, ONE_CARD))
    (problem,) = await Reloader(holder).reload("/reload")
    assert problem.message == (
        "the files could not be loaded: RecursionError: maximum recursion depth exceeded "
        "while expanding aliases"
    )
    (record,) = log.records
    assert record.getMessage() == "reload (/reload) failed; still serving the last good files"
    assert record.exc_info is not None


async def test_a_failing_on_reload_is_answered(tmp_path: Path, log: Records) -> None:
    holder = ContentHolder(*write_content(tmp_path, ONE_CARD))

    async def reschedule(_content: ContentSet) -> None:
        raise OverflowError("date value out of range")

    (problem,) = await Reloader(holder, reschedule).reload("SIGHUP")
    assert problem.message == (
        "the files loaded, but applying them failed: OverflowError: date value out of range"
    )


@pytest.fixture
async def watching(tmp_path: Path) -> AsyncIterator[tuple[ContentHolder, asyncio.Event]]:
    facts, schedules = write_content(tmp_path, ONE_CARD)
    holder = ContentHolder(facts, schedules)
    assert holder.load() == []
    stop = asyncio.Event()
    reloader = Reloader(holder, debounce_ms=50, retry_s=0.2)
    watcher = asyncio.create_task(reloader.watch(stop))
    try:
        yield holder, stop
    finally:
        stop.set()
        async with asyncio.timeout(10):
            await watcher  # returns (never raises) once stop is set
        await reloader.close()


async def test_the_watcher_survives_a_bad_file_and_picks_up_the_fix(
    tmp_path: Path, watching: tuple[ContentHolder, asyncio.Event], log: Records
) -> None:
    holder, _stop = watching
    # Written until the watcher sees it: inotify is set up inside the task, after it starts.
    async with asyncio.timeout(10):
        while not any("reload (files changed) failed" in r.getMessage() for r in log.records):
            write_content(tmp_path, ONE_CARD, OVERFLOW)
            with contextlib.suppress(TimeoutError):
                await log.wait_for("reload (files changed) failed", deadline=0.5)
    assert len(holder.current.cards) == 1

    write_content(tmp_path, TWO_CARDS)  # fixed, and a card more
    await log.wait_for("reloaded (files changed): 2 cards")
    assert len(holder.current.cards) == 2


async def test_a_folder_replaced_whole_is_watched_again(
    tmp_path: Path, watching: tuple[ContentHolder, asyncio.Event], log: Records
) -> None:
    """`mv new facts`: the watch on the old folder would never see another change."""
    holder, _stop = watching
    facts = holder.facts_dir
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    write_content(fresh, TWO_CARDS)
    facts.rename(tmp_path / "facts.old")
    (fresh / "facts").rename(facts)
    await log.wait_for("reloaded (files changed): 2 cards")
    assert len(holder.current.cards) == 2

    (facts / "ales-bialiatski.yaml").write_text(ONE_CARD, encoding="utf-8")
    await log.wait_for("reloaded (files changed): 1 cards")
    assert len(holder.current.cards) == 1


async def test_a_load_that_never_ends_answers_reload_and_lets_the_bot_stop(
    tmp_path: Path, log: Records
) -> None:
    holder = EndlessHolder(*write_content(tmp_path, ONE_CARD))
    reloader = Reloader(holder, deadline=0.2)
    try:
        (first,) = await reloader.reload("/reload")
        assert holder.started.is_set()
        assert first.message == "the files are still loading after 0.2 s"
        (second,) = await reloader.reload("/reload")  # waits for the first, then answers
        assert second == first
        await reloader.close()  # returns although the load has not ended
        assert not holder.release.is_set()
    finally:
        holder.release.set()
    assert [r.getMessage() for r in log.records] == [
        "reload (/reload): the files have been loading for over 0.2 s; still serving the "
        "last good files"
    ] * 2


async def test_the_app_stops_while_a_reload_never_ends(tmp_path: Path) -> None:
    """SIGTERM during an endless reload: run_until returns, the load is left behind."""
    facts, schedules = write_content(tmp_path, ONE_CARD)
    holder = EndlessHolder(facts, schedules)
    holder.release.set()
    assert holder.load() == []  # the start-up load ends
    holder.release.clear()
    clock = FakeClock(NOW)
    store = await open_store(f"sqlite:///{tmp_path / 'advocacy.db'}", clock=clock)
    app = App(Settings(facts_dir=facts, schedules_dir=schedules), holder, clock, store, [])
    stop = asyncio.Event()
    serving = asyncio.create_task(app.run_until(stop))
    admin = ChatContext("console", "console", is_bot_admin=True)
    reload = asyncio.create_task(app.service.handle("reload", "", admin))
    try:
        async with asyncio.timeout(10):
            await asyncio.to_thread(holder.started.wait)
        stop.set()
        async with asyncio.timeout(10):
            await serving
        assert not holder.release.is_set()  # the load is still running, the app has stopped
        async with asyncio.timeout(10):
            reply = await reload  # the /reload in flight is answered, not left hanging
        assert "the bot is stopping: nothing was reloaded" in reply.messages[0].paragraphs[0]
    finally:
        holder.release.set()
        serving.cancel()
        reload.cancel()
