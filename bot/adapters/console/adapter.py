"""The console adapter: commands typed on stdin, replies and posts on stdout.

It needs no token, so a new admin can try the whole bot on the bundled facts, and it is
also the whole-bot fixture for subprocess tests. It is one more adapter of the one App:
the same store, ledger, scheduler and commands as on the platforms.

On a terminal it greets and shows a prompt; on a pipe it prints replies only, so scripts
and tests read nothing but the bot's answers. Input is read on the event loop (a pipe or
a terminal) or, for a regular file, in a thread that ends at end of file: never a thread
blocked on a terminal at exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import threading
from collections.abc import Callable, Sequence
from typing import TextIO

from bot.adapters.console.render import render
from bot.core.commands.context import ChatContext
from bot.core.i18n import texts
from bot.core.messages import Message, Reply
from bot.scheduler.sender import Outcome, SendOutcome
from bot.service.api import BotApi

SEPARATOR = "-" * 40
PROMPT = "> "
# The console's own words, in one place for the message catalogues to take over.
POST_HEADER = "[scheduled post]"


class ConsoleSender:
    """Prints posts: the `console` target (and console subscriptions)."""

    def __init__(self, out: TextIO, *, after: Callable[[], None] | None = None) -> None:
        self._out = out
        self._count = 0
        self._after = after

    @property
    def platform(self) -> str:
        return "console"

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        ids = []
        self._out.write(POST_HEADER + "\n")
        for msg in messages:
            self._count += 1
            self._out.write(render(msg) + "\n" + SEPARATOR + "\n")
            ids.append(str(self._count))
        self._out.flush()
        if self._after is not None:
            self._after()
        return SendOutcome(Outcome.SENT, message_ids=tuple(ids))


def parse_command(line: str) -> tuple[str, str] | None:
    """'/fact x' -> ('fact', 'x'); '/facts@bot q' -> ('facts', 'q'); other text -> None."""
    line = line.strip()
    if not line.startswith("/") or len(line) < 2:
        return None
    head, _, rest = line[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return (name, rest.strip()) if name else None


def _is_stream(stream: TextIO) -> bool:
    """A pipe, socket or terminal: read on the loop. Anything else (a regular file,
    /dev/null as `docker run` without `-it` gives, StringIO) cannot be polled, never
    blocks, and is read in a thread instead."""
    try:
        fd = stream.fileno()
        mode = os.fstat(fd).st_mode
    except (OSError, ValueError):  # io.StringIO has no file descriptor
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd)


class ConsoleAdapter:
    """Implements `bot.adapters.base.Adapter` for a terminal or a pipe."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        cards: Callable[[], int] = lambda: 0,
        interactive: bool | None = None,
        language: str | None = None,
    ) -> None:
        self._in = stdin
        self._out = stdout
        self._cards = cards
        self.interactive = stdin.isatty() if interactive is None else interactive
        self._prompting = False
        self._sender = ConsoleSender(stdout, after=self._reprompt)
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._transport: asyncio.BaseTransport | None = None
        self._reading: asyncio.Task[None] | None = None
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

    @property
    def connected(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    async def start(self, api: BotApi) -> None:
        """Greet on a terminal. Input is read only from `serve`, so posts already due go
        out before the first command."""
        if self.interactive:
            self.write(texts(self._context.language)("console-greeting", cards=self._cards()))

    async def serve(self, api: BotApi) -> None:
        """Answer commands until end of input."""
        await self._open_input()
        self._prompt()
        while (line := await self._lines.get()) is not None:
            self._prompting = False
            if line.strip():
                parsed = parse_command(line)
                if parsed is None:
                    self.write(texts(self._context.language)("console-not-a-command"))
                else:
                    self.show(await api.handle(parsed[0], parsed[1], self._context))
            self._prompt()
        if self.interactive:
            self.write("")  # Ctrl-D leaves the cursor after the prompt

    def show(self, reply: Reply) -> None:
        self.write(f"\n{SEPARATOR}\n".join(render(msg) for msg in reply.messages))
        self.write(SEPARATOR)

    async def stop(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reading
            self._reading = None
        if self._transport is not None:
            self._transport.close()
            self._transport = None
            # asyncio made the descriptor non-blocking; the shell shares the terminal.
            with contextlib.suppress(OSError, ValueError):
                os.set_blocking(self._in.fileno(), True)
        self._out.flush()

    def _prompt(self) -> None:
        if self.interactive:
            self._out.write(PROMPT)
            self._out.flush()
            self._prompting = True

    def _reprompt(self) -> None:
        """A post printed while the prompt waits: show the prompt again below it."""
        if self._prompting:
            self._prompt()

    async def _open_input(self) -> None:
        loop = asyncio.get_running_loop()
        if not _is_stream(self._in):
            threading.Thread(
                target=self._pump, args=(loop,), name="console-in", daemon=True
            ).start()
            return
        reader = asyncio.StreamReader()
        self._transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), self._in
        )
        self._reading = loop.create_task(self._read(reader), name="console-in")

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while line := await reader.readline():
                self._lines.put_nowait(line.decode("utf-8", "replace"))
        except (OSError, ValueError):  # a terminal hung up
            pass
        self._lines.put_nowait(None)

    def _pump(self, loop: asyncio.AbstractEventLoop) -> None:
        """A regular file (or StringIO) never blocks: read it through, then end."""
        for line in self._in:
            loop.call_soon_threadsafe(self._lines.put_nowait, line)
        loop.call_soon_threadsafe(self._lines.put_nowait, None)
