"""In-process senders for ledger and broadcast tests: scripted outcomes, full records."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.core.messages import Message
from bot.scheduler.sender import Outcome, SendOutcome

Script = Callable[[str, int], SendOutcome]  # (chat, attempt number for that chat) -> outcome


def always_sent(chat: str, attempt: int) -> SendOutcome:
    return SendOutcome(Outcome.SENT, message_ids=(f"{chat}-{attempt}",))


@dataclass
class RecordingSender:
    """Answers each send from `script`; remembers every call and the peak concurrency.

    `gate`, when given, holds every send until the test sets it, so a test can stop the
    bot with sends provably in flight.
    """

    platform: str
    script: Script = always_sent
    gate: asyncio.Event | None = None
    calls: list[tuple[str, str, tuple[Message, ...]]] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0
    started: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def send(
        self, chat: str, messages: Sequence[Message], *, delivery_key: str
    ) -> SendOutcome:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            async with self.started:
                self.calls.append((chat, delivery_key, tuple(messages)))
                self.started.notify_all()
            if self.gate is not None:
                await self.gate.wait()
            else:
                await asyncio.sleep(0)  # let other sends start: exercises the in-flight cap
            attempt = sum(1 for c, _, _ in self.calls if c == chat)
            return self.script(chat, attempt)
        finally:
            self.in_flight -= 1

    def delivered(self) -> list[str]:
        return [chat for chat, _, _ in self.calls]

    async def wait_calls(self, n: int, deadline: float = 10.0) -> None:
        async with asyncio.timeout(deadline), self.started:
            await self.started.wait_for(lambda: len(self.calls) >= n)
