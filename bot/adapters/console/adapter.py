"""The console adapter: commands typed on stdin, replies and posts on stdout.

It needs no token, so a new admin can try the whole bot on the bundled facts, and it is
also the whole-bot fixture for subprocess tests.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import TextIO

from bot.adapters.base import Outcome, SendOutcome
from bot.adapters.console.render import render
from bot.core.commands.context import ChatContext
from bot.core.messages import Message, Reply
from bot.service.api import BotApi

SEPARATOR = "-" * 40


class ConsoleSender:
    """Prints posts: the `console` target."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._count = 0

    @property
    def platform(self) -> str:
        return "console"

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        ids = []
        for msg in messages:
            self._count += 1
            self._out.write(render(msg) + "\n" + SEPARATOR + "\n")
            ids.append(str(self._count))
        self._out.flush()
        return SendOutcome(Outcome.SENT, message_ids=tuple(ids))


def parse_command(line: str) -> tuple[str, str] | None:
    """'/fact x' -> ('fact', 'x'); '/facts@bot q' -> ('facts', 'q'); other text -> None."""
    line = line.strip()
    if not line.startswith("/") or len(line) < 2:
        return None
    head, _, rest = line[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return (name, rest.strip()) if name else None


class ConsoleAdapter:
    def __init__(self, stdin: TextIO, stdout: TextIO, *, language: str | None = None) -> None:
        self._in = stdin
        self._out = stdout
        self._sender = ConsoleSender(stdout)
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._context = ChatContext(
            platform="console",
            chat_id="console",
            chat_kind="private",
            user_id="console",
            language=language,
            is_bot_admin=True,  # whoever holds the terminal runs the bot
            chat_title="console",
        )

    @property
    def platform(self) -> str:
        return "console"

    @property
    def sender(self) -> ConsoleSender:
        return self._sender

    def write(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    async def start(self, api: BotApi) -> None:
        """Start reading stdin in a daemon thread, so a blocked read never holds up exit."""
        loop = asyncio.get_running_loop()

        def pump() -> None:
            for line in self._in:
                loop.call_soon_threadsafe(self._lines.put_nowait, line)
            loop.call_soon_threadsafe(self._lines.put_nowait, None)

        threading.Thread(target=pump, name="console-stdin", daemon=True).start()

    async def serve(self, api: BotApi) -> None:
        """Answer commands until end of input."""
        while (line := await self._lines.get()) is not None:
            if not line.strip():
                continue
            parsed = parse_command(line)
            if parsed is None:
                self.write("Commands start with a slash, for example /today. Type /help.")
                continue
            self.show(await api.handle(parsed[0], parsed[1], self._context))

    def show(self, reply: Reply) -> None:
        self.write(f"\n{SEPARATOR}\n".join(render(msg) for msg in reply.messages))
        self.write(SEPARATOR)

    async def stop(self) -> None:
        self._out.flush()
