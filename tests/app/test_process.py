"""`python -m bot run` as an operator starts it: a real process, configured only through
the environment and the command line, talking to a fake Telegram started by the test.

It answers a command, reloads on SIGHUP, and stops on SIGTERM with exit code 0 within
10 seconds, never printing the token. Waits are on what the fake or the process's stderr
shows, each with a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.app.conftest import ROOT, TELEGRAM_TOKEN
from tests.fakes.telegram_api import Call, FakeTelegram, private_chat, user

START_DEADLINE = 30.0  # seconds: a cold interpreter importing PTB on a busy 2-core machine
STOP_DEADLINE = 10.0  # the graceful-stop promise
ARREST = "ales-bialiatski/bialiatski-arrest-2021"
ARREST_TITLE = "Second arrest in a sweep against rights groups"
SECRET = TELEGRAM_TOKEN.split(":")[1]


class BotProcess:
    """The subprocess with its stderr collected as it comes."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.stderr: list[str] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            self.stderr.append(raw.decode(errors="replace"))
            async with self._changed:
                self._changed.notify_all()

    async def wait_stderr(self, text: str, deadline: float = 10.0) -> None:
        try:
            async with asyncio.timeout(deadline), self._changed:
                await self._changed.wait_for(lambda: any(text in line for line in self.stderr))
        except TimeoutError:
            tail = "".join(self.stderr[-20:])
            raise AssertionError(f"no {text!r} on stderr after {deadline} s:\n{tail}") from None

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    async def exit_code(self, deadline: float = STOP_DEADLINE) -> int:
        async with asyncio.timeout(deadline):
            code = await self.proc.wait()
            await self._reader
        return code

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the bundled facts and schedules (every post to the console)."""
    facts, schedules = tmp_path / "facts", tmp_path / "schedules"
    shutil.copytree(ROOT / "facts", facts)
    shutil.copytree(ROOT / "schedules", schedules)
    return facts, schedules


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN) as server:
        yield server
        assert not server.unknown, [c.method for c in server.unknown]


async def start_bot(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram, *extra: str, **env: str
) -> BotProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DISCORD_", "ADVOCACY_"))
    }
    facts, schedules = files
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--facts",
        str(facts),
        "--schedules",
        str(schedules),
        *extra,
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env={
            **base,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_API_URL": telegram.base_url,
            "ADVOCACY_DB": f"sqlite:///{tmp_path / 'advocacy.db'}",
            **env,
        },
    )
    return BotProcess(proc)


@pytest.fixture
async def running(
    tmp_path: Path, files: tuple[Path, Path], telegram: FakeTelegram, request: pytest.FixtureRequest
) -> AsyncIterator[BotProcess]:
    """The bot, rehearsing 14 July 2026, polling the fake; killed if a test leaves it up."""
    level = getattr(request, "param", "INFO")
    bot = await start_bot(
        tmp_path, files, telegram, "--now", "2026-07-14 09:30", ADVOCACY_LOG_LEVEL=level
    )
    try:
        # The fake records a getUpdates only when the long poll returns, so "polling" is
        # the bootstrap call before the first poll plus the adapter saying it runs.
        await telegram.wait_for("deleteWebhook", timeout=START_DEADLINE)
        await bot.wait_stderr("telegram: running as @facts_bot", START_DEADLINE)
        yield bot
    finally:
        await bot.kill()
    for line in bot.stderr:
        assert TELEGRAM_TOKEN not in line and SECRET not in line, line


async def ask(telegram: FakeTelegram, text: str) -> Call:
    """A person types `text` in a private chat; the bot's answer."""
    chat = private_chat(1001)
    before = len(telegram.sent(1001))
    telegram.command(text, chat=chat, sender=user(1001))
    calls = await telegram.wait_for(
        lambda c: c.method == "sendMessage" and c.chat_id == "1001" and c.status == 200,
        before + 1,
    )
    return calls[before]


@pytest.mark.parametrize("running", ["DEBUG"], indirect=True)
async def test_answers_a_command_and_stops_cleanly_on_sigterm(
    running: BotProcess, telegram: FakeTelegram
) -> None:
    today = await ask(telegram, "/today")
    (poll,) = [c for c in telegram.of("getUpdates") if c.result]
    assert poll.params["allowed_updates"][0] == "message"
    assert today.params["parse_mode"] == "HTML"
    assert f"<b>5 years ago today: {ARREST_TITLE}</b>" in today.params["text"]

    running.signal(signal.SIGTERM)
    assert await running.exit_code() == 0
    stderr = "".join(running.stderr)
    assert "telegram adapter started" in stderr  # the log really was on, at DEBUG
    assert "Set Bot API URL" in stderr
    assert "bot.app: stopped" in stderr
    assert TELEGRAM_TOKEN not in stderr and SECRET not in stderr


async def test_sighup_reloads_the_fact_files(
    running: BotProcess, telegram: FakeTelegram, files: tuple[Path, Path]
) -> None:
    before = await ask(telegram, f"/fact {ARREST}")
    assert before.params["text"].split("\n")[0] == f"<b>{ARREST_TITLE}</b>"

    path = files[0] / "ales-bialiatski.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(f"title: {ARREST_TITLE}\n") == 1
    path.write_text(
        text.replace(f"title: {ARREST_TITLE}\n", "title: Arrested again, with colleagues\n"),
        encoding="utf-8",
    )
    running.signal(signal.SIGHUP)
    await running.wait_stderr("reloaded (SIGHUP)")

    after = await ask(telegram, f"/fact {ARREST}")
    assert after.params["text"].split("\n")[0] == "<b>Arrested again, with colleagues</b>"

    running.signal(signal.SIGTERM)
    assert await running.exit_code() == 0
