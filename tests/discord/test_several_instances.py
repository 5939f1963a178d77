"""Two bot processes, one token, one PostgreSQL database: one gateway session at a time.

Discord sends every INTERACTION_CREATE to every session of a token, so the fake does too
(`dispatch_all`). The leader (the holder of the leader lock) identifies; the follower stays
off the gateway, so each interaction is answered once. After a kill -9 of the leader the
follower takes the lock, identifies, and answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.content import write_content
from tests.fakes.discord_api import FakeDiscord
from tests.scheduler.procs import fresh_pg

BOT = Path(__file__).with_name("leader_bot.py")
DEADLINE = 60.0  # hang guards, not bounds


class BotProcess:
    """One `leader_bot.py` process; its log lines are read as they come."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            async with self._changed:
                self.lines.append(raw.decode("utf-8", "replace").rstrip())
                self._changed.notify_all()

    async def wait_line(self, text: str) -> None:
        try:
            async with asyncio.timeout(DEADLINE), self._changed:
                await self._changed.wait_for(lambda: any(text in line for line in self.lines))
        except TimeoutError:
            log = "\n".join(self.lines[-40:])
            raise AssertionError(f"no log line with {text!r}:\n{log}") from None

    async def end(self, *, kill: bool) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill() if kill else self.proc.terminate()
        await asyncio.wait_for(self.proc.wait(), DEADLINE)
        await self._reader


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    try:
        yield server
    finally:
        await server.close()


async def spawn(url: str, root: Path, fake: FakeDiscord) -> BotProcess:
    facts, schedules = root / "facts", root / "schedules"
    args = ["--db", url, "--facts", str(facts), "--schedules", str(schedules)]
    args += ["--api", fake.api_url, "--gateway", fake.gateway_url]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(BOT), *args, stderr=asyncio.subprocess.PIPE
    )
    return BotProcess(proc)


async def answer_once(fake: FakeDiscord, command: str) -> dict[str, Any]:
    """Dispatch a slash command to every open session; it gets one callback."""
    payload = fake.slash(command)
    assert await fake.dispatch_all("INTERACTION_CREATE", payload) == 1
    await fake.wait_for(lambda: fake.responses.get(payload["token"]), DEADLINE, "an answer")
    return payload


def callbacks(fake: FakeDiscord, payload: dict[str, Any]) -> int:
    return sum(c.path.endswith("/callback") for c in fake.responses.get(payload["token"], []))


async def test_only_the_leader_holds_the_gateway_and_a_follower_takes_over(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    write_content(tmp_path)
    async with fresh_pg() as url:
        bots: list[BotProcess] = []
        try:
            leader = await spawn(url, tmp_path, fake)
            bots.append(leader)
            await fake.wait_for(lambda: fake.gateway.sessions, DEADLINE, "the leader's session")
            follower = await spawn(url, tmp_path, fake)
            bots.append(follower)
            await follower.wait_line("another instance is broadcasting; following")

            first = await answer_once(fake, "facts")
            assert len(fake.gateway.identifies) == 1
            assert fake.gateway.identifies[0]["shard"] == [0, 1]  # sharded, from /gateway/bot

            await leader.end(kill=True)  # kill -9: no goodbye, the lock goes with its session
            await follower.wait_line("took over as the broadcasting instance")
            await fake.wait_for(
                lambda: len(fake.gateway.identifies) == 2 and fake.gateway.sessions,
                DEADLINE,
                "the new leader's session",
            )
            second = await answer_once(fake, "facts")
            await follower.end(kill=False)
        finally:
            for bot in bots:
                await bot.end(kill=True)
    assert fake.gateway.most_sessions == 1  # never two sessions at once
    assert len(fake.gateway.identifies) == 2
    assert (callbacks(fake, first), callbacks(fake, second)) == (1, 1)
    assert fake.unexpected() == []
